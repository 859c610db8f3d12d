// The dispatcher's loop: settle what came back, take what is due, mark, send.
#include "gateway/delivery/dispatcher.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "core/thread_name.hpp"
#include "gateway/delivery/outbound_codec.hpp"

namespace gw::gateway::delivery {
namespace {

const core::Logger kLog("gateway.delivery");

using notifier::DispatchAction;
using notifier::Route;

// The fallback chain cut to the routes some adapter carries.
DispatcherSettings WithAvailableRoutes(
    DispatcherSettings s, const std::map<core::ChannelKind, core::Channel*>& channels) {
  auto& chain = s.policy.fallback.chain;
  chain.erase(std::remove_if(chain.begin(), chain.end(),
                             [&](Route r) { return !channels.contains(notifier::ChannelFor(r)); }),
              chain.end());
  return s;
}

notifier::Leg NewLeg(Route route) {
  notifier::Leg leg;
  leg.route = route;
  return leg;
}

}  // namespace

struct Dispatcher::Work {
  const Job* job = nullptr;  // owned by the Flight
  notifier::RoutePlan plan;
  notifier::Recipient recipient;
  std::optional<StatusPush> push;
  std::optional<core::OutboundMessage> reply;
  notifier::Delivery delivery;
  std::set<Route> in_flight;  // legs whose last attempt's outcome is unknown (a crash)
  // The send chosen in this pass.
  bool send = false;
  AttemptStart start;
  core::OutboundMessage message;
  std::optional<core::SendResult> preset;  // could not be composed: recorded, never sent
  core::SendResult result;
  std::optional<JobUpdate> update;
};

// A job taken for a send, kept until the send's outcome is recorded.
struct Dispatcher::Flight {
  Job job;
  Work work;
};

Dispatcher::Dispatcher(DeliveryStore& store, std::map<core::ChannelKind, core::Channel*> channels,
                       const NoticeComposer& composer, const core::Clock& clock,
                       DispatcherSettings settings, DispatchObserver* observer)
    : store_(store),
      channels_(std::move(channels)),
      composer_(composer),
      clock_(clock),
      settings_(WithAvailableRoutes(std::move(settings), channels_)),
      observer_(observer),
      limiters_(settings_.limits, clock),
      random_(std::random_device{}()),
      window_(2 * static_cast<std::size_t>(std::max(1, settings_.senders))),
      pool_(std::max(1, settings_.senders)) {}

Dispatcher::~Dispatcher() {
  Stop();
}

notifier::RoutePlan Dispatcher::PlanFor(const Job& job, Work& w) {
  const auto now = clock_.Now();
  if (job.kind == "reply") {
    auto reply = DecodeOutbound(job.payload);
    if (!reply.ok()) return {};
    w.reply = std::move(reply).value();
    const Route route = notifier::RouteForOrigin(w.reply->to.channel);
    w.recipient.addresses[route] = w.reply->to.address;
    notifier::RoutePlan plan;
    if (channels_.contains(notifier::ChannelFor(route))) plan.order.push_back(route);
    return plan;
  }
  auto push = ParseStatusPush(job.payload);
  if (!push.ok()) return {};
  w.push = std::move(push).value();
  auto recipient = store_.ResolveRecipient(w.push->recipient);
  if (!recipient.ok()) {
    kLog.Warn("recipient not resolved; using the push's addresses only",
              {{"outbox_id", std::to_string(job.outbox_id)}, {"error", recipient.error().message}});
  } else {
    w.recipient = std::move(recipient).value();
  }
  return notifier::PlanRoutes(settings_.policy.fallback, w.recipient, now);
}

// Decides until the job has something to do now or nothing before a time; `may_send` is false
// after this pass's send, whose follow-up waits for the next pass.
void Dispatcher::Step(Work& w, core::TimePoint now) {
  const bool may_send = !w.send;
  const Job& job = *w.job;
  auto& legs = w.delivery.legs;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int guard = 0; guard < 16; ++guard) {
    auto d = notifier::Decide(settings_.policy, w.plan, w.delivery, now, unit(random_));
    JobUpdate u;
    u.outbox_id = job.outbox_id;
    u.detail = std::string(d.why);
    u.round = job.round;
    u.receipts_seen =
        static_cast<int>(std::count_if(job.legs.begin(), job.legs.end(), [](const LegRecord& l) {
          return l.leg.receipt != notifier::ReceiptStatus::kNone;
        }));
    switch (d.action) {
      case DispatchAction::kFallBack:
        legs.push_back(NewLeg(d.route));
        continue;
      case DispatchAction::kSendNow: {
        if (!may_send) {
          u.state = "pending";
          u.next_attempt_at = now;
          w.update = u;
          return;
        }
        if (legs.empty() || legs.back().route != d.route) {
          legs.push_back(NewLeg(d.route));
        }
        auto admission = limiters_.TryTake(d.route);
        if (!admission.admitted) {  // not an attempt: look again when a token is there
          u.state = "pending";
          u.next_attempt_at = now + admission.wait;
          u.detail = "rate_limited";
          w.update = u;
          return;
        }
        const std::string& address = w.recipient.addresses[d.route];
        w.send = true;
        w.start = AttemptStart{
            job.outbox_id,
            job.round,
            d.route,
            address,
            LegKey(job.outbox_id, d.route, job.round),
            w.in_flight.contains(d.route) && !settings_.deduplicating.contains(d.route)};
        if (w.reply) {
          w.message = *w.reply;
          w.message.to = {notifier::ChannelFor(d.route), address};
          if (d.route == Route::kEmail && w.message.subject.empty()) {
            w.message.subject = composer_.ReplySubject(w.message.rejection.has_value());
          }
        } else {
          auto composed = composer_.Compose(*w.push, d.route, address);
          if (composed.ok()) {
            w.message = std::move(composed).value();
          } else {
            core::SendResult bad;
            bad.outcome = core::SendOutcome::kMalformed;
            bad.detail = composed.error().message;
            bad.safe_text = composed.error().message;
            w.preset = bad;
          }
        }
        w.message.idempotency_key = w.start.key;
        return;
      }
      case DispatchAction::kWaitUntil:
        u.state = "pending";
        u.next_attempt_at = d.at;
        if (d.why != "awaiting_receipt" && !legs.empty()) {
          u.leg_key = LegKey(job.outbox_id, legs.back().route, job.round);
          u.leg_next_attempt_at = d.at;
        }
        w.update = u;
        return;
      case DispatchAction::kExpire:
        u.state = "expired";
        w.update = u;
        return;
      case DispatchAction::kDeadLetter:
        u.state = "dead";
        w.update = u;
        return;
      case DispatchAction::kDone:
        u.state = "delivered";
        w.update = u;
        return;
    }
  }
  // The policy kept falling back without settling: a bug; look again later rather than spin.
  w.update =
      JobUpdate{job.outbox_id, "pending", now + std::chrono::seconds(30), "", {}, "policy_loop",
                job.round,     0};
}

// Folds this pass's send into the leg and decides where the job stands now.
void Dispatcher::Settle(Work& w, core::TimePoint now) {
  auto& leg = w.delivery.legs.back();
  leg.attempts += 1;
  leg.last_outcome = w.result.outcome;
  leg.last_retry_after = w.result.retry_after;
  leg.last_attempt_at = now;
  leg.next_attempt_at.reset();
  if (w.result.outcome == core::SendOutcome::kAccepted) leg.accepted_at = now;
  w.update.reset();
  Step(w, now);
}

// Where a job stands after this turn goes into `updates`; counted, logged, and remembered when
// it wants looking at again soon.
void Dispatcher::Note(const Work& w, std::vector<JobUpdate>& updates) {
  if (!w.update) return;
  const JobUpdate& u = *w.update;
  if (observer_ != nullptr && u.state != "pending") observer_->OnFinish(w.job->kind, u.state);
  if (u.state == "dead" || u.state == "expired") {
    kLog.Warn("delivery given up", {{"outbox_id", std::to_string(w.job->outbox_id)},
                                    {"kind", w.job->kind},
                                    {"state", u.state},
                                    {"why", u.detail}});
  }
  if (u.state == "pending" && u.next_attempt_at && (!soonest_ || *u.next_attempt_at < *soonest_)) {
    soonest_ = u.next_attempt_at;
  }
  updates.push_back(u);
}

// Plans a due job and decides its next step; false when its payload cannot be read (then it is
// dead-lettered).
bool Dispatcher::Prepare(Work& w, core::TimePoint now) {
  const Job& job = *w.job;
  w.plan = PlanFor(job, w);
  if (!w.push && !w.reply) {
    kLog.Error("outbox payload unreadable: dead-lettered",
               {{"outbox_id", std::to_string(job.outbox_id)}, {"kind", job.kind}});
    w.update = JobUpdate{job.outbox_id, "dead", {}, "", {}, "bad_payload"};
    return false;
  }
  w.delivery.first_queued_at = job.queued_at;
  for (const auto& rec : job.legs) {
    notifier::Leg leg = rec.leg;
    if (rec.in_flight) {
      // Sent or not, nobody knows: the process stopped during the send. Send again under the
      // same key; the policy's backoff spaces it like any retry.
      leg.last_outcome = core::SendOutcome::kRetryable;
      w.in_flight.insert(leg.route);
    }
    w.delivery.legs.push_back(leg);
  }
  Step(w, now);
  return true;
}

int Dispatcher::Turn(bool admit) {
  const auto now = clock_.Now();
  if (soonest_ && *soonest_ <= now) soonest_.reset();  // this turn's read finds them

  // 1. The sends that returned since the last turn: their outcomes and what comes next.
  std::vector<std::int64_t> finished;
  {
    std::lock_guard lock(mu_);
    finished.swap(finished_);
  }
  std::vector<AttemptEnd> ends;
  std::vector<JobUpdate> updates;
  for (std::int64_t id : finished) {
    Work& w = flights_.at(id)->work;
    ends.push_back({w.start.key, w.result});
    if (observer_ != nullptr) observer_->OnSend(w.start.route, w.result.outcome);
    if (w.result.outcome != core::SendOutcome::kAccepted) {
      kLog.Info("send not accepted", {{"key", w.start.key},
                                      {"route", std::string(notifier::RouteName(w.start.route))},
                                      {"code", w.result.provider_code},
                                      {"detail", w.result.detail}});
    }
    Settle(w, now);
    Note(w, updates);
  }

  // 2. Due jobs, as many as the window has room for. Jobs whose send is still out come back from
  // the read too (their legs are marked in flight); they are skipped, not resent.
  const std::size_t sending = flights_.size() - finished.size();
  const std::size_t room =
      admit && sending < window_ ? std::min(window_ - sending, std::size_t(settings_.batch)) : 0;
  std::vector<std::unique_ptr<Flight>> launch;
  std::vector<AttemptStart> starts;
  int taken = 0;
  more_due_ = false;
  if (room > 0) {
    auto due = store_.Due(now, static_cast<int>(room + flights_.size()));
    if (!due.ok()) {
      kLog.Warn("outbox not readable; retrying", {{"error", due.error().message}});
    } else {
      for (Job& job : *due) {
        if (flights_.contains(job.outbox_id)) continue;
        if (static_cast<std::size_t>(taken) == room) {
          more_due_ = true;
          break;
        }
        ++taken;
        auto flight = std::make_unique<Flight>();
        flight->job = std::move(job);
        Work& w = flight->work;
        w.job = &flight->job;
        if (Prepare(w, now) && w.send) {
          starts.push_back(w.start);
          launch.push_back(std::move(flight));
        } else {
          Note(w, updates);
        }
      }
    }
  }

  // 3. One write for both. If it fails, nothing new is sent (the jobs stay due), and the finished
  // attempts stay marked in flight: a later turn sends them again under the same keys.
  if (auto st = store_.Advance(ends, updates, starts, now); !st.ok()) {
    kLog.Error("outcomes and attempts not recorded; nothing sent this turn",
               {{"error", st.error().message}});
    launch.clear();
    taken = 0;
    more_due_ = false;  // wait for a wake or idle_poll rather than retry a failing store at once
  }
  for (std::int64_t id : finished) flights_.erase(id);

  // 4. The new sends.
  for (auto& flight : launch) {
    const std::int64_t id = flight->job.outbox_id;
    Work* w = &flight->work;
    flights_.emplace(id, std::move(flight));
    pool_.Post([this, w, id] {
      if (w->preset) {
        w->result = *w->preset;
      } else {
        try {
          w->result = channels_.at(w->message.to.channel)->Send(w->message);
        } catch (const std::exception& e) {  // an adapter's bug: retried like a lost connection
          w->result = core::SendResult{};
          w->result.outcome = core::SendOutcome::kRetryable;
          w->result.detail = e.what();
        }
      }
      {
        std::lock_guard lock(mu_);
        finished_.push_back(id);
      }
      cv_.notify_all();
    });
  }
  return taken;
}

void Dispatcher::WaitForSends() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return finished_.size() == flights_.size(); });
}

int Dispatcher::RunOnce() {
  const int taken = Turn(/*admit=*/true);
  WaitForSends();
  Turn(/*admit=*/false);
  return taken;
}

void Dispatcher::Start() {
  thread_ = core::StartNamedThread("dispatcher", [this] {
    while (!stop_) {
      Turn(/*admit=*/true);
      std::unique_lock lock(mu_);
      if (more_due_ && flights_.size() < window_) continue;  // the window has room for more
      auto wait = settings_.idle_poll;
      if (soonest_) {
        wait = std::clamp(
            std::chrono::duration_cast<std::chrono::milliseconds>(*soonest_ - clock_.Now()),
            std::chrono::milliseconds(0), settings_.idle_poll);
      }
      cv_.wait_for(lock, wait, [this] { return woken_ || !finished_.empty() || stop_.load(); });
      woken_ = false;
    }
    // Stopping: the sends already out finish and are recorded; nothing new starts.
    WaitForSends();
    Turn(/*admit=*/false);
  });
}

void Dispatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

}  // namespace gw::gateway::delivery
