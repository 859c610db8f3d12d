// The simulated dossier lifecycle of NĐ 118/2025 and TT 03/2025: scripts of timed status steps,
// the default script per procedure, and working-day due dates.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "backends/contract.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace gw::backends::sim {

// One scripted step: at received_at + `after`, the dossier moves to `status`.
struct ScriptStep {
  std::chrono::minutes after{0};
  DossierState status = DossierState::kProcessing;
  std::string reason;       // required for the states of StateNeedsReason
  int extend_due_days = 0;  // kDelayed: the new due date is this many working days later
  std::string note;
  std::string officer_unit;
};

// Steps in time order; `received` is implicit (the submission itself).
using Script = std::vector<ScriptStep>;

// A deterministic script chosen by procedure, so every run of the demo walks the same way:
//   1.001193 khai sinh:       processing +30m, result_ready +1d, returned +2d
//   1.000894 kết hôn:         processing +30m, delayed +4h (reason, +5 working days: the time
//                             allowed for verification), result_ready +3d, returned +4d
//   1.004222 thường trú:      processing +1h, supplement_required +1d (reason),
//                             processing +3d, result_ready +6d, returned +7d
//   1.004873 xác nhận TTHN:   processing +1h, rejected +1d (reason)
//   anything else:            processing +1h, result_ready +2d, returned +3d
Script DefaultScript(std::string_view procedure_code);

// Checks order and the reason rule; kInvalidArgument naming the step otherwise.
core::Status ValidateScript(const Script& script);

nlohmann::json ScriptToJson(const Script& script);
// [{"after_minutes", "status", "reason"?, "extend_due_days"?, "note"?, "officer_unit"?}]
core::Result<Script> ScriptFromJson(const nlohmann::json& j);

// The end of the working day (17:00, UTC+7) `working_days` Monday-to-Friday days after `from`'s
// local date. Public holidays are not modelled.
core::TimePoint AddWorkingDays(core::TimePoint from, int working_days);

// The due date of a dossier received at `received`: `working_days` working days later, or for 0
// ("ngay trong ngày") 17:00 the same day if received on a weekday before 15:00, else the next
// working day.
core::TimePoint DueDate(core::TimePoint received, int working_days);

// Where the result of the procedure named `procedure_name` is handed over, for result_ready.
ResultInfo DefaultResult(std::string_view procedure_name);

}  // namespace gw::backends::sim
