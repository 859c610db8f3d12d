// The calling thread's CPU priority (its nice value), for the one thread every request waits on.
#pragma once

#include "core/result.hpp"

namespace gw::core {

// Sets the calling thread's nice value (-20 highest .. 19 lowest); other threads keep theirs.
// Raising priority (a value below the current one) needs CAP_SYS_NICE or a nice limit that
// allows it (RLIMIT_NICE; systemd's LimitNICE=); otherwise kUnavailable says so and nothing
// changes.
Status SetThisThreadNice(int nice);

// The calling thread's nice value.
int ThisThreadNice();

}  // namespace gw::core
