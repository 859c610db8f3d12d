// `caunoi simulate-backend`: runs the one-stop simulator as a process, for trying the gateway
// against a backend locally. gateway/cli.cpp lists it with these flags and this help.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <functional>

#include "backends/simulator/simulator.hpp"
#include "core/result.hpp"

namespace gw::backends::sim {

extern const char* const kSimulateBackendHelp;
extern const std::vector<std::string> kSimulateBackendFlags;     // take a value
extern const std::vector<std::string> kSimulateBackendSwitches;  // no value

// The simulator options from the command's flags; `getenv_fn` supplies secrets not given as flags
// (CAUNOI_SIM_PUSH_SECRET, CAUNOI_SIM_TOKEN, CAUNOI_SIM_HMAC_SECRET).
core::Result<Options> SimulateBackendOptions(
    const std::map<std::string, std::string>& opts,
    const std::function<const char*(const char*)>& getenv_fn);

// Runs until SIGINT or SIGTERM; returns the exit code (2 for bad flags, 1 if it cannot start).
int RunSimulateBackendCommand(const std::map<std::string, std::string>& opts,
                              const std::vector<std::string>& args);

}  // namespace gw::backends::sim
