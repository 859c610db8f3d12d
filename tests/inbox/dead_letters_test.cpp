// Dead letters in the inbox: a notice no route can deliver and an officer's reply on a channel
// without an adapter both end as dead letters that the agency's officers see, with why, and can
// resend (audited); other agencies see nothing and cannot resend.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "backends/webhook_signature.hpp"
#include "tests/inbox/inbox_fixture.hpp"

using gw::testing::InboxServer;
using nlohmann::json;

namespace {

const std::string kSecret = "whsec_" + gw::backends::Base64Encode("dead-letter-test-secret-2026");

// Notices go only to SMS here, and no SMS adapter is configured: nothing can deliver them.
const std::string kRoot = R"("notifications": {"enabled": true, "secrets": [")" + kSecret +
                          R"("], "delivery": {"chain": ["sms"], "idle_poll": "50ms"}},)";

httplib::Result Push(httplib::Client& c, const std::string& id, const std::string& body) {
  const auto ts = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  const std::string key = *gw::backends::ParseWebhookSecret(kSecret);
  httplib::Headers h = {{"webhook-id", id},
                        {"webhook-timestamp", std::to_string(ts)},
                        {"webhook-signature", gw::backends::WebhookSignature(key, id, ts, body)}};
  return c.Post("/api/v1/notifications", h, body, "application/json");
}

json DeadLetters(const InboxServer& s, const gw::testing::LoggedIn& who) {
  auto r =
      s.Client()->Get("/api/v1/inbox/dead-letters", {{"Cookie", "caunoi_session=" + who.session}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json::parse(r->body)["items"];
}

// Waits until the agency's list has `n` items (the dispatcher runs in the background).
json WaitForDeadLetters(const InboxServer& s, const gw::testing::LoggedIn& who, std::size_t n) {
  json items;
  for (int i = 0; i < 100; ++i) {
    items = DeadLetters(s, who);
    if (items.size() >= n) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return items;
}

}  // namespace

TEST_CASE("dead letters: listed with why for the own agency only, resent with an audit record") {
  InboxServer s("", kRoot);
  auto officer = s.Login("canbo", "pass-canbo-1");
  auto other = s.Login("canbo13", "pass-canbo-13");
  REQUIRE(officer.status == 200);
  REQUIRE(other.status == 200);
  const std::string body = json{
      {"dossier_code", "000.00.12.H29-241023-0001"},
      {"procedure_code", "1.001193"},
      {"status", "rejected"},
      {"reason", "Thiếu giấy chứng sinh"},
      {"recipient", {{"phone", "+84912345678"}}},
      {"occurred_at",
       "2026-11-23T04:54:13Z"}}.dump();
  auto pushed = Push(*s.Client(), "dl_1", body);
  REQUIRE(pushed);
  REQUIRE(pushed->status == 202);
  const std::string ntf = json::parse(pushed->body)["notification_id"];

  auto items = WaitForDeadLetters(s, officer, 1);
  REQUIRE(items.size() == 1);
  const auto& d = items[0];
  CHECK(d["kind"] == "notification");
  CHECK(d["notification_id"] == ntf);
  CHECK(d["state"] == "dead");
  CHECK(d["why"] == "no_route");
  CHECK(d["dossier_code"] == "000.00.12.H29-241023-0001");
  CHECK(d["recipient"]["phone"] == "+84912345678");
  const std::int64_t id = d["id"];

  // Another agency neither sees nor resends it (404, as if it did not exist).
  CHECK(DeadLetters(s, other).empty());
  auto c = s.Client();
  auto foreign =
      c->Post("/api/v1/inbox/dead-letters/" + std::to_string(id) + "/resend",
              {{"Cookie", "caunoi_session=" + other.session}, {"X-CSRF-Token", other.csrf}}, "{}",
              "application/json");
  REQUIRE(foreign);
  CHECK(foreign->status == 404);
  // Without the CSRF token nothing happens.
  auto no_csrf =
      c->Post("/api/v1/inbox/dead-letters/" + std::to_string(id) + "/resend",
              {{"Cookie", "caunoi_session=" + officer.session}}, "{}", "application/json");
  REQUIRE(no_csrf);
  CHECK(no_csrf->status == 403);
  CHECK(s.Query("SELECT round FROM outbox WHERE id = " + std::to_string(id)) == "0");

  auto resent =
      c->Post("/api/v1/inbox/dead-letters/" + std::to_string(id) + "/resend",
              {{"Cookie", "caunoi_session=" + officer.session}, {"X-CSRF-Token", officer.csrf}},
              "{}", "application/json");
  REQUIRE(resent);
  CHECK(resent->status == 202);
  CHECK(s.Query("SELECT round FROM outbox WHERE id = " + std::to_string(id)) == "1");
  CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'dead_letter_resend' AND "
                "officer_id = " +
                std::to_string(officer.officer_id) + " AND target = 'outbox:" + std::to_string(id) +
                "'") == "1");
  // Still no route: it is a dead letter again, once.
  items = WaitForDeadLetters(s, officer, 1);
  REQUIRE(items.size() == 1);
  CHECK(items[0]["state"] == "dead");
  auto again =
      c->Post("/api/v1/inbox/dead-letters/" + std::to_string(id + 1000) + "/resend",
              {{"Cookie", "caunoi_session=" + officer.session}, {"X-CSRF-Token", officer.csrf}},
              "{}", "application/json");
  REQUIRE(again);
  CHECK(again->status == 404);
}

TEST_CASE("an officer's reply on an SMS conversation is queued for SMS, never lost") {
  InboxServer s("", kRoot);
  // An SMS citizen's conversation, as the Kannel route would have stored it.
  s.Restart([&] {
    REQUIRE(
        s.Exec("INSERT INTO citizens (id, created_at) VALUES (501, 0);"
               "INSERT INTO contacts (id, citizen_id, channel, address, created_at) "
               "VALUES (501, 501, 'sms', '+84987654321', 0);"
               "INSERT INTO conversations (id, citizen_id, contact_id, channel, opened_at, "
               "last_message_at, agency_code, status) VALUES (501, 501, 501, 'sms', 0, 0, "
               "'000.00.12.H29', 'officer');"));
  });
  auto officer = s.Login("canbo", "pass-canbo-1");
  REQUIRE(officer.status == 200);
  auto r = s.Client()->Post(
      "/api/v1/inbox/conversations/501/reply",
      {{"Cookie", "caunoi_session=" + officer.session}, {"X-CSRF-Token", officer.csrf}},
      json{{"text", "Hồ sơ của Ông/Bà đã được tiếp nhận."}}.dump(), "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  // Queued in the same transaction as the message...
  CHECK(s.Query("SELECT count(*) FROM outbox WHERE kind = 'reply'") == "1");
  // ...and, with no SMS adapter here, a dead letter officers see, with the text and number.
  auto items = WaitForDeadLetters(s, officer, 1);
  REQUIRE(items.size() == 1);
  CHECK(items[0]["kind"] == "reply");
  CHECK(items[0]["channel"] == "sms");
  CHECK(items[0]["to"] == "+84987654321");
  CHECK(items[0]["text"] == "Hồ sơ của Ông/Bà đã được tiếp nhận.");
  // An app conversation's reply is read in the app: nothing queued for it.
  const auto conv = s.CitizenSays("app-user-dl", "gặp cán bộ");
  REQUIRE(conv > 0);
  auto app_reply = s.Client()->Post(
      "/api/v1/inbox/conversations/" + std::to_string(conv) + "/reply",
      {{"Cookie", "caunoi_session=" + officer.session}, {"X-CSRF-Token", officer.csrf}},
      json{{"text", "Chào anh"}}.dump(), "application/json");
  REQUIRE(app_reply);
  CHECK(app_reply->status == 200);
  CHECK(s.Query("SELECT count(*) FROM outbox WHERE kind = 'reply'") == "1");
}
