// SLA deadlines and their cut-offs on the working-day calendar.
#include "gateway/inbox/sla.hpp"

namespace gw::gateway::inbox {

SlaClock::SlaClock(const routing::Calendar& calendar, SlaPolicy policy)
    : calendar_(calendar), policy_(policy) {
  std::chrono::seconds day{0};
  for (const auto& iv : calendar.data().office_hours) {
    day += std::chrono::minutes(iv.to_minute - iv.from_minute);
  }
  resolution_ = day * policy.resolution_days;
}

std::int64_t SlaClock::Cutoff(core::TimePoint now, std::chrono::seconds amount) const {
  using core::FromUnixMillis;
  const std::int64_t now_ms = core::ToUnixMillis(now);
  // Invariant: Due(lo) <= now < Due(hi). Due(now) > now since amount > 0. The lower bound
  // starts a month back (enough for a few working days across Tết) and widens if needed.
  std::int64_t hi = now_ms;
  std::int64_t span =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::days(30) + amount * 7)
          .count();
  std::int64_t lo = now_ms - span;
  for (int i = 0; i < 8 && calendar_.AddWorkingTime(FromUnixMillis(lo), amount) > now; ++i) {
    hi = lo;
    span *= 2;
    lo = now_ms - span;
  }
  // Monotone: a later start never has an earlier deadline. Millisecond bisection, ~35 steps.
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (calendar_.AddWorkingTime(FromUnixMillis(mid), amount) <= now) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace gw::gateway::inbox
