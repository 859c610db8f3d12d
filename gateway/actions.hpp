// Performs the dialog engine's actions: backend calls through the DossierBackend port, and local
// effects (ratings, subscriptions, complaint tickets, hand-off) handed back to be written in the
// same transaction as the turn.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "core/store.hpp"
#include "dialogs/engine/engine.hpp"
#include "gateway/dossier_backend.hpp"

namespace gw::gateway {

struct ActionContext {
  core::InboundMessage* inbound = nullptr;  // the message that led to the action
  core::TimePoint now{};
  std::string idempotency_key;  // stable for this message (channel + provider id, or a fresh id)
};

struct ActionResult {
  dialogs::ActionOutcome outcome;
  bool describe = true;  // false: the engine already said what there is to say (hand-off)
};

// Due time of a complaint: `days` working days after `from` (the routing calendar when present).
using DueDateFn = std::function<core::TimePoint(core::TimePoint from, int days)>;

class ActionExecutor {
 public:
  // `backend` may be null (no backend configured): dossier actions then fail with a clear text.
  ActionExecutor(DossierBackend* backend, DueDateFn due_date, int complaint_days);

  // Performs one action; writes its local effects into `turn`. Thread-safe.
  ActionResult Execute(const dialogs::Action& action, const ActionContext& ctx,
                       core::TurnRecord& turn) const;

  // True for the actions that call the one-stop backend, outside this process; the others only
  // add to the turn's own write.
  static bool CallsBackend(const dialogs::Action& action);

 private:
  DossierBackend* backend_;
  DueDateFn due_date_;
  int complaint_days_;
};

}  // namespace gw::gateway
