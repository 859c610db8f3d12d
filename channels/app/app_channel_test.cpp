// Tests of the app channel's request parsing, authentication and rendering.
#include "channels/app/app_channel.hpp"

#include <doctest/doctest.h>

namespace app = gw::channels::app;
using gw::core::ErrorCode;

namespace {

app::AppConfig Config() {
  app::AppConfig c;
  c.tokens = {"token-aaaaaaaaaaaaaaaa", "token-bbbbbbbbbbbbbbbb"};
  c.max_text_chars = 10;
  return c;
}

}  // namespace

TEST_CASE("a valid request becomes an inbound message with its raw payload") {
  const std::string body = R"({"user_id":"web-abc","text":"xin chào","message_id":"m-1"})";
  auto m = app::ParseMessageRequest(body, "127.0.0.1", gw::core::FromUnixMillis(1000), Config());
  REQUIRE(m.ok());
  CHECK(m->channel == gw::core::ChannelKind::kApp);
  CHECK(m->sender == "web-abc");
  CHECK(m->text == "xin chào");
  CHECK(m->provider_message_id == "m-1");
  CHECK(m->raw_payload == body);
  CHECK(m->origin == "127.0.0.1");
  CHECK(m->receiver == "app");
}

TEST_CASE("bad requests get a precise error") {
  struct Case {
    const char* body;
    const char* message_prefix;
  };
  const Case cases[] = {
      {"{", "malformed JSON: "},
      {"[1]", "expected a JSON object"},
      {R"({"text":"a"})", "user_id: required"},
      {R"({"user_id":5,"text":"a"})", "user_id: expected a string"},
      {R"({"user_id":"u"})", "text: required"},
      {R"({"user_id":"u","text":null})", "text: expected a string"},
      {R"({"user_id":"u","text":"   "})", "text: must not be empty"},
      {R"({"user_id":"u","text":"12345678901"})", "text: longer than 10 characters"},
      {R"({"user_id":"u v","text":"a"})", "user_id: only letters, digits"},
      {R"({"user_id":"","text":"a"})", "user_id: expected 1 to 128 characters"},
      {R"({"user_id":"u","text":"a","extra":1})", "extra: unknown field"},
      {R"({"user_id":"u","text":"a","message_id":""})", "message_id: expected a string"},
      {"{\"user_id\":\"u\",\"text\":\"\xC3\x28\"}", "malformed JSON: "},  // invalid UTF-8
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto m = app::ParseMessageRequest(c.body, "", {}, Config());
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().code == ErrorCode::kInvalidArgument);
    CHECK(m.error().message.find(c.message_prefix) == 0);
  }
}

TEST_CASE("text length counts characters, not bytes") {
  // Ten Vietnamese characters are more than ten bytes but within the limit.
  auto m = app::ParseMessageRequest(R"({"user_id":"u","text":"đăng ký hồ"})", "", {}, Config());
  CHECK(m.ok());
}

TEST_CASE("authentication: bearer tokens, and the demo-only bare user id") {
  auto c = Config();
  CHECK(app::Authenticate("Bearer token-bbbbbbbbbbbbbbbb", c).ok());
  CHECK(app::Authenticate(std::nullopt, c).error().code == ErrorCode::kUnauthorized);
  CHECK(app::Authenticate("Bearer wrong", c).error().message == "unknown app token");
  CHECK(app::Authenticate("Basic abc", c).error().code == ErrorCode::kUnauthorized);
  c.demo_accept_bare_user_id = true;
  CHECK(app::Authenticate(std::nullopt, c).ok());
  CHECK_FALSE(app::Authenticate("Bearer wrong", c).ok());  // a wrong token is still wrong
}

TEST_CASE("replies render with reason_code only on refusals") {
  std::vector<gw::core::Reply> replies(2);
  replies[0].text = "Xin chào";
  replies[0].options = {{"officer", "Gặp cán bộ"}};
  replies[1].text = "Ngoài phạm vi";
  replies[1].rejection.emplace(gw::core::ReasonCode::kOutOfScope, "Ngoài phạm vi");
  CHECK(
      app::RenderResponse(7, replies) ==
      R"({"conversation_id":7,"replies":[{"options":[{"id":"officer","label":"Gặp cán bộ"}],"text":"Xin chào"},{"reason_code":"out_of_scope","text":"Ngoài phạm vi"}]})");
}
