// One administrative procedure of the catalogue (config/catalog/procedures.json), as typed data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::routing {

// The level that resolves a procedure since 1 July 2025, when the district level was abolished.
enum class Level { kXa, kTinh, kBo };
// Dịch vụ công trực tuyến toàn trình (fully online) or một phần (partly online).
enum class OnlineLevel { kToanTrinh, kMotPhan };
enum class FieldType { kText, kDate, kPhone, kCccd, kChoice, kDossierCode, kEmail };

std::string_view LevelName(Level level);              // "xa", "tinh", "bo"
std::string_view OnlineLevelName(OnlineLevel level);  // "toan_trinh", "mot_phan"
std::string_view FieldTypeName(FieldType type);       // "text", "date", ...

struct Resolving {
  Level level = Level::kXa;
  std::string body;         // "UBND cấp xã", "Công an cấp tỉnh"
  std::string agency_kind;  // the agencies.json kind that routes it: "ubnd", "cong_an", ...
  std::string note;
};

// Something a citizen must do in person for a một phần procedure, and where.
struct InPersonStep {
  std::string what;   // "Chụp ảnh, lấy vân tay"
  std::string where;  // "Phòng Quản lý xuất nhập cảnh Công an cấp tỉnh"
};

struct OnlineService {
  OnlineLevel level = OnlineLevel::kToanTrinh;
  std::vector<InPersonStep> in_person;  // non-empty exactly when level is kMotPhan
  std::string note;
};

struct Fee {
  std::string label;  // "Lệ phí đăng ký thường trú (nộp trực tuyến)"
  std::optional<std::int64_t> amount_vnd;  // 0 = miễn phí; nullopt when it varies (see text)
  std::string text;                        // wording when the amount varies or needs explaining
  std::string basis;                       // legal basis, when known
  bool IsFree() const { return amount_vnd.has_value() && *amount_vnd == 0; }
};

// Statutory time: working days (0 = ngay trong ngày) or, where the law counts plain days,
// calendar days. Exactly one is set.
struct TimeLimit {
  std::optional<int> working_days;
  std::optional<int> calendar_days;
  std::string note;  // required for the same-day case: what happens after the 15:00 cut-off
  std::string basis;
  bool SameDay() const { return working_days.has_value() && *working_days == 0; }
};

struct ChoiceOption {
  std::string value;  // stable, sent to the backend
  std::string label;  // shown to the citizen
};

// One value the dialog collects for a submission.
struct FormField {
  std::string name;   // snake_case, unique in the form, the backend's field name
  std::string label;  // Vietnamese prompt label: "Họ, chữ đệm và tên của trẻ"
  FieldType type = FieldType::kText;
  bool required = true;
  int min_length = 0;                 // text only; 0 = no bound
  int max_length = 0;                 // text only; 0 = no bound
  bool not_after_today = false;       // date only
  bool not_before_today = false;      // date only
  std::vector<ChoiceOption> options;  // choice only, at least two
  std::string hint;
};

struct Procedure {
  std::string slug;         // the NLU taxonomy key: "khai_sinh"
  std::string code;         // national procedure code "1.001193"; empty when not known yet
  std::string code_source;  // "verified: <where>", "unverified" or "unverified: <why>"
  bool code_verified = false;
  std::string name_vi;
  std::string name_en;
  std::string domain;  // lĩnh vực: "Hộ tịch"
  Resolving resolving;
  OnlineService online;
  std::vector<std::string> documents;
  std::vector<Fee> fees;
  TimeLimit time;
  std::vector<FormField> form;
  // Which parts were not checked against an official source: "resolving", "online",
  // "documents", "fees", "time", "form". A dialog should say "theo thông tin tham khảo" for them.
  std::vector<std::string> unverified;
  std::string notes;

  bool IsUnverified(std::string_view part) const;
};

}  // namespace gw::routing
