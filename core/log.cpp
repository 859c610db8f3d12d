// The logfmt formatter and the default stderr sink.
#include "core/log.hpp"

#include <unistd.h>

#include <atomic>
#include <mutex>

#include "core/clock.hpp"

namespace gw::core {
namespace {

class StderrSink final : public LogSink {
 public:
  void Write(std::string_view line) override {
    // One write(2) per line keeps lines whole when several threads log at once.
    std::string buf;
    buf.reserve(line.size() + 1);
    buf.append(line).push_back('\n');
    std::lock_guard lock(mu_);
    std::size_t off = 0;
    while (off < buf.size()) {
      ssize_t n = ::write(STDERR_FILENO, buf.data() + off, buf.size() - off);
      if (n <= 0) return;
      off += static_cast<std::size_t>(n);
    }
  }

 private:
  std::mutex mu_;
};

StderrSink& DefaultSink() {
  static StderrSink sink;
  return sink;
}

std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::atomic<LogSink*> g_sink{nullptr};

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

bool NeedsQuotes(std::string_view v) {
  if (v.empty()) return true;
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
      return true;
    }
  }
  return false;
}

void AppendValue(std::string& out, std::string_view v) {
  if (!NeedsQuotes(v)) {
    out.append(v);
    return;
  }
  out.push_back('"');
  for (char c : v) {
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out.push_back('?');
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace

void SetLogLevel(LogLevel level) {
  g_level = static_cast<int>(level);
}
LogLevel GetLogLevel() {
  return static_cast<LogLevel>(g_level.load());
}

LogSink* SetLogSink(LogSink* sink) {
  LogSink* prev = g_sink.exchange(sink);
  return prev ? prev : &DefaultSink();
}

std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  for (LogLevel l : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    if (LevelName(l) == name) return l;
  }
  return std::nullopt;
}

Logger Logger::Child(std::string_view suffix) const {
  return Logger(name_ + "." + std::string(suffix));
}

std::string FormatLogLine(std::string_view ts, LogLevel level, std::string_view logger,
                          std::string_view msg, std::initializer_list<LogField> fields) {
  std::string line;
  line.reserve(96 + msg.size());
  line.append("ts=").append(ts);
  line.append(" level=").append(LevelName(level));
  line.append(" logger=").append(logger);
  line.append(" msg=");
  AppendValue(line, msg);
  for (const LogField& f : fields) {
    line.push_back(' ');
    line.append(f.key).push_back('=');
    AppendValue(line, f.value);
  }
  return line;
}

void Logger::Log(LogLevel level, std::string_view msg,
                 std::initializer_list<LogField> fields) const {
  if (static_cast<int>(level) < g_level.load(std::memory_order_relaxed)) return;
  LogSink* sink = g_sink.load();
  if (sink == nullptr) sink = &DefaultSink();
  sink->Write(FormatLogLine(FormatTimestamp(SystemClock().Now()), level, name_, msg, fields));
}

}  // namespace gw::core
