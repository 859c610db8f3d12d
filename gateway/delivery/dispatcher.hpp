// The dispatcher: takes due jobs from the outbox (status notices and queued replies), lets the
// pure policy (notifier/dispatch_policy.hpp) decide each one's next step, and carries it out:
// sends through the channel adapters under per-route rate limits, retries with backoff, falls
// back to the next route, expires stale notices and dead-letters what no route could deliver.
//
// Nothing sent twice: every attempt is marked in flight, durably, before it is sent, and carries
// its leg's idempotency key; an attempt found in flight after a crash is sent again under the
// same key, and on routes whose provider cannot deduplicate it is recorded as a possible
// duplicate rather than hidden.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/channel.hpp"
#include "core/clock.hpp"
#include "gateway/delivery/delivery_store.hpp"
#include "gateway/delivery/notice_composer.hpp"
#include "gateway/delivery/send_pool.hpp"
#include "notifier/dispatch_policy.hpp"
#include "notifier/token_bucket.hpp"

namespace gw::gateway::delivery {

struct DispatcherSettings {
  notifier::DispatchConfig policy;
  std::map<notifier::Route, notifier::RateLimit> limits;  // routes absent: not held back
  int batch = 256;                                        // due jobs taken in one turn at most
  int senders = 32;  // sends in flight at once (threads); twice as many jobs may be taken
  std::chrono::milliseconds idle_poll{200};  // how often to look when nobody wakes it
  // Routes whose provider deduplicates by our idempotency key, so a resend after a crash cannot
  // reach the citizen twice.
  std::set<notifier::Route> deduplicating = {notifier::Route::kApp};
};

// Counts for /metrics; may be null.
class DispatchObserver {
 public:
  virtual ~DispatchObserver() = default;
  virtual void OnSend(notifier::Route route, core::SendOutcome outcome) = 0;
  virtual void OnFinish(const std::string& kind, const std::string& state) = 0;
};

class Dispatcher {
 public:
  // Channels by kind (borrowed; a kind absent has no adapter and its routes are never planned).
  Dispatcher(DeliveryStore& store, std::map<core::ChannelKind, core::Channel*> channels,
             const NoticeComposer& composer, const core::Clock& clock, DispatcherSettings settings,
             DispatchObserver* observer = nullptr);
  ~Dispatcher();

  // One turn carried to its end: takes at most `batch` due jobs, sends what is due, waits for
  // those sends and records them. Returns how many jobs it took. For tests; not while the worker
  // thread runs.
  int RunOnce();

  // The worker thread, a loop of turns. Each turn settles the sends that came back, takes due
  // jobs into the free part of the window (2 x senders jobs out at once), writes both in one
  // transaction, and posts the new sends to the send threads without waiting for them. It turns
  // again when a send returns, on Wake(), at the earliest retry time, or after idle_poll. A slow
  // send holds one sender, never the others: sends stream like a client that keeps `senders`
  // requests in flight.
  void Start();
  void Stop();
  // Something was queued or a receipt arrived: look now.
  void Wake();

 private:
  struct Work;
  struct Flight;
  // One turn (see Start); without `admit` it only settles what came back. Returns the jobs taken.
  int Turn(bool admit);
  void WaitForSends();
  bool Prepare(Work& work, core::TimePoint now);
  notifier::RoutePlan PlanFor(const Job& job, Work& work);
  void Step(Work& work, core::TimePoint now);
  void Settle(Work& work, core::TimePoint now);
  void Note(const Work& work, std::vector<JobUpdate>& updates);

  DeliveryStore& store_;
  std::map<core::ChannelKind, core::Channel*> channels_;
  const NoticeComposer& composer_;
  const core::Clock& clock_;
  DispatcherSettings settings_;
  DispatchObserver* observer_;
  notifier::RateLimiters limiters_;
  std::mt19937_64 random_;
  const std::size_t window_;  // jobs whose send is out, at most

  // The loop's own state (the worker thread, or the caller of RunOnce).
  std::unordered_map<std::int64_t, std::unique_ptr<Flight>> flights_;  // by outbox id
  std::optional<core::TimePoint> soonest_;  // the earliest retry a recorded job asked for
  bool more_due_ = false;                   // the last turn left due jobs for want of room

  std::mutex mu_;  // guards finished_ and woken_
  std::condition_variable cv_;
  std::vector<std::int64_t> finished_;  // flights whose send returned, to settle next turn
  bool woken_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  SendPool pool_;  // last: its threads are joined before the state they report to goes
};

}  // namespace gw::gateway::delivery
