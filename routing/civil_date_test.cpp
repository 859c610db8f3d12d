// Tests of civil-date arithmetic and the UTC+7 conversion.
#include "routing/civil_date.hpp"

#include <doctest/doctest.h>

#include "routing/test_support.hpp"

using gw::routing::Date;
using gw::routing::testing::VnTime;

TEST_CASE("day numbers round-trip and match known weekdays") {
  CHECK(gw::routing::DaysFromCivil(Date{1970, 1, 1}) == 0);
  CHECK(gw::routing::DaysFromCivil(Date{2000, 3, 1}) == 11017);
  CHECK(gw::routing::CivilFromDays(-1) == Date{1969, 12, 31});
  for (int n = -800000; n <= 800000; n += 997) {
    CHECK(gw::routing::DaysFromCivil(gw::routing::CivilFromDays(n)) == n);
  }
  struct Case {
    Date date;
    int weekday;
  };
  for (const auto& c : {Case{{1970, 1, 1}, 4}, Case{{2026, 2, 17}, 2}, Case{{2025, 1, 29}, 3},
                        Case{{2024, 2, 29}, 4}, Case{{2030, 2, 2}, 6}, Case{{1969, 12, 28}, 0}}) {
    CAPTURE(gw::routing::FormatDate(c.date));
    CHECK(gw::routing::Weekday(c.date) == c.weekday);
  }
  CHECK(gw::routing::AddDays(Date{2024, 2, 28}, 1) == Date{2024, 2, 29});
  CHECK(gw::routing::AddDays(Date{2025, 12, 31}, 1) == Date{2026, 1, 1});
  CHECK(gw::routing::DaysBetween(Date{2025, 1, 29}, Date{2026, 2, 17}) == 384);
}

TEST_CASE("dates and clock times parse strictly") {
  struct Case {
    const char* text;
    bool ok;
  };
  for (const auto& c :
       {Case{"2026-02-17", true}, Case{"2024-02-29", true}, Case{"2025-02-29", false},
        Case{"2026-13-01", false}, Case{"2026-2-17", false}, Case{"17/02/2026", false},
        Case{"2026-02-1x", false}, Case{"", false}}) {
    CAPTURE(c.text);
    CHECK(gw::routing::ParseDate(c.text).has_value() == c.ok);
  }
  CHECK(gw::routing::FormatDate(*gw::routing::ParseDate("2026-02-17")) == "2026-02-17");
  CHECK(gw::routing::ParseClock("07:30") == 450);
  CHECK(gw::routing::ParseClock("24:00") == 1440);
  CHECK_FALSE(gw::routing::ParseClock("24:01").has_value());
  CHECK_FALSE(gw::routing::ParseClock("7:30").has_value());
  CHECK_FALSE(gw::routing::ParseClock("07:60").has_value());
}

TEST_CASE("Vietnam local time is UTC+7 around midnight") {
  // 2026-03-06T17:30Z is 00:30 on the 7th in Hà Nội.
  const auto t = gw::core::FromUnixMillis(
      (static_cast<std::int64_t>(gw::routing::DaysFromCivil(Date{2026, 3, 6})) * 86400 + 17 * 3600 +
       30 * 60) *
      1000);
  CHECK(gw::routing::LocalDate(t) == Date{2026, 3, 7});
  CHECK(gw::routing::LocalSecondOfDay(t) == 30 * 60);
  CHECK(VnTime(2026, 3, 7, 0, 30) == t);
  CHECK(gw::core::FormatTimestamp(VnTime(2026, 3, 6, 15, 0)) == "2026-03-06T08:00:00.000Z");
  // Before 1970 the floor division still gives the right local day.
  CHECK(gw::routing::LocalDate(VnTime(1969, 12, 31, 23, 59)) == Date{1969, 12, 31});
}
