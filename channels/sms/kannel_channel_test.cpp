// Tests of the Kannel adapter's sendsms URL, refusals and reply mapping, against a fake smsbox
// (cpp-httplib on port 0) that answers the way Kannel 1.4.5 does.
#include "channels/sms/kannel_channel.hpp"

#include <doctest/doctest.h>

#include <map>
#include <mutex>

#include "channels/common/test_log_sink.hpp"
#include "net/url.hpp"
#include "tests/support/test_http_server.hpp"

namespace sms = gw::channels::sms;
namespace net = gw::net;
using gw::channels::testing::CaptureSink;
using gw::channels::testing::ScopedSink;
using gw::core::SendOutcome;
using gw::testing::TestHttpServer;

namespace {

sms::KannelConfig Config() {
  sms::KannelConfig c;
  c.port = 13013;
  c.username = "caunoi";
  c.password = "pw&secret";
  c.from = "8088";
  c.smsc_id = "vnpt";
  c.dlr_url = "http://10.0.0.5:8080/webhooks/kannel/dlr";
  c.webhook.secret = "0123456789abcdef";
  return c;
}

gw::core::OutboundMessage Message(std::string text, std::string to = "0901234567") {
  gw::core::OutboundMessage m;
  m.to = {gw::core::ChannelKind::kSms, std::move(to)};
  m.text = std::move(text);
  m.idempotency_key = "dlv-42";
  return m;
}

std::map<std::string, std::string> QueryOf(const std::string& url) {
  auto q = net::ParseQuery(url.substr(url.find('?') + 1));
  REQUIRE(q.ok());
  std::map<std::string, std::string> out;
  for (auto& p : *q) out[p.name] = p.value;
  return out;
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("Vietnamese goes as UCS-2 with charset UTF-8, DLR mask 27 and our id") {
  auto call = sms::PrepareSendSms(Config(), Message("Xin chào đồng bào"));
  REQUIRE(std::holds_alternative<sms::SendSmsCall>(call));
  const auto& url = std::get<sms::SendSmsCall>(call).url;
  CHECK(url.starts_with(
      "http://127.0.0.1:13013/cgi-bin/sendsms?username=caunoi&password=pw%26secret&"));
  auto q = QueryOf(url);
  CHECK(q["text"] == "Xin chào đồng bào");
  CHECK(q["coding"] == "2");
  CHECK(q["charset"] == "UTF-8");
  CHECK(q["to"] == "+84901234567");
  CHECK(q["from"] == "8088");
  CHECK(q["smsc"] == "vnpt");
  CHECK(q["dlr-mask"] == "27");
  CHECK(q["dlr-url"] ==
        "http://10.0.0.5:8080/webhooks/kannel/dlr?secret=0123456789abcdef&id=dlv-42"
        "&status=%d&smsc=%i&answer=%A&ts=%T");
  CHECK(q.count("max-messages") == 0);  // Kannel 1.4.5 has no such request parameter
}

TEST_CASE("GSM text goes 7-bit; folding turns Vietnamese into GSM") {
  auto q = QueryOf(
      std::get<sms::SendSmsCall>(sms::PrepareSendSms(Config(), Message("Xin chao @ 10€"))).url);
  CHECK(q["coding"] == "0");
  auto c = Config();
  c.fold_diacritics = true;
  c.number_format = sms::NumberFormat::kNational;
  c.smsc_id.clear();
  c.dlr_url.clear();
  q = QueryOf(
      std::get<sms::SendSmsCall>(sms::PrepareSendSms(c, Message("Hồ sơ đã được tiếp nhận"))).url);
  CHECK(q["text"] == "Ho so da duoc tiep nhan");
  CHECK(q["coding"] == "0");
  CHECK(q["to"] == "0901234567");
  CHECK(q.count("smsc") == 0);
  CHECK(q.count("dlr-url") == 0);
}

TEST_CASE("delivery ids survive Kannel's %-expansion: every % is doubled") {
  auto url = sms::BuildDlrUrl(Config(), "a/b é%");
  CHECK(url.ends_with("&id=a%%2Fb%%20%%C3%%A9%%25&status=%d&smsc=%i&answer=%A&ts=%T"));
  auto c = Config();
  c.dlr_url = "https://gw.example.vn/webhooks/kannel/dlr?tenant=1";
  CHECK(sms::BuildDlrUrl(c, "x").starts_with(
      "https://gw.example.vn/webhooks/kannel/dlr?tenant=1&secret="));
}

TEST_CASE("a text longer than max_messages parts is refused, never cut") {
  auto c = Config();
  c.max_messages = 2;
  CHECK(
      std::holds_alternative<sms::SendSmsCall>(sms::PrepareSendSms(c, Message(Repeat("đ", 134)))));
  auto r = sms::PrepareSendSms(c, Message(Repeat("đ", 135)));
  REQUIRE(std::holds_alternative<gw::core::SendResult>(r));
  const auto& refusal = std::get<gw::core::SendResult>(r);
  CHECK(refusal.outcome == SendOutcome::kRejected);
  CHECK(refusal.detail ==
        "text needs 3 SMS parts (UCS-2, 135 UTF-16 units), more than "
        "channels.sms.kannel.max_messages allows (2); refused rather than cut");
  CHECK(refusal.safe_text == "message too long for SMS");
}

TEST_CASE("messages that cannot go are refused before any request") {
  struct Case {
    gw::core::OutboundMessage message;
    SendOutcome outcome;
    const char* detail;
  };
  auto no_key = Message("hi");
  no_key.idempotency_key.clear();
  auto wrong_channel = Message("hi");
  wrong_channel.to.channel = gw::core::ChannelKind::kEmail;
  const Case cases[] = {
      {Message("hi", "8088"), SendOutcome::kRejected, "recipient is not a phone number"},
      {Message(""), SendOutcome::kMalformed, "text is empty"},
      {Message("\xC3\x28"), SendOutcome::kMalformed, "text is not valid UTF-8"},
      {no_key, SendOutcome::kMalformed,
       "no idempotency key: delivery reports could not be matched to the message"},
      {wrong_channel, SendOutcome::kMalformed, "contact of channel email given to the SMS adapter"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.detail);
    auto r = sms::PrepareSendSms(Config(), c.message);
    REQUIRE(std::holds_alternative<gw::core::SendResult>(r));
    CHECK(std::get<gw::core::SendResult>(r).outcome == c.outcome);
    CHECK(std::get<gw::core::SendResult>(r).detail == c.detail);
  }
}

TEST_CASE("Kannel's answers map onto outcomes") {
  struct Case {
    long status;
    const char* body;
    SendOutcome outcome;
  };
  const Case cases[] = {
      {202, "0: Accepted for delivery", SendOutcome::kAccepted},
      {202, "3: Queued for later delivery", SendOutcome::kAccepted},
      {202, "Sent.", SendOutcome::kAccepted},
      {400, "Missing receiver number, rejected", SendOutcome::kMalformed},
      {400, "Coding field misformed, rejected", SendOutcome::kMalformed},
      {403, "Authorization failed for sendsms", SendOutcome::kMalformed},
      {403, "Not routable. Do not try again.", SendOutcome::kRejected},
      {429, "", SendOutcome::kRetryable},
      {503, "Sending failed.", SendOutcome::kRetryable},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    net::HttpResult r;
    r.response.status = c.status;
    r.response.body = std::string(c.body) + "\n";
    auto out = sms::MapSendSmsReply(r, gw::core::TimePoint());
    CHECK(out.outcome == c.outcome);
    CHECK(out.detail.find(c.body) != std::string::npos);
  }
}

TEST_CASE("Send against a fake smsbox: accepted, refused, failing, unreachable") {
  std::mutex mu;
  std::vector<std::map<std::string, std::string>> seen;
  int status = 202;
  std::string body = "0: Accepted for delivery";
  TestHttpServer server([&](httplib::Server& s) {
    s.Get("/cgi-bin/sendsms", [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu);
      std::map<std::string, std::string> q;
      for (const auto& [k, v] : req.params) q[k] = v;
      seen.push_back(q);
      res.status = status;
      if (status == 503) res.set_header("Retry-After", "30");
      res.set_content(body, "text/plain");
    });
  });
  CaptureSink sink;
  std::optional<ScopedSink> scoped(&sink);
  auto c = Config();
  c.port = server.port();
  gw::core::FakeClock clock(gw::core::FromUnixMillis(0));
  sms::KannelChannel channel(c, clock);

  auto r = channel.Send(Message("Hồ sơ của bạn đã được tiếp nhận"));
  CHECK(r.outcome == SendOutcome::kAccepted);
  CHECK(r.provider_message_id == "dlv-42");
  REQUIRE(seen.size() == 1);
  CHECK(seen[0]["text"] == "Hồ sơ của bạn đã được tiếp nhận");
  CHECK(seen[0]["coding"] == "2");
  CHECK(seen[0]["password"] == "pw&secret");

  status = 403;
  body = "Authorization failed for sendsms";
  r = channel.Send(Message("hi"));
  CHECK(r.outcome == SendOutcome::kMalformed);
  CHECK(r.provider_code == "http 403");
  CHECK(r.safe_text == "SMS gateway credentials rejected");

  status = 503;
  body = "Sending failed.";
  r = channel.Send(Message("hi"));
  CHECK(r.outcome == SendOutcome::kRetryable);
  CHECK(r.retry_after == std::chrono::milliseconds(30000));

  c.port = gw::testing::ClosedPort();
  sms::KannelChannel unreachable(c, clock);
  r = unreachable.Send(Message("hi"));
  CHECK(r.outcome == SendOutcome::kRetryable);
  CHECK(r.provider_code == "connect_failed");

  scoped.reset();
  // The log names the delivery and the masked number, never the number or the password.
  const std::string logged = sink.text();
  CHECK(logged.find("to=+849*****567 delivery_id=dlv-42") != std::string::npos);
  CHECK(logged.find("901234567") == std::string::npos);
  CHECK(logged.find("pw&secret") == std::string::npos);
  CHECK(logged.find("pw%26secret") == std::string::npos);
}
