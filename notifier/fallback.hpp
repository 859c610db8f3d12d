// Which route a notice takes to a citizen, and when it gives up on one for the next: the route the
// citizen wrote from first, then a configured chain, skipping opted-out and unreachable routes.
//
// Pure: the caller passes the time and the attempts so far (as persisted by the outbox).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/channel.hpp"
#include "core/clock.hpp"
#include "notifier/route.hpp"

namespace gw::notifier {

struct FallbackConfig {
  // The allowed routes in order of preference; a route not listed is never used for notices.
  std::vector<Route> chain = {Route::kZalo, Route::kZns, Route::kSms, Route::kEmail, Route::kApp};
  // Zalo lets an OA message a follower freely only this long after the follower's last message.
  std::chrono::milliseconds zalo_window = std::chrono::hours(48);
  // How long after a provider accepted a send a delivery receipt must arrive before the next
  // route is tried. Routes absent here have no receipts: acceptance counts as delivered.
  std::map<Route, std::chrono::milliseconds> receipt_timeout = {
      {Route::kZalo, std::chrono::minutes(15)},
      {Route::kZns, std::chrono::minutes(15)},
      {Route::kSms, std::chrono::minutes(30)},
  };
};

// What the notifier knows about one recipient when it plans.
struct Recipient {
  std::optional<Route> origin;  // the route answering where the request came from (RouteForOrigin)
  std::map<Route, std::string> addresses;  // by route; ZNS and SMS both take the phone number
  std::set<core::ChannelKind> opted_out;   // per channel: opting out of Zalo stops OA and ZNS
  std::optional<core::TimePoint> last_zalo_inbound;  // the citizen's last message to the OA
};

enum class SkipReason {
  kNotInChain,         // the origin route is not allowed for notices
  kOptedOut,           // the citizen asked not to be notified on this channel
  kNoAddress,          // no address known for this route
  kOutsideZaloWindow,  // more than zalo_window since the citizen last wrote to the OA (or never)
};
std::string_view SkipReasonName(SkipReason reason);  // "not_in_chain", "opted_out", ...

struct RoutePlan {
  std::vector<Route> order;  // the routes to try, best first, each once
  struct Skipped {
    Route route;
    SkipReason reason;
  };
  std::vector<Skipped> skipped;  // the rest, with why (shown in a notification's delivery state)
};

// Plans at `now` (the Zalo window depends on it). Re-plan before each decision, so that an opt-out
// or a closing window takes effect during a delivery.
RoutePlan PlanRoutes(const FallbackConfig& config, const Recipient& recipient, core::TimePoint now);

enum class ReceiptStatus { kNone, kDelivered, kFailed };

// One route's attempts for one notice, as the outbox persists them.
struct Leg {
  Route route = Route::kSms;
  int attempts = 0;  // sends made on this route
  std::optional<core::SendOutcome> last_outcome;
  std::optional<std::chrono::milliseconds> last_retry_after;  // the provider's, if it gave one
  std::optional<core::TimePoint> last_attempt_at;
  std::optional<core::TimePoint> accepted_at;  // when a send on this route was accepted
  ReceiptStatus receipt = ReceiptStatus::kNone;
  // When the next retry is due, once a kWaitUntil decision (dispatch_policy.hpp) chose it; kept
  // so that a restart or a second look does not draw a new jitter and move the retry.
  std::optional<core::TimePoint> next_attempt_at;
};

// Why a route was given up.
enum class FallbackReason {
  kPermanentFailure,  // kRejected or kMalformed (or kExpired, when dispatch does not catch it)
  kRetriesExhausted,  // kRetryable max_attempts times
  kNoReceipt,         // accepted, but no receipt within receipt_timeout
  kReceiptFailed,     // the receipt said it was not delivered
  kNoLongerEligible,  // opted out, or the Zalo window closed, before it was accepted
};
std::string_view FallbackReasonName(FallbackReason reason);  // "permanent_failure", ...

// Where a leg stands.
struct LegVerdict {
  enum Kind {
    kSendable,         // not sent yet, or a retry is due (dispatch decides when)
    kAwaitingReceipt,  // accepted; waiting for a receipt until `receipt_deadline`
    kDelivered,        // delivered (or accepted on a route without receipts)
    kFailed,           // give this route up for `reason`
  };
  Kind kind = kSendable;
  std::optional<FallbackReason> reason;
  core::TimePoint receipt_deadline;
};

// `max_attempts` is the retry policy's (RetryPolicy::max_attempts).
LegVerdict JudgeLeg(const Leg& leg, const RoutePlan& plan, const FallbackConfig& config,
                    int max_attempts, core::TimePoint now);

struct FallbackStep {
  enum Kind {
    kStay,    // the current leg is still in play (see `current`)
    kSwitch,  // start a leg on `route` (the first one when there were no legs)
    kDone,    // some leg delivered: stop
    kGiveUp,  // no route left: dead letter
  };
  Kind kind = kStay;
  Route route = Route::kSms;             // kSwitch
  std::optional<FallbackReason> reason;  // kSwitch after a failed leg, kGiveUp after one
  LegVerdict current;                    // the last leg's verdict, when there is one
};

// Given the legs so far (oldest first; the last is current), says whether to stay, switch to the
// next planned route not yet tried, stop because one delivered, or give up.
FallbackStep NextChannel(const RoutePlan& plan, const std::vector<Leg>& legs,
                         const FallbackConfig& config, int max_attempts, core::TimePoint now);

}  // namespace gw::notifier
