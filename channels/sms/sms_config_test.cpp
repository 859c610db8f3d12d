// Tests of channels.sms config parsing: defaults, bounds, and the exact error texts with paths.
#include "channels/sms/sms_config.hpp"

#include <doctest/doctest.h>

#include "channels/registry.hpp"

namespace sms = gw::channels::sms;

namespace {

struct Parsed {
  sms::SmsConfig config;
  std::vector<std::string> errors;
};

Parsed Parse(const std::string& json) {
  auto j = nlohmann::json::parse(json);
  gw::core::ConfigErrors errors;
  gw::core::ConfigNode node(&j, "channels.sms", &errors);
  Parsed p{sms::ParseSmsConfig(node), {}};
  node.Finish();
  p.errors = errors.lines();
  return p;
}

const char* kKannel =
    R"("kannel":{"username":"caunoi","password":"pw","from":"8088",
        "webhook_secret":"0123456789abcdef"})";

// Exact comparison, except that an expected line ending in '*' is a prefix.
void CheckLines(const std::vector<std::string>& got, const std::vector<std::string>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(got[i]);
    const std::string& e = expected[i];
    if (e.ends_with("*")) {
      CHECK(got[i].starts_with(e.substr(0, e.size() - 1)));
    } else {
      CHECK(got[i] == e);
    }
  }
}

}  // namespace

TEST_CASE("a minimal Kannel config takes the documented defaults") {
  auto p = Parse(std::string("{") + kKannel + "}");
  REQUIRE(p.errors.empty());
  REQUIRE(p.config.kannel.has_value());
  const auto& k = *p.config.kannel;
  CHECK(p.config.enabled);
  CHECK(p.config.send_via == sms::SmsSender::kKannel);
  CHECK(k.SendSmsUrl() == "http://127.0.0.1:13013/cgi-bin/sendsms");
  CHECK(k.max_messages == 3);
  CHECK_FALSE(k.fold_diacritics);
  CHECK(k.number_format == sms::NumberFormat::kE164);
  CHECK(k.timeout == std::chrono::milliseconds(10000));
  CHECK(k.webhook.allow_from.Allows("127.0.0.1"));
  CHECK(k.webhook.allow_from.Allows("::1"));
  CHECK_FALSE(k.webhook.allow_from.Allows("10.0.0.1"));
}

TEST_CASE("Kannel config errors name their path") {
  auto p = Parse(R"({"kannel":{"host":"a b","port":"abc","path":"cgi","from":"UBND TỈNH",
      "dlr_url":"http://gw/dlr?x=%d","max_messages":0,"number_format":"local",
      "timeout":"forever","webhook_secret":"short","webhook_allow_from":["10.0.0.1/8"],
      "bogus":true}})");
  const std::vector<std::string> expected = {
      "channels.sms.kannel.host: expected a host name or IP address (IPv6 in brackets)",
      "channels.sms.kannel.port: expected an integer 1..65535, got \"abc\"",
      "channels.sms.kannel.path: must start with /",
      "channels.sms.kannel.username: is required",
      "channels.sms.kannel.password: is required",
      "channels.sms.kannel.from: only letters A-Z, digits, '-', '_', '.' and space are allowed, "
      "got 'Ỉ'",
      "channels.sms.kannel.dlr_url: must not contain '%' (Kannel reads %x as a placeholder)",
      "channels.sms.kannel.max_messages: expected an integer 1..255, got 0",
      "channels.sms.kannel.number_format: expected one of e164, international, national, got "
      "\"local\"",
      "channels.sms.kannel.timeout: expected a duration 100ms..120000ms (like \"30s\", "
      "\"250ms\", \"5m\"), got \"forever\"",
      "channels.sms.kannel.webhook_secret: must have at least 16 characters",
      "channels.sms.kannel.webhook_allow_from[0]: \"10.0.0.1/8\" has bits set after the prefix "
      "length",
      "channels.sms.kannel.bogus: unknown key",
  };
  CHECK(p.errors == expected);
}

TEST_CASE("a webhook secret must be URL-safe, and the allow-list not empty") {
  auto p = Parse(R"({"kannel":{"username":"u","password":"p","from":"8088",
      "webhook_secret":"0123456789abcdef&x","webhook_allow_from":[]}})");
  const std::vector<std::string> expected = {
      "channels.sms.kannel.webhook_secret: use only letters, digits and - . _ ~ (it travels in "
      "URLs)",
      "channels.sms.kannel.webhook_allow_from: must list at least one address or block",
  };
  CHECK(p.errors == expected);
}

TEST_CASE("the generic HTTP provider: a valid JSON API") {
  auto p = Parse(R"({"http":{"brandname":"UBND TINH","max_parts":2,
      "request":{"url":"https://api.example.vn/send","headers":{"Authorization":"Bearer t",
        "X-Request-Id":"{id}"},
        "body":"{\"to\":\"{to}\",\"text\":\"{text}\",\"brand\":\"{brandname}\",\"unicode\":{unicode}}"},
      "response":{"status":"/code","accepted":["0"],"retryable":["99"],"message_id":"/data/id"}}})");
  REQUIRE(p.errors.empty());
  REQUIRE(p.config.http.has_value());
  CHECK(p.config.send_via == sms::SmsSender::kHttp);
  CHECK(p.config.http->method == "POST");
  CHECK(p.config.http->format == sms::BodyFormat::kJson);
  CHECK(p.config.http->number_format == sms::NumberFormat::kInternational);
  CHECK(p.config.http->headers.size() == 2);
}

TEST_CASE("HTTP provider config errors name their path") {
  auto p = Parse(R"({"http":{"brandname":"UBND-TINH-HN",
      "request":{"method":"PUT","url":"api.example.vn/send?to={txt}","headers":{"X-Id":"{text}"},
        "body":"{\"text\":{text}}"},
      "response":{"status":"code","retryable":["1"],"rejected":["1"]}}})");
  const std::vector<std::string> expected = {
      "channels.sms.http.brandname: at most 11 characters, got 12",
      "channels.sms.http.request.method: expected one of GET, POST, got \"PUT\"",
      "channels.sms.http.request.url: expected an http:// or https:// URL",
      // The parser's own words follow; they change between nlohmann-json versions.
      "channels.sms.http.request.body: not valid JSON once the placeholders are filled in "
      "(string placeholders go inside quotes): [json.exception.parse_error.101] *",
      "channels.sms.http.request.headers.X-Id: unknown placeholder {text} (known: {id}, "
      "{brandname})",
      "channels.sms.http.response.status: expected a JSON pointer like \"/code\" or \"/data/id\"",
      "channels.sms.http.response.accepted: list the status values that mean accepted",
      "channels.sms.http.response.retryable: \"1\" is listed twice",
  };
  CheckLines(p.errors, expected);
}

TEST_CASE("templates: unknown placeholders, GET with a body, POST without") {
  auto p = Parse(R"({"http":{"brandname":"UBND","request":{"method":"GET",
      "url":"https://api.example.vn/send?to={to}&msg={txt}","body":"x"}}})");
  const std::vector<std::string> expected = {
      "channels.sms.http.request.url: unknown placeholder {txt} (known: {to}, {text}, "
      "{brandname}, {id}, {unicode}, {parts})",
      "channels.sms.http.request.body: not allowed with GET (put the fields in the url)",
  };
  CHECK(p.errors == expected);
  p = Parse(R"({"http":{"brandname":"UBND","request":{"url":"https://x.vn/"}}})");
  CHECK(p.errors ==
        std::vector<std::string>{"channels.sms.http.request.body: is required for POST"});
  p = Parse(R"({"http":{"brandname":"UBND"}})");
  CHECK(p.errors == std::vector<std::string>{"channels.sms.http.request: is required",
                                             "channels.sms.http.request.url: is required"});
}

TEST_CASE("choosing the sender when both adapters are configured") {
  const std::string http =
      R"("http":{"brandname":"UBND","request":{"method":"GET","url":"https://x.vn/?to={to}"}})";
  auto p = Parse(std::string("{") + kKannel + "," + http + "}");
  CHECK(p.errors ==
        std::vector<std::string>{"channels.sms.send_via: is required when both kannel and http are "
                                 "configured"});
  p = Parse(std::string("{") + kKannel + "," + http + R"(,"send_via":"http"})");
  CHECK(p.errors.empty());
  CHECK(p.config.send_via == sms::SmsSender::kHttp);
  p = Parse(std::string("{") + kKannel + R"(,"send_via":"http"})");
  CHECK(p.errors ==
        std::vector<std::string>{
            "channels.sms.send_via: names an adapter that is not configured (\"http\")"});
  p = Parse("{}");
  CHECK(p.errors ==
        std::vector<std::string>{"channels.sms: configure \"kannel\", \"http\" or both"});
}

TEST_CASE("the registry knows the sms kind") {
  auto j = nlohmann::json::parse(std::string(R"({"sms":{)") + kKannel + "}}");
  gw::core::ConfigErrors errors;
  gw::core::ConfigNode node(&j, "channels", &errors);
  auto c = gw::channels::ParseChannelsConfig(node);
  CHECK(errors.empty());
  CHECK(c.configured == std::vector<std::string>{"sms"});
  CHECK(c.sms.kannel.has_value());
  nlohmann::json empty = nlohmann::json::object();
  gw::core::ConfigNode none(&empty, "channels", &errors);
  CHECK_FALSE(gw::channels::ParseChannelsConfig(none).sms.enabled);
}
