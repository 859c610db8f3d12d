// Parsing of http.*.
#include "gateway/http/http_config.hpp"

namespace gw::gateway::http {

HttpConfig ParseHttpConfig(core::ConfigNode& node) {
  using namespace std::chrono_literals;
  HttpConfig c;
  c.listen = node.String("listen", c.listen);
  c.port = static_cast<int>(node.Int("port", c.port, 0, 65535));
  c.threads = static_cast<int>(node.Int("threads", c.threads, 2, 4096));
  c.max_body_bytes =
      static_cast<std::size_t>(node.Int("max_body_bytes", 256 * 1024, 1024, 64 * 1024 * 1024));
  c.keep_alive_max_requests =
      static_cast<int>(node.Int("keep_alive_max_requests", c.keep_alive_max_requests, 1, 10000000));
  c.keep_alive_timeout = node.Duration("keep_alive_timeout", 5000ms, 1000ms, 3600000ms);
  c.read_timeout = node.Duration("read_timeout", 10000ms, 100ms, 600000ms);
  c.write_timeout = node.Duration("write_timeout", 10000ms, 100ms, 600000ms);
  c.listen_backlog = static_cast<int>(node.Int("listen_backlog", c.listen_backlog, 1, 65535));
  return c;
}

}  // namespace gw::gateway::http
