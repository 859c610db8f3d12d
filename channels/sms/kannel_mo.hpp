// The Kannel adapter, inbound: MO messages from smsbox's sms-service get-url and delivery
// reports from the dlr-url, both parsed from the query string Kannel calls us with.
//
// kannel.conf, one sms-service for every MO (the gateway answers with its own sendsms calls,
// so the get-url reply must not become an SMS: max-messages = 0):
//
// clang-format off
//   group = sms-service
//   keyword = default
//   catch-all = true
//   max-messages = 0
//   get-url = "http://GATEWAY:PORT/webhooks/kannel/mo?secret=SECRET&id=%I&from=%p&to=%P&smsc=%i&ts=%T&coding=%c&charset=%C&text=%b"
// clang-format on
//
// %b (the message bytes) rather than %a: %a re-joins the words with single spaces, which
// corrupts UTF-16 text whose code units contain the byte 0x20 (U+2013 is 0x20 0x13). With
// `mo-recode = true` in the smsbox group Kannel sends UCS-2 as UTF-8 (coding=0, charset=UTF-8);
// both forms are decoded. Kannel keeps %I across get-url retries, so it is the dedup key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "channels/common/webhook_guard.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace gw::channels::sms {

// The query of the get-url above, after "?": the contract with kannel.conf.
inline constexpr std::string_view kKannelMoQueryTemplate =
    "secret=SECRET&id=%I&from=%p&to=%P&smsc=%i&ts=%T&coding=%c&charset=%C&text=%b";

// One call of a Kannel webhook, as the HTTP layer saw it.
struct KannelWebhookCall {
  std::string_view query;  // the raw query string, without '?', still %-encoded
  std::string_view remote_addr;
  core::TimePoint received_at;
};

// Checks the caller (kForbidden: address not allowed; kUnauthorized: secret) and parses an MO
// into an InboundMessage: sender in E.164, text decoded from UTF-8, UTF-16BE or Latin-1 per
// %C/%c, Kannel's %I as provider_message_id, and as raw_payload the query exactly as received
// minus its secret parameter (a credential, not message data). Unknown or repeated parameters,
// an empty or undecodable text and 8-bit binary messages are kInvalidArgument errors naming
// the parameter, given only to a caller that passed the checks.
core::Result<core::InboundMessage> ParseKannelMo(const KannelWebhookCall& call,
                                                 const common::WebhookGuard& guard);

// What one delivery report says (Kannel's %d: one bit per report).
enum class DeliveryState {
  kDelivered = 1,     // the handset has it
  kFailed = 2,        // undeliverable
  kBuffered = 4,      // queued at the SMSC (Kannel only reports it when asked: 27 does not)
  kSmscAccepted = 8,  // the SMSC took it
  kSmscRejected = 16  // the SMSC refused it
};

struct DeliveryReport {
  std::string delivery_id;  // ours: the idempotency key the MT was sent with
  DeliveryState state = DeliveryState::kSmscAccepted;
  std::string smsc_id;      // %i
  std::string smsc_detail;  // %A, the SMSC's answer ("ACK/", "id:.. stat:DELIVRD err:000")
  std::optional<core::TimePoint> reported_at;  // %T
  std::string raw_query;                       // as received, minus the secret
};

// "delivered", "failed", "buffered", "smsc_accepted", "smsc_rejected".
std::string_view DeliveryStateName(DeliveryState state);
// Delivered, failed and SMSC-rejected are final; the others may be followed by more reports.
bool IsFinal(DeliveryState state);

// Checks the caller like ParseKannelMo and parses a report from the dlr-url that
// KannelChannel builds (BuildDlrUrl).
core::Result<DeliveryReport> ParseKannelDlr(const KannelWebhookCall& call,
                                            const common::WebhookGuard& guard);

}  // namespace gw::channels::sms
