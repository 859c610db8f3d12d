// FreePorts: distinct, free, and outside the range the kernel hands out by itself.
#include "tests/support/ports.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <set>

namespace {

bool CanListenOn(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  listen(fd, 1) == 0;
  if (fd >= 0) close(fd);
  return ok;
}

}  // namespace

TEST_CASE("FreePorts gives distinct free ports below the kernel's ephemeral range") {
  int ephemeral_low = 32768;
  std::ifstream("/proc/sys/net/ipv4/ip_local_port_range") >> ephemeral_low;
  REQUIRE(ephemeral_low > 10001);  // else FreePorts rightly falls back to the kernel's picks
  auto ports = gw::testing::FreePorts(8);
  REQUIRE(ports.size() == 8);
  CHECK(std::set<int>(ports.begin(), ports.end()).size() == 8);
  for (int port : ports) {
    CAPTURE(port);
    CHECK(port >= 10000);
    CHECK(port < ephemeral_low);
    CHECK(CanListenOn(port));
  }
}
