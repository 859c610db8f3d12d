// Tests of Kannel MO and delivery-report parsing, on query strings as Kannel 1.4.5 sends them.
#include "channels/sms/kannel_mo.hpp"

#include <doctest/doctest.h>

#include "channels/sms/kannel_channel.hpp"

namespace sms = gw::channels::sms;
using gw::core::ErrorCode;

namespace {

constexpr std::string_view kSecret = "0123456789abcdef";

gw::channels::common::WebhookGuard Guard() {
  gw::channels::common::WebhookGuard g;
  g.secret = std::string(kSecret);
  REQUIRE_FALSE(g.allow_from.Add("127.0.0.1").has_value());
  return g;
}

sms::KannelWebhookCall Call(const std::string& query, std::string_view addr = "127.0.0.1") {
  return {query, addr, gw::core::FromUnixMillis(1795414766000)};
}

std::string WithSecret(std::string_view rest) {
  return "secret=" + std::string(kSecret) + "&" + std::string(rest);
}

}  // namespace

TEST_CASE("a UCS-2 MO decodes from UTF-16BE, with + as the byte 0x20") {
  // Captured from smsbox's get-url for a fakesmsc "ucs2" MO of the text checked below.
  const std::string query = WithSecret(
      "id=7605b87c-02a9-4f1e-b921-e1d342a7bd44&from=0901234567&to=8088&smsc=fake-mo"
      "&ts=1795414765&coding=2&charset=UTF-16BE&text=%00X%00i%00n%00+%00c%00h%00%E0%00o%00%2C%00+"
      "%00t%00%F4%00i%00+%00m%00u%1E%D1%00n%00+%00h%1E%CF%00i%00+%00h%1E%D3%00+%00s%01%A1%00++%13"
      "%00++%1C%01%11%01%03%00n%00g%00+%00k%00%FD+%1D");
  auto m = sms::ParseKannelMo(Call(query), Guard());
  REQUIRE(m.ok());
  CHECK(m->text == "Xin chào, tôi muốn hỏi hồ sơ – “đăng ký”");
  CHECK(m->channel == gw::core::ChannelKind::kSms);
  CHECK(m->sender == "+84901234567");
  CHECK(m->receiver == "8088");
  CHECK(m->provider_message_id == "7605b87c-02a9-4f1e-b921-e1d342a7bd44");
  CHECK(m->raw_payload == query.substr(query.find('&') + 1));  // all but the secret, as received
  CHECK(m->content_type == "application/x-www-form-urlencoded");
  CHECK(m->origin == "kannel smsc=fake-mo addr=127.0.0.1");
  CHECK(m->sent_at == gw::core::FromUnixMillis(1795414765000));
  CHECK(m->received_at == gw::core::FromUnixMillis(1795414766000));
}

TEST_CASE("GSM and mo-recode MOs arrive as UTF-8; Latin-1 is converted") {
  auto m = sms::ParseKannelMo(
      Call(WithSecret(
          "id=a1&from=84901234567&to=8088&coding=0&charset=UTF-8&text=Xin+chao++ho+so++%40")),
      Guard());
  REQUIRE(m.ok());
  CHECK(m->text == "Xin chao  ho so  @");  // %b keeps the spacing that %a would collapse
  CHECK(m->sender == "+84901234567");
  CHECK_FALSE(m->sent_at.has_value());
  m = sms::ParseKannelMo(
      Call(WithSecret(
          "id=a2&from=%2B84901234567&to=8088&coding=0&charset=UTF-8&text=Xin+ch%C3%A0o%2C+"
          "t%C3%B4i+mu%E1%BB%91n+h%E1%BB%8Fi+h%E1%BB%93+s%C6%A1")),
      Guard());
  REQUIRE(m.ok());
  CHECK(m->text == "Xin chào, tôi muốn hỏi hồ sơ");
  m = sms::ParseKannelMo(
      Call(WithSecret("id=a3&from=0901234567&to=8088&charset=ISO-8859-1&text=caf%E9")), Guard());
  REQUIRE(m.ok());
  CHECK(m->text == "café");
}

TEST_CASE("bad MOs get precise errors") {
  struct Case {
    const char* rest;
    ErrorCode code;
    const char* message;
  };
  const Case cases[] = {
      {"id=1&from=0901234567&to=8088&text=hi&udh=x", ErrorCode::kInvalidArgument,
       "udh: unknown parameter"},
      {"id=1&id=2&from=0901234567&to=8088&text=hi", ErrorCode::kInvalidArgument,
       "id: given more than once"},
      {"from=0901234567&to=8088&text=hi", ErrorCode::kInvalidArgument, "id: required"},
      {"id=1&to=8088&text=hi", ErrorCode::kInvalidArgument, "from: required"},
      {"id=1&from=0901234567&text=hi", ErrorCode::kInvalidArgument, "to: required"},
      {"id=1&from=0901234567&to=8088", ErrorCode::kInvalidArgument, "text: required"},
      {"id=1&from=0901234567&to=8088&text=+++", ErrorCode::kInvalidArgument, "text: empty message"},
      {"id=1&from=VIETTEL&to=8088&text=hi", ErrorCode::kInvalidArgument,
       "from: not a phone number"},
      {"id=1&from=0901234567&to=8088&coding=1&text=%01%02", ErrorCode::kInvalidArgument,
       "coding=1: 8-bit binary messages are not text"},
      {"id=1&from=0901234567&to=8088&coding=7&text=hi", ErrorCode::kInvalidArgument,
       "coding: expected 0, 1 or 2"},
      {"id=1&from=0901234567&to=8088&coding=2&charset=UTF-16BE&text=%00X%00",
       ErrorCode::kInvalidArgument, "text: not valid UTF-16BE"},
      {"id=1&from=0901234567&to=8088&coding=2&text=%D8%3D%00X", ErrorCode::kInvalidArgument,
       "text: not valid UTF-16BE"},
      {"id=1&from=0901234567&to=8088&text=%C3%28", ErrorCode::kInvalidArgument,
       "text: not valid UTF-8"},
      {"id=1&from=0901234567&to=8088&charset=KOI8-R&text=hi", ErrorCode::kInvalidArgument,
       "charset: KOI8-R is not supported"},
      {"id=1&from=0901234567&to=8088&ts=yesterday&text=hi", ErrorCode::kInvalidArgument,
       "ts: expected Unix seconds"},
      {"id=1&from=0901234567&to=8088&text=%ZZ", ErrorCode::kInvalidArgument,
       "text: malformed %-escape"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.rest);
    auto m = sms::ParseKannelMo(Call(WithSecret(c.rest)), Guard());
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().code == c.code);
    CHECK(m.error().message == c.message);
  }
}

TEST_CASE("webhook protection: allowed address, then the secret, before any field") {
  const std::string good = "id=1&from=0901234567&to=8088&text=hi";
  CHECK(sms::ParseKannelMo(Call(WithSecret(good), "10.1.1.1"), Guard()).error().code ==
        ErrorCode::kForbidden);
  CHECK(sms::ParseKannelMo(Call(good), Guard()).error().code == ErrorCode::kUnauthorized);
  CHECK(sms::ParseKannelMo(Call("secret=wrong&" + good), Guard()).error().message ==
        "wrong secret");
  // Field errors stay hidden from a caller without the secret.
  CHECK(sms::ParseKannelMo(Call("secret=wrong&id=1"), Guard()).error().code ==
        ErrorCode::kUnauthorized);
  CHECK(sms::ParseKannelMo(Call("foo=1&secret=wrong"), Guard()).error().code ==
        ErrorCode::kUnauthorized);
  // The secret is found wherever it sits, and left out of the raw payload.
  auto m = sms::ParseKannelMo(Call(good + "&secret=" + std::string(kSecret)), Guard());
  REQUIRE(m.ok());
  CHECK(m->raw_payload == good);
  CHECK(sms::ParseKannelMo(Call(WithSecret("secret=x&" + good)), Guard()).error().message ==
        "secret: given more than once");
  std::string huge = WithSecret(good) + "&text=" + std::string(40000, 'a');
  CHECK(sms::ParseKannelMo(Call(huge), Guard()).error().code == ErrorCode::kPayloadTooLarge);
}

TEST_CASE("delivery reports: each status bit, our id back from the URL we built") {
  struct Case {
    const char* status;
    sms::DeliveryState state;
    bool final;
    const char* name;
  };
  const Case cases[] = {
      {"1", sms::DeliveryState::kDelivered, true, "delivered"},
      {"2", sms::DeliveryState::kFailed, true, "failed"},
      {"4", sms::DeliveryState::kBuffered, false, "buffered"},
      {"8", sms::DeliveryState::kSmscAccepted, false, "smsc_accepted"},
      {"16", sms::DeliveryState::kSmscRejected, true, "smsc_rejected"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.status);
    // The id as Kannel sends it back after expanding our "%%"-escaped dlr-url.
    std::string query = WithSecret(std::string("id=a%2Fb%20%C3%A9%25&status=") + c.status +
                                   "&smsc=fake-mt&answer=ACK%2F&ts=1795414733");
    auto r = sms::ParseKannelDlr(Call(query), Guard());
    REQUIRE(r.ok());
    CHECK(r->delivery_id == "a/b é%");
    CHECK(r->state == c.state);
    CHECK(sms::IsFinal(r->state) == c.final);
    CHECK(sms::DeliveryStateName(r->state) == c.name);
    CHECK(r->smsc_id == "fake-mt");
    CHECK(r->smsc_detail == "ACK/");
    CHECK(r->reported_at == gw::core::FromUnixMillis(1795414733000));
    CHECK(r->raw_query == query.substr(query.find('&') + 1));
  }
}

TEST_CASE("bad delivery reports get precise errors") {
  struct Case {
    const char* rest;
    const char* message;
  };
  const Case cases[] = {
      {"status=1", "id: required"},
      {"id=x", "status: required"},
      {"id=x&status=3", "status: expected one of 1, 2, 4, 8, 16"},
      {"id=x&status=1&foo=1", "foo: unknown parameter"},
      {"id=x&status=1&ts=-5", "ts: expected Unix seconds"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.rest);
    auto r = sms::ParseKannelDlr(Call(WithSecret(c.rest)), Guard());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == c.message);
  }
  CHECK(sms::ParseKannelDlr(Call("id=x&status=1"), Guard()).error().code ==
        ErrorCode::kUnauthorized);
}
