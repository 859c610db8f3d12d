// Tests of the outbound e-mail path without a server: what PrepareEmail builds or refuses, and
// how SMTP results map onto the Channel outcomes.
#include "channels/email/email_channel.hpp"

#include <doctest/doctest.h>

#include "channels/email/mime_parse.hpp"

namespace email = gw::channels::email;
namespace net = gw::net;
using gw::core::SendOutcome;

namespace {

email::SmtpConfig Config() {
  email::SmtpConfig c;
  c.server.url = "smtp://127.0.0.1:2525";
  c.from_address = "motcua@phuong.gov.vn";
  c.from_name = "UBND Phường";
  return c;
}

gw::core::OutboundMessage Message() {
  gw::core::OutboundMessage m;
  m.to = {gw::core::ChannelKind::kEmail, "nguyen.van.a@example.vn"};
  m.subject = "Re: Hỏi hồ sơ";
  m.text = "Hồ sơ của ông đang được xử lý.";
  m.idempotency_key = "reply-7";
  m.in_reply_to = "<citizen-1@example.vn>";
  return m;
}

}  // namespace

TEST_CASE("PrepareEmail builds a threaded reply with a stable Message-ID") {
  auto now = gw::core::TimePoint(std::chrono::seconds(1795400000));
  auto p = email::PrepareEmail(Config(), Message(), {}, now);
  REQUIRE(std::holds_alternative<email::PreparedEmail>(p));
  const auto& prepared = std::get<email::PreparedEmail>(p);
  CHECK(prepared.mail.message_id == email::MessageIdFor("reply-7", "motcua@phuong.gov.vn"));
  CHECK(prepared.smtp.mail_from == "motcua@phuong.gov.vn");
  CHECK(prepared.smtp.recipients == std::vector<std::string>{"nguyen.van.a@example.vn"});
  auto again = email::PrepareEmail(Config(), Message(), {}, now + std::chrono::minutes(5));
  CHECK(std::get<email::PreparedEmail>(again).mail.message_id == prepared.mail.message_id);

  auto parsed = email::ParseMail(prepared.smtp.data, {});
  REQUIRE(parsed.ok());
  CHECK(parsed->in_reply_to == "citizen-1@example.vn");
  CHECK(parsed->references == std::vector<std::string>{"citizen-1@example.vn"});
  CHECK(parsed->subject == "Re: Hỏi hồ sơ");

  email::EmailExtras extras;
  extras.references = {"<start@example.vn>", "citizen-1@example.vn"};
  auto with_refs = email::PrepareEmail(Config(), Message(), extras, now);
  auto parsed_refs = email::ParseMail(std::get<email::PreparedEmail>(with_refs).smtp.data, {});
  REQUIRE(parsed_refs.ok());
  CHECK(parsed_refs->references ==
        std::vector<std::string>{"start@example.vn", "citizen-1@example.vn"});
}

TEST_CASE("PrepareEmail refusals") {
  auto m = Message();
  SendOutcome expected = SendOutcome::kMalformed;
  SUBCASE("another channel's contact") {
    m.to.channel = gw::core::ChannelKind::kSms;
  }
  SUBCASE("no idempotency key") {
    m.idempotency_key.clear();
  }
  SUBCASE("text that is not UTF-8") {
    m.text = "\xc3";
  }
  SUBCASE("a recipient that is not a plain address") {
    m.to.address = "a@b.vn\r\nRCPT TO:<x@y.vn>";
    expected = SendOutcome::kRejected;
  }
  auto p = email::PrepareEmail(Config(), m, {}, {});
  REQUIRE(std::holds_alternative<gw::core::SendResult>(p));
  CHECK(std::get<gw::core::SendResult>(p).outcome == expected);
}

TEST_CASE("SMTP results map onto Channel outcomes") {
  using net::MailError;
  using net::SmtpStage;
  struct Case {
    MailError error;
    int code;
    SmtpStage stage;
    SendOutcome outcome;
    const char* provider_code;
  };
  const Case cases[] = {
      {MailError::kNone, 250, SmtpStage::kNone, SendOutcome::kAccepted, "smtp 250"},
      {MailError::kConnect, 0, SmtpStage::kConnect, SendOutcome::kRetryable, "connect_failed"},
      {MailError::kTimeout, 0, SmtpStage::kConnect, SendOutcome::kRetryable, "timeout"},
      {MailError::kTls, 0, SmtpStage::kConnect, SendOutcome::kRetryable, "tls_error"},
      {MailError::kServerRefused, 451, SmtpStage::kRcptTo, SendOutcome::kRetryable, "smtp 451"},
      {MailError::kServerRefused, 421, SmtpStage::kConnect, SendOutcome::kRetryable, "smtp 421"},
      {MailError::kServerRefused, 452, SmtpStage::kData, SendOutcome::kRetryable, "smtp 452"},
      {MailError::kServerRefused, 550, SmtpStage::kRcptTo, SendOutcome::kRejected, "smtp 550"},
      {MailError::kServerRefused, 553, SmtpStage::kRcptTo, SendOutcome::kRejected, "smtp 553"},
      {MailError::kServerRefused, 552, SmtpStage::kData, SendOutcome::kRejected, "smtp 552"},
      {MailError::kServerRefused, 553, SmtpStage::kMailFrom, SendOutcome::kMalformed, "smtp 553"},
      {MailError::kServerRefused, 530, SmtpStage::kMailFrom, SendOutcome::kMalformed, "smtp 530"},
      {MailError::kLoginDenied, 535, SmtpStage::kAuth, SendOutcome::kMalformed, "smtp 535"},
      {MailError::kNoStartTls, 0, SmtpStage::kConnect, SendOutcome::kMalformed,
       "starttls_unavailable"},
      {MailError::kBadUrl, 0, SmtpStage::kConnect, SendOutcome::kMalformed, "bad_url"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.provider_code);
    CAPTURE(static_cast<int>(c.stage));
    auto r = email::MapSmtpResult({c.error, c.code, c.stage, "curl: detail"});
    CHECK(r.outcome == c.outcome);
    CHECK(r.provider_code == c.provider_code);
    if (c.outcome != SendOutcome::kAccepted) CHECK_FALSE(r.safe_text.empty());
  }
}
