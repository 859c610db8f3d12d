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

int Put(const InboxServer& s, const LoggedIn& who, const std::string& path, const Json& body) {
  auto res = s.Client()->Put(path.c_str(), SessionHeaders(who), body.dump(), "application/json");
  return res ? res->status : -1;
}

int Delete(const InboxServer& s, const LoggedIn& who, const std::string& path) {
  auto res = s.Client()->Delete(path.c_str(), SessionHeaders(who));
  return res ? res->status : -1;
}

// Creates a canned reply as `who`; its id, or -status on failure.
std::int64_t CreateCanned(const InboxServer& s, const LoggedIn& who, const std::string& title,
                          const std::string& body) {
  auto res = s.Client()->Post("/api/v1/inbox/canned-replies", SessionHeaders(who),
                              Json{{"title", title}, {"body", body}}.dump(), "application/json");
  if (!res) return -1;
  if (res->status != 200) return -res->status;
  return Json::parse(res->body)["id"];
}

const std::string kCanned = "/api/v1/inbox/canned-replies";

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
  InboxServer s(R"("totp_key": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",)");
  const auto conv = s.CitizenSays("citizen-2", "xin chào");
  const auto conv2 = s.CitizenSays("citizen-2b", "tôi là người vừa nhắn");
  REQUIRE(conv > 0);
  REQUIRE(conv2 > 0);
  // A file with the citizen's first message (as the e-mail intake stores one), and an e-mail
  // contact, so the matrix covers downloads and replies on a chosen channel too.
  const std::string attachment = "/api/v1/inbox/attachments/801";
  s.Restart([&] {
    REQUIRE(s.Exec(
        "INSERT INTO attachments (id, message_id, filename, content_type, size, sha256, bytes) "
        "SELECT 801, min(id), 'don.pdf', 'application/pdf', 3, 'x', X'616263' FROM messages "
        "WHERE conversation_id = " +
        std::to_string(conv) +
        ";"
        "INSERT INTO contacts (citizen_id, channel, address, created_at) SELECT citizen_id, "
        "'email', 'citizen-2@example.vn', 0 FROM conversations WHERE id = " +
        std::to_string(conv)));
  });
  std::int64_t last_merge = 0;
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
  const auto owner = s.Login("truongphong", "pass-truongphong");
  const auto canned = CreateCanned(s, owner, "Chào hỏi", "Chào {ten_cong_dan}.");
  REQUIRE(canned > 0);
  const std::string canned_path = kCanned + "/" + std::to_string(canned);
  for (const Who& w : people) {
    const std::string user = w.user;
    CAPTURE(user);
    const auto who = s.Login(w.user, w.password);
    REQUIRE(who.status == 200);
    const int scoped = w.own_agency ? 200 : 404;
    Json list;
    CHECK(Get(s, who, "/api/v1/inbox/conversations", &list) == 200);
    CHECK(list["items"].size() == (w.own_agency ? 2u : 0u));
    CHECK(Get(s, who, "/api/v1/inbox/conversations?q=citizen-2", &list) == 200);
    CHECK(list["items"].size() == (w.own_agency ? 2u : 0u));
    CHECK(Get(s, who, Conv(conv)) == scoped);
    CHECK(Get(s, who, "/api/v1/inbox/dashboard") == (w.supervisor ? 200 : 403));
    Json dash;
    if (w.supervisor) {
      REQUIRE(Get(s, who, "/api/v1/inbox/dashboard", &dash) == 200);
      CHECK(dash["by_channel"].value("app", 0) == (w.own_agency ? 2 : 0));
    }
    CHECK(Get(s, who, "/api/v1/inbox/dashboard.csv?table=by_channel") ==
          (w.supervisor ? 200 : 403));
    CHECK(Post(s, who, Conv(conv, "notes"), {{"text", "n"}}) == scoped);
    CHECK(Post(s, who, Conv(conv, "reply"), {{"text", "r"}}) == scoped);
    CHECK(Post(s, who, Conv(conv, "reply"), {{"text", "r"}, {"channel", "email"}}) == scoped);
    CHECK(Post(s, who, Conv(conv, "reply"), {{"text", "r"}, {"channel", "sms"}}) ==
          (w.own_agency ? 422 : 404));
    CHECK(Get(s, who, attachment) == scoped);
    CHECK(Post(s, who, Conv(conv, "reject"), {{"reason_code", "out_of_scope"}, {"text", "t"}}) ==
          scoped);
    CHECK(Post(s, who, Conv(conv, "assign"), {{"officer_id", who.officer_id}}) == scoped);
    CHECK(Post(s, who, Conv(conv, "handback"), Json::object()) == scoped);
    // Canned replies: listed and previewed within the agency; written by its supervisors.
    Json canned_list;
    CHECK(Get(s, who, kCanned, &canned_list) == 200);
    CHECK(canned_list["items"].size() == (w.own_agency ? 1u : 0u));
    CHECK(Get(s, who, Conv(conv, "canned-replies/" + std::to_string(canned))) == scoped);
    const int write = !w.supervisor ? 403 : (w.own_agency ? 200 : 404);
    CHECK(Put(s, who, canned_path, {{"title", "Chào hỏi"}, {"body", "Xin chào."}}) == write);
    const auto made = CreateCanned(s, who, std::string("Mẫu của ") + w.user, "Xin chào.");
    CHECK((w.supervisor ? made > 0 : made == -403));
    if (made > 0) {  // made in the supervisor's own agency, deleted by them
      CHECK(Delete(s, who, kCanned + "/" + std::to_string(made)) == 200);
    }
    // Contact merge and un-merge: every role, both conversations in the own agency only.
    auto merged = s.Client()->Post(Conv(conv, "merge").c_str(), SessionHeaders(who),
                                   Json{{"conversation_id", conv2}}.dump(), "application/json");
    REQUIRE(merged);
    CHECK(merged->status == scoped);
    if (merged->status == 200) {
      last_merge = Json::parse(merged->body)["merge_id"];
      CHECK(Post(s, who, Conv(conv2, "unmerge"), {{"merge_id", last_merge}}) == 200);
    } else {
      CHECK(Post(s, who, Conv(conv, "unmerge"), {{"merge_id", last_merge}}) == 404);
      CHECK(Post(s, who, Conv(conv2, "merge"), {{"conversation_id", conv}}) == 404);
    }
    // The second factor is the officer's own account: every role, whatever its agency; there is
    // no other agency's data to reach.
    Json totp;
    CHECK(Get(s, who, "/api/v1/inbox/totp", &totp) == 200);
    CHECK(totp["enabled"] == false);
    auto enrolled =
        s.Client()->Post("/api/v1/inbox/totp/enrol", SessionHeaders(who), "{}", "application/json");
    REQUIRE(enrolled);
    REQUIRE(enrolled->status == 200);
    const std::string secret = Base32Decode(Json::parse(enrolled->body)["secret"]);
    std::int64_t used = -1;
    CHECK(Post(s, who, "/api/v1/inbox/totp/confirm", {{"code", NextCode(secret, used)}}) == 200);
    CHECK(Post(s, who, "/api/v1/inbox/totp/disable", {{"code", NextCode(secret, used)}}) == 200);
  }
  // Nobody but the own agency's supervisor touched the reply; the other agency deleted nothing.
  CHECK(s.Query("SELECT count(*) FROM canned_replies") == "1");
  CHECK(s.Query("SELECT agency_code FROM canned_replies") == kOwnAgency);
  const auto other_sup = s.Login("truongphong13", "pass-truong-13");
  CHECK(Delete(s, other_sup, canned_path) == 404);
  CHECK(Delete(s, s.Login("canbo", "pass-canbo-1"), canned_path) == 403);
  CHECK(s.Query("SELECT count(*) FROM canned_replies") == "1");
  // The other agency changed nothing: only the own agency's two officers wrote.
  CHECK(s.Query("SELECT count(*) FROM inbox_notes") == "2");
  CHECK(s.Query("SELECT count(DISTINCT officer_id) FROM audit_log WHERE action = 'reply'") == "2");
  // Each of them replied once by e-mail: two replies queued, none for the other agency.
  CHECK(s.Query("SELECT count(*) FROM outbox WHERE kind = 'reply'") == "2");

  // Without a session every endpoint answers 401.
  LoggedIn nobody;
  nobody.session = "0000";
  for (const std::string& path :
       {std::string("/api/v1/inbox/conversations"), std::string("/api/v1/inbox/dashboard"),
        std::string("/api/v1/inbox/me"), std::string("/api/v1/inbox/events"), kCanned,
        Conv(conv, "canned-replies/" + std::to_string(canned)), attachment}) {
    CAPTURE(path);
    CHECK(Get(s, nobody, path) == 401);
  }
  for (const char* verb :
       {"reply", "notes", "assign", "close", "handback", "reject", "merge", "unmerge"}) {
    CAPTURE(verb);
    CHECK(Post(s, nobody, Conv(conv, verb), {{"text", "x"}}) == 401);
  }
  CHECK(Post(s, nobody, kCanned, {{"title", "x"}, {"body", "y"}}) == 401);
  CHECK(Put(s, nobody, canned_path, {{"title", "x"}, {"body", "y"}}) == 401);
  CHECK(Delete(s, nobody, canned_path) == 401);
  CHECK(Get(s, nobody, "/api/v1/inbox/totp") == 401);
  for (const char* verb : {"enrol", "confirm", "disable"}) {
    CAPTURE(verb);
    CHECK(Post(s, nobody, std::string("/api/v1/inbox/totp/") + verb, {{"code", "123456"}}) == 401);
  }
  // Merges were all undone; the other agency's attempts left no trace.
  CHECK(s.Query("SELECT count(*) FROM contact_merges") == "2");
  CHECK(s.Query("SELECT count(*) FROM contact_merges WHERE unmerged_at IS NULL") == "0");
  CHECK(s.Query("SELECT count(DISTINCT citizen_id) FROM conversations") == "2");
  const auto sup = s.Login("truongphong", "pass-truongphong");
  Json d;
  REQUIRE(Get(s, sup, "/api/v1/inbox/dashboard", &d) == 200);
  CHECK(d["by_channel"]["app"] == 2);
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

TEST_CASE(
    "canned replies: supervisors keep them, variables are checked and filled per conversation") {
  InboxServer s;
  const auto conv = s.CitizenSays("citizen-canned", "cho tôi hỏi");
  REQUIRE(conv > 0);
  const auto sup = s.Login("truongphong", "pass-truongphong");
  const auto a = s.Login("canbo", "pass-canbo-1");

  // Unknown variables are refused at save time, each named.
  auto res = s.Client()->Post(
      kCanned.c_str(), SessionHeaders(sup),
      Json{{"title", "Sai"}, {"body", "Chào {ten} và {ho_ten}, {ten}"}}.dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 422);
  auto err = Json::parse(res->body)["error"];
  CHECK(err["code"] == "unprocessable");
  CHECK(err["unknown_variables"] == Json::array({"ten", "ho_ten"}));
  CHECK(err["message"].get<std::string>().find("{ten}, {ho_ten}") != std::string::npos);
  CHECK(CreateCanned(s, sup, "", "x") == -400);
  CHECK(CreateCanned(s, sup, "Tiêu đề", "   ") == -400);
  CHECK(CreateCanned(s, sup, std::string(121, 'a'), "x") == -400);

  const auto id = CreateCanned(
      s, sup, "Đã nhận",
      "Kính gửi {ten_cong_dan}, {ten_co_quan} đã nhận hồ sơ {ma_ho_so}. Cán bộ: {ten_can_bo}.");
  REQUIRE(id > 0);
  CHECK(CreateCanned(s, sup, "Đã nhận", "trùng tên") == -409);
  CHECK(CreateCanned(s, a, "Của cán bộ", "x") == -403);

  Json list;
  REQUIRE(Get(s, a, kCanned, &list) == 200);
  REQUIRE(list["items"].size() == 1);
  CHECK(list["items"][0]["title"] == "Đã nhận");
  CHECK(list["variables"] ==
        Json::array({"ten_cong_dan", "ma_ho_so", "ten_can_bo", "ten_co_quan"}));

  // The preview is filled on the server for this conversation and officer; the citizen gave no
  // name and has no dossier, so those stay visible and are named.
  Json preview;
  REQUIRE(Get(s, a, Conv(conv, "canned-replies/" + std::to_string(id)), &preview) == 200);
  CHECK(preview["text"] ==
        "Kính gửi {ten_cong_dan}, UBND phường Thử Nghiệm đã nhận hồ sơ {ma_ho_so}. Cán bộ: Cán bộ "
        "A.");
  CHECK(preview["unfilled"] == Json::array({"ten_cong_dan", "ma_ho_so"}));
  CHECK(Get(s, a, Conv(conv, "canned-replies/999999")) == 404);
  CHECK(Get(s, a, Conv(999999, "canned-replies/" + std::to_string(id))) == 404);
  CHECK(Get(s, a, Conv(conv, "canned-replies/99999999999999999999999")) == 404);

  const std::string path = kCanned + "/" + std::to_string(id);
  CHECK(Put(s, sup, path, {{"title", "Đã nhận"}, {"body", "{sai_bien}"}}) == 422);
  CHECK(Put(s, sup, path, {{"title", "Đã nhận hồ sơ"}, {"body", "Chào {ten_cong_dan}."}}) == 200);
  CHECK(Put(s, sup, kCanned + "/999999", {{"title", "x"}, {"body", "y"}}) == 404);
  const auto second = CreateCanned(s, sup, "Khác", "Xin chào.");
  CHECK(Put(s, sup, kCanned + "/" + std::to_string(second),
            {{"title", "Đã nhận hồ sơ"}, {"body", "y"}}) == 409);
  REQUIRE(Get(s, a, kCanned, &list) == 200);
  REQUIRE(list["items"].size() == 2);
  for (const auto& item : list["items"]) {
    if (item["id"] == id) {
      CHECK(item["title"] == "Đã nhận hồ sơ");
      CHECK(item["body"] == "Chào {ten_cong_dan}.");
    } else {
      CHECK(item["title"] == "Khác");
    }
  }
  CHECK(Delete(s, sup, path) == 200);
  CHECK(Delete(s, sup, path) == 404);
  CHECK(s.Query("SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE "
                "action LIKE 'canned_%' ORDER BY id)") ==
        "canned_create,canned_update,canned_create,canned_delete");
  CHECK(s.Query("SELECT target FROM audit_log WHERE action = 'canned_delete'") ==
        "canned_reply:" + std::to_string(id));
}

TEST_CASE("SLA: clocks in the list and the conversation, the overdue filter, escalation") {
  InboxServer s(
      R"("sla": {"first_response": "4h", "resolution_days": 3, "check_interval": "3s"},)");
  const auto conv = s.CitizenSays("citizen-sla", "xin chào");
  const auto quiet = s.CitizenSays("citizen-quiet", "xin chào");
  REQUIRE(conv > 0);
  auto a = s.Login("canbo", "pass-canbo-1");
  Json c;
  REQUIRE(Get(s, a, Conv(conv), &c) == 200);
  CHECK(c["sla"].is_null());  // the bot has it: no officer clock yet
  REQUIRE(Post(s, a, Conv(conv, "assign"), {{"officer_id", a.officer_id}}) == 200);
  REQUIRE(Get(s, a, Conv(conv), &c) == 200);
  REQUIRE(c["sla"].is_object());
  const std::int64_t started = c["sla"]["started_at"];
  CHECK(c["sla"]["first_response_due_at"].get<std::int64_t>() >= started + 4 * 3600 * 1000);
  CHECK(c["sla"]["resolution_due_at"].get<std::int64_t>() >= started + 3 * 8 * 3600 * 1000LL);
  CHECK(c["overdue"] == false);
  Json list;
  REQUIRE(Get(s, a, "/api/v1/inbox/conversations?overdue=true", &list) == 200);
  CHECK(list["items"].empty());

  // Thirty days back: both the first answer and the resolution are past due on any calendar.
  s.Restart(
      [&] { REQUIRE(s.Exec("UPDATE inbox_sla SET started_at = started_at - 30 * 86400000")); });
  a = s.Login("canbo", "pass-canbo-1");
  std::string sup_stream, officer_stream, other_stream;
  auto listen = [&](const LoggedIn& who, std::string* into) {
    s.Client()->Get("/api/v1/inbox/events", SessionHeaders(who, false),
                    [into](const char* data, std::size_t n) {
                      into->append(data, n);
                      return true;
                    });
  };
  // The first escalation pass comes 3 s after the start; the streams are open by then.
  std::thread t1(listen, s.Login("truongphong", "pass-truongphong"), &sup_stream);
  std::thread t2(listen, a, &officer_stream);
  std::thread t3(listen, s.Login("truongphong13", "pass-truong-13"), &other_stream);
  REQUIRE(Get(s, a, "/api/v1/inbox/conversations?overdue=true", &list) == 200);
  REQUIRE(list["items"].size() == 1);
  CHECK(list["items"][0]["id"] == conv);
  CHECK(list["items"][0]["overdue"] == true);
  CHECK(list["items"][0]["sla"]["first_response_overdue"] == true);
  t1.join();
  t2.join();
  t3.join();
  CHECK(sup_stream.find("event: escalation") != std::string::npos);
  CHECK(sup_stream.find("\"conversation_id\":" + std::to_string(conv) +
                        ",\"kind\":\"first_response\"") != std::string::npos);
  CHECK(sup_stream.find("\"kind\":\"resolution\"") != std::string::npos);
  CHECK(officer_stream.find("event: ready") != std::string::npos);
  CHECK(officer_stream.find("event: escalation") == std::string::npos);
  CHECK(other_stream.find("event: ready") != std::string::npos);
  CHECK(other_stream.find("event: escalation") == std::string::npos);
  CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'sla_escalated' AND "
                "officer_id IS NULL AND target = 'conversation:" +
                std::to_string(conv) + "'") == "2");
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));  // another pass: still once
  CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'sla_escalated'") == "2");
  REQUIRE(Get(s, a, Conv(conv), &c) == 200);
  CHECK(c["sla"]["escalated"] == true);

  // The first answer stops that clock; closing stops the resolution clock and the highlight.
  REQUIRE(Post(s, a, Conv(conv, "reply"), {{"text", "Chào anh."}}) == 200);
  REQUIRE(Get(s, a, Conv(conv), &c) == 200);
  CHECK(c["sla"]["first_response_overdue"] == false);
  CHECK(c["sla"]["resolution_overdue"] == true);
  REQUIRE(Post(s, a, Conv(conv, "close"), Json::object()) == 200);
  REQUIRE(Get(s, a, "/api/v1/inbox/conversations?overdue=true", &list) == 200);
  CHECK(list["items"].empty());
  REQUIRE(Get(s, a, Conv(quiet), &c) == 200);
  CHECK(c["sla"].is_null());
}

TEST_CASE("dashboard: volumes, times against the SLA, refusals, satisfaction, CSV; scoped") {
  InboxServer s;
  const auto conv = s.CitizenSays("citizen-dash", "xin chào");
  const auto other = s.CitizenSays("citizen-dash-2", "xin chào");
  REQUIRE(conv > 0);
  REQUIRE(other > 0);
  auto a = s.Login("canbo", "pass-canbo-1");
  REQUIRE(Post(s, a, Conv(conv, "assign"), {{"officer_id", a.officer_id}}) == 200);
  REQUIRE(Post(s, a, Conv(conv, "reply"), {{"text", "Chào anh."}}) == 200);
  REQUIRE(Post(s, a, Conv(conv, "close"), Json::object()) == 200);
  REQUIRE(Post(s, a, Conv(other, "reject"),
               {{"reason_code", "out_of_scope"}, {"text", "Không thuộc dịch vụ công."}}) == 200);
  s.Restart([&] {
    REQUIRE(s.Exec(
        "INSERT INTO ratings (conversation_id, citizen_id, channel, procedure_code, score, at) "
        "SELECT " +
        std::to_string(conv) +
        ", citizen_id, 'app', '1.004222', v.score, 0 FROM conversations, (SELECT "
        "'rat_hai_long' AS score UNION ALL SELECT 'rat_hai_long' UNION ALL SELECT 'hai_long' "
        "UNION ALL SELECT 'khong_hai_long') v WHERE id = " +
        std::to_string(conv)));
  });
  const auto sup = s.Login("truongphong", "pass-truongphong");
  Json d;
  REQUIRE(Get(s, sup, "/api/v1/inbox/dashboard", &d) == 200);
  CHECK(d["scope"] == kOwnAgency);
  CHECK(d["by_channel"]["app"] == 2);
  CHECK(d["by_status"]["closed"] == 1);
  CHECK(d["by_status"]["officer"] == 1);
  CHECK(d["by_procedure"]["unknown"] == 2);
  CHECK(d["refusals_by_reason"]["out_of_scope"] == 1);
  CHECK(d["first_response"]["count"] == 2);  // the reply, and the refusal (also an answer)
  CHECK(d["first_response"]["on_time"] == 2);
  CHECK(d["first_response"]["on_time_rate"] == 1.0);
  CHECK(d["first_response"]["median_s"].get<std::int64_t>() <= 60);
  CHECK(d["resolution"]["count"] == 1);
  CHECK(d["resolution"]["on_time"] == 1);
  CHECK(d["satisfaction_by_channel"]["app"] ==
        Json{{"rat_hai_long", 2}, {"hai_long", 1}, {"khong_hai_long", 1}, {"total", 4}});
  CHECK(d["satisfaction_by_procedure"]["1.004222"]["total"] == 4);

  // Another agency's supervisor sees none of it; an admin sees every agency.
  Json d13;
  REQUIRE(Get(s, s.Login("truongphong13", "pass-truong-13"), "/api/v1/inbox/dashboard", &d13) ==
          200);
  CHECK(d13["scope"] == "000.00.13.H29");
  CHECK(d13["by_channel"].empty());
  CHECK(d13["satisfaction_by_channel"].empty());
  Json all;
  const auto admin = s.Login("quantri", "pass-quantri-1");
  REQUIRE(Get(s, admin, "/api/v1/inbox/dashboard", &all) == 200);
  CHECK(all["scope"] == "all");
  CHECK(all["by_channel"]["app"] == 2);

  // CSV: UTF-8 with a BOM so Excel keeps Vietnamese, one table per file.
  auto csv = s.Client()->Get("/api/v1/inbox/dashboard.csv?table=satisfaction_channel",
                             SessionHeaders(sup, false));
  REQUIRE(csv);
  CHECK(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK(csv->get_header_value("Content-Disposition") ==
        "attachment; filename=\"caunoi-satisfaction_channel.csv\"");
  CHECK(csv->body ==
        "\xEF\xBB\xBF"
        "channel,rat_hai_long,hai_long,khong_hai_long,total\r\napp,2,1,1,4\r\n");
  csv = s.Client()->Get("/api/v1/inbox/dashboard.csv?table=refusals", SessionHeaders(sup, false));
  CHECK(csv->body ==
        "\xEF\xBB\xBF"
        "reason_code,refusals\r\nout_of_scope,1\r\n");
  CHECK(Get(s, sup, "/api/v1/inbox/dashboard.csv?table=officers") == 400);
  CHECK(Get(s, sup, "/api/v1/inbox/dashboard.csv") == 400);
  a = s.Login("canbo", "pass-canbo-1");
  CHECK(Get(s, a, "/api/v1/inbox/dashboard.csv?table=by_channel") == 403);
  CHECK(Get(s, a, "/api/v1/inbox/dashboard") == 403);
  LoggedIn nobody;
  nobody.session = "0000";
  CHECK(Get(s, nobody, "/api/v1/inbox/dashboard.csv?table=by_channel") == 401);
}

}  // namespace
}  // namespace gw::testing
