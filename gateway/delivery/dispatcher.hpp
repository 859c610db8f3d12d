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
#include <mutex>
#include <random>
#include <set>
#include <thread>

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
  int batch = 256;                                        // jobs per pass
  int senders = 16;                                       // sends in flight at once
  std::chrono::milliseconds idle_poll{200};               // how often to look when nobody wakes it
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

  // One pass over at most `batch` due jobs; returns how many it looked at. For tests and for the
  // worker thread; not to be called concurrently with itself.
  int RunOnce();

  // The worker thread: passes back to back while there is work, else waits for Wake() or
  // idle_poll.
  void Start();
  void Stop();
  // Something was queued or a receipt arrived: look now.
  void Wake();

 private:
  struct Work;
  notifier::RoutePlan PlanFor(const Job& job, Work& work);
  void Step(Work& work, core::TimePoint now);
  void Settle(Work& work, core::TimePoint now);

  DeliveryStore& store_;
  std::map<core::ChannelKind, core::Channel*> channels_;
  const NoticeComposer& composer_;
  const core::Clock& clock_;
  DispatcherSettings settings_;
  DispatchObserver* observer_;
  notifier::RateLimiters limiters_;
  SendPool pool_;
  std::mt19937_64 random_;

  // The earliest time a job left pending by the last pass wants looking at again.
  std::optional<core::TimePoint> soonest_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace gw::gateway::delivery
