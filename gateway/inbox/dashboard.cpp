// Percentiles and CSV export for the supervisor dashboard.
#include "gateway/inbox/dashboard.hpp"

#include <algorithm>
#include <cmath>

namespace gw::gateway::inbox {
namespace {

using Json = nlohmann::json;

std::string Cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return CsvField(v.get<std::string>());
  if (v.is_number_float()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v.get<double>());
    return buf;
  }
  return v.dump();  // integers and booleans: never formula-like
}

std::string Rows(const std::vector<std::string>& header,
                 const std::vector<std::vector<Json>>& rows) {
  std::string out = "\xEF\xBB\xBF";  // BOM: Excel reads the file as UTF-8
  for (std::size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + CsvField(header[i]);
  out += "\r\n";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + Cell(row[i]);
    out += "\r\n";
  }
  return out;
}

// A {"key": count} object as rows, largest first.
std::vector<std::vector<Json>> CountRows(const Json& counts) {
  std::vector<std::vector<Json>> rows;
  for (const auto& [k, v] : counts.items()) rows.push_back({k, v});
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a[1].template get<std::int64_t>() > b[1].template get<std::int64_t>();
  });
  return rows;
}

std::vector<std::vector<Json>> SatisfactionRows(const Json& by) {
  std::vector<std::vector<Json>> rows;
  for (const auto& [k, v] : by.items()) {
    rows.push_back({k, v.value("rat_hai_long", 0), v.value("hai_long", 0),
                    v.value("khong_hai_long", 0), v.value("total", 0)});
  }
  return rows;
}

}  // namespace

std::optional<std::int64_t> Percentile(std::vector<std::int64_t> values, int p) {
  if (values.empty() || p <= 0 || p > 100) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(
      std::ceil(static_cast<double>(p) / 100.0 * static_cast<double>(values.size())));
  return values[std::max<std::size_t>(rank, 1) - 1];
}

std::string CsvField(std::string_view text) {
  std::string s(text);
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) {
    s.insert(s.begin(), '\'');
  }
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

const std::vector<std::string>& DashboardTables() {
  static const std::vector<std::string> kNames = {
      "by_channel",           "by_procedure",           "by_status", "refusals",
      "satisfaction_channel", "satisfaction_procedure", "times"};
  return kNames;
}

std::optional<std::string> DashboardCsv(const Json& d, std::string_view name) {
  if (name == "by_channel") return Rows({"channel", "conversations"}, CountRows(d["by_channel"]));
  if (name == "by_procedure") {
    return Rows({"procedure", "conversations"}, CountRows(d["by_procedure"]));
  }
  if (name == "by_status") return Rows({"status", "conversations"}, CountRows(d["by_status"]));
  if (name == "refusals") {
    return Rows({"reason_code", "refusals"}, CountRows(d["refusals_by_reason"]));
  }
  const std::vector<std::string> sat = {"", "rat_hai_long", "hai_long", "khong_hai_long", "total"};
  if (name == "satisfaction_channel") {
    auto h = sat;
    h[0] = "channel";
    return Rows(h, SatisfactionRows(d["satisfaction_by_channel"]));
  }
  if (name == "satisfaction_procedure") {
    auto h = sat;
    h[0] = "procedure";
    return Rows(h, SatisfactionRows(d["satisfaction_by_procedure"]));
  }
  if (name == "times") {
    std::vector<std::vector<Json>> rows;
    for (const char* k : {"first_response", "resolution"}) {
      const Json& t = d[k];
      rows.push_back({k, t["count"], t["median_s"], t["p90_s"], t["on_time"], t["on_time_rate"]});
    }
    return Rows({"measure", "count", "median_working_seconds", "p90_working_seconds", "on_time",
                 "on_time_rate"},
                rows);
  }
  return std::nullopt;
}

}  // namespace gw::gateway::inbox
