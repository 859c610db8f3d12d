// A small tag-stripping HTML to text converter (no DOM: mail HTML needs none for reading).
#include "channels/email/html_text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "channels/common/utf8.hpp"

namespace gw::channels::email {
namespace {

struct Entity {
  std::string_view name;
  char32_t cp;
};

// The named entities mail clients write, Vietnamese letters of Latin-1 included.
constexpr Entity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},      {"deg", 0xB0},     {"laquo", 0xAB},
    {"raquo", 0xBB},   {"ndash", 0x2013}, {"mdash", 0x2014},  {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"hellip", 0x2026}, {"bull", 0x2022},  {"euro", 0x20AC},
    {"Agrave", 0xC0},  {"Aacute", 0xC1},  {"Acirc", 0xC2},    {"Atilde", 0xC3},  {"Egrave", 0xC8},
    {"Eacute", 0xC9},  {"Ecirc", 0xCA},   {"Igrave", 0xCC},   {"Iacute", 0xCD},  {"Ograve", 0xD2},
    {"Oacute", 0xD3},  {"Ocirc", 0xD4},   {"Otilde", 0xD5},   {"Ugrave", 0xD9},  {"Uacute", 0xDA},
    {"Yacute", 0xDD},  {"agrave", 0xE0},  {"aacute", 0xE1},   {"acirc", 0xE2},   {"atilde", 0xE3},
    {"egrave", 0xE8},  {"eacute", 0xE9},  {"ecirc", 0xEA},    {"igrave", 0xEC},  {"iacute", 0xED},
    {"ograve", 0xF2},  {"oacute", 0xF3},  {"ocirc", 0xF4},    {"otilde", 0xF5},  {"ugrave", 0xF9},
    {"uacute", 0xFA},  {"yacute", 0xFD},
};

constexpr std::string_view kBlockTags[] = {
    "p",  "div", "br", "li", "tr",         "table", "h1",     "h2",     "h3",      "h4",      "h5",
    "h6", "ul",  "ol", "hr", "blockquote", "pre",   "header", "footer", "section", "article",
};

// Markers HtmlToText leaves for Tidy where a <blockquote> opens and closes (control characters
// that mail text does not carry).
constexpr char kQuoteOpen = '\x01';
constexpr char kQuoteClose = '\x02';

// Text for people: control characters other than tab and newline become U+FFFD.
void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x20 && cp != '\n' && cp != '\t') cp = 0xFFFD;
  common::AppendUtf8(out, cp);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Decodes the entity at html[i] == '&'; returns the bytes consumed (0: not an entity).
std::size_t DecodeEntity(std::string_view html, std::size_t i, std::string& out) {
  auto semi = html.find(';', i);
  if (semi == std::string_view::npos || semi - i > 12) return 0;
  std::string_view name = html.substr(i + 1, semi - i - 1);
  if (name.starts_with("#")) {
    std::uint32_t cp = 0;
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
    if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size()) return 0;
    AppendUtf8(out, cp);
    return semi - i + 1;
  }
  for (const auto& e : kEntities) {
    if (e.name == name) {
      AppendUtf8(out, e.cp);
      return semi - i + 1;
    }
  }
  return 0;
}

bool IsBlock(std::string_view tag) {
  return std::find(std::begin(kBlockTags), std::end(kBlockTags), tag) != std::end(kBlockTags);
}

// Collapses spaces, trims lines, keeps at most one blank line in a row.
std::string Tidy(std::string_view raw) {
  std::string out;
  std::string line;
  int blank_run = 0;
  int quote_depth = 0;  // inside <blockquote>: lines get "> " so quote stripping sees them
  auto flush = [&] {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) {
      if (!out.empty() && ++blank_run == 1) out += "\n";
    } else {
      blank_run = 0;
      out += line + "\n";
    }
    line.clear();
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\n') {
      flush();
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      if (!line.empty() && line.back() != ' ') line.push_back(' ');
    } else if (c == '\xC2' && i + 1 < raw.size() && raw[i + 1] == '\xA0') {  // nbsp
      if (!line.empty() && line.back() != ' ') line.push_back(' ');
      ++i;
    } else if (c == kQuoteOpen || c == kQuoteClose) {
      quote_depth = std::max(0, quote_depth + (c == kQuoteOpen ? 1 : -1));
    } else {
      if (line.empty() || line == " ") {
        line.clear();
        for (int d = 0; d < quote_depth; ++d) line += "> ";
      }
      line.push_back(c);
    }
  }
  flush();
  while (out.ends_with("\n")) out.pop_back();
  return out;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string raw;
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '&') {
      std::size_t used = DecodeEntity(html, i, raw);
      if (used == 0) raw.push_back('&');
      i += used == 0 ? 1 : used;
      continue;
    }
    if (c != '<') {
      raw.push_back(c == '\n' || c == '\r' ? ' ' : c);  // source line breaks are spaces in HTML
      ++i;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      auto end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    auto close = html.find('>', i);
    if (close == std::string_view::npos) break;  // a cut tag at the end: drop it
    std::string_view tag = html.substr(i + 1, close - i - 1);
    bool end_tag = tag.starts_with("/");
    if (end_tag) tag.remove_prefix(1);
    auto name_end = tag.find_first_of(" \t\r\n/");
    std::string name = Lower(tag.substr(0, name_end));
    i = close + 1;
    if (!end_tag && (name == "script" || name == "style" || name == "head" || name == "title")) {
      // Skip to the matching end tag, content and all.
      std::string lower_rest = Lower(html.substr(i));
      auto end = lower_rest.find("</" + name);
      if (end == std::string::npos) break;
      auto gt = lower_rest.find('>', end);
      i += gt == std::string::npos ? lower_rest.size() : gt + 1;
      continue;
    }
    if (name == "blockquote") raw.push_back(end_tag ? kQuoteClose : kQuoteOpen);
    if (IsBlock(name) && !(end_tag && name == "li")) {
      raw.push_back('\n');
      if (!end_tag && name == "li") raw += "- ";
      if (name == "p" || name == "blockquote" || name == "table" || name.starts_with("h")) {
        raw.push_back('\n');
      }
    } else if (name == "td" || name == "th") {
      raw.push_back(' ');
    }
  }
  return Tidy(raw);
}

}  // namespace gw::channels::email
