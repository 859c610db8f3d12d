// Recipient and text checks shared by the SMS adapters.
#include "channels/sms/sms_outbound.hpp"

#include <fmt/format.h>

namespace gw::channels::sms {
namespace {

core::SendResult Refuse(core::SendOutcome outcome, std::string detail, std::string safe_text) {
  core::SendResult r;
  r.outcome = outcome;
  r.detail = std::move(detail);
  r.safe_text = std::move(safe_text);
  return r;
}

}  // namespace

std::variant<PreparedSms, core::SendResult> PrepareSms(const core::OutboundMessage& message,
                                                       const SmsLimits& limits) {
  using core::SendOutcome;
  if (message.to.channel != core::ChannelKind::kSms) {
    return Refuse(SendOutcome::kMalformed,
                  fmt::format("contact of channel {} given to the SMS adapter",
                              core::ChannelName(message.to.channel)),
                  "wrong channel");
  }
  auto e164 = ToE164(message.to.address);
  if (!e164) {
    return Refuse(SendOutcome::kRejected, "recipient is not a phone number",
                  "not a valid phone number");
  }
  if (!IsValidUtf8(message.text)) {
    return Refuse(SendOutcome::kMalformed, "text is not valid UTF-8", "invalid text");
  }
  PreparedSms out;
  out.to = FormatNumber(*e164, limits.number_format);
  out.text = limits.fold_diacritics ? FoldVietnamese(message.text) : message.text;
  auto segments = CountSegments(out.text);
  if (!segments) {
    return Refuse(SendOutcome::kMalformed, "text is not valid UTF-8", "invalid text");
  }
  if (segments->parts == 0) return Refuse(SendOutcome::kMalformed, "text is empty", "empty text");
  if (segments->parts > limits.max_parts) {
    return Refuse(
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
