// The whole gateway config: one JSON file with ${ENV} substitution, parsed into typed structs,
// each section by the module that owns it. Every error is reported with its path.
#pragma once

#include <string>
#include <vector>

#include "channels/registry.hpp"
#include "core/log.hpp"
#include "core/result.hpp"
#include "dialogs/menu.hpp"
#include "gateway/http/http_config.hpp"
#include "gateway/store/store_config.hpp"

namespace gw::gateway {

struct GatewayConfig {
  std::string node_name = "caunoi-1";
  dialogs::AgencyContact agency;
  std::string agency_code;  // e.g. "000.00.12.H29"
  http::HttpConfig http;
  store::StoreConfig store;
  core::LogLevel log_level = core::LogLevel::kInfo;
  std::string default_locale = "vi";
  bool web_chat = true;  // serve the citizen web chat page at /
  channels::ChannelsConfig channels;
};

// All errors at once, one "path: reason" per line in Error::message.
core::Result<GatewayConfig> ParseGatewayConfig(const nlohmann::json& json);
core::Result<GatewayConfig> LoadGatewayConfig(const std::string& path);

}  // namespace gw::gateway
