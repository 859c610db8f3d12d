// Tests of the logfmt line format and levels.
#include "core/log.hpp"

#include <doctest/doctest.h>

#include <mutex>
#include <vector>

namespace {

class CaptureSink : public gw::core::LogSink {
 public:
  void Write(std::string_view line) override {
    std::lock_guard lock(mu);
    lines.emplace_back(line);
  }
  std::mutex mu;
  std::vector<std::string> lines;
};

}  // namespace

TEST_CASE("lines are logfmt with quoting where needed") {
  auto line = gw::core::FormatLogLine(
      "2026-11-23T04:54:13.123Z", gw::core::LogLevel::kWarn, "channels.sms.kannel", "send failed",
      {{"status", "503"}, {"detail", "a \"quoted\"\nvalue"}, {"empty", ""}});
  CHECK(
      line ==
      R"(ts=2026-11-23T04:54:13.123Z level=warn logger=channels.sms.kannel msg="send failed" status=503 detail="a \"quoted\"\nvalue" empty="")");
}

TEST_CASE("levels below the threshold are dropped; child loggers extend the name") {
  CaptureSink sink;
  auto* prev = gw::core::SetLogSink(&sink);
  gw::core::SetLogLevel(gw::core::LogLevel::kInfo);
  gw::core::Logger log("notifier");
  log.Debug("hidden");
  log.Child("retry").Info("shown", {{"attempt", "2"}});
  gw::core::SetLogSink(prev);
  REQUIRE(sink.lines.size() == 1);
  CHECK(sink.lines[0].find("logger=notifier.retry msg=shown attempt=2") != std::string::npos);
  CHECK(gw::core::ParseLogLevel("debug") == gw::core::LogLevel::kDebug);
  CHECK_FALSE(gw::core::ParseLogLevel("loud").has_value());
}
