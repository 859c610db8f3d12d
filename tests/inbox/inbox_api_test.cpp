// The inbox API end to end: every endpoint, the access-control matrix, and what reaches citizens.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "tests/inbox/inbox_fixture.hpp"

namespace gw::testing {
namespace {

using Json = nlohmann::json;

int Post(const InboxServer& s, const LoggedIn& who, const std::string& path, const Json& body) {
  auto res = s.Client()->Post(path.c_str(), SessionHeaders(who), body.dump(), "application/json");
  return res ? res->status : -1;
}

int Get(const InboxServer& s, const LoggedIn& who, const std::string& path, Json* out = nullptr) {
  auto res = s.Client()->Get(path.c_str(), SessionHeaders(who, false));
  if (res && out && res->status == 200) *out = Json::parse(res->body);
  return res ? res->status : -1;
}

std::string Conv(std::int64_t id, const std::string& verb = "") {
  return "/api/v1/inbox/conversations/" + std::to_string(id) + (verb.empty() ? "" : "/" + verb);
}

TEST_CASE("list, open, reply, note, reject, assign, hand back and close a conversation") {
  InboxServer s;
  const auto conv = s.CitizenSays("citizen-1", "Tôi muốn hỏi về hồ sơ khai sinh");
  REQUIRE(conv > 0);
  const auto a = s.Login("canbo", "pass-canbo-1");
  REQUIRE(a.status == 200);

  Json list;
  REQUIRE(Get(s, a, "/api/v1/inbox/conversations", &list) == 200);
  REQUIRE(list["items"].size() == 1);
  CHECK(list["items"][0]["id"] == conv);
  CHECK(list["items"][0]["channel"] == "app");
  CHECK(Get(s, a, "/api/v1/inbox/conversations?channel=sms", &list) == 200);
  CHECK(list["items"].empty());
  CHECK(Get(s, a, "/api/v1/inbox/conversations?q=citizen-1", &list) == 200);
  CHECK(list["items"].size() == 1);
  CHECK(Get(s, a, "/api/v1/inbox/conversations?assigned=me", &list) == 200);
  CHECK(list["items"].empty());
  CHECK(Get(s, a, "/api/v1/inbox/conversations?status=nonsense") == 400);
  CHECK(Get(s, a, "/api/v1/inbox/conversations?limit=0") == 400);

  SUBCASE("a reply reaches the citizen's app history and the data-message log") {
    const auto log_before = s.Query("SELECT count(*) FROM message_log");
    CHECK(Post(s, a, Conv(conv, "reply"), {{"text", "Chào anh, hồ sơ đang được xử lý."}}) == 200);
    CHECK(s.CitizenHistory("citizen-1").find("hồ sơ đang được xử lý") != std::string::npos);
    CHECK(std::stoi(s.Query("SELECT count(*) FROM message_log")) == std::stoi(log_before) + 1);
    CHECK(s.Query("SELECT sender FROM message_log ORDER BY seq DESC LIMIT 1") ==
          "officer:" + std::to_string(a.officer_id));
    Json c;
    REQUIRE(Get(s, a, Conv(conv), &c) == 200);
    CHECK(c["status"] == "officer");
    CHECK(c["assigned_officer_id"] == a.officer_id);
    CHECK(c["contacts"][0]["address"] == "citizen-1");
    CHECK(Get(s, a, "/api/v1/inbox/conversations?assigned=me", &list) == 200);
    CHECK(list["items"].size() == 1);
    CHECK(Post(s, a, Conv(conv, "reply"), {{"text", "   "}}) == 400);
    CHECK(Post(s, a, Conv(conv, "reply"), Json::object()) == 400);
  }

  SUBCASE("an internal note is kept and never shown to the citizen") {
    CHECK(Post(s, a, Conv(conv, "notes"), {{"text", "GHI-CHU-NOI-BO"}}) == 200);
    Json c;
    REQUIRE(Get(s, a, Conv(conv), &c) == 200);
    REQUIRE(c["notes"].size() == 1);
    CHECK(c["notes"][0]["text"] == "GHI-CHU-NOI-BO");
    CHECK(s.CitizenHistory("citizen-1").find("GHI-CHU-NOI-BO") == std::string::npos);
  }

  SUBCASE("a rejection needs a known reason code and a text, and delivers the reason") {
    CHECK(Post(s, a, Conv(conv, "reject"), {{"text", "thiếu mã"}}) == 400);
    CHECK(Post(s, a, Conv(conv, "reject"), {{"reason_code", "because"}, {"text", "x"}}) == 400);
    CHECK(Post(s, a, Conv(conv, "reject"), {{"reason_code", "state_secret"}, {"text", ""}}) == 400);
    CHECK(Post(s, a, Conv(conv, "reject"), {{"reason_code", "state_secret"}}) == 400);
    CHECK(Post(s, a, Conv(conv, "reject"),
               {{"reason_code", "state_secret"}, {"text", "Xin liên hệ bộ phận một cửa."}}) == 200);
    auto history = Json::parse(s.CitizenHistory("citizen-1"));
    const std::string dump = history.dump();
    CHECK(dump.find("\"reason_code\":\"state_secret\"") != std::string::npos);
    CHECK(dump.find("bí mật nhà nước") != std::string::npos);
    CHECK(dump.find("Xin liên hệ bộ phận một cửa.") != std::string::npos);
  }

  SUBCASE("assign: an officer takes, a supervisor hands to a colleague of the agency only") {
    const auto sup = s.Login("truongphong", "pass-truongphong");
    const auto b = s.Login("canbo2", "pass-canbo-2");
    const auto other = s.Login("canbo13", "pass-canbo-13");
    CHECK(Post(s, a, Conv(conv, "assign"), {{"officer_id", b.officer_id}}) == 403);
    CHECK(Post(s, a, Conv(conv, "assign"), {{"officer_id", a.officer_id}}) == 200);
    CHECK(Post(s, sup, Conv(conv, "assign"), {{"officer_id", b.officer_id}}) == 200);
    CHECK(Post(s, sup, Conv(conv, "assign"), {{"officer_id", other.officer_id}}) == 400);
    CHECK(Post(s, sup, Conv(conv, "assign"), {{"officer_id", "x"}}) == 400);
    Json c;
    REQUIRE(Get(s, a, Conv(conv), &c) == 200);
    CHECK(c["assigned_officer_id"] == b.officer_id);
  }

  SUBCASE("hand back clears the dialog; close ends the conversation for every action") {
    CHECK(Post(s, a, Conv(conv, "handback"), Json::object()) == 200);
    Json c;
    REQUIRE(Get(s, a, Conv(conv), &c) == 200);
    CHECK(c["status"] == "bot");
    CHECK(s.Query("SELECT coalesce(dialog_state, 'NULL') FROM conversations WHERE id = " +
                  std::to_string(conv)) == "NULL");
    CHECK(Post(s, a, Conv(conv, "close"), Json::object()) == 200);
    CHECK(Post(s, a, Conv(conv, "close"), Json::object()) == 409);
    CHECK(Post(s, a, Conv(conv, "reply"), {{"text", "muộn"}}) == 409);
    CHECK(Get(s, a, "/api/v1/inbox/conversations?status=closed", &list) == 200);
    CHECK(list["items"].size() == 1);
  }

  CHECK(Post(s, a, Conv(999999, "reply"), {{"text", "x"}}) == 404);
  CHECK(Get(s, a, Conv(999999)) == 404);
}

TEST_CASE("access-control matrix: role x endpoint x own agency vs other agency") {
  InboxServer s;
  const auto conv = s.CitizenSays("citizen-2", "xin chào");
  REQUIRE(conv > 0);
  struct Who {
    const char* user;
    const char* password;
    bool own_agency;
    bool supervisor;
  };
  const Who people[] = {{"canbo", "pass-canbo-1", true, false},
                        {"truongphong", "pass-truongphong", true, true},
                        {"canbo13", "pass-canbo-13", false, false},
                        {"truongphong13", "pass-truong-13", false, true}};
  for (const Who& w : people) {
    const std::string user = w.user;
    CAPTURE(user);
    const auto who = s.Login(w.user, w.password);
    REQUIRE(who.status == 200);
    const int scoped = w.own_agency ? 200 : 404;
    Json list;
    CHECK(Get(s, who, "/api/v1/inbox/conversations", &list) == 200);
    CHECK(list["items"].size() == (w.own_agency ? 1u : 0u));
    CHECK(Get(s, who, "/api/v1/inbox/conversations?q=citizen-2", &list) == 200);
    CHECK(list["items"].size() == (w.own_agency ? 1u : 0u));
    CHECK(Get(s, who, Conv(conv)) == scoped);
    CHECK(Get(s, who, "/api/v1/inbox/dashboard") == (w.supervisor ? 200 : 403));
    CHECK(Post(s, who, Conv(conv, "notes"), {{"text", "n"}}) == scoped);
    CHECK(Post(s, who, Conv(conv, "reply"), {{"text", "r"}}) == scoped);
    CHECK(Post(s, who, Conv(conv, "reject"), {{"reason_code", "out_of_scope"}, {"text", "t"}}) ==
          scoped);
    CHECK(Post(s, who, Conv(conv, "assign"), {{"officer_id", who.officer_id}}) == scoped);
    CHECK(Post(s, who, Conv(conv, "handback"), Json::object()) == scoped);
  }
  // The other agency changed nothing: only the own agency's two officers wrote.
  CHECK(s.Query("SELECT count(*) FROM inbox_notes") == "2");
  CHECK(s.Query("SELECT count(DISTINCT officer_id) FROM audit_log WHERE action = 'reply'") == "2");

  // Without a session every endpoint answers 401.
  LoggedIn nobody;
  nobody.session = "0000";
  for (const char* path : {"/api/v1/inbox/conversations", "/api/v1/inbox/dashboard",
                           "/api/v1/inbox/me", "/api/v1/inbox/events"}) {
    CAPTURE(path);
    CHECK(Get(s, nobody, path) == 401);
  }
  for (const char* verb : {"reply", "notes", "assign", "close", "handback", "reject"}) {
    CAPTURE(verb);
    CHECK(Post(s, nobody, Conv(conv, verb), {{"text", "x"}}) == 401);
  }
  const auto sup = s.Login("truongphong", "pass-truongphong");
  Json d;
  REQUIRE(Get(s, sup, "/api/v1/inbox/dashboard", &d) == 200);
  CHECK(d["by_channel"]["app"] == 1);
  CHECK(d["refusals_by_reason"]["out_of_scope"] == 2);
}

TEST_CASE("live updates: a citizen's message reaches an open event stream") {
  InboxServer s;
  const auto a = s.Login("canbo", "pass-canbo-1");
  const auto other = s.Login("canbo13", "pass-canbo-13");
  std::string own_stream, other_stream;
  auto listen = [&](const LoggedIn& who, std::string* into) {
    auto c = s.Client();
    c->Get("/api/v1/inbox/events", SessionHeaders(who, false),
           [into](const char* data, std::size_t n) {
             into->append(data, n);
             return true;
           });
  };
  std::thread t1(listen, a, &own_stream);
  std::thread t2(listen, other, &other_stream);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  const auto conv = s.CitizenSays("citizen-3", "có ai không?");
  t1.join();  // the stream ends by itself after event_stream_lifetime (4 s)
  t2.join();
  CHECK(own_stream.find("event: ready") != std::string::npos);
  CHECK(own_stream.find("\"conversation_id\":" + std::to_string(conv)) != std::string::npos);
  CHECK(other_stream.find("event: ready") != std::string::npos);
  CHECK(other_stream.find("event: message") == std::string::npos);
}

}  // namespace
}  // namespace gw::testing
