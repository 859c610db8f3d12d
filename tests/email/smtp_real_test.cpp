// EmailChannel against a real SMTP server (the aiosmtpd sink of scripts/servers/smtp_sink.sh):
// what reaches the server, and the outcomes of temporary and permanent refusals, a server that
// is down, and AUTH.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "channels/common/test_log_sink.hpp"
#include "channels/email/email_channel.hpp"
#include "channels/email/mime_parse.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/scripted_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait_for.hpp"

namespace email = gw::channels::email;
using gw::core::SendOutcome;
using namespace std::chrono_literals;

namespace gw::testing {

namespace {

const std::string kScript = std::string(GW_SOURCE_DIR) + "/scripts/servers/smtp_sink.sh";

email::SmtpConfig Config(int port) {
  email::SmtpConfig c;
  c.server.url = "smtp://127.0.0.1:" + std::to_string(port);
  c.server.require_starttls = false;
  c.server.timeout = 10s;
  c.from_address = "motcua@phuong.gov.vn";
  c.from_name = "UBND Phường Bến Nghé";
  return c;
}

gw::core::OutboundMessage Reply(const std::string& to, const std::string& key) {
  gw::core::OutboundMessage m;
  m.to = {gw::core::ChannelKind::kEmail, to};
  m.subject = "Re: Hỏi về hồ sơ 000.00.12.H29-241023-0001";
  m.text = "Kính gửi ông,\nHồ sơ của ông đang được thẩm định.";
  m.idempotency_key = key;
  m.in_reply_to = "first@example.test";
  return m;
}

std::string Header(const std::string& raw, const std::string& name) {
  auto at = raw.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  auto end = raw.find("\r\n", at + 2);
  return raw.substr(at + 4 + name.size(), end - at - 4 - name.size());
}

std::size_t Stored(const std::string& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/mail", ec)) {
    n += e.path().extension() == ".eml";
  }
  return n;
}

}  // namespace

TEST_CASE("real SMTP sink: EmailChannel's mail on the wire and its failure outcomes") {
  auto check = RunCommand({"/bin/bash", kScript, "check"}, 10s);
  if (check.exit_code != 0) {
    MESSAGE("skipped: " << check.out << " (install python3-aiosmtpd)");
    return;
  }
  gw::channels::testing::CaptureSink log_sink;
  gw::channels::testing::ScopedSink scoped_sink(&log_sink);
  TempDir tmp;
  const std::string dir = tmp.File("sink");
  const std::string auth_dir = tmp.File("auth-sink");
  auto ports = FreePorts(3);
  ScriptedServer sink(kScript, {dir, std::to_string(ports[0])}, tmp.File("sink.err"));
  REQUIRE_MESSAGE(sink.WaitReady(20s), ReadFile(tmp.File("sink.err")));
  gw::core::SystemClock clock;
  email::EmailChannel channel(Config(ports[0]), clock);

  // Accepted: the stored bytes are what a mail client threads and decodes.
  email::EmailExtras extras;
  extras.references = {"notice-1@phuong.gov.vn", "first@example.test"};
  extras.html = "<p>Kính gửi ông,</p><p>Hồ sơ của ông đang được thẩm định.</p>";
  extras.attachments = {{"Phiếu hẹn.pdf", "application/pdf", "%PDF-1.4 test"}};
  auto sent = channel.SendEmail(Reply("nguyen.van.a@example.test", "reply-1"), extras);
  REQUIRE_MESSAGE(sent.outcome == SendOutcome::kAccepted, sent.detail);
  CHECK(sent.provider_message_id == email::MessageIdFor("reply-1", "motcua@phuong.gov.vn"));
  REQUIRE(WaitFor([&] { return Stored(dir) == 1; }, 5s));
  const std::string raw = ReadFile(dir + "/mail/0001.eml");
  CHECK(Header(raw, "Subject").starts_with("Re: =?UTF-8?B?"));
  CHECK(Header(raw, "Message-Id") == "<" + sent.provider_message_id + ">");
  CHECK(Header(raw, "In-Reply-To") == "<first@example.test>");
  CHECK(Header(raw, "References") == "<notice-1@phuong.gov.vn> <first@example.test>");
  CHECK(raw.find("Content-Type: text/plain; charset=utf-8") != std::string::npos);
  CHECK(raw.find("Content-Type: text/html; charset=utf-8") != std::string::npos);
  const std::string envelope = ReadFile(dir + "/mail/0001.json");
  CHECK(envelope.find("\"mail_from\": \"motcua@phuong.gov.vn\"") != std::string::npos);
  CHECK(envelope.find("\"rcpt_tos\": [\"nguyen.van.a@example.test\"]") != std::string::npos);
  auto parsed = email::ParseMail(raw, {});
  REQUIRE(parsed.ok());
  CHECK(parsed->subject == "Re: Hỏi về hồ sơ 000.00.12.H29-241023-0001");
  CHECK(parsed->from_name == "UBND Phường Bến Nghé");
  CHECK(parsed->text == "Kính gửi ông,\nHồ sơ của ông đang được thẩm định.");
  REQUIRE(parsed->attachments.size() == 1);
  CHECK(parsed->attachments[0].filename == "Phiếu hẹn.pdf");
  CHECK(parsed->attachments[0].bytes == "%PDF-1.4 test");
  CHECK(log_sink.text().find("nguyen.van.a@") == std::string::npos);  // masked in logs
  CHECK(log_sink.text().find("n***@example.test") != std::string::npos);

  // A retry of the same message carries the same Message-ID.
  auto retry = channel.Send(Reply("nguyen.van.a@example.test", "reply-1"));
  REQUIRE(retry.outcome == SendOutcome::kAccepted);
  CHECK(retry.provider_message_id == sent.provider_message_id);
  REQUIRE(WaitFor([&] { return Stored(dir) == 2; }, 5s));
  CHECK(Header(ReadFile(dir + "/mail/0002.eml"), "Message-Id") ==
        "<" + sent.provider_message_id + ">");

  // Refusals: temporary, permanent for the recipient, permanent for the content.
  auto temp = channel.Send(Reply("tempfail@example.test", "reply-2"));
  CHECK(temp.outcome == SendOutcome::kRetryable);
  CHECK(temp.provider_code == "smtp 451");
  auto rejected = channel.Send(Reply("reject@example.test", "reply-3"));
  CHECK(rejected.outcome == SendOutcome::kRejected);
  CHECK(rejected.provider_code == "smtp 550");
  auto content = channel.Send(Reply("datareject@example.test", "reply-4"));
  CHECK(content.outcome == SendOutcome::kRejected);
  CHECK(content.provider_code == "smtp 554");
  CHECK(Stored(dir) == 2);

  // AUTH: a wrong password is a config error, the right one goes through.
  ScriptedServer auth_sink(kScript,
                           {"--auth", "motcua", "s3cret", auth_dir, std::to_string(ports[1])},
                           tmp.File("auth-sink.err"));
  REQUIRE_MESSAGE(auth_sink.WaitReady(20s), ReadFile(tmp.File("auth-sink.err")));
  auto auth_config = Config(ports[1]);
  auth_config.server.username = "motcua";
  auth_config.server.password = "wrong";
  auto denied = email::EmailChannel(auth_config, clock).Send(Reply("a@example.test", "r-5"));
  CHECK(denied.outcome == SendOutcome::kMalformed);
  CHECK(denied.provider_code == "smtp 535");
  auth_config.server.username.clear();
  auto anonymous = email::EmailChannel(auth_config, clock).Send(Reply("a@example.test", "r-6"));
  CHECK(anonymous.outcome == SendOutcome::kMalformed);
  CHECK(anonymous.provider_code == "smtp 530");
  auth_config.server.username = "motcua";
  auth_config.server.password = "s3cret";
  auto authed = email::EmailChannel(auth_config, clock).Send(Reply("a@example.test", "r-7"));
  CHECK_MESSAGE(authed.outcome == SendOutcome::kAccepted, authed.detail);
  CHECK(WaitFor([&] { return Stored(auth_dir) == 1; }, 5s));
  CHECK(log_sink.text().find("s3cret") == std::string::npos);
  CHECK(auth_sink.Stop(auth_dir, 15s));

  // STARTTLS required against a server that does not offer it: a config error.
  auto tls_config = Config(ports[0]);
  tls_config.server.require_starttls = true;
  auto no_tls = email::EmailChannel(tls_config, clock).Send(Reply("a@example.test", "r-8"));
  CHECK(no_tls.outcome == SendOutcome::kMalformed);
  CHECK(no_tls.provider_code == "starttls_unavailable");
  CHECK(no_tls.detail.find("STARTTLS") != std::string::npos);

  // The sink down: retry later.
  REQUIRE(sink.Stop(dir, 15s));
  auto down = channel.Send(Reply("nguyen.van.a@example.test", "reply-9"));
  CHECK(down.outcome == SendOutcome::kRetryable);
  CHECK(down.provider_code == "connect_failed");
  CHECK(log_sink.text().find("e-mail not accepted by smtp server") != std::string::npos);
}

}  // namespace gw::testing
