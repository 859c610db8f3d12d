// Config of the SMS channel (channels.sms): a Kannel gateway, a brandname provider over HTTP, or
// both (MO through the agency's short code on Kannel, MT under the brandname), and which sends.
#pragma once

#include <optional>

#include "channels/sms/http_sms_config.hpp"
#include "channels/sms/kannel_config.hpp"
#include "core/config_reader.hpp"

namespace gw::channels::sms {

enum class SmsSender { kKannel, kHttp };

struct SmsConfig {
  bool enabled = false;
  std::optional<KannelConfig> kannel;  // channels.sms.kannel; also serves /webhooks/kannel/*
  std::optional<HttpSmsConfig> http;   // channels.sms.http
  // Which adapter sends MT ("send_via"); required only when both are configured.
  SmsSender send_via = SmsSender::kKannel;
};

SmsConfig ParseSmsConfig(core::ConfigNode& node);

}  // namespace gw::channels::sms
