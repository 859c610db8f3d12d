// Loopback ports in tests.
#include "tests/support/ports.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace gw::testing {

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

int ListeningPort(ChildProcess& caunoi, std::chrono::milliseconds timeout) {
  auto address = caunoi.WaitForLine("caunoi: listening on http://", timeout);  // HOST:PORT
  if (!address) return -1;
  return std::stoi(address->substr(address->rfind(':') + 1));
}

}  // namespace gw::testing
