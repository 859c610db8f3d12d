// Runs the gateway: wires store, dialogs, channels and the HTTP edge from a config, serves until
// SIGTERM or SIGINT, then shuts down gracefully (stop accepting, finish in-flight, flush store).
#pragma once

#include <string>

#include "gateway/gateway_config.hpp"

namespace gw::gateway {

struct RunOptions {
  bool demo = false;     // print the demo banner
  std::string data_dir;  // shown in the demo banner
};

// Returns the process exit code.
int RunGateway(const GatewayConfig& config, const RunOptions& options);

}  // namespace gw::gateway
