// The Channel port: how the notifier and the officer inbox send to a citizen on one channel.
//
// Inbound traffic does not go through this interface: each adapter turns what its provider
// delivers (a webhook, a polled mailbox, a call) into core::InboundMessage and hands it to intake.
//
// Keywords MUST, SHOULD and MAY as in RFC 2119.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/types.hpp"

namespace gw::core {

// An outbound message for one contact on one channel.
struct OutboundMessage {
  Contact to;
  std::string subject;  // e-mail only
  std::string text;
  std::optional<Rejection> rejection;  // when this message refuses something
  std::vector<ReplyOption> options;
  // Stable across retries of the same message on the same channel; the adapter MUST pass it to a
  // provider that deduplicates (header, request id, Message-ID).
  std::string idempotency_key;
  std::string in_reply_to;  // the provider id of the message answered, when threading applies
};

// What happened to one send attempt. The notifier alone decides retries and fallback from it.
enum class SendOutcome {
  kAccepted,   // the provider took it; a receipt may follow
  kRetryable,  // timeout, connection refused, 5xx, 429: try again later
  kRejected,   // the provider said no for this recipient or content: do not retry here
  kMalformed,  // we built something the provider cannot take: a bug or config error
  kExpired,    // too old to be worth sending any more
};

struct SendResult {
  SendOutcome outcome = SendOutcome::kRetryable;
  std::string provider_message_id;                       // when accepted
  std::string provider_code;                             // the provider's own status or error code
  std::string detail;                                    // for logs; may be long, no personal data
  std::string safe_text;                                 // short, safe to show an officer
  std::optional<std::chrono::milliseconds> retry_after;  // when the provider said so
};

// A send that did not leave (or was refused), as adapters report it.
inline SendResult Refusal(SendOutcome outcome, std::string detail, std::string safe_text) {
  SendResult r;
  r.outcome = outcome;
  r.detail = std::move(detail);
  r.safe_text = std::move(safe_text);
  return r;
}

class Channel {
 public:
  virtual ~Channel() = default;

  virtual ChannelKind kind() const = 0;

  // Sends one message. MAY block up to the adapter's configured timeout; MUST be safe to call
  // from several notifier worker threads at once; MUST NOT throw (errors are outcomes); MUST NOT
  // retry by itself (the notifier owns retries). The message is borrowed for the call only.
  virtual SendResult Send(const OutboundMessage& message) = 0;
};

}  // namespace gw::core
