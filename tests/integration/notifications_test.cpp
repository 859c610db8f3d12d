// POST /api/v1/notifications end to end: Standard Webhooks signatures (good, wrong, stale,
// rotated), idempotency by webhook-id, schema errors, missing reasons, and delivery of a notice
// to the citizen's app conversation.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "backends/webhook_signature.hpp"
#include "tests/integration/server_fixture.hpp"

using gw::testing::TestServer;
using nlohmann::json;

namespace {

const std::string kOld = "whsec_" + gw::backends::Base64Encode("old-secret-of-the-one-stop-system");
const std::string kNew = "whsec_" + gw::backends::Base64Encode("new-secret-of-the-one-stop-system");

std::string Config() {
  return R"("notifications": {"enabled": true, "secrets": [")" + kNew + R"(", ")" + kOld +
         R"("]},)";
}

httplib::Result Push(httplib::Client& c, const std::string& id, const std::string& body,
                     const std::string& secret, std::int64_t ts_offset_s = 0) {
  const auto ts = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count() +
                  ts_offset_s;
  const std::string key = *gw::backends::ParseWebhookSecret(secret);
  httplib::Headers h = {{"webhook-id", id},
                        {"webhook-timestamp", std::to_string(ts)},
                        {"webhook-signature", gw::backends::WebhookSignature(key, id, ts, body)}};
  return c.Post("/api/v1/notifications", h, body, "application/json");
}

json Body(const std::string& status, const std::string& reason = "") {
  json b = {{"dossier_code", "000.00.12.H29-241023-0001"},
            {"procedure_code", "1.001193"},
            {"status", status},
            {"recipient", {{"app_user_id", "citizen-n"}}},
            {"occurred_at", "2026-11-23T04:54:13Z"}};
  if (!reason.empty()) b["reason"] = reason;
  return b;
}

}  // namespace

TEST_CASE("signed pushes are stored before 202, deduplicated by webhook-id, and delivered") {
  TestServer s("", Config());
  auto c = s.Client();
  const std::string body = Body("result_ready").dump();
  auto first = Push(*c, "msg_1", body, kNew);
  REQUIRE(first);
  CHECK(first->status == 202);
  const std::string id = json::parse(first->body)["notification_id"];
  CHECK(id.starts_with("ntf_"));

  SUBCASE("the same id and body give the same answer; another body is refused") {
    auto again = Push(*c, "msg_1", body, kNew);
    CHECK(again->status == 202);
    CHECK(json::parse(again->body)["notification_id"] == id);
    auto other = Push(*c, "msg_1", Body("processing").dump(), kNew);
    CHECK(other->status == 422);
  }
  SUBCASE("the notice reaches the citizen's app conversation, and the state says so") {
    std::string state;
    for (int i = 0; i < 50 && state != "delivered"; ++i) {
      auto v = c->Get("/api/v1/notifications/" + id);
      REQUIRE(v);
      REQUIRE(v->status == 200);
      state = json::parse(v->body)["state"];
      if (state != "delivered") std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(state == "delivered");
    auto h = c->Get("/api/v1/app/messages?user_id=citizen-n", TestServer::Auth());
    auto messages = json::parse(h->body)["messages"];
    REQUIRE_FALSE(messages.empty());
    CHECK(messages[0]["text"].get<std::string>().find("000.00.12.H29-241023-0001") !=
          std::string::npos);
    CHECK(messages[0]["text"].get<std::string>().find("đã có kết quả") != std::string::npos);
  }
}

TEST_CASE("bad pushes are refused precisely and store nothing") {
  TestServer s("", Config());
  auto c = s.Client();
  const std::string body = Body("processing").dump();
  CHECK(Push(*c, "msg_a", body, kOld)->status == 202);  // the old secret still works (rotation)
  auto wrong = Push(*c, "msg_b", body, "whsec_" + gw::backends::Base64Encode("not-our-secret"));
  CHECK(wrong->status == 401);
  auto stale = Push(*c, "msg_c", body, kNew, -3600);
  CHECK(stale->status == 401);
  auto unsigned_push = c->Post("/api/v1/notifications", body, "application/json");
  CHECK(unsigned_push->status == 401);
  auto no_reason = Push(*c, "msg_d", Body("rejected").dump(), kNew);
  CHECK(no_reason->status == 422);
  CHECK(json::parse(no_reason->body)["error"]["message"] ==
        "reason: required when status is rejected");
  auto delayed = Push(*c, "msg_e", Body("delayed", "Chờ xác minh").dump(), kNew);
  CHECK(delayed->status == 422);
  CHECK(json::parse(delayed->body)["error"]["message"] ==
        "new_due_date: required when status is delayed");
  auto bad_status = Push(*c, "msg_f", Body("lost").dump(), kNew);
  CHECK(bad_status->status == 400);
  CHECK(json::parse(bad_status->body)["error"]["message"].get<std::string>().find(
            "status: expected one of") == 0);
  auto bad_code = Body("processing");
  bad_code["dossier_code"] = "12345";
  CHECK(Push(*c, "msg_g", bad_code.dump(), kNew)->status == 400);
  auto no_recipient = Body("processing");
  no_recipient["recipient"] = json::object();
  CHECK(Push(*c, "msg_h", no_recipient.dump(), kNew)->status == 400);
  // Nothing of the refused pushes was stored: their ids are still free.
  CHECK(Push(*c, "msg_b", body, kNew)->status == 202);
  CHECK(c->Get("/api/v1/notifications/ntf_00000000000000000000000000000000")->status == 404);
}
