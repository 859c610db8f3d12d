// Signed status pushes over cpp-httplib's client.
#include "backends/simulator/pusher.hpp"

#include <httplib.h>

#include <cstdint>

#include "backends/webhook_signature.hpp"
#include "core/log.hpp"

namespace gw::backends::sim {
namespace {

const core::Logger kLog("backends.sim.push");

}  // namespace

Pusher::Pusher(PushOptions options, const core::Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

core::Status Pusher::Init() {
  auto key = ParseWebhookSecret(options_.secret);
  if (!key) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "push secret: expected whsec_ followed by base64");
  }
  key_ = *key;
  std::string url = options_.url;
  while (url.ends_with('/')) url.pop_back();
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos ||
      (!url.starts_with("http://") && !url.starts_with("https://"))) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "push URL: expected http://host[:port][/base]");
  }
  auto path_start = url.find('/', scheme_end + 3);
  scheme_host_ = url.substr(0, path_start);
  path_ = (path_start == std::string::npos ? "" : url.substr(path_start)) + "/api/v1/notifications";
  return core::Ok{};
}

PushReport Pusher::DeliverDue(OneStopService& service) {
  PushReport report;
  // One client per call: its connection is reused within the call and closed after, so an idle
  // keep-alive never holds a test's receiver open.
  httplib::Client client(scheme_host_);
  const auto timeout_s = std::max<long>(1, static_cast<long>(options_.timeout.count() / 1000));
  client.set_connection_timeout(timeout_s, 0);
  client.set_read_timeout(timeout_s, 0);
  client.set_write_timeout(timeout_s, 0);
  // Rounds: each takes the oldest due event per dossier; a dossier's next event comes up in the
  // next round once the previous one is delivered. Stops when a round delivers nothing.
  for (std::size_t delivered_before = SIZE_MAX; delivered_before != report.delivered;) {
    delivered_before = report.delivered;
    DeliverRound(service, client, report);
  }
  return report;
}

void Pusher::DeliverRound(OneStopService& service, httplib::Client& client, PushReport& report) {
  for (const auto& event : service.DuePushes(clock_.Now())) {
    const auto now = clock_.Now();
    // The timestamp is the attempt's, so a retried event still falls inside the receiver's
    // window; the id stays the event's, so the receiver deduplicates.
    const auto ts =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    httplib::Headers headers = {
        {"webhook-id", event.id},
        {"webhook-timestamp", std::to_string(ts)},
        {"webhook-signature", WebhookSignature(key_, event.id, ts, event.body)},
    };
    auto res = client.Post(path_, headers, event.body, "application/json");
    const int status = res ? res->status : 0;
    if (status >= 200 && status < 300) {
      service.PushDelivered(event.id);
      ++report.delivered;
      kLog.Debug("push delivered", {{"event", event.id}});
      continue;
    }
    ++report.failed;
    const bool retryable = status == 0 || status == 408 || status == 429 || status >= 500;
    const int attempts = event.attempts + 1;
    const bool give_up = !retryable || attempts >= options_.max_attempts;
    auto backoff = options_.initial_backoff;
    for (int i = 1; i < attempts && backoff < options_.max_backoff; ++i) backoff *= 2;
    backoff = std::min(backoff, options_.max_backoff);
    service.PushFailed(event.id, now + backoff, give_up);
    const std::string cause =
        res ? "HTTP " + std::to_string(status) : httplib::to_string(res.error());
    if (give_up) {
      kLog.Error("push given up",
                 {{"event", event.id}, {"cause", cause}, {"attempts", std::to_string(attempts)}});
    } else {
      kLog.Warn("push failed; will retry",
                {{"event", event.id}, {"cause", cause}, {"attempts", std::to_string(attempts)}});
    }
  }
}

}  // namespace gw::backends::sim
