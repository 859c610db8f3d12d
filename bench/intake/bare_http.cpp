// Ceiling for bench/intake: the gateway's own HTTP edge (same cpp-httplib settings as caunoi)
// with one endpoint that answers at once, touching neither the store nor the dialogs.
// Usage: bench_bare_http [threads]   (prints "caunoi: listening on http://127.0.0.1:PORT")
#include <cstdlib>

#include "bench/serve.hpp"
#include "gateway/http/server.hpp"
#include "gateway/metrics.hpp"

int main(int argc, char** argv) {
  gw::gateway::http::HttpConfig config;
  config.port = 0;
  if (argc > 1) config.threads = std::atoi(argv[1]);
  const sigset_t stop = gw::bench::BlockStopSignals();
  gw::gateway::Metrics metrics;
  gw::gateway::http::HttpServer server(config, metrics);
  server.Route("POST", "/bare", "/bare", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"ok":true})", "application/json");
  });
  return gw::bench::ServeUntilStopped(server, stop);
}
