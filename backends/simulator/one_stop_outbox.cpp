// The simulated system's push outbox: one event per status change, kept until the gateway takes
// it, handed to the pusher oldest first per dossier.
#include <algorithm>

#include "backends/simulator/one_stop_service.hpp"
#include "backends/webhook_signature.hpp"

namespace gw::backends::sim {

using nlohmann::json;

void OneStopService::QueuePush(const SimDossier& d, core::TimePoint at) {
  if (!options_.push_enabled) return;
  json recipient = json::object();
  if (!d.request.citizen_ref.empty()) recipient["citizen_id"] = d.request.citizen_ref;
  if (!d.request.applicant.phone.empty()) recipient["phone"] = d.request.applicant.phone;
  if (!d.request.applicant.email.empty()) recipient["email"] = d.request.applicant.email;
  json body = {{"dossier_code", d.view.dossier_code},
               {"procedure_code", d.view.procedure_code},
               {"status", StateName(d.view.status)},
               {"recipient", std::move(recipient)},
               {"occurred_at", core::FormatTimestamp(at)}};
  if (!d.view.reason.empty()) body["reason"] = d.view.reason;
  if (d.view.status == DossierState::kDelayed && d.view.new_due_at) {
    body["new_due_date"] = core::FormatTimestamp(*d.view.new_due_at);
  }
  if (d.view.result &&
      (d.view.status == DossierState::kResultReady || d.view.status == DossierState::kReturned)) {
    body["result"] = ToJson(*d.view.result);
  }
  // Random, not a counter: a simulator restarted without its state must not reuse an id the
  // gateway has already seen (it would deduplicate the new event away).
  state_.outbox.push_back(PushEvent{RandomId("evt_"), d.view.dossier_code,
                                    body.dump(-1, ' ', false, json::error_handler_t::replace), 0,
                                    Now()});
  ++state_.next_event;
}

std::vector<PushEvent> OneStopService::DuePushes(core::TimePoint now) const {
  std::lock_guard lock(mu_);
  std::vector<PushEvent> due;
  std::vector<std::string> seen;
  for (const auto& e : state_.outbox) {
    if (std::find(seen.begin(), seen.end(), e.dossier_code) != seen.end()) continue;
    seen.push_back(e.dossier_code);
    if (e.next_attempt_at <= now) due.push_back(e);
  }
  return due;
}

void OneStopService::PushDelivered(const std::string& id) {
  std::lock_guard lock(mu_);
  auto& box = state_.outbox;
  box.erase(std::remove_if(box.begin(), box.end(), [&](const PushEvent& e) { return e.id == id; }),
            box.end());
  Persist();
}

void OneStopService::PushFailed(const std::string& id, core::TimePoint next_attempt_at,
                                bool give_up) {
  std::lock_guard lock(mu_);
  auto& box = state_.outbox;
  auto it = std::find_if(box.begin(), box.end(), [&](const PushEvent& e) { return e.id == id; });
  if (it == box.end()) return;
  ++it->attempts;
  it->next_attempt_at = next_attempt_at;
  if (give_up) {
    state_.dead_pushes.push_back(*it);
    box.erase(it);
  }
  Persist();
}

std::size_t OneStopService::pending_pushes() const {
  std::lock_guard lock(mu_);
  return state_.outbox.size();
}

std::vector<PushEvent> OneStopService::dead_pushes() const {
  std::lock_guard lock(mu_);
  return state_.dead_pushes;
}

}  // namespace gw::backends::sim
