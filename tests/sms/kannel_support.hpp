// Helpers of the real-Kannel test: child processes with deadlines, free ports, and readers of
// what fakesmsc and bearerbox write.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace gw::testing::kannel {

struct RunResult {
  int exit_code = -1;  // -1 when killed at the deadline or by a signal
  std::string out;
  std::string err;
};

// Runs argv to completion, killing it at the deadline.
RunResult Run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

// `n` distinct loopback ports that were free a moment ago.
std::vector<int> FreePorts(int n);

// Polls `done` every 20 ms until it holds or the deadline passes.
bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout);

std::string ReadFile(const std::string& path);

// `kannel.sh start ...` as a child in its own process group: its stdout is read for the ready
// line; the destructor kills the whole group if the test ends without Stop (a failed REQUIRE).
class Supervisor {
 public:
  Supervisor(const std::vector<std::string>& argv, const std::string& stderr_path);
  ~Supervisor();
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  bool WaitReady(std::chrono::milliseconds timeout);  // until "kannel: ready" on stdout
  // `kannel.sh stop DIR`, then reaps the supervisor; true when it exited 0 in time.
  bool Stop(const std::string& script, const std::string& dir, std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffered_;
};

// One SMS part as fakesmsc printed it: "Got message N: <SENDER RECEIVER TYPE ...>".
struct FakeSms {
  std::string sender;
  std::string receiver;
  std::string type;  // "text", "ucs-2", "data" or "udh"
  std::string udh;   // decoded bytes, for type "udh"
  std::string data;  // decoded bytes ("text": as printed)
};
std::vector<FakeSms> FakeSmscMessages(const std::string& fakesmsc_out_path);

// The data coding (0 7-bit, 1 8-bit, 2 UCS-2) of each "Sent SMS" in bearerbox's access log.
std::vector<int> SentCodings(const std::string& access_log_path);

// UTF-16BE bytes of UTF-8 text (what fakesmsc's "ucs2" MO type takes, %-encoded).
std::string Utf8ToUtf16Be(const std::string& utf8);

}  // namespace gw::testing::kannel
