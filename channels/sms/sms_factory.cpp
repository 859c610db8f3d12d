// The SMS channel factory.
#include "channels/sms/sms_factory.hpp"

#include "channels/sms/http_sms_channel.hpp"
#include "channels/sms/kannel_channel.hpp"

namespace gw::channels::sms {

std::unique_ptr<core::Channel> MakeSmsChannel(const SmsConfig& config, const core::Clock& clock) {
  if (!config.enabled) return nullptr;
  if (config.send_via == SmsSender::kHttp && config.http) {
    return std::make_unique<HttpSmsChannel>(*config.http, clock);
  }
  if (config.send_via == SmsSender::kKannel && config.kannel) {
    return std::make_unique<KannelChannel>(*config.kannel, clock);
  }
  return nullptr;  // ParseSmsConfig reports this case as a config error
}

}  // namespace gw::channels::sms
