// The Clock port: every piece of logic that needs time is given one, so tests control it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace gw::core {

using TimePoint = std::chrono::system_clock::time_point;

// Thread-safe; Now() never blocks.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that moves only when told to; for tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void Advance(std::chrono::system_clock::duration d) { now_ += d.count(); }
  void Set(TimePoint t) { now_ = t.time_since_epoch().count(); }

 private:
  std::atomic<TimePoint::rep> now_;
};

// RFC 3339 UTC with milliseconds, e.g. 2026-11-23T04:54:13.123Z.
std::string FormatTimestamp(TimePoint t);
// The civil date in Vietnam (UTC+7, no daylight saving), e.g. "2026-11-23".
std::string FormatVietnamDate(TimePoint t);
// Milliseconds since the Unix epoch, the form the store keeps.
inline std::int64_t ToUnixMillis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
inline TimePoint FromUnixMillis(std::int64_t ms) {
  return TimePoint(std::chrono::milliseconds(ms));
}

}  // namespace gw::core
