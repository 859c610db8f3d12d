// Structured logging: one logfmt line per event, hierarchical logger names, no personal data.
//
// Lines look like
//   ts=2026-11-23T04:54:13.123Z level=info logger=gateway.http msg="request served" route=/healthz
// Personal data (phones, e-mail addresses, ID numbers, message bodies) must not reach a field at
// info level: format domain types with the masking formatters in core/mask.hpp.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace gw::core {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

struct LogField {
  std::string_view key;
  std::string value;
};

// Where lines go. Write() may be called from any thread and must be thread-safe.
class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void Write(std::string_view line) = 0;
};

// The process-wide logging settings. Set once at start-up, before threads run (the one mutable
// global we allow: every library would otherwise need a logger threaded through every call).
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
// Replaces the sink (stderr by default); returns the previous one. Not owned.
LogSink* SetLogSink(LogSink* sink);
std::optional<LogLevel> ParseLogLevel(std::string_view name);

// A named logger; cheap to copy, safe to use from any thread.
class Logger {
 public:
  explicit Logger(std::string name) : name_(std::move(name)) {}
  Logger Child(std::string_view suffix) const;
  const std::string& name() const { return name_; }

  void Debug(std::string_view msg, std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kDebug, msg, fields);
  }
  void Info(std::string_view msg, std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kInfo, msg, fields);
  }
  void Warn(std::string_view msg, std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kWarn, msg, fields);
  }
  void Error(std::string_view msg, std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kError, msg, fields);
  }
  void Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields) const;

 private:
  std::string name_;
};

// Formats one line (without the newline); exposed for tests.
std::string FormatLogLine(std::string_view ts, LogLevel level, std::string_view logger,
                          std::string_view msg, std::initializer_list<LogField> fields);

}  // namespace gw::core
