// Validation of status pushes.
#include "gateway/status_push.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "backends/dossier_code.hpp"

namespace gw::gateway {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr std::string_view kStatuses[] = {
    "received", "processing", "supplement_required", "payment_required", "delayed",
    "rejected", "stopped",    "result_ready",        "returned",         "withdrawn"};

bool NeedsReason(std::string_view s) {
  return s == "supplement_required" || s == "delayed" || s == "rejected" || s == "stopped";
}

bool IsIsoDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  int m = (d[5] - '0') * 10 + (d[6] - '0');
  int day = (d[8] - '0') * 10 + (d[9] - '0');
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

bool IsTimestamp(std::string_view t) {
  // RFC 3339: a date, 'T', a time, and Z or an offset.
  return t.size() >= 20 && IsIsoDate(t.substr(0, 10)) && (t[10] == 'T' || t[10] == 't') &&
         (t.back() == 'Z' || t.back() == 'z' || t[t.size() - 6] == '+' || t[t.size() - 6] == '-');
}

core::Result<std::string> Str(const nlohmann::json& j, const char* key, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) return MakeError(ErrorCode::kInvalidArgument, fmt::format("{}: required", key));
    return std::string();
  }
  if (!it->is_string())
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("{}: expected a string", key));
  return it->get<std::string>();
}

}  // namespace

core::Result<StatusPush> ParseStatusPush(std::string_view body) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("malformed JSON: {}", e.what()));
  }
  if (!j.is_object()) return MakeError(ErrorCode::kInvalidArgument, "expected a JSON object");
  for (const auto& [key, value] : j.items()) {
    static const std::string_view kKnown[] = {"dossier_code", "procedure_code", "status",
                                              "reason",       "new_due_date",   "result",
                                              "recipient",    "occurred_at"};
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
      return MakeError(ErrorCode::kInvalidArgument, fmt::format("{}: unknown field", key));
    }
  }
  StatusPush p;
  auto take = [&](const char* key, bool required, std::string& out) -> core::Status {
    auto v = Str(j, key, required);
    if (!v.ok()) return v.error();
    out = *v;
    return core::Ok{};
  };
  for (auto st :
       {take("dossier_code", true, p.dossier_code), take("procedure_code", true, p.procedure_code),
        take("status", true, p.status), take("reason", false, p.reason),
        take("new_due_date", false, p.new_due_date), take("occurred_at", true, p.occurred_at)}) {
    if (!st.ok()) return st.error();
  }
  if (!backends::ParseDossierCode(p.dossier_code)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "dossier_code: expected <unit code>-YYMMDD-NNNN, e.g. 000.00.12.H29-241023-0001");
  }
  if (std::find(std::begin(kStatuses), std::end(kStatuses), p.status) == std::end(kStatuses)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "status: expected one of received, processing, supplement_required, "
        "payment_required, delayed, rejected, stopped, result_ready, returned, withdrawn");
  }
  if (!IsTimestamp(p.occurred_at)) {
    return MakeError(ErrorCode::kInvalidArgument, "occurred_at: expected an RFC 3339 timestamp");
  }
  if (!p.new_due_date.empty() && !IsIsoDate(p.new_due_date)) {
    return MakeError(ErrorCode::kInvalidArgument, "new_due_date: expected YYYY-MM-DD");
  }
  if (auto r = j.find("result"); r != j.end() && !r->is_null()) {
    p.result = r->is_string() ? r->get<std::string>() : r->dump();
  }
  auto rec = j.find("recipient");
  if (rec == j.end() || !rec->is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "recipient: required, an object");
  }
  for (const auto& [key, value] : rec->items()) {
    std::string* slot = key == "citizen_id"     ? &p.recipient.citizen_id
                        : key == "phone"        ? &p.recipient.phone
                        : key == "email"        ? &p.recipient.email
                        : key == "zalo_user_id" ? &p.recipient.zalo_user_id
                        : key == "app_user_id"  ? &p.recipient.app_user_id
                                                : nullptr;
    if (slot == nullptr)
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("recipient.{}: unknown field", key));
    if (!value.is_string())
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("recipient.{}: expected a string", key));
    *slot = value.get<std::string>();
  }
  const auto& r = p.recipient;
  if (r.citizen_id.empty() && r.phone.empty() && r.email.empty() && r.zalo_user_id.empty() &&
      r.app_user_id.empty()) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "recipient: name at least one of citizen_id, phone, email, zalo_user_id, app_user_id");
  }
  // NĐ 137/2024: what refuses, asks for more, stops or apologises must say why.
  if (NeedsReason(p.status) && p.reason.empty()) {
    return MakeError(ErrorCode::kUnprocessable,
                     fmt::format("reason: required when status is {}", p.status));
  }
  if (p.status == "delayed" && p.new_due_date.empty()) {
    return MakeError(ErrorCode::kUnprocessable, "new_due_date: required when status is delayed");
  }
  return p;
}

}  // namespace gw::gateway
