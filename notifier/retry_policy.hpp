// When to try a send again: exponential backoff with full jitter, chosen by the send's outcome.
// Pure: the caller supplies the random draw, so tests are exact.
#pragma once

#include <chrono>
#include <optional>

#include "core/channel.hpp"

namespace gw::notifier {

struct RetryPolicy {
  std::chrono::milliseconds initial{1000};
  std::chrono::milliseconds max_delay{std::chrono::minutes(15)};
  double multiplier = 2.0;
  int max_attempts = 8;  // after this many failed attempts the channel is given up (fallback)
};

struct RetryDecision {
  bool retry = false;                  // false: give up on this channel (fall back or dead-letter)
  std::chrono::milliseconds delay{0};  // wait before the next attempt, when retrying
};

// `attempt` counts attempts made so far (1 after the first failure). `unit_random` is a draw in
// [0, 1): the delay is uniform in [0, cap] ("full jitter"), where cap grows by `multiplier` per
// attempt up to max_delay; a provider's retry-after is honoured as a floor.
RetryDecision DecideRetry(const RetryPolicy& policy, int attempt, const core::SendResult& result,
                          double unit_random);

}  // namespace gw::notifier
