// Dossier codes `<unit code>-YYMMDD-NNNN` (e.g. 000.00.12.H29-241023-0001) and the local date
// they carry.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace gw::backends {

// Viet Nam keeps one zone, UTC+7, without daylight saving, so a fixed offset gives the local
// date without a time-zone database.
inline constexpr std::chrono::hours kVietnamUtcOffset{7};

// "YYMMDD" of the local (UTC+7) date of `t`.
std::string LocalDateStamp(core::TimePoint t);

// A unit code: 3 or 4 dot-separated groups of 1..5 upper-case letters or digits
// ("000.00.12.H29", "G22.25.01").
bool IsUnitCode(std::string_view code);

// "<unit>-YYMMDD-NNNN": the sequence has at least four digits and grows past 9999.
std::string FormatDossierCode(std::string_view unit_code, core::TimePoint received_at,
                              std::int64_t sequence);

struct DossierCodeParts {
  std::string unit_code;
  std::string date;  // YYMMDD
  std::int64_t sequence = 0;
};

// Strict: the canonical upper-case form only (the NLU normalises what citizens type).
std::optional<DossierCodeParts> ParseDossierCode(std::string_view code);

}  // namespace gw::backends
