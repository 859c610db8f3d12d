// The e-mail channel end to end through the real gateway: a citizen's mail, written by a real
// client (swaks) and delivered into a real Dovecot, is read by caunoi's IMAP poller, answered by
// the dialogs, and the answer reaches a real SMTP server threaded to the citizen's mail; a
// restart between polls reads nothing again; a bounce of the answer fails its leg, unanswered.
#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "channels/email/mime_parse.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/scripted_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait_for.hpp"

using namespace std::chrono_literals;

namespace gw::testing {

namespace {

const std::string kDovecot = std::string(GW_SOURCE_DIR) + "/scripts/servers/dovecot.sh";
const std::string kSink = std::string(GW_SOURCE_DIR) + "/scripts/servers/smtp_sink.sh";

int Stored(const std::string& dir) {
  int n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/mail", ec)) {
    n += e.path().extension() == ".eml";
  }
  return n;
}

std::string Header(const std::string& raw, const std::string& name) {
  const std::string key = "\n" + name + ": ";
  auto at = raw.find(key);
  if (at == std::string::npos) return "";
  auto end = raw.find("\r\n", at + key.size());
  if (end == std::string::npos) end = raw.find('\n', at + key.size());
  return raw.substr(at + key.size(), end - at - key.size());
}

void Deliver(const std::string& dir, const std::string& message_id, const std::string& subject,
             const std::string& body) {
  auto r =
      RunCommand({"/bin/bash", kDovecot, "deliver", dir, "--header", "Subject: " + subject,
                  "--header", "Message-Id: <" + message_id + ">", "--header",
                  "From: Nguyen Van A <citizen@example.test>", "--add-header", "MIME-Version: 1.0",
                  "--add-header", "Content-Type: text/plain; charset=UTF-8", "--body", body},
                 20s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err, ReadFile(dir + "/swaks.out"));
}

std::string Config(const TempDir& tmp, int imap_port, int smtp_port) {
  return R"({
    "agency": {"code": "000.00.12.H29", "name": "UBND phường Thử Nghiệm", "hotline": "1900 0000",
               "hours": "7:30–17:00", "address": "1 Đường Thử"},
    "http": {"listen": "127.0.0.1", "port": 0},
    "store": {"sqlite": {"path": ")" +
         tmp.File("data/caunoi.db") + R"("}},
    "nlu": {"cache_dir": ")" GW_BUILD_DIR R"(/nlu-cache"},
    "simulator": {"enabled": true}, "default_backend": "simulator",
    "notifications": {"delivery": {"idle_poll": "50ms"}},
    "channels": {"email": {
      "smtp": {"url": "smtp://127.0.0.1:)" +
         std::to_string(smtp_port) + R"(", "starttls": "none",
               "from_address": "motcua@phuong.gov.vn", "from_name": "UBND phường Thử Nghiệm"},
      "imap": {"url": "imap://127.0.0.1:)" +
         std::to_string(imap_port) + R"(", "starttls": "none",
               "username": "caunoi", "password": "caunoi-test", "poll_interval": "1s"}
    }}
  })";
}

}  // namespace

TEST_CASE(
    "a citizen's mail is answered through the gateway, threaded; a restart re-reads nothing; "
    "a bounce of the answer is a failed receipt") {
  auto dovecot_check = RunCommand({"/bin/bash", kDovecot, "check"}, 10s);
  auto sink_check = RunCommand({"/bin/bash", kSink, "check"}, 10s);
  if (dovecot_check.exit_code != 0 || sink_check.exit_code != 0) {
    MESSAGE("skipped: " << dovecot_check.out << sink_check.out
                        << " (install dovecot-imapd dovecot-lmtpd swaks python3-aiosmtpd)");
    return;
  }
  TempDir tmp;
  std::filesystem::permissions(
      tmp.path(), std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                      std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                      std::filesystem::perms::others_exec);
  const std::string mail_dir = tmp.File("dovecot");
  const std::string sink_dir = tmp.File("sink");
  auto ports = FreePorts(3);
  ScriptedServer dovecot(kDovecot, {mail_dir, std::to_string(ports[0]), std::to_string(ports[1])},
                         tmp.File("dovecot.err"));
  REQUIRE_MESSAGE(dovecot.WaitReady(20s), ReadFile(tmp.File("dovecot.err")));
  ScriptedServer sink(kSink, {sink_dir, std::to_string(ports[2])}, tmp.File("sink.err"));
  REQUIRE_MESSAGE(sink.WaitReady(20s), ReadFile(tmp.File("sink.err")));

  const std::string config = tmp.File("caunoi.json");
  WriteFile(config, Config(tmp, ports[0], ports[2]));
  auto start = [&] {
    auto p = std::make_unique<ChildProcess>(
        std::vector<std::string>{CAUNOI_BINARY, "serve", "--config", config},
        tmp.File("caunoi.log"));
    REQUIRE_MESSAGE(ListeningPort(*p) > 0, ReadFile(tmp.File("caunoi.log")));
    return p;
  };

  // A Vietnamese subject as a mail client encodes it (RFC 2047), asking about a dossier.
  Deliver(mail_dir, "hoi-1@example.test", "=?UTF-8?B?SOG7j2kgduG7gSBo4buTIHPGoQ==?=",
          "Xin chào, cho tôi tra cứu hồ sơ 000.00.12.H29-241023-0001.\n\n-- \nNguyễn Văn A");
  auto gateway = start();
  REQUIRE_MESSAGE(WaitFor([&] { return Stored(sink_dir) == 1; }, 20s),
                  ReadFile(tmp.File("caunoi.log")));
  const std::string raw = ReadFile(sink_dir + "/mail/0001.eml");
  CHECK(Header(raw, "In-Reply-To") == "<hoi-1@example.test>");
  CHECK(Header(raw, "References") == "<hoi-1@example.test>");
  auto reply = gw::channels::email::ParseMail(raw, {});
  REQUIRE(reply.ok());
  CHECK(reply->subject == "Re: Hỏi về hồ sơ");
  CHECK(reply->from_address == "motcua@phuong.gov.vn");
  // The dossier's state from the backend, not an echo of the question.
  CHECK(reply->text.find("Hồ sơ 000.00.12.H29-241023-0001") != std::string::npos);
  CHECK(reply->text.find("Quá trình xử lý") != std::string::npos);
  const std::string envelope = ReadFile(sink_dir + "/mail/0001.json");
  CHECK(envelope.find("\"rcpt_tos\": [\"citizen@example.test\"]") != std::string::npos);

  // A restart between polls: the cursor was saved, nothing is read or answered twice.
  gateway->Signal(SIGTERM);
  CHECK(gateway->Wait() == 0);
  gateway = start();
  std::this_thread::sleep_for(2500ms);  // more than two poll intervals
  CHECK(Stored(sink_dir) == 1);
  // A new mail after the restart is answered once.
  Deliver(mail_dir, "hoi-2@example.test", "Lien he", "Cho toi gap can bo");
  REQUIRE(WaitFor([&] { return Stored(sink_dir) == 2; }, 20s));
  std::this_thread::sleep_for(2500ms);
  CHECK(Stored(sink_dir) == 2);
  CHECK(Header(ReadFile(sink_dir + "/mail/0002.eml"), "In-Reply-To") == "<hoi-2@example.test>");

  // The reply was returned by the citizen's mail server (RFC 3464): the bounce is not a citizen's
  // message and is not answered; it fails the reply's e-mail leg, and a reply has no other route,
  // so it becomes a dead letter for the officers.
  const std::string sent = ReadFile(sink_dir + "/mail/0002.eml");
  const std::string reply_id =
      Header(sent, "Message-Id").empty() ? Header(sent, "Message-ID") : Header(sent, "Message-Id");
  REQUIRE(!reply_id.empty());
  const std::string dsn = tmp.File("dsn.eml");
  WriteFile(dsn,
            "From: Mail Delivery System <MAILER-DAEMON@mx.example.test>\r\n"
            "To: motcua@phuong.gov.vn\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\n"
            "Auto-Submitted: auto-replied\r\n"
            "Message-Id: <bounce-1@mx.example.test>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n"
            "\r\n--b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            "\r\n--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mx.example.test\r\n\r\n"
            "Final-Recipient: rfc822; citizen@example.test\r\nAction: failed\r\n"
            "Status: 5.2.1\r\nDiagnostic-Code: smtp; 550 5.2.1 mailbox disabled\r\n"
            "\r\n--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            "From: motcua@phuong.gov.vn\r\nTo: citizen@example.test\r\nMessage-ID: " +
                reply_id + "\r\nSubject: Re: Lien he\r\n\r\n--b1--\r\n");
  auto r = RunCommand({"/bin/bash", kDovecot, "deliver", mail_dir, "--data", "@" + dsn}, 20s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err, ReadFile(mail_dir + "/swaks.out"));
  const std::string db = "file:" + tmp.File("data/caunoi.db") + "?mode=ro";
  auto query = [&](const std::string& sql) {
    return RunCommand({"/usr/bin/sqlite3", db, sql}, 10s).out;
  };
  CHECK_MESSAGE(WaitFor(
                    [&] {
                      return query(
                                 "SELECT receipt FROM deliveries WHERE channel = 'email' AND "
                                 "last_detail LIKE '5.2.1%'") == "failed\n";
                    },
                    20s),
                ReadFile(tmp.File("caunoi.log")));
  CHECK(WaitFor([&] { return query("SELECT count(*) FROM outbox WHERE state = 'dead'") == "1\n"; },
                10s));
  std::this_thread::sleep_for(2500ms);
  CHECK(Stored(sink_dir) == 2);  // the bounce was not answered
  gateway->Signal(SIGTERM);
  CHECK(gateway->Wait() == 0);
  CHECK(sink.Stop(sink_dir, 20s));
  CHECK(dovecot.Stop(mail_dir, 20s));
}

}  // namespace gw::testing
