// The simulator's built-in data: a small procedure catalogue and a few demo dossiers a newcomer
// can look up (e.g. 000.00.12.H29-241023-0001, in processing, with a step history).
#pragma once

#include <string>
#include <vector>

#include "backends/simulator/sim_state.hpp"

namespace gw::backends::sim {

inline constexpr const char* kDemoUnitCode = "000.00.12.H29";

// The catalogue GET /catalog answers by default: codes, names, fees, times and online levels of
// five common procedures, in the shape routing::Catalog merges (each agency's real catalogue comes
// from its own system).
std::string DefaultCatalogJson();

// Demo dossiers of unit 000.00.12.H29, received in October 2024, in several states; their
// scripts are empty so they stay where they are. Their phone numbers are fictitious.
std::vector<SimDossier> DemoDossiers();

}  // namespace gw::backends::sim
