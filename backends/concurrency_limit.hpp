// A counting semaphore with a bounded wait, so one slow backend cannot take every worker thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace gw::backends {

// Thread-safe.
class ConcurrencyLimit {
 public:
  explicit ConcurrencyLimit(int max_in_flight) : max_(max_in_flight) {}

  // Takes a slot, waiting up to `wait` (0 = do not wait). Blocks at most `wait`.
  bool TryAcquireFor(std::chrono::milliseconds wait);
  void Release();
  int in_flight() const;

  // Holds a slot for a scope.
  class Slot {
   public:
    Slot(ConcurrencyLimit& limit, std::chrono::milliseconds wait)
        : limit_(limit), held_(limit.TryAcquireFor(wait)) {}
    ~Slot() {
      if (held_) limit_.Release();
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    bool held() const { return held_; }

   private:
    ConcurrencyLimit& limit_;
    bool held_;
  };

 private:
  const int max_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int in_flight_ = 0;
};

}  // namespace gw::backends
