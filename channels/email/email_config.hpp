// Config of the e-mail channel (channels.email): the SMTP server replies leave through, the IMAP
// mailbox citizens write to, and which attachments are kept.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config_reader.hpp"
#include "net/mail_transport.hpp"

namespace gw::channels::email {

struct SmtpConfig {
  // url (smtp://host:port or smtps://host:port), starttls ("required" | "none", for smtp://
  // only: "none" sends in clear text and is meant for loopback test servers), username,
  // password (from ${ENV}), ca_file, connect_timeout, timeout.
  net::MailServer server;
  std::string from_address;  // required; its domain names our Message-IDs
  std::string from_name;     // shown by mail clients, UTF-8
};

struct ImapConfig {
  net::MailServer server;  // imap:// or imaps://; username and password required
  std::string mailbox = "INBOX";
  std::chrono::milliseconds poll_interval{60000};
  // A message larger than this is not fetched whole: it is skipped as malformed (see the poller).
  std::size_t max_message_bytes = 32u << 20;
};

struct AttachmentPolicy {
  std::size_t max_bytes = 10u << 20;  // each attachment, decoded
  // "type/subtype" or "type/*", lower case.
  std::vector<std::string> allowed_types = {"application/pdf", "image/jpeg", "image/png"};

  bool Allows(std::string_view content_type) const;
};

struct EmailConfig {
  bool enabled = false;
  std::optional<SmtpConfig> smtp;  // channels.email.smtp: outbound
  std::optional<ImapConfig> imap;  // channels.email.imap: inbound
  AttachmentPolicy attachments;    // channels.email.attachments
};

EmailConfig ParseEmailConfig(core::ConfigNode& node);

// "user@example.gov.vn" shaped: one '@', something on each side, ASCII without spaces, control
// characters or <>()[],;:\" (we do not send to or from quoted or SMTPUTF8 local parts).
bool IsPlainAddress(std::string_view address);

}  // namespace gw::channels::email
