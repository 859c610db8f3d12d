// Civil-date arithmetic (Howard Hinnant's days-from-civil algorithms) and the UTC+7 conversion.
#include "routing/civil_date.hpp"

#include <fmt/format.h>

#include <charconv>

namespace gw::routing {
namespace {

constexpr int kSecondsPerDay = 86400;

bool IsLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Floor division, so instants before 1970 map to the right day.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::optional<int> Digits(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

int DaysFromCivil(Date d) {
  int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = d.month > 2 ? d.month - 3 : d.month + 9;
  const int doy = (153 * mp + 2) / 5 + d.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(int days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  return Date{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

int Weekday(Date d) {
  const int z = DaysFromCivil(d);
  return z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6;
}

Date AddDays(Date d, int days) {
  return CivilFromDays(DaysFromCivil(d) + days);
}

int DaysBetween(Date from, Date to) {
  return DaysFromCivil(to) - DaysFromCivil(from);
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = Digits(text.substr(0, 4));
  auto m = Digits(text.substr(5, 2));
  auto d = Digits(text.substr(8, 2));
  if (!y || !m || !d || !IsValidDate(*y, *m, *d)) return std::nullopt;
  return Date{*y, *m, *d};
}

std::string FormatDate(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::optional<int> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto h = Digits(text.substr(0, 2));
  auto m = Digits(text.substr(3, 2));
  if (!h || !m || *m > 59 || *h > 24 || (*h == 24 && *m != 0)) return std::nullopt;
  return *h * 60 + *m;
}

Date LocalDate(core::TimePoint t) {
  const auto secs =
      std::chrono::duration_cast<std::chrono::seconds>((t + kVietnamOffset).time_since_epoch())
          .count();
  return CivilFromDays(static_cast<int>(FloorDiv(secs, kSecondsPerDay)));
}

int LocalSecondOfDay(core::TimePoint t) {
  const auto secs =
      std::chrono::duration_cast<std::chrono::seconds>((t + kVietnamOffset).time_since_epoch())
          .count();
  return static_cast<int>(secs - FloorDiv(secs, kSecondsPerDay) * kSecondsPerDay);
}

core::TimePoint LocalTime(Date d, int minute_of_day) {
  const auto local = std::chrono::sys_days(std::chrono::days(DaysFromCivil(d))) +
                     std::chrono::minutes(minute_of_day);
  return core::TimePoint(local - kVietnamOffset);
}

}  // namespace gw::routing
