// Security properties of the inbox: cookies, CSRF, session fixation, throttling, XSS, audit.
#include <doctest/doctest.h>

#include "tests/inbox/inbox_fixture.hpp"

namespace gw::testing {
namespace {

using Json = nlohmann::json;

TEST_CASE("login sets a hardened session cookie with a fresh id each time; logout ends it") {
  InboxServer s;
  CHECK(s.Login("canbo", "wrong-password").status == 401);
  CHECK(s.Login("nobody", "pass-canbo-1").status == 401);
  auto res = s.Client()->Post("/api/v1/inbox/login", R"({"username":"canbo"})", "application/json");
  CHECK(res->status == 400);
  res = s.Client()->Post("/api/v1/inbox/login", "username=canbo&password=pass-canbo-1",
                         "application/x-www-form-urlencoded");
  CHECK(res->status == 415);  // a cross-site form cannot log anyone in

  const auto first = s.Login("canbo", "pass-canbo-1");
  REQUIRE(first.status == 200);
  CHECK(first.set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(first.set_cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(first.set_cookie.find("Secure") == std::string::npos);  // plain HTTP here
  CHECK(first.session.size() == 64);
  CHECK(first.csrf.size() == 64);
  CHECK(first.csrf != first.session);

  SUBCASE("session fixation: an id planted before login is never the session after it") {
    const auto second =
        s.Login("canbo", "pass-canbo-1", {{"Cookie", "caunoi_session=" + first.session}});
    REQUIRE(second.status == 200);
    CHECK(second.session != first.session);
    CHECK(second.csrf != first.csrf);
    // The old session was dropped by the new login.
    CHECK(s.Client()->Get("/api/v1/inbox/me", SessionHeaders(first, false))->status == 401);
    CHECK(s.Client()->Get("/api/v1/inbox/me", SessionHeaders(second, false))->status == 200);
    const auto planted = s.Login("canbo", "pass-canbo-1", {{"Cookie", "caunoi_session=attacker"}});
    CHECK(planted.session != "attacker");
  }

  SUBCASE("behind a TLS terminator the cookie is Secure") {
    const auto tls = s.Login("canbo", "pass-canbo-1", {{"X-Forwarded-Proto", "https"}});
    CHECK(tls.set_cookie.find("; Secure") != std::string::npos);
  }

  SUBCASE("logout needs CSRF and ends the session") {
    CHECK(s.Client()->Post("/api/v1/inbox/logout", SessionHeaders(first, false), "", "")->status ==
          403);
    CHECK(s.Client()->Post("/api/v1/inbox/logout", SessionHeaders(first), "", "")->status == 200);
    CHECK(s.Client()->Get("/api/v1/inbox/me", SessionHeaders(first, false))->status == 401);
  }
}

TEST_CASE("CSRF token missing or wrong: 403 and nothing changes") {
  InboxServer s;
  const auto conv = s.CitizenSays("citizen-csrf", "xin chào");
  const auto a = s.Login("canbo", "pass-canbo-1");
  const std::string path = "/api/v1/inbox/conversations/" + std::to_string(conv) + "/reply";
  const std::string body = R"({"text":"giả mạo"})";
  auto missing = s.Client()->Post(path.c_str(), SessionHeaders(a, false), body, "application/json");
  CHECK(missing->status == 403);
  auto h = SessionHeaders(a, false);
  h.emplace("X-CSRF-Token", std::string(64, '0'));
  CHECK(s.Client()->Post(path.c_str(), h, body, "application/json")->status == 403);
  auto other = s.Login("canbo2", "pass-canbo-2");  // another session's token is wrong too
  h = SessionHeaders(a, false);
  h.emplace("X-CSRF-Token", other.csrf);
  CHECK(s.Client()->Post(path.c_str(), h, body, "application/json")->status == 403);
  CHECK(s.CitizenHistory("citizen-csrf").find("giả mạo") == std::string::npos);
  CHECK(s.Client()->Post(path.c_str(), SessionHeaders(a), body, "text/plain")->status == 415);
  CHECK(s.Client()->Post(path.c_str(), SessionHeaders(a), body, "application/json")->status == 200);
}

TEST_CASE("login throttling per username and per source address, with Retry-After") {
  SUBCASE("per username") {
    InboxServer s(R"("max_failures": 3, "lockout_base": "30s",)");
    for (int i = 0; i < 3; ++i) CHECK(s.Login("canbo", "wrong-" + std::to_string(i)).status == 401);
    const auto blocked = s.Login("canbo", "pass-canbo-1");  // even the right password waits
    CHECK(blocked.status == 429);
    CHECK(blocked.retry_after == "30");
    CHECK(blocked.session.empty());
    CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'login_failed'") == "3");
    CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'login_throttled'") == "1");
  }
  SUBCASE("per address, across usernames; the wait doubles") {
    InboxServer s(R"("max_failures": 2, "lockout_base": "10s",)");
    CHECK(s.Login("canbo", "wrong").status == 401);
    CHECK(s.Login("canbo2", "wrong").status == 401);
    const auto blocked = s.Login("truongphong", "pass-truongphong");
    CHECK(blocked.status == 429);
    CHECK(blocked.retry_after == "10");
  }
}

TEST_CASE("a citizen's script-shaped text comes back as JSON text; the UI never parses HTML") {
  InboxServer s;
  const std::string evil = R"x(<script>alert(1)</script><img src=x onerror="alert(2)">)x";
  const auto conv = s.CitizenSays("citizen-xss", evil);
  const auto a = s.Login("canbo", "pass-canbo-1");
  auto res = s.Client()->Get(("/api/v1/inbox/conversations/" + std::to_string(conv)).c_str(),
                             SessionHeaders(a, false));
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  auto j = Json::parse(res->body);
  CHECK(j["messages"][0]["text"] == evil);  // stored and returned verbatim, as a JSON string

  auto page = s.Client()->Get("/inbox");
  REQUIRE(page->status == 200);
  const auto csp = page->get_header_value("Content-Security-Policy");
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  auto js = s.Client()->Get("/inbox/inbox.js");
  REQUIRE(js->status == 200);
  CHECK(js->body.find("innerHTML") == std::string::npos);
  CHECK(js->body.find("insertAdjacentHTML") == std::string::npos);
  CHECK(js->body.find("textContent") != std::string::npos);
  CHECK(page->body.find("<script>") == std::string::npos);  // no inline script
}

TEST_CASE("the UI texts have the same keys in Vietnamese and English") {
  InboxServer s;
  auto vi = Json::parse(s.Client()->Get("/inbox/vi.json")->body);
  auto en = Json::parse(s.Client()->Get("/inbox/en.json")->body);
  REQUIRE(vi.is_object());
  CHECK(vi.size() == en.size());
  for (const auto& [k, v] : vi.items()) {
    CAPTURE(k);
    CHECK(en.contains(k));
  }
}

TEST_CASE("every officer action is audited with who, what, target, when and where") {
  InboxServer s;
  const auto conv = s.CitizenSays("citizen-audit", "xin chào");
  const auto a = s.Login("canbo", "pass-canbo-1");
  const std::string base = "/api/v1/inbox/conversations/" + std::to_string(conv) + "/";
  auto post = [&](const std::string& verb, const Json& body) {
    return s.Client()
        ->Post((base + verb).c_str(), SessionHeaders(a), body.dump(), "application/json")
        ->status;
  };
  CHECK(post("reply", {{"text", "a"}}) == 200);
  CHECK(post("notes", {{"text", "b"}}) == 200);
  CHECK(post("assign", {{"officer_id", a.officer_id}}) == 200);
  CHECK(post("reject", {{"reason_code", "invalid_input"}, {"text", "dd/mm/yyyy"}}) == 200);
  CHECK(post("handback", Json::object()) == 200);
  CHECK(post("close", Json::object()) == 200);
  const std::string actions = s.Query(
      "SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE officer_id = " +
      std::to_string(a.officer_id) + " ORDER BY id)");
  CHECK(actions == "login,reply,note,assign,reject,handback,close");
  CHECK(s.Query("SELECT count(*) FROM audit_log WHERE remote_addr = '127.0.0.1' AND at > 0 "
                "AND target = 'conversation:" +
                std::to_string(conv) + "'") == "6");
  CHECK(s.Query("SELECT detail FROM audit_log WHERE action = 'reject'") == "reason:invalid_input");
}

}  // namespace
}  // namespace gw::testing
