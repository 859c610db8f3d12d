// Polling for a condition that another process or thread makes true.
#pragma once

#include <chrono>
#include <functional>

namespace gw::testing {

// Polls `done` every 20 ms until it holds (true) or the deadline passes (false).
bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout);

}  // namespace gw::testing
