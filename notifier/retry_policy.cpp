// Backoff schedule and the outcome classes that may be retried.
#include "notifier/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace gw::notifier {

RetryDecision DecideRetry(const RetryPolicy& policy, int attempt, const core::SendResult& result,
                          double unit_random) {
  // Only transient failures are retried on the same channel; a rejection or a malformed message
  // would fail the same way again, and an expired one must not arrive late.
  if (result.outcome != core::SendOutcome::kRetryable) return {};
  if (attempt >= policy.max_attempts) return {};
  double cap_ms = static_cast<double>(policy.initial.count()) *
                  std::pow(policy.multiplier, std::max(0, attempt - 1));
  cap_ms = std::min(cap_ms, static_cast<double>(policy.max_delay.count()));
  double r = std::clamp(unit_random, 0.0, 1.0);
  auto delay = std::chrono::milliseconds(static_cast<std::int64_t>(cap_ms * r));
  if (result.retry_after && *result.retry_after > delay) delay = *result.retry_after;
  return {true, delay};
}

}  // namespace gw::notifier
