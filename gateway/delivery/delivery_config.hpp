// notifications.delivery: how the dispatcher delivers notices and queued replies.
//
//   "delivery": {
//     "chain": ["zalo", "zns", "sms", "email", "app"],   // fallback order after the origin route
//     "max_age": "24h",                                  // a notice older than this expires
//     "retry": {"initial": "1s", "max_delay": "15m", "max_attempts": 8},
//     "receipt_timeout": {"sms": "30m"},                 // accepted but no receipt: next route
//     "rate_limits": {"sms": {"per_second": 30, "burst": 30}},
//     "sms": {"max_parts": 3, "fold": "if_needed"},      // never, if_needed, always
//     "batch": 256, "senders": 16
//   }
#pragma once

#include "core/config_reader.hpp"
#include "gateway/delivery/dispatcher.hpp"
#include "locales/sms_segments.hpp"

namespace gw::gateway::delivery {

struct DeliveryConfig {
  DispatcherSettings dispatcher;
  locales::SmsOptions sms;
};

DeliveryConfig ParseDeliveryConfig(core::ConfigNode& node);

}  // namespace gw::gateway::delivery
