// Tests of the "inbox" config section: defaults, bounds and exact error texts.
#include "gateway/inbox/inbox_config.hpp"

#include <doctest/doctest.h>

namespace gw::gateway::inbox {
namespace {

std::vector<std::string> Parse(const char* text, InboxConfig* out = nullptr) {
  auto json = nlohmann::json::parse(text);
  core::ConfigErrors errors;
  core::ConfigNode node(&json, "inbox", &errors);
  auto c = ParseInboxConfig(node);
  node.Finish();
  if (out) *out = c;
  return errors.lines();
}

TEST_CASE("a valid inbox section parses into typed values") {
  InboxConfig c;
  auto errors = Parse(R"({"enabled": true, "session_ttl": "2h", "max_failures": 3,
    "officers": [{"username": "a", "display_name": "A", "agency_code": "000.00.12.H29",
                  "role": "supervisor", "password": "12345678"}]})",
                      &c);
  CHECK(errors.empty());
  CHECK(c.enabled);
  CHECK(c.session_ttl == std::chrono::hours(2));
  CHECK(c.max_failures == 3);
  REQUIRE(c.officers.size() == 1);
  CHECK(c.officers[0].role == "supervisor");
}

TEST_CASE("inbox config errors name their path") {
  auto errors = Parse(R"({"enabled": true, "colour": 1, "officers": [
    {"username": "a", "display_name": "A", "agency_code": "x", "role": "boss", "password": "short"},
    {"username": "a", "display_name": "B", "agency_code": "x", "password": "long enough"}]})");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0] ==
        "inbox.officers[0].role: expected one of officer, supervisor, admin, got \"boss\"");
  CHECK(errors[1] == "inbox.officers[0].password: expected at least 8 characters");
  CHECK(errors[2] == "inbox.officers[1].username: duplicate username");
  CHECK(errors[3] == "inbox.colour: unknown key");
}

TEST_CASE("an enabled inbox needs an officer") {
  auto errors = Parse(R"({"enabled": true})");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "inbox.officers: at least one officer is needed");
}

TEST_CASE("SLA settings: defaults, values and bounds") {
  InboxConfig c;
  CHECK(Parse(R"({"enabled": false})", &c).empty());
  CHECK(c.sla_first_response == std::chrono::hours(4));
  CHECK(c.sla_resolution_days == 3);
  CHECK(c.sla_check_interval == std::chrono::minutes(1));
  CHECK(Parse(R"({"sla": {"first_response": "2h", "resolution_days": 5, "check_interval": "10s"}})",
              &c)
            .empty());
  CHECK(c.sla_first_response == std::chrono::hours(2));
  CHECK(c.sla_resolution_days == 5);
  CHECK(c.sla_check_interval == std::chrono::seconds(10));
  auto errors = Parse(R"({"sla": {"resolution_days": 0, "speed": 1}})");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].starts_with("inbox.sla.resolution_days: expected an integer 1..60"));
  CHECK(errors[1] == "inbox.sla.speed: unknown key");
}

TEST_CASE("TOTP key and audit retention: defaults, values and exact errors") {
  InboxConfig c;
  CHECK(Parse(R"({"enabled": false})", &c).empty());
  CHECK(c.totp_key.empty());
  CHECK(c.audit_retention_days == 3650);
  CHECK(c.audit_archive_path.empty());
  CHECK(Parse(R"({"totp_key": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                  "audit_retention_days": 365, "audit_archive_path": "/var/lib/caunoi/audit.jsonl"})",
              &c)
            .empty());
  CHECK(c.audit_retention_days == 365);
  CHECK(c.audit_archive_path == "/var/lib/caunoi/audit.jsonl");
  auto errors = Parse(R"({"totp_key": "c2hvcnQ=", "audit_retention_days": 364})");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] ==
        "inbox.totp_key: expected 32 bytes in base64 (e.g. from `openssl rand -base64 32`)");
  CHECK(errors[1].starts_with("inbox.audit_retention_days: expected an integer 365..36500"));
}

}  // namespace
}  // namespace gw::gateway::inbox
