// Per-route send rate limits: a token bucket on an injected clock, so providers' quotas (SMSC
// throughput, ZNS and OA limits) are respected without sleeping in tests.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "notifier/route.hpp"

namespace gw::notifier {

struct RateLimit {
  double per_second = 10.0;  // sustained sends per second; > 0
  int burst = 10;            // sends allowed back to back after a quiet spell; >= 1
};

// Checks the bounds above; the message names the field ("burst: expected an integer >= 1, got 0")
// so the config parser can prefix its path.
core::Status ValidateRateLimit(const RateLimit& limit);

struct Admission {
  bool admitted = false;
  std::chrono::milliseconds wait{0};  // when refused: the earliest time a token is there (>= 1 ms)
};

// Implemented as GCRA (the "virtual scheduling" form of a token bucket): the state is one time
// point and the arithmetic is integer nanoseconds, so results are exact and tests can assert them.
// Thread-safe; never blocks beyond its own mutex. Starts full.
class TokenBucket {
 public:
  // `clock` is borrowed and must outlive the bucket. Out-of-range limits are clamped to the
  // nearest valid value (config validation should have refused them already).
  TokenBucket(RateLimit limit, const core::Clock& clock);

  // Takes a token if one is there; otherwise takes nothing and says how long to wait.
  Admission TryTake();

 private:
  const core::Clock& clock_;
  std::chrono::nanoseconds interval_;   // time to earn one token
  std::chrono::nanoseconds tolerance_;  // (burst - 1) intervals: how far sends may run ahead
  std::mutex mu_;
  core::TimePoint tat_;  // when the bucket would be exactly full again at the sustained rate
};

// One bucket per configured route; routes without a limit are never held back.
class RateLimiters {
 public:
  RateLimiters(const std::map<Route, RateLimit>& limits, const core::Clock& clock);
  Admission TryTake(Route route);

 private:
  std::map<Route, std::unique_ptr<TokenBucket>> buckets_;
};

}  // namespace gw::notifier
