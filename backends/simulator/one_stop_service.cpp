// The simulated one-stop system's operations. Its refusal texts are the simulated agency's words
// (Vietnamese, as a real system would send them to be shown to the citizen).
#include "backends/simulator/one_stop_service.hpp"

#include <algorithm>

#include "backends/dossier_code.hpp"
#include "backends/simulator/seed_data.hpp"
#include "core/log.hpp"

namespace gw::backends::sim {
namespace {

using nlohmann::json;

const core::Logger kLog("backends.sim");

Reply Json(int status, const json& body) {
  return Reply{status, body.dump(-1, ' ', false, json::error_handler_t::replace), false};
}

Reply Fail(int status, std::string_view code, std::string_view message) {
  return Json(status, ErrorJson(code, message));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 0xxxxxxxxx, 84xxxxxxxxx or +84xxxxxxxxx, spaces and dots allowed between digits.
bool IsVietnamesePhone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c != ' ' && c != '.') digits += c;
  }
  if (digits.starts_with("+84"))
    digits = "0" + digits.substr(3);
  else if (digits.starts_with("84") && digits.size() == 11)
    digits = "0" + digits.substr(2);
  return digits.size() == 10 && digits[0] == '0' && AllDigits(digits);
}

// Why the applicant's data cannot be accepted, or "" when it can.
std::string ApplicantProblem(const Applicant& a) {
  if (a.name.empty()) return "Thiếu họ tên người nộp hồ sơ.";
  if (a.cccd.size() != 12 || !AllDigits(a.cccd)) return "Số CCCD phải gồm đúng 12 chữ số.";
  if (!a.phone.empty() && !IsVietnamesePhone(a.phone)) {
    return "Số điện thoại của người nộp hồ sơ không hợp lệ.";
  }
  if (!a.email.empty() && a.email.find('@') == std::string::npos) {
    return "Địa chỉ thư điện tử của người nộp hồ sơ không hợp lệ.";
  }
  return {};
}

}  // namespace

OneStopService::OneStopService(ServiceOptions options, const core::Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

core::Status OneStopService::Load() {
  catalog_ = options_.catalog_json.empty() ? DefaultCatalogJson() : options_.catalog_json;
  json catalog = json::parse(catalog_, nullptr, false);
  if (catalog.is_discarded() || !catalog.contains("procedures") ||
      !catalog["procedures"].is_array()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "catalogue: expected a JSON object with a \"procedures\" array");
  }
  for (const auto& p : catalog["procedures"]) {
    if (!p.is_object() || !p.contains("code") || !p["code"].is_string()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "catalogue: a procedure lacks code");
    }
    Procedure proc;
    if (p.contains("name") && p["name"].is_object()) proc.name = p["name"].value("vi", "");
    if (p.contains("time") && p["time"].is_object()) {
      const auto& t = p["time"];
      if (t.contains("working_days") && t["working_days"].is_number_integer()) {
        proc.working_days = t["working_days"].get<int>();
      } else if (t.contains("calendar_days") && t["calendar_days"].is_number_integer()) {
        proc.calendar_days = t["calendar_days"].get<int>();
      }
    }
    procedures_[p["code"].get<std::string>()] = proc;
  }
  for (const auto& [code, script] : options_.scripts) {
    if (auto st = ValidateScript(script); !st.ok()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "scripts." + code + ": " + st.error().message);
    }
  }
  std::lock_guard lock(mu_);
  if (!options_.state_file.empty()) {
    auto loaded = LoadStateFile(options_.state_file);
    if (loaded.ok()) {
      state_ = std::move(loaded.value());
      kLog.Info("state loaded", {{"dossiers", std::to_string(state_.dossiers.size())}});
      return core::Ok{};
    }
    if (loaded.error().code != core::ErrorCode::kNotFound) return loaded.error();
  }
  if (options_.seed_demo) {
    for (auto& d : DemoDossiers()) {
      auto parts = ParseDossierCode(d.view.dossier_code);
      auto& counter = state_.counters[parts->unit_code + "|" + parts->date];
      counter = std::max(counter, parts->sequence);
      std::string code = d.view.dossier_code;
      state_.dossiers.emplace(std::move(code), std::move(d));
    }
  }
  Persist();
  return core::Ok{};
}

Reply OneStopService::Idempotent(std::string_view route, std::string_view body,
                                 const std::string& key,
                                 Reply (OneStopService::*op)(std::string_view, std::string_view),
                                 std::string_view arg) {
  if (key.empty()) return Fail(400, "invalid_argument", "the Idempotency-Key header is required");
  std::lock_guard lock(mu_);
  const std::uint64_t fingerprint = Fingerprint(route, body);
  if (auto it = state_.replies.find(key); it != state_.replies.end()) {
    if (it->second.fingerprint != fingerprint) {
      return Fail(409, "idempotency_key_reused",
                  "this Idempotency-Key was used for a different request");
    }
    return Reply{it->second.status, it->second.body, true};
  }
  Reply reply = (this->*op)(body, arg);
  // 5xx is not remembered: the retry should get a real answer (none is produced here today).
  if (reply.status < 500) state_.replies[key] = StoredReply{fingerprint, reply.status, reply.body};
  Persist();
  return reply;
}

Reply OneStopService::Submit(std::string_view body, const std::string& key) {
  return Idempotent("POST /dossiers", body, key, &OneStopService::DoSubmit, {});
}

Reply OneStopService::Supplement(const std::string& code, std::string_view body,
                                 const std::string& key) {
  return Idempotent("POST /dossiers/" + code + "/supplements", body, key,
                    &OneStopService::DoSupplement, code);
}

Reply OneStopService::Withdraw(const std::string& code, std::string_view body,
                               const std::string& key) {
  return Idempotent("POST /dossiers/" + code + "/withdrawal", body, key,
                    &OneStopService::DoWithdraw, code);
}

Reply OneStopService::FileComplaint(std::string_view body, const std::string& key) {
  return Idempotent("POST /complaints", body, key, &OneStopService::DoComplaint, {});
}

Reply OneStopService::DoSubmit(std::string_view body, std::string_view) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return Fail(400, "invalid_argument", "the body is not JSON");
  auto request = SubmitRequestFromJson(j);
  if (!request.ok()) return Fail(400, "invalid_argument", request.error().message);
  auto& r = request.value();
  auto proc = procedures_.find(r.procedure_code);
  if (proc == procedures_.end()) {
    return Fail(422, "unknown_procedure",
                "Thủ tục " + r.procedure_code + " không có trong danh mục của cơ quan.");
  }
  const auto& units = options_.unit_codes;
  if (!IsUnitCode(r.agency_code) ||
      (!units.empty() && std::find(units.begin(), units.end(), r.agency_code) == units.end())) {
    return Fail(422, "wrong_agency",
                "Cơ quan " + r.agency_code + " không tiếp nhận hồ sơ trên hệ thống này.");
  }
  if (std::string problem = ApplicantProblem(r.applicant); !problem.empty()) {
    return Fail(422, "invalid_applicant", problem);
  }
  const core::TimePoint now = Now();
  SimDossier d;
  d.view.dossier_code = FormatDossierCode(r.agency_code, now, NextSequence(r.agency_code, now));
  d.view.procedure_code = r.procedure_code;
  d.view.agency_code = r.agency_code;
  d.view.status = DossierState::kReceived;
  d.view.received_at = now;
  if (proc->second.calendar_days > 0) {
    d.view.due_at = AddWorkingDays(now, 0) + std::chrono::days(proc->second.calendar_days);
  } else {
    d.view.due_at = DueDate(now, proc->second.working_days);
  }
  d.view.history.push_back(
      {DossierState::kReceived, now, "Tiếp nhận hồ sơ trực tuyến", "Bộ phận Một cửa"});
  auto custom = options_.scripts.find(r.procedure_code);
  d.script = custom != options_.scripts.end() ? custom->second : DefaultScript(r.procedure_code);
  d.request = std::move(r);
  QueuePush(d, now);
  SubmitReceipt receipt{d.view.dossier_code, now, *d.view.due_at};
  kLog.Debug("dossier received", {{"dossier_code", d.view.dossier_code}});
  std::string code = d.view.dossier_code;
  state_.dossiers.emplace(std::move(code), std::move(d));
  return Json(201, ToJson(receipt));
}

Reply OneStopService::GetStatus(const std::string& code) const {
  if (!ParseDossierCode(code)) {
    return Fail(400, "invalid_argument", "not a dossier code of the form <unit>-YYMMDD-NNNN");
  }
  std::lock_guard lock(mu_);
  auto it = state_.dossiers.find(code);
  if (it == state_.dossiers.end()) {
    return Fail(404, "not_found", "Không tìm thấy hồ sơ có mã " + code + ".");
  }
  return Json(200, ToJson(it->second.view));
}

Reply OneStopService::DoSupplement(std::string_view body, std::string_view code_sv) {
  std::string code(code_sv);
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return Fail(400, "invalid_argument", "the body is not JSON");
  auto request = SupplementRequestFromJson(j);
  if (!request.ok()) return Fail(400, "invalid_argument", request.error().message);
  auto it = state_.dossiers.find(code);
  if (it == state_.dossiers.end()) {
    return Fail(404, "not_found", "Không tìm thấy hồ sơ có mã " + code + ".");
  }
  SimDossier& d = it->second;
  if (d.view.status != DossierState::kSupplementRequired) {
    return Fail(409, "not_waiting_for_supplement", "Hồ sơ không ở trạng thái chờ bổ sung.");
  }
  // The supplement replaces the scripted resumption, if the script had one next.
  if (d.next_step < d.script.size() && d.script[d.next_step].status == DossierState::kProcessing) {
    ++d.next_step;
  }
  const core::TimePoint now = Now();
  Transition(d, DossierState::kProcessing, "", now, "Đã nhận hồ sơ bổ sung", "Bộ phận Một cửa", 0);
  return Json(200, ToJson(ActionReceipt{code, d.view.status, now}));
}

Reply OneStopService::DoWithdraw(std::string_view body, std::string_view code_sv) {
  std::string code(code_sv);
  json j = json::parse(body.empty() ? std::string_view("{}") : body, nullptr, false);
  if (j.is_discarded()) return Fail(400, "invalid_argument", "the body is not JSON");
  auto request = WithdrawRequestFromJson(j);
  if (!request.ok()) return Fail(400, "invalid_argument", request.error().message);
  auto it = state_.dossiers.find(code);
  if (it == state_.dossiers.end()) {
    return Fail(404, "not_found", "Không tìm thấy hồ sơ có mã " + code + ".");
  }
  SimDossier& d = it->second;
  if (IsFinalState(d.view.status) || d.view.status == DossierState::kResultReady) {
    return Fail(409, "cannot_withdraw",
                "Hồ sơ đã có kết quả hoặc đã kết thúc xử lý nên không thể rút.");
  }
  const core::TimePoint now = Now();
  Transition(d, DossierState::kWithdrawn, request->reason, now, "Công dân rút hồ sơ",
             "Bộ phận Một cửa", 0);
  return Json(200, ToJson(ActionReceipt{code, d.view.status, now}));
}

Reply OneStopService::DoComplaint(std::string_view body, std::string_view) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return Fail(400, "invalid_argument", "the body is not JSON");
  auto request = ComplaintRequestFromJson(j);
  if (!request.ok()) return Fail(400, "invalid_argument", request.error().message);
  if (!request->dossier_code.empty() && !state_.dossiers.contains(request->dossier_code)) {
    return Fail(404, "not_found", "Không tìm thấy hồ sơ có mã " + request->dossier_code + ".");
  }
  const core::TimePoint now = Now();
  std::string ticket = FormatDossierCode("PAKN", now, NextSequence("PAKN", now));
  state_.complaints.push_back(Complaint{ticket, std::move(request.value()), now});
  return Json(201, ToJson(ComplaintReceipt{ticket, now}));
}

Reply OneStopService::Catalog() const {
  return Reply{200, catalog_, false};
}

std::int64_t OneStopService::NextSequence(const std::string& unit, core::TimePoint at) {
  return ++state_.counters[unit + "|" + LocalDateStamp(at)];
}

void OneStopService::Transition(SimDossier& d, DossierState status, const std::string& reason,
                                core::TimePoint at, const std::string& note,
                                const std::string& unit, int extend_due_days) {
  d.view.status = status;
  d.view.reason = reason;
  if (status == DossierState::kDelayed) {
    core::TimePoint base = d.view.new_due_at.value_or(d.view.due_at.value_or(at));
    d.view.new_due_at = AddWorkingDays(base, extend_due_days);
  }
  if (status == DossierState::kResultReady && !d.view.result) {
    auto proc = procedures_.find(d.view.procedure_code);
    d.view.result = DefaultResult(proc != procedures_.end() ? proc->second.name : "");
  }
  d.view.history.push_back({status, at, note, unit});
  if (IsFinalState(status)) d.next_step = d.script.size();
  QueuePush(d, at);
}

std::size_t OneStopService::Advance() {
  std::lock_guard lock(mu_);
  const core::TimePoint now = Now();
  std::size_t applied = 0;
  for (auto& [code, d] : state_.dossiers) {
    while (d.next_step < d.script.size() && !IsFinalState(d.view.status)) {
      const ScriptStep step = d.script[d.next_step];
      const core::TimePoint at = d.view.received_at + step.after;
      if (at > now) break;
      // A dossier waiting for a supplement stays there until the script's resumption step.
      ++d.next_step;
      Transition(d, step.status, step.reason, at, step.note, step.officer_unit,
                 step.extend_due_days);
      ++applied;
    }
  }
  if (applied > 0) Persist();
  return applied;
}

core::Status OneStopService::ForceTransition(const std::string& code, DossierState status,
                                             const std::string& reason, int extend_due_days) {
  if (StateNeedsReason(status) && reason.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           std::string(StateName(status)) + " needs a reason");
  }
  if (status == DossierState::kDelayed && extend_due_days <= 0) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "delayed needs extend_due_days > 0");
  }
  std::lock_guard lock(mu_);
  auto it = state_.dossiers.find(code);
  if (it == state_.dossiers.end()) {
    return core::MakeError(core::ErrorCode::kNotFound, "no dossier " + code);
  }
  if (IsFinalState(it->second.view.status)) {
    return core::MakeError(core::ErrorCode::kConflict, "dossier " + code + " is closed");
  }
  Transition(it->second, status, reason, Now(), "", "Bộ phận Một cửa", extend_due_days);
  Persist();
  return core::Ok{};
}

core::Status OneStopService::SetDossierScript(const std::string& code, Script script) {
  if (auto st = ValidateScript(script); !st.ok()) return st;
  std::lock_guard lock(mu_);
  auto it = state_.dossiers.find(code);
  if (it == state_.dossiers.end()) {
    return core::MakeError(core::ErrorCode::kNotFound, "no dossier " + code);
  }
  it->second.script = std::move(script);
  it->second.next_step = 0;
  Persist();
  return core::Ok{};
}

std::optional<DossierStatus> OneStopService::Find(const std::string& code) const {
  std::lock_guard lock(mu_);
  auto it = state_.dossiers.find(code);
  if (it == state_.dossiers.end()) return std::nullopt;
  return it->second.view;
}

std::size_t OneStopService::dossier_count() const {
  std::lock_guard lock(mu_);
  return state_.dossiers.size();
}

void OneStopService::Persist() {
  if (options_.state_file.empty()) return;
  if (auto st = SaveStateFile(state_, options_.state_file); !st.ok()) {
    kLog.Error("state not saved", {{"error", st.error().message}, {"detail", st.error().detail}});
  }
}

}  // namespace gw::backends::sim
