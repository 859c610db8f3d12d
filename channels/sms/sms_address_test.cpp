// Tests of phone number normalisation and brandname rules.
#include "channels/sms/sms_address.hpp"

#include <doctest/doctest.h>

namespace sms = gw::channels::sms;

TEST_CASE("phone numbers to E.164") {
  struct Case {
    const char* raw;
    const char* e164;  // nullptr: not a phone number
  };
  const Case cases[] = {
      {"0901234567", "+84901234567"},
      {"84901234567", "+84901234567"},
      {"+84901234567", "+84901234567"},
      {"0084901234567", "+84901234567"},
      {"+84 90-123.4567", "+84901234567"},
      {"02412345678", "+842412345678"},
      {"+14155550100", "+14155550100"},
      {"8088", nullptr},
      {"VIETTEL", nullptr},
      {"090123456", nullptr},
      {"+8490123", nullptr},
      {"+84901234567890", nullptr},
      {"", nullptr},
      {"+0901234567", nullptr},
  };
  for (const auto& c : cases) {
    CAPTURE(c.raw);
    auto got = sms::ToE164(c.raw);
    if (c.e164 == nullptr) {
      CHECK_FALSE(got.has_value());
    } else {
      CHECK(got == c.e164);
    }
  }
}

TEST_CASE("numbers in each provider format") {
  CHECK(sms::FormatNumber("+84901234567", sms::NumberFormat::kE164) == "+84901234567");
  CHECK(sms::FormatNumber("+84901234567", sms::NumberFormat::kInternational) == "84901234567");
  CHECK(sms::FormatNumber("+84901234567", sms::NumberFormat::kNational) == "0901234567");
  CHECK(sms::FormatNumber("+14155550100", sms::NumberFormat::kNational) == "14155550100");
}

TEST_CASE("brandname rules, with exact reasons") {
  CHECK_FALSE(sms::BrandnameError("UBND TINH").has_value());
  CHECK_FALSE(sms::BrandnameError("So-TTTT_HN.").has_value());
  CHECK_FALSE(sms::BrandnameError("A1").has_value());
  CHECK(sms::BrandnameError("") == "must not be empty");
  CHECK(sms::BrandnameError("UBND-TINH-HN") == "at most 11 characters, got 12");
  CHECK(sms::BrandnameError("UBND TỈNH") ==
        "only letters A-Z, digits, '-', '_', '.' and space are allowed, got 'Ỉ'");
  CHECK(sms::BrandnameError("UBND@HN") ==
        "only letters A-Z, digits, '-', '_', '.' and space are allowed, got '@'");
  CHECK(sms::BrandnameError("1900123") ==
        "must not be all digits (handsets would show a phone number)");
  CHECK(sms::BrandnameError(" UBND") == "must not start or end with a space");
  // Kannel senders may also be short codes.
  CHECK_FALSE(sms::SenderError("8088").has_value());
  CHECK(sms::SenderError("1234567890123456") == "a short code has at most 15 digits, got 16");
  CHECK(sms::SenderError("UBND TỈNH").has_value());
}
