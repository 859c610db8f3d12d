// Tests for Vietnamese normalisation: tone placement, NFC, Ð, clean-up, legacy repair, syllables.
#include "locales/normalize.hpp"

#include <doctest/doctest.h>

#include <unicode/utf8.h>

#include <string>
#include <vector>

#include "locales/text.hpp"

namespace gw::locales {
namespace {

struct Row {
  const char* in;
  const char* out;
};

}  // namespace

TEST_CASE("tone marks go where the house convention puts them") {
  const Row rows[] = {
      // oa, oe, uy without a final: the first vowel (the difference between the conventions).
      {"hoà", "hòa"},
      {"hòa", "hòa"},
      {"thuý", "thúy"},
      {"thúy", "thúy"},
      {"khoẻ", "khỏe"},
      {"khỏe", "khỏe"},
      {"uỷ ban", "ủy ban"},
      {"Thuỵ Điển", "Thụy Điển"},
      {"HOÀ BÌNH", "HÒA BÌNH"},
      {"Cộng hoà", "Cộng hòa"},
      {"hoá đơn", "hóa đơn"},
      // qu and gi belong to the initial: these keep their marks.
      {"quý", "quý"},
      {"giữ", "giữ"},
      {"qua", "qua"},
      {"gìn", "gìn"},
      {"quà", "quà"},
      {"quyết", "quyết"},
      {"giường", "giường"},
      {"giếng", "giếng"},
      {"qúa", "quá"},  // typed on the u of qu
      // Where both conventions agree.
      {"hoàn", "hoàn"},
      {"khoét", "khoét"},
      {"huỳnh", "huỳnh"},
      {"ngoài", "ngoài"},
      {"người", "người"},
      {"của", "của"},
      {"mía", "mía"},
      {"thuở", "thuở"},
      {"khuỷu", "khuỷu"},
      {"Nguyễn", "Nguyễn"},
      {"múôn", "muốn"},  // the mark belongs on the hatted vowel
      {"ngừơi", "người"},
      // Not Vietnamese syllables: left as they are.
      {"café", "café"},
      {"Zoë", "Zoë"},
  };
  for (const Row& r : rows) {
    SUBCASE(r.in) {
      CHECK(NormalizeVietnamese(r.in) == r.out);
    }
  }
}

TEST_CASE("decomposed input is composed") {
  const Row rows[] = {
      {"Vie\xCC\x82\xCC\xA3t Nam", "Việt Nam"},  // e + U+0302 + U+0323
      {"Vie\xCC\xA3\xCC\x82t Nam", "Việt Nam"},  // marks in the other order
      {"hoa\xCC\x80", "hòa"},                    // NFD "hoà", then the house placement
      {"Nguye\xCC\x82\xCC\x83n", "Nguyễn"},
      {"\xC3\xAA\xCC\x81", "ế"},  // precomposed ê + combining acute
  };
  for (const Row& r : rows) {
    SUBCASE(r.out) {
      CHECK(NormalizeVietnamese(r.in) == r.out);
    }
  }
}

TEST_CASE("Ð (U+00D0) is read as Đ") {
  CHECK(NormalizeVietnamese("Ðăng ký") == "Đăng ký");
  CHECK(NormalizeVietnamese("ÐỒNG NAI") == "ĐỒNG NAI");
  CHECK(NormalizeForMatching("ÐỒNG NAI") == "đồng nai");
  CHECK(FoldedView("Ðồng Nai") == "dong nai");
}

TEST_CASE("emoji, control characters and whitespace") {
  const Row rows[] = {
      {"cảm ơn 🙏🙏", "cảm ơn"},
      {"tôi😀muốn hỏi", "tôi muốn hỏi"},
      {"👍🏽 được", "được"},                                   // skin tone modifier
      {"🇻🇳 Việt Nam", "Việt Nam"},                                     // flag
      {"gia đình 👨‍👩‍👧 tôi", "gia đình tôi"},          // ZWJ sequence
      {"bấm 1️⃣ để gặp cán bộ", "bấm 1 để gặp cán bộ"},  // keycap keeps its digit
      {"  xin\t\tchào \n bạn  ", "xin chào bạn"},
      {"xin\xC2\xA0"
       "chào",
       "xin chào"},  // no-break space
      {"xin\xE2\x80\x8B"
       "chào",
       "xin chào"},  // zero width space
      {"xin\x01"
       "chào\x7F",
       "xinchào"},  // controls are dropped
      {"đăng\xC2\xAD"
       "ký",
       "đăngký"},  // soft hyphen is dropped
      {"\xEF\xBB\xBF"
       "xin chào",
       "xin chào"},  // byte order mark
      {"", ""},
      {" \t\n ", ""},
  };
  for (const Row& r : rows) {
    SUBCASE(r.out) {
      CHECK(NormalizeVietnamese(r.in) == r.out);
    }
  }
}

TEST_CASE("punctuation runs") {
  const Row rows[] = {
      {"sao lâu vậy!!!", "sao lâu vậy!"},
      {"thật không???", "thật không?"},
      {"ừ....", "ừ..."},
      {"ừ..", "ừ..."},
      {"ừ…", "ừ..."},
      {"ừ...", "ừ..."},
      {"hả?!?!", "hả?!?!"},  // mixed runs are kept: they may mean something
      {"a --- b", "a - b"},
      {"C++ và C#", "C++ và C#"},
      {"hết.", "hết."},
      {"000.00.12.H29-241023-0001", "000.00.12.H29-241023-0001"},
      {"https://dichvucong.gov.vn/p/home", "https://dichvucong.gov.vn/p/home"},
      {"0912.345.678", "0912.345.678"},
  };
  for (const Row& r : rows) {
    SUBCASE(r.in) {
      CHECK(NormalizeVietnamese(r.in) == r.out);
    }
  }
}

TEST_CASE("legacy encodings are repaired first") {
  CHECK(NormalizeVietnamese("Xin chaøo") == "Xin chào");               // VNI mojibake
  CHECK(NormalizeVietnamese("Céng hoµ x· héi") == "Cộng hòa xã hội");  // TCVN3, old hoà placement
  CHECK(NormalizeVietnamese("Co^.ng ho`a xa~ ho^.i") == "Cộng hòa xã hội");  // VIQR
  CHECK(NormalizeForMatching("§¡NG Ký") == "đăng ký");
}

TEST_CASE("ordinary text keeps its letters") {
  const char* texts[] = {
      "Hello, how are you?",
      "I'm fine. Thank you.",
      "dang ky khai sinh o dau",
      "Cộng hòa xã hội chủ nghĩa Việt Nam",
      "Tôi là Hà",
      "UBND phường Bến Nghé",
  };
  for (const char* t : texts) {
    SUBCASE(t) {
      CHECK(NormalizeVietnamese(t) == t);
    }
  }
}

TEST_CASE("matching forms") {
  CHECK(NormalizeForMatching("ĐĂNG KÝ Khai Sinh") == "đăng ký khai sinh");
  CHECK(NormalizeForMatching("Hoà  BÌNH!!") == "hòa bình!");
  CHECK(NormalizeForMatching("ÁO DÀI") == "áo dài");
  CHECK(FoldedView("Đăng ký KHAI SINH!!") == "dang ky khai sinh!");
  CHECK(FoldedView("Người dân được phục vụ") == "nguoi dan duoc phuc vu");
  CHECK(FoldDiacritics(NormalizeForMatching("Thuỷ")) == FoldedView("Thuỷ"));
}

TEST_CASE("normalisation is idempotent and always valid UTF-8") {
  const char* texts[] = {
      "hoà thuý khoẻ!!! 🙏  Ðăng ký",
      "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam",
      "Céng hßa x· héi chñ nghÜa ViÖt Nam",
      "\xA7\xA8ng k\xFD khai sinh",
      "\xFF\xFE garbage \x80",
      "Vie\xCC\x82\xCC\xA3t....",
      "abc\xE1\xBB",
  };
  for (const char* t : texts) {
    SUBCASE(t) {
      const std::string once = NormalizeVietnamese(t);
      CHECK(IsValidUtf8(once));
      CHECK(NormalizeVietnamese(once) == once);
      const std::string matching = NormalizeForMatching(t);
      CHECK(NormalizeForMatching(matching) == matching);
    }
  }
}

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
