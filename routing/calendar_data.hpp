// The working-day calendar's data (config/catalog/holidays.json) as typed structs, and its parser.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "routing/civil_date.hpp"

namespace gw::routing {

// Which day next to a one-day holiday is also off (Quốc khánh: 2/9 "và 01 ngày liền kề trước hoặc
// sau", chosen each year by the Prime Minister). kAuto follows the practice of 2021-2026: the day
// that joins the holiday to a Saturday-Sunday weekend.
enum class AdjacentDay { kNone, kBefore, kAfter, kAuto };

// A statutory holiday (Bộ luật Lao động 2019, Điều 112), on a fixed solar date or on a lunar date
// looked up in the lunar table, possibly spanning several days around that date.
struct HolidayRule {
  std::string id;    // "tet_nguyen_dan"
  std::string name;  // "Tết Âm lịch"
  int solar_month = 0;
  int solar_day = 0;  // 0 when the holiday is lunar
  std::string lunar;  // "tet" (mùng 1 tháng Giêng) or "gio_to" (mùng 10 tháng Ba), else empty
  int days_before = 0;
  int days_after = 0;
  AdjacentDay adjacent = AdjacentDay::kNone;
};

// The Gregorian dates of the lunar holidays in one Gregorian year.
struct LunarYear {
  int year = 0;
  Date tet;     // mùng 1 tháng Giêng
  Date gio_to;  // mùng 10 tháng Ba
};

// The Government's yearly schedule for some holidays (days off for civil servants, swapped working
// days): for the holidays it `replaces`, the computed days and their compensation are dropped and
// `days_off` are used instead; `working_days` (make-up Saturdays) are worked whatever else applies.
struct OfficialSchedule {
  int year = 0;
  std::string name;  // "Tết Âm lịch Bính Ngọ"
  std::vector<std::string> replaces;
  std::vector<Date> days_off;
  std::vector<Date> working_days;
  std::string source;      // the decision or notice
  bool confirmed = false;  // checked against a published report when the data was written
};

struct OfficeInterval {
  int from_minute = 0;  // local minutes after midnight
  int to_minute = 0;
};

struct CalendarData {
  std::array<bool, 7> weekend{};  // indexed by Weekday(): [0] Sunday ... [6] Saturday
  int cutoff_minute = 15 * 60;    // dossiers received later count from the next working day
  std::vector<OfficeInterval> office_hours;
  std::vector<HolidayRule> holidays;
  std::map<int, LunarYear> lunar;  // by Gregorian year
  std::vector<OfficialSchedule> official;
  std::string lunar_source;
};

// All errors at once, one "<source_name>: <path>: <reason>" per line in Error::message.
core::Result<CalendarData> ParseCalendarData(std::string_view json_text,
                                             std::string_view source_name);

}  // namespace gw::routing
