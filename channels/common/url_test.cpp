// Tests of percent-encoding and query parsing.
#include "channels/common/url.hpp"

#include <doctest/doctest.h>

namespace common = gw::channels::common;

TEST_CASE("percent-encoding keeps only unreserved characters") {
  CHECK(common::PercentEncode("aZ09-._~") == "aZ09-._~");
  CHECK(common::PercentEncode("a b&c=d/é%") == "a%20b%26c%3Dd%2F%C3%A9%25");
  CHECK(common::PercentEncode(std::string("\0\xff", 2)) == "%00%FF");
}

TEST_CASE("form decoding turns + into 0x20 before %-escapes, and refuses broken escapes") {
  CHECK(common::FormDecode("a+b%2Bc") == "a b+c");
  // UTF-16BE as Kannel sends it: "%00+" is U+0020, "+%13" is U+2013.
  CHECK(common::FormDecode("%00+%00c++%13") == std::string("\0 \0c  \x13", 7));
  CHECK_FALSE(common::FormDecode("%").has_value());
  CHECK_FALSE(common::FormDecode("%4").has_value());
  CHECK_FALSE(common::FormDecode("%zz").has_value());
}

TEST_CASE("queries split into decoded pairs in order") {
  auto q = common::ParseQuery("a=1&&b=x+y&c&d=%C3%A9");
  REQUIRE(q.ok());
  REQUIRE(q->size() == 4);
  CHECK((*q)[0].name == "a");
  CHECK((*q)[1].value == "x y");
  CHECK((*q)[2].name == "c");
  CHECK((*q)[2].value.empty());
  CHECK((*q)[3].value == "é");
  auto bad = common::ParseQuery("text=%G1");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "text: malformed %-escape");
  CHECK(common::BuildQuery({{"to", "+84 9"}, {"t", "a&b"}}) == "to=%2B84%209&t=a%26b");
}
