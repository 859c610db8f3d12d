// Outbound e-mail through an SMTP server.
#include "channels/email/email_channel.hpp"

#include <fmt/format.h>

#include "core/mask.hpp"

namespace gw::channels::email {

using core::Refusal;

std::variant<PreparedEmail, core::SendResult> PrepareEmail(const SmtpConfig& config,
                                                           const core::OutboundMessage& message,
                                                           const EmailExtras& extras,
                                                           core::TimePoint now) {
  using core::SendOutcome;
  if (message.to.channel != core::ChannelKind::kEmail) {
    return Refusal(SendOutcome::kMalformed,
                   fmt::format("contact of channel {} given to the e-mail adapter",
                               core::ChannelName(message.to.channel)),
                   "wrong channel");
  }
  if (!IsPlainAddress(message.to.address)) {
    return Refusal(SendOutcome::kRejected, "recipient is not a plain e-mail address",
                   "not a valid e-mail address");
  }
  if (message.idempotency_key.empty()) {
    return Refusal(SendOutcome::kMalformed,
                   "no idempotency key: the Message-ID would differ on a retry", "internal error");
  }
  PreparedEmail out;
  OutgoingMail& m = out.mail;
  m.from_address = config.from_address;
  m.from_name = config.from_name;
  m.to_address = message.to.address;
  m.subject = message.subject;
  m.text = message.text;
  m.html = extras.html;
  m.attachments = extras.attachments;
  m.message_id = MessageIdFor(message.idempotency_key, config.from_address);
  m.in_reply_to = BareMessageId(message.in_reply_to);
  for (const auto& r : extras.references) m.references.push_back(BareMessageId(r));
  if (m.references.empty() && !m.in_reply_to.empty()) m.references.push_back(m.in_reply_to);
  m.date = now;
  auto data = ComposeMime(m);
  if (!data.ok()) {
    return Refusal(SendOutcome::kMalformed, "message not composed: " + data.error().message,
                   "invalid message");
  }
  out.smtp.mail_from = config.from_address;
  out.smtp.recipients = {message.to.address};
  out.smtp.data = std::move(*data);
  return out;
}

core::SendResult MapSmtpResult(const net::SmtpResult& result) {
  using core::SendOutcome;
  using net::MailError;
  using net::SmtpStage;
  core::SendResult out;
  // The SMTP code when the server's answer decided; else what went wrong on the way.
  bool answered = result.error == MailError::kNone || result.error == MailError::kServerRefused ||
                  result.error == MailError::kLoginDenied;
  out.provider_code = answered && result.code > 0 ? fmt::format("smtp {}", result.code)
                                                  : std::string(net::MailErrorName(result.error));
  out.detail = result.detail;
  switch (result.error) {
    case MailError::kNone:
      out.outcome = SendOutcome::kAccepted;
      return out;
    case MailError::kLoginDenied:
      out.outcome = SendOutcome::kMalformed;
      out.detail += "; check channels.email.smtp.username/password";
      out.safe_text = "mail server refused our credentials";
      return out;
    case MailError::kNoStartTls:
      out.outcome = SendOutcome::kMalformed;
      out.detail += "; the server does not offer STARTTLS (channels.email.smtp.starttls)";
      out.safe_text = "mail server does not offer encryption";
      return out;
    case MailError::kBadUrl:
      out.outcome = SendOutcome::kMalformed;
      out.safe_text = "mail server URL is misconfigured";
      return out;
    case MailError::kServerRefused:
      break;
    default:  // connect, timeout, DNS, network, TLS, other
      out.outcome = SendOutcome::kRetryable;
      out.safe_text = "mail server unreachable, will retry";
      return out;
  }
  if (result.code >= 400 && result.code < 500) {
    out.outcome = SendOutcome::kRetryable;
    out.safe_text = "mail server busy, will retry";
  } else if (result.code == 530 || result.stage == SmtpStage::kMailFrom) {
    out.outcome = SendOutcome::kMalformed;
    out.detail += result.code == 530 ? "; the server requires AUTH (channels.email.smtp.username)"
                                     : "; the server refused our sender address";
    out.safe_text = "mail server refused our sender";
  } else if (result.code >= 500 &&
             (result.stage == SmtpStage::kRcptTo || result.stage == SmtpStage::kData)) {
    out.outcome = SendOutcome::kRejected;
    out.safe_text = result.stage == SmtpStage::kRcptTo ? "recipient address refused"
                                                       : "mail server refused the message";
  } else {
    out.outcome = SendOutcome::kRetryable;
    out.safe_text = "mail server answered unexpectedly, will retry";
  }
  return out;
}

EmailChannel::EmailChannel(SmtpConfig config, const core::Clock& clock)
    : config_(std::move(config)), clock_(clock) {}

core::SendResult EmailChannel::Send(const core::OutboundMessage& message) {
  return SendEmail(message, {});
}

core::SendResult EmailChannel::SendEmail(const core::OutboundMessage& message,
                                         const EmailExtras& extras) {
  auto prepared = PrepareEmail(config_, message, extras, clock_.Now());
  if (auto* refusal = std::get_if<core::SendResult>(&prepared)) {
    log_.Warn("e-mail refused before sending", {{"to", core::MaskEmail(message.to.address)},
                                                {"outcome", "refused"},
                                                {"detail", refusal->detail}});
    return *refusal;
  }
  const auto& p = std::get<PreparedEmail>(prepared);
  core::SendResult out = MapSmtpResult(net::SendSmtp(config_.server, p.smtp));
  if (out.outcome == core::SendOutcome::kAccepted) {
    out.provider_message_id = p.mail.message_id;
    log_.Info("e-mail accepted by smtp server",
              {{"to", core::MaskEmail(message.to.address)},
               {"message_id", p.mail.message_id},
               {"bytes", std::to_string(p.smtp.data.size())},
               {"attachments", std::to_string(p.mail.attachments.size())}});
  } else {
    log_.Warn("e-mail not accepted by smtp server", {{"to", core::MaskEmail(message.to.address)},
                                                     {"message_id", p.mail.message_id},
                                                     {"code", out.provider_code},
                                                     {"detail", out.detail}});
  }
  return out;
}

}  // namespace gw::channels::email
