// Child processes for tests: a command run to completion under a deadline, and a long-running
// child (a server, or a script supervising servers) whose stdout the test reads for a line.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::testing {

// What Wait and RunCommand report for a child they had to kill at the deadline: neither an exit
// code nor -(a signal number).
inline constexpr int kTimedOut = -1000;

struct RunResult {
  int exit_code = kTimedOut;  // the exit code; -(signal) when killed by one; kTimedOut
  std::string out;            // stdout
  std::string err;            // stderr
};

// Runs argv to completion with `stdin_text` as its standard input. argv[0] is a path (PATH is
// not searched). At the deadline its whole process group is killed. Throws std::runtime_error
// when argv[0] cannot be started (a test bug, not a result).
RunResult RunCommand(const std::vector<std::string>& argv,
                     std::chrono::milliseconds timeout = std::chrono::seconds(60),
                     const std::string& stdin_text = "");

// A child in its own process group, so that a deadline or the destructor stops what it started
// too (the scripts of scripts/servers/ run daemons as their children). Its stdin is /dev/null,
// its stdout a pipe that WaitForLine reads, its stderr appended to a file: a log that outlives
// the child, for the test to show when it fails. One thread uses an instance.
class ChildProcess {
 public:
  // Starts argv (argv[0] a path). `grace`: how long the destructor lets a child that is still
  // running exit after SIGTERM to its group before SIGKILL; zero kills at once. Throws
  // std::runtime_error when argv[0] cannot be started.
  ChildProcess(const std::vector<std::string>& argv, const std::string& stderr_path,
               std::chrono::milliseconds grace = {});
  // Stops a child still running (see `grace`), then SIGKILLs whatever is left of its group: a
  // test that ends early (a failed REQUIRE) leaves nothing behind.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads stdout until a whole line contains `marker`; returns what follows the marker on that
  // line. nullopt when the child exits or closes its stdout first, or at the deadline.
  std::optional<std::string> WaitForLine(std::string_view marker,
                                         std::chrono::milliseconds timeout);
  // Sends `sig` to the child alone, not to its group.
  void Signal(int sig);
  // Waits for the child to exit; returns its exit code, or -(signal) when a signal killed it (the
  // same again for a child already reaped). At the deadline SIGKILLs its group: kTimedOut.
  int Wait(std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  // Reads what stdout has within `wait` (closing it at EOF); just sleeps once it is closed.
  void Pump(std::chrono::milliseconds wait);
  // Reaps the child if it has exited, keeping its decoded status for Wait.
  void TryReap();

  pid_t pid_ = -1;   // -1 once reaped
  pid_t pgid_ = -1;  // the child's group, which may outlive it
  int stdout_fd_ = -1;
  std::string stdout_;
  int exit_status_ = kTimedOut;
  std::chrono::milliseconds grace_;
};

}  // namespace gw::testing
