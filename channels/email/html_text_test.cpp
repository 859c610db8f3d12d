// Tests of HTML to text.
#include "channels/email/html_text.hpp"

#include <doctest/doctest.h>

using gw::channels::email::HtmlToText;

TEST_CASE("HTML to text: tags, entities, blocks, dropped content") {
  struct Case {
    const char* html;
    const char* text;
  };
  const Case cases[] = {
      {"<b>Xin</b>  <i>ch&agrave;o</i>\n  b&#7841;n", "Xin chào bạn"},
      {"a<br>b<br/>c", "a\nb\nc"},
      {"<p>one</p><p>two</p>", "one\n\ntwo"},
      {"<script>var x = '<p>';</script><style>.a{}</style>shown", "shown"},
      {"<!-- hidden <p> -->shown", "shown"},
      {"&amp;lt; &#x1EC7; &#7879; &unknown; & alone", "&lt; ệ ệ &unknown; & alone"},
      {"<table><tr><td>Mã</td><td>000.00.12</td></tr></table>", "Mã 000.00.12"},
      {"x<blockquote>quoted<br>more</blockquote>y", "x\n\n> quoted\n> more\n\ny"},
      {"a&nbsp;&nbsp;b", "a b"},
      {"cut <b", "cut"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.html);
    CHECK(HtmlToText(c.html) == c.text);
  }
}
