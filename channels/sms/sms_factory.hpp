// Builds the SMS channel's sending adapter from its config (the registry's factory for "sms").
#pragma once

#include <memory>

#include "channels/sms/sms_config.hpp"
#include "core/channel.hpp"
#include "core/clock.hpp"

namespace gw::channels::sms {

// The adapter named by send_via; nullptr when the channel is disabled. The clock is borrowed
// and must outlive the channel.
std::unique_ptr<core::Channel> MakeSmsChannel(const SmsConfig& config, const core::Clock& clock);

}  // namespace gw::channels::sms
