// The HTTP edge over cpp-httplib: routes with per-route metrics, JSON errors for everything that
// fails (404, 405, 413, exceptions), and the settings Debian's cpp-httplib 0.11 gets wrong for us.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "gateway/http/http_config.hpp"
#include "gateway/metrics.hpp"

namespace gw::gateway::http {

class HttpServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  HttpServer(const HttpConfig& config, Metrics& metrics);

  // Registers `handler` for `method` on `pattern` (a cpp-httplib path pattern, e.g. a regex).
  // `route` is the name used in metrics and logs (e.g. "/api/v1/notifications/{id}"). Every
  // handler runs inside a catch-all that answers 500 with a JSON error.
  void Route(const std::string& method, const std::string& pattern, const std::string& route,
             Handler handler);

  // Binds the listening socket (port 0 picks one) and returns the bound port.
  core::Result<int> Bind();
  // Serves until Stop(); in-flight requests finish before it returns.
  void Run();
  // Stops accepting; safe from any thread, including a signal-watching one.
  void Stop();

 private:
  void InstallErrorHandling();
  void InstallMethodNotAllowed();

  HttpConfig config_;
  Metrics& metrics_;
  httplib::Server server_;
  std::map<std::string, std::set<std::string>> methods_by_pattern_;
  std::vector<std::string> pattern_order_;
  std::atomic<int> listen_fd_{-1};
};

}  // namespace gw::gateway::http
