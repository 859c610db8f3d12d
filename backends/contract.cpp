// Names, timestamps and encoding of the backend contract's JSON bodies.
#include "backends/contract.hpp"

#include <charconv>
#include <chrono>

namespace gw::backends {
namespace {

using nlohmann::json;

constexpr std::string_view kStateNames[] = {
    "received", "processing", "supplement_required", "payment_required", "delayed",
    "rejected", "stopped",    "result_ready",        "returned",         "withdrawn",
};

void PutIfSet(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

bool ReadInt(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return r.ec == std::errc();
}

}  // namespace

std::string_view StateName(DossierState state) {
  return kStateNames[static_cast<int>(state)];
}

std::optional<DossierState> ParseState(std::string_view name) {
  for (auto s : kAllDossierStates) {
    if (StateName(s) == name) return s;
  }
  return std::nullopt;
}

bool StateNeedsReason(DossierState state) {
  return state == DossierState::kSupplementRequired || state == DossierState::kDelayed ||
         state == DossierState::kRejected || state == DossierState::kStopped;
}

bool IsFinalState(DossierState state) {
  return state == DossierState::kRejected || state == DossierState::kStopped ||
         state == DossierState::kReturned || state == DossierState::kWithdrawn;
}

std::optional<core::TimePoint> ParseTimestamp(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff...](Z|+HH:MM|-HH:MM)
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (s.size() < 20 || !ReadInt(s, 0, 4, y) || s[4] != '-' || !ReadInt(s, 5, 2, mo) ||
      s[7] != '-' || !ReadInt(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') ||
      !ReadInt(s, 11, 2, h) || s[13] != ':' || !ReadInt(s, 14, 2, mi) || s[16] != ':' ||
      !ReadInt(s, 17, 2, sec)) {
    return std::nullopt;
  }
  using namespace std::chrono;
  year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  std::size_t i = 19;
  nanoseconds frac{0};
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::int64_t scale = 100'000'000;
    std::size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      frac += nanoseconds((s[i] - '0') * scale);
      scale /= 10;
      ++i;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
  }
  minutes offset{0};
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh = 0, om = 0;
    if (!ReadInt(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !ReadInt(s, i + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = hours(oh) + minutes(om);
    if (s[i] == '-') offset = -offset;
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  auto t = sys_days(ymd) + hours(h) + minutes(mi) + seconds(sec) - offset;
  return core::TimePoint(duration_cast<core::TimePoint::duration>(t.time_since_epoch() + frac));
}

json ToJson(const Applicant& v) {
  json j = {{"name", v.name}, {"cccd", v.cccd}};
  PutIfSet(j, "phone", v.phone);
  PutIfSet(j, "email", v.email);
  return j;
}

json ToJson(const SubmitRequest& v) {
  json j = {{"procedure_code", v.procedure_code},
            {"agency_code", v.agency_code},
            {"applicant", ToJson(v.applicant)},
            {"form_fields", v.form_fields.is_null() ? json::object() : v.form_fields}};
  PutIfSet(j, "channel", v.channel);
  PutIfSet(j, "citizen_ref", v.citizen_ref);
  return j;
}

json ToJson(const SubmitReceipt& v) {
  return {{"dossier_code", v.dossier_code},
          {"received_at", core::FormatTimestamp(v.received_at)},
          {"due_date", core::FormatTimestamp(v.due_at)}};
}

json ToJson(const ResultInfo& v) {
  json j = json::object();
  PutIfSet(j, "summary", v.summary);
  PutIfSet(j, "delivery", v.delivery);
  PutIfSet(j, "pickup_location", v.pickup_location);
  PutIfSet(j, "document_url", v.document_url);
  return j;
}

json ToJson(const DossierStatus& v) {
  json j = {{"dossier_code", v.dossier_code},
            {"procedure_code", v.procedure_code},
            {"agency_code", v.agency_code},
            {"status", StateName(v.status)},
            {"received_at", core::FormatTimestamp(v.received_at)}};
  PutIfSet(j, "reason", v.reason);
  if (v.due_at) j["due_date"] = core::FormatTimestamp(*v.due_at);
  if (v.new_due_at) j["new_due_date"] = core::FormatTimestamp(*v.new_due_at);
  json history = json::array();
  for (const auto& s : v.history) {
    json step = {{"status", StateName(s.status)}, {"at", core::FormatTimestamp(s.at)}};
    PutIfSet(step, "note", s.note);
    PutIfSet(step, "officer_unit", s.officer_unit);
    history.push_back(std::move(step));
  }
  j["history"] = std::move(history);
  if (v.result) j["result"] = ToJson(*v.result);
  return j;
}

json ToJson(const SupplementRequest& v) {
  json docs = json::array();
  for (const auto& d : v.documents) docs.push_back({{"name", d.name}, {"url", d.url}});
  json j = {{"form_fields", v.form_fields.is_null() ? json::object() : v.form_fields},
            {"documents", std::move(docs)}};
  PutIfSet(j, "note", v.note);
  return j;
}

json ToJson(const WithdrawRequest& v) {
  json j = json::object();
  PutIfSet(j, "reason", v.reason);
  return j;
}

json ToJson(const ActionReceipt& v) {
  return {{"dossier_code", v.dossier_code},
          {"status", StateName(v.status)},
          {"at", core::FormatTimestamp(v.at)}};
}

json ToJson(const ComplaintRequest& v) {
  json j = {{"kind", v.kind == ComplaintKind::kComplaint ? "complaint" : "feedback"},
            {"agency_code", v.agency_code},
            {"applicant", ToJson(v.applicant)},
            {"text", v.text}};
  PutIfSet(j, "dossier_code", v.dossier_code);
  PutIfSet(j, "channel", v.channel);
  PutIfSet(j, "citizen_ref", v.citizen_ref);
  return j;
}

json ToJson(const ComplaintReceipt& v) {
  return {{"ticket_number", v.ticket_number},
          {"received_at", core::FormatTimestamp(v.received_at)}};
}

json ErrorJson(std::string_view code, std::string_view message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

}  // namespace gw::backends
