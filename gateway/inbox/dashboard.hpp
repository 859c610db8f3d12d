// The supervisor dashboard's pure parts: percentiles of durations, and the tables of the
// dashboard as CSV that Excel opens with Vietnamese intact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace gw::gateway::inbox {

// Nearest-rank percentile (p in (0, 100]) of `values` (sorted here); nullopt when empty.
std::optional<std::int64_t> Percentile(std::vector<std::int64_t> values, int p);

// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A
// field that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
// apostrophe (OWASP "CSV injection"); numbers are written as they are.
std::string CsvField(std::string_view text);

// The dashboard tables that can be exported, by name.
const std::vector<std::string>& DashboardTables();

// The table `name` of a dashboard (InboxStore::Dashboard's JSON) as CSV: a UTF-8 byte-order
// mark, a header row, CRLF line ends. nullopt for an unknown name.
std::optional<std::string> DashboardCsv(const nlohmann::json& dashboard, std::string_view name);

}  // namespace gw::gateway::inbox
