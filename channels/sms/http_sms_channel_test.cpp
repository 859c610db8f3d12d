// Tests of the generic HTTP SMS provider: template rendering, request building, answer mapping,
// and Send against a fake brandname API (cpp-httplib on port 0).
#include "channels/sms/http_sms_channel.hpp"

#include <doctest/doctest.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "channels/common/test_log_sink.hpp"
#include "tests/support/test_http_server.hpp"

namespace sms = gw::channels::sms;
namespace net = gw::net;
using gw::core::SendOutcome;
using gw::testing::TestHttpServer;
using namespace std::chrono_literals;

namespace {

sms::HttpSmsConfig JsonConfig(const std::string& url) {
  sms::HttpSmsConfig c;
  c.brandname = "UBND TINH";
  c.url = url;
  c.body =
      R"({"to":"{to}","text":"{text}","brand":"{brandname}","requestId":"{id}","unicode":{unicode},"parts":{parts}})";
  c.headers = {{"Authorization", "Bearer token-1"}, {"X-Request-Id", "{id}"}};
  c.status_pointer = "/code";
  c.accepted = {"0"};
  c.retryable = {"99"};
  c.rejected = {"1"};
  c.message_id_pointer = "/data/msgId";
  return c;
}

gw::core::OutboundMessage Message(std::string text) {
  gw::core::OutboundMessage m;
  m.to = {gw::core::ChannelKind::kSms, "+84901234567"};
  m.text = std::move(text);
  m.idempotency_key = "dlv-7";
  return m;
}

sms::PreparedSms Prepared(std::string text) {
  sms::PreparedSms p;
  p.to = "84901234567";
  p.segments = *sms::CountSegments(text);
  p.text = std::move(text);
  return p;
}

net::HttpResult Reply(long status, std::string body) {
  net::HttpResult r;
  r.response.status = status;
  r.response.body = std::move(body);
  return r;
}

}  // namespace

TEST_CASE("templates escape per context and leave JSON braces alone") {
  sms::TemplateValues v{"84901234567", "Hồ sơ \"A&B\"\n", "UBND", "id/1", "1", "2"};
  CHECK(sms::RenderTemplate(R"({"t":"{text}","n":{unicode},"x":"{unknown}"})", v,
                            sms::TemplateEscape::kJson) ==
        R"({"t":"Hồ sơ \"A&B\"\n","n":1,"x":"{unknown}"})");
  CHECK(sms::RenderTemplate("to={to}&msg={text}", v, sms::TemplateEscape::kPercent) ==
        "to=84901234567&msg=H%E1%BB%93%20s%C6%A1%20%22A%26B%22%0A");
  CHECK(sms::RenderTemplate("{id} {}", v, sms::TemplateEscape::kNone) == "id/1 {}");
}

TEST_CASE("request building: JSON, form and GET") {
  auto c = JsonConfig("https://api.example.vn/send");
  auto built = sms::BuildProviderRequest(c, Prepared("Xin chào đồng bào"), "dlv-7");
  REQUIRE(std::holds_alternative<net::HttpRequest>(built));
  auto req = std::get<net::HttpRequest>(built);
  CHECK(req.method == "POST");
  auto body = nlohmann::json::parse(req.body);
  CHECK(body["text"] == "Xin chào đồng bào");
  CHECK(body["unicode"] == 1);
  CHECK(body["parts"] == 1);
  CHECK(body["brand"] == "UBND TINH");
  CHECK(body["requestId"] == "dlv-7");
  REQUIRE(req.headers.size() == 3);
  CHECK(req.headers[1].second == "dlv-7");
  CHECK(req.headers[2].first == "Content-Type");
  CHECK(req.headers[2].second == "application/json; charset=utf-8");

  c.format = sms::BodyFormat::kForm;
  c.body = "Phone={to}&Content={text}&Brandname={brandname}";
  req = std::get<net::HttpRequest>(sms::BuildProviderRequest(c, Prepared("a b"), "k"));
  CHECK(req.body == "Phone=84901234567&Content=a%20b&Brandname=UBND%20TINH");
  CHECK(req.headers.back().second == "application/x-www-form-urlencoded");

  c.method = "GET";
  c.body.clear();
  c.url = "https://rest.example.vn/send?Phone={to}&Content={text}&IsUnicode={unicode}";
  req = std::get<net::HttpRequest>(sms::BuildProviderRequest(c, Prepared("đ"), "k"));
  CHECK(req.url == "https://rest.example.vn/send?Phone=84901234567&Content=%C4%91&IsUnicode=1");
  CHECK(req.body.empty());

  auto missing = sms::BuildProviderRequest(JsonConfig("https://x.vn/"), Prepared("a"), "");
  REQUIRE(std::holds_alternative<gw::core::SendResult>(missing));
  CHECK(std::get<gw::core::SendResult>(missing).outcome == SendOutcome::kMalformed);
  auto crlf = sms::BuildProviderRequest(JsonConfig("https://x.vn/"), Prepared("a"), "a\r\nX: y");
  REQUIRE(std::holds_alternative<gw::core::SendResult>(crlf));
  CHECK(std::get<gw::core::SendResult>(crlf).detail ==
        "header X-Request-Id would contain a line break");
}

TEST_CASE("provider answers map onto outcomes") {
  const auto c = JsonConfig("https://x.vn/");
  struct Case {
    long status;
    const char* body;
    SendOutcome outcome;
    const char* provider_code;
    const char* message_id;
  };
  const Case cases[] = {
      {200, R"({"code":"0","data":{"msgId":"P-1"}})", SendOutcome::kAccepted, "0", "P-1"},
      {200, R"({"code":0,"data":{"msgId":12345}})", SendOutcome::kAccepted, "0", "12345"},
      {200, R"({"code":"0"})", SendOutcome::kAccepted, "0", "dlv-7"},
      {200, R"({"code":"99"})", SendOutcome::kRetryable, "99", ""},
      {200, R"({"code":"1"})", SendOutcome::kRejected, "1", ""},
      {200, R"({"code":"42"})", SendOutcome::kRejected, "42", ""},
      {200, "<html>oops</html>", SendOutcome::kRetryable, "not_json", ""},
      {200, R"({"status":"ok"})", SendOutcome::kRetryable, "no_status", ""},
      {400, R"({"code":"1"})", SendOutcome::kRejected, "1", ""},
      {401, "denied", SendOutcome::kMalformed, "http 401", ""},
      {500, "boom", SendOutcome::kRetryable, "http 500", ""},
      {429, "", SendOutcome::kRetryable, "http 429", ""},
  };
  for (const auto& k : cases) {
    CAPTURE(k.body);
    auto r = sms::MapProviderReply(c, Reply(k.status, k.body), gw::core::TimePoint(), "dlv-7");
    CHECK(r.outcome == k.outcome);
    CHECK(r.provider_code == k.provider_code);
    CHECK(r.provider_message_id == k.message_id);
  }
  sms::HttpSmsConfig plain;  // no status pointer: the HTTP status decides
  auto r = sms::MapProviderReply(plain, Reply(202, "anything"), gw::core::TimePoint(), "dlv-7");
  CHECK(r.outcome == SendOutcome::kAccepted);
  CHECK(r.provider_message_id == "dlv-7");
}

TEST_CASE("Send against a fake brandname API") {
  std::mutex mu;
  std::vector<nlohmann::json> bodies;
  std::vector<std::string> auth;
  std::string answer = R"({"code":"0","data":{"msgId":"VN-1"}})";
  TestHttpServer server([&](httplib::Server& s) {
    s.Post("/sms/send", [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu);
      bodies.push_back(nlohmann::json::parse(req.body, nullptr, false));
      auth.push_back(req.get_header_value("Authorization"));
      res.set_content(answer, "application/json");
    });
    s.Post("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(600ms);
      res.set_content(R"({"code":"0"})", "application/json");
    });
  });
  gw::channels::testing::CaptureSink sink;
  gw::channels::testing::ScopedSink scoped(&sink);
  gw::core::FakeClock clock(gw::core::FromUnixMillis(0));
  sms::HttpSmsChannel channel(JsonConfig(server.Url("/sms/send")), clock);

  auto r = channel.Send(Message("Hồ sơ của bạn đã được tiếp nhận"));
  CHECK(r.outcome == SendOutcome::kAccepted);
  CHECK(r.provider_message_id == "VN-1");
  REQUIRE(bodies.size() == 1);
  CHECK(bodies[0]["to"] == "84901234567");
  CHECK(bodies[0]["text"] == "Hồ sơ của bạn đã được tiếp nhận");
  CHECK(bodies[0]["requestId"] == "dlv-7");
  CHECK(auth[0] == "Bearer token-1");

  answer = R"({"code":"99"})";
  CHECK(channel.Send(Message("hi")).outcome == SendOutcome::kRetryable);

  auto c = JsonConfig(server.Url("/sms/send"));
  c.max_parts = 1;
  sms::HttpSmsChannel short_channel(c, clock);
  r = short_channel.Send(Message(std::string(71, 'x') + "đ"));
  CHECK(r.outcome == SendOutcome::kRejected);
  CHECK(r.detail.find("channels.sms.http.max_parts allows (1)") != std::string::npos);
  CHECK(bodies.size() == 2);  // refused before any request

  c = JsonConfig(server.Url("/slow"));
  c.timeout = 200ms;
  sms::HttpSmsChannel slow(c, clock);
  r = slow.Send(Message("hi"));
  CHECK(r.outcome == SendOutcome::kRetryable);
  CHECK(r.provider_code == "timeout");
  CHECK(sink.text().find("901234567") == std::string::npos);  // numbers are masked
  CHECK(sink.text().find("token-1") == std::string::npos);
}
