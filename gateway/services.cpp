// Building the gateway's services from its config.
#include "gateway/services.hpp"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "core/log.hpp"
#include "embedded/config.hpp"
#include "gateway/classify_command.hpp"

namespace gw::gateway {
namespace {

const core::Logger kLog("gateway.services");

core::Result<std::string_view> Embedded(const char* path) {
  auto text = embedded::config::Find(path);
  if (!text)
    return core::MakeError(core::ErrorCode::kInternal,
                           fmt::format("config/{} is not embedded", path));
  return *text;
}

std::string CacheDir(const GatewayConfig& config) {
  if (!config.nlu_cache_dir.empty()) return config.nlu_cache_dir;
  if (const char* env = std::getenv("CAUNOI_CACHE_DIR"); env != nullptr && *env != '\0') return env;
  auto parent = std::filesystem::path(config.store.sqlite.path).parent_path();
  return (parent.empty() ? std::filesystem::path("nlu-cache") : parent / "nlu-cache").string();
}

}  // namespace

Services::~Services() {
  if (simulator) simulator->Stop();
}

core::Result<std::unique_ptr<Services>> BuildServices(const GatewayConfig& config,
                                                      const core::Clock& clock) {
  auto catalogs = locales::Catalogs::LoadEmbedded();
  if (!catalogs.ok()) return catalogs.error();
  auto flows = dialogs::Flows::LoadEmbedded();
  if (!flows.ok()) return flows.error();
  auto procedures_text = Embedded("catalog/procedures.json");
  if (!procedures_text.ok()) return procedures_text.error();
  auto catalog = routing::Catalog::Parse(*procedures_text, "config/catalog/procedures.json");
  if (!catalog.ok()) return catalog.error();
  auto holidays_text = Embedded("catalog/holidays.json");
  if (!holidays_text.ok()) return holidays_text.error();
  auto calendar = routing::Calendar::Parse(*holidays_text, "config/catalog/holidays.json");
  if (!calendar.ok()) return calendar.error();
  auto classifier = LoadEmbeddedClassifier(CacheDir(config));
  if (!classifier.ok()) return classifier.error();

  auto s = std::unique_ptr<Services>(
      new Services{std::move(catalogs).value(), std::move(flows).value(),
                   std::move(catalog).value(), std::move(calendar).value(), nullptr, nullptr,
                   nullptr, nullptr, nullptr, nullptr, nullptr, nullptr});
  const locales::Catalog& texts = s->catalogs.For(config.default_locale);
  auto agencies_text = Embedded("catalog/agencies.json");
  if (!agencies_text.ok()) return agencies_text.error();
  auto routes = routing::RouteTable::Parse(*agencies_text, "config/catalog/agencies.json",
                                           std::make_shared<const routing::Catalog>(s->catalog));
  if (!routes.ok()) return routes.error();
  s->routes = std::make_unique<routing::RouteTable>(std::move(routes).value());
  if (s->routes->FindAgency(config.agency_code) == nullptr) {
    kLog.Warn(
        "agency.code is not in the route table: communes are not asked, jurisdiction not checked",
        {{"agency", config.agency_code}});
  }
  s->directory = std::make_unique<CatalogDirectory>(s->catalog.procedures(), texts, s->routes.get(),
                                                    config.agency_code);
  s->understander = std::make_unique<Understander>(std::move(classifier).value());

  std::optional<backends::BackendConfig> backend_config;
  if (config.simulator_enabled) {
    backends::sim::Options o;
    o.unit_codes = {config.agency_code};
    o.seed_demo = true;
    o.tick_interval = config.simulator_tick;
    if (config.notifications.enabled && config.http.port != 0 &&
        !config.notifications.secrets.empty()) {
      // The simulator pushes status changes back to this gateway, signed like a real backend.
      o.push_url = fmt::format("http://127.0.0.1:{}", config.http.port);
      o.push_secret = config.notifications.secrets.front();
    }
    s->simulator = std::make_unique<backends::sim::Simulator>(o, clock);
    auto port = s->simulator->Start();
    if (!port.ok()) return port.error();
    backends::BackendConfig b;
    b.id = "simulator";
    b.url = s->simulator->base_url();
    backend_config = b;
    kLog.Info("one-stop simulator started", {{"url", b.url}});
  }
  for (const auto& b : config.backends) {
    if (b.id == config.default_backend) backend_config = b;
  }
  if (backend_config) {
    s->connector = std::make_unique<backends::HttpConnector>(*backend_config, clock);
    // Procedure codes, fees and times change with reforms: take the backend's catalogue when it
    // answers, keep the local copy (and say why) when it does not or sends something broken.
    if (auto remote = s->connector->FetchCatalog(); remote.ok()) {
      auto merged =
          s->catalog.MergeFromBackend(*remote, "backend " + backend_config->id + " /catalog");
      if (merged.ok()) {
        s->catalog = std::move(merged).value();
        s->directory = std::make_unique<CatalogDirectory>(s->catalog.procedures(), texts,
                                                          s->routes.get(), config.agency_code);
        kLog.Info("procedure catalogue refreshed from the backend",
                  {{"version", s->catalog.version()}});
      } else {
        kLog.Warn("backend catalogue refused; keeping the local one",
                  {{"error", merged.error().message}});
      }
    } else {
      kLog.Warn("backend catalogue unavailable; keeping the local one",
                {{"error", remote.error().message}});
    }
    const routing::Catalog* catalog_ptr = &s->catalog;
    s->backend = std::make_unique<ConnectorBackend>(*s->connector, config.agency_code,
                                                    [catalog_ptr](const std::string& code) {
                                                      const auto* p = catalog_ptr->ByCode(code);
                                                      return p == nullptr ? code : p->name_vi;
                                                    });
  } else {
    kLog.Warn("no one-stop backend configured: lookups and submissions will be refused politely");
  }
  // Built last: it keeps a reference to the directory, which a catalogue refresh replaces.
  dialogs::EngineSettings settings;
  settings.idle_timeout = config.dialog_idle_timeout;
  settings.intent_threshold = dialogs::nlu::kIntentConfidenceThreshold;
  settings.procedure_threshold = dialogs::nlu::kProcedureConfidenceThreshold;
  settings.agency_name = config.agency.agency_name;
  settings.hotline = config.agency.hotline;
  settings.officer_wait =
      texts.Format("handoff.wait", {{"minutes", std::int64_t{config.officer_wait_minutes}}});
  settings.complaint_days = config.complaint_days;
  s->engine = std::make_unique<dialogs::Engine>(s->flows, texts, *s->directory, settings);
  const routing::Calendar* cal = &s->calendar;
  s->actions = std::make_unique<ActionExecutor>(
      s->backend.get(),
      [cal](core::TimePoint from, int days) {
        // The end of the due day's office hours (17:00 in Vietnam, 10:00 UTC).
        routing::Date due = cal->DueDate(from, days);
        return core::FromUnixMillis(
            (static_cast<std::int64_t>(routing::DaysFromCivil(due)) * 86400 + 10 * 3600) * 1000);
      },
      config.complaint_days);
  return s;
}

}  // namespace gw::gateway
