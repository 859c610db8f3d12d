// The Kannel SMS adapter, outbound: one GET /cgi-bin/sendsms per message to smsbox.
//
// - Text is sent with charset=UTF-8 and coding=2 (UCS-2) when it needs characters outside
//   GSM-7, else coding=0: Kannel does not choose UCS-2 by itself, and 7-bit drops every
//   character GSM-7 lacks ("Xin chào ??ng bào").
// - Long text goes as one request; smsbox splits and concatenates it (sendsms-user
//   `concatenation = true`). Kannel 1.4.5 has no per-request max-messages: the sendsms-user's
//   `max-messages` applies and Kannel silently cuts after it. So we count the parts ourselves
//   and refuse (kRejected) a text needing more than config.max_messages; keep that value at or
//   below the sendsms-user's.
// - dlr-mask=27 (delivered, failed, SMSC ack, SMSC nack) and a dlr-url carrying OUR delivery id
//   (the message's idempotency key): Kannel's own %I differs between the reports of one message.
//   Kannel reports on the first part of a long message only.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "channels/common/provider_http.hpp"
#include "channels/sms/kannel_config.hpp"
#include "channels/sms/sms_outbound.hpp"
#include "core/channel.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"

namespace gw::channels::sms {

inline constexpr int kKannelDlrMask = 1 + 2 + 8 + 16;

struct SendSmsCall {
  std::string url;  // the full sendsms URL; it carries the password, so never log it
  PreparedSms sms;
};

// The dlr-url for one delivery: dlr_url + "?secret=..&id=<id>&status=%d&smsc=%i&answer=%A&ts=%T".
// The id is percent-encoded and each '%' doubled, because Kannel expands %x in the URL and
// writes "%%" as "%".
std::string BuildDlrUrl(const KannelConfig& config, std::string_view delivery_id);

// Builds the sendsms call for a message, or the refusal when it cannot go (see PrepareSms; an
// empty idempotency key is kMalformed when delivery reports are configured). No I/O.
std::variant<SendSmsCall, core::SendResult> PrepareSendSms(const KannelConfig& config,
                                                           const core::OutboundMessage& message);

// smsbox's answers: 202 "0: Accepted for delivery" / "3: Queued for later delivery" / "Sent."
// -> kAccepted; 400 (a field we built is missing or misformed) and 401/403 "Authorization
// failed" (credentials) -> kMalformed; other 4xx ("Not routable", black/white lists) ->
// kRejected; 5xx, 429, timeouts, refused connections -> kRetryable.
core::SendResult MapSendSmsReply(const net::HttpResult& result, core::TimePoint now);

// Thread-safe (see core::Channel); blocks up to config.timeout per Send. The clock is borrowed
// and must outlive the channel.
class KannelChannel final : public core::Channel {
 public:
  KannelChannel(KannelConfig config, const core::Clock& clock);

  core::ChannelKind kind() const override { return core::ChannelKind::kSms; }
  // On kAccepted, provider_message_id is the delivery id (the idempotency key) that the
  // delivery reports will carry.
  core::SendResult Send(const core::OutboundMessage& message) override;

 private:
  const KannelConfig config_;
  const core::Clock& clock_;
  net::HttpClient http_;
  core::Logger log_{"channels.sms.kannel"};
};

}  // namespace gw::channels::sms
