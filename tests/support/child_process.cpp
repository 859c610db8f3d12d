// Child processes for tests: posix_spawn into a process group of its own, pipes, bounded waits.
#include "tests/support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <utility>

extern char** environ;

namespace gw::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Closes a descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

struct Pipe {
  Fd read;
  Fd write;
};

Pipe MakePipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe2: ") + strerror(errno));
  return {Fd(fds[0]), Fd(fds[1])};
}

// Starts argv with the three descriptors as its stdin, stdout and stderr and nothing else of
// ours (the test's sockets, other children's pipes), leading a new process group so that a
// deadline can kill what it starts too.
pid_t Spawn(const std::vector<std::string>& argv, int in, int out, int err) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + strerror(rc));
  return pid;
}

// Appends what a non-blocking `fd` has now; false at end of file.
bool Drain(int fd, std::string& into) {
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      into.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return n < 0 && errno == EAGAIN;
    }
  }
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return kTimedOut;
}

// The text in an anonymous in-memory file, read from its start: a child's stdin that nobody
// has to feed while it runs.
Fd StdinWith(const std::string& text) {
  Fd fd(memfd_create("stdin", MFD_CLOEXEC));
  if (fd.get() < 0) throw std::runtime_error(std::string("memfd_create: ") + strerror(errno));
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = write(fd.get(), text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("write: ") + strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  lseek(fd.get(), 0, SEEK_SET);
  return fd;
}

}  // namespace

RunResult RunCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                     const std::string& stdin_text) {
  Fd in = StdinWith(stdin_text);
  Pipe out = MakePipe();
  Pipe err = MakePipe();
  const pid_t pid = Spawn(argv, in.get(), out.write.get(), err.write.get());
  close(out.write.release());
  close(err.write.release());
  fcntl(out.read.get(), F_SETFL, O_NONBLOCK);
  fcntl(err.read.get(), F_SETFL, O_NONBLOCK);
  RunResult result;
  const auto deadline = Clock::now() + timeout;
  pollfd fds[2] = {{out.read.get(), POLLIN, 0}, {err.read.get(), POLLIN, 0}};
  for (;;) {
    poll(fds, 2, 20);
    // poll skips a negative descriptor: one at end of file no longer wakes it at once.
    if (fds[0].fd >= 0 && !Drain(fds[0].fd, result.out)) fds[0].fd = -1;
    if (fds[1].fd >= 0 && !Drain(fds[1].fd, result.err)) fds[1].fd = -1;
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      result.exit_code = DecodeStatus(status);
      break;
    }
    if (r < 0 || Clock::now() >= deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
  }
  Drain(out.read.get(), result.out);
  Drain(err.read.get(), result.err);
  return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::string& stderr_path,
                           std::chrono::milliseconds grace)
    : grace_(grace) {
  Fd in(open("/dev/null", O_RDONLY | O_CLOEXEC));
  Fd err(open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (err.get() < 0)
    throw std::runtime_error("cannot open " + stderr_path + ": " + strerror(errno));
  Pipe out = MakePipe();
  pid_ = Spawn(argv, in.get(), out.write.get(), err.get());
  pgid_ = pid_;
  stdout_fd_ = out.read.release();
  fcntl(stdout_fd_, F_SETFL, O_NONBLOCK);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    kill(-pgid_, grace_.count() > 0 ? SIGTERM : SIGKILL);
    Wait(grace_);  // SIGKILLs the group at the deadline
  }
  kill(-pgid_, SIGKILL);  // whatever of the group is left: daemons its leader started
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::optional<std::string> ChildProcess::WaitForLine(std::string_view marker,
                                                     std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  bool exited = false;
  for (;;) {
    const auto at = stdout_.find(marker);
    const auto eol = at == std::string::npos ? at : stdout_.find('\n', at);
    if (eol != std::string::npos)
      return stdout_.substr(at + marker.size(), eol - at - marker.size());
    if (exited || stdout_fd_ < 0 || Clock::now() >= deadline) return std::nullopt;
    TryReap();
    exited = pid_ < 0;
    Pump(std::chrono::milliseconds(50));  // after TryReap: also what it wrote before it exited
  }
}

void ChildProcess::Signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

int ChildProcess::Wait(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    TryReap();
    if (pid_ < 0) return exit_status_;
    if (Clock::now() >= deadline) {
      kill(-pgid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
      exit_status_ = kTimedOut;
      return exit_status_;
    }
    Pump(std::chrono::milliseconds(10));
  }
}

void ChildProcess::Pump(std::chrono::milliseconds wait) {
  if (stdout_fd_ < 0) {
    std::this_thread::sleep_for(wait);
    return;
  }
  pollfd p{stdout_fd_, POLLIN, 0};
  poll(&p, 1, static_cast<int>(wait.count()));
  if (!Drain(stdout_fd_, stdout_)) {  // every writer has closed it: nothing more can come
    close(stdout_fd_);
    stdout_fd_ = -1;
  }
}

void ChildProcess::TryReap() {
  if (pid_ < 0) return;
  int status = 0;
  const pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_status_ = DecodeStatus(status);
    pid_ = -1;
  } else if (r < 0) {  // not ours to wait for any more: nothing to report
    pid_ = -1;
  }
}

}  // namespace gw::testing
