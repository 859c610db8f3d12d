// Tests of the top-level config: shipped files parse, errors are all reported with paths.
#include "gateway/gateway_config.hpp"

#include <doctest/doctest.h>

#include "embedded/config.hpp"

TEST_CASE("the shipped demo and example configs are valid") {
  for (std::string name : {"demo.json", "caunoi.example.json"}) {
    CAPTURE(name);
    auto text = gw::embedded::config::Find(name);
    REQUIRE(text);
    // What an operator's environment would hold; anything else is missing (an error).
    auto json = gw::core::ParseConfigText(*text, name, [](const char* n) -> const char* {
      const std::string key(n);
      if (key == "BACKEND_WEBHOOK_SECRET") return "whsec_ZXhhbXBsZS1iYWNrZW5kLXNlY3JldA==";
      if (key == "INBOX_TOTP_KEY") return "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
      if (key == "INBOX_ADMIN_PASSWORD") return "example-admin-password";
      for (const char* known : {"CAUNOI_APP_TOKEN", "KANNEL_SENDSMS_PASSWORD",
                                "KANNEL_WEBHOOK_SECRET", "SMTP_PASSWORD", "IMAP_PASSWORD"}) {
        if (key == known) return "example-secret-0123456789";
      }
      return nullptr;
    });
    REQUIRE(json.ok());
    auto c = gw::gateway::ParseGatewayConfig(*json);
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
    CHECK(c->channels.app.enabled);
    CHECK(c->agency_code == "000.00.12.H29");
    if (name == "caunoi.example.json") {
      CHECK(c->channels.sms.kannel.has_value());
      CHECK(c->channels.email.imap.has_value());
      CHECK(c->inbox.enabled);
      CHECK(c->inbox.audit_retention_days == 3650);
      CHECK(c->notifications.delivery.dispatcher.limits.at(gw::notifier::Route::kSms).burst == 30);
    }
  }
}

TEST_CASE("every error is reported at once, each with its path") {
  auto json = nlohmann::json::parse(R"({
    "agency": {"code": "X", "name": "A", "hotline": "1", "hours": "h"},
    "http": {"port": "abc", "threads": 1, "keep_alive_timeout": "forever"},
    "store": {"driver": "oracle", "sqlite": {"readers": 0, "checkpoint_pages": 10,
                                                   "writer_nice": 5}},
    "log": {"level": "loud"},
    "channels": {"pigeon": {}},
    "colour": "blue"
  })");
  auto c = gw::gateway::ParseGatewayConfig(json);
  REQUIRE_FALSE(c.ok());
  const std::string expected =
      "agency.address: is required\n"
      "http.port: expected an integer 0..65535, got \"abc\"\n"
      "http.threads: expected an integer 2..4096, got 1\n"
      "http.keep_alive_timeout: expected a duration 1000ms..3600000ms (like \"30s\", \"250ms\", "
      "\"5m\"), got \"forever\"\n"
      "store.driver: expected one of sqlite, got \"oracle\"\n"
      "store.sqlite.readers: expected an integer 1..64, got 0\n"
      "store.sqlite.checkpoint_pages: expected an integer 50..1000000, got 10\n"
      "store.sqlite.writer_nice: expected an integer -20..0, got 5\n"
      "log.level: expected one of debug, info, warn, error, got \"loud\"\n"
      "channels.pigeon: unknown channel kind (known: app, sms, email)\n"
      "colour: unknown key";
  CHECK(c.error().message == expected);
}

TEST_CASE("a missing file is an error naming it") {
  auto c = gw::gateway::LoadGatewayConfig("/nonexistent/caunoi.json");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message == "/nonexistent/caunoi.json: cannot open file");
}
