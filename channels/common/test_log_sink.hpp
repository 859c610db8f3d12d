// Test support: collects log lines so tests can check what reaches the log (masking, no
// secrets) and keep them off stderr. Tests only.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "core/log.hpp"

namespace gw::channels::testing {

class CaptureSink : public core::LogSink {
 public:
  void Write(std::string_view line) override {
    std::lock_guard lock(mu_);
    text_ += std::string(line) + "\n";
  }
  std::string text() {
    std::lock_guard lock(mu_);
    return text_;
  }

 private:
  std::mutex mu_;
  std::string text_;
};

// Installs a sink for one scope, restoring the previous one even when a REQUIRE fails.
class ScopedSink {
 public:
  explicit ScopedSink(core::LogSink* sink) : previous_(core::SetLogSink(sink)) {}
  ~ScopedSink() { core::SetLogSink(previous_); }
  ScopedSink(const ScopedSink&) = delete;
  ScopedSink& operator=(const ScopedSink&) = delete;

 private:
  core::LogSink* previous_;
};

}  // namespace gw::channels::testing
