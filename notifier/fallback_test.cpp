// Tests of route planning (origin first, chain, opt-out, addresses, the Zalo window) and fallback.
#include "notifier/fallback.hpp"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using gw::core::ChannelKind;
using gw::core::SendOutcome;
using gw::core::TimePoint;
using gw::notifier::FallbackConfig;
using gw::notifier::FallbackReason;
using gw::notifier::FallbackStep;
using gw::notifier::JudgeLeg;
using gw::notifier::Leg;
using gw::notifier::LegVerdict;
using gw::notifier::NextChannel;
using gw::notifier::PlanRoutes;
using gw::notifier::ReceiptStatus;
using gw::notifier::Recipient;
using gw::notifier::Route;
using gw::notifier::RoutePlan;
using gw::notifier::SkipReason;

namespace {

const TimePoint kNow = gw::core::FromUnixMillis(1'790'000'000'000);

// A citizen reachable everywhere, who last wrote to the OA an hour ago.
Recipient Everywhere() {
  Recipient r;
  r.addresses = {{Route::kZalo, "zalo-uid-1"},
                 {Route::kZns, "84912345678"},
                 {Route::kSms, "+84912345678"},
                 {Route::kEmail, "a@example.vn"},
                 {Route::kApp, "app-user-1"}};
  r.last_zalo_inbound = kNow - 1h;
  return r;
}

using Routes = std::vector<Route>;

Leg Tried(Route route, SendOutcome outcome, int attempts = 1) {
  Leg l;
  l.route = route;
  l.attempts = attempts;
  l.last_outcome = outcome;
  l.last_attempt_at = kNow - 1min;
  if (outcome == SendOutcome::kAccepted) l.accepted_at = kNow - 1min;
  return l;
}

}  // namespace

TEST_CASE("route names round-trip and map to their adapters") {
  for (Route r : gw::notifier::kAllRoutes) {
    CHECK(gw::notifier::ParseRoute(gw::notifier::RouteName(r)) == r);
  }
  CHECK_FALSE(gw::notifier::ParseRoute("fax").has_value());
  CHECK(gw::notifier::ChannelFor(Route::kZns) == ChannelKind::kZalo);
  CHECK(gw::notifier::ChannelFor(Route::kSms) == ChannelKind::kSms);
  CHECK(gw::notifier::RouteForOrigin(ChannelKind::kZalo) == Route::kZalo);
  CHECK(gw::notifier::RouteForOrigin(ChannelKind::kEmail) == Route::kEmail);
}

TEST_CASE("the chain is followed in order, the origin first") {
  FallbackConfig config;
  Recipient r = Everywhere();
  CHECK(PlanRoutes(config, r, kNow).order ==
        Routes{Route::kZalo, Route::kZns, Route::kSms, Route::kEmail, Route::kApp});
  r.origin = Route::kEmail;
  CHECK(PlanRoutes(config, r, kNow).order ==
        Routes{Route::kEmail, Route::kZalo, Route::kZns, Route::kSms, Route::kApp});
  r.origin = Route::kApp;
  CHECK(PlanRoutes(config, r, kNow).order.front() == Route::kApp);

  SUBCASE("an origin outside the chain is skipped, not tried") {
    r.origin = Route::kIvr;
    r.addresses[Route::kIvr] = "+84912345678";
    auto plan = PlanRoutes(config, r, kNow);
    CHECK(plan.order.front() == Route::kZalo);
    REQUIRE(plan.skipped.size() == 1);
    CHECK(plan.skipped[0].route == Route::kIvr);
    CHECK(plan.skipped[0].reason == SkipReason::kNotInChain);
  }
}

TEST_CASE("opted-out channels and missing addresses are skipped, with why") {
  FallbackConfig config;
  Recipient r = Everywhere();
  r.opted_out = {ChannelKind::kZalo, ChannelKind::kEmail};
  r.addresses.erase(Route::kApp);
  r.addresses[Route::kSms] = "";
  auto plan = PlanRoutes(config, r, kNow);
  CHECK(plan.order.empty());
  REQUIRE(plan.skipped.size() == 5);
  CHECK(plan.skipped[0].reason == SkipReason::kOptedOut);   // zalo
  CHECK(plan.skipped[1].reason == SkipReason::kOptedOut);   // zns: opting out of Zalo covers it
  CHECK(plan.skipped[2].reason == SkipReason::kNoAddress);  // sms, empty
  CHECK(plan.skipped[3].reason == SkipReason::kOptedOut);   // email
  CHECK(plan.skipped[4].reason == SkipReason::kNoAddress);  // app
  CHECK(gw::notifier::SkipReasonName(SkipReason::kOptedOut) == "opted_out");
}

TEST_CASE("Zalo OA messages only inside the 48-hour window; ZNS beyond it") {
  FallbackConfig config;
  Recipient r = Everywhere();
  r.origin = Route::kZalo;
  r.last_zalo_inbound = kNow - 47h - 59min;
  CHECK(PlanRoutes(config, r, kNow).order.front() == Route::kZalo);
  r.last_zalo_inbound = kNow - 48h;
  auto closed = PlanRoutes(config, r, kNow);
  CHECK(closed.order.front() == Route::kZns);
  REQUIRE(closed.skipped.size() == 1);
  CHECK(closed.skipped[0].reason == SkipReason::kOutsideZaloWindow);
  r.last_zalo_inbound.reset();  // never wrote to the OA
  CHECK(PlanRoutes(config, r, kNow).order.front() == Route::kZns);
  config.zalo_window = 7 * 24h;
  r.last_zalo_inbound = kNow - 72h;
  CHECK(PlanRoutes(config, r, kNow).order.front() == Route::kZalo);
}

TEST_CASE("judging a leg: permanent failures, exhausted retries, receipts") {
  FallbackConfig config;
  RoutePlan plan = PlanRoutes(config, Everywhere(), kNow);
  const int max_attempts = 3;
  auto judge = [&](const Leg& l) { return JudgeLeg(l, plan, config, max_attempts, kNow); };

  CHECK(judge(Tried(Route::kSms, SendOutcome::kRetryable, 0)).kind == LegVerdict::kSendable);
  CHECK(judge(Tried(Route::kSms, SendOutcome::kRetryable, 2)).kind == LegVerdict::kSendable);
  auto exhausted = judge(Tried(Route::kSms, SendOutcome::kRetryable, 3));
  CHECK(exhausted.kind == LegVerdict::kFailed);
  CHECK(exhausted.reason == FallbackReason::kRetriesExhausted);
  for (auto o : {SendOutcome::kRejected, SendOutcome::kMalformed}) {
    auto v = judge(Tried(Route::kSms, o));
    CHECK(v.kind == LegVerdict::kFailed);
    CHECK(v.reason == FallbackReason::kPermanentFailure);
  }

  SUBCASE("SMS waits for its receipt, then gives up on it") {
    Leg sms = Tried(Route::kSms, SendOutcome::kAccepted);
    auto waiting = judge(sms);
    CHECK(waiting.kind == LegVerdict::kAwaitingReceipt);
    CHECK(waiting.receipt_deadline == kNow - 1min + 30min);
    sms.accepted_at = kNow - 30min;
    auto late = judge(sms);
    CHECK(late.kind == LegVerdict::kFailed);
    CHECK(late.reason == FallbackReason::kNoReceipt);
    sms.receipt = ReceiptStatus::kDelivered;
    CHECK(judge(sms).kind == LegVerdict::kDelivered);
    sms.receipt = ReceiptStatus::kFailed;
    CHECK(judge(sms).reason == FallbackReason::kReceiptFailed);
  }
  SUBCASE("e-mail has no receipts: acceptance is delivery") {
    CHECK(judge(Tried(Route::kEmail, SendOutcome::kAccepted)).kind == LegVerdict::kDelivered);
  }
  SUBCASE("an opt-out during retries ends the leg before anything reached the citizen") {
    Recipient r = Everywhere();
    r.opted_out = {ChannelKind::kSms};
    RoutePlan now_plan = PlanRoutes(config, r, kNow);
    auto v = JudgeLeg(Tried(Route::kSms, SendOutcome::kRetryable), now_plan, config, 3, kNow);
    CHECK(v.reason == FallbackReason::kNoLongerEligible);
    // Once accepted the leg stands: opting out later does not unsend it.
    CHECK(JudgeLeg(Tried(Route::kSms, SendOutcome::kAccepted), now_plan, config, 3, kNow).kind ==
          LegVerdict::kAwaitingReceipt);
  }
}

TEST_CASE("the next channel follows the plan and gives up at its end") {
  FallbackConfig config;
  Recipient r = Everywhere();
  r.origin = Route::kApp;
  r.opted_out = {ChannelKind::kEmail};
  RoutePlan plan = PlanRoutes(config, r, kNow);
  REQUIRE(plan.order == Routes{Route::kApp, Route::kZalo, Route::kZns, Route::kSms});
  auto next = [&](const std::vector<Leg>& legs) {
    return NextChannel(plan, legs, config, 3, kNow);
  };

  auto first = next({});
  CHECK(first.kind == FallbackStep::kSwitch);
  CHECK(first.route == Route::kApp);
  CHECK_FALSE(first.reason.has_value());

  std::vector<Leg> legs = {Tried(Route::kApp, SendOutcome::kRejected)};
  auto second = next(legs);
  CHECK(second.kind == FallbackStep::kSwitch);
  CHECK(second.route == Route::kZalo);
  CHECK(second.reason == FallbackReason::kPermanentFailure);

  legs.push_back(Tried(Route::kZalo, SendOutcome::kRetryable, 1));
  CHECK(next(legs).kind == FallbackStep::kStay);
  legs.back().attempts = 3;
  CHECK(next(legs).route == Route::kZns);
  CHECK(next(legs).reason == FallbackReason::kRetriesExhausted);

  legs.push_back(Tried(Route::kZns, SendOutcome::kAccepted));
  legs.back().accepted_at = kNow - 16min;  // ZNS receipts are due within 15 minutes
  CHECK(next(legs).route == Route::kSms);
  CHECK(next(legs).reason == FallbackReason::kNoReceipt);

  legs.push_back(Tried(Route::kSms, SendOutcome::kMalformed));
  auto end = next(legs);
  CHECK(end.kind == FallbackStep::kGiveUp);
  CHECK(end.reason == FallbackReason::kPermanentFailure);

  SUBCASE("a late receipt on an earlier route ends it all") {
    legs[2].receipt = ReceiptStatus::kDelivered;
    CHECK(next(legs).kind == FallbackStep::kDone);
  }
  SUBCASE("nobody reachable: give up at once") {
    RoutePlan empty;
    auto none = NextChannel(empty, {}, config, 3, kNow);
    CHECK(none.kind == FallbackStep::kGiveUp);
    CHECK_FALSE(none.reason.has_value());
  }
}
