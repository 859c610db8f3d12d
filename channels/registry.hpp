// The table of channel adapters: kind, config parser (and, as adapters gain outbound sending,
// their factory). An unknown kind in config is an error, never a silent fallback.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "channels/app/app_config.hpp"
#include "channels/email/email_config.hpp"
#include "channels/sms/sms_config.hpp"
#include "core/config_reader.hpp"

namespace gw::channels {

// The parsed "channels" section: one typed config per adapter kind.
struct ChannelsConfig {
  app::AppConfig app;
  sms::SmsConfig sms;
  email::EmailConfig email;
  std::vector<std::string> configured;  // kinds present in the config, in file order
};

// Parses the "channels" object: each key must be a known kind.
ChannelsConfig ParseChannelsConfig(core::ConfigNode& node);

// The kinds the registry knows, for help texts and errors.
std::vector<std::string_view> KnownChannelKinds();

}  // namespace gw::channels
