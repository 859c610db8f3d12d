// A citizen's e-mail as the channel hands it on: decoded, UTF-8, attachments sorted into kept and
// dropped, and the raw bytes kept for the data-message log.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/types.hpp"

namespace gw::channels::email {

struct MailAttachment {
  std::string filename;      // UTF-8, decoded; may be empty
  std::string content_type;  // lower case "type/subtype"
  std::string bytes;         // decoded content
  std::size_t size = 0;      // bytes.size()
};

struct DroppedAttachment {
  std::string filename;
  std::string content_type;
  std::size_t size = 0;  // decoded size
  std::string reason;    // "type not allowed", "larger than 10485760 bytes"
};

// A delivery status notification (RFC 3464: multipart/report; report-type=delivery-status) about
// a mail we sent: what the reporting server says happened to it.
struct MailBounce {
  std::string original_message_id;  // of the mail it reports on, without angle brackets
  std::string action;               // failed, delayed, delivered, relayed or expanded
  std::string status;               // the enhanced status code, "5.1.1"
  std::string recipient;            // Final-Recipient's address
  std::string diagnostic;           // Diagnostic-Code's text, "smtp; 550 5.1.1 ... unknown"

  // Final: the mail will not arrive (failed), or did (delivered, relayed, expanded). A delay is
  // not final: the server is still trying.
  bool failed() const { return action == "failed"; }
  bool arrived() const {
    return action == "delivered" || action == "relayed" || action == "expanded";
  }
};

struct InboundMail {
  // Ids without angle brackets.
  std::string message_id;               // empty when the mail has none
  std::string in_reply_to;              // the first id of In-Reply-To
  std::vector<std::string> references;  // oldest first
  std::string from_address;             // lower-cased domain, as written otherwise
  std::string from_name;                // decoded UTF-8
  std::string to_address;               // the first To address (our mailbox), may be empty
  std::string subject;                  // decoded UTF-8
  std::string text;                     // the new text: quotes and signature stripped, UTF-8
  std::optional<core::TimePoint> date;  // the Date header
  // Auto-Submitted (not "no"), Precedence bulk/junk/list/auto_reply, or X-Autoreply: an
  // out-of-office or list mail that the bot must not answer (mail loops).
  bool auto_submitted = false;
  // Set when the mail is a delivery status notification about one of ours; such a mail is not a
  // citizen's message.
  std::optional<MailBounce> bounce;
  std::vector<MailAttachment> attachments;
  std::vector<DroppedAttachment> dropped_attachments;
  std::string raw;  // the message exactly as fetched

  // The id intake deduplicates by: the Message-ID, or "sha256:<hex>" of the raw bytes when the
  // mail has none (so the same fetched mail still counts once).
  std::string DedupId() const;
};

// The mail as intake takes it: channel email, provider id DedupId(), sender from_address,
// receiver `mailbox` (our address), origin "imap", text, raw payload as message/rfc822, and the
// attachments: the kept ones with their bytes, then the dropped ones with their reason.
core::InboundMessage ToInboundMessage(const InboundMail& mail, std::string_view mailbox,
                                      core::TimePoint received_at);

}  // namespace gw::channels::email
