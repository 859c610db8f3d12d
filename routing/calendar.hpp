// The working-day calendar: which days a one-stop desk works, when a dossier counts as received,
// its due date, and the working time between two instants for officers' SLA clocks.
//
// Rules (docs/ROUTING.md has the sources): weekly days off (Saturday and Sunday by default);
// statutory holidays of Bộ luật Lao động 2019 Điều 112, the lunar ones from a table of dates; a
// holiday on a weekly day off is compensated on the next working day (Điều 111.3); and the
// Government's yearly schedules (swapped days, make-up Saturdays), which replace the computed days
// of the holidays they cover. All times are Vietnam local time (UTC+7).
//
// Immutable after construction; every method is const and safe to call from any thread.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "routing/calendar_data.hpp"
#include "routing/civil_date.hpp"

namespace gw::routing {

enum class DayOffKind {
  kWeekend,       // a weekly day off
  kHoliday,       // a statutory holiday (it may fall on a weekend too)
  kCompensation,  // nghỉ bù for a holiday that fell on a weekly day off
  kOfficial,      // a day off from the Government's yearly schedule
};

struct DayOff {
  Date date;
  DayOffKind kind = DayOffKind::kWeekend;
  std::string holiday_id;  // the rule it comes from; empty for a plain weekend
  std::string name;        // "Tết Âm lịch", "Nghỉ bù Giỗ Tổ Hùng Vương"
};

class Calendar {
 public:
  static core::Result<Calendar> Parse(std::string_view json_text, std::string_view source_name);
  explicit Calendar(CalendarData data);

  bool IsWorkingDay(Date d) const;
  // Why `d` is not a working day; nullopt when it is one.
  std::optional<DayOff> WhyOff(Date d) const;
  // The first working day strictly after `d`.
  Date NextWorkingDay(Date d) const;

  // The day a dossier received at `t` counts from: its local date if that is a working day and
  // the time is not after the cut-off (15:00 by default), else the next working day.
  Date ReceivedDay(core::TimePoint t) const;
  // The due date of a period of `n` working days that starts on `start`, counting `start` itself
  // as the first day when it is a working day: Monday + 3 = Wednesday. n == 0 ("ngay trong ngày")
  // is the first working day on or after `start`, as is n == 1.
  Date AddWorkingDays(Date start, int n) const;
  Date DueDate(core::TimePoint received, int working_days) const {
    return AddWorkingDays(ReceivedDay(received), working_days);
  }

  // Office time between two instants on working days, inside the office hours (7:30-11:30 and
  // 13:00-17:00 by default). Zero when `to` is not after `from`.
  std::chrono::seconds WorkingTimeBetween(core::TimePoint from, core::TimePoint to) const;
  // The instant at which `amount` of office time has passed since `from` (an SLA deadline).
  core::TimePoint AddWorkingTime(core::TimePoint from, std::chrono::seconds amount) const;

  // Holidays, compensation days and official days off of `year` (weekends are not listed unless
  // a holiday falls on one), by date.
  std::vector<DayOff> DaysOff(int year) const;
  // Whether the lunar table covers `year`; outside it only the solar holidays are known.
  bool Covers(int year) const { return data_.lunar.contains(year); }
  const CalendarData& data() const { return data_; }

 private:
  struct Days {
    std::map<int, DayOff> off;  // by day number
    std::set<int> working;      // make-up working days
  };
  void AddYear(int year, Days& days) const;
  void AddOfficial(Days& days) const;
  // The computed days of `d`'s year: the precomputed table, or `scratch` filled on demand.
  const Days& DaysFor(Date d, Days& scratch) const;
  bool IsWeekend(Date d) const { return data_.weekend[Weekday(d)]; }

  CalendarData data_;
  int first_year_ = 0;  // years [first_year_, last_year_] are precomputed into days_
  int last_year_ = -1;
  Days days_;
};

}  // namespace gw::routing
