// The gateway's Prometheus metrics: HTTP requests and latency by route, store commit latency and
// batch sizes, queue depths. Rendered in the text exposition format at /metrics.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/delivery/dispatcher.hpp"
#include "gateway/store/group_writer.hpp"

namespace gw::gateway {

class Metrics final : public store::WriterObserver, public delivery::DispatchObserver {
 public:
  Metrics();

  prometheus::Registry& registry() { return *registry_; }
  std::string Render() const;

  // HTTP: one observation per finished request. `route` is the route pattern, never the raw path
  // (keeps label cardinality bounded).
  void ObserveRequest(const std::string& route, const std::string& method, int status,
                      double seconds);
  prometheus::Gauge& http_in_flight() { return *http_in_flight_; }

  // store::WriterObserver
  void OnCommit(std::size_t batch_size, double seconds) override;
  void OnQueueDepth(std::size_t depth) override;

  // Turns taken in by channel, and refusals by reason code.
  void CountInbound(const std::string& channel, bool duplicate);
  void CountRefusal(const std::string& reason_code);

  // delivery::DispatchObserver: sends by route and outcome, finished jobs by kind and state.
  void OnSend(notifier::Route route, core::SendOutcome outcome) override;
  void OnFinish(const std::string& kind, const std::string& state) override;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* request_seconds_;
  prometheus::Gauge* http_in_flight_;
  // The per-message series, each found once and kept: Family::Add builds a label map (and a
  // histogram's buckets) before it looks them up, on every call.
  struct RouteSeries {
    struct Count {
      std::string method;
      int status;
      prometheus::Counter* counter;
    };
    prometheus::Histogram* seconds = nullptr;
    std::vector<Count> counts;  // a handful per route: searched in order
  };
  std::mutex series_mu_;
  std::unordered_map<std::string, RouteSeries> routes_;
  std::unordered_map<std::string, std::array<prometheus::Counter*, 2>> inbound_;  // [duplicate]
  prometheus::Histogram* commit_seconds_;
  prometheus::Histogram* batch_size_;
  prometheus::Gauge* write_queue_depth_;
  prometheus::Family<prometheus::Counter>* inbound_family_;
  prometheus::Family<prometheus::Counter>* refusals_;
  prometheus::Family<prometheus::Counter>* sends_;
  prometheus::Family<prometheus::Counter>* finished_;
};

}  // namespace gw::gateway
