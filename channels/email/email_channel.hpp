// The e-mail adapter, outbound: one SMTP submission per message, MIME built by GMime.
//
// - Message-ID = MessageIdFor(idempotency key, from address): a retry carries the same id, so
//   a receiving server or mail client that saw the first copy can drop the second (SMTP has no
//   idempotent submission; a timeout after DATA may have delivered).
// - Threading: In-Reply-To = the message answered (OutboundMessage::in_reply_to, the citizen's
//   Message-ID), References = EmailExtras::references or, when those are not known, that id.
// - Outcomes: connection refused or lost, timeouts, DNS, TLS and any 4xx -> kRetryable; 5xx to
//   RCPT TO (550, 551, 553...) or to the message after DATA (552 size, 554 policy) -> kRejected;
//   AUTH refused (535), AUTH required (530), our sender refused at MAIL FROM, STARTTLS missing
//   while required, a bad URL, a recipient that is not a plain address... -> kMalformed or
//   kRejected as documented on PrepareEmail and MapSmtpResult.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "channels/email/email_config.hpp"
#include "channels/email/mime_compose.hpp"
#include "core/channel.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "net/mail_transport.hpp"

namespace gw::channels::email {

// What an e-mail can carry beyond core::OutboundMessage.
struct EmailExtras {
  std::vector<std::string> references;  // the thread's ids, oldest first, without <>
  std::string html;                     // an HTML alternative (notices); empty: text only
  std::vector<OutgoingAttachment> attachments;
};

struct PreparedEmail {
  OutgoingMail mail;
  net::SmtpMessage smtp;
};

// Builds the message, or the refusal: kMalformed for what the caller built wrong (another
// channel's contact, no idempotency key, text that is not UTF-8), kRejected for a recipient
// that is not a plain address (we do not send to quoted or SMTPUTF8 local parts). No I/O.
std::variant<PreparedEmail, core::SendResult> PrepareEmail(const SmtpConfig& config,
                                                           const core::OutboundMessage& message,
                                                           const EmailExtras& extras,
                                                           core::TimePoint now);

// The SMTP exchange's result as a Channel outcome (see the file comment); provider_code is
// "smtp <code>" or the transport error's name.
core::SendResult MapSmtpResult(const net::SmtpResult& result);

// Thread-safe (see core::Channel): each Send opens its own SMTP connection and blocks up to the
// configured timeout. The clock is borrowed and must outlive the channel.
class EmailChannel final : public core::Channel {
 public:
  EmailChannel(SmtpConfig config, const core::Clock& clock);

  core::ChannelKind kind() const override { return core::ChannelKind::kEmail; }
  // On kAccepted, provider_message_id is the Message-ID without angle brackets: the id the
  // citizen's reply will name in In-Reply-To.
  core::SendResult Send(const core::OutboundMessage& message) override;
  // Send with references, an HTML alternative or attachments.
  core::SendResult SendEmail(const core::OutboundMessage& message, const EmailExtras& extras);

 private:
  const SmtpConfig config_;
  const core::Clock& clock_;
  core::Logger log_{"channels.email.smtp"};
};

}  // namespace gw::channels::email
