// SLA clocks of the officer inbox on the working-day calendar: when a first response and a
// resolution are due, and the cut-off instants that let SQL find overdue conversations.
//
// Pure and immutable after construction; safe to call from any thread.
#pragma once

#include <chrono>

#include "core/clock.hpp"
#include "routing/calendar.hpp"

namespace gw::gateway::inbox {

struct SlaPolicy {
  // Office time (inside the calendar's office hours, on working days) allowed before the first
  // officer answer, and before the conversation is resolved (closed or handed back).
  std::chrono::seconds first_response{std::chrono::hours(4)};
  int resolution_days = 3;  // counted as this many full office days of working time
};

class SlaClock {
 public:
  // `calendar` must outlive this.
  SlaClock(const routing::Calendar& calendar, SlaPolicy policy);

  core::TimePoint FirstResponseDue(core::TimePoint started) const {
    return calendar_.AddWorkingTime(started, policy_.first_response);
  }
  core::TimePoint ResolutionDue(core::TimePoint started) const {
    return calendar_.AddWorkingTime(started, resolution_);
  }

  // The latest start (in milliseconds) whose deadline has passed at `now`: for every start s,
  // Due(s) <= now exactly when s <= Cutoff(now), because a later start never has an earlier
  // deadline. SQL compares stored start times with it, so the calendar stays in C++.
  std::int64_t FirstResponseCutoff(core::TimePoint now) const {
    return Cutoff(now, policy_.first_response);
  }
  std::int64_t ResolutionCutoff(core::TimePoint now) const { return Cutoff(now, resolution_); }

  // Office time between two instants (for first-response and resolution times).
  std::chrono::seconds WorkingTimeBetween(core::TimePoint from, core::TimePoint to) const {
    return calendar_.WorkingTimeBetween(from, to);
  }
  const SlaPolicy& policy() const { return policy_; }

 private:
  std::int64_t Cutoff(core::TimePoint now, std::chrono::seconds amount) const;

  const routing::Calendar& calendar_;
  SlaPolicy policy_;
  std::chrono::seconds resolution_;
};

}  // namespace gw::gateway::inbox
