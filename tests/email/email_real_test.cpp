// The IMAP poller against a real Dovecot started by scripts/servers/dovecot.sh on loopback, with
// mail delivered over LMTP by swaks (a real mail client): decoding, the cursor across a
// "restart", refusals, malformed and oversized content, UIDVALIDITY changes, login failures.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "channels/common/test_log_sink.hpp"
#include "channels/email/imap_poller.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/scripted_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace email = gw::channels::email;
using namespace std::chrono_literals;

namespace gw::testing {

namespace {

const std::string kScript = std::string(GW_SOURCE_DIR) + "/scripts/servers/dovecot.sh";
const std::string kSubject = "Hỏi về hồ sơ 000.00.12.H29-241023-0001";

std::string EncodedWord(const std::string& utf8) {
  static const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < utf8.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(utf8[i]) << 16) |
                 (static_cast<unsigned char>(utf8[i + 1]) << 8) |
                 static_cast<unsigned char>(utf8[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out.push_back(kB64[(n >> k) & 63]);
  }
  if (i < utf8.size()) {
    unsigned n = static_cast<unsigned char>(utf8[i]) << 16;
    if (i + 1 < utf8.size()) n |= static_cast<unsigned char>(utf8[i + 1]) << 8;
    out.push_back(kB64[(n >> 18) & 63]);
    out.push_back(kB64[(n >> 12) & 63]);
    out.push_back(i + 1 < utf8.size() ? kB64[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return "=?UTF-8?B?" + out + "?=";
}

// One mail into INBOX over LMTP with swaks; `extra` are more swaks options.
void Deliver(const std::string& dir, const std::string& message_id, const std::string& body,
             std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {
      "/bin/bash",    kScript,
      "deliver",      dir,
      "--header",     "Subject: " + EncodedWord(kSubject),
      "--header",     "Message-Id: <" + message_id + ">",
      "--header",     "From: =?UTF-8?B?Tmd1eeG7hW4gVsSDbiBB?= <citizen@example.test>",
      "--add-header", "MIME-Version: 1.0",
      "--body",       body};
  if (extra.empty()) {
    argv.push_back("--add-header");
    argv.push_back("Content-Type: text/plain; charset=UTF-8");
  }
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto r = RunCommand(argv, 20s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err, ReadFile(dir + "/swaks.out"));
}

// The mailbox's UIDVALIDITY as Dovecot itself reports it.
std::uint32_t DoveadmUidvalidity(const std::string& dir, const std::string& mailbox) {
  auto r = RunCommand({"/bin/bash", kScript, "doveadm", dir, "mailbox", "status", "-u", "caunoi",
                       "uidvalidity", mailbox},
                      10s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto at = r.out.find("uidvalidity=");
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(std::stoul(r.out.substr(at + 12)));
}

struct Inbox {
  std::vector<email::InboundMail> mails;
  struct Skip {
    std::uint32_t uid;
    std::string message;
  };
  std::vector<Skip> skipped;
  bool accept = true;

  email::MailHandler Handler() {
    return [this](const email::InboundMail& m) {
      if (accept) mails.push_back(m);
      return accept;
    };
  }
  email::SkippedMailHandler OnSkipped() {
    return [this](std::uint32_t uid, const gw::core::Error& e, std::string_view) {
      skipped.push_back({uid, e.message});
    };
  }
};

}  // namespace

TEST_CASE("real Dovecot: the IMAP poller reads each mail once, across restarts and failures") {
  auto check = RunCommand({"/bin/bash", kScript, "check"}, 10s);
  if (check.exit_code != 0) {
    MESSAGE("skipped: " << check.out << " (install dovecot-imapd dovecot-lmtpd swaks curl)");
    return;
  }
  gw::channels::testing::CaptureSink log_sink;
  gw::channels::testing::ScopedSink scoped_sink(&log_sink);
  TempDir tmp;
  std::filesystem::permissions(
      tmp.path(), std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                      std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                      std::filesystem::perms::others_exec);
  const std::string dir = tmp.File("dovecot");
  auto ports = FreePorts(2);
  ScriptedServer dovecot(kScript, {dir, std::to_string(ports[0]), std::to_string(ports[1])},
                         tmp.File("dovecot.err"));
  REQUIRE_MESSAGE(dovecot.WaitReady(20s), ReadFile(tmp.File("dovecot.err")));

  email::ImapConfig config;
  config.server.url = "imap://127.0.0.1:" + std::to_string(ports[0]);
  config.server.require_starttls = false;
  config.server.username = "caunoi";
  config.server.password = "caunoi-test";
  config.server.timeout = 10s;
  email::AttachmentPolicy policy;
  policy.max_bytes = 1000;
  policy.allowed_types = {"application/pdf", "image/png"};
  email::InMemoryCursorStore store;
  Inbox inbox;

  // 1. A mail from a real client, read with its decoded fields.
  Deliver(dir, "first@example.test", "Xin chào, tôi muốn hỏi hồ sơ.\n\n-- \nNguyễn Văn A",
          {"--add-header", "Content-Type: text/plain; charset=UTF-8", "--add-header",
           "In-Reply-To: <notice-1@phuong.gov.vn>"});
  email::ImapPoller first(config, policy, store);
  auto r1 = first.PollOnce(inbox.Handler(), inbox.OnSkipped());
  REQUIRE_MESSAGE(r1.ok(), r1.error().message, " ", r1.error().detail);
  REQUIRE(inbox.mails.size() == 1);
  const auto& m = inbox.mails[0];
  CHECK(m.subject == kSubject);
  CHECK(m.from_address == "citizen@example.test");
  CHECK(m.from_name == "Nguyễn Văn A");
  CHECK(m.message_id == "first@example.test");
  CHECK(m.in_reply_to == "notice-1@phuong.gov.vn");
  CHECK(m.text == "Xin chào, tôi muốn hỏi hồ sơ.");
  CHECK(m.raw.find("Delivered-To:") != std::string::npos);  // LMTP's headers: the raw mail
  const std::uint32_t validity = DoveadmUidvalidity(dir, "INBOX");
  auto saved = store.Load(first.key());
  REQUIRE(saved.ok());
  REQUIRE(saved->has_value());
  CHECK(**saved == email::MailCursor{validity, 1});
  CHECK(first.key() == "caunoi@127.0.0.1:" + std::to_string(ports[0]) + "/INBOX");

  // 2. Polling again, and a "restart" (a new poller on the saved cursor), re-read nothing.
  auto again = first.PollOnce(inbox.Handler());
  REQUIRE(again.ok());
  CHECK(again->accepted == 0);
  email::ImapPoller restarted(config, policy, store);
  auto r2 = restarted.PollOnce(inbox.Handler());
  REQUIRE(r2.ok());
  CHECK(r2->accepted == 0);
  CHECK(inbox.mails.size() == 1);

  // 3. A new mail is read exactly once.
  Deliver(dir, "second@example.test", "Mã hồ sơ là 000.00.12.H29-241023-0001.");
  auto r3 = restarted.PollOnce(inbox.Handler());
  REQUIRE(r3.ok());
  CHECK(r3->accepted == 1);
  REQUIRE(inbox.mails.size() == 2);
  CHECK(inbox.mails[1].message_id == "second@example.test");
  CHECK(restarted.PollOnce(inbox.Handler())->accepted == 0);
  CHECK(inbox.mails.size() == 2);

  // 4. A refused mail stays where it is and comes again at the next poll.
  Deliver(dir, "third@example.test", "Lần ba.");
  inbox.accept = false;
  auto refused = restarted.PollOnce(inbox.Handler());
  REQUIRE(refused.ok());
  CHECK(refused->refused);
  CHECK(refused->cursor == email::MailCursor{validity, 2});
  inbox.accept = true;
  auto r4 = restarted.PollOnce(inbox.Handler());
  REQUIRE(r4.ok());
  CHECK(r4->accepted == 1);
  REQUIRE(inbox.mails.size() == 3);
  CHECK(inbox.mails[2].message_id == "third@example.test");

  // 5. A malformed mail (no From) is skipped with its reason and does not block the next one;
  //    an oversized attachment is dropped with a reason, an allowed one kept.
  {
    std::ofstream f(tmp.File("nofrom.eml"), std::ios::binary);
    f << "To: caunoi@example.test\r\nSubject: no sender\r\n\r\nbody\r\n";
  }
  auto appended = RunCommand({"/usr/bin/curl", "-sS", "--user", "caunoi:caunoi-test", "-T",
                              tmp.File("nofrom.eml"), config.server.url + "/INBOX"},
                             10s);
  REQUIRE_MESSAGE(appended.exit_code == 0, appended.err);
  {
    std::ofstream big(tmp.File("bien-nhan.pdf"), std::ios::binary);
    big << std::string(5000, 'p');
    std::ofstream small(tmp.File("anh.png"), std::ios::binary);
    small << std::string(100, 'i');
  }
  Deliver(dir, "fourth@example.test", "Gửi kèm giấy tờ.",
          {"--attach-type", "application/pdf", "--attach", tmp.File("bien-nhan.pdf"),
           "--attach-type", "image/png", "--attach", tmp.File("anh.png")});
  auto r5 = restarted.PollOnce(inbox.Handler(), inbox.OnSkipped());
  REQUIRE(r5.ok());
  CHECK(r5->skipped == 1);
  CHECK(r5->accepted == 1);
  REQUIRE(inbox.skipped.size() == 1);
  CHECK(inbox.skipped[0].uid == 4);
  CHECK(inbox.skipped[0].message == "no sender: the From header is missing or has no address");
  REQUIRE(inbox.mails.size() == 4);
  const auto& with_files = inbox.mails[3];
  CHECK(with_files.text == "Gửi kèm giấy tờ.");
  REQUIRE(with_files.attachments.size() == 1);
  CHECK(with_files.attachments[0].filename == "anh.png");
  CHECK(with_files.attachments[0].bytes == std::string(100, 'i'));
  REQUIRE(with_files.dropped_attachments.size() == 1);
  CHECK(with_files.dropped_attachments[0].filename == "bien-nhan.pdf");
  CHECK(with_files.dropped_attachments[0].size == 5000);
  CHECK(with_files.dropped_attachments[0].reason == "larger than 1000 bytes");
  CHECK(r5->cursor == email::MailCursor{validity, 5});
  CHECK(log_sink.text().find("mail skipped") != std::string::npos);

  // 6. A wrong password or an unreachable server: an error, and the cursor stays.
  auto before = store.Load(restarted.key());
  REQUIRE(before.ok());
  email::ImapConfig wrong = config;
  wrong.server.password = "wrong";
  email::ImapPoller denied(wrong, policy, store);
  auto r6 = denied.PollOnce(inbox.Handler());
  REQUIRE_FALSE(r6.ok());
  CHECK(r6.error().code == gw::core::ErrorCode::kUnauthorized);
  CHECK(r6.error().message == "IMAP login refused: check channels.email.imap.username/password");
  email::ImapConfig down = config;
  down.server.url = "imap://127.0.0.1:" + std::to_string(FreePorts(1)[0]);
  email::ImapPoller unreachable(down, policy, store);
  auto r7 = unreachable.PollOnce(inbox.Handler());
  REQUIRE_FALSE(r7.ok());
  CHECK(r7.error().code == gw::core::ErrorCode::kUnavailable);
  CHECK(r7.error().message == "IMAP EXAMINE failed (connect_failed)");
  auto after = store.Load(restarted.key());
  REQUIRE(after.ok());
  CHECK(**after == **before);
  CHECK(inbox.mails.size() == 4);

  // 7. A recreated mailbox (new UIDVALIDITY): the cursor restarts and the new mail is read.
  auto doveadm = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {"/bin/bash", kScript, "doveadm", dir};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = RunCommand(argv, 10s);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  };
  doveadm({"mailbox", "create", "-u", "caunoi", "Citizens"});
  auto append = [&](const std::string& id) {
    std::ofstream f(tmp.File("append.eml"), std::ios::binary | std::ios::trunc);
    f << "From: citizen@example.test\r\nMessage-ID: <" << id << ">\r\nSubject: x\r\n\r\nhi\r\n";
    f.close();
    auto r = RunCommand({"/usr/bin/curl", "-sS", "--user", "caunoi:caunoi-test", "-T",
                         tmp.File("append.eml"), config.server.url + "/Citizens"},
                        10s);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  };
  append("c1@example.test");
  append("c2@example.test");
  email::ImapConfig citizens = config;
  citizens.mailbox = "Citizens";
  email::ImapPoller box(citizens, policy, store);
  REQUIRE(box.PollOnce(inbox.Handler())->accepted == 2);
  const std::uint32_t old_validity = DoveadmUidvalidity(dir, "Citizens");
  doveadm({"mailbox", "delete", "-u", "caunoi", "Citizens"});
  doveadm({"mailbox", "create", "-u", "caunoi", "Citizens"});
  append("c3@example.test");
  const std::uint32_t new_validity = DoveadmUidvalidity(dir, "Citizens");
  REQUIRE(new_validity != old_validity);
  auto r8 = box.PollOnce(inbox.Handler());
  REQUIRE(r8.ok());
  CHECK(r8->accepted == 1);  // UID 1 again, but under the new UIDVALIDITY
  CHECK(inbox.mails.back().message_id == "c3@example.test");
  CHECK(r8->cursor == email::MailCursor{new_validity, 1});
  CHECK(log_sink.text().find("UIDVALIDITY changed") != std::string::npos);

  CHECK(dovecot.Stop(dir, 30s));
}

}  // namespace gw::testing
