// Tests of the path-tracking config reader: exact error texts, ${ENV}, durations, unknown keys.
#include "core/config_reader.hpp"

#include <doctest/doctest.h>

using gw::core::ConfigErrors;
using gw::core::ConfigNode;
using gw::core::ParseConfigText;
using namespace std::chrono_literals;

namespace {
const char* NoEnv(const char*) {
  return nullptr;
}
}  // namespace

TEST_CASE("typed getters report the path, the expectation and what was found") {
  auto j =
      nlohmann::json::parse(R"({"channels":{"sms":{"kannel":{"port":"abc","host":7}}},"n":70000})");
  ConfigErrors errors;
  ConfigNode root(&j, "", &errors);
  auto kannel = root.Object("channels").Object("sms").Object("kannel");
  CHECK(kannel.Int("port", 13013, 1, 65535) == 13013);
  CHECK(kannel.String("host", "localhost") == "localhost");
  CHECK(root.Int("n", 5, 1, 65535) == 5);
  REQUIRE(errors.lines().size() == 3);
  CHECK(errors.lines()[0] ==
        R"(channels.sms.kannel.port: expected an integer 1..65535, got "abc")");
  CHECK(errors.lines()[1] == "channels.sms.kannel.host: expected a string, got 7");
  CHECK(errors.lines()[2] == "n: expected an integer 1..65535, got 70000");
}

TEST_CASE("unknown keys are errors, comment keys are not") {
  auto j = nlohmann::json::parse(R"({"a":1,"b":2,"//":"a comment","//b":"another"})");
  ConfigErrors errors;
  ConfigNode root(&j, "", &errors);
  CHECK(root.Int("a", 0, 0, 10) == 1);
  root.Finish();
  REQUIRE(errors.lines().size() == 1);
  CHECK(errors.lines()[0] == "b: unknown key");
}

TEST_CASE("required strings, enums, booleans and lists") {
  auto j = nlohmann::json::parse(R"({"mode":"fast","on":"yes","list":["a",3],"empty":""})");
  ConfigErrors errors;
  ConfigNode root(&j, "x", &errors);
  CHECK(root.String("name", "", true).empty());
  CHECK(root.String("empty", "", true).empty());
  CHECK(root.Enum("mode", "slow", {"slow", "safe"}) == "slow");
  CHECK(root.Bool("on", false) == false);
  CHECK(root.StringList("list") == std::vector<std::string>{"a"});
  REQUIRE(errors.lines().size() == 5);
  CHECK(errors.lines()[0] == "x.name: is required");
  CHECK(errors.lines()[1] == "x.empty: must not be empty");
  CHECK(errors.lines()[2] == R"(x.mode: expected one of slow, safe, got "fast")");
  CHECK(errors.lines()[3] == R"(x.on: expected true or false, got "yes")");
  CHECK(errors.lines()[4] == "x.list[1]: expected a string, got 3");
}

TEST_CASE("durations accept units and bare milliseconds, within bounds") {
  CHECK(gw::core::ParseDuration("250ms") == 250ms);
  CHECK(gw::core::ParseDuration("30s") == 30000ms);
  CHECK(gw::core::ParseDuration("5m") == 300000ms);
  CHECK(gw::core::ParseDuration("48h") == std::chrono::milliseconds(48 * 3600 * 1000));
  CHECK(gw::core::ParseDuration("2d") == std::chrono::milliseconds(2 * 86400 * 1000));
  CHECK(gw::core::ParseDuration("120") == 120ms);
  CHECK_FALSE(gw::core::ParseDuration("").has_value());
  CHECK_FALSE(gw::core::ParseDuration("5 weeks").has_value());
  CHECK_FALSE(gw::core::ParseDuration("-5s").has_value());

  auto j = nlohmann::json::parse(R"({"t":"10m","u":"1s"})");
  ConfigErrors errors;
  ConfigNode root(&j, "", &errors);
  CHECK(root.Duration("t", 1000ms, 0ms, 60000ms) == 1000ms);
  CHECK(root.Duration("u", 5ms, 0ms, 60000ms) == 1000ms);
  REQUIRE(errors.lines().size() == 1);
  CHECK(errors.lines()[0] ==
        R"(t: expected a duration 0ms..60000ms (like "30s", "250ms", "5m"), got "10m")");
}

TEST_CASE("${ENV} is substituted in every string, and a missing variable names its path") {
  auto env = [](const char* name) -> const char* {
    if (std::string(name) == "TOKEN") return "s3cret";
    return nullptr;
  };
  auto ok = ParseConfigText(R"({"a":{"t":"Bearer ${TOKEN}"},"l":["${TOKEN}x"]})", "f.json", env);
  REQUIRE(ok.ok());
  CHECK((*ok)["a"]["t"] == "Bearer s3cret");
  CHECK((*ok)["l"][0] == "s3cretx");

  auto missing = ParseConfigText(R"({"a":{"t":"${NOPE}"},"b":"${ALSO_NOPE}"})", "f.json", env);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message ==
        "f.json: a.t: environment variable NOPE is not set\n"
        "f.json: b: environment variable ALSO_NOPE is not set");
  // Comment keys are left alone, even when they mention ${NAME}.
  CHECK(ParseConfigText(R"({"//":"use ${NAME} for secrets"})", "f.json", env).ok());
}

TEST_CASE("JSON syntax errors give line and column") {
  auto bad = ParseConfigText("{\n  \"a\": 1,\n  \"b\": \n}", "conf.json", &NoEnv);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("conf.json: ") == 0);
  CHECK(bad.error().message.find("line 4") != std::string::npos);
}

TEST_CASE("a non-object where an object belongs is reported") {
  auto j = nlohmann::json::parse(R"({"http":5})");
  ConfigErrors errors;
  ConfigNode root(&j, "", &errors);
  auto http = root.Object("http");
  CHECK(http.Int("port", 8080, 0, 65535) == 8080);
  REQUIRE(errors.lines().size() == 1);
  CHECK(errors.lines()[0] == "http: expected an object, got 5");
}
