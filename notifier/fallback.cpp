// Route planning and the per-leg verdicts that drive fallback.
#include "notifier/fallback.hpp"

#include <algorithm>

namespace gw::notifier {
namespace {

bool Contains(const std::vector<Route>& routes, Route r) {
  return std::find(routes.begin(), routes.end(), r) != routes.end();
}

// Why `route` cannot be used for `recipient` now, or nothing when it can.
std::optional<SkipReason> Ineligible(const FallbackConfig& config, const Recipient& recipient,
                                     Route route, core::TimePoint now) {
  if (recipient.opted_out.count(ChannelFor(route)) != 0) return SkipReason::kOptedOut;
  auto it = recipient.addresses.find(route);
  if (it == recipient.addresses.end() || it->second.empty()) return SkipReason::kNoAddress;
  if (route == Route::kZalo) {
    // A citizen who never wrote to the OA cannot be messaged by it at all.
    if (!recipient.last_zalo_inbound || now - *recipient.last_zalo_inbound >= config.zalo_window) {
      return SkipReason::kOutsideZaloWindow;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view SkipReasonName(SkipReason reason) {
  switch (reason) {
    case SkipReason::kNotInChain:
      return "not_in_chain";
    case SkipReason::kOptedOut:
      return "opted_out";
    case SkipReason::kNoAddress:
      return "no_address";
    case SkipReason::kOutsideZaloWindow:
      return "outside_zalo_window";
  }
  return "not_in_chain";
}

std::string_view FallbackReasonName(FallbackReason reason) {
  switch (reason) {
    case FallbackReason::kPermanentFailure:
      return "permanent_failure";
    case FallbackReason::kRetriesExhausted:
      return "retries_exhausted";
    case FallbackReason::kNoReceipt:
      return "no_receipt";
    case FallbackReason::kReceiptFailed:
      return "receipt_failed";
    case FallbackReason::kNoLongerEligible:
      return "no_longer_eligible";
  }
  return "permanent_failure";
}

RoutePlan PlanRoutes(const FallbackConfig& config, const Recipient& recipient,
                     core::TimePoint now) {
  std::vector<Route> candidates;
  if (recipient.origin) candidates.push_back(*recipient.origin);
  for (Route r : config.chain) {
    if (!Contains(candidates, r)) candidates.push_back(r);
  }
  RoutePlan plan;
  for (Route r : candidates) {
    if (!Contains(config.chain, r)) {
      plan.skipped.push_back({r, SkipReason::kNotInChain});
    } else if (auto why = Ineligible(config, recipient, r, now)) {
      plan.skipped.push_back({r, *why});
    } else {
      plan.order.push_back(r);
    }
  }
  return plan;
}

LegVerdict JudgeLeg(const Leg& leg, const RoutePlan& plan, const FallbackConfig& config,
                    int max_attempts, core::TimePoint now) {
  LegVerdict v;
  // A receipt settles the leg whatever else was recorded: receipts can overtake the record of
  // the acceptance they confirm.
  if (leg.receipt == ReceiptStatus::kDelivered) {
    v.kind = LegVerdict::kDelivered;
    return v;
  }
  if (leg.receipt == ReceiptStatus::kFailed) {
    v.kind = LegVerdict::kFailed;
    v.reason = FallbackReason::kReceiptFailed;
    return v;
  }
  if (leg.accepted_at) {
    auto timeout = config.receipt_timeout.find(leg.route);
    if (timeout == config.receipt_timeout.end()) {
      v.kind = LegVerdict::kDelivered;
      return v;
    }
    v.receipt_deadline = *leg.accepted_at + timeout->second;
    if (now < v.receipt_deadline) {
      v.kind = LegVerdict::kAwaitingReceipt;
    } else {
      v.kind = LegVerdict::kFailed;
      v.reason = FallbackReason::kNoReceipt;
    }
    return v;
  }
  // Not accepted yet, so nothing has reached the citizen: stop at once if they opted out or the
  // Zalo window closed meanwhile.
  if (!Contains(plan.order, leg.route)) {
    v.kind = LegVerdict::kFailed;
    v.reason = FallbackReason::kNoLongerEligible;
    return v;
  }
  if (!leg.last_outcome || leg.attempts == 0) return v;  // kSendable: first send
  switch (*leg.last_outcome) {
    case core::SendOutcome::kAccepted:
      // Accepted without accepted_at is a caller bug; sending again could duplicate, so treat it
      // as delivered on a route without receipts.
      v.kind = LegVerdict::kDelivered;
      return v;
    case core::SendOutcome::kRetryable:
      if (leg.attempts >= max_attempts) {
        v.kind = LegVerdict::kFailed;
        v.reason = FallbackReason::kRetriesExhausted;
      }
      return v;
    case core::SendOutcome::kRejected:
    case core::SendOutcome::kMalformed:
    case core::SendOutcome::kExpired:
      v.kind = LegVerdict::kFailed;
      v.reason = FallbackReason::kPermanentFailure;
      return v;
  }
  return v;
}

FallbackStep NextChannel(const RoutePlan& plan, const std::vector<Leg>& legs,
                         const FallbackConfig& config, int max_attempts, core::TimePoint now) {
  FallbackStep step;
  // A late receipt on an earlier route still ends the delivery: no need to go on down the chain.
  for (const Leg& leg : legs) {
    if (leg.receipt == ReceiptStatus::kDelivered) {
      step.kind = FallbackStep::kDone;
      return step;
    }
  }
  if (!legs.empty()) {
    step.current = JudgeLeg(legs.back(), plan, config, max_attempts, now);
    switch (step.current.kind) {
      case LegVerdict::kSendable:
      case LegVerdict::kAwaitingReceipt:
        step.kind = FallbackStep::kStay;
        return step;
      case LegVerdict::kDelivered:
        step.kind = FallbackStep::kDone;
        return step;
      case LegVerdict::kFailed:
        step.reason = step.current.reason;
        break;
    }
  }
  for (Route r : plan.order) {
    bool tried = std::any_of(legs.begin(), legs.end(), [r](const Leg& l) { return l.route == r; });
    if (!tried) {
      step.kind = FallbackStep::kSwitch;
      step.route = r;
      return step;
    }
  }
  step.kind = FallbackStep::kGiveUp;
  return step;
}

}  // namespace gw::notifier
