// GCRA token bucket and the per-route table of buckets.
#include "notifier/token_bucket.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace gw::notifier {

core::Status ValidateRateLimit(const RateLimit& limit) {
  if (!(limit.per_second > 0) || !std::isfinite(limit.per_second)) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        fmt::format("per_second: expected a number > 0, got {}", limit.per_second));
  }
  if (limit.burst < 1) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("burst: expected an integer >= 1, got {}", limit.burst));
  }
  return core::Ok{};
}

TokenBucket::TokenBucket(RateLimit limit, const core::Clock& clock) : clock_(clock) {
  // One send a day is the slowest rate worth expressing; anything slower is a config mistake.
  double per_second = std::isfinite(limit.per_second) ? limit.per_second : 1e9;
  per_second = std::clamp(per_second, 1.0 / 86400, 1e9);
  interval_ = std::chrono::nanoseconds(std::max<std::int64_t>(1, std::llround(1e9 / per_second)));
  tolerance_ = interval_ * (std::max(limit.burst, 1) - 1);
  tat_ = clock_.Now();
}

Admission TokenBucket::TryTake() {
  std::lock_guard<std::mutex> lock(mu_);
  const core::TimePoint now = clock_.Now();
  // Normal use keeps tat_ within one full bucket of now; more means the wall clock stepped back,
  // and without this cap a one-hour step would hold every send for an hour.
  const core::TimePoint horizon = now + tolerance_ + interval_;
  if (tat_ > horizon) tat_ = horizon;
  const core::TimePoint allowed_at = tat_ - tolerance_;
  if (now < allowed_at) {
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(allowed_at - now);
    return {false, std::max(wait, std::chrono::milliseconds(1))};
  }
  tat_ = std::max(tat_, now) + interval_;
  return {true, std::chrono::milliseconds(0)};
}

RateLimiters::RateLimiters(const std::map<Route, RateLimit>& limits, const core::Clock& clock) {
  for (const auto& [route, limit] : limits) {
    buckets_.emplace(route, std::make_unique<TokenBucket>(limit, clock));
  }
}

Admission RateLimiters::TryTake(Route route) {
  auto it = buckets_.find(route);
  if (it == buckets_.end()) return {true, std::chrono::milliseconds(0)};
  return it->second->TryTake();
}

}  // namespace gw::notifier
