// A test server started by one of scripts/servers/*.sh: a child in its own process group,
// ready when its line appears on stdout, stopped by the script's `stop DIR`.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace gw::testing::mail {

class ServerProcess {
 public:
  // `ready_marker`: the text on the script's stdout that says it is ready ("dovecot: ready").
  ServerProcess(const std::vector<std::string>& argv, std::string ready_marker,
                const std::string& stderr_path);
  // Kills the whole group if the test ends without Stop (a failed REQUIRE).
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool WaitReady(std::chrono::milliseconds timeout);
  // `SCRIPT stop DIR`, then reaps the supervisor; true when it exited 0 in time.
  bool Stop(const std::string& script, const std::string& dir, std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string ready_marker_;
  std::string buffered_;
};

}  // namespace gw::testing::mail
