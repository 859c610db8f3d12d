// Unit tests of the dashboard's percentiles and CSV export.
#include "gateway/inbox/dashboard.hpp"

#include <doctest/doctest.h>

namespace gw::gateway::inbox {
namespace {

TEST_CASE("nearest-rank percentiles") {
  CHECK_FALSE(Percentile({}, 50).has_value());
  CHECK(Percentile({7}, 50) == 7);
  CHECK(Percentile({7}, 90) == 7);
  CHECK(Percentile({4, 1, 3, 2}, 50) == 2);
  CHECK(Percentile({10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 90) == 90);
  CHECK(Percentile({10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110}, 90) == 100);
  CHECK_FALSE(Percentile({1, 2}, 0).has_value());
}

TEST_CASE("CSV fields are quoted per RFC 4180 and never run as formulas") {
  CHECK(CsvField("Rất hài lòng") == "Rất hài lòng");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  CHECK(CsvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(CsvField("+1") == "'+1");
  CHECK(CsvField("@sum") == "'@sum");
  CHECK(CsvField("") == "");
}

TEST_CASE("dashboard tables as CSV: BOM, header, CRLF, largest first; unknown names refused") {
  const auto d = nlohmann::json::parse(R"({
    "by_channel": {"app": 2, "sms": 5}, "by_procedure": {"khai_sinh, lần đầu": 1},
    "by_status": {"bot": 1}, "refusals_by_reason": {"state_secret": 3},
    "satisfaction_by_channel": {"app": {"rat_hai_long": 2, "hai_long": 1, "khong_hai_long": 0, "total": 3}},
    "satisfaction_by_procedure": {},
    "first_response": {"count": 2, "median_s": 60, "p90_s": 120, "on_time": 1, "on_time_rate": 0.5},
    "resolution": {"count": 0, "median_s": null, "p90_s": null, "on_time": 0, "on_time_rate": null}})");
  CHECK(*DashboardCsv(d, "by_channel") ==
        "\xEF\xBB\xBF"
        "channel,conversations\r\nsms,5\r\napp,2\r\n");
  CHECK(*DashboardCsv(d, "by_procedure") ==
        "\xEF\xBB\xBF"
        "procedure,conversations\r\n\"khai_sinh, lần đầu\",1\r\n");
  CHECK(*DashboardCsv(d, "satisfaction_channel") ==
        "\xEF\xBB\xBF"
        "channel,rat_hai_long,hai_long,khong_hai_long,total\r\napp,2,1,0,3\r\n");
  CHECK(*DashboardCsv(d, "satisfaction_procedure") ==
        "\xEF\xBB\xBF"
        "procedure,rat_hai_long,hai_long,khong_hai_long,total\r\n");
  CHECK(*DashboardCsv(d, "times") ==
        "\xEF\xBB\xBF"
        "measure,count,median_working_seconds,p90_working_seconds,on_time,on_time_rate\r\n"
        "first_response,2,60,120,1,0.5000\r\nresolution,0,,,0,\r\n");
  for (const auto& name : DashboardTables()) {
    CAPTURE(name);
    CHECK(DashboardCsv(d, name).has_value());
  }
  CHECK_FALSE(DashboardCsv(d, "passwords").has_value());
}

}  // namespace
}  // namespace gw::gateway::inbox
