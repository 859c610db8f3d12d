// HTML-only mail made readable as plain text: what the bot and the officer inbox work on.
#pragma once

#include <string>
#include <string_view>

namespace gw::channels::email {

// Tags removed; <script>, <style>, <head> and comments dropped with their content; block
// elements (p, div, br, li, tr, h1-h6, blockquote, table...) become line breaks; entities
// decoded (named ones common in mail, and every numeric one); runs of spaces collapsed, at most
// one blank line in a row. Input and output are UTF-8. Not a renderer: no tables or lists
// layout beyond line breaks, and "- " before list items.
std::string HtmlToText(std::string_view html);

}  // namespace gw::channels::email
