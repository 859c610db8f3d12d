// The dispatch decision: fallback's verdict on the current route, then timing, backoff and expiry.
#include "notifier/dispatch_policy.hpp"

namespace gw::notifier {
namespace {

DispatchDecision Make(DispatchAction action, std::string_view why) {
  DispatchDecision d;
  d.action = action;
  d.why = why;
  return d;
}

DispatchDecision SendNow(Route route, std::string_view why) {
  DispatchDecision d = Make(DispatchAction::kSendNow, why);
  d.route = route;
  return d;
}

DispatchDecision WaitUntil(core::TimePoint at, std::string_view why) {
  DispatchDecision d = Make(DispatchAction::kWaitUntil, why);
  d.at = at;
  return d;
}

}  // namespace

std::string_view DispatchActionName(DispatchAction action) {
  switch (action) {
    case DispatchAction::kSendNow:
      return "send_now";
    case DispatchAction::kWaitUntil:
      return "wait_until";
    case DispatchAction::kFallBack:
      return "fall_back";
    case DispatchAction::kExpire:
      return "expire";
    case DispatchAction::kDeadLetter:
      return "dead_letter";
    case DispatchAction::kDone:
      return "done";
  }
  return "wait_until";
}

DispatchDecision Decide(const DispatchConfig& config, const RoutePlan& plan,
                        const Delivery& delivery, core::TimePoint now, double unit_random) {
  const core::TimePoint expires_at = delivery.first_queued_at + config.max_age;
  const Leg* current = delivery.legs.empty() ? nullptr : &delivery.legs.back();

  // The provider says the message is too old (an SMSC validity period, say): another route would
  // deliver it just as late, so the whole notice expires.
  if (current != nullptr && current->last_outcome == core::SendOutcome::kExpired &&
      !current->accepted_at) {
    return Make(DispatchAction::kExpire, "provider_expired");
  }

  FallbackStep step =
      NextChannel(plan, delivery.legs, config.fallback, config.retry.max_attempts, now);
  switch (step.kind) {
    case FallbackStep::kDone:
      return Make(DispatchAction::kDone, "delivered");

    case FallbackStep::kGiveUp:
      if (!step.reason) return Make(DispatchAction::kDeadLetter, "no_route");
      return Make(DispatchAction::kDeadLetter, FallbackReasonName(*step.reason));

    case FallbackStep::kSwitch: {
      if (now >= expires_at) return Make(DispatchAction::kExpire, "max_age");
      if (current == nullptr) return SendNow(step.route, "first_attempt");
      DispatchDecision d = Make(DispatchAction::kFallBack,
                                step.reason ? FallbackReasonName(*step.reason) : "fall_back");
      d.route = step.route;
      return d;
    }

    case FallbackStep::kStay:
      break;
  }

  // The current leg is still in play.
  if (step.current.kind == LegVerdict::kAwaitingReceipt) {
    // Already accepted: the citizen may have it, so age no longer matters here. If the receipt
    // never comes, the fallback that follows is checked against max_age above.
    return WaitUntil(step.current.receipt_deadline, "awaiting_receipt");
  }
  if (now >= expires_at) return Make(DispatchAction::kExpire, "max_age");
  if (current->attempts == 0) return SendNow(current->route, "first_attempt");

  core::TimePoint due;
  if (current->next_attempt_at) {
    due = *current->next_attempt_at;
  } else {
    core::SendResult last;
    last.outcome = current->last_outcome.value_or(core::SendOutcome::kRetryable);
    last.retry_after = current->last_retry_after;
    // JudgeLeg said sendable, so the policy allows this retry (a refusal would carry no delay,
    // which only means the attempt limit ends the leg after one more try).
    RetryDecision retry = DecideRetry(config.retry, current->attempts, last, unit_random);
    due = current->last_attempt_at.value_or(now) + retry.delay;
  }
  if (due >= expires_at) return Make(DispatchAction::kExpire, "max_age");
  if (due <= now) return SendNow(current->route, "retry_due");
  return WaitUntil(due, "retry_backoff");
}

}  // namespace gw::notifier
