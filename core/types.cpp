// Channel names on the wire and in config.
#include "core/types.hpp"

namespace gw::core {

std::string_view ChannelName(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::kSms:
      return "sms";
    case ChannelKind::kZalo:
      return "zalo";
    case ChannelKind::kEmail:
      return "email";
    case ChannelKind::kApp:
      return "app";
    case ChannelKind::kIvr:
      return "ivr";
  }
  return "app";
}

std::optional<ChannelKind> ParseChannel(std::string_view name) {
  for (ChannelKind k : kAllChannels) {
    if (ChannelName(k) == name) return k;
  }
  return std::nullopt;
}

}  // namespace gw::core
