// Tests of the channel table's config parsing.
#include "channels/registry.hpp"

#include <doctest/doctest.h>

TEST_CASE("known channels parse; unknown kinds and bad fields are errors with paths") {
  auto j = nlohmann::json::parse(
      R"({"app":{"tokens":["short"],"max_text_chars":0,"bogus":1},"fax":{}})");
  gw::core::ConfigErrors errors;
  gw::core::ConfigNode node(&j, "channels", &errors);
  auto c = gw::channels::ParseChannelsConfig(node);
  node.Finish();
  CHECK(c.configured == std::vector<std::string>{"app"});
  REQUIRE(errors.lines().size() == 4);
  CHECK(errors.lines()[0] == "channels.app.max_text_chars: expected an integer 1..20000, got 0");
  CHECK(errors.lines()[1] == "channels.app.tokens[0]: a token must have at least 16 characters");
  CHECK(errors.lines()[2] == "channels.app.bogus: unknown key");
  CHECK(errors.lines()[3] == "channels.fax: unknown channel kind (known: app, sms, email)");
}

TEST_CASE("the app channel needs a token unless the demo setting is on") {
  for (bool demo : {false, true}) {
    nlohmann::json j = {{"app", {{"demo_accept_bare_user_id", demo}}}};
    gw::core::ConfigErrors errors;
    gw::core::ConfigNode node(&j, "channels", &errors);
    auto c = gw::channels::ParseChannelsConfig(node);
    CHECK(c.app.enabled);
    CHECK(errors.empty() == demo);
  }
}

TEST_CASE("an absent channel is off") {
  nlohmann::json j = nlohmann::json::object();
  gw::core::ConfigErrors errors;
  gw::core::ConfigNode node(&j, "channels", &errors);
  CHECK_FALSE(gw::channels::ParseChannelsConfig(node).app.enabled);
}
