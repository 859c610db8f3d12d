// Tests of UTF-8 validation, NFC and folding.
#include "locales/text.hpp"

#include <doctest/doctest.h>

using namespace gw::locales;

TEST_CASE("UTF-8 validation rejects ill-formed sequences") {
  CHECK(IsValidUtf8("Đăng ký khai sinh"));
  CHECK(IsValidUtf8(""));
  CHECK_FALSE(IsValidUtf8("\xC3"));              // truncated
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(IsValidUtf8("abc\xFF"));
}

TEST_CASE("NFD input becomes NFC") {
  // "hồ sơ" written as o + combining circumflex + combining grave, s + o + combining horn.
  CHECK(ToNfc("ho\xCC\x82\xCC\x80 so\xCC\x9B") == "hồ sơ");
  CHECK(ToNfc("hồ sơ") == "hồ sơ");
}

TEST_CASE("folding drops diacritics and case, and reads đ and Ð as d") {
  CHECK(FoldDiacritics("Đăng ký KHAI SINH") == "dang ky khai sinh");
  CHECK(FoldDiacritics("ĐƯỜNG") == "duong");
  CHECK(FoldDiacritics("\xC3\x90\xC4\x83ng k\xC3\xBD") == "dang ky");  // Ð (U+00D0) typed for Đ
  CHECK(FoldDiacritics("ho\xCC\x82\xCC\x80 so\xCC\x9B") == "ho so");
  CHECK(FoldDiacritics("Thủ tục hành chính") == "thu tuc hanh chinh");
  CHECK(ToLower("CĂN CƯỚC") == "căn cước");
  CHECK(CodePointCount("hồ sơ") == 5);
}
