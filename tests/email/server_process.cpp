// Child process handling for the mail servers of the real-server test.
#include "tests/email/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "tests/sms/kannel_support.hpp"

namespace gw::testing::mail {
namespace {

using Clock = std::chrono::steady_clock;

int ReapBy(pid_t pid, Clock::time_point deadline) {
  int status = 0;
  for (;;) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0) return -1;
    if (Clock::now() >= deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

ServerProcess::ServerProcess(const std::vector<std::string>& argv, std::string ready_marker,
                             const std::string& stderr_path)
    : ready_marker_(std::move(ready_marker)) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return;
  int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    dup2(out[1], STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  if (pid_ > 0) setpgid(pid_, pid_);
  close(out[1]);
  if (err >= 0) close(err);
  stdout_fd_ = out[0];
  fcntl(stdout_fd_, F_SETFL, O_NONBLOCK);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(-pid_, SIGTERM);
    ReapBy(pid_, Clock::now() + std::chrono::seconds(10));
    kill(-pid_, SIGKILL);  // whatever of the group is left
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

bool ServerProcess::WaitReady(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (pid_ > 0 && Clock::now() < deadline) {
    pollfd fd{stdout_fd_, POLLIN, 0};
    poll(&fd, 1, 50);
    char buf[4096];
    ssize_t n = 0;
    while ((n = read(stdout_fd_, buf, sizeof buf)) > 0) {
      buffered_.append(buf, static_cast<std::size_t>(n));
    }
    if (buffered_.find(ready_marker_) != std::string::npos) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {  // it gave up (see its stderr)
      pid_ = -1;
      return false;
    }
  }
  return false;
}

bool ServerProcess::Stop(const std::string& script, const std::string& dir,
                         std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return false;
  auto deadline = Clock::now() + timeout;
  auto stop = kannel::Run({"/bin/bash", script, "stop", dir}, timeout);
  int code = ReapBy(pid_, deadline);
  pid_ = -1;
  return stop.exit_code == 0 && code == 0;
}

}  // namespace gw::testing::mail
