// Tests of dispatch decisions, driven through whole deliveries by a scripted outbox loop.
#include "notifier/dispatch_policy.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <string>

using namespace std::chrono_literals;
using gw::core::SendOutcome;
using gw::core::TimePoint;
using gw::notifier::Decide;
using gw::notifier::Delivery;
using gw::notifier::DispatchAction;
using gw::notifier::DispatchConfig;
using gw::notifier::DispatchDecision;
using gw::notifier::Leg;
using gw::notifier::PlanRoutes;
using gw::notifier::ReceiptStatus;
using gw::notifier::Recipient;
using gw::notifier::Route;
using gw::notifier::RouteName;

namespace {

const TimePoint kStart = gw::core::FromUnixMillis(1'790'000'000'000);

Leg OnRoute(Route route) {
  Leg l;
  l.route = route;
  return l;
}

// The outbox loop of dispatch_policy.hpp over a scripted provider, logging each decision as
// "<ms since start> <action> <route or time> <why>".
struct Sim {
  DispatchConfig config;
  Recipient recipient;
  Delivery delivery{kStart, {}};
  TimePoint now = kStart;
  std::map<Route, std::deque<SendOutcome>> script;  // outcomes per send; kRetryable when empty
  std::optional<std::chrono::milliseconds> retry_after;
  std::vector<std::string> log;

  static std::string Ms(TimePoint t) {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::milliseconds>(t - kStart).count());
  }

  DispatchDecision Run(double draw) {
    for (int step = 0; step < 100; ++step) {
      auto plan = PlanRoutes(config.fallback, recipient, now);
      DispatchDecision d = Decide(config, plan, delivery, now, draw);
      std::string what =
          d.action == DispatchAction::kWaitUntil ? Ms(d.at)
          : d.action == DispatchAction::kSendNow || d.action == DispatchAction::kFallBack
              ? std::string(RouteName(d.route))
              : "-";
      log.push_back(Ms(now) + " " + std::string(gw::notifier::DispatchActionName(d.action)) + " " +
                    what + " " + std::string(d.why));
      switch (d.action) {
        case DispatchAction::kSendNow: {
          if (delivery.legs.empty() || delivery.legs.back().route != d.route) {
            delivery.legs.push_back(OnRoute(d.route));
          }
          Leg& leg = delivery.legs.back();
          auto& outcomes = script[d.route];
          SendOutcome o = SendOutcome::kRetryable;
          if (!outcomes.empty()) {
            o = outcomes.front();
            outcomes.pop_front();
          }
          ++leg.attempts;
          leg.last_outcome = o;
          leg.last_retry_after = retry_after;
          leg.last_attempt_at = now;
          leg.next_attempt_at.reset();
          if (o == SendOutcome::kAccepted) leg.accepted_at = now;
          break;
        }
        case DispatchAction::kWaitUntil:
          if (d.why != "awaiting_receipt") delivery.legs.back().next_attempt_at = d.at;
          now = d.at;
          break;
        case DispatchAction::kFallBack:
          delivery.legs.push_back(OnRoute(d.route));
          break;
        default:
          return d;
      }
    }
    FAIL("the delivery did not finish");
    return {};
  }
};

Recipient SmsAndEmail() {
  Recipient r;
  r.addresses = {{Route::kSms, "+84912345678"}, {Route::kEmail, "a@example.vn"}};
  return r;
}

using Log = std::vector<std::string>;

}  // namespace

TEST_CASE("retryable failures back off with jitter, then fall back when retries run out") {
  Sim sim;
  sim.config.retry = {1000ms, 8000ms, 2.0, 5};
  sim.config.max_age = 1h;
  sim.recipient = SmsAndEmail();
  sim.script[Route::kEmail] = {SendOutcome::kAccepted};
  auto end = sim.Run(0.5);
  CHECK(end.action == DispatchAction::kDone);
  CHECK(sim.log == Log{
                       "0 send_now sms first_attempt",
                       "0 wait_until 500 retry_backoff",  // half of 1 s
                       "500 send_now sms retry_due",
                       "500 wait_until 1500 retry_backoff",  // half of 2 s
                       "1500 send_now sms retry_due",
                       "1500 wait_until 3500 retry_backoff",  // half of 4 s
                       "3500 send_now sms retry_due",
                       "3500 wait_until 7500 retry_backoff",  // half of 8 s, the cap
                       "7500 send_now sms retry_due",
                       "7500 fall_back email retries_exhausted",
                       "7500 send_now email first_attempt",
                       "7500 done - delivered",
                   });
}

TEST_CASE("a stale notice expires instead of arriving late") {
  Sim sim;
  sim.config.retry = {4000ms, 60000ms, 2.0, 10};
  sim.config.max_age = 10s;
  sim.recipient = SmsAndEmail();
  auto end = sim.Run(0.999);
  CHECK(end.action == DispatchAction::kExpire);
  // The second retry would be due at 3996 + 7992 ms, past the 10 s age: expire now, not then.
  CHECK(sim.log == Log{
                       "0 send_now sms first_attempt",
                       "0 wait_until 3996 retry_backoff",
                       "3996 send_now sms retry_due",
                       "3996 expire - max_age",
                   });
}

TEST_CASE("no receipt within the configured time: the next route, from the origin down") {
  Sim sim;
  sim.config.max_age = 24h;
  sim.recipient = SmsAndEmail();
  sim.recipient.origin = Route::kZalo;
  sim.recipient.addresses[Route::kZalo] = "zalo-uid-1";
  sim.recipient.addresses[Route::kZns] = "84912345678";
  sim.recipient.last_zalo_inbound = kStart - 2h;
  sim.script[Route::kZalo] = {SendOutcome::kAccepted};
  sim.script[Route::kZns] = {SendOutcome::kAccepted};
  sim.script[Route::kSms] = {SendOutcome::kAccepted};
  sim.script[Route::kEmail] = {SendOutcome::kAccepted};
  auto end = sim.Run(0.5);
  CHECK(end.action == DispatchAction::kDone);
  CHECK(sim.log == Log{
                       "0 send_now zalo first_attempt", "0 wait_until 900000 awaiting_receipt",
                       "900000 fall_back zns no_receipt", "900000 send_now zns first_attempt",
                       "900000 wait_until 1800000 awaiting_receipt",
                       "1800000 fall_back sms no_receipt", "1800000 send_now sms first_attempt",
                       "1800000 wait_until 3600000 awaiting_receipt",
                       "3600000 fall_back email no_receipt", "3600000 send_now email first_attempt",
                       "3600000 done - delivered",  // e-mail has no receipts
                   });
}

TEST_CASE("a receipt ends the wait; a missing one past the age expires instead of falling back") {
  DispatchConfig config;
  config.max_age = 20min;
  Recipient r = SmsAndEmail();
  auto plan = PlanRoutes(config.fallback, r, kStart);
  Leg sms = OnRoute(Route::kSms);
  sms.attempts = 1;
  sms.last_outcome = SendOutcome::kAccepted;
  sms.last_attempt_at = kStart;
  sms.accepted_at = kStart;
  Delivery d{kStart, {sms}};

  CHECK(Decide(config, plan, d, kStart + 10min, 0.5).action == DispatchAction::kWaitUntil);
  d.legs[0].receipt = ReceiptStatus::kDelivered;
  CHECK(Decide(config, plan, d, kStart + 10min, 0.5).action == DispatchAction::kDone);
  d.legs[0].receipt = ReceiptStatus::kFailed;
  auto failed = Decide(config, plan, d, kStart + 10min, 0.5);
  CHECK(failed.action == DispatchAction::kFallBack);
  CHECK(failed.route == Route::kEmail);
  CHECK(failed.why == "receipt_failed");
  d.legs[0].receipt = ReceiptStatus::kNone;
  auto late = Decide(config, plan, d, kStart + 30min, 0.5);
  CHECK(late.action == DispatchAction::kExpire);
  CHECK(late.why == "max_age");
}

TEST_CASE("a Zalo window closing during retries moves on to ZNS") {
  Sim sim;
  sim.config.retry = {1000ms, 8000ms, 2.0, 5};
  sim.recipient.addresses = {{Route::kZalo, "zalo-uid-1"}, {Route::kZns, "84912345678"}};
  sim.recipient.last_zalo_inbound = kStart - 48h + 200ms;
  sim.script[Route::kZns] = {SendOutcome::kAccepted};
  sim.config.fallback.receipt_timeout.erase(Route::kZns);
  sim.Run(0.5);
  CHECK(sim.log == Log{
                       "0 send_now zalo first_attempt",
                       "0 wait_until 500 retry_backoff",
                       "500 fall_back zns no_longer_eligible",
                       "500 send_now zns first_attempt",
                       "500 done - delivered",
                   });
}

TEST_CASE("dead letters: nobody reachable, or every route failed for good") {
  SUBCASE("no route at all") {
    Sim sim;
    sim.recipient.opted_out = {gw::core::ChannelKind::kSms, gw::core::ChannelKind::kEmail};
    sim.recipient.addresses = SmsAndEmail().addresses;
    auto end = sim.Run(0.5);
    CHECK(end.action == DispatchAction::kDeadLetter);
    CHECK(sim.log == Log{"0 dead_letter - no_route"});
  }
  SUBCASE("each route rejects") {
    Sim sim;
    sim.recipient = SmsAndEmail();
    sim.script[Route::kSms] = {SendOutcome::kRejected};
    sim.script[Route::kEmail] = {SendOutcome::kMalformed};
    auto end = sim.Run(0.5);
    CHECK(end.action == DispatchAction::kDeadLetter);
    CHECK(sim.log == Log{
                         "0 send_now sms first_attempt",
                         "0 fall_back email permanent_failure",
                         "0 send_now email first_attempt",
                         "0 dead_letter - permanent_failure",
                     });
  }
}

TEST_CASE("a provider's expiry ends the notice on every route") {
  Sim sim;
  sim.recipient = SmsAndEmail();
  sim.script[Route::kSms] = {SendOutcome::kExpired};
  auto end = sim.Run(0.5);
  CHECK(end.action == DispatchAction::kExpire);
  CHECK(end.why == "provider_expired");
}

TEST_CASE("retry times are honoured as chosen, and the provider's retry-after is a floor") {
  DispatchConfig config;
  config.retry = {1000ms, 8000ms, 2.0, 5};
  Recipient r = SmsAndEmail();
  auto plan = PlanRoutes(config.fallback, r, kStart);
  Leg sms = OnRoute(Route::kSms);
  sms.attempts = 1;
  sms.last_outcome = SendOutcome::kRetryable;
  sms.last_attempt_at = kStart;
  Delivery d{kStart, {sms}};

  // Anchored at the last attempt, not at the time of the decision.
  CHECK(Decide(config, plan, d, kStart + 100ms, 0.5).at == kStart + 500ms);
  // Once chosen, a new draw does not move it.
  d.legs[0].next_attempt_at = kStart + 500ms;
  CHECK(Decide(config, plan, d, kStart + 100ms, 0.9).at == kStart + 500ms);
  auto due = Decide(config, plan, d, kStart + 500ms, 0.9);
  CHECK(due.action == DispatchAction::kSendNow);
  CHECK(due.why == "retry_due");

  d.legs[0].next_attempt_at.reset();
  d.legs[0].last_retry_after = 60s;
  auto floor = Decide(config, plan, d, kStart, 0.0);
  CHECK(floor.action == DispatchAction::kWaitUntil);
  CHECK(floor.at == kStart + 60s);

  // A zero draw means retry at once.
  d.legs[0].last_retry_after.reset();
  CHECK(Decide(config, plan, d, kStart, 0.0).action == DispatchAction::kSendNow);
}
