// Tests that personal data is masked the same way everywhere.
#include "core/mask.hpp"

#include <doctest/doctest.h>

using gw::core::ChannelKind;

TEST_CASE("phones, e-mails and ids are masked") {
  CHECK(gw::core::MaskPhone("+84912345678") == "+849*****678");
  CHECK(gw::core::MaskPhone("0912345678") == "09*****678");
  CHECK(gw::core::MaskPhone("123") == "***");
  CHECK(gw::core::MaskEmail("nguyen.van.a@gmail.com") == "n***@gmail.com");
  CHECK(gw::core::MaskEmail("broken") == "**oken");
  CHECK(gw::core::MaskId("001099012345") == "********2345");
}

TEST_CASE("formatters never print the address or the body") {
  gw::core::Contact c{ChannelKind::kSms, "+84912345678"};
  CHECK(fmt::format("{}", c) == "sms:+849*****678");
  gw::core::InboundMessage m;
  m.channel = ChannelKind::kEmail;
  m.sender = "tran.thi.b@example.vn";
  m.text = "CCCD của tôi là 001099012345";
  m.provider_message_id = "abc";
  std::string s = fmt::format("{}", m);
  CHECK(s == "email msg id=abc from=email:t***@example.vn bytes=" + std::to_string(m.text.size()));
  CHECK(s.find("001099012345") == std::string::npos);
}
