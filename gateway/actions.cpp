// The dialog engine's actions, performed.
#include "gateway/actions.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/log.hpp"

namespace gw::gateway {
namespace {

using dialogs::ActionKind;
using dialogs::ActionOutcome;
using Status = ActionOutcome::Status;

const core::Logger kLog("gateway.actions");

std::string Param(const dialogs::Action& a, const std::string& key) {
  auto it = a.params.find(key);
  return it == a.params.end() ? std::string() : it->second;
}

// A short ticket number citizens can read out: PA-YYMMDD-XXXXXX, the tail from the message's
// idempotency key, so a retried message gets the same number.
std::string TicketNumber(core::TimePoint now, const std::string& key) {
  std::string date = core::FormatTimestamp(now).substr(2, 8);  // "26-11-23"
  date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: stable, tiny, good enough to spread ids
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ULL;
  return fmt::format("PA-{}-{:06X}", date, h % 0x1000000);
}

ActionOutcome Outcome(ActionKind kind, Status status,
                      std::map<std::string, std::string> data = {}) {
  return ActionOutcome{kind, status, std::move(data)};
}

}  // namespace

ActionExecutor::ActionExecutor(DossierBackend* backend, DueDateFn due_date, int complaint_days)
    : backend_(backend), due_date_(std::move(due_date)), complaint_days_(complaint_days) {}

bool ActionExecutor::CallsBackend(const dialogs::Action& a) {
  switch (a.kind) {
    case ActionKind::kLookupDossier:
    case ActionKind::kSubmitDossier:
    case ActionKind::kSupplement:
    case ActionKind::kWithdraw:
      return true;
    case ActionKind::kHandOff:
    case ActionKind::kRecordRating:
    case ActionKind::kSubscribe:
    case ActionKind::kUnsubscribe:
    case ActionKind::kFileComplaint:
      return false;
  }
  return true;  // an action added later is treated as leaving the process until said otherwise
}

ActionResult ActionExecutor::Execute(const dialogs::Action& a, const ActionContext& ctx,
                                     core::TurnRecord& turn) const {
  switch (a.kind) {
    case ActionKind::kHandOff:
      turn.hand_off = true;
      return {Outcome(a.kind, Status::kOk), false};
    case ActionKind::kRecordRating:
      turn.rating = core::RatingRecord{Param(a, "score"), Param(a, "comment"), ""};
      return {Outcome(a.kind, Status::kOk)};
    case ActionKind::kSubscribe:
    case ActionKind::kUnsubscribe: {
      auto channel = core::ParseChannel(Param(a, "channel"));
      if (!channel) return {Outcome(a.kind, Status::kFailed)};
      turn.subscriptions.push_back({*channel, a.kind == ActionKind::kSubscribe});
      return {Outcome(a.kind, Status::kOk, {{"channel", Param(a, "channel")}})};
    }
    case ActionKind::kFileComplaint: {
      core::TicketRecord t;
      t.number = TicketNumber(ctx.now, ctx.idempotency_key);
      t.kind = "complaint";
      t.content = Param(a, "content");
      t.dossier_code = Param(a, "dossier_code");
      t.due_at = due_date_(ctx.now, complaint_days_);
      turn.ticket = t;
      return {Outcome(a.kind, Status::kOk, {{"ticket", t.number}})};
    }
    case ActionKind::kLookupDossier:
    case ActionKind::kSubmitDossier:
    case ActionKind::kSupplement:
    case ActionKind::kWithdraw:
      break;
  }
  if (backend_ == nullptr) {
    kLog.Warn("no one-stop backend configured; dossier action not performed");
    return {Outcome(a.kind, Status::kFailed)};
  }
  ActionOutcome out;
  switch (a.kind) {
    case ActionKind::kLookupDossier:
      out = backend_->Lookup(Param(a, "dossier_code"));
      break;
    case ActionKind::kSubmitDossier: {
      // Status pushes name the citizen by this reference: the contact the request came from.
      auto params = a.params;
      params["channel"] = std::string(core::ChannelName(ctx.inbound->channel));
      params["citizen_ref"] = params["channel"] + ":" + ctx.inbound->sender;
      out = backend_->Submit(params, ctx.idempotency_key);
      break;
    }
    case ActionKind::kSupplement:
      out =
          backend_->Supplement(Param(a, "dossier_code"), Param(a, "content"), ctx.idempotency_key);
      break;
    case ActionKind::kWithdraw:
      out = backend_->Withdraw(Param(a, "dossier_code"), Param(a, "reason"), ctx.idempotency_key);
      break;
    default:
      break;
  }
  out.kind = a.kind;
  if (out.status == Status::kFailed && a.kind != ActionKind::kLookupDossier &&
      !out.data.contains("permanent")) {
    // Nothing accepted is lost: a request the backend could not take now is kept in the outbox
    // and retried with the same idempotency key; the citizen is told it is queued and why.
    nlohmann::json payload = {{"params", a.params},
                              {"conversation_channel", core::ChannelName(ctx.inbound->channel)},
                              {"citizen_address", ctx.inbound->sender}};
    std::string kind = a.kind == ActionKind::kSubmitDossier ? "submit"
                       : a.kind == ActionKind::kSupplement  ? "supplement"
                                                            : "withdraw";
    turn.pending_request = core::PendingBackendRequest{kind, ctx.idempotency_key, payload.dump()};
    out.status = Status::kQueued;
  }
  return {out};
}

}  // namespace gw::gateway
