// Attachments in the conversation view and replies on a chosen channel: what officers see of the
// files citizens sent (kept and dropped), how a file is served (scoped, never rendered), and a
// reply leaving on another of the citizen's channels, refused where the citizen has no contact.
#include <doctest/doctest.h>

#include "tests/inbox/inbox_fixture.hpp"

using gw::testing::InboxServer;
using gw::testing::LoggedIn;
using gw::testing::SessionHeaders;
using nlohmann::json;

namespace {

// An e-mail citizen of the own agency (conversation 601) whose mail came with a PDF under a
// Vietnamese name, an HTML file, and an .exe the channel dropped; and a conversation of another
// agency (602) with a file of its own. As the IMAP intake would have stored them.
const char* kSeed =
    "INSERT INTO citizens (id, created_at) VALUES (601, 0), (602, 0);"
    "INSERT INTO contacts (id, citizen_id, channel, address, created_at) VALUES "
    "(601, 601, 'email', 'dan@example.vn', 0), (602, 602, 'email', 'khac@example.vn', 0);"
    "INSERT INTO conversations (id, citizen_id, contact_id, channel, opened_at, last_message_at, "
    "agency_code, status) VALUES (601, 601, 601, 'email', 0, 0, '000.00.12.H29', 'officer'),"
    "(602, 602, 602, 'email', 0, 0, '000.00.13.H29', 'officer');"
    "INSERT INTO messages (id, conversation_id, direction, channel, provider_message_id, text, at) "
    "VALUES (601, 601, 'in', 'email', 'm601@example.vn', 'Tôi gửi giấy tờ', 0),"
    "(602, 602, 'in', 'email', 'm602@example.vn', 'Gửi hồ sơ', 0);"
    "INSERT INTO attachments (id, message_id, filename, content_type, size, sha256, bytes, "
    "dropped_reason) VALUES "
    "(701, 601, 'Giấy khai sinh.pdf', 'application/pdf', 8, 'x', X'255044462D312E34', NULL),"
    "(702, 601, 'trang.html', 'text/html', 25, 'x', CAST('<script>alert(1)</script>' AS BLOB), "
    "NULL),"
    "(703, 601, 'setup.exe', 'application/x-msdownload', 4096, NULL, NULL, 'type not allowed'),"
    "(704, 602, 'khac.pdf', 'application/pdf', 3, 'x', X'616263', NULL);";

httplib::Result Get(const InboxServer& s, const LoggedIn& who, const std::string& path) {
  return s.Client()->Get(path.c_str(), SessionHeaders(who, false));
}

httplib::Result Reply(const InboxServer& s, const LoggedIn& who, std::int64_t conv,
                      const json& body) {
  return s.Client()->Post("/api/v1/inbox/conversations/" + std::to_string(conv) + "/reply",
                          SessionHeaders(who), body.dump(), "application/json");
}

}  // namespace

TEST_CASE("attachments: listed per message, downloaded safely, scoped to the agency") {
  InboxServer s;
  s.Restart([&] { REQUIRE(s.Exec(kSeed)); });
  const auto officer = s.Login("canbo", "pass-canbo-1");
  const auto other = s.Login("canbo13", "pass-canbo-13");
  REQUIRE(officer.status == 200);
  REQUIRE(other.status == 200);

  auto conv = Get(s, officer, "/api/v1/inbox/conversations/601");
  REQUIRE(conv);
  REQUIRE(conv->status == 200);
  const auto messages = json::parse(conv->body)["messages"];
  REQUIRE(messages.size() == 1);
  const auto& files = messages[0]["attachments"];
  REQUIRE(files.size() == 3);
  CHECK(files[0] == json{{"id", 701},
                         {"filename", "Giấy khai sinh.pdf"},
                         {"content_type", "application/pdf"},
                         {"size", 8}});
  CHECK(files[1]["id"] == 702);
  // A dropped file: what and why, no id to download, never bytes.
  CHECK(files[2] == json{{"filename", "setup.exe"},
                         {"content_type", "application/x-msdownload"},
                         {"size", 4096},
                         {"dropped_reason", "type not allowed"}});
  CHECK(conv->body.find("PDF-1.4") == std::string::npos);

  auto pdf = Get(s, officer, "/api/v1/inbox/attachments/701");
  REQUIRE(pdf);
  CHECK(pdf->status == 200);
  CHECK(pdf->body == "%PDF-1.4");
  CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
  // cpp-httplib's client percent-decodes header values as it reads them, so the RFC 5987 value
  // arrives decoded here; its exact encoding on the wire is attachment_headers_test's.
  CHECK(pdf->get_header_value("Content-Disposition") ==
        "attachment; filename=\"Gi___y khai sinh.pdf\"; filename*=UTF-8''Giấy khai sinh.pdf");
  CHECK(pdf->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(pdf->get_header_value("Cache-Control") == "no-store");
  // Who took which citizen's document, and when, is in the audit log.
  CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'attachment_download' AND "
                "target = 'attachment:701' AND officer_id = " +
                std::to_string(officer.officer_id)) == "1");

  // HTML from a citizen is never served as HTML in the inbox's origin.
  auto html = Get(s, officer, "/api/v1/inbox/attachments/702");
  REQUIRE(html);
  CHECK(html->status == 200);
  CHECK(html->get_header_value("Content-Type") == "application/octet-stream");
  CHECK(html->get_header_value("Content-Disposition").starts_with("attachment;"));
  CHECK(html->get_header_value("X-Content-Type-Options") == "nosniff");

  // A dropped file has nothing to download; another agency's file and an unknown id read as
  // absent, exactly alike.
  for (const char* path :
       {"/api/v1/inbox/attachments/703", "/api/v1/inbox/attachments/704",
        "/api/v1/inbox/attachments/9999", "/api/v1/inbox/attachments/99999999999999999999"}) {
    CAPTURE(path);
    auto r = Get(s, officer, path);
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(r->body.find("abc") == std::string::npos);
  }
  auto foreign = Get(s, other, "/api/v1/inbox/attachments/701");
  REQUIRE(foreign);
  CHECK(foreign->status == 404);
  // A refused download is not recorded as one.
  CHECK(s.Query("SELECT count(*) FROM audit_log WHERE action = 'attachment_download' AND "
                "target = 'attachment:701'") == "1");
  CHECK(foreign->body.find("PDF") == std::string::npos);
  auto own_other = Get(s, other, "/api/v1/inbox/attachments/704");
  REQUIRE(own_other);
  CHECK(own_other->status == 200);
  CHECK(own_other->body == "abc");

  // Without a session: 401, nothing served.
  auto anonymous = s.Client()->Get("/api/v1/inbox/attachments/701");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  CHECK(anonymous->body.find("PDF") == std::string::npos);
  LoggedIn stale;
  stale.session = "0000";
  auto wrong = Get(s, stale, "/api/v1/inbox/attachments/701");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
}

TEST_CASE("reply on a chosen channel: queued to the citizen's contact there, else 422") {
  InboxServer s;
  const auto conv = s.CitizenSays("app-user-ch", "gặp cán bộ");
  REQUIRE(conv > 0);
  const std::string id = std::to_string(conv);
  // The same citizen also wrote by e-mail once: a second contact.
  s.Restart([&] {
    REQUIRE(
        s.Exec("INSERT INTO contacts (citizen_id, channel, address, created_at) SELECT citizen_id, "
               "'email', 'dan@example.vn', 0 FROM conversations WHERE id = " +
               id));
  });
  const auto officer = s.Login("canbo", "pass-canbo-1");
  REQUIRE(officer.status == 200);

  // The conversation lists the contacts the UI offers as channels.
  auto view = Get(s, officer, "/api/v1/inbox/conversations/" + id);
  REQUIRE(view);
  REQUIRE(view->status == 200);
  const auto contacts = json::parse(view->body)["contacts"];
  CHECK(contacts == json::array({{{"channel", "app"}, {"address", "app-user-ch"}},
                                 {{"channel", "email"}, {"address", "dan@example.vn"}}}));

  const auto outbox = [&] { return s.Query("SELECT count(*) FROM outbox WHERE kind = 'reply'"); };
  const auto replies = [&] {
    return s.Query("SELECT count(*) FROM audit_log WHERE action = 'reply'");
  };
  // Refused: a channel the citizen has no contact on, a channel that is not one, a non-string.
  struct Bad {
    json channel;
    int status;
    const char* message;
  };
  const Bad bad[] = {
      {"sms", 422, "channel: the citizen has no contact on sms"},
      {"fax", 422, "channel: expected one of sms, zalo, email, app, ivr"},
      {"", 422, "channel: expected one of sms, zalo, email, app, ivr"},
      {5, 400, "channel: expected a string"},
  };
  for (const auto& b : bad) {
    CAPTURE(b.channel.dump());
    auto r = Reply(s, officer, conv, {{"text", "Chào anh"}, {"channel", b.channel}});
    REQUIRE(r);
    CHECK(r->status == b.status);
    CHECK(json::parse(r->body)["error"]["message"] == b.message);
  }
  CHECK(outbox() == "0");
  CHECK(replies() == "0");
  CHECK(s.Query("SELECT count(*) FROM messages WHERE direction = 'out' AND text = 'Chào anh'") ==
        "0");

  // By default the app conversation's own channel: read in the app, nothing queued.
  auto plain = Reply(s, officer, conv, {{"text", "Chào anh"}});
  REQUIRE(plain);
  CHECK(plain->status == 200);
  CHECK(outbox() == "0");
  CHECK(s.CitizenHistory("app-user-ch").find("Chào anh") != std::string::npos);

  // Chosen: e-mail, to the citizen's e-mail address, queued with the message.
  auto by_mail = Reply(s, officer, conv, {{"text", "Hồ sơ đã đủ."}, {"channel", "email"}});
  REQUIRE(by_mail);
  CHECK(by_mail->status == 200);
  CHECK(outbox() == "1");
  const auto payload = json::parse(s.Query("SELECT payload FROM outbox WHERE kind = 'reply'"));
  CHECK(payload["channel"] == "email");
  CHECK(payload["address"] == "dan@example.vn");
  CHECK(payload["text"] == "Hồ sơ đã đủ.");
  CHECK(s.Query("SELECT channel FROM messages WHERE text = 'Hồ sơ đã đủ.'") == "email");
  CHECK(s.Query("SELECT receiver FROM message_log ORDER BY seq DESC LIMIT 1") == "dan@example.vn");
  CHECK(s.Query("SELECT detail FROM audit_log WHERE action = 'reply' ORDER BY id DESC LIMIT 1") ==
        "channel:email");
  // Another agency cannot reply on any channel.
  const auto other = s.Login("canbo13", "pass-canbo-13");
  auto foreign = Reply(s, other, conv, {{"text", "x"}, {"channel", "email"}});
  REQUIRE(foreign);
  CHECK(foreign->status == 404);
  CHECK(outbox() == "1");
}
