// Timestamp formatting shared by logs, the store and the API.
#include <fmt/format.h>

#include <ctime>
#include <string>

#include "core/clock.hpp"

namespace gw::core {

std::string FormatTimestamp(TimePoint t) {
  const auto ms = ToUnixMillis(t);
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  int millis = static_cast<int>(ms % 1000);
  if (millis < 0) {
    millis += 1000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

std::string FormatVietnamDate(TimePoint t) {
  return FormatTimestamp(t + std::chrono::hours(7)).substr(0, 10);
}

}  // namespace gw::core
