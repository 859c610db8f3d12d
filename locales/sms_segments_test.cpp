// Tests of SMS encoding detection, segment counting and folding to fit.
#include "locales/sms_segments.hpp"

#include <doctest/doctest.h>

#include <string>

#include "locales/text.hpp"

using gw::locales::CountSms;
using gw::locales::FoldForSms;
using gw::locales::IsGsm7;
using gw::locales::PlanSms;
using gw::locales::SmsEncoding;
using gw::locales::SmsFold;
using gw::locales::SmsOptions;

namespace {

constexpr std::string_view kVietnamese =
    "Hồ sơ đăng ký khai sinh của Ông/Bà đã có kết quả, mời Ông/Bà đến Bộ phận Một cửa phường "
    "Bến Thành để nhận kết quả trong giờ hành chính, mang theo giấy tiếp nhận hồ sơ và căn cước "
    "công dân.";

// The first `n` code points of `s` (which is NFC, so this never splits a letter from its marks).
std::string TakeCodePoints(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t taken = 0; taken < n; ++taken) {
    REQUIRE(i < s.size());
    auto lead = static_cast<unsigned char>(s[i]);
    i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  return std::string(s.substr(0, i));
}

std::string Repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("Vietnamese with diacritics is UCS-2: 70 in one part, 67 per part after that") {
  struct Row {
    std::size_t characters;
    int parts;
  };
  for (Row row : {Row{70, 1}, Row{71, 2}, Row{134, 2}, Row{135, 3}}) {
    CAPTURE(row.characters);
    std::string text = TakeCodePoints(kVietnamese, row.characters);
    REQUIRE(gw::locales::CodePointCount(text) == row.characters);
    auto count = CountSms(text);
    CHECK(count.encoding == SmsEncoding::kUcs2);
    CHECK(count.characters == row.characters);
    CHECK(count.units == row.characters);
    CHECK(count.parts == row.parts);
  }
}

TEST_CASE("GSM-7: 160 in one part, 153 per part after that") {
  struct Row {
    std::size_t length;
    int parts;
  };
  for (Row row :
       {Row{1, 1}, Row{160, 1}, Row{161, 2}, Row{306, 2}, Row{307, 3}, Row{459, 3}, Row{460, 4}}) {
    CAPTURE(row.length);
    auto count = CountSms(std::string(row.length, 'a'));
    CHECK(count.encoding == SmsEncoding::kGsm7);
    CHECK(count.units == row.length);
    CHECK(count.parts == row.parts);
  }
  CHECK(CountSms("").parts == 1);
  CHECK(CountSms("").characters == 0);
}

TEST_CASE("the GSM-7 default alphabet covers some accented letters but not Vietnamese ones") {
  CHECK(IsGsm7("Hello @ £$¥ èéùìò Ø ÆæßÉ ÄÖÑÜ§ ¿äöñüà ΔΦΓΛΩΠΨΣΘΞ \r\n _!\"#%&'()*+,-./:;<=>?"));
  CHECK(IsGsm7("Ho so da co ket qua"));
  CHECK_FALSE(IsGsm7("Hồ sơ"));
  CHECK_FALSE(IsGsm7("đ"));
  CHECK_FALSE(IsGsm7("`"));  // the backtick is not in GSM 03.38 at all
  CHECK_FALSE(IsGsm7("“quoted”"));
  CHECK_FALSE(IsGsm7("\t"));
}

TEST_CASE("extension characters cost two septets and an escape pair is never split") {
  for (std::string_view ext : {"^", "{", "}", "\\", "[", "~", "]", "|", "€"}) {
    CAPTURE(ext);
    auto one = CountSms(ext);
    CHECK(one.encoding == SmsEncoding::kGsm7);
    CHECK(one.characters == 1);
    CHECK(one.units == 2);
    // 159 + 2 septets no longer fits one part.
    CHECK(CountSms(std::string(158, 'a') + std::string(ext)).parts == 1);
    CHECK(CountSms(std::string(159, 'a') + std::string(ext)).parts == 2);
  }
  // 152 + 2 + 152 = 306 septets would be two parts if the escape pair could straddle the boundary.
  auto straddle = CountSms(std::string(152, 'a') + "[" + std::string(152, 'a'));
  CHECK(straddle.units == 306);
  CHECK(straddle.parts == 3);
  auto aligned = CountSms(std::string(151, 'a') + "[" + std::string(153, 'a'));
  CHECK(aligned.units == 306);
  CHECK(aligned.parts == 2);
}

TEST_CASE("characters outside the BMP count two UTF-16 units and are never split") {
  std::string emoji = "😀";
  CHECK(CountSms(Repeat(emoji, 35)).units == 70);
  CHECK(CountSms(Repeat(emoji, 35)).parts == 1);
  CHECK(CountSms(Repeat(emoji, 35)).characters == 35);
  CHECK(CountSms(Repeat(emoji, 36)).parts == 2);
  CHECK(CountSms("Cảm ơn 👍").encoding == SmsEncoding::kUcs2);
  CHECK(CountSms("ok 👍").encoding == SmsEncoding::kUcs2);  // one emoji is enough
  auto straddle = CountSms(std::string(66, 'a') + emoji + std::string(66, 'a'));
  CHECK(straddle.units == 134);
  CHECK(straddle.parts == 3);
  auto aligned = CountSms(std::string(65, 'a') + emoji + std::string(67, 'a'));
  CHECK(aligned.units == 134);
  CHECK(aligned.parts == 2);
}

TEST_CASE("folding for SMS removes diacritics, keeps case and plain punctuation") {
  CHECK(FoldForSms("Đăng ký khai sinh – Hồ sơ “đã nhận”…") ==
        "Dang ky khai sinh - Ho so \"da nhan\"...");
  CHECK(FoldForSms("ĐÀ NẴNG") == "DA NANG");
  CHECK(FoldForSms("Ða") == "Da");  // Ð (U+00D0) typed for Đ
  CHECK(FoldForSms("plain ascii 123") == "plain ascii 123");
  CHECK(FoldForSms("emoji 😀 stays") == "emoji 😀 stays");
  std::string folded = FoldForSms(kVietnamese);
  CHECK(IsGsm7(folded));
  CHECK(gw::locales::CodePointCount(folded) == gw::locales::CodePointCount(kVietnamese));
}

TEST_CASE("PlanSms keeps diacritics when they fit and folds only when it must") {
  std::string text = TakeCodePoints(kVietnamese, 135);

  SUBCASE("fits as written: unchanged") {
    auto plan = PlanSms(text, {3, SmsFold::kIfNeeded});
    REQUIRE(plan.ok());
    CHECK_FALSE(plan->folded);
    CHECK(plan->text == text);
    CHECK(plan->count.encoding == SmsEncoding::kUcs2);
    CHECK(plan->count.parts == 3);
  }
  SUBCASE("over the maximum: folded into one GSM-7 part") {
    auto plan = PlanSms(text, {1, SmsFold::kIfNeeded});
    REQUIRE(plan.ok());
    CHECK(plan->folded);
    CHECK(plan->count.encoding == SmsEncoding::kGsm7);
    CHECK(plan->count.parts == 1);
    CHECK(plan->count.characters == 135);
    CHECK(plan->text.rfind("Ho so dang ky khai sinh cua Ong/Ba da co ket qua", 0) == 0);
  }
  SUBCASE("over the maximum and folding not allowed: an error, never a truncation") {
    auto plan = PlanSms(text, {2, SmsFold::kNever});
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().code == gw::core::ErrorCode::kUnprocessable);
    CHECK(plan.error().message ==
          "SMS needs 3 parts (135 ucs2 units, as written), more than the maximum of 2");
  }
  SUBCASE("always fold: folded even though it fits") {
    auto plan = PlanSms("Đã nhận hồ sơ", {3, SmsFold::kAlways});
    REQUIRE(plan.ok());
    CHECK(plan->folded);
    CHECK(plan->text == "Da nhan ho so");
    CHECK(plan->count.encoding == SmsEncoding::kGsm7);
  }
  SUBCASE("folding that does not help is reported and the original kept") {
    // The emoji keeps the text in UCS-2 after folding, so folding saves nothing.
    std::string with_emoji = TakeCodePoints(kVietnamese, 100) + "😀";
    auto plan = PlanSms(with_emoji, {1, SmsFold::kIfNeeded});
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().message ==
          "SMS needs 2 parts (102 ucs2 units, as written), more than the maximum of 1");
  }
  SUBCASE("too long even folded") {
    std::string long_text = std::string(kVietnamese) + " " + std::string(kVietnamese);
    auto plan = PlanSms(long_text, {2, SmsFold::kIfNeeded});
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().message.find("diacritics folded") != std::string::npos);
  }
}

TEST_CASE("PlanSms refuses bad input and normalises to NFC") {
  CHECK(PlanSms("\xC3\x28").error().code == gw::core::ErrorCode::kInvalidArgument);
  CHECK(PlanSms("").error().code == gw::core::ErrorCode::kInvalidArgument);
  // "ệ" decomposed is three code points; sent as NFC it is one UCS-2 unit.
  auto plan = PlanSms("e\xCC\xA3\xCC\x82", {1, SmsFold::kNever});
  REQUIRE(plan.ok());
  CHECK(plan->text == "ệ");
  CHECK(plan->count.units == 1);
  // Out-of-range limits are clamped rather than trusted.
  CHECK(PlanSms("a", {0, SmsFold::kNever}).ok());
  CHECK(
      PlanSms(std::string(161, 'a'), {-5, SmsFold::kNever}).error().message.find("maximum of 1") !=
      std::string::npos);
}
