// Tests for the Vietnamese syllable model: letters, syllable structure, tone position.
#include "locales/syllable.hpp"

#include <doctest/doctest.h>

#include <unicode/utf8.h>

#include <string>
#include <string_view>
#include <vector>

namespace gw::locales {

TEST_CASE("letters split and join") {
  const char* rows[] = {"aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
                        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ"};
  for (const char* row : rows) {
    SUBCASE(row) {
      int tone = 0;
      const auto* p = reinterpret_cast<const uint8_t*>(row);
      const auto len = static_cast<int32_t>(std::char_traits<char>::length(row));
      for (int32_t i = 0; i < len;) {
        UChar32 c;
        U8_NEXT(p, i, len, c);
        const auto l = SplitLetter(static_cast<char32_t>(c));
        REQUIRE(l.has_value());
        CHECK(static_cast<int>(l->tone) == tone);
        CHECK_FALSE(l->upper);
        CHECK(JoinLetter(*l) == static_cast<char32_t>(c));
        Letter up = *l;
        up.upper = true;
        const auto back = SplitLetter(JoinLetter(up));
        REQUIRE(back.has_value());
        CHECK(back->upper);
        CHECK(back->base == l->base);
        CHECK(back->tone == l->tone);
        ++tone;
      }
      CHECK(tone == 6);
    }
  }
  CHECK(SplitLetter(U'Đ')->base == U'đ');
  CHECK(SplitLetter(0x00D0)->base == U'đ');
  CHECK_FALSE(SplitLetter(U'ñ').has_value());
  CHECK_FALSE(SplitLetter(U'1').has_value());
  CHECK(JoinLetter(Letter{U'ư', Tone::kTilde, true}) == U'Ữ');
}

TEST_CASE("Vietnamese syllables") {
  const char* valid[] = {"người", "Nguyễn", "khai",  "sinh", "nghiêng", "khuếch", "quốc",
                         "giếng", "gì",     "gìn",   "ữ",    "oà",      "yêu",    "khuya",
                         "thuở",  "xoáy",   "ĐƯỜNG", "Ím",   "ạ"};
  const char* invalid[] = {"hello", "UBND", "tươ",  "ka",   "ce",   "ngi",  "kys",
                           "mêt",   "viet", "café", "quu",  "qa",   "iên",  "tyên",
                           "fan",   "ăn2",  "",     "sóc1", "hoàc", "xyzw", "ngườii"};
  for (const char* w : valid) {
    SUBCASE(w) {
      CHECK(IsVietnameseSyllable(w));
    }
  }
  for (const char* w : invalid) {
    SUBCASE(w) {
      CHECK_FALSE(IsVietnameseSyllable(w));
    }
  }
}

TEST_CASE("Vietnamese syllables written without diacritics") {
  const char* valid[] = {"duong", "viet", "dang", "ky", "khai", "nguoi", "Nguyen", "gi", "quyet"};
  const char* invalid[] = {"hello", "kys", "hoof", "sow", "ddawng", "khoong", "tooi", "the1"};
  for (const char* w : valid) {
    SUBCASE(w) {
      CHECK(IsPlainVietnameseSyllable(w));
    }
  }
  for (const char* w : invalid) {
    SUBCASE(w) {
      CHECK_FALSE(IsPlainVietnameseSyllable(w));
    }
  }
}

TEST_CASE("canonical tone position") {
  auto position = [](std::u32string_view word) {
    std::vector<Letter> letters;
    for (char32_t c : word) letters.push_back(*SplitLetter(c));
    return CanonicalTonePosition(letters);
  };
  CHECK(position(U"hoà") == 1u);
  CHECK(position(U"quý") == 2u);
  CHECK(position(U"người") == 3u);
  CHECK(position(U"hoàn") == 2u);
  CHECK(position(U"ngoài") == 3u);
  CHECK_FALSE(position(U"hóà").has_value());  // two tones
}

}  // namespace gw::locales
