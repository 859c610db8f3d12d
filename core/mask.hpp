// Masking of personal data for logs: the one place that decides how much of a phone number,
// e-mail address, ID number or message shows, so every module masks the same way.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "core/types.hpp"

namespace gw::core {

// "+84912345678" -> "+849*****678": country and network prefix, then the last three digits.
std::string MaskPhone(std::string_view phone);
// "nguyen.van.a@gmail.com" -> "n***@gmail.com".
std::string MaskEmail(std::string_view email);
// "001099012345" -> "********2345"; also for app and Zalo user ids.
std::string MaskId(std::string_view id);
// A contact's address masked by its channel's rule.
std::string MaskAddress(ChannelKind channel, std::string_view address);

}  // namespace gw::core

// "sms:+849*****678". Never the full address.
template <>
struct fmt::formatter<gw::core::Contact> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const gw::core::Contact& c, Ctx& ctx) const {
    std::string s = std::string(gw::core::ChannelName(c.channel)) + ":" +
                    gw::core::MaskAddress(c.channel, c.address);
    return fmt::formatter<std::string_view>::format(s, ctx);
  }
};

// "app msg id=... from=app:***1234 bytes=57". Never the body.
template <>
struct fmt::formatter<gw::core::InboundMessage> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const gw::core::InboundMessage& m, Ctx& ctx) const {
    std::string s =
        fmt::format("{} msg id={} from={}:{} bytes={}", gw::core::ChannelName(m.channel),
                    m.provider_message_id.empty() ? "-" : m.provider_message_id,
                    gw::core::ChannelName(m.channel), gw::core::MaskAddress(m.channel, m.sender),
                    m.text.size());
    return fmt::formatter<std::string_view>::format(s, ctx);
  }
};
