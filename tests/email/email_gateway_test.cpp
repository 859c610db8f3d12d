// The e-mail channel end to end through the real gateway: a citizen's mail, written by a real
// client (swaks) and delivered into a real Dovecot, is read by caunoi's IMAP poller, answered by
// the dialogs, and the answer reaches a real SMTP server threaded to the citizen's mail; a
// restart between polls reads nothing again.
#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "channels/email/mime_parse.hpp"
#include "tests/email/server_process.hpp"
#include "tests/integration/process.hpp"
#include "tests/sms/kannel_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace ks = gw::testing::kannel;
using namespace std::chrono_literals;

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
      ks::Run({"/bin/bash", kDovecot, "deliver", dir, "--header", "Subject: " + subject, "--header",
               "Message-Id: <" + message_id + ">", "--header",
               "From: Nguyen Van A <citizen@example.test>", "--add-header", "MIME-Version: 1.0",
               "--add-header", "Content-Type: text/plain; charset=UTF-8", "--body", body},
              20s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err, ks::ReadFile(dir + "/swaks.out"));
}

std::string Config(const gw::testing::TempDir& tmp, int imap_port, int smtp_port) {
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
    "a citizen's mail is answered through the gateway, threaded; a restart re-reads nothing") {
  auto dovecot_check = ks::Run({"/bin/bash", kDovecot, "check"}, 10s);
  auto sink_check = ks::Run({"/bin/bash", kSink, "check"}, 10s);
  if (dovecot_check.exit_code != 0 || sink_check.exit_code != 0) {
    MESSAGE("skipped: " << dovecot_check.out << sink_check.out
                        << " (install dovecot-imapd dovecot-lmtpd swaks python3-aiosmtpd)");
    return;
  }
  gw::testing::TempDir tmp;
  std::filesystem::permissions(
      tmp.path(), std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                      std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                      std::filesystem::perms::others_exec);
  const std::string mail_dir = tmp.File("dovecot");
  const std::string sink_dir = tmp.File("sink");
  auto ports = ks::FreePorts(3);
  gw::testing::mail::ServerProcess dovecot({"/bin/bash", kDovecot, "start", mail_dir,
                                            std::to_string(ports[0]), std::to_string(ports[1])},
                                           "dovecot: ready", tmp.File("dovecot.err"));
  REQUIRE_MESSAGE(dovecot.WaitReady(20s), ks::ReadFile(tmp.File("dovecot.err")));
  gw::testing::mail::ServerProcess sink(
      {"/bin/bash", kSink, "start", sink_dir, std::to_string(ports[2])}, "smtp_sink: ready",
      tmp.File("sink.err"));
  REQUIRE_MESSAGE(sink.WaitReady(20s), ks::ReadFile(tmp.File("sink.err")));

  const std::string config = tmp.File("caunoi.json");
  gw::testing::WriteFile(config, Config(tmp, ports[0], ports[2]));
  auto start = [&] {
    auto p = std::make_unique<gw::testing::Process>(
        std::vector<std::string>{CAUNOI_BINARY, "serve", "--config", config},
        tmp.File("caunoi.log"));
    REQUIRE_MESSAGE(p->WaitForPort() > 0, gw::testing::ReadFile(tmp.File("caunoi.log")));
    return p;
  };

  // A Vietnamese subject as a mail client encodes it (RFC 2047), asking about a dossier.
  Deliver(mail_dir, "hoi-1@example.test", "=?UTF-8?B?SOG7j2kgduG7gSBo4buTIHPGoQ==?=",
          "Xin chào, cho tôi tra cứu hồ sơ 000.00.12.H29-241023-0001.\n\n-- \nNguyễn Văn A");
  auto gateway = start();
  REQUIRE_MESSAGE(ks::WaitFor([&] { return Stored(sink_dir) == 1; }, 20s),
                  gw::testing::ReadFile(tmp.File("caunoi.log")));
  const std::string raw = ks::ReadFile(sink_dir + "/mail/0001.eml");
  CHECK(Header(raw, "In-Reply-To") == "<hoi-1@example.test>");
  CHECK(Header(raw, "References") == "<hoi-1@example.test>");
  auto reply = gw::channels::email::ParseMail(raw, {});
  REQUIRE(reply.ok());
  CHECK(reply->subject == "Re: Hỏi về hồ sơ");
  CHECK(reply->from_address == "motcua@phuong.gov.vn");
  // The dossier's state from the backend, not an echo of the question.
  CHECK(reply->text.find("Hồ sơ 000.00.12.H29-241023-0001") != std::string::npos);
  CHECK(reply->text.find("Quá trình xử lý") != std::string::npos);
  const std::string envelope = ks::ReadFile(sink_dir + "/mail/0001.json");
  CHECK(envelope.find("\"rcpt_tos\": [\"citizen@example.test\"]") != std::string::npos);

  // A restart between polls: the cursor was saved, nothing is read or answered twice.
  gateway->Signal(SIGTERM);
  CHECK(gateway->Wait() == 0);
  gateway = start();
  std::this_thread::sleep_for(2500ms);  // more than two poll intervals
  CHECK(Stored(sink_dir) == 1);
  // A new mail after the restart is answered once.
  Deliver(mail_dir, "hoi-2@example.test", "Lien he", "Cho toi gap can bo");
  REQUIRE(ks::WaitFor([&] { return Stored(sink_dir) == 2; }, 20s));
  std::this_thread::sleep_for(2500ms);
  CHECK(Stored(sink_dir) == 2);
  CHECK(Header(ks::ReadFile(sink_dir + "/mail/0002.eml"), "In-Reply-To") == "<hoi-2@example.test>");
  gateway->Signal(SIGTERM);
  CHECK(gateway->Wait() == 0);
  CHECK(sink.Stop(kSink, sink_dir, 20s));
  CHECK(dovecot.Stop(kDovecot, mail_dir, 20s));
}
