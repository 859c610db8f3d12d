// Tests for legacy encoding detection and conversion: every table on real Vietnamese strings,
// as raw bytes and as windows-1252 mojibake, plus the texts that must be left alone.
#include "locales/legacy_encoding.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "locales/text.hpp"

namespace gw::locales {
namespace {

// What a windows-1252 reader makes of legacy bytes: every byte from 0xA0 up is the latin-1 code
// point of the same value. (The test strings avoid 0x80..0x9F, where the two differ.)
std::string Mojibake(std::string_view bytes) {
  std::string out;
  for (unsigned char b : bytes) {
    REQUIRE((b < 0x80 || b >= 0xA0));
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
    } else {
      out.push_back(static_cast<char>(0xC0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
    }
  }
  return out;
}

struct Case {
  const char* unicode;
  const char* legacy;  // bytes, written by hand from the published table
};

// TCVN3: one byte per letter, lower case only (0xB5 à, 0xDF ò, 0xE9 ộ, 0xA7 Đ, 0xA8 ă ...).
const std::vector<Case> kTcvn3 = {
    {"Cộng hòa xã hội chủ nghĩa Việt Nam",
     "C\xE9ng h\xDF"
     "a x\xB7 h\xE9i ch\xF1 ngh\xDC"
     "a Vi\xD6t Nam"},
    {"Đăng ký khai sinh", "\xA7\xA8ng k\xFD khai sinh"},
    {"Nguyễn Thị Thúy", "Nguy\xD4n Th\xDE Th\xF3y"},
    {"Trường Sơn", "Tr\xAD\xEAng S\xACn"},
    {"Độc lập - Tự do - Hạnh phúc",
     "\xA7\xE9"
     "c l\xCBp - T\xF9 do - H\xB9nh ph\xF3"
     "c"},
};

// VNI-Windows: base letter + mark byte (0xE4 ä = hat + nặng, 0xF8 ø = huyền, 0xF5 õ = ngã,
// 0xFB û = hỏi, 0xF9 ù = sắc, 0xEA ê = breve); ĩ 0xF3, ị 0xF2, ư 0xF6, ơ 0xF4, Đ 0xD1 alone.
const std::vector<Case> kVni = {
    {"Cộng hòa xã hội chủ nghĩa Việt Nam",
     "Co\xE4ng ho\xF8"
     "a xa\xF5 ho\xE4i chu\xFB ngh\xF3"
     "a Vie\xE4t Nam"},
    {"Đăng ký khai sinh",
     "\xD1"
     "a\xEAng ky\xF9 khai sinh"},
    {"Nguyễn Thị Thúy", "Nguye\xE3n Th\xF2 Thu\xF9y"},
    {"Người dân", "Ng\xF6\xF4\xF8i da\xE2n"},
    {"CỘNG HÒA",
     "CO\xC4NG HO\xD8"
     "A"},
    {"Xin chào", "Xin cha\xF8o"},
};

// Windows-1258: precomposed where the code page has the letter (ô 0xF4, ê 0xEA, ă 0xE3, Đ 0xD0,
// ú 0xFA), else base + combining mark (0xCC huyền, 0xD2 hỏi, 0xDE ngã, 0xEC sắc, 0xF2 nặng).
const std::vector<Case> kCp1258 = {
    {"Cộng hòa xã hội chủ nghĩa Việt Nam",
     "C\xF4\xF2ng ho\xCC"
     "a xa\xDE h\xF4\xF2i chu\xD2 nghi\xDE"
     "a Vi\xEA\xF2t Nam"},
    {"Đăng ký khai sinh", "\xD0\xE3ng ky\xEC khai sinh"},
    {"Nguyễn Thị Thúy", "Nguy\xEA\xDEn Thi\xF2 Th\xFAy"},
};

// VIQR (RFC 1456), ASCII.
const std::vector<Case> kViqr = {
    {"Cộng hòa xã hội chủ nghĩa Việt Nam", "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam"},
    {"Tôi muốn đăng ký khai sinh", "To^i muo^'n dda(ng ky' khai sinh"},
    {"Nguyễn Thị Thúy", "Nguye^~n Thi. Thu'y"},
    {"Người dân được phục vụ tận tình", "Ngu+o+`i da^n ddu+o+.c phu.c vu. ta^.n ti`nh"},
};

void CheckTable(const std::vector<Case>& table, LegacyEncoding encoding) {
  for (const Case& c : table) {
    SUBCASE(c.unicode) {
      const std::string mojibake = Mojibake(c.legacy);
      CHECK(ConvertToUnicode(c.legacy, encoding) == c.unicode);
      CHECK(ConvertToUnicode(mojibake, encoding) == c.unicode);
      CHECK(DetectEncoding(c.legacy) == encoding);
      CHECK(DetectEncoding(mojibake) == encoding);
      CHECK(RepairVietnamese(c.legacy) == c.unicode);
      CHECK(RepairVietnamese(mojibake) == c.unicode);
      // The repaired text is Unicode now and stays as it is.
      CHECK(DetectEncoding(c.unicode) == LegacyEncoding::kUnicode);
      CHECK(RepairVietnamese(c.unicode) == c.unicode);
    }
  }
}

}  // namespace

TEST_CASE("TCVN3 converts and is detected, raw and as mojibake") {
  CheckTable(kTcvn3, LegacyEncoding::kTcvn3);
}

TEST_CASE("TCVN3 mojibake seen in the wild") {
  // The classic rendering of TCVN3 read as windows-1252, typed here as UTF-8 text.
  CHECK(RepairVietnamese("Céng hßa x· héi chñ nghÜa ViÖt Nam") ==
        "Cộng hòa xã hội chủ nghĩa Việt Nam");
  CHECK(RepairVietnamese("§éc lËp - Tù do - H¹nh phóc") == "Độc lập - Tự do - Hạnh phúc");
}

TEST_CASE("TCVN3 words written in capitals come back in capitals") {
  // Upper case was a font (.VnTimeH) over the same lower-case bytes.
  CHECK(ConvertToUnicode("C\xE9NG H\xDF"
                         "A",
                         LegacyEncoding::kTcvn3) == "CỘNG HÒA");
  // A short word with one capital follows its neighbours.
  CHECK(ConvertToUnicode("\xA7\xA8NG K\xFD KHAI SINH", LegacyEncoding::kTcvn3) ==
        "ĐĂNG KÝ KHAI SINH");
  CHECK(ConvertToUnicode("GI\xCAY T\xEA", LegacyEncoding::kTcvn3) == "GIẤY TỜ");
  // Otherwise one capital is just a capitalised word.
  CHECK(ConvertToUnicode("H\xB5 N\xE9i", LegacyEncoding::kTcvn3) == "Hà Nội");
  CHECK(ConvertToUnicode("\xA7\xA8ng K\xFD khai sinh", LegacyEncoding::kTcvn3) ==
        "Đăng Ký khai sinh");
}

TEST_CASE("VNI converts and is detected, raw and as mojibake") {
  CheckTable(kVni, LegacyEncoding::kVni);
}

TEST_CASE("CP1258 converts through ICU and is detected, raw and as mojibake") {
  CheckTable(kCp1258, LegacyEncoding::kCp1258);
}

TEST_CASE("VIQR converts and is detected") {
  for (const Case& c : kViqr) {
    SUBCASE(c.unicode) {
      CHECK(ConvertToUnicode(c.legacy, LegacyEncoding::kViqr) == c.unicode);
      CHECK(DetectEncoding(c.legacy) == LegacyEncoding::kViqr);
      CHECK(RepairVietnamese(c.legacy) == c.unicode);
    }
  }
}

TEST_CASE("VIQR punctuation and escapes") {
  struct Row {
    const char* viqr;
    const char* unicode;
  };
  const Row rows[] = {
      {"Ca?m o+n ba.n.", "Cảm ơn bạn."},                         // '.' after a consonant: full stop
      {"Ba.n te^n gi`?", "Bạn tên gì?"},                         // the word already has its tone
      {"Ho. te^n", "Họ tên"},                                    // sentence goes on: a tone
      {"To^i dde^'n to^i. Xin cha`o", "Tôi đến tôi. Xin chào"},  // lower-case word, then a capital
      {"Ddi dda^u\\?", "Đi đâu?"},                               // RFC 1456 escape
      {"DDa(ng ky'", "Đăng ký"},
  };
  for (const Row& r : rows) {
    SUBCASE(r.viqr) {
      CHECK(ConvertToUnicode(r.viqr, LegacyEncoding::kViqr) == r.unicode);
    }
  }
}

TEST_CASE("UTF-8 read as windows-1252 is repaired") {
  // "Việt Nam" in UTF-8 is 56 69 E1 BB 87 74 ...; a windows-1252 reader shows "Viá»‡t".
  const std::string unicode = "Cộng hòa xã hội chủ nghĩa Việt Nam";
  std::string mojibake;
  for (unsigned char b : unicode) {
    const char32_t c = b == 0x87 ? 0x2021 : b;  // 0x87 is ‡ in windows-1252
    if (c < 0x80) {
      mojibake.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      mojibake.push_back(static_cast<char>(0xC0 | (c >> 6)));
      mojibake.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      mojibake.push_back(static_cast<char>(0xE0 | (c >> 12)));
      mojibake.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      mojibake.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  CHECK(DetectEncoding(mojibake) == LegacyEncoding::kUtf8AsWindows1252);
  CHECK(RepairVietnamese(mojibake) == unicode);
  CHECK(RepairVietnamese("Viá»‡t Nam") == "Việt Nam");
}

TEST_CASE("ordinary text is left alone") {
  const char* texts[] = {
      "Hello, how are you?",
      "I'm fine. Do it now. Go.",
      "Are you OK? I'm here. What's up? Who's there?",
      "dang ky khai sinh o dau",
      "Toi muon hoi ve ho so 000.00.12.H29-241023-0001",
      "Tôi là Hà",  // Vietnamese that fits in latin-1
      "Cộng hòa xã hội chủ nghĩa Việt Nam",
      "café à la crème, s'il vous plaît",  // French
      "Grüße aus München",                 // German
      "El niño está aquí",                 // Spanish
      "Price: £5 © 2024 — “quoted” text…",
      "ok 👍 cảm ơn",
      "c++ a+b x^2 (a) e.g. i.e.",
      "",
  };
  for (const char* t : texts) {
    SUBCASE(t) {
      CHECK(DetectEncoding(t) == LegacyEncoding::kUnicode);
      CHECK(RepairVietnamese(t) == t);
    }
  }
}

TEST_CASE("VIQR needs several marked syllables") {
  // A VIQR-looking word or two in English is not enough ("I'm" reads as "Ím").
  CHECK(DetectEncoding("I'm here") == LegacyEncoding::kUnicode);
  CHECK(DetectEncoding("I'm ok. I'm fine. I'm home.") == LegacyEncoding::kUnicode);
  CHECK(DetectEncoding("hello?") == LegacyEncoding::kUnicode);
  CHECK(DetectEncoding("DDa(ng ky'") == LegacyEncoding::kUnicode);  // two: too few to be sure
  CHECK(ConvertToUnicode("hello? I'd go", LegacyEncoding::kViqr) == "hello? I'd go");
}

TEST_CASE("invalid UTF-8 always comes out valid") {
  SUBCASE("damaged UTF-8 stays UTF-8") {
    const std::string damaged = "Cộng hòa xã hội \xFF chủ nghĩa";
    CHECK(DetectEncoding(damaged) == LegacyEncoding::kUnicode);
    CHECK(RepairVietnamese(damaged) == "Cộng hòa xã hội \xEF\xBF\xBD chủ nghĩa");
  }
  SUBCASE("western bytes that are not Vietnamese") {
    const std::string latin1 =
        "Gr\xFC\xDF"
        "e aus M\xFCnchen";
    CHECK(DetectEncoding(latin1) == LegacyEncoding::kWindows1252);
    CHECK(RepairVietnamese(latin1) == "Grüße aus München");
  }
  SUBCASE("noise") {
    const std::string noise = "\x80\x81\xFE\xFF\xC3";
    CHECK(IsValidUtf8(RepairVietnamese(noise)));
  }
}

TEST_CASE("encoding names") {
  CHECK(EncodingName(LegacyEncoding::kUnicode) == "unicode");
  CHECK(EncodingName(LegacyEncoding::kTcvn3) == "tcvn3");
  CHECK(EncodingName(LegacyEncoding::kVni) == "vni");
  CHECK(EncodingName(LegacyEncoding::kViqr) == "viqr");
  CHECK(EncodingName(LegacyEncoding::kCp1258) == "cp1258");
}

}  // namespace gw::locales
