// What every SMS adapter checks before it calls its provider: the recipient as a phone number in
// the provider's format, and the text (folded if configured) within the allowed parts. A message
// that does not fit is refused here, never cut.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "channels/sms/sms_address.hpp"
#include "channels/sms/sms_text.hpp"
#include "core/channel.hpp"

namespace gw::channels::sms {

struct PreparedSms {
  std::string to;    // in the provider's number format
  std::string text;  // as it goes on the wire (folded when configured)
  SmsSegments segments;
};

struct SmsLimits {
  bool fold_diacritics = false;
  int max_parts = 1;
  std::string_view max_parts_setting;  // config path named in the refusal
  NumberFormat number_format = NumberFormat::kE164;
};

// The prepared message, or the refusal: kMalformed for what the caller built wrong (another
// channel's contact, empty or invalid UTF-8 text), kRejected for a recipient that is not a phone
// number or a text needing more parts than allowed.
std::variant<PreparedSms, core::SendResult> PrepareSms(const core::OutboundMessage& message,
                                                       const SmsLimits& limits);

}  // namespace gw::channels::sms
