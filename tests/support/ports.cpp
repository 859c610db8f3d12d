// Loopback ports in tests.
#include "tests/support/ports.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

namespace gw::testing {

namespace {

// The lowest port the kernel picks by itself (bind to port 0, and the source port of every
// outgoing connection); 32768 when /proc cannot be read.
int EphemeralLow() {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 0;
  if (in >> low && low > 0) return low;
  return 32768;
}

// A socket bound to 127.0.0.1:port (0: the kernel picks); -1 when that port is taken.
int BindLoopback(int port, int& bound_port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    throw std::runtime_error(std::string("FreePorts: socket: ") + std::strerror(errno));
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    const int err = errno;
    close(fd);
    errno = err;
    return -1;
  }
  bound_port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

// The ports are drawn at random from below the kernel's ephemeral range, not from port 0: a port
// the kernel handed out and we released can be taken at once as the source port of some other
// test's outgoing connection, and the server we give it to then fails to bind. Below the range
// only another FreePorts caller can take it, and a random draw from thousands makes that rare.
std::vector<int> FreePorts(int n) {
  const int low = 10000;
  const int high = EphemeralLow() - 1;  // a system whose range starts low gets kernel picks
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> draw(low, std::max(low, high));
  std::vector<int> fds;
  std::vector<int> ports;
  for (int attempts = 0; static_cast<int>(ports.size()) < n; ++attempts) {
    const int wanted = high > low && attempts < 50 * n ? draw(random) : 0;
    int port = 0;
    const int fd = BindLoopback(wanted, port);  // held open until all are chosen: they differ
    if (fd < 0) {
      if (wanted != 0) continue;  // taken: draw again
      for (int held : fds) close(held);
      throw std::runtime_error(std::string("FreePorts: no loopback port: ") + std::strerror(errno));
    }
    fds.push_back(fd);
    ports.push_back(port);
  }
  for (int fd : fds) close(fd);
  return ports;
}

int ListeningPort(ChildProcess& caunoi, std::chrono::milliseconds timeout) {
  auto address = caunoi.WaitForLine("caunoi: listening on http://", timeout);  // HOST:PORT
  if (!address) return -1;
  return std::stoi(address->substr(address->rfind(':') + 1));
}

}  // namespace gw::testing
