// A test server run by one of scripts/servers/*.sh (Kannel, Dovecot, the SMTP sink). They share
// one protocol: `NAME.sh start ...` starts the server as its child, prints "NAME: ready ..." and
// supervises it in the foreground until `NAME.sh stop DIR`, after which it exits 0.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace gw::testing {

class ScriptedServer {
 public:
  // Runs `bash SCRIPT start START_ARGS...`; the supervisor's stderr goes to `stderr_path`. If the
  // test ends without Stop (a failed REQUIRE), the destructor sends SIGTERM to the supervisor's
  // group and SIGKILL after 10 s.
  ScriptedServer(std::string script, const std::vector<std::string>& start_args,
                 const std::string& stderr_path);

  // Until "NAME: ready" on the supervisor's stdout; false when it gave up first (its stderr says
  // why) or at the deadline.
  bool WaitReady(std::chrono::milliseconds timeout);
  // `SCRIPT stop DIR`, then reaps the supervisor; true when both exited 0 within `timeout`.
  bool Stop(const std::string& dir, std::chrono::milliseconds timeout);

 private:
  std::string script_;
  std::string ready_;  // "NAME: ready"
  ChildProcess supervisor_;
};

}  // namespace gw::testing
