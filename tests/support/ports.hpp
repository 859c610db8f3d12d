// Loopback ports in tests: free ones to give a server, and the one caunoi says it listens on.
#pragma once

#include <chrono>
#include <vector>

#include "tests/support/child_process.hpp"

namespace gw::testing {

// `n` distinct loopback ports that were free a moment ago (for servers that cannot take port 0,
// or whose ports must be known before they start). Throws std::runtime_error with the errno text
// when no socket can be bound, rather than handing out port 0.
std::vector<int> FreePorts(int n);

// Reads caunoi's stdout until "caunoi: listening on http://HOST:PORT"; returns PORT, or -1 when
// it exits first or at the deadline.
int ListeningPort(ChildProcess& caunoi,
                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace gw::testing
