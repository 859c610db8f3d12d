// The whole gateway config: one JSON file with ${ENV} substitution, parsed into typed structs,
// each section by the module that owns it. Every error is reported with its path.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "backends/backend_config.hpp"
#include "channels/registry.hpp"
#include "core/log.hpp"
#include "core/result.hpp"
#include "gateway/delivery/delivery_config.hpp"
#include "gateway/http/http_config.hpp"
#include "gateway/inbox/inbox_config.hpp"
#include "gateway/store/store_config.hpp"

namespace gw::gateway {

// Status pushes from one-stop backends (Standard Webhooks).
struct NotificationsConfig {
  bool enabled = false;
  std::vector<std::string> secrets;     // "whsec_<base64>"; several while one rotates
  std::chrono::seconds tolerance{300};  // replay window
  delivery::DeliveryConfig delivery;    // how notices reach citizens (and queued replies)
};

// Facts about the agency that the bot tells citizens (how to reach an officer).
struct AgencyContact {
  std::string agency_name;  // "UBND phường Bến Thành"
  std::string hotline;      // "1900 1234"
  std::string hours;        // "7:30–17:00, thứ Hai đến thứ Sáu"
  std::string address;      // where the one-stop desk is
};

struct GatewayConfig {
  std::string node_name = "caunoi-1";
  AgencyContact agency;
  std::string agency_code;  // e.g. "000.00.12.H29"
  http::HttpConfig http;
  store::StoreConfig store;
  core::LogLevel log_level = core::LogLevel::kInfo;
  std::string default_locale = "vi";
  bool web_chat = true;  // serve the citizen web chat page at /
  // Where trained NLU models are cached ("" = next to the SQLite database, in nlu-cache/).
  std::string nlu_cache_dir;
  std::chrono::milliseconds dialog_idle_timeout{std::chrono::minutes(30)};
  int officer_wait_minutes = 30;  // told to citizens handed to an officer
  int complaint_days = 10;        // working days to answer a complaint
  channels::ChannelsConfig channels;
  NotificationsConfig notifications;
  inbox::InboxConfig inbox;  // the officer inbox at /inbox
  // One-stop backends by id, and the one dossier requests go to until the route table decides.
  std::vector<backends::BackendConfig> backends;
  std::string default_backend;
  // The built-in one-stop simulator, run in-process (the demo; never in production).
  bool simulator_enabled = false;
  std::chrono::milliseconds simulator_tick{std::chrono::seconds(5)};
};

// All errors at once, one "path: reason" per line in Error::message.
core::Result<GatewayConfig> ParseGatewayConfig(const nlohmann::json& json);
core::Result<GatewayConfig> LoadGatewayConfig(const std::string& path);

}  // namespace gw::gateway
