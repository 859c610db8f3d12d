// Tests for NLU entity extraction: every written and spoken code form, the decoys, phones, IDs,
// dates.
#include "dialogs/nlu/extract.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "dialogs/nlu/spoken_digits.hpp"

namespace gw::dialogs::nlu {
namespace {

using Strings = std::vector<std::string>;

struct Case {
  const char* name;
  std::string_view text;
  Strings want;
};

constexpr std::string_view kCode = "000.00.12.H29-241023-0001";

// Lists as one string, so that a failing CHECK prints both sides.
std::string Join(const Strings& v) {
  std::string out;
  for (const std::string& s : v) out += s + " | ";
  return out;
}

std::string Join(const std::vector<ExtractedDate>& v) {
  std::string out;
  for (const ExtractedDate& d : v) {
    out += std::to_string(d.year) + "-" + std::to_string(d.month) + "-" + std::to_string(d.day) +
           " | ";
  }
  return out;
}

void RunCodeCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      CAPTURE(c.text);
      CHECK(Join(ExtractDossierCodes(c.text)) == Join(c.want));
      CHECK(Join(Extract(c.text).dossier_codes) == Join(c.want));
    }
  }
}

TEST_CASE("dossier codes in every written form") {
  const Strings one{std::string(kCode)};
  RunCodeCases({
      {"canonical", "Cho tôi hỏi hồ sơ 000.00.12.H29-241023-0001 đã xử lý đến đâu rồi ạ?", one},
      {"lower case", "ho so 000.00.12.h29-241023-0001 xong chua", one},
      {"spaces around dashes", "000.00.12.H29 - 241023 - 0001", one},
      {"spaces around dots", "000 . 00 . 12 . H29-241023-0001", one},
      {"uneven spaces", "000.00.12.H29 -241023- 0001: hài lòng", one},
      {"commas for dots", "000,00,12,H29-241023-0001", one},
      {"en dash", "000.00.12.H29\u2013241023\u20130001", one},
      {"em dash", "000.00.12.H29\u2014241023\u20140001", one},
      {"minus sign", "000.00.12.H29\u2212241023\u22120001", one},
      {"underscores", "000.00.12.H29_241023_0001", one},
      {"slashes", "000.00.12.H29/241023/0001", one},
      {"no-break spaces", "000.00.12.H29\u00a0-\u00a0241023-0001", one},
      {"in a URL",
       "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.00.12.H29-241023-0001", one},
      {"in a file name", "em gửi file HS_000.00.12.H29-241023-0001.pdf", one},
      {"glued to words", "maHS000.00.12.H29-241023-0001ạ", one},
      {"after a colon", "hoso:000.00.12.H29-241023-0001", one},
      {"in parentheses", "(000.00.12.H29-241023-0001)", one},
      {"line break after a dash", "hồ sơ 000.00.12.H29-241023-\n0001 ạ", one},
      {"line break before a dash", "000.00.12.H29\r\n-241023-0001", one},
      {"bare line break", "000.00.12.H29-241023\n0001", one},
      {"three-group unit code", "ma 38.98.H29-241023-0001", {"38.98.H29-241023-0001"}},
      {"sequence past 9999", "000.00.12.H29-241023-12345", {"000.00.12.H29-241023-12345"}},
      {"letter G", "000.00.01.g22 - 250610 - 0771", {"000.00.01.G22-250610-0771"}},
      {"several, in order, deduplicated",
       "000.00.12.H29-241023-0002 và 000.00.12.H29-241023-0001, lại 000.00.12.h29-241023-0002",
       {"000.00.12.H29-241023-0002", std::string(kCode)}},
      {"two codes back to back",
       "000.00.12.H29-241023-0001,000.00.12.H29-241023-0002",
       {std::string(kCode), "000.00.12.H29-241023-0002"}},
      {"leap day", "000.00.12.H29-240229-0001", {"000.00.12.H29-240229-0001"}},
  });
}

TEST_CASE("decoys and garbled codes are not dossier codes") {
  RunCodeCases({
      {"mobile", "gọi 0912345678", {}},
      {"international mobile", "+84 912 345 678", {}},
      {"CCCD", "CCCD 001099012345", {}},
      {"tax code with branch", "MST 0312345678-001", {}},
      {"licence plate", "xe 29A-123.45", {}},
      {"licence plate 2", "biển 30E-678.90", {}},
      {"date d/m/y", "ngày 23/10/2024", {}},
      {"ISO date", "2024-10-23", {}},
      {"amount", "lệ phí 1.500.000 đồng, 2.000.000đ", {}},
      {"procedure codes", "thủ tục 1.001193 và 2.000815", {}},
      {"short date", "00.00.12.H29-2410-001", {}},
      {"unit code only and date", "Mã hồ sơ của tôi là H29-241023", {}},
      {"5-digit date", "000.00.12.H29-24102-0001", {}},
      {"7-digit date", "000.00.19.H40-2411270-1203", {}},
      {"letter O in the date", "000.00.16.H30-25O603-0012", {}},
      {"letters O in the unit", "000.OO.15.H26-250311-0082", {}},
      {"month 13", "000.00.12.H29-241323-0001", {}},
      {"day 32", "000.00.12.H29-241032-0001", {}},
      {"30 February", "000.00.12.H29-240230-0001", {}},
      {"29 February of a common year", "000.00.12.H29-230229-0001", {}},
      {"3-digit sequence", "000.00.12.H29-241023-001", {}},
      {"7-digit sequence", "000.00.12.H29-241023-1234567", {}},
      {"one-digit letter group", "000.00.12.H2-241023-0001", {}},
      {"4-digit letter group", "000.00.12.H2900-241023-0001", {}},
      {"two letters", "000.00.12.HH29-241023-0001", {}},
      {"one numeric group", "12.H29-241023-0001", {}},
      {"four numeric groups", "000.000.00.12.H29-241023-0001", {}},
      {"4-digit first group", "0000.00.12.H29-241023-0001", {}},
      {"continues a number", "7.000.00.12.H29-241023-0001", {}},
      {"spaces only", "000 00 12 H29 241023 0001", {}},
      {"no digits at all", "Cho em hỏi thủ tục đăng ký khai sinh ạ", {}},
  });
}

TEST_CASE("spoken dossier codes") {
  const Strings one{std::string(kCode)};
  const std::vector<Case> cases = {
      {"with diacritics",
       "không không không chấm không không chấm một hai chấm hắt hai chín gạch hai bốn một không "
       "hai ba gạch không không không một",
       one},
      {"without diacritics",
       "khong khong khong cham khong khong cham mot hai cham hat hai chin gach hai bon mot khong "
       "hai ba gach khong khong khong mot",
       one},
      {"upper case, inside a sentence",
       "Mã hồ sơ của tôi là KHÔNG KHÔNG KHÔNG CHẤM KHÔNG KHÔNG CHẤM MỘT HAI CHẤM HÁT HAI CHÍN GẠCH "
       "NGANG HAI BỐN MỘT KHÔNG HAI BA GẠCH NGANG KHÔNG KHÔNG KHÔNG MỘT ạ, cảm ơn",
       one},
      {"decomposed (NFD) diacritics",
       "kho\u0302ng kho\u0302ng kho\u0302ng cha\u0302\u0301m kho\u0302ng kho\u0302ng "
       "cha\u0302\u0301m mo\u0302\u0323t hai cha\u0302\u0301m ha\u0306\u0301t hai chi\u0301n "
       "ga\u0323ch hai bo\u0302\u0301n mo\u0302\u0323t kho\u0302ng hai ba ga\u0323ch "
       "kho\u0302ng kho\u0302ng kho\u0302ng mo\u0302\u0323t",
       one},
      {"linh, lẻ, gạch nối, hờ",
       "linh lẻ không chấm không linh chấm một hai chấm hờ hai chín gạch nối hai bốn một không "
       "hai ba gạch nối linh linh không một",
       one},
      {"compound numbers",
       "không không không chấm không không chấm mười hai chấm hắt hai mươi chín gạch hai mươi lăm "
       "mười một mười lăm gạch không không không một",
       {"000.00.12.H29-251115-0001"}},
      {"hundreds",
       "ba trăm chấm không không chấm mười hai chấm hát hai chín gạch hai bốn một không "
       "hai ba gạch không một trăm linh năm",
       {"300.00.12.H29-241023-0105"}},
      {"numerals from the recogniser", "mã là 000 chấm 00 chấm 12 chấm H29 gạch 241023 gạch 0001",
       one},
      {"gờ, giê, bẩy, tư, lăm",
       "không không không chấm không không chấm không một chấm gờ hai bẩy gạch hai lăm không tư "
       "hai ba gạch không không tư bẩy",
       {"000.00.01.G27-250423-0047"}},
      {"giê and a plain letter",
       "ba tám chấm chín tám chấm giê không một gạch hai bốn một không hai ba gạch một hai ba bốn "
       "năm, và ba tám chấm chín tám chấm g không hai gạch hai bốn một không hai ba gạch không "
       "không không một",
       {"38.98.G01-241023-12345", "38.98.G02-241023-0001"}},
      {"hesitations",
       "không không không chấm ờ không không chấm một hai chấm à hắt hai chín gạch "
       "hai bốn ờ một không hai ba gạch không không không một ạ",
       one},
      {"à không without a pause is a hesitation before zeros",
       "không không không chấm à không không chấm một hai chấm hắt hai chín gạch hai bốn một "
       "không hai ba gạch không không không một",
       one},
      {"followed by năm nay",
       "mã hồ sơ không không không chấm không không chấm một hai chấm hắt hai chín gạch hai bốn "
       "một không hai ba gạch không không không một năm nay mới nộp",
       one},
      {"garbled: date too short",
       "không không không chấm không không chấm một hai chấm hắt hai chín gạch hai bốn một không "
       "gạch không không không một",
       {}},
      {"decoy: spoken phone number",
       "số điện thoại của tôi là không chín một hai ba bốn năm sáu bảy tám, chấm điểm mười",
       {}},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      CAPTURE(c.text);
      CHECK(Join(ExtractSpokenDossierCodes(c.text)) == Join(c.want));
      CHECK(Join(ExtractDossierCodes(c.text)) == Join(c.want));
      CHECK(Join(Extract(c.text).dossier_codes) == Join(c.want));
    }
  }
}

TEST_CASE("a caller correcting himself") {
  const Strings one{std::string(kCode)};
  const std::vector<Case> cases = {
      {"à không, inside a group",
       "không không không chấm không không chấm một ba, à không, một hai chấm hắt hai chín gạch "
       "hai bốn một không hai ba gạch không không không một",
       one},
      {"nhầm, in the sequence",
       "không không không chấm không không chấm một hai chấm hắt hai chín gạch hai bốn một không "
       "hai ba gạch không không không hai nhầm rồi không không không một",
       one},
      {"xin lỗi after a separator takes back the last group",
       "không không không chấm không không chấm một hai chấm hắt hai chín gạch hai bốn một không "
       "hai bốn gạch, xin lỗi, hai bốn một không hai ba gạch không không không một",
       one},
      {"sửa lại là, without diacritics",
       "khong khong khong cham khong khong cham mot hai cham hat hai chin gach hai bon mot mot "
       "sua lai la hai bon mot khong hai ba gach khong khong khong mot",
       one},
      {"the letter group",
       "không không không chấm không không chấm một hai chấm gờ hai chín, à không, hắt hai chín "
       "gạch hai bốn một không hai ba gạch không không không một",
       one},
      {"không phải",
       "không không không chấm không không chấm một hai chấm hắt hai tám không phải "
       "hắt hai chín gạch hai bốn một không hai ba gạch không không không một",
       one},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      CAPTURE(c.text);
      CHECK(Join(ExtractSpokenDossierCodes(c.text)) == Join(c.want));
    }
  }
}

TEST_CASE("TranscribeSpoken shows its work") {
  const std::vector<SpokenRun> runs = TranscribeSpoken(
      "ma ho so la mot hai ba, a khong, mot hai bon cham khong khong cham mot hai cham hat hai "
      "chin gach");
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].transcript == "124.00.12.h29-");
  CHECK_FALSE(runs[0].whole_input);
  CHECK(TranscribeSpoken("hai muoi mot muoi lam tram").at(0).transcript == "2115100");
  CHECK(MayHoldSpokenCode("khong khong khong cham khong khong cham mot hai"));
  CHECK(MayHoldSpokenCode("không không không gạch không không không một hai"));
  CHECK_FALSE(MayHoldSpokenCode("Cho em hỏi thủ tục đăng ký khai sinh cho con ạ, cảm ơn"));
  CHECK_FALSE(MayHoldSpokenCode("chấm 10 điểm"));
}

TEST_CASE("CanonicalDossierCode wants exactly one code and nothing else") {
  CHECK(CanonicalDossierCode("000.00.12.h29 - 241023 - 0001") == std::string(kCode));
  CHECK(CanonicalDossierCode("  \"000,00,12,H29-241023-0001.\" ") == std::string(kCode));
  CHECK(CanonicalDossierCode("không không không chấm không không chấm một hai chấm hắt hai chín "
                             "gạch hai bốn một không hai ba gạch không không không một ạ") ==
        std::string(kCode));
  CHECK_FALSE(CanonicalDossierCode("mã 000.00.12.H29-241023-0001"));
  CHECK_FALSE(CanonicalDossierCode("000.00.12.H29-241023-0001x"));
  CHECK_FALSE(CanonicalDossierCode("000.00.12.H29-241023-0001 000.00.12.H29-241023-0002"));
  CHECK_FALSE(CanonicalDossierCode("000.00.12.H29-24102-0001"));
  CHECK_FALSE(CanonicalDossierCode(""));
  CHECK_FALSE(
      CanonicalDossierCode("mã là không không không chấm không không chấm một hai chấm "
                           "hắt hai chín gạch hai bốn một không hai ba gạch không không "
                           "không một"));
}

TEST_CASE("phone numbers") {
  const std::vector<Case> cases = {
      {"mobile", "sdt 0912345678", {"+84912345678"}},
      {"spaces", "0912 345 678", {"+84912345678"}},
      {"dots", "0912.345.678", {"+84912345678"}},
      {"dashes", "0912-345-678", {"+84912345678"}},
      {"3-3-4", "091 234 5678", {"+84912345678"}},
      {"+84", "+84 912 345 678", {"+84912345678"}},
      {"+84 glued", "+84912345678", {"+84912345678"}},
      {"84 without plus", "84912345678", {"+84912345678"}},
      {"(+84)", "(+84) 912 345 678", {"+84912345678"}},
      {"+84 (0)", "+84 (0) 912 345 678", {"+84912345678"}},
      {"0084", "0084 912 345 678", {"+84912345678"}},
      {"glued to letters", "SĐT0987654321", {"+84987654321"}},
      {"Hanoi landline", "024 3825 1234", {"+842438251234"}},
      {"Da Nang landline in parentheses", "(0236) 3821 234", {"+842363821234"}},
      {"HCMC landline with dots", "028.3829.1234", {"+842838291234"}},
      {"two numbers", "0912345678 hoặc 0987 654 321", {"+84912345678", "+84987654321"}},
      {"a list with commas", "0912345678,0987654321", {"+84912345678", "+84987654321"}},
      {"a count after the number", "gọi 0912 345 678 2 lần", {"+84912345678"}},
      {"too short", "091234567", {}},
      {"too long", "09123456789", {}},
      {"old 11-digit mobile", "01234567890", {}},
      {"not a mobile prefix", "0112345678", {}},
      {"tax code with branch", "0312345678-001", {}},
      {"CCCD", "001099012345", {}},
      {"dossier code", "000.00.12.H29-241023-0001", {}},
      {"foreign number", "+1 650 253 0000", {}},
      {"hotline", "1900 1234", {}},
      {"date", "23/10/2024", {}},
      {"amount", "1.500.000.000 đồng", {}},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      CAPTURE(c.text);
      CHECK(Join(ExtractPhones(c.text)) == Join(c.want));
      CHECK(Join(Extract(c.text).phones) == Join(c.want));
    }
  }
}

TEST_CASE("CCCD and CMND numbers") {
  const std::vector<Case> cases = {
      {"CCCD", "CCCD: 001099012345", {"001099012345"}},
      {"CCCD in groups", "cccd 001 099 012 345", {"001099012345"}},
      {"CCCD with dots", "001.099.012.345", {"001099012345"}},
      {"CCCD 096", "096123456789", {"096123456789"}},
      {"12 digits, not a CMND prefix", "079 123 456 789", {"079123456789"}},
      {"CMND", "CMND 012345678", {"012345678"}},
      {"CMND in groups", "cmnd 381 234 567", {"381234567"}},
      {"ID and phone", "cccd 001099012345 sdt 0912345678", {"001099012345"}},
      {"a phone is no ID", "0912345678", {}},
      {"nor an international one", "+84 912 345 678", {}},
      {"phone without its 0", "912345678", {}},
      {"province 000", "000123456789", {}},
      {"province 097", "097123456789", {}},
      {"area 39", "391234567", {}},
      {"amount in đồng", "150000000 đồng", {}},
      {"amount glued đ", "150000000đ", {}},
      {"amount in VND", "150000000 VND", {}},
      {"dotted amount", "150.000.000", {}},
      {"13 digits", "0010990123456", {}},
      {"11 digits", "00109901234", {}},
      {"dossier code", "000.00.12.H29-241023-000112", {}},
      {"date", "ngày 01/01/2024", {}},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      CAPTURE(c.text);
      CHECK(Join(ExtractIdNumbers(c.text)) == Join(c.want));
      CHECK(Join(Extract(c.text).id_numbers) == Join(c.want));
    }
  }
}

struct DateCase {
  const char* name;
  std::string_view text;
  std::vector<ExtractedDate> want;
};

TEST_CASE("dates") {
  const std::vector<DateCase> cases = {
      {"dd/mm/yyyy", "nộp ngày 23/10/2024", {{2024, 10, 23}}},
      {"d/m/yyyy", "5/3/2024", {{2024, 3, 5}}},
      {"spaces around slashes", "5 / 3 / 2024", {{2024, 3, 5}}},
      {"dd-mm-yyyy", "23-10-2024", {{2024, 10, 23}}},
      {"dd.mm.yyyy", "23.10.2024.", {{2024, 10, 23}}},
      {"yyyy-mm-dd", "2024-10-23", {{2024, 10, 23}}},
      {"words", "ngày 5 tháng 3 năm 2024", {{2024, 3, 5}}},
      {"words, no diacritics", "ngay 5 thang 3", {{0, 3, 5}}},
      {"words, upper case", "NGÀY 05 THÁNG 03 NĂM 2024", {{2024, 3, 5}}},
      {"day and month only", "sinh 5 tháng 3", {{0, 3, 5}}},
      {"mùng", "mùng 2 tháng 9", {{0, 9, 2}}},
      {"d/m after a day word", "nộp hôm 3/7, sáng 12/6 lại lên", {{0, 7, 3}, {0, 6, 12}}},
      {"several, in order",
       "từ 01/02/2024 đến ngày 5 tháng 3 năm 2024",
       {{2024, 2, 1}, {2024, 3, 5}}},
      {"leap day", "29/02/2024", {{2024, 2, 29}}},
      {"29/02 without a year", "ngày 29/02", {{0, 2, 29}}},
      {"31 February", "31/02/2024", {}},
      {"29 February 2023", "29/02/2023", {}},
      {"day 32", "32/1/2024", {}},
      {"month 13", "12/13/2024", {}},
      {"30 April is fine, 31 is not", "ngày 31 tháng 4", {}},
      {"30 February in words", "ngày 30 tháng 2 năm 2024", {}},
      {"year out of range", "01/01/1800", {}},
      {"two-digit year", "5/3/24", {}},
      {"a score", "đánh giá 3/5, 10/10", {}},
      {"a duration", "được 2 tháng 3 ngày", {}},
      {"months alone", "sanh non 7 thang thi", {}},
      {"procedure code", "1.001193", {}},
      {"phone with dots", "0912.345.678", {}},
      {"dossier code", "000.00.12.H29-241023-0001", {}},
  };
  for (const DateCase& c : cases) {
    SUBCASE(c.name) {
      CAPTURE(c.text);
      CHECK(Join(ExtractDates(c.text)) == Join(c.want));
      CHECK(Join(Extract(c.text).dates) == Join(c.want));
    }
  }
}

TEST_CASE("Extract gathers everything and accepts a pre-folded text") {
  const std::string_view text =
      "Hồ sơ 000.00.12.H29-241023-0001 nộp ngày 5 tháng 3 năm 2024, CCCD 001099012345, "
      "gọi 0912 345 678";
  const Entities e = Extract(text);
  CHECK(e.dossier_codes == Strings{std::string(kCode)});
  CHECK(e.phones == Strings{"+84912345678"});
  CHECK(e.id_numbers == Strings{"001099012345"});
  CHECK(e.dates == std::vector<ExtractedDate>{{2024, 3, 5}});
  const Entities f =
      Extract(text,
              "ho so 000.00.12.h29-241023-0001 nop ngay 5 thang 3 nam 2024, cccd 001099012345, "
              "goi 0912 345 678");
  CHECK(f.dossier_codes == e.dossier_codes);
  CHECK(f.phones == e.phones);
  CHECK(f.id_numbers == e.id_numbers);
  CHECK(f.dates == e.dates);
}

TEST_CASE("invalid UTF-8 is scanned as bytes and never folded") {
  const std::string_view text = "\xff\xfe 000.00.12.H29-241023-0001 ngày 5 tháng 3 \xc3";
  const Entities e = Extract(text);
  CHECK(e.dossier_codes == Strings{std::string(kCode)});
  CHECK(e.dates.empty());
  CHECK(ExtractSpokenDossierCodes("\xff khong khong khong cham khong khong cham mot hai cham hat "
                                  "hai chin gach hai bon mot khong hai ba gach khong khong khong "
                                  "mot")
            .empty());
}

}  // namespace
}  // namespace gw::dialogs::nlu
