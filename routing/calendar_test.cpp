// Tests of the working-day calendar against the shipped holidays.json and small hand-made files.
#include "routing/calendar.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "routing/test_support.hpp"

using gw::routing::Calendar;
using gw::routing::Date;
using gw::routing::DayOffKind;
using gw::routing::testing::VnTime;
using namespace std::chrono_literals;

namespace {

const Calendar& Shipped() {
  static const Calendar calendar = [] {
    auto text = gw::routing::testing::ReadSourceFile("config/catalog/holidays.json");
    REQUIRE_FALSE(text.empty());
    auto c = Calendar::Parse(text, "holidays.json");
    REQUIRE_MESSAGE(c.ok(), c.error().message);
    return std::move(c).value();
  }();
  return calendar;
}

std::string Errors(std::string_view json) {
  auto c = Calendar::Parse(json, "cal.json");
  return c.ok() ? std::string("(no error)") : c.error().message;
}

// A minimal valid calendar file, with `patch` (an RFC 7386 merge patch) applied.
std::string MinimalCalendar(std::string_view patch = "{}") {
  auto j = nlohmann::json::parse(R"({"office_hours": [{"from": "07:30", "to": "11:30"}],
    "holidays": [{"id": "tet_duong_lich", "name": "Tết Dương lịch", "date": "01-01"}],
    "lunar_source": "test"})");
  j.merge_patch(nlohmann::json::parse(patch));
  return j.dump();
}

}  // namespace

TEST_CASE("the shipped calendar loads and covers 2024-2040") {
  const auto& cal = Shipped();
  for (int y = 2024; y <= 2040; ++y) CHECK(cal.Covers(y));
  CHECK_FALSE(cal.Covers(2041));
  CHECK(cal.data().lunar.at(2025).tet == Date{2025, 1, 29});
  CHECK(cal.data().lunar.at(2026).tet == Date{2026, 2, 17});
  CHECK(cal.data().lunar.at(2026).gio_to == Date{2026, 4, 26});
  // Vietnam (UTC+7) keeps Tết 2030 a day before China (UTC+8).
  CHECK(cal.data().lunar.at(2030).tet == Date{2030, 2, 2});
}

TEST_CASE("Tết 2026 follows the Government's schedule: 14/2 to 22/2 off") {
  const auto& cal = Shipped();
  struct Case {
    Date date;
    bool working;
  };
  for (const auto& c :
       {Case{{2026, 2, 13}, true}, Case{{2026, 2, 14}, false}, Case{{2026, 2, 16}, false},
        Case{{2026, 2, 17}, false}, Case{{2026, 2, 20}, false}, Case{{2026, 2, 22}, false},
        Case{{2026, 2, 23}, true}}) {
    CAPTURE(gw::routing::FormatDate(c.date));
    CHECK(cal.IsWorkingDay(c.date) == c.working);
  }
  auto why = cal.WhyOff(Date{2026, 2, 18});
  REQUIRE(why.has_value());
  CHECK(why->kind == DayOffKind::kOfficial);
  CHECK(why->holiday_id == "tet_nguyen_dan");
  CHECK(why->name == "Tết Âm lịch Bính Ngọ");
}

TEST_CASE("a dossier after the 15:00 cut-off counts from the next working day") {
  const auto& cal = Shipped();
  SUBCASE("Friday 16:00 counts from Monday; three working days are due Wednesday") {
    const auto t = VnTime(2026, 3, 6, 16, 0);
    CHECK(cal.ReceivedDay(t) == Date{2026, 3, 9});
    CHECK(cal.DueDate(t, 3) == Date{2026, 3, 11});
  }
  SUBCASE("Friday 14:59 counts from Friday; three working days are due Tuesday") {
    const auto t = VnTime(2026, 3, 6, 14, 59);
    CHECK(cal.ReceivedDay(t) == Date{2026, 3, 6});
    CHECK(cal.DueDate(t, 3) == Date{2026, 3, 10});
  }
  SUBCASE("exactly 15:00 is not after the cut-off") {
    CHECK(cal.ReceivedDay(VnTime(2026, 3, 6, 15, 0)) == Date{2026, 3, 6});
    CHECK(cal.ReceivedDay(VnTime(2026, 3, 6, 15, 0) + 1s) == Date{2026, 3, 9});
  }
  SUBCASE("a Sunday counts from Monday; same-day procedures are due that Monday") {
    const auto t = VnTime(2026, 3, 8, 10, 0);
    CHECK(cal.ReceivedDay(t) == Date{2026, 3, 9});
    CHECK(cal.DueDate(t, 0) == Date{2026, 3, 9});
    CHECK(cal.DueDate(t, 1) == Date{2026, 3, 9});
  }
  SUBCASE("the cut-off is local time: 08:30Z is 15:30 in Vietnam") {
    const auto t = VnTime(2026, 3, 6, 15, 30);
    CHECK(gw::core::FormatTimestamp(t) == "2026-03-06T08:30:00.000Z");
    CHECK(cal.ReceivedDay(t) == Date{2026, 3, 9});
  }
}

TEST_CASE("a dossier on the Friday before Tết 2026 waits out the holiday") {
  const auto& cal = Shipped();
  CHECK(cal.DueDate(VnTime(2026, 2, 13, 10, 0), 3) == Date{2026, 2, 24});
  CHECK(cal.ReceivedDay(VnTime(2026, 2, 13, 16, 0)) == Date{2026, 2, 23});
  CHECK(cal.DueDate(VnTime(2026, 2, 13, 16, 0), 3) == Date{2026, 2, 25});
  CHECK(cal.NextWorkingDay(Date{2026, 2, 13}) == Date{2026, 2, 23});
}

TEST_CASE("30/4 and 1/5 on a weekend are compensated on the next working days") {
  const auto& cal = Shipped();
  SUBCASE("2028: 30/4 is a Sunday, 1/5 a Monday; nghỉ bù on Tuesday 2/5") {
    auto why = cal.WhyOff(Date{2028, 5, 2});
    REQUIRE(why.has_value());
    CHECK(why->kind == DayOffKind::kCompensation);
    CHECK(why->name == "Nghỉ bù Ngày Chiến thắng");
    CHECK_FALSE(cal.IsWorkingDay(Date{2028, 5, 1}));
    CHECK(cal.IsWorkingDay(Date{2028, 5, 3}));
  }
  SUBCASE("2022, outside the lunar table: Saturday and Sunday give Monday and Tuesday") {
    CHECK_FALSE(cal.Covers(2022));
    CHECK_FALSE(cal.IsWorkingDay(Date{2022, 5, 2}));
    CHECK_FALSE(cal.IsWorkingDay(Date{2022, 5, 3}));
    CHECK(cal.IsWorkingDay(Date{2022, 5, 4}));
    CHECK(cal.WhyOff(Date{2022, 5, 3})->name == "Nghỉ bù Ngày Quốc tế lao động");
  }
  SUBCASE("2025: the official swap makes Saturday 26/4 a working day and Friday 2/5 a day off") {
    CHECK(cal.IsWorkingDay(Date{2025, 4, 26}));
    CHECK_FALSE(cal.IsWorkingDay(Date{2025, 5, 2}));
    CHECK(cal.IsWorkingDay(Date{2025, 5, 5}));
  }
  SUBCASE("Giỗ Tổ 2026 on Sunday 26/4 is compensated on Monday 27/4") {
    CHECK(cal.WhyOff(Date{2026, 4, 26})->kind == DayOffKind::kHoliday);
    CHECK(cal.WhyOff(Date{2026, 4, 27})->name == "Nghỉ bù Giỗ Tổ Hùng Vương");
  }
}

TEST_CASE("Quốc khánh: 2/9 and one adjacent day") {
  const auto& cal = Shipped();
  struct Case {
    Date date;
    bool working;
  };
  // 2027: Thursday 2/9, so Friday 3/9. 2028: Saturday 2/9, so Friday 1/9 and nghỉ bù Monday 4/9.
  // 2026: the official schedule, 29/8 to 2/9, with Saturday 22/8 worked instead of Monday 31/8.
  for (const auto& c :
       {Case{{2027, 9, 1}, true}, Case{{2027, 9, 2}, false}, Case{{2027, 9, 3}, false},
        Case{{2027, 9, 6}, true}, Case{{2028, 8, 31}, true}, Case{{2028, 9, 1}, false},
        Case{{2028, 9, 4}, false}, Case{{2028, 9, 5}, true}, Case{{2026, 8, 22}, true},
        Case{{2026, 8, 31}, false}, Case{{2026, 9, 1}, false}, Case{{2026, 9, 3}, true}}) {
    CAPTURE(gw::routing::FormatDate(c.date));
    CHECK(cal.IsWorkingDay(c.date) == c.working);
  }
}

TEST_CASE("make-up Saturdays are working days and DaysOff lists the year") {
  const auto& cal = Shipped();
  CHECK(cal.IsWorkingDay(Date{2026, 1, 10}));
  CHECK_FALSE(cal.IsWorkingDay(Date{2026, 1, 2}));
  CHECK_FALSE(cal.IsWorkingDay(Date{2026, 1, 3}));  // a plain Saturday
  CHECK(cal.WhyOff(Date{2026, 1, 3})->kind == DayOffKind::kOfficial);
  CHECK(cal.WhyOff(Date{2026, 3, 7})->kind == DayOffKind::kWeekend);
  auto days = cal.DaysOff(2027);
  REQUIRE_FALSE(days.empty());
  CHECK(days.front().date == Date{2027, 1, 1});
  // Tết 2027 (Saturday 6/2): 5/2 to 9/2, and nghỉ bù for the weekend on 10/2 and 11/2.
  CHECK_FALSE(cal.IsWorkingDay(Date{2027, 2, 5}));
  CHECK(cal.WhyOff(Date{2027, 2, 10})->kind == DayOffKind::kCompensation);
  CHECK(cal.WhyOff(Date{2027, 2, 11})->kind == DayOffKind::kCompensation);
  CHECK(cal.IsWorkingDay(Date{2027, 2, 12}));
}

TEST_CASE("SLA working time counts office hours on working days only") {
  const auto& cal = Shipped();
  SUBCASE("across the lunch break") {
    CHECK(cal.WorkingTimeBetween(VnTime(2026, 3, 9, 10, 0), VnTime(2026, 3, 9, 14, 0)) == 150min);
  }
  SUBCASE("across a weekend: Friday 11:00 to Monday 08:30") {
    CHECK(cal.WorkingTimeBetween(VnTime(2026, 3, 6, 11, 0), VnTime(2026, 3, 9, 8, 30)) == 330min);
  }
  SUBCASE("outside office hours and backwards give nothing") {
    CHECK(cal.WorkingTimeBetween(VnTime(2026, 3, 9, 17, 30), VnTime(2026, 3, 10, 7, 0)) == 0min);
    CHECK(cal.WorkingTimeBetween(VnTime(2026, 3, 10, 9, 0), VnTime(2026, 3, 9, 9, 0)) == 0min);
  }
  SUBCASE("across Tết") {
    CHECK(cal.WorkingTimeBetween(VnTime(2026, 2, 13, 16, 0), VnTime(2026, 2, 23, 8, 0)) == 90min);
  }
  SUBCASE("an SLA deadline two working hours after Friday 16:30 is Monday 09:00") {
    CHECK(cal.AddWorkingTime(VnTime(2026, 3, 6, 16, 30), 2h) == VnTime(2026, 3, 9, 9, 0));
    CHECK(cal.AddWorkingTime(VnTime(2026, 3, 9, 11, 0), 1h) == VnTime(2026, 3, 9, 13, 30));
  }
}

TEST_CASE("the weekly days off and office hours are configurable") {
  auto c = Calendar::Parse(MinimalCalendar(R"({"weekly_days_off": ["sunday"], "cutoff": "16:30"})"),
                           "cal.json");
  REQUIRE_MESSAGE(c.ok(), c.error().message);
  CHECK(c->IsWorkingDay(Date{2026, 3, 7}));  // Saturday
  CHECK_FALSE(c->IsWorkingDay(Date{2026, 3, 8}));
  CHECK(c->ReceivedDay(VnTime(2026, 3, 6, 16, 0)) == Date{2026, 3, 6});
  CHECK(c->WorkingTimeBetween(VnTime(2026, 3, 6, 7, 0), VnTime(2026, 3, 6, 18, 0)) == 240min);
}

TEST_CASE("calendar files with errors report every error with its path") {
  struct Case {
    const char* name;
    const char* patch;
    std::string error;
  };
  const Case cases[] = {
      {"a bad weekday", R"({"weekly_days_off": ["caturday"]})",
       R"(cal.json: weekly_days_off[0]: expected a weekday name (monday..sunday), got "caturday")"},
      {"a bad cut-off", R"({"cutoff": "3pm"})",
       R"(cal.json: cutoff: expected a time HH:MM, got "3pm")"},
      {"overlapping office hours",
       R"({"office_hours": [{"from": "07:30", "to": "12:00"}, {"from": "11:00", "to": "17:00"}]})",
       "cal.json: office_hours[1]: must start after the previous interval ends"},
      {"no office hours", R"({"office_hours": []})",
       "cal.json: office_hours: needs at least one interval"},
      {"an unknown key", R"({"weekends": ["sunday"]})", "cal.json: weekends: unknown key"},
      {"a holiday with both date and lunar",
       R"({"holidays": [{"id": "tet", "name": "Tết", "date": "01-01", "lunar": "tet"}]})",
       R"(cal.json: holidays[0]: needs exactly one of "date" (MM-DD) and "lunar")"},
      {"29 February as a holiday", R"({"holidays": [{"id": "x", "name": "X", "date": "02-29"}]})",
       R"(cal.json: holidays[0].date: expected a date MM-DD, got "02-29")"},
      {"Tết in the wrong month",
       R"({"lunar_dates": [{"year": 2026, "tet": "2026-03-17", "gio_to": "2026-04-26"}]})",
       "cal.json: lunar_dates[0].tet: Tết 2026 must fall between 2026-01-21 and 2026-02-20, got "
       "2026-03-17"},
      {"a mistyped Tết (a lunar year is 353-355 or 383-385 days)",
       R"({"lunar_dates": [{"year": 2025, "tet": "2025-01-29", "gio_to": "2025-04-07"},
                           {"year": 2026, "tet": "2026-02-07", "gio_to": "2026-04-26"}]})",
       "cal.json: lunar_dates[1].tet: is 374 days after Tết 2025; a lunar year has 353-355 or "
       "383-385"},
      {"Giỗ Tổ too far from Tết",
       R"({"lunar_dates": [{"year": 2026, "tet": "2026-02-17", "gio_to": "2026-06-26"}]})",
       "cal.json: lunar_dates[0].gio_to: must be 66..99 days after Tết (2026-02-17), got 129 days"},
      {"a gap in the lunar table",
       R"({"lunar_dates": [{"year": 2025, "tet": "2025-01-29", "gio_to": "2025-04-07"},
                           {"year": 2027, "tet": "2027-02-06", "gio_to": "2027-04-16"}]})",
       "cal.json: lunar_dates[1].year: years must be consecutive: expected 2026, got 2027"},
      {"an official schedule for an unknown holiday and a bad date",
       R"({"official": [{"year": 2026, "name": "x", "source": "y", "replaces": ["tet"],
                         "working_days": ["2026-02-30"]}]})",
       "cal.json: official[0].replaces[0]: unknown holiday id \"tet\"\n"
       "cal.json: official[0].working_days[0]: expected a date YYYY-MM-DD, got \"2026-02-30\""},
      {"a range that runs backwards",
       R"({"official": [{"year": 2026, "name": "x", "source": "y",
                         "days_off": [{"from": "2026-02-22", "to": "2026-02-14"}]}]})",
       R"(cal.json: official[0].days_off[0]: "to" must be 0..30 days after "from")"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(Errors(MinimalCalendar(c.patch)) == c.error);
  }
  CHECK(Errors(MinimalCalendar()) == "(no error)");
  CHECK(Errors("{").starts_with("cal.json: [json.exception.parse_error"));
}
