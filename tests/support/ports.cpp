// Loopback ports in tests.
#include "tests/support/ports.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace gw::testing {

std::vector<int> FreePorts(int n) {
  std::vector<int> fds;
  std::vector<int> ports;
  auto close_all = [&fds] {
    for (int fd : fds) close(fd);
  };
  for (int i = 0; i < n; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
      const int err = errno;
      close_all();
      throw std::runtime_error(std::string("FreePorts: socket: ") + std::strerror(err));
    }
    fds.push_back(fd);  // held open until all are chosen, so the n ports differ
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      const int err = errno;
      close_all();
      throw std::runtime_error(std::string("FreePorts: no loopback port: ") + std::strerror(err));
    }
    ports.push_back(ntohs(addr.sin_port));
  }
  close_all();
  return ports;
}

int ListeningPort(ChildProcess& caunoi, std::chrono::milliseconds timeout) {
  auto address = caunoi.WaitForLine("caunoi: listening on http://", timeout);  // HOST:PORT
  if (!address) return -1;
  return std::stoi(address->substr(address->rfind(':') + 1));
}

}  // namespace gw::testing
