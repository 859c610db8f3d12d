// Bounded-wait semaphore.
#include "backends/concurrency_limit.hpp"

namespace gw::backends {

bool ConcurrencyLimit::TryAcquireFor(std::chrono::milliseconds wait) {
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, wait, [this] { return in_flight_ < max_; })) return false;
  ++in_flight_;
  return true;
}

void ConcurrencyLimit::Release() {
  {
    std::lock_guard lock(mu_);
    --in_flight_;
  }
  cv_.notify_one();
}

int ConcurrencyLimit::in_flight() const {
  std::lock_guard lock(mu_);
  return in_flight_;
}

}  // namespace gw::backends
