// Tests for Vietnamese normalisation: tone placement, NFC, Ð, clean-up, legacy repair.
#include "locales/normalize.hpp"

#include <doctest/doctest.h>

#include <string>

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

}  // namespace gw::locales
