// Starting the real caunoi binary for integration tests: spawn, wait for its listening line,
// signal it, and collect its exit status and logs.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace gw::testing {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;     // stdout
  std::string err;     // stderr
};

// Runs a command to completion (bounded by `timeout`, then SIGKILL).
// `stdin_text` is fed to its standard input.
RunResult RunCommand(const std::vector<std::string>& argv,
                     std::chrono::seconds timeout = std::chrono::seconds(60),
                     const std::string& stdin_text = "");

class Process {
 public:
  // Starts `argv`; stderr goes to `stderr_path`.
  Process(const std::vector<std::string>& argv, const std::string& stderr_path);
  ~Process();  // SIGKILLs a process still running
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Reads stdout until "caunoi: listening on http://HOST:PORT"; returns PORT, or -1 on timeout
  // or exit.
  int WaitForPort(std::chrono::seconds timeout = std::chrono::seconds(30));
  void Signal(int sig);
  // Waits for exit; returns the exit code, or -(signal) when killed.
  int Wait(std::chrono::seconds timeout = std::chrono::seconds(30));
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffered_;
};

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

}  // namespace gw::testing
