// Tests of the circuit breaker's state machine on a fake clock.
#include "backends/circuit_breaker.hpp"

#include <doctest/doctest.h>

namespace gw::backends {
namespace {

using std::chrono::milliseconds;

TEST_CASE("opens after N consecutive failures, probes after the cool-down") {
  core::FakeClock clock(core::TimePoint(std::chrono::hours(1000)));
  CircuitBreaker b(3, milliseconds(500), clock);
  for (int i = 0; i < 2; ++i) {
    REQUIRE(b.Allow());
    b.RecordFailure();
  }
  CHECK(b.state() == CircuitState::kClosed);
  b.RecordSuccess();  // a success resets the count
  for (int i = 0; i < 3; ++i) {
    REQUIRE(b.Allow());
    b.RecordFailure();
  }
  CHECK(b.state() == CircuitState::kOpen);
  CHECK_FALSE(b.Allow());
  clock.Advance(milliseconds(499));
  CHECK_FALSE(b.Allow());
  clock.Advance(milliseconds(1));
  CHECK(b.Allow());  // the probe
  CHECK(b.state() == CircuitState::kHalfOpen);
  CHECK_FALSE(b.Allow());  // one probe at a time

  SUBCASE("a failed probe re-opens for a new cool-down") {
    b.RecordFailure();
    CHECK(b.state() == CircuitState::kOpen);
    clock.Advance(milliseconds(499));
    CHECK_FALSE(b.Allow());
    clock.Advance(milliseconds(1));
    CHECK(b.Allow());
  }
  SUBCASE("a successful probe closes") {
    b.RecordSuccess();
    CHECK(b.state() == CircuitState::kClosed);
    CHECK(b.Allow());
    CHECK(b.Allow());
  }
}

}  // namespace
}  // namespace gw::backends
