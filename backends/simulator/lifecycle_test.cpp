// Tests of scripts and working-day arithmetic.
#include "backends/simulator/lifecycle.hpp"

#include <doctest/doctest.h>

namespace gw::backends::sim {
namespace {

core::TimePoint Local(int y, unsigned mo, unsigned d, int h, int mi) {
  using namespace std::chrono;
  return core::TimePoint(duration_cast<core::TimePoint::duration>(
      (sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) - hours(7))
          .time_since_epoch()));
}

TEST_CASE("working days skip weekends and end at 17:00 local") {
  // Friday 25 October 2024, 16:00 local.
  CHECK(AddWorkingDays(Local(2024, 10, 25, 16, 0), 1) == Local(2024, 10, 28, 17, 0));
  CHECK(AddWorkingDays(Local(2024, 10, 21, 9, 0), 7) == Local(2024, 10, 30, 17, 0));
  // 23:30 UTC on Friday is already Saturday in Viet Nam.
  CHECK(AddWorkingDays(Local(2024, 10, 26, 6, 30), 1) == Local(2024, 10, 28, 17, 0));
}

TEST_CASE("default scripts are valid and survive JSON") {
  for (const char* proc : {"1.001193", "1.000894", "1.004222", "1.004873", "2.000815", "9.999"}) {
    CAPTURE(proc);
    Script s = DefaultScript(proc);
    REQUIRE(ValidateScript(s).ok());
    auto back = ScriptFromJson(ScriptToJson(s));
    REQUIRE(back.ok());
    REQUIRE(back->size() == s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
      CHECK(back->at(i).after == s[i].after);
      CHECK(back->at(i).status == s[i].status);
      CHECK(back->at(i).reason == s[i].reason);
      CHECK(back->at(i).extend_due_days == s[i].extend_due_days);
    }
  }
  CHECK(DefaultScript("1.004873").back().status == DossierState::kRejected);
}

TEST_CASE("script errors") {
  auto parse = [](const char* text) { return ScriptFromJson(nlohmann::json::parse(text)); };
  CHECK(parse(R"([{"after_minutes": 10, "status": "rejected"}])").error().message ==
        "script[0]: rejected needs a reason");
  CHECK(parse(R"([{"after_minutes": 10, "status": "processing"},
                  {"after_minutes": 5, "status": "result_ready"}])")
            .error()
            .message == "script[1]: steps must be in time order");
  CHECK(parse(R"([{"after_minutes": 10, "status": "delayed", "reason": "x"}])").error().message ==
        "script[0]: delayed needs extend_due_days > 0");
  CHECK(parse(R"([{"status": "processing"}])").error().message ==
        "script[0].after_minutes: expected an integer >= 0");
  CHECK(parse(R"([{"after_minutes": 1, "status": "done"}])").error().message ==
        "script[0].status: expected a dossier status");
}

}  // namespace
}  // namespace gw::backends::sim
