// Parser of holidays.json: weekends, office hours, statutory holidays, lunar table, yearly
// decisions.
#include "routing/calendar_data.hpp"

#include <fmt/format.h>

#include <set>

#include "routing/json_text.hpp"

namespace gw::routing {
namespace {

constexpr std::array<const char*, 7> kWeekdayNames = {"sunday",   "monday", "tuesday", "wednesday",
                                                      "thursday", "friday", "saturday"};

// A lunar year (Tết to Tết) has 353-355 days, or 383-385 with a leap month: a cheap guard against
// a mistyped Tết date in the table.
bool IsLunarYearLength(int days) {
  return (days >= 353 && days <= 355) || (days >= 383 && days <= 385);
}

bool IsId(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

void ParseWeek(core::ConfigNode& root, CalendarData& data) {
  data.weekend = {true, false, false, false, false, false, true};
  if (!root.Has("weekly_days_off")) return;
  data.weekend = {};
  auto names = root.StringList("weekly_days_off");
  for (std::size_t i = 0; i < names.size(); ++i) {
    bool found = false;
    for (std::size_t d = 0; d < kWeekdayNames.size(); ++d) {
      if (names[i] == kWeekdayNames[d]) {
        data.weekend[d] = true;
        found = true;
      }
    }
    if (!found) {
      root.errors().Add(
          fmt::format("weekly_days_off[{}]", i),
          fmt::format("expected a weekday name (monday..sunday), got \"{}\"", names[i]));
    }
  }
}

std::optional<int> ReadClock(core::ConfigNode& node, std::string_view key, const char* def) {
  std::string s = node.String(key, def);
  auto m = ParseClock(s);
  if (!m) {
    node.errors().Add(KeyPath(node, key), fmt::format("expected a time HH:MM, got \"{}\"", s));
  }
  return m;
}

void ParseOfficeHours(core::ConfigNode& root, CalendarData& data) {
  root.ObjectArray("office_hours", [&](core::ConfigNode& n) {
    auto from = ReadClock(n, "from", "");
    auto to = ReadClock(n, "to", "");
    if (!from || !to) return;
    if (*from >= *to) {
      n.errors().Add(n.path(), "\"from\" must be before \"to\"");
    } else if (!data.office_hours.empty() && *from < data.office_hours.back().to_minute) {
      n.errors().Add(n.path(), "must start after the previous interval ends");
    }
    data.office_hours.push_back(OfficeInterval{*from, *to});
  });
  if (data.office_hours.empty()) root.errors().Add("office_hours", "needs at least one interval");
}

void ParseHolidays(core::ConfigNode& root, CalendarData& data) {
  std::set<std::string> ids;
  root.ObjectArray("holidays", [&](core::ConfigNode& n) {
    HolidayRule h;
    h.id = n.String("id", "", true);
    h.name = n.String("name", "", true);
    if (!h.id.empty() && !IsId(h.id)) {
      n.errors().Add(KeyPath(n, "id"), "expected lower-case letters, digits and _");
    } else if (!h.id.empty() && !ids.insert(h.id).second) {
      n.errors().Add(KeyPath(n, "id"), fmt::format("duplicate holiday id \"{}\"", h.id));
    }
    if (n.Has("date") == n.Has("lunar")) {
      n.errors().Add(n.path(), "needs exactly one of \"date\" (MM-DD) and \"lunar\"");
      n.Claim("date");
      n.Claim("lunar");
    } else if (n.Has("date")) {
      std::string md = n.String("date");
      // Feb 29 is refused: a holiday that exists one year in four is not in the Labour Code.
      auto d = ParseDate("2001-" + md);
      if (!d || md.size() != 5) {
        n.errors().Add(KeyPath(n, "date"), fmt::format("expected a date MM-DD, got \"{}\"", md));
      } else {
        h.solar_month = d->month;
        h.solar_day = d->day;
      }
    } else {
      h.lunar = n.Enum("lunar", "", {"tet", "gio_to"});
    }
    h.days_before = static_cast<int>(n.Int("days_before", 0, 0, 10));
    h.days_after = static_cast<int>(n.Int("days_after", 0, 0, 10));
    auto adj = n.Enum("adjacent_day", "none", {"none", "before", "after", "auto"});
    h.adjacent = adj == "before"  ? AdjacentDay::kBefore
                 : adj == "after" ? AdjacentDay::kAfter
                 : adj == "auto"  ? AdjacentDay::kAuto
                                  : AdjacentDay::kNone;
    data.holidays.push_back(std::move(h));
  });
  if (data.holidays.empty()) root.errors().Add("holidays", "needs at least one holiday");
}

void ParseLunar(core::ConfigNode& root, CalendarData& data) {
  data.lunar_source = root.String("lunar_source", "", true);
  const LunarYear* prev = nullptr;
  root.ObjectArray("lunar_dates", [&](core::ConfigNode& n) {
    LunarYear l;
    l.year = static_cast<int>(n.Int("year", 0, 1900, 2200));
    auto tet = ReadDate(n, "tet", true);
    auto gio_to = ReadDate(n, "gio_to", true);
    if (l.year == 0 || !tet || !gio_to) return;
    l.tet = *tet;
    l.gio_to = *gio_to;
    if (tet->year != l.year || *tet < Date{l.year, 1, 21} || *tet > Date{l.year, 2, 20}) {
      n.errors().Add(KeyPath(n, "tet"),
                     fmt::format("Tết {} must fall between {}-01-21 and {}-02-20, got {}", l.year,
                                 l.year, l.year, FormatDate(*tet)));
      return;
    }
    // 10/3 is two lunar months and nine days after 1/1, three months if a leap month intervenes.
    const int gap = DaysBetween(*tet, *gio_to);
    if (gap < 66 || gap > 99) {
      n.errors().Add(
          KeyPath(n, "gio_to"),
          fmt::format("must be 66..99 days after Tết ({}), got {} days", FormatDate(*tet), gap));
      return;
    }
    if (prev != nullptr) {
      if (l.year != prev->year + 1) {
        n.errors().Add(
            KeyPath(n, "year"),
            fmt::format("years must be consecutive: expected {}, got {}", prev->year + 1, l.year));
        return;
      }
      const int len = DaysBetween(prev->tet, *tet);
      if (!IsLunarYearLength(len)) {
        n.errors().Add(KeyPath(n, "tet"),
                       fmt::format("is {} days after Tết {}; a lunar year has 353-355 or 383-385",
                                   len, prev->year));
        return;
      }
    }
    prev = &data.lunar.emplace(l.year, l).first->second;
  });
}

void ParseOfficial(core::ConfigNode& root, CalendarData& data) {
  std::set<std::string> known;
  for (const auto& h : data.holidays) known.insert(h.id);
  std::set<std::pair<int, std::string>> seen;
  root.ObjectArray("official", [&](core::ConfigNode& n) {
    OfficialSchedule o;
    o.year = static_cast<int>(n.Int("year", 0, 1900, 2200));
    o.name = n.String("name", "", true);
    o.source = n.String("source", "", true);
    o.confirmed = n.Bool("confirmed", false);
    o.replaces = n.StringList("replaces");
    for (std::size_t i = 0; i < o.replaces.size(); ++i) {
      const auto path = fmt::format("{}[{}]", KeyPath(n, "replaces"), i);
      if (!known.contains(o.replaces[i])) {
        n.errors().Add(path, fmt::format("unknown holiday id \"{}\"", o.replaces[i]));
      } else if (!seen.insert({o.year, o.replaces[i]}).second) {
        n.errors().Add(path, fmt::format("{} is already replaced for {}", o.replaces[i], o.year));
      }
    }
    n.ObjectArray("days_off", [&](core::ConfigNode& r) {
      auto from = ReadDate(r, "from", true);
      auto to = ReadDate(r, "to", true);
      if (!from || !to) return;
      const int span = DaysBetween(*from, *to);
      if (span < 0 || span > 30) {
        r.errors().Add(r.path(), "\"to\" must be 0..30 days after \"from\"");
        return;
      }
      for (int i = 0; i <= span; ++i) o.days_off.push_back(AddDays(*from, i));
    });
    o.working_days = ReadDateList(n, "working_days");
    data.official.push_back(std::move(o));
  });
}

}  // namespace

core::Result<CalendarData> ParseCalendarData(std::string_view json_text,
                                             std::string_view source_name) {
  auto json = ParseJsonText(json_text, source_name);
  if (!json.ok()) return json.error();
  core::ConfigErrors errors;
  core::ConfigNode root(&*json, "", &errors);
  CalendarData data;
  ParseWeek(root, data);
  if (auto cutoff = ReadClock(root, "cutoff", "15:00")) data.cutoff_minute = *cutoff;
  ParseOfficeHours(root, data);
  ParseHolidays(root, data);
  ParseLunar(root, data);
  ParseOfficial(root, data);
  root.Finish();
  if (!errors.empty()) return ToError(errors, source_name);
  return data;
}

}  // namespace gw::routing
