// Tests of GSM-7/UCS-2 choice, part counting, Vietnamese folding and SMS text decoding.
#include "channels/sms/sms_text.hpp"

#include <doctest/doctest.h>

namespace sms = gw::channels::sms;
using sms::SmsCoding;

namespace {

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("segments: GSM-7 160/153, UCS-2 70/67, table") {
  struct Case {
    std::string text;
    SmsCoding coding;
    int units;
    int parts;
  };
  const Case cases[] = {
      {"", SmsCoding::kGsm7, 0, 0},
      {Repeat("a", 160), SmsCoding::kGsm7, 160, 1},
      {Repeat("a", 161), SmsCoding::kGsm7, 161, 2},
      {Repeat("a", 306), SmsCoding::kGsm7, 306, 2},
      {Repeat("a", 307), SmsCoding::kGsm7, 307, 3},
      {"Xin chào bà @ £ è", SmsCoding::kGsm7, 17, 1},  // à, è, £ are in the GSM alphabet
      {Repeat("€", 80), SmsCoding::kGsm7, 160, 1},     // extension characters take two septets
      {Repeat("{", 81), SmsCoding::kGsm7, 162, 2},
      {Repeat("{", 153), SmsCoding::kGsm7, 306, 3},  // 76 pairs fit in 153 septets, not 76.5
      {"a`b", SmsCoding::kUcs2, 3, 1},               // the backtick has no GSM-7 code
      {"Xin chào đồng bào", SmsCoding::kUcs2, 17, 1},
      {Repeat("đ", 70), SmsCoding::kUcs2, 70, 1},
      {Repeat("đ", 71), SmsCoding::kUcs2, 71, 2},
      {Repeat("đ", 134), SmsCoding::kUcs2, 134, 2},
      {Repeat("đ", 135), SmsCoding::kUcs2, 135, 3},
      {Repeat("😀", 35), SmsCoding::kUcs2, 70, 1},  // surrogate pairs: two units each
      // 66 units then a pair that would straddle the part boundary: it moves to part two.
      {Repeat("đ", 66) + Repeat("😀", 3), SmsCoding::kUcs2, 72, 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto s = sms::CountSegments(c.text);
    REQUIRE(s.has_value());
    CHECK(s->coding == c.coding);
    CHECK(s->units == c.units);
    CHECK(s->parts == c.parts);
  }
  CHECK_FALSE(sms::CountSegments("\xC3\x28").has_value());
}

TEST_CASE("an escape pair is never split across parts") {
  // 152 'a' then '€': the pair does not fit in part one's last septet.
  auto s = sms::CountSegments(Repeat("a", 152) + "€" + Repeat("a", 10));
  REQUIRE(s.has_value());
  CHECK(s->units == 164);
  CHECK(s->parts == 2);
  s = sms::CountSegments(Repeat("a", 152) + "€" + Repeat("a", 152));
  CHECK(s->units == 306);
  CHECK(s->parts == 3);  // a naive 306/153 would say 2
}

TEST_CASE("Vietnamese folds to ASCII, precomposed or decomposed") {
  CHECK(sms::FoldVietnamese("Hồ sơ của ông/bà đã được TIẾP NHẬN") ==
        "Ho so cua ong/ba da duoc TIEP NHAN");
  CHECK(sms::FoldVietnamese("ĐĂNG KÝ Ủy ban Ỹ ỹ ạ ự ĩ ũ") == "DANG KY Uy ban Y y a u i u");
  CHECK(sms::FoldVietnamese("ho\xCC\x80\x61") == "hoa");  // o + combining grave, then 'a'
  CHECK(sms::FoldVietnamese("“Hồ sơ” – số 1…") == "\"Ho so\" - so 1...");
  CHECK(sms::FoldVietnamese("Ñ ç €") == "Ñ ç €");  // not Vietnamese: kept
  auto folded = sms::CountSegments(sms::FoldVietnamese("Hồ sơ đã được tiếp nhận"));
  CHECK(folded->coding == SmsCoding::kGsm7);
}

TEST_CASE("UTF-8 validation") {
  CHECK(sms::IsValidUtf8("Xin chào 😀"));
  CHECK_FALSE(sms::IsValidUtf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(sms::IsValidUtf8("\xED\xA0\x80"));      // a UTF-16 surrogate
  CHECK_FALSE(sms::IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(sms::IsValidUtf8("\xE1\xBB"));          // truncated
}

TEST_CASE("UTF-16BE and Latin-1 decoding") {
  CHECK(sms::Utf16BeToUtf8(std::string("\x00X\x1E\xD3\x20\x13", 6)) == "Xồ–");
  CHECK(sms::Utf16BeToUtf8(std::string("\xD8\x3D\xDE\x00", 4)) == "😀");
  CHECK_FALSE(sms::Utf16BeToUtf8(std::string("\x00X\x00", 3)).has_value());  // odd length
  CHECK_FALSE(sms::Utf16BeToUtf8(std::string("\xD8\x3D\x00X", 4)).has_value());
  CHECK_FALSE(sms::Utf16BeToUtf8(std::string("\xDE\x00", 2)).has_value());
  CHECK(sms::Latin1ToUtf8("caf\xE9") == "café");
}
