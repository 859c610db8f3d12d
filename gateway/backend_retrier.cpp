// The outbox worker for backend requests.
#include "gateway/backend_retrier.hpp"

#include <nlohmann/json.hpp>
#include <random>

#include "channels/app/app_channel.hpp"
#include "core/log.hpp"
#include "core/thread_name.hpp"

namespace gw::gateway {
namespace {

using dialogs::ActionKind;
using Status = dialogs::ActionOutcome::Status;

const core::Logger kLog("gateway.backend_retrier");

double UnitRandom() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace

BackendRetrier::BackendRetrier(core::OutboxStore& outbox, DossierBackend& backend,
                               const dialogs::Engine& engine, const core::Clock& clock,
                               RetrierSettings settings)
    : outbox_(outbox), backend_(backend), engine_(engine), clock_(clock), settings_(settings) {}

BackendRetrier::~BackendRetrier() {
  Stop();
}

int BackendRetrier::RunOnce() {
  const auto now = clock_.Now();
  auto due = outbox_.DueOutbox("backend_", now, 50);
  if (!due.ok()) {
    kLog.Warn("cannot read the outbox", {{"error", due.error().detail}});
    return 0;
  }
  int finished = 0;
  for (const auto& item : *due) {
    auto payload = nlohmann::json::parse(item.payload, nullptr, /*allow_exceptions=*/false);
    if (!payload.is_object()) {
      kLog.Error("unreadable outbox payload; expiring it", {{"id", std::to_string(item.id)}});
      (void)outbox_.FinishOutbox(item.id, "expired", {}, {}, "", now);
      continue;
    }
    const auto params = payload.value("params", std::map<std::string, std::string>{});
    auto channel = core::ParseChannel(payload.value("conversation_channel", "app"))
                       .value_or(core::ChannelKind::kApp);
    const core::Contact citizen{channel, payload.value("citizen_address", "")};
    auto param = [&](const char* k) {
      auto it = params.find(k);
      return it == params.end() ? std::string() : it->second;
    };
    dialogs::ActionOutcome outcome;
    if (item.kind == "backend_submit") {
      outcome = backend_.Submit(params, item.idempotency_key);
      outcome.kind = ActionKind::kSubmitDossier;
      outcome.data.emplace("procedure_name", param("procedure_name"));
    } else if (item.kind == "backend_supplement") {
      outcome = backend_.Supplement(param("dossier_code"), param("content"), item.idempotency_key);
      outcome.kind = ActionKind::kSupplement;
    } else {
      outcome = backend_.Withdraw(param("dossier_code"), param("reason"), item.idempotency_key);
      outcome.kind = ActionKind::kWithdraw;
    }
    std::vector<core::Reply> replies;
    std::string state;
    if (outcome.status == Status::kFailed && outcome.data.contains("permanent")) {
      // Retrying a request the backend calls malformed would fail the same way: close it and
      // tell the citizen (an apology with the hotline; the backend's words are in the log).
      state = "failed";
      replies = engine_.DescribeOutcome(outcome);
    } else if (outcome.status == Status::kFailed) {
      if (now - item.created_at < settings_.max_age) {
        auto next = notifier::DecideRetry(
            settings_.policy, item.attempts + 1,
            core::SendResult{core::SendOutcome::kRetryable, {}, {}, {}, {}, {}}, UnitRandom());
        (void)outbox_.RescheduleOutbox(item.id, now + next.delay, "backend unreachable");
        continue;
      }
      state = "expired";
      core::Reply sorry;
      sorry.text = engine_.texts().Format("action.expired");
      sorry.options = {{"officer", engine_.texts().Format("menu.option.officer")}};
      replies.push_back(std::move(sorry));
    } else {
      state = outcome.status == Status::kOk ? "done" : "refused";
      replies = engine_.DescribeOutcome(outcome);
    }
    auto st = outbox_.FinishOutbox(item.id, state, citizen, replies,
                                   channels::app::RenderReplies(replies), now);
    if (st.ok()) {
      ++finished;
      kLog.Info("queued backend request finished",
                {{"id", std::to_string(item.id)}, {"state", state}});
    }
  }
  return finished;
}

void BackendRetrier::Start() {
  thread_ = core::StartNamedThread("backend-retry", [this] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      try {
        RunOnce();
      } catch (const std::exception& e) {
        kLog.Error("retrier pass failed", {{"error", e.what()}});
      }
      lock.lock();
      cv_.wait_for(lock, settings_.poll_interval, [this] { return stopping_; });
    }
  });
}

void BackendRetrier::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace gw::gateway
