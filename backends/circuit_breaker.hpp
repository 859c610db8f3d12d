// A circuit breaker per backend: after N consecutive failed attempts calls fail fast for a
// cool-down, then one probe is let through; its outcome closes or re-opens the circuit.
#pragma once

#include <chrono>
#include <mutex>
#include <string_view>

#include "core/clock.hpp"

namespace gw::backends {

enum class CircuitState { kClosed, kOpen, kHalfOpen };
std::string_view CircuitStateName(CircuitState state);  // "closed", "open", "half_open"

// Thread-safe; no method blocks beyond a short mutex hold.
class CircuitBreaker {
 public:
  // `clock` is borrowed and must outlive the breaker.
  CircuitBreaker(int failure_threshold, std::chrono::milliseconds cool_down,
                 const core::Clock& clock);

  // Whether an attempt may go out now. When open and the cool-down has passed, the first caller
  // becomes the half-open probe (true) and others keep failing fast until it reports. A caller
  // given true MUST report the attempt with RecordSuccess or RecordFailure.
  bool Allow();
  // The backend answered (2xx, or a refusal: it is alive). Closes the circuit.
  void RecordSuccess();
  // Timeout, connection failure, 5xx, garbage. Opens the circuit at the threshold, or again
  // after a failed probe.
  void RecordFailure();

  CircuitState state() const;

 private:
  const int threshold_;
  const std::chrono::milliseconds cool_down_;
  const core::Clock& clock_;
  mutable std::mutex mu_;
  CircuitState state_ = CircuitState::kClosed;
  int consecutive_failures_ = 0;
  core::TimePoint opened_at_;
  bool probe_in_flight_ = false;
};

}  // namespace gw::backends
