// Delivers the simulator's status pushes to the gateway's notification API, signed per Standard
// Webhooks, retrying the ones that fail with an exponential backoff on the injected clock.
#pragma once

#include <chrono>
#include <string>

#include "backends/simulator/one_stop_service.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace httplib {
class Client;
}

namespace gw::backends::sim {

struct PushOptions {
  std::string url;     // the gateway's base URL; events go to {url}/api/v1/notifications
  std::string secret;  // whsec_<base64>
  std::chrono::milliseconds initial_backoff{2000};
  std::chrono::milliseconds max_backoff{300000};
  int max_attempts = 20;                    // then the event goes to the dead list
  std::chrono::milliseconds timeout{5000};  // connect and read, per attempt
};

struct PushReport {
  std::size_t delivered = 0;
  std::size_t failed = 0;  // attempts that failed (retried later or given up)
};

class Pusher {
 public:
  Pusher(PushOptions options, const core::Clock& clock);

  // Checks the URL and the secret; call before DeliverDue.
  core::Status Init();

  // Sends every due event of `service`'s outbox, one HTTP request each, in order. 2xx delivers;
  // 408, 429, 5xx and network errors are retried later; other 4xx go to the dead list (the
  // gateway refused the event: retrying cannot help). Blocks for the requests, each bounded by
  // options.timeout. Call from one thread at a time.
  PushReport DeliverDue(OneStopService& service);

 private:
  void DeliverRound(OneStopService& service, httplib::Client& client, PushReport& report);

  PushOptions options_;
  const core::Clock& clock_;
  std::string key_;          // decoded secret
  std::string scheme_host_;  // "http://127.0.0.1:8080"
  std::string path_;         // "/api/v1/notifications", after any base path
};

}  // namespace gw::backends::sim
