// Default scripts and lifecycle arithmetic. The Vietnamese texts here stand in for what an
// agency's own system would write; they are the simulated backend's words, not the gateway's
// (whose user-facing strings live in locales/).
#include "backends/simulator/lifecycle.hpp"

#include "backends/dossier_code.hpp"

namespace gw::backends::sim {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr minutes kDay = hours(24);

ScriptStep Step(minutes after, DossierState status, std::string note, std::string unit,
                std::string reason = {}, int extend_days = 0) {
  return ScriptStep{after,       status,          std::move(reason),
                    extend_days, std::move(note), std::move(unit)};
}

}  // namespace

Script DefaultScript(std::string_view procedure_code) {
  const std::string kDesk = "Bộ phận Một cửa";
  const std::string kJustice = "Công chức Tư pháp - Hộ tịch";
  const std::string kPolice = "Công an xã";
  if (procedure_code == "1.001193") {
    return {Step(minutes(30), DossierState::kProcessing, "Chuyển xử lý", kJustice),
            Step(kDay, DossierState::kResultReady, "Đã có kết quả", kJustice),
            Step(2 * kDay, DossierState::kReturned, "Đã trả kết quả", kDesk)};
  }
  if (procedure_code == "1.000894") {
    return {Step(minutes(30), DossierState::kProcessing, "Chuyển xử lý", kJustice),
            Step(hours(4), DossierState::kDelayed, "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
                 kJustice,
                 "Cần xác minh thêm thông tin về tình trạng hôn nhân tại nơi cư trú trước đây", 5),
            Step(3 * kDay, DossierState::kResultReady, "Đã có kết quả", kJustice),
            Step(4 * kDay, DossierState::kReturned, "Đã trả kết quả", kDesk)};
  }
  if (procedure_code == "1.004222") {
    return {Step(hours(1), DossierState::kProcessing, "Chuyển xử lý", kPolice),
            Step(kDay, DossierState::kSupplementRequired, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
                 kPolice, "Thiếu giấy tờ chứng minh chỗ ở hợp pháp"),
            Step(3 * kDay, DossierState::kProcessing, "Đã nhận hồ sơ bổ sung", kPolice),
            Step(6 * kDay, DossierState::kResultReady, "Đã có kết quả", kPolice),
            Step(7 * kDay, DossierState::kReturned, "Đã trả kết quả", kDesk)};
  }
  if (procedure_code == "1.004873") {
    return {
        Step(hours(1), DossierState::kProcessing, "Chuyển xử lý", kJustice),
        Step(kDay, DossierState::kRejected, "Phiếu từ chối giải quyết hồ sơ", kJustice,
             "Người yêu cầu không thường trú trên địa bàn nên không thuộc thẩm quyền xác nhận")};
  }
  return {Step(hours(1), DossierState::kProcessing, "Chuyển xử lý", kDesk),
          Step(2 * kDay, DossierState::kResultReady, "Đã có kết quả", kDesk),
          Step(3 * kDay, DossierState::kReturned, "Đã trả kết quả", kDesk)};
}

core::Status ValidateScript(const Script& script) {
  minutes previous{0};
  for (std::size_t i = 0; i < script.size(); ++i) {
    const auto& s = script[i];
    std::string where = "script[" + std::to_string(i) + "]";
    auto bad = [&](const std::string& why) {
      return core::MakeError(core::ErrorCode::kInvalidArgument, where + ": " + why);
    };
    if (s.after < previous) return bad("steps must be in time order");
    if (s.status == DossierState::kReceived) return bad("received is implicit");
    if (StateNeedsReason(s.status) && s.reason.empty()) {
      return bad(std::string(StateName(s.status)) + " needs a reason");
    }
    if (s.status == DossierState::kDelayed && s.extend_due_days <= 0) {
      return bad("delayed needs extend_due_days > 0");
    }
    previous = s.after;
  }
  return core::Ok{};
}

nlohmann::json ScriptToJson(const Script& script) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : script) {
    nlohmann::json j = {{"after_minutes", s.after.count()}, {"status", StateName(s.status)}};
    if (!s.reason.empty()) j["reason"] = s.reason;
    if (s.extend_due_days != 0) j["extend_due_days"] = s.extend_due_days;
    if (!s.note.empty()) j["note"] = s.note;
    if (!s.officer_unit.empty()) j["officer_unit"] = s.officer_unit;
    out.push_back(std::move(j));
  }
  return out;
}

core::Result<Script> ScriptFromJson(const nlohmann::json& j) {
  auto bad = [](const std::string& why) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, why);
  };
  if (!j.is_array()) return bad("script: expected an array");
  Script script;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& e = j[i];
    std::string where = "script[" + std::to_string(i) + "]";
    if (!e.is_object()) return bad(where + ": expected an object");
    ScriptStep s;
    auto after = e.find("after_minutes");
    if (after == e.end() || !after->is_number_integer() || after->get<std::int64_t>() < 0) {
      return bad(where + ".after_minutes: expected an integer >= 0");
    }
    s.after = minutes(after->get<std::int64_t>());
    auto status = e.find("status");
    std::optional<DossierState> state;
    if (status != e.end() && status->is_string()) state = ParseState(status->get<std::string>());
    if (!state) return bad(where + ".status: expected a dossier status");
    s.status = *state;
    auto text = [&](const char* key) -> std::string {
      auto it = e.find(key);
      return it != e.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    s.reason = text("reason");
    s.note = text("note");
    s.officer_unit = text("officer_unit");
    auto extend = e.find("extend_due_days");
    if (extend != e.end()) {
      if (!extend->is_number_integer()) return bad(where + ".extend_due_days: expected an integer");
      s.extend_due_days = extend->get<int>();
    }
    script.push_back(std::move(s));
  }
  if (auto st = ValidateScript(script); !st.ok()) return st.error();
  return script;
}

core::TimePoint AddWorkingDays(core::TimePoint from, int working_days) {
  using namespace std::chrono;
  sys_days day = floor<days>(from + kVietnamUtcOffset);
  int left = working_days;
  while (left > 0) {
    day += days(1);
    weekday wd{day};
    if (wd != Saturday && wd != Sunday) --left;
  }
  // 17:00 local is 10:00 UTC.
  return core::TimePoint(duration_cast<core::TimePoint::duration>(
      (day + hours(17) - kVietnamUtcOffset).time_since_epoch()));
}

core::TimePoint DueDate(core::TimePoint received, int working_days) {
  using namespace std::chrono;
  if (working_days > 0) return AddWorkingDays(received, working_days);
  auto local = received + kVietnamUtcOffset;
  weekday wd{floor<days>(local)};
  const bool weekday_before_15 =
      wd != Saturday && wd != Sunday && local - floor<days>(local) < hours(15);
  if (weekday_before_15) return AddWorkingDays(received, 0);
  return AddWorkingDays(received, 1);
}

ResultInfo DefaultResult(std::string_view procedure_name) {
  ResultInfo r;
  r.summary = "Kết quả giải quyết thủ tục: " + std::string(procedure_name);
  r.delivery = "counter";
  r.pickup_location = "Bộ phận Một cửa, Trung tâm Phục vụ hành chính công";
  return r;
}

}  // namespace gw::backends::sim
