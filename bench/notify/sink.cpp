// The SMS provider for bench/notify: a brandname API on the gateway's own HTTP edge (the same
// cpp-httplib settings as caunoi and bench_bare_http) that counts every send and answers
// "accepted" at once, so the count at the sink is the number of notices delivered.
// Usage: bench_notify_sink [threads]   (prints "caunoi: listening on http://127.0.0.1:PORT")
//   POST /sms/send   {"requestId": "<idempotency key>", ...} -> {"code":"0","data":{"msgId"}}
//   GET  /count      {"requests", "distinct", "first_ms", "last_ms"} (steady-clock milliseconds)
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench/serve.hpp"
#include "gateway/http/server.hpp"
#include "gateway/metrics.hpp"

namespace {

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Raw requests and distinct idempotency keys: a key seen twice would be a duplicate send.
class Counter {
 public:
  void Add(std::string key) {
    const auto now = NowMs();
    std::lock_guard lock(mu_);
    if (requests_++ == 0) first_ms_ = now;
    last_ms_ = now;
    keys_.insert(std::move(key));
  }
  std::string Json() {
    std::lock_guard lock(mu_);
    return fmt::format(R"({{"requests":{},"distinct":{},"first_ms":{},"last_ms":{}}})", requests_,
                       keys_.size(), first_ms_, last_ms_);
  }

 private:
  std::mutex mu_;
  std::int64_t requests_ = 0;
  std::int64_t first_ms_ = 0;
  std::int64_t last_ms_ = 0;
  std::unordered_set<std::string> keys_;
};

}  // namespace

int main(int argc, char** argv) {
  gw::gateway::http::HttpConfig config;
  config.port = 0;
  if (argc > 1) config.threads = std::atoi(argv[1]);
  const sigset_t stop = gw::bench::BlockStopSignals();
  gw::gateway::Metrics metrics;
  gw::gateway::http::HttpServer server(config, metrics);
  Counter counter;
  server.Route("POST", "/sms/send", "/sms/send",
               [&](const httplib::Request& req, httplib::Response& res) {
                 auto body = nlohmann::json::parse(req.body, nullptr, false);
                 std::string key = body.is_object() ? body.value("requestId", "") : "";
                 res.set_content(fmt::format(R"({{"code":"0","data":{{"msgId":"p-{}"}}}})", key),
                                 "application/json");
                 counter.Add(std::move(key));
               });
  server.Route("GET", "/count", "/count", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(counter.Json(), "application/json");
  });
  return gw::bench::ServeUntilStopped(server, stop);
}
