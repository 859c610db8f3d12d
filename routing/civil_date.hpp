// Civil (proleptic Gregorian) dates and Vietnam local time (UTC+7, no DST), without a tz database.
//
// <chrono>'s year_month_day would do the arithmetic, but GCC 12's time-zone support is incomplete
// and the offset is fixed, so dates are plain structs over a day number (Hinnant's days-from-civil
// algorithm) and the +7 h shift is done here, in one place.
#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace gw::routing {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const Date&) const = default;
};

// Days since 1970-01-01 (negative before it). Valid for any proleptic Gregorian date.
int DaysFromCivil(Date d);
Date CivilFromDays(int days);
// 0 = Sunday, 1 = Monday, ... 6 = Saturday (the tm_wday convention).
int Weekday(Date d);
Date AddDays(Date d, int days);
int DaysBetween(Date from, Date to);  // to - from
bool IsValidDate(int year, int month, int day);

// "2026-02-17" (strict: four-digit year, two-digit month and day, a real date).
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date d);
// "07:30" -> 450 minutes after midnight; "24:00" is allowed as the end of a day.
std::optional<int> ParseClock(std::string_view text);

// Vietnam has used UTC+7 without daylight saving since 1975.
inline constexpr std::chrono::hours kVietnamOffset{7};

// The civil date in Vietnam at instant `t`.
Date LocalDate(core::TimePoint t);
// Seconds since local midnight in Vietnam at instant `t` (0..86399).
int LocalSecondOfDay(core::TimePoint t);
// The instant of local (Vietnam) time `minute_of_day` minutes after midnight on `d`.
core::TimePoint LocalTime(Date d, int minute_of_day);

}  // namespace gw::routing
