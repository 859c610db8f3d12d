// Per-thread nice values through setpriority(2) on the thread's id: on Linux the nice value is a
// per-thread attribute (man 2 setpriority, NOTES), which POSIX's per-process call does not say.
#include "core/thread_priority.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace gw::core {

Status SetThisThreadNice(int nice) {
  if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice) == 0) return Ok{};
  const int err = errno;
  return MakeError(ErrorCode::kUnavailable,
                   fmt::format("cannot set this thread's nice value to {}", nice),
                   err == EACCES || err == EPERM
                       ? "not permitted: raising a priority needs CAP_SYS_NICE or a nice limit "
                         "that allows it (RLIMIT_NICE; systemd: LimitNICE=)"
                       : std::strerror(err));
}

int ThisThreadNice() {
  errno = 0;  // -1 is a valid nice value; errno tells an error apart
  const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  return errno == 0 ? nice : 0;
}

}  // namespace gw::core
