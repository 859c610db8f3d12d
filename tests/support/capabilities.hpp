// Dropping a capability for one thread, so that a test run as root can see what an unprivileged
// service sees.
#pragma once

namespace gw::testing {

// Takes `capability` (CAP_SYS_NICE, ...) out of the calling thread's effective set. Capabilities
// are per thread on Linux, and threads started afterwards by this one inherit the set. False when
// the kernel refused.
bool DropCapabilityForThisThread(int capability);

}  // namespace gw::testing
