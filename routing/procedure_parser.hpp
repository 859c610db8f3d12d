// Reads one procedure object of the catalogue into a Procedure, every error with its JSON path.
#pragma once

#include "core/config_reader.hpp"
#include "routing/procedure.hpp"

namespace gw::routing {

// Reads `node` (a procedure object); errors go to node.errors() as "path: reason". The caller
// calls node.Finish() to report unknown keys.
Procedure ParseProcedure(core::ConfigNode& node);

}  // namespace gw::routing
