// Load generator for bench/sms: many concurrent requests, counted where the SMS ends up (the
// lines fakesmsc prints, one per SMS part), so both paths are measured at the handset.
//
//   bench_sms_load free-ports N
//       prints N distinct loopback ports that were free a moment ago
//   bench_sms_load sendsms  --port P --count N --concurrency C --fakesmsc FILE
//                           [--user U --password PW --smsc ID --text TEXT --dlr-sink yes]
//       Kannel's own rate: GET /cgi-bin/sendsms on smsbox, UCS-2 text, one recipient per SMS;
//       with --dlr-sink, delivery reports requested and answered by a trivial in-process server
//   bench_sms_load notices  --port P --count N --concurrency C --fakesmsc FILE --secret whsec_..
//                           [--run ID]
//       the gateway path: signed POST /api/v1/notifications (status result_ready, a phone
//       recipient each) -> dispatcher -> sendsms -> fakesmsc
//
// Each run first sends one warm-up message and waits for it, to learn how many parts one SMS
// takes; then the clock starts with the first request and stops when fakesmsc has printed every
// part. Prints one line of key=value pairs.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <httplib.h>

#include "backends/webhook_signature.hpp"
#include "net/url.hpp"
#include "tests/support/ports.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Counts "Got message" lines in a file that keeps growing (fakesmsc's stdout).
class PartCounter {
 public:
  explicit PartCounter(std::string path) : path_(std::move(path)) {}
  long Count() {
    std::ifstream in(path_, std::ios::binary);
    in.seekg(offset_);
    std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Only whole lines: a line may be half written.
    auto last = chunk.rfind('\n');
    if (last == std::string::npos) return count_;
    chunk.resize(last + 1);
    offset_ += static_cast<std::streamoff>(chunk.size());
    for (std::size_t at = 0; (at = chunk.find("Got message ", at)) != std::string::npos; ++at) {
      ++count_;
    }
    return count_;
  }
  // Polls until the count reaches `target`; returns when it did, or nullopt at the deadline.
  std::optional<Clock::time_point> WaitFor(long target, std::chrono::seconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Count() < target) {
      if (Clock::now() > deadline) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return Clock::now();
  }

 private:
  std::string path_;
  std::streamoff offset_ = 0;
  long count_ = 0;
};

std::map<std::string, std::string> Options(int argc, char** argv, int from) {
  std::map<std::string, std::string> o;
  for (int i = from; i + 1 < argc; i += 2) {
    std::string key = argv[i];
    if (key.starts_with("--")) o[key.substr(2)] = argv[i + 1];
  }
  return o;
}

std::string Get(const std::map<std::string, std::string>& o, const std::string& key,
                const std::string& def = "") {
  auto it = o.find(key);
  if (it != o.end()) return it->second;
  if (def.empty()) {
    fmt::print(stderr, "bench_sms_load: --{} is required\n", key);
    std::exit(2);
  }
  return def;
}

// A phone number per message, so that every SMS is a different handset.
std::string Phone(int i) {
  return fmt::format("091{:07d}", i);
}

// Prints n distinct free loopback ports for run.sh's Kannel config (the tests' chooser).
int PrintFreePorts(int n) {
  try {
    fmt::print("{}\n", fmt::join(gw::testing::FreePorts(n), " "));
    return 0;
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  }
}

// One request; true when the server took it (2xx).
using Request = std::function<bool(httplib::Client&, int index)>;

struct LoadResult {
  double send_seconds = 0;
  long failed = 0;
};

// Runs requests [first, first + count) over `concurrency` keep-alive connections.
LoadResult Fire(int port, int first, int count, int concurrency, const Request& request) {
  std::atomic<int> next{first};
  std::atomic<long> failed{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < concurrency; ++t) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      // cpp-httplib writes a POST's headers and body separately: with Nagle on, the body waits
      // for the server's delayed ACK (~40 ms a request), which capped pushes at ~700/s.
      c.set_tcp_nodelay(true);
      c.set_connection_timeout(5);
      c.set_read_timeout(30);
      for (int i = next++; i < first + count; i = next++) {
        if (!request(c, i)) ++failed;
      }
    });
  }
  for (auto& t : threads) t.join();
  return {std::chrono::duration<double>(Clock::now() - start).count(), failed.load()};
}

int Run(const std::string& mode, const std::map<std::string, std::string>& o) {
  const int port = std::stoi(Get(o, "port"));
  const int count = std::stoi(Get(o, "count"));
  const int concurrency = std::stoi(Get(o, "concurrency", "32"));
  const auto timeout = std::chrono::seconds(std::stoi(Get(o, "timeout", "300")));
  PartCounter parts(Get(o, "fakesmsc"));
  httplib::Server dlr_sink;  // sendsms --dlr-sink yes
  std::thread sink_thread;
  Request request;
  if (mode == "sendsms") {
    const std::string user = Get(o, "user", "caunoi");
    const std::string password = Get(o, "password", "caunoi-test");
    const std::string smsc = Get(o, "smsc", "fake-mt");
    const std::string text = Get(o, "text");
    // --dlr-sink yes: ask for delivery reports like the gateway does (dlr-mask 31, two calls per
    // SMS) and answer them from a trivial in-process HTTP server, so Kannel's rate includes its
    // own share of the report work.
    int sink_port = 0;
    if (Get(o, "dlr-sink", "no") == "yes") {
      dlr_sink.Get("/dlr", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("", "text/plain");
      });
      sink_port = dlr_sink.bind_to_any_port("127.0.0.1");
      sink_thread = std::thread([&dlr_sink] { dlr_sink.listen_after_bind(); });
    }
    request = [=](httplib::Client& c, int i) {
      std::vector<std::pair<std::string, std::string>> params = {
          {"username", user}, {"password", password},
          {"from", "8088"},   {"to", "+84" + Phone(i).substr(1)},
          {"text", text},     {"charset", "UTF-8"},
          {"coding", "2"},    {"smsc", smsc}};
      if (sink_port > 0) {
        params.emplace_back("dlr-mask", "31");
        params.emplace_back("dlr-url",
                            fmt::format("http://127.0.0.1:{}/dlr?id={}&status=%d", sink_port, i));
      }
      const std::string q = gw::net::BuildQuery(params);
      auto r = c.Get("/cgi-bin/sendsms?" + q);
      return r && r->status / 100 == 2;
    };
  } else {
    const std::string key = *gw::backends::ParseWebhookSecret(Get(o, "secret"));
    const std::string run = Get(o, "run", "bench");
    request = [=](httplib::Client& c, int i) {
      const std::string id = fmt::format("{}-{}", run, i);
      const std::string body =
          fmt::format(R"({{"dossier_code":"000.00.12.H29-241023-0001","procedure_code":"1.004222",)"
                      R"("status":"result_ready","recipient":{{"phone":"{}"}},)"
                      R"("occurred_at":"2026-11-23T04:54:13Z"}})",
                      Phone(i));
      const auto ts = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
      httplib::Headers h = {
          {"webhook-id", id},
          {"webhook-timestamp", std::to_string(ts)},
          {"webhook-signature", gw::backends::WebhookSignature(key, id, ts, body)}};
      auto r = c.Post("/api/v1/notifications", h, body, "application/json");
      return r && r->status == 202;
    };
  }

  // Warm-up: one message, to learn the parts per SMS (and open the paths).
  const long before = parts.Count();
  auto warm = Fire(port, 0, 1, 1, request);
  if (warm.failed) {
    fmt::print(stderr, "bench_sms_load: the warm-up request failed\n");
    return 1;
  }
  if (!parts.WaitFor(before + 1, std::chrono::seconds(30))) {
    fmt::print(stderr, "bench_sms_load: the warm-up SMS never reached fakesmsc\n");
    return 1;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a long SMS's later parts
  const long per_sms = parts.Count() - before;
  const long base = parts.Count();

  const auto start = Clock::now();
  LoadResult load;
  std::thread sender([&] { load = Fire(port, 1, count, concurrency, request); });
  auto done = parts.WaitFor(base + per_sms * count, timeout);
  sender.join();
  const long got = parts.Count() - base;
  if (!done) {
    if (sink_thread.joinable()) {
      dlr_sink.stop();
      sink_thread.join();
    }
    fmt::print("mode={} count={} failed={} parts_per_sms={} parts_seen={} timed_out=1\n", mode,
               count, load.failed, per_sms, got);
    return 1;
  }
  const double seconds = std::chrono::duration<double>(*done - start).count();
  fmt::print(
      "mode={} count={} concurrency={} failed={} parts_per_sms={} requests_per_s={:.0f} "
      "delivered_seconds={:.3f} delivered_per_s={:.0f}\n",
      mode, count, concurrency, load.failed, per_sms, count / load.send_seconds, seconds,
      count / seconds);
  if (sink_thread.joinable()) {
    dlr_sink.stop();
    sink_thread.join();
  }
  return load.failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "free-ports" && argc == 3) return PrintFreePorts(std::atoi(argv[2]));
  if (mode == "sendsms" || mode == "notices") return Run(mode, Options(argc, argv, 2));
  fmt::print(stderr,
             "usage: bench_sms_load free-ports N | sendsms --port P --count N --concurrency C "
             "--fakesmsc FILE --text T | notices --port P --count N --concurrency C --fakesmsc "
             "FILE --secret whsec_...\n");
  return 2;
}
