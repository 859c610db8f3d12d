// Decoding of the backend contract's JSON bodies, with the path of the first bad field.
#include <string>

#include "backends/contract.hpp"

namespace gw::backends {
namespace {

using nlohmann::json;

// Reads the fields of one JSON object, keeping the first error with its path. Null counts as
// absent, so a backend may send "reason": null.
class Fields {
 public:
  Fields(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) error_ = (path_.empty() ? "body" : path_) + ": expected an object";
  }

  bool ok() const { return error_.empty(); }
  core::Error error() const { return core::MakeError(core::ErrorCode::kInvalidArgument, error_); }
  std::string Path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  void Fail(std::string_view key, std::string_view why) {
    if (error_.empty()) error_ = Path(key) + ": " + std::string(why);
  }
  // Adopts the error of a nested reader.
  void Take(const core::Error& e) {
    if (error_.empty()) error_ = e.message;
  }
  // The value a nested reader decoded, into `out`; or its error, as this reader's.
  template <typename T, typename Out>
  void Take(core::Result<T> nested, Out& out) {
    if (nested.ok()) {
      out = std::move(nested.value());
    } else {
      Take(nested.error());
    }
  }

  const json* Find(std::string_view key, bool required) {
    if (!ok()) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      if (required) Fail(key, "is required");
      return nullptr;
    }
    return &*it;
  }

  std::string Str(std::string_view key, bool required) {
    const json* v = Find(key, required);
    if (v == nullptr) return {};
    if (!v->is_string()) {
      Fail(key, "expected a string");
      return {};
    }
    if (required && v->get_ref<const std::string&>().empty()) Fail(key, "must not be empty");
    return v->get<std::string>();
  }

  std::optional<core::TimePoint> Time(std::string_view key, bool required) {
    const json* v = Find(key, required);
    if (v == nullptr) return std::nullopt;
    std::optional<core::TimePoint> t;
    if (v->is_string()) t = ParseTimestamp(v->get_ref<const std::string&>());
    if (!t) Fail(key, "expected an RFC 3339 timestamp");
    return t;
  }

  DossierState State(std::string_view key) {
    std::string name = Str(key, true);
    if (!ok()) return DossierState::kReceived;
    auto s = ParseState(name);
    if (!s) {
      Fail(key, "unknown status \"" + name + "\"");
      return DossierState::kReceived;
    }
    return *s;
  }

  const json* Object(std::string_view key, bool required) {
    const json* v = Find(key, required);
    if (v != nullptr && !v->is_object()) {
      Fail(key, "expected an object");
      return nullptr;
    }
    return v;
  }

  const json* Array(std::string_view key) {
    const json* v = Find(key, false);
    if (v != nullptr && !v->is_array()) {
      Fail(key, "expected an array");
      return nullptr;
    }
    return v;
  }

 private:
  const json& j_;
  std::string path_;
  std::string error_;
};

core::Result<Applicant> ApplicantFromJson(const json& j, const std::string& path) {
  Fields f(j, path);
  Applicant a;
  a.name = f.Str("name", true);
  a.cccd = f.Str("cccd", true);
  a.phone = f.Str("phone", false);
  a.email = f.Str("email", false);
  if (!f.ok()) return f.error();
  return a;
}

core::Result<StatusStep> StepFromJson(const json& j, const std::string& path) {
  Fields f(j, path);
  StatusStep s;
  s.status = f.State("status");
  auto at = f.Time("at", true);
  s.note = f.Str("note", false);
  s.officer_unit = f.Str("officer_unit", false);
  if (!f.ok()) return f.error();
  s.at = *at;
  return s;
}

}  // namespace

core::Result<SubmitRequest> SubmitRequestFromJson(const json& j) {
  Fields f(j, "");
  SubmitRequest r;
  r.procedure_code = f.Str("procedure_code", true);
  r.agency_code = f.Str("agency_code", true);
  if (const json* a = f.Object("applicant", true))
    f.Take(ApplicantFromJson(*a, "applicant"), r.applicant);
  if (const json* form = f.Object("form_fields", false)) r.form_fields = *form;
  r.channel = f.Str("channel", false);
  r.citizen_ref = f.Str("citizen_ref", false);
  if (!f.ok()) return f.error();
  return r;
}

core::Result<SubmitReceipt> SubmitReceiptFromJson(const json& j) {
  Fields f(j, "");
  SubmitReceipt r;
  r.dossier_code = f.Str("dossier_code", true);
  auto received = f.Time("received_at", true);
  auto due = f.Time("due_date", true);
  if (!f.ok()) return f.error();
  r.received_at = *received;
  r.due_at = *due;
  return r;
}

core::Result<ResultInfo> ResultInfoFromJson(const json& j) {
  Fields f(j, "result");
  ResultInfo r;
  r.summary = f.Str("summary", false);
  r.delivery = f.Str("delivery", false);
  r.pickup_location = f.Str("pickup_location", false);
  r.document_url = f.Str("document_url", false);
  if (!f.ok()) return f.error();
  return r;
}

core::Result<DossierStatus> DossierStatusFromJson(const json& j) {
  Fields f(j, "");
  DossierStatus s;
  s.dossier_code = f.Str("dossier_code", true);
  s.procedure_code = f.Str("procedure_code", false);
  s.agency_code = f.Str("agency_code", false);
  s.status = f.State("status");
  s.reason = f.Str("reason", false);
  auto received = f.Time("received_at", true);
  s.due_at = f.Time("due_date", false);
  s.new_due_at = f.Time("new_due_date", false);
  if (const json* history = f.Array("history")) {
    for (std::size_t i = 0; i < history->size() && f.ok(); ++i) {
      f.Take(StepFromJson((*history)[i], "history[" + std::to_string(i) + "]"),
             s.history.emplace_back());
    }
  }
  if (const json* result = f.Object("result", false)) f.Take(ResultInfoFromJson(*result), s.result);
  if (f.ok() && StateNeedsReason(s.status) && s.reason.empty()) {
    f.Fail("reason", "is required when the status is " + std::string(StateName(s.status)));
  }
  if (f.ok() && s.status == DossierState::kDelayed && !s.new_due_at) {
    f.Fail("new_due_date", "is required when the status is delayed");
  }
  if (!f.ok()) return f.error();
  s.received_at = *received;
  return s;
}

core::Result<SupplementRequest> SupplementRequestFromJson(const json& j) {
  Fields f(j, "");
  SupplementRequest r;
  r.note = f.Str("note", false);
  if (const json* form = f.Object("form_fields", false)) r.form_fields = *form;
  if (const json* docs = f.Array("documents")) {
    for (std::size_t i = 0; i < docs->size() && f.ok(); ++i) {
      Fields d((*docs)[i], "documents[" + std::to_string(i) + "]");
      DocumentRef ref{d.Str("name", true), d.Str("url", false)};
      if (d.ok())
        r.documents.push_back(std::move(ref));
      else
        f.Take(d.error());
    }
  }
  if (f.ok() && r.note.empty() && r.form_fields.empty() && r.documents.empty()) {
    f.Fail("note", "a supplement needs a note, form fields or documents");
  }
  if (!f.ok()) return f.error();
  return r;
}

core::Result<WithdrawRequest> WithdrawRequestFromJson(const json& j) {
  Fields f(j, "");
  WithdrawRequest r;
  r.reason = f.Str("reason", false);
  if (!f.ok()) return f.error();
  return r;
}

core::Result<ActionReceipt> ActionReceiptFromJson(const json& j) {
  Fields f(j, "");
  ActionReceipt r;
  r.dossier_code = f.Str("dossier_code", true);
  r.status = f.State("status");
  auto at = f.Time("at", true);
  if (!f.ok()) return f.error();
  r.at = *at;
  return r;
}

core::Result<ComplaintRequest> ComplaintRequestFromJson(const json& j) {
  Fields f(j, "");
  ComplaintRequest r;
  std::string kind = f.Str("kind", true);
  if (f.ok() && kind != "complaint" && kind != "feedback") {
    f.Fail("kind", "expected \"complaint\" or \"feedback\"");
  }
  r.kind = kind == "complaint" ? ComplaintKind::kComplaint : ComplaintKind::kFeedback;
  r.agency_code = f.Str("agency_code", true);
  r.dossier_code = f.Str("dossier_code", false);
  if (const json* a = f.Object("applicant", true))
    f.Take(ApplicantFromJson(*a, "applicant"), r.applicant);
  r.text = f.Str("text", true);
  r.channel = f.Str("channel", false);
  r.citizen_ref = f.Str("citizen_ref", false);
  if (!f.ok()) return f.error();
  return r;
}

core::Result<ComplaintReceipt> ComplaintReceiptFromJson(const json& j) {
  Fields f(j, "");
  ComplaintReceipt r;
  r.ticket_number = f.Str("ticket_number", true);
  auto at = f.Time("received_at", true);
  if (!f.ok()) return f.error();
  r.received_at = *at;
  return r;
}

core::Result<WireError> WireErrorFromJson(const json& j) {
  Fields f(j, "");
  const json* e = f.Object("error", true);
  if (!f.ok()) return f.error();
  Fields inner(*e, "error");
  WireError w;
  w.code = inner.Str("code", true);
  w.message = inner.Str("message", true);
  if (!inner.ok()) return inner.error();
  return w;
}

}  // namespace gw::backends
