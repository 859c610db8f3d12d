// The dispatcher's passes: plan, decide, mark, send, record.
#include "gateway/delivery/dispatcher.hpp"

#include <algorithm>

#include "core/log.hpp"
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
  const Job* job = nullptr;
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
      pool_(std::max(1, settings_.senders)),
      random_(std::random_device{}()) {}

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

int Dispatcher::RunOnce() {
  const auto now = clock_.Now();
  auto due = store_.Due(now, settings_.batch);
  if (!due.ok()) {
    kLog.Warn("outbox not readable; retrying", {{"error", due.error().message}});
    return 0;
  }
  std::vector<Work> works(due->size());
  std::vector<AttemptStart> starts;
  for (std::size_t i = 0; i < due->size(); ++i) {
    Work& w = works[i];
    const Job& job = (*due)[i];
    w.job = &job;
    w.plan = PlanFor(job, w);
    if (!w.push && !w.reply) {
      kLog.Error("outbox payload unreadable: dead-lettered",
                 {{"outbox_id", std::to_string(job.outbox_id)}, {"kind", job.kind}});
      w.update = JobUpdate{job.outbox_id, "dead", {}, "", {}, "bad_payload"};
      continue;
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
    if (w.send) starts.push_back(w.start);
  }
  if (auto st = store_.BeginAttempts(starts, now); !st.ok()) {
    kLog.Warn("attempts not marked; nothing sent this pass", {{"error", st.error().message}});
    return 0;
  }
  std::vector<std::size_t> sending;
  for (std::size_t i = 0; i < works.size(); ++i)
    if (works[i].send) sending.push_back(i);
  pool_.ForEach(sending.size(), [&](std::size_t k) {
    Work& w = works[sending[k]];
    if (w.preset) {
      w.result = *w.preset;
      return;
    }
    core::Channel* channel = channels_.at(w.message.to.channel);
    w.result = channel->Send(w.message);
  });
  const auto after = clock_.Now();
  std::vector<AttemptEnd> ends;
  std::vector<JobUpdate> updates;
  soonest_.reset();
  for (auto& w : works) {
    if (w.send) {
      ends.push_back({w.start.key, w.result});
      if (observer_ != nullptr) observer_->OnSend(w.start.route, w.result.outcome);
      if (w.result.outcome != core::SendOutcome::kAccepted) {
        kLog.Info("send not accepted", {{"key", w.start.key},
                                        {"route", std::string(notifier::RouteName(w.start.route))},
                                        {"code", w.result.provider_code},
                                        {"detail", w.result.detail}});
      }
      Settle(w, after);
    }
    if (w.update) {
      if (observer_ != nullptr && w.update->state != "pending")
        observer_->OnFinish(w.job->kind, w.update->state);
      if (w.update->state == "dead" || w.update->state == "expired") {
        kLog.Warn("delivery given up", {{"outbox_id", std::to_string(w.job->outbox_id)},
                                        {"kind", w.job->kind},
                                        {"state", w.update->state},
                                        {"why", w.update->detail}});
      }
      if (w.update->state == "pending" && w.update->next_attempt_at &&
          (!soonest_ || *w.update->next_attempt_at < *soonest_)) {
        soonest_ = w.update->next_attempt_at;
      }
      updates.push_back(*w.update);
    }
  }
  if (auto st = store_.Record(ends, updates, after); !st.ok()) {
    // The attempts stay marked in flight: the next pass sends them again under the same keys.
    kLog.Error("outcomes not recorded", {{"error", st.error().message}});
  }
  return static_cast<int>(works.size());
}

void Dispatcher::Start() {
  thread_ = std::thread([this] {
    while (!stop_) {
      const int n = RunOnce();
      if (n >= settings_.batch) continue;  // more may be due already
      auto wait = settings_.idle_poll;
      if (soonest_) {
        wait = std::clamp(
            std::chrono::duration_cast<std::chrono::milliseconds>(*soonest_ - clock_.Now()),
            std::chrono::milliseconds(0), settings_.idle_poll);
      }
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, wait, [this] { return woken_ || stop_.load(); });
      woken_ = false;
    }
  });
}

void Dispatcher::Stop() {
  stop_ = true;
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
