// Formatting and parsing of dossier codes.
#include "backends/dossier_code.hpp"

#include <fmt/format.h>

#include <charconv>

namespace gw::backends {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string LocalDateStamp(core::TimePoint t) {
  using namespace std::chrono;
  auto local = floor<days>(t + kVietnamUtcOffset);
  year_month_day ymd{local};
  return fmt::format("{:02}{:02}{:02}", static_cast<int>(ymd.year()) % 100,
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

bool IsUnitCode(std::string_view code) {
  int groups = 0;
  std::size_t start = 0;
  while (true) {
    auto dot = code.find('.', start);
    std::string_view g = code.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (g.empty() || g.size() > 5) return false;
    for (char c : g) {
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
    }
    ++groups;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return groups == 3 || groups == 4;
}

std::string FormatDossierCode(std::string_view unit_code, core::TimePoint received_at,
                              std::int64_t sequence) {
  return fmt::format("{}-{}-{:04}", unit_code, LocalDateStamp(received_at), sequence);
}

std::optional<DossierCodeParts> ParseDossierCode(std::string_view code) {
  auto second = code.rfind('-');
  if (second == std::string_view::npos || second == 0) return std::nullopt;
  auto first = code.rfind('-', second - 1);
  if (first == std::string_view::npos) return std::nullopt;
  std::string_view unit = code.substr(0, first);
  std::string_view date = code.substr(first + 1, second - first - 1);
  std::string_view seq = code.substr(second + 1);
  if (!IsUnitCode(unit) || date.size() != 6 || !AllDigits(date) || seq.size() < 4 ||
      seq.size() > 9 || !AllDigits(seq)) {
    return std::nullopt;
  }
  DossierCodeParts parts{std::string(unit), std::string(date), 0};
  std::from_chars(seq.data(), seq.data() + seq.size(), parts.sequence);
  if (parts.sequence == 0) return std::nullopt;
  return parts;
}

}  // namespace gw::backends
