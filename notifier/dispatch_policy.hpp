// What to do next with one notice's delivery: send now, wait, fall back to another route, expire
// (a stale notice is worse than none) or dead-letter. Pure: time and the jitter draw are inputs.
//
// The outbox loop, for one delivery:
//   plan = PlanRoutes(config.fallback, recipient, now);
//   d = Decide(config, plan, delivery, now, draw);
//   kSendNow:   if delivery.legs is empty or d.route differs from the last leg's, append a Leg for
//               d.route; take a rate-limit token (TokenBucket; when refused, wait, it is not an
//               attempt); send; record attempts+1, outcome, retry_after, last_attempt_at (and
//               accepted_at when accepted); clear next_attempt_at; decide again.
//   kWaitUntil: persist d.at as the last leg's next_attempt_at (unless d.why is awaiting_receipt)
//               and wake at d.at or when a receipt arrives.
//   kFallBack:  append a Leg for d.route and decide again (it answers kSendNow).
//   kExpire, kDeadLetter: record d.why; the delivery is finished. kDone: finished, delivered.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "notifier/fallback.hpp"
#include "notifier/retry_policy.hpp"
#include "notifier/route.hpp"

namespace gw::notifier {

struct DispatchConfig {
  RetryPolicy retry;
  // A notice not yet accepted anywhere this long after it was queued expires rather than arrive
  // days late. The lead may use a longer age for results than for progress notices.
  std::chrono::milliseconds max_age = std::chrono::hours(24);
  FallbackConfig fallback;
};

struct Delivery {
  core::TimePoint first_queued_at;
  std::vector<Leg> legs;  // oldest first; the last is the current route
};

enum class DispatchAction {
  kSendNow,     // send on `route` now
  kWaitUntil,   // nothing to do before `at`
  kFallBack,    // give the current route up (`why`) and open a leg on `route`
  kExpire,      // too old to be worth sending (`why`)
  kDeadLetter,  // no route left (`why`); an officer should look
  kDone,        // delivered
};
std::string_view DispatchActionName(DispatchAction action);  // "send_now", "wait_until", ...

struct DispatchDecision {
  DispatchAction action = DispatchAction::kWaitUntil;
  Route route = Route::kSms;  // kSendNow, kFallBack
  core::TimePoint at;         // kWaitUntil
  // A stable snake_case reason for logs, metrics and the delivery state: "first_attempt",
  // "retry_due", "retry_backoff", "awaiting_receipt", a FallbackReasonName, "max_age",
  // "provider_expired", "no_route", "delivered".
  std::string_view why;
};

// `unit_random` is a draw in [0, 1) for the backoff jitter; it is used only when a retry time has
// not been chosen yet (Leg::next_attempt_at empty), so the same state always gives the same time.
// The retry is anchored at the last attempt, not at `now`. A retry that would fall after the
// notice's expiry expires it at once instead of waking up only to expire.
DispatchDecision Decide(const DispatchConfig& config, const RoutePlan& plan,
                        const Delivery& delivery, core::TimePoint now, double unit_random);

}  // namespace gw::notifier
