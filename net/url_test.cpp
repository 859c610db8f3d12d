// Tests of percent-encoding and query parsing.
#include "net/url.hpp"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

namespace net = gw::net;

TEST_CASE("percent-encoding keeps only unreserved characters") {
  CHECK(net::PercentEncode("aZ09-._~") == "aZ09-._~");
  CHECK(net::PercentEncode("a b&c=d/é%") == "a%20b%26c%3Dd%2F%C3%A9%25");
  CHECK(net::PercentEncode(std::string("\0\xff", 2)) == "%00%FF");
}

TEST_CASE("form decoding turns + into 0x20 before %-escapes, and refuses broken escapes") {
  CHECK(net::FormDecode("a+b%2Bc") == "a b+c");
  // UTF-16BE as Kannel sends it: "%00+" is U+0020, "+%13" is U+2013.
  CHECK(net::FormDecode("%00+%00c++%13") == std::string("\0 \0c  \x13", 7));
  CHECK_FALSE(net::FormDecode("%").has_value());
  CHECK_FALSE(net::FormDecode("%4").has_value());
  CHECK_FALSE(net::FormDecode("%zz").has_value());
}

TEST_CASE("queries split into decoded pairs in order") {
  auto q = net::ParseQuery("a=1&&b=x+y&c&d=%C3%A9");
  REQUIRE(q.ok());
  REQUIRE(q->size() == 4);
  CHECK((*q)[0].name == "a");
  CHECK((*q)[1].value == "x y");
  CHECK((*q)[2].name == "c");
  CHECK((*q)[2].value.empty());
  CHECK((*q)[3].value == "é");
  auto bad = net::ParseQuery("text=%G1");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "text: malformed %-escape");
  CHECK(net::BuildQuery({{"to", "+84 9"}, {"t", "a&b"}}) == "to=%2B84%209&t=a%26b");
}

TEST_CASE("query segments join back into the query byte for byte") {
  using Segments = std::vector<std::string_view>;
  CHECK(net::QuerySegments("a=1&b=%20") == Segments{"a=1", "b=%20"});
  CHECK(net::QuerySegments("a=1&&b") == Segments{"a=1", "", "b"});
  CHECK(net::QuerySegments("") == Segments{""});
  CHECK(net::QuerySegments("x=1&") == Segments{"x=1", ""});
}
