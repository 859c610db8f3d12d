// Recipient and text checks shared by the SMS adapters.
#include "channels/sms/sms_outbound.hpp"

#include <fmt/format.h>

namespace gw::channels::sms {

using core::Refusal;

std::variant<PreparedSms, core::SendResult> PrepareSms(const core::OutboundMessage& message,
                                                       const SmsLimits& limits) {
  using core::SendOutcome;
  if (message.to.channel != core::ChannelKind::kSms) {
    return Refusal(SendOutcome::kMalformed,
                   fmt::format("contact of channel {} given to the SMS adapter",
                               core::ChannelName(message.to.channel)),
                   "wrong channel");
  }
  auto e164 = ToE164(message.to.address);
  if (!e164) {
    return Refusal(SendOutcome::kRejected, "recipient is not a phone number",
                   "not a valid phone number");
  }
  if (!IsValidUtf8(message.text)) {
    return Refusal(SendOutcome::kMalformed, "text is not valid UTF-8", "invalid text");
  }
  PreparedSms out;
  out.to = FormatNumber(*e164, limits.number_format);
  out.text = limits.fold_diacritics ? FoldVietnamese(message.text) : message.text;
  auto segments = CountSegments(out.text);
  if (!segments) {
    return Refusal(SendOutcome::kMalformed, "text is not valid UTF-8", "invalid text");
  }
  if (segments->parts == 0) return Refusal(SendOutcome::kMalformed, "text is empty", "empty text");
  if (segments->parts > limits.max_parts) {
    return Refusal(
        SendOutcome::kRejected,
        fmt::format("text needs {} SMS parts ({}, {} {}), more than {} allows ({}); refused "
                    "rather than cut",
                    segments->parts, segments->coding == SmsCoding::kGsm7 ? "GSM-7" : "UCS-2",
                    segments->units,
                    segments->coding == SmsCoding::kGsm7 ? "septets" : "UTF-16 units",
                    limits.max_parts_setting, limits.max_parts),
        "message too long for SMS");
  }
  out.segments = *segments;
  return out;
}

}  // namespace gw::channels::sms
