// The inbox's identity features end to end: the TOTP second factor (enrol, confirm, login with a
// code, replay, disable, throttle, fail closed), contact merge and un-merge, and audit retention
// (the CLI command and the server's daily pass).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/inbox/inbox_fixture.hpp"

namespace gw::testing {
namespace {

using Json = nlohmann::json;
const std::string kApi = "/api/v1/inbox";
// 32 bytes, base64: the test's TOTP sealing key.
const std::string kTotpKey = R"("totp_key": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",)";

struct Response {
  int status = -1;
  Json body;
};

Response PostJson(const InboxServer& s, const LoggedIn& who, const std::string& path,
                  const Json& body, bool csrf = true) {
  auto res =
      s.Client()->Post(path.c_str(), SessionHeaders(who, csrf), body.dump(), "application/json");
  if (!res) return {};
  return {res->status, Json::parse(res->body, nullptr, false)};
}

Response GetJson(const InboxServer& s, const LoggedIn& who, const std::string& path) {
  auto res = s.Client()->Get(path.c_str(), SessionHeaders(who, false));
  if (!res) return {};
  return {res->status, Json::parse(res->body, nullptr, false)};
}

std::string ErrorCode(const Response& r) {
  if (!r.body.is_object() || !r.body.contains("error")) return "";
  return r.body["error"]["code"];
}

// A login with a code: status, body, and the session when it succeeded.
struct CodeLogin {
  Response r;
  LoggedIn who;
};
CodeLogin LoginWithCode(const InboxServer& s, const std::string& user, const std::string& password,
                        const std::optional<std::string>& code) {
  Json body{{"username", user}, {"password", password}};
  if (code) body["totp_code"] = *code;
  auto res = s.Client()->Post((kApi + "/login").c_str(), body.dump(), "application/json");
  CodeLogin out;
  if (!res) return out;
  out.r = {res->status, Json::parse(res->body, nullptr, false)};
  out.who.status = res->status;
  out.who.set_cookie = res->get_header_value("Set-Cookie");
  out.who.retry_after = res->get_header_value("Retry-After");
  if (res->status == 200) {
    const std::string prefix = "caunoi_session=";
    out.who.session =
        out.who.set_cookie.substr(prefix.size(), out.who.set_cookie.find(';') - prefix.size());
    out.who.csrf = out.r.body["csrf_token"];
    out.who.officer_id = out.r.body["officer_id"];
  }
  return out;
}

// Enrols `who` and returns the raw secret (from the base32 the API shows).
std::string Enrol(const InboxServer& s, const LoggedIn& who) {
  auto r = PostJson(s, who, kApi + "/totp/enrol", Json::object());
  REQUIRE(r.status == 200);
  return Base32Decode(r.body["secret"]);
}

TEST_CASE("TOTP: enrol, confirm, log in with a code, no replay, disable; all audited") {
  // Room for the deliberate failures below (the throttle has its own test).
  InboxServer s(kTotpKey + R"("max_failures": 20,)");
  const auto a = s.Login("canbo", "pass-canbo-1");
  REQUIRE(a.status == 200);
  auto st = GetJson(s, a, kApi + "/totp");
  REQUIRE(st.status == 200);
  CHECK(st.body == Json{{"available", true}, {"enabled", false}, {"pending", false}});

  CHECK(PostJson(s, a, kApi + "/totp/enrol", Json::object(), false).status == 403);  // no CSRF
  auto e = PostJson(s, a, kApi + "/totp/enrol", Json::object());
  REQUIRE(e.status == 200);
  const std::string b32 = e.body["secret"];
  CHECK(b32.size() == 32);
  CHECK(e.body["uri"] == "otpauth://totp/C%E1%BA%A7u%20N%E1%BB%91i:canbo?secret=" + b32 +
                             "&issuer=C%E1%BA%A7u%20N%E1%BB%91i&algorithm=SHA1&digits=6&period=30");
  const std::string secret = Base32Decode(b32);
  // Sealed at rest: neither the raw secret nor its base32 is in the database.
  const std::string stored = s.Query("SELECT totp_secret FROM officers WHERE username = 'canbo'");
  CHECK(stored.starts_with("v1:"));
  CHECK(stored.find(b32) == std::string::npos);
  CHECK(s.Query("SELECT totp_enabled FROM officers WHERE username = 'canbo'") == "0");
  st = GetJson(s, a, kApi + "/totp");
  CHECK(st.body == Json{{"available", true}, {"enabled", false}, {"pending", true}});

  // Nothing is active before the confirmation: the password alone still logs in.
  CHECK(s.Login("canbo", "pass-canbo-1").status == 200);

  std::int64_t used = -1;
  CHECK(PostJson(s, a, kApi + "/totp/confirm", {{"code", 123456}}).status == 400);
  CHECK(PostJson(s, a, kApi + "/totp/confirm", Json::object()).status == 400);
  auto wrong = PostJson(s, a, kApi + "/totp/confirm", {{"code", WrongCode(secret)}});
  CHECK(wrong.status == 422);
  CHECK(ErrorCode(wrong) == "totp_invalid");
  CHECK(GetJson(s, a, kApi + "/totp").body["enabled"] == false);
  const std::string confirm_code = NextCode(secret, used);
  REQUIRE(PostJson(s, a, kApi + "/totp/confirm", {{"code", confirm_code}}).status == 200);
  CHECK(GetJson(s, a, kApi + "/totp").body ==
        Json{{"available", true}, {"enabled", true}, {"pending", false}});
  CHECK(PostJson(s, a, kApi + "/totp/confirm", {{"code", confirm_code}}).status == 409);
  CHECK(PostJson(s, a, kApi + "/totp/enrol", Json::object()).status == 409);  // disable first

  // Login now asks for the code.
  auto no_code = LoginWithCode(s, "canbo", "pass-canbo-1", std::nullopt);
  CHECK(no_code.r.status == 401);
  CHECK(ErrorCode(no_code.r) == "totp_required");
  CHECK(no_code.who.set_cookie.empty());
  CHECK(ErrorCode(LoginWithCode(s, "canbo", "pass-canbo-1", "").r) == "totp_required");
  auto bad = LoginWithCode(s, "canbo", "pass-canbo-1", WrongCode(secret));
  CHECK(bad.r.status == 401);
  CHECK(ErrorCode(bad.r) == "totp_invalid");
  CHECK(bad.who.set_cookie.empty());
  // The confirmation's code was spent: it cannot log in.
  CHECK(ErrorCode(LoginWithCode(s, "canbo", "pass-canbo-1", confirm_code).r) == "totp_invalid");
  // A wrong password with a right code is a wrong password.
  std::int64_t peek = used;
  CHECK(ErrorCode(LoginWithCode(s, "canbo", "wrong-password", NextCode(secret, peek)).r) ==
        "unauthorized");
  auto body = s.Client()->Post((kApi + "/login").c_str(),
                               R"({"username":"canbo","password":"pass-canbo-1","totp_code":1})",
                               "application/json");
  CHECK(body->status == 400);

  const std::string login_code = NextCode(secret, used);
  auto good = LoginWithCode(s, "canbo", "pass-canbo-1", login_code);
  REQUIRE(good.r.status == 200);
  CHECK(GetJson(s, good.who, kApi + "/me").status == 200);
  // Replay: the same code again, even at once, is refused.
  CHECK(ErrorCode(LoginWithCode(s, "canbo", "pass-canbo-1", login_code).r) == "totp_invalid");

  // Another officer is not affected.
  CHECK(s.Login("canbo2", "pass-canbo-2").status == 200);

  // Disable needs a current code.
  CHECK(PostJson(s, good.who, kApi + "/totp/disable", Json::object()).status == 400);
  CHECK(PostJson(s, good.who, kApi + "/totp/disable", {{"code", login_code}}).status == 422);
  CHECK(PostJson(s, good.who, kApi + "/totp/disable", {{"code", NextCode(secret, used)}}, false)
            .status == 403);
  REQUIRE(
      PostJson(s, good.who, kApi + "/totp/disable", {{"code", NextCode(secret, used)}}).status ==
      200);
  CHECK(GetJson(s, good.who, kApi + "/totp").body ==
        Json{{"available", true}, {"enabled", false}, {"pending", false}});
  CHECK(s.Query("SELECT coalesce(totp_secret, 'NULL') FROM officers WHERE username = 'canbo'") ==
        "NULL");
  CHECK(PostJson(s, good.who, kApi + "/totp/disable", {{"code", "123456"}}).status == 409);
  CHECK(s.Login("canbo", "pass-canbo-1").status == 200);

  const std::string id = std::to_string(a.officer_id);
  CHECK(s.Query("SELECT group_concat(action || ':' || coalesce(detail, ''), ',') FROM (SELECT "
                "action, detail FROM audit_log WHERE officer_id = " +
                id + " AND action NOT IN ('logout') ORDER BY id)") ==
        "login:,totp_enrol:,login:,totp_confirm_failed:,totp_confirm:,login_failed:totp,"
        "login_failed:totp,login_failed:,login:totp,login_failed:totp,totp_disable_failed:,"
        "totp_disable:,login:");
}

TEST_CASE("TOTP: wrong codes count in the login throttle") {
  InboxServer s(kTotpKey + R"("max_failures": 3, "lockout_base": "30s",)");
  const auto a = s.Login("canbo", "pass-canbo-1");
  const std::string secret = Enrol(s, a);
  std::int64_t used = -1;
  REQUIRE(PostJson(s, a, kApi + "/totp/confirm", {{"code", NextCode(secret, used)}}).status == 200);
  for (int i = 0; i < 3; ++i) {
    CHECK(ErrorCode(LoginWithCode(s, "canbo", "pass-canbo-1", WrongCode(secret)).r) ==
          "totp_invalid");
  }
  // Blocked now, even with the right code; the block is per user and per address.
  std::int64_t peek = used;
  auto blocked = LoginWithCode(s, "canbo", "pass-canbo-1", NextCode(secret, peek));
  CHECK(blocked.r.status == 429);
  CHECK(blocked.who.retry_after == "30");
  // Asking for the code is not a failure: an officer without a code field is not locked out
  // by it (checked on a fresh server: this one blocks the address now).
  InboxServer t(kTotpKey + R"("max_failures": 2, "lockout_base": "30s",)");
  const auto b = t.Login("canbo", "pass-canbo-1");
  const std::string secret_b = Enrol(t, b);
  std::int64_t used_b = -1;
  REQUIRE(PostJson(t, b, kApi + "/totp/confirm", {{"code", NextCode(secret_b, used_b)}}).status ==
          200);
  for (int i = 0; i < 3; ++i) {
    CHECK(ErrorCode(LoginWithCode(t, "canbo", "pass-canbo-1", std::nullopt).r) == "totp_required");
  }
  CHECK(LoginWithCode(t, "canbo", "pass-canbo-1", NextCode(secret_b, used_b)).r.status == 200);
  // Wrong codes on confirm/disable count too: two wrong disables block the officer.
  const auto c = t.Login("canbo2", "pass-canbo-2");
  const std::string secret_c = Enrol(t, c);
  CHECK(PostJson(t, c, kApi + "/totp/confirm", {{"code", WrongCode(secret_c)}}).status == 422);
  CHECK(PostJson(t, c, kApi + "/totp/confirm", {{"code", WrongCode(secret_c)}}).status == 422);
  std::int64_t used_c = -1;
  auto r = PostJson(t, c, kApi + "/totp/confirm", {{"code", NextCode(secret_c, used_c)}});
  CHECK(r.status == 429);
}

TEST_CASE(
    "TOTP without inbox.totp_key: enrolment refused; a sealed secret that cannot be opened "
    "fails closed") {
  InboxServer s;
  const auto a = s.Login("canbo", "pass-canbo-1");
  CHECK(GetJson(s, a, kApi + "/totp").body ==
        Json{{"available", false}, {"enabled", false}, {"pending", false}});
  auto r = PostJson(s, a, kApi + "/totp/enrol", Json::object());
  CHECK(r.status == 503);
  CHECK(ErrorCode(r) == "totp_unavailable");
  CHECK(r.body["error"]["message"].get<std::string>().find("inbox.totp_key") != std::string::npos);
  CHECK(s.Query("SELECT coalesce(totp_secret, 'NULL') FROM officers WHERE username = 'canbo'") ==
        "NULL");
  // An officer enrolled under a key this server does not have cannot log in at all.
  s.Restart([&] {
    REQUIRE(
        s.Exec("UPDATE officers SET totp_secret = 'v1:AAAA', totp_enabled = 1 "
               "WHERE username = 'canbo'"));
  });
  CHECK(ErrorCode(LoginWithCode(s, "canbo", "pass-canbo-1", std::nullopt).r) == "totp_required");
  auto closed = LoginWithCode(s, "canbo", "pass-canbo-1", "123456");
  CHECK(closed.r.status == 503);
  CHECK(ErrorCode(closed.r) == "totp_unavailable");
  CHECK(closed.who.set_cookie.empty());
}

std::string Conv(std::int64_t id, const std::string& verb = "") {
  return kApi + "/conversations/" + std::to_string(id) + (verb.empty() ? "" : "/" + verb);
}

TEST_CASE("contact merge: the history across channels of both; un-merge restores exactly") {
  InboxServer s;
  const auto conv_a = s.CitizenSays("cit-a", "Tôi hỏi qua ứng dụng");
  const auto conv_b = s.CitizenSays("cit-b", "Tôi nhắn tin SMS");
  const auto conv_x = s.CitizenSays("cit-x", "Người của cơ quan khác");
  REQUIRE(conv_a > 0);
  REQUIRE(conv_b > 0);
  REQUIRE(conv_x > 0);
  // cit-b wrote by SMS, and conv_x belongs to another agency.
  s.Restart([&] {
    REQUIRE(
        s.Exec("UPDATE contacts SET channel = 'sms', address = '0912345678' "
               "WHERE address = 'cit-b'; UPDATE conversations SET channel = 'sms' WHERE id = " +
               std::to_string(conv_b) +
               "; UPDATE messages SET channel = 'sms' "
               "WHERE conversation_id = " +
               std::to_string(conv_b) +
               "; UPDATE conversations SET agency_code = '000.00.13.H29' WHERE id = " +
               std::to_string(conv_x)));
  });
  const auto a = s.Login("canbo", "pass-canbo-1");
  const std::string before_contacts =
      s.Query("SELECT group_concat(id || ':' || citizen_id, ',') FROM contacts");
  const std::string before_convs =
      s.Query("SELECT group_concat(id || ':' || citizen_id, ',') FROM conversations");
  const std::string citizen_a =
      s.Query("SELECT citizen_id FROM conversations WHERE id = " + std::to_string(conv_a));
  const std::string citizen_b =
      s.Query("SELECT citizen_id FROM conversations WHERE id = " + std::to_string(conv_b));
  REQUIRE(citizen_a != citizen_b);

  auto c = GetJson(s, a, Conv(conv_a));
  REQUIRE(c.status == 200);
  CHECK(c.body["history"].empty());
  CHECK(c.body["merges"].empty());
  CHECK(c.body["contacts"].size() == 1);

  // Bad input and denials change nothing.
  CHECK(PostJson(s, a, Conv(conv_a, "merge"), {{"conversation_id", conv_a}}).status == 422);
  CHECK(PostJson(s, a, Conv(conv_a, "merge"), {{"conversation_id", "x"}}).status == 400);
  CHECK(PostJson(s, a, Conv(conv_a, "merge"), Json::object()).status == 400);
  CHECK(PostJson(s, a, Conv(conv_a, "merge"), {{"conversation_id", 999999}}).status == 404);
  CHECK(PostJson(s, a, Conv(999999, "merge"), {{"conversation_id", conv_a}}).status == 404);
  CHECK(PostJson(s, a, Conv(conv_a, "merge"), {{"conversation_id", conv_x}}).status == 404);
  CHECK(PostJson(s, a, Conv(conv_x, "merge"), {{"conversation_id", conv_a}}).status == 404);
  CHECK(PostJson(s, a, Conv(conv_a, "merge"), {{"conversation_id", conv_b}}, false).status == 403);
  const auto other = s.Login("canbo13", "pass-canbo-13");
  CHECK(PostJson(s, other, Conv(conv_x, "merge"), {{"conversation_id", conv_a}}).status == 404);
  CHECK(PostJson(s, other, Conv(conv_a, "merge"), {{"conversation_id", conv_b}}).status == 404);
  CHECK(s.Query("SELECT group_concat(id || ':' || citizen_id, ',') FROM contacts") ==
        before_contacts);
  CHECK(s.Query("SELECT count(*) FROM contact_merges") == "0");

  auto m = PostJson(s, a, Conv(conv_a, "merge"), {{"conversation_id", conv_b}});
  REQUIRE(m.status == 200);
  const std::int64_t merge_id = m.body["merge_id"];
  CHECK(m.body["moved_contacts"] == 1);
  CHECK(PostJson(s, a, Conv(conv_a, "merge"), {{"conversation_id", conv_b}}).status == 422);

  // Each conversation now shows the other's, across channels.
  c = GetJson(s, a, Conv(conv_a));
  REQUIRE(c.status == 200);
  CHECK(c.body["contacts"] == Json::array({{{"channel", "app"}, {"address", "cit-a"}},
                                           {{"channel", "sms"}, {"address", "0912345678"}}}));
  REQUIRE(c.body["history"].size() == 1);
  CHECK(c.body["history"][0]["id"] == conv_b);
  CHECK(c.body["history"][0]["channel"] == "sms");
  CHECK(c.body["history"][0]["messages"][0]["text"] == "Tôi nhắn tin SMS");
  REQUIRE(c.body["merges"].size() == 1);
  CHECK(c.body["merges"][0]["id"] == merge_id);
  CHECK(c.body["merges"][0]["merged_by"] == "Cán bộ A");
  CHECK(c.body["merges"][0]["contacts"] ==
        Json::array({{{"channel", "sms"}, {"address", "0912345678"}}}));
  auto cb = GetJson(s, a, Conv(conv_b));
  REQUIRE(cb.body["history"].size() == 1);
  CHECK(cb.body["history"][0]["id"] == conv_a);
  CHECK(cb.body["history"][0]["messages"][0]["text"] == "Tôi hỏi qua ứng dụng");
  CHECK(cb.body["citizen_id"] == c.body["citizen_id"]);
  CHECK(c.body["citizen_id"].dump() == citizen_a);

  // A new conversation on a merged contact after the merge is the merged citizen's, and goes
  // back with its contact on un-merge.
  REQUIRE(PostJson(s, a, Conv(conv_a, "close"), Json::object()).status == 200);
  const auto conv_a2 = s.CitizenSays("cit-a", "Tôi hỏi tiếp");
  REQUIRE(conv_a2 > conv_x);
  c = GetJson(s, a, Conv(conv_a2));
  CHECK(c.body["history"].size() == 2);

  // The other agency can neither see nor undo it.
  CHECK(PostJson(s, other, Conv(conv_a, "unmerge"), {{"merge_id", merge_id}}).status == 404);
  CHECK(PostJson(s, other, Conv(conv_x, "unmerge"), {{"merge_id", merge_id}}).status == 404);
  CHECK(PostJson(s, a, Conv(conv_a, "unmerge"), {{"merge_id", 999999}}).status == 404);
  CHECK(PostJson(s, a, Conv(conv_a, "unmerge"), {{"merge_id", "1"}}).status == 400);
  CHECK(PostJson(s, a, Conv(conv_a, "unmerge"), {{"merge_id", merge_id}}, false).status == 403);

  SUBCASE("un-merge puts back exactly the contacts and conversations that moved") {
    REQUIRE(PostJson(s, a, Conv(conv_a, "unmerge"), {{"merge_id", merge_id}}).status == 200);
    CHECK(PostJson(s, a, Conv(conv_a, "unmerge"), {{"merge_id", merge_id}}).status == 409);
    CHECK(s.Query("SELECT group_concat(id || ':' || citizen_id, ',') FROM contacts") ==
          before_contacts);
    CHECK(s.Query("SELECT group_concat(id || ':' || citizen_id, ',') FROM conversations WHERE "
                  "id <> " +
                  std::to_string(conv_a2)) == before_convs);
    CHECK(s.Query("SELECT citizen_id FROM conversations WHERE id = " + std::to_string(conv_a2)) ==
          s.Query("SELECT citizen_id FROM conversations WHERE id = " + std::to_string(conv_a)));
    c = GetJson(s, a, Conv(conv_a));
    CHECK(c.body["history"].size() == 1);  // its own later conversation, not cit-b's
    CHECK(c.body["merges"].empty());
    CHECK(c.body["contacts"].size() == 1);
    CHECK(GetJson(s, a, Conv(conv_b)).body["history"].empty());
    CHECK(s.Query("SELECT group_concat(action || '|' || target || '|' || detail, ',') FROM "
                  "(SELECT * FROM audit_log WHERE action LIKE 'contact_%' ORDER BY id)") ==
          "contact_merge|conversation:" + std::to_string(conv_a) +
              "|merge:" + std::to_string(merge_id) + " citizen:" + citizen_b + "->" + citizen_a +
              " contacts:1" + ",contact_unmerge|conversation:" + std::to_string(conv_a) +
              "|merge:" + std::to_string(merge_id));
  }

  SUBCASE("a later merge must be undone first") {
    const auto conv_c = s.CitizenSays("cit-c", "Thêm một người");
    auto m2 = PostJson(s, a, Conv(conv_c, "merge"), {{"conversation_id", conv_a2}});
    REQUIRE(m2.status == 200);
    CHECK(m2.body["moved_contacts"] == 2);  // cit-a's and the merged cit-b's
    // cit-b's contact moved on to cit-c: the first merge cannot be undone from conv_b now.
    CHECK(PostJson(s, a, Conv(conv_b, "unmerge"), {{"merge_id", merge_id}}).status == 409);
    REQUIRE(PostJson(s, a, Conv(conv_c, "unmerge"), {{"merge_id", m2.body["merge_id"]}}).status ==
            200);
    REQUIRE(PostJson(s, a, Conv(conv_b, "unmerge"), {{"merge_id", merge_id}}).status == 200);
    CHECK(s.Query("SELECT group_concat(id || ':' || citizen_id, ',') FROM contacts WHERE "
                  "address <> 'cit-c'") == before_contacts);
  }
}

TEST_CASE(
    "audit retention: caunoi audit-archive archives then deletes; an unwritable archive "
    "deletes nothing; the server's daily pass does the same") {
  TempDir files;
  const std::string archive = files.File("audit.jsonl");
  InboxServer s(R"("audit_archive_path": ")" + archive + R"(", "sla": {"check_interval": "1s"},)");
  const auto a = s.Login("canbo", "pass-canbo-1");
  REQUIRE(a.status == 200);
  REQUIRE(s.Login("canbo2", "pass-canbo-2").status == 200);
  // The server's daily pass ran at its first tick and found nothing old.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'audit_archived'") == "0");
  CHECK_FALSE(std::filesystem::exists(archive));

  auto config = [&](const std::string& path) {
    const std::string file = files.File("cli-" + std::to_string(path.size()) + ".json");
    std::ofstream(file) << R"({"agency": {"code": "000.00.12.H29", "name": "UBND", "hotline": "1",
      "hours": "7:30", "address": "x"}, "store": {"sqlite": {"path": ")"
                        << s.db_path() << R"("}}, "inbox": {"audit_archive_path": ")" << path
                        << R"(", "audit_retention_days": 365}})";
    return file;
  };
  s.Restart([&] {
    // Two entries from years ago, one from 364 days ago.
    REQUIRE(s.Exec("UPDATE audit_log SET at = 1000 WHERE action = 'login' AND officer_id = " +
                   std::to_string(a.officer_id) +
                   "; UPDATE audit_log SET at = at - 400 * 86400000 WHERE action = 'login' AND "
                   "officer_id <> " +
                   std::to_string(a.officer_id) +
                   "; INSERT INTO audit_log (officer_id, action, target, detail, remote_addr, at) "
                   "VALUES (NULL, 'recent', '', '', '', CAST(strftime('%s', 'now') AS INTEGER) * "
                   "1000 - 364 * 86400000)"));
    const auto before = s.Query("SELECT count(*) FROM audit_log");

    // An archive in a folder that does not exist: exit 1, nothing deleted.
    auto bad = RunCommand({CAUNOI_BINARY, "audit-archive", "--config",
                           config(files.File("no/such/folder/audit.jsonl"))});
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("nothing deleted") != std::string::npos);
    CHECK(s.Query("SELECT count(*) FROM audit_log") == before);

    auto ok = RunCommand({CAUNOI_BINARY, "audit-archive", "--config", config(archive)});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out ==
          "2 audit entries older than 365 days archived to " + archive + " and deleted\n");
    CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'login'") == "0");
    CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'recent'") == "1");
    CHECK(s.Query("SELECT detail FROM audit_log WHERE action = 'audit_archived'") ==
          "count:2 file:" + archive);
    std::ifstream in(archive);
    std::string l1, l2, l3;
    REQUIRE(std::getline(in, l1));
    REQUIRE(std::getline(in, l2));
    CHECK_FALSE(std::getline(in, l3));
    CHECK(Json::parse(l1)["action"] == "login");
    CHECK(Json::parse(l1)["officer_id"] == a.officer_id);
    CHECK(Json::parse(l1)["at"] == 1000);
    CHECK(Json::parse(l2)["action"] == "login");

    auto help = RunCommand({CAUNOI_BINARY, "audit-archive", "--config", config("")});
    CHECK(help.exit_code == 2);
    CHECK(help.err.find("inbox.audit_archive_path is not set") != std::string::npos);

    // Old again, for the server's own pass after the restart.
    REQUIRE(s.Exec("UPDATE audit_log SET at = 2000 WHERE action = 'recent'"));
  });
  // The daily pass runs at the first tick after the start (1 s here).
  for (int i = 0;
       i < 50 && s.Query("SELECT count(*) FROM audit_log WHERE action = 'recent'") != "0"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'recent'") == "0");
  CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'audit_archived'") == "2");
  std::ifstream in(archive);
  std::string line, last;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    last = line;
  }
  CHECK(lines == 3);
  CHECK(Json::parse(last)["action"] == "recent");
}

}  // namespace
}  // namespace gw::testing
