// Tests of the backoff schedule.
#include "notifier/retry_policy.hpp"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using gw::core::SendOutcome;
using gw::core::SendResult;
using gw::notifier::DecideRetry;
using gw::notifier::RetryPolicy;

namespace {
SendResult Outcome(SendOutcome o) {
  SendResult r;
  r.outcome = o;
  return r;
}
}  // namespace

TEST_CASE("backoff doubles up to the cap, with full jitter") {
  RetryPolicy p{1000ms, 8000ms, 2.0, 10};
  SendResult r = Outcome(SendOutcome::kRetryable);
  CHECK(DecideRetry(p, 1, r, 0.999).delay == 999ms);
  CHECK(DecideRetry(p, 2, r, 0.5).delay == 1000ms);
  CHECK(DecideRetry(p, 3, r, 0.5).delay == 2000ms);
  CHECK(DecideRetry(p, 4, r, 0.5).delay == 4000ms);
  CHECK(DecideRetry(p, 9, r, 0.5).delay == 4000ms);  // capped at 8000 * 0.5
  CHECK(DecideRetry(p, 2, r, 0.0).delay == 0ms);
  CHECK(DecideRetry(p, 2, r, 0.0).retry);
}

TEST_CASE("only retryable outcomes are retried, and only up to max_attempts") {
  RetryPolicy p{1000ms, 8000ms, 2.0, 3};
  for (auto o : {SendOutcome::kAccepted, SendOutcome::kRejected, SendOutcome::kMalformed,
                 SendOutcome::kExpired}) {
    CAPTURE(static_cast<int>(o));
    CHECK_FALSE(DecideRetry(p, 1, Outcome(o), 0.5).retry);
  }
  CHECK(DecideRetry(p, 2, Outcome(SendOutcome::kRetryable), 0.5).retry);
  CHECK_FALSE(DecideRetry(p, 3, Outcome(SendOutcome::kRetryable), 0.5).retry);
}

TEST_CASE("a provider's retry-after is a floor") {
  RetryPolicy p{1000ms, 8000ms, 2.0, 10};
  SendResult r = Outcome(SendOutcome::kRetryable);
  r.retry_after = 30000ms;
  auto d = DecideRetry(p, 1, r, 0.1);
  CHECK(d.retry);
  CHECK(d.delay == 30000ms);
}
