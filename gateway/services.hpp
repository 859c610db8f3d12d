// Everything the gateway's handlers use, built once from the config: texts, flows, the
// procedure catalogue and calendar, the classifier, the dialog engine, the one-stop backend
// (connector, or the in-process simulator for the demo) and the action executor.
#pragma once

#include <memory>

#include "backends/connector.hpp"
#include "backends/simulator/simulator.hpp"
#include "core/clock.hpp"
#include "dialogs/engine/engine.hpp"
#include "gateway/actions.hpp"
#include "gateway/catalog_directory.hpp"
#include "gateway/connector_backend.hpp"
#include "gateway/gateway_config.hpp"
#include "gateway/understander.hpp"
#include "locales/catalog.hpp"
#include "routing/calendar.hpp"
#include "routing/catalog.hpp"
#include "routing/route_table.hpp"

namespace gw::gateway {

struct Services {
  locales::Catalogs catalogs;
  dialogs::Flows flows;
  routing::Catalog catalog;
  routing::Calendar calendar;
  std::unique_ptr<routing::RouteTable> routes;
  std::unique_ptr<CatalogDirectory> directory;
  std::unique_ptr<Understander> understander;
  std::unique_ptr<dialogs::Engine> engine;
  std::unique_ptr<backends::sim::Simulator> simulator;  // demo only
  std::unique_ptr<backends::HttpConnector> connector;
  std::unique_ptr<ConnectorBackend> backend;
  std::unique_ptr<ActionExecutor> actions;

  ~Services();
};

// Builds the services; trains or loads the classifier (seconds on first start), starts the
// simulator when configured. Errors name what could not be built.
core::Result<std::unique_ptr<Services>> BuildServices(const GatewayConfig& config,
                                                      const core::Clock& clock);

}  // namespace gw::gateway
