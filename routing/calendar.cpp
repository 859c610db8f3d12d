// Working days, due dates and SLA working time over the holidays of Bộ luật Lao động 2019.
#include "routing/calendar.hpp"

#include <algorithm>

namespace gw::routing {
namespace {

constexpr int kSecondsPerMinute = 60;
// Guards every day-by-day walk: no period handled here is longer than a few months, so a walk
// that has not ended after a century is a bug (e.g. a calendar with every weekday off).
constexpr int kMaxWalkDays = 36600;

// 2/9 on a Monday, Thursday or Sunday takes the day after; otherwise the day before (the choices
// of 2021-2026: 3/9/2021 Fri, 1/9/2022 Thu, 1/9/2023 Fri, 3/9/2024 Tue, 1/9/2025 Mon, 1/9/2026
// Tue).
int AutoAdjacentOffset(Date base) {
  const int w = Weekday(base);
  return (w == 1 || w == 4 || w == 0) ? 1 : -1;
}

}  // namespace

core::Result<Calendar> Calendar::Parse(std::string_view json_text, std::string_view source_name) {
  auto data = ParseCalendarData(json_text, source_name);
  if (!data.ok()) return data.error();
  return Calendar(std::move(data).value());
}

Calendar::Calendar(CalendarData data) : data_(std::move(data)) {
  for (const auto& [year, unused] : data_.lunar) {
    if (first_year_ > last_year_) first_year_ = last_year_ = year;
    first_year_ = std::min(first_year_, year);
    last_year_ = std::max(last_year_, year);
  }
  for (const auto& o : data_.official) {
    if (first_year_ > last_year_) first_year_ = last_year_ = o.year;
    first_year_ = std::min(first_year_, o.year);
    last_year_ = std::max(last_year_, o.year);
  }
  for (int y = first_year_; y <= last_year_; ++y) AddYear(y, days_);
  AddOfficial(days_);
}

void Calendar::AddYear(int year, Days& days) const {
  std::set<std::string> replaced;
  for (const auto& o : data_.official) {
    if (o.year == year) replaced.insert(o.replaces.begin(), o.replaces.end());
  }
  std::vector<std::pair<Date, const HolidayRule*>> statutory;
  for (const auto& h : data_.holidays) {
    if (replaced.contains(h.id)) continue;
    Date base;
    if (h.lunar.empty()) {
      base = Date{year, h.solar_month, h.solar_day};
    } else {
      auto it = data_.lunar.find(year);
      if (it == data_.lunar.end()) continue;  // outside the table: unknown, see Covers()
      base = h.lunar == "tet" ? it->second.tet : it->second.gio_to;
    }
    for (int k = -h.days_before; k <= h.days_after; ++k)
      statutory.emplace_back(AddDays(base, k), &h);
    if (h.adjacent == AdjacentDay::kBefore) statutory.emplace_back(AddDays(base, -1), &h);
    if (h.adjacent == AdjacentDay::kAfter) statutory.emplace_back(AddDays(base, 1), &h);
    if (h.adjacent == AdjacentDay::kAuto) {
      statutory.emplace_back(AddDays(base, AutoAdjacentOffset(base)), &h);
    }
  }
  std::sort(statutory.begin(), statutory.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [date, rule] : statutory) {
    days.off.emplace(DaysFromCivil(date), DayOff{date, DayOffKind::kHoliday, rule->id, rule->name});
  }
  // Điều 111.3: a holiday on a weekly day off is taken on the next working day; taking them in
  // date order keeps two such holidays (30/4 and 1/5 on a weekend) on two different days.
  for (const auto& [date, rule] : statutory) {
    if (!IsWeekend(date)) continue;
    Date d = AddDays(date, 1);
    while (IsWeekend(d) || days.off.contains(DaysFromCivil(d))) d = AddDays(d, 1);
    days.off.emplace(DaysFromCivil(d),
                     DayOff{d, DayOffKind::kCompensation, rule->id, "Nghỉ bù " + rule->name});
  }
}

void Calendar::AddOfficial(Days& days) const {
  for (const auto& o : data_.official) {
    const std::string id = o.replaces.empty() ? std::string() : o.replaces.front();
    for (const auto& d : o.days_off) {
      days.off.emplace(DaysFromCivil(d), DayOff{d, DayOffKind::kOfficial, id, o.name});
    }
    for (const auto& d : o.working_days) days.working.insert(DaysFromCivil(d));
  }
}

const Calendar::Days& Calendar::DaysFor(Date d, Days& scratch) const {
  if (d.year >= first_year_ && d.year <= last_year_) return days_;
  AddYear(d.year, scratch);
  AddOfficial(scratch);  // a schedule may spill over a year's edge (30/12 to 1/1)
  return scratch;
}

std::optional<DayOff> Calendar::WhyOff(Date d) const {
  Days scratch;
  const Days& days = DaysFor(d, scratch);
  const int n = DaysFromCivil(d);
  if (days.working.contains(n)) return std::nullopt;
  if (auto it = days.off.find(n); it != days.off.end()) return it->second;
  if (IsWeekend(d)) return DayOff{d, DayOffKind::kWeekend, "", ""};
  return std::nullopt;
}

bool Calendar::IsWorkingDay(Date d) const {
  return !WhyOff(d).has_value();
}

Date Calendar::NextWorkingDay(Date d) const {
  Date next = AddDays(d, 1);
  for (int i = 0; i < kMaxWalkDays && !IsWorkingDay(next); ++i) next = AddDays(next, 1);
  return next;
}

Date Calendar::ReceivedDay(core::TimePoint t) const {
  const Date local = LocalDate(t);
  const bool after_cutoff = LocalSecondOfDay(t) > data_.cutoff_minute * kSecondsPerMinute;
  if (IsWorkingDay(local) && !after_cutoff) return local;
  return NextWorkingDay(local);
}

Date Calendar::AddWorkingDays(Date start, int n) const {
  Date d = IsWorkingDay(start) ? start : NextWorkingDay(start);
  for (int counted = 1; counted < n; ++counted) d = NextWorkingDay(d);
  return d;
}

std::chrono::seconds Calendar::WorkingTimeBetween(core::TimePoint from, core::TimePoint to) const {
  using std::chrono::seconds;
  if (to <= from) return seconds(0);
  seconds total(0);
  const Date last = LocalDate(to);
  Date d = LocalDate(from);
  for (int i = 0; i < kMaxWalkDays && d <= last; ++i, d = AddDays(d, 1)) {
    if (!IsWorkingDay(d)) continue;
    for (const auto& iv : data_.office_hours) {
      const auto a = std::max(from, LocalTime(d, iv.from_minute));
      const auto b = std::min(to, LocalTime(d, iv.to_minute));
      if (b > a) total += std::chrono::duration_cast<seconds>(b - a);
    }
  }
  return total;
}

core::TimePoint Calendar::AddWorkingTime(core::TimePoint from, std::chrono::seconds amount) const {
  if (amount <= std::chrono::seconds(0)) return from;
  auto remaining = std::chrono::duration_cast<core::TimePoint::duration>(amount);
  Date d = LocalDate(from);
  for (int i = 0; i < kMaxWalkDays; ++i, d = AddDays(d, 1)) {
    if (!IsWorkingDay(d)) continue;
    for (const auto& iv : data_.office_hours) {
      const auto a = std::max(from, LocalTime(d, iv.from_minute));
      const auto b = LocalTime(d, iv.to_minute);
      if (b <= a) continue;
      if (b - a >= remaining) return a + remaining;
      remaining -= b - a;
    }
  }
  return from;  // unreachable with at least one office interval and one working weekday
}

std::vector<DayOff> Calendar::DaysOff(int year) const {
  Days scratch;
  const Days& days = DaysFor(Date{year, 1, 1}, scratch);
  std::vector<DayOff> out;
  const int first = DaysFromCivil(Date{year, 1, 1});
  const int last = DaysFromCivil(Date{year, 12, 31});
  for (auto it = days.off.lower_bound(first); it != days.off.end() && it->first <= last; ++it) {
    if (!days.working.contains(it->first)) out.push_back(it->second);
  }
  return out;
}

}  // namespace gw::routing
