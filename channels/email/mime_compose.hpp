// Building outgoing e-mail with GMime: RFC 2047 subject, text/plain (with an optional HTML
// alternative), attachments, and the threading headers mail clients group replies by.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace gw::channels::email {

struct OutgoingAttachment {
  std::string filename;      // UTF-8; written RFC 2231-encoded when not ASCII
  std::string content_type;  // "application/pdf"
  std::string bytes;
};

// One message as it will be written. Message ids are given without angle brackets.
struct OutgoingMail {
  std::string from_address;
  std::string from_name;  // UTF-8, may be empty
  std::string to_address;
  std::string subject;  // UTF-8, one line
  std::string text;     // UTF-8; the text/plain part, always present
  std::string html;     // UTF-8; when non-empty, sent as a multipart/alternative with `text`
  std::string message_id;
  std::string in_reply_to;              // empty: not a reply
  std::vector<std::string> references;  // oldest first; the parent's id last
  std::vector<OutgoingAttachment> attachments;
  core::TimePoint date;
};

// The message as bytes with CRLF line ends, ready for SMTP DATA (not dot-stuffed). Errors
// (kInvalidArgument) for text that is not UTF-8, an attachment type that is not "type/subtype",
// or an id that cannot go in a header.
core::Result<std::string> ComposeMime(const OutgoingMail& mail);

// "<32 hex digits of SHA-256(key)>@<domain of from_address>", so a retry of the same message
// carries the same Message-ID (and receiving servers can drop the duplicate).
std::string MessageIdFor(std::string_view idempotency_key, std::string_view from_address);

// "<a@b>" and " a@b " both give "a@b".
std::string BareMessageId(std::string_view id);

}  // namespace gw::channels::email
