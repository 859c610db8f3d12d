// Backend contract <-> dialog engine outcomes.
#include "gateway/connector_backend.hpp"

#include "core/log.hpp"

namespace gw::gateway {
namespace {

using dialogs::ActionKind;
using dialogs::ActionOutcome;
using Status = ActionOutcome::Status;

const core::Logger kLog("gateway.backend");

// A failed call in the engine's terms: the backend said no (with its reason), the dossier does
// not exist, or the backend could not be reached (the caller may queue).
ActionOutcome Failure(ActionKind kind, const core::Error& e, const std::string& code) {
  ActionOutcome o{kind, Status::kFailed, {{"dossier_code", code}}};
  switch (backends::OutcomeOf(e)) {
    case backends::CallOutcome::kRefused:
      if (e.code == core::ErrorCode::kInvalidArgument) {
        // 400: the backend says our request breaks the contract. That is our bug, not a reason a
        // citizen can act on: log the backend's words, apologise, and do not queue a retry that
        // would fail the same way.
        kLog.Error("backend rejected our request as malformed", {{"error", e.message}});
        o.status = Status::kFailed;
        o.data["permanent"] = "1";
        break;
      }
      // "Not found" is about a dossier only when the call named one (not a submission).
      o.status = e.code == core::ErrorCode::kNotFound && !code.empty() ? Status::kNotFound
                                                                       : Status::kRefused;
      o.data["reason"] = e.message;
      break;
    case backends::CallOutcome::kRetryable:
      o.status = Status::kFailed;
      break;
    case backends::CallOutcome::kMalformed:
    case backends::CallOutcome::kSuccess:
      kLog.Error("backend answered outside the contract", {{"error", e.message}});
      o.status = Status::kFailed;
      break;
  }
  return o;
}

std::string Param(const std::map<std::string, std::string>& p, const std::string& key) {
  auto it = p.find(key);
  return it == p.end() ? std::string() : it->second;
}

// The first of these form fields that is filled in.
std::string FirstField(const std::map<std::string, std::string>& p,
                       std::initializer_list<const char*> names) {
  for (const char* n : names) {
    std::string v = Param(p, std::string("field:") + n);
    if (!v.empty()) return v;
  }
  return {};
}

}  // namespace

ConnectorBackend::ConnectorBackend(backends::Connector& connector, std::string agency_code,
                                   std::function<std::string(const std::string&)> procedure_name)
    : connector_(connector),
      agency_code_(std::move(agency_code)),
      procedure_name_(std::move(procedure_name)) {}

ActionOutcome ConnectorBackend::Lookup(const std::string& code) {
  auto st = connector_.GetStatus(code);
  if (!st.ok()) return Failure(ActionKind::kLookupDossier, st.error(), code);
  ActionOutcome o{ActionKind::kLookupDossier, Status::kOk, {}};
  o.data["dossier_code"] = st->dossier_code;
  o.data["procedure"] = procedure_name_(st->procedure_code);
  o.data["status"] = std::string(backends::StateName(st->status));
  const auto due = st->new_due_at ? st->new_due_at : st->due_at;
  if (due) o.data["due_date"] = core::FormatVietnamDate(*due);
  if (!st->reason.empty()) o.data["reason"] = st->reason;
  std::string history;
  for (const auto& step : st->history) {
    if (!history.empty()) history += "\n";
    history += core::FormatVietnamDate(step.at) + "|" +
               std::string(backends::StateName(step.status)) + "|" + step.note;
  }
  o.data["history"] = history;
  return o;
}

ActionOutcome ConnectorBackend::Submit(const std::map<std::string, std::string>& params,
                                       const std::string& key) {
  backends::SubmitRequest r;
  r.procedure_code = Param(params, "procedure_code");
  r.agency_code = agency_code_;
  r.applicant.name = FirstField(
      params, {"applicant_full_name", "full_name", "owner_full_name", "founder_full_name"});
  r.applicant.cccd = FirstField(params, {"applicant_cccd", "cccd"});
  r.applicant.phone = FirstField(params, {"phone"});
  r.applicant.email = FirstField(params, {"email"});
  for (const auto& [k, v] : params) {
    if (k.starts_with("field:")) r.form_fields[k.substr(6)] = v;
  }
  r.channel = Param(params, "channel");
  r.citizen_ref = Param(params, "citizen_ref");
  auto receipt = connector_.Submit(r, key);
  if (!receipt.ok()) return Failure(ActionKind::kSubmitDossier, receipt.error(), "");
  return ActionOutcome{ActionKind::kSubmitDossier,
                       Status::kOk,
                       {{"dossier_code", receipt->dossier_code},
                        {"due_date", core::FormatVietnamDate(receipt->due_at)},
                        {"procedure_name", Param(params, "procedure_name")}}};
}

ActionOutcome ConnectorBackend::Supplement(const std::string& code, const std::string& content,
                                           const std::string& key) {
  backends::SupplementRequest r;
  r.note = content;
  auto receipt = connector_.Supplement(code, r, key);
  if (!receipt.ok()) return Failure(ActionKind::kSupplement, receipt.error(), code);
  return ActionOutcome{ActionKind::kSupplement, Status::kOk, {{"dossier_code", code}}};
}

ActionOutcome ConnectorBackend::Withdraw(const std::string& code, const std::string& reason,
                                         const std::string& key) {
  backends::WithdrawRequest r;
  r.reason = reason;
  auto receipt = connector_.Withdraw(code, r, key);
  if (!receipt.ok()) return Failure(ActionKind::kWithdraw, receipt.error(), code);
  return ActionOutcome{ActionKind::kWithdraw, Status::kOk, {{"dossier_code", code}}};
}

}  // namespace gw::gateway
