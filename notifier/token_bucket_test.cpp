// Tests of the per-route rate limits on a fake clock.
#include "notifier/token_bucket.hpp"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using gw::core::FakeClock;
using gw::core::TimePoint;
using gw::notifier::RateLimit;
using gw::notifier::RateLimiters;
using gw::notifier::Route;
using gw::notifier::TokenBucket;

namespace {
const TimePoint kStart = gw::core::FromUnixMillis(1'790'000'000'000);
}

TEST_CASE("a full bucket allows a burst, then the sustained rate") {
  FakeClock clock(kStart);
  TokenBucket bucket({2.0, 3}, clock);  // one token every 500 ms, three at most
  CHECK(bucket.TryTake().admitted);
  CHECK(bucket.TryTake().admitted);
  CHECK(bucket.TryTake().admitted);
  auto refused = bucket.TryTake();
  CHECK_FALSE(refused.admitted);
  CHECK(refused.wait == 500ms);

  clock.Advance(499ms);
  auto still = bucket.TryTake();
  CHECK_FALSE(still.admitted);
  CHECK(still.wait == 1ms);
  clock.Advance(1ms);
  CHECK(bucket.TryTake().admitted);
  CHECK_FALSE(bucket.TryTake().admitted);

  // Steady state: exactly one send per interval.
  int sent = 0;
  for (int i = 0; i < 20; ++i) {
    clock.Advance(500ms);
    if (bucket.TryTake().admitted) ++sent;
    CHECK_FALSE(bucket.TryTake().admitted);
  }
  CHECK(sent == 20);
}

TEST_CASE("a quiet spell refills up to the burst and no further") {
  FakeClock clock(kStart);
  TokenBucket bucket({1.0, 5}, clock);
  for (int i = 0; i < 5; ++i) CHECK(bucket.TryTake().admitted);
  CHECK_FALSE(bucket.TryTake().admitted);
  clock.Advance(2s);
  CHECK(bucket.TryTake().admitted);
  CHECK(bucket.TryTake().admitted);
  CHECK_FALSE(bucket.TryTake().admitted);
  clock.Advance(1h);
  int burst = 0;
  while (bucket.TryTake().admitted) ++burst;
  CHECK(burst == 5);
}

TEST_CASE("a burst of one spaces every send by the interval") {
  FakeClock clock(kStart);
  TokenBucket bucket({30.0, 1}, clock);  // an SMSC that takes 30 messages a second
  CHECK(bucket.TryTake().admitted);
  auto r = bucket.TryTake();
  CHECK_FALSE(r.admitted);
  CHECK(r.wait == 34ms);  // 33.33 ms, rounded up so a caller waking then is admitted
  clock.Advance(r.wait);
  CHECK(bucket.TryTake().admitted);
}

TEST_CASE("a wall clock stepping back does not hold sends for the size of the step") {
  FakeClock clock(kStart);
  TokenBucket bucket({1.0, 2}, clock);
  CHECK(bucket.TryTake().admitted);
  CHECK(bucket.TryTake().admitted);
  clock.Set(kStart - 1h);
  auto r = bucket.TryTake();
  CHECK_FALSE(r.admitted);
  CHECK(r.wait <= 2s);
  clock.Advance(r.wait);
  CHECK(bucket.TryTake().admitted);
}

TEST_CASE("each route has its own bucket; routes without a limit are never held") {
  FakeClock clock(kStart);
  RateLimiters limiters({{Route::kSms, {1.0, 1}}, {Route::kZns, {1.0, 2}}}, clock);
  CHECK(limiters.TryTake(Route::kSms).admitted);
  CHECK_FALSE(limiters.TryTake(Route::kSms).admitted);
  CHECK(limiters.TryTake(Route::kZns).admitted);
  CHECK(limiters.TryTake(Route::kZns).admitted);
  CHECK_FALSE(limiters.TryTake(Route::kZns).admitted);
  for (int i = 0; i < 100; ++i) CHECK(limiters.TryTake(Route::kEmail).admitted);
}

TEST_CASE("rate limits are validated with the field named") {
  CHECK(gw::notifier::ValidateRateLimit({10.0, 10}).ok());
  auto zero = gw::notifier::ValidateRateLimit({0.0, 1});
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error().message == "per_second: expected a number > 0, got 0");
  auto burst = gw::notifier::ValidateRateLimit({1.0, 0});
  REQUIRE_FALSE(burst.ok());
  CHECK(burst.error().message == "burst: expected an integer >= 1, got 0");
  // A bucket built from a bad limit anyway is clamped, not undefined.
  FakeClock clock(kStart);
  TokenBucket bucket({-1.0, 0}, clock);
  CHECK(bucket.TryTake().admitted);
  CHECK_FALSE(bucket.TryTake().admitted);
}
