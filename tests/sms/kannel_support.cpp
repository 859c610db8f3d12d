// Child processes, ports and log readers for the real-Kannel test.
#include "tests/sms/kannel_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "channels/common/url.hpp"

namespace gw::testing::kannel {
namespace {

using Clock = std::chrono::steady_clock;

// Forks and execs argv in its own process group, so a deadline can kill what it started too.
pid_t Spawn(const std::vector<std::string>& argv, int out_fd, int err_fd) {
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    for (int fd = 3; fd < 1024; ++fd) close(fd);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  if (pid > 0) setpgid(pid, pid);  // also here: whichever runs first wins the race
  return pid;
}

void DrainInto(int fd, std::string& into) {
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return;
    into.append(buf, static_cast<std::size_t>(n));
  }
}

// Waits for `pid` until the deadline; kills its group then. Returns the exit code or -1.
int Reap(pid_t pid, Clock::time_point deadline) {
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

RunResult Run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  RunResult result;
  int out[2];
  int err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return result;
  pid_t pid = Spawn(argv, out[1], err[1]);
  close(out[1]);
  close(err[1]);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  fcntl(err[0], F_SETFL, O_NONBLOCK);
  auto deadline = Clock::now() + timeout;
  int status = 0;
  for (;;) {
    pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    poll(fds, 2, 20);
    DrainInto(out[0], result.out);
    DrainInto(err[0], result.err);
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      break;
    }
    if (r < 0 || Clock::now() >= deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
  }
  DrainInto(out[0], result.out);
  DrainInto(err[0], result.err);
  close(out[0]);
  close(err[0]);
  return result;
}

std::vector<int> FreePorts(int n) {
  std::vector<int> fds;
  std::vector<int> ports;
  for (int i = 0; i < n; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    fds.push_back(fd);  // held open until all are chosen, so the n ports differ
    ports.push_back(ntohs(addr.sin_port));
  }
  for (int fd : fds) close(fd);
  return ports;
}

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Supervisor::Supervisor(const std::vector<std::string>& argv, const std::string& stderr_path) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return;
  int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_ = Spawn(argv, out[1], err);
  close(out[1]);
  if (err >= 0) close(err);
  stdout_fd_ = out[0];
  fcntl(stdout_fd_, F_SETFL, O_NONBLOCK);
}

Supervisor::~Supervisor() {
  if (pid_ > 0) {
    kill(-pid_, SIGTERM);
    Reap(pid_, Clock::now() + std::chrono::seconds(10));
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

bool Supervisor::WaitReady(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (pid_ > 0 && Clock::now() < deadline) {
    pollfd fd{stdout_fd_, POLLIN, 0};
    poll(&fd, 1, 50);
    DrainInto(stdout_fd_, buffered_);
    if (buffered_.find("kannel: ready") != std::string::npos) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {  // it gave up (see its stderr)
      pid_ = -1;
      return false;
    }
  }
  return false;
}

bool Supervisor::Stop(const std::string& script, const std::string& dir,
                      std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return false;
  auto deadline = Clock::now() + timeout;
  auto stop = Run({"/bin/bash", script, "stop", dir}, timeout);
  int code = Reap(pid_, deadline);
  pid_ = -1;
  return stop.exit_code == 0 && code == 0;
}

std::vector<FakeSms> FakeSmscMessages(const std::string& path) {
  std::vector<FakeSms> out;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    auto at = line.find("Got message ");
    if (at == std::string::npos) continue;
    auto open = line.find(": <", at);
    if (open == std::string::npos || line.back() != '>') continue;
    std::string body = line.substr(open + 3, line.size() - open - 4);
    FakeSms sms;
    std::istringstream words(body);
    words >> sms.sender >> sms.receiver >> sms.type;
    std::string rest;
    std::getline(words, rest);
    if (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    if (sms.type == "text") {
      sms.data = rest;
    } else if (sms.type == "udh") {
      // "UDH data DATA"
      auto space = rest.find(' ');
      sms.udh = channels::common::FormDecode(rest.substr(0, space)).value_or("");
      auto data = rest.find(' ', space + 1);
      sms.data = channels::common::FormDecode(rest.substr(data + 1)).value_or("");
    } else {
      sms.data = channels::common::FormDecode(rest).value_or("");
    }
    out.push_back(std::move(sms));
  }
  return out;
}

std::vector<int> SentCodings(const std::string& path) {
  std::vector<int> out;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("Sent SMS") == std::string::npos) continue;
    auto flags = line.find("[flags:");
    if (flags == std::string::npos) continue;
    // [flags:MCLASS:CODING:MWI:COMPRESS:DLRMASK]
    auto first = line.find(':', flags + 7);
    out.push_back(std::atoi(line.c_str() + first + 1));
  }
  return out;
}

std::string Utf8ToUtf16Be(const std::string& utf8) {
  std::string out;
  auto put = [&](unsigned u) {
    out.push_back(static_cast<char>(u >> 8));
    out.push_back(static_cast<char>(u & 0xFF));
  };
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    unsigned cp = 0;
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xD800 + (cp >> 10));
      put(0xDC00 + (cp & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

}  // namespace gw::testing::kannel
