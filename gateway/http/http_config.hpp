// Config of the HTTP edge (http.*).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "core/config_reader.hpp"

namespace gw::gateway::http {

struct HttpConfig {
  std::string listen = "127.0.0.1";
  int port = 8080;  // 0 picks a free port (tests)
  // Worker threads. cpp-httplib holds one thread per open connection for as long as it stays
  // alive, so this bounds concurrent keep-alive clients, not only concurrent requests.
  int threads = 64;
  std::size_t max_body_bytes = 256 * 1024;
  int keep_alive_max_requests = 10000;
  std::chrono::milliseconds keep_alive_timeout{5000};
  std::chrono::milliseconds read_timeout{10000};
  std::chrono::milliseconds write_timeout{10000};
  int listen_backlog = 4096;
};

HttpConfig ParseHttpConfig(core::ConfigNode& node);

}  // namespace gw::gateway::http
