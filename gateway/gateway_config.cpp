// Parsing of the top-level config.
#include "gateway/gateway_config.hpp"

#include <fmt/format.h>

#include "backends/webhook_signature.hpp"

namespace gw::gateway {

core::Result<GatewayConfig> ParseGatewayConfig(const nlohmann::json& json) {
  core::ConfigErrors errors;
  core::ConfigNode root(&json, "", &errors);
  GatewayConfig c;
  c.node_name = root.String("node_name", c.node_name);

  auto agency = root.Object("agency");
  c.agency_code = agency.String("code", "", true);
  c.agency.agency_name = agency.String("name", "", true);
  c.agency.hotline = agency.String("hotline", "", true);
  c.agency.hours = agency.String("hours", "", true);
  c.agency.address = agency.String("address", "", true);
  agency.Finish();

  auto http_node = root.Object("http");
  c.http = http::ParseHttpConfig(http_node);
  http_node.Finish();

  auto store_node = root.Object("store");
  c.store = store::ParseStoreConfig(store_node);
  store_node.Finish();

  auto log = root.Object("log");
  std::string level = log.Enum("level", "info", {"debug", "info", "warn", "error"});
  c.log_level = core::ParseLogLevel(level).value_or(core::LogLevel::kInfo);
  log.Finish();

  c.default_locale = root.Enum("default_locale", "vi", {"vi", "en"});
  c.web_chat = root.Bool("web_chat", true);

  auto nlu = root.Object("nlu");
  c.nlu_cache_dir = nlu.String("cache_dir", "");
  nlu.Finish();

  using namespace std::chrono_literals;
  auto dialogs_node = root.Object("dialogs");
  c.dialog_idle_timeout = dialogs_node.Duration("idle_timeout", 30min, 1min, 24h);
  c.officer_wait_minutes = static_cast<int>(dialogs_node.Int("officer_wait_minutes", 30, 1, 10080));
  c.complaint_days = static_cast<int>(dialogs_node.Int("complaint_days", 10, 1, 90));
  dialogs_node.Finish();

  auto backends_node = root.Object("backends");
  c.backends = backends::ParseBackendsConfig(backends_node);
  backends_node.Finish();
  c.default_backend = root.String("default_backend", "");
  auto sim = root.Object("simulator");
  c.simulator_enabled = sim.Bool("enabled", false);
  c.simulator_tick = sim.Duration("tick_interval", std::chrono::seconds(5),
                                  std::chrono::milliseconds(100), std::chrono::hours(1));
  sim.Finish();
  if (!c.default_backend.empty()) {
    bool known = c.simulator_enabled && c.default_backend == "simulator";
    for (const auto& b : c.backends) known |= b.id == c.default_backend;
    if (!known) errors.Add("default_backend", "names no configured backend");
  }

  auto notif = root.Object("notifications");
  c.notifications.enabled = notif.Bool("enabled", false);
  c.notifications.secrets = notif.StringList("secrets");
  c.notifications.tolerance = std::chrono::duration_cast<std::chrono::seconds>(notif.Duration(
      "tolerance", std::chrono::minutes(5), std::chrono::seconds(10), std::chrono::hours(1)));
  for (std::size_t i = 0; i < c.notifications.secrets.size(); ++i) {
    if (!backends::ParseWebhookSecret(c.notifications.secrets[i])) {
      errors.Add(fmt::format("notifications.secrets[{}]", i), "expected whsec_<base64>");
    }
  }
  if (c.notifications.enabled && c.notifications.secrets.empty()) {
    errors.Add("notifications.secrets", "at least one secret is needed to accept pushes");
  }
  auto delivery = notif.Object("delivery");
  c.notifications.delivery = delivery::ParseDeliveryConfig(delivery);
  notif.Finish();

  auto inbox_node = root.Object("inbox");
  c.inbox = inbox::ParseInboxConfig(inbox_node);
  inbox_node.Finish();

  auto channels_node = root.Object("channels");
  c.channels = channels::ParseChannelsConfig(channels_node);
  channels_node.Finish();

  root.Finish();
  if (!errors.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("{}", fmt::join(errors.lines(), "\n")));
  }
  return c;
}

core::Result<GatewayConfig> LoadGatewayConfig(const std::string& path) {
  auto json = core::LoadConfigFile(path);
  if (!json.ok()) return json.error();
  auto parsed = ParseGatewayConfig(*json);
  if (!parsed.ok()) {
    // Prefix each line with the file so several configs can be checked in one run.
    std::string msg;
    for (std::size_t start = 0; start < parsed.error().message.size();) {
      auto end = parsed.error().message.find('\n', start);
      if (end == std::string::npos) end = parsed.error().message.size();
      msg += fmt::format("{}: {}\n", path, parsed.error().message.substr(start, end - start));
      start = end + 1;
    }
    if (!msg.empty()) msg.pop_back();
    return core::MakeError(core::ErrorCode::kInvalidArgument, msg);
  }
  return parsed;
}

}  // namespace gw::gateway
