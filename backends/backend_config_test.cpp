// Tests of backends.<id> parsing: defaults, bounds and the exact error texts.
#include "backends/backend_config.hpp"

#include <doctest/doctest.h>

namespace gw::backends {
namespace {

using nlohmann::json;

struct Parsed {
  std::vector<BackendConfig> backends;
  std::vector<std::string> errors;
};

Parsed Parse(const json& j) {
  core::ConfigErrors errors;
  core::ConfigNode root(&j, "", &errors);
  auto node = root.Object("backends");
  Parsed p{ParseBackendsConfig(node), {}};
  node.Finish();
  p.errors = errors.lines();
  return p;
}

TEST_CASE("a full backend config") {
  auto p = Parse(json::parse(R"({"backends": {"hcm": {
    "url": "https://motcua.example.gov.vn/caunoi/v1/",
    "auth": {"kind": "hmac", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
    "timeouts": {"connect": "1s", "total": "8s"},
    "retries": {"max_attempts": 4, "initial_backoff": "100ms", "max_backoff": "2s"},
    "circuit_breaker": {"failure_threshold": 10, "cool_down": "1m"},
    "max_concurrency": 32, "concurrency_wait": "250ms"}}})"));
  REQUIRE(p.errors.empty());
  REQUIRE(p.backends.size() == 1);
  const auto& c = p.backends[0];
  CHECK(c.id == "hcm");
  CHECK(c.url == "https://motcua.example.gov.vn/caunoi/v1");
  CHECK(c.auth == AuthKind::kHmac);
  CHECK(c.hmac_key.size() == 24);
  CHECK(c.connect_timeout == std::chrono::seconds(1));
  CHECK(c.total_timeout == std::chrono::seconds(8));
  CHECK(c.max_attempts == 4);
  CHECK(c.cool_down == std::chrono::minutes(1));
  CHECK(c.max_concurrency == 32);
  CHECK(c.concurrency_wait == std::chrono::milliseconds(250));
  CHECK(MaxCallDuration(c) == std::chrono::milliseconds(4 * (250 + 8000) + 3 * 2000));
}

TEST_CASE("defaults need a bearer token") {
  auto p = Parse(json::parse(R"({"backends": {"hn": {"url": "https://x.gov.vn/api"}}})"));
  CHECK(p.errors == std::vector<std::string>{"backends.hn.auth.token: is required"});
  p = Parse(json::parse(
      R"({"backends": {"hn": {"url": "https://x.gov.vn/api", "auth": {"token": "0123456789abcdef"}}}})"));
  REQUIRE(p.errors.empty());
  CHECK(p.backends[0].auth == AuthKind::kBearer);
  CHECK(p.backends[0].max_attempts == 3);
  CHECK(p.backends[0].failure_threshold == 5);
}

TEST_CASE("errors carry their paths") {
  auto p = Parse(json::parse(R"({"backends": {
    "Bad Id": {},
    "a": {"url": "ftp://x", "auth": {"kind": "none"}, "retries": {"max_attempts": 0},
          "timeouts": {"connect": "5s", "total": "1s"}, "colour": "blue"},
    "b": {"url": "http://127.0.0.1:8090/api/v1", "auth": {"kind": "hmac", "secret": "nope"},
          "max_concurrency": "many"}}})"));
  CHECK(p.errors == std::vector<std::string>{
                        "backends.Bad Id: a backend id must match [a-z0-9_-]+",
                        "backends.a.url: expected an http:// or https:// URL, got \"ftp://x\"",
                        "backends.a.auth.kind: \"none\" is only allowed for a loopback http URL "
                        "(the demo simulator)",
                        "backends.a.timeouts.connect: must not exceed timeouts.total",
                        "backends.a.retries.max_attempts: expected an integer 1..10, got 0",
                        "backends.a.colour: unknown key",
                        "backends.b.auth.secret: expected whsec_ followed by base64",
                        "backends.b.max_concurrency: expected an integer 1..1024, got \"many\"",
                    });
}

TEST_CASE("auth none is fine on loopback") {
  auto p = Parse(json::parse(
      R"({"backends": {"demo": {"url": "http://127.0.0.1:8090/api/v1", "auth": {"kind": "none"}}}})"));
  CHECK(p.errors.empty());
  CHECK(p.backends[0].auth == AuthKind::kNone);
}

}  // namespace
}  // namespace gw::backends
