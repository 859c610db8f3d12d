// Prometheus metric families of the gateway.
#include "gateway/metrics.hpp"

#include <prometheus/text_serializer.h>

#include <algorithm>

namespace gw::gateway {
namespace {

const prometheus::Histogram::BucketBoundaries kLatencyBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
const prometheus::Histogram::BucketBoundaries kBatchBuckets = {1,  2,   4,   8,   16,  32,
                                                               64, 128, 256, 512, 1024};

}  // namespace

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  requests_ = &prometheus::BuildCounter()
                   .Name("caunoi_http_requests_total")
                   .Help("HTTP requests served, by route pattern, method and status")
                   .Register(*registry_);
  request_seconds_ = &prometheus::BuildHistogram()
                          .Name("caunoi_http_request_duration_seconds")
                          .Help("HTTP request latency from routing to response, by route")
                          .Register(*registry_);
  http_in_flight_ = &prometheus::BuildGauge()
                         .Name("caunoi_http_requests_in_flight")
                         .Help("HTTP requests being handled now")
                         .Register(*registry_)
                         .Add({});
  commit_seconds_ = &prometheus::BuildHistogram()
                         .Name("caunoi_store_commit_duration_seconds")
                         .Help("Time to run and durably commit one batch of store writes")
                         .Register(*registry_)
                         .Add({}, kLatencyBuckets);
  batch_size_ = &prometheus::BuildHistogram()
                     .Name("caunoi_store_commit_batch_size")
                     .Help("Writes committed together in one group commit")
                     .Register(*registry_)
                     .Add({}, kBatchBuckets);
  write_queue_depth_ = &prometheus::BuildGauge()
                            .Name("caunoi_store_write_queue_depth")
                            .Help("Writes waiting for the store's writer")
                            .Register(*registry_)
                            .Add({});
  inbound_family_ =
      &prometheus::BuildCounter()
           .Name("caunoi_inbound_messages_total")
           .Help("Inbound messages taken in, by channel; duplicate=true for provider retries")
           .Register(*registry_);
  refusals_ = &prometheus::BuildCounter()
                   .Name("caunoi_refusals_total")
                   .Help("Replies that refused something, by reason code")
                   .Register(*registry_);
  sends_ = &prometheus::BuildCounter()
                .Name("caunoi_delivery_sends_total")
                .Help("Send attempts of notices and queued replies, by route and outcome")
                .Register(*registry_);
  finished_ = &prometheus::BuildCounter()
                   .Name("caunoi_deliveries_finished_total")
                   .Help(
                       "Notices and queued replies finished, by kind and state "
                       "(delivered, expired, dead)")
                   .Register(*registry_);
}

void Metrics::OnSend(notifier::Route route, core::SendOutcome outcome) {
  static constexpr const char* kOutcome[] = {"accepted", "retryable", "rejected", "malformed",
                                             "expired"};
  sends_
      ->Add({{"route", std::string(notifier::RouteName(route))},
             {"outcome", kOutcome[static_cast<int>(outcome)]}})
      .Increment();
}

void Metrics::OnFinish(const std::string& kind, const std::string& state) {
  finished_->Add({{"kind", kind}, {"state", state}}).Increment();
}

std::string Metrics::Render() const {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry_->Collect());
}

void Metrics::ObserveRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
  prometheus::Counter* c = nullptr;
  prometheus::Histogram* h = nullptr;
  {
    std::lock_guard lock(series_mu_);
    RouteSeries& r = routes_[route];
    if (r.seconds == nullptr)
      r.seconds = &request_seconds_->Add({{"route", route}}, kLatencyBuckets);
    h = r.seconds;
    auto it = std::find_if(r.counts.begin(), r.counts.end(), [&](const RouteSeries::Count& k) {
      return k.status == status && k.method == method;
    });
    if (it == r.counts.end()) {
      auto& added = requests_->Add(
          {{"route", route}, {"method", method}, {"status", std::to_string(status)}});
      it = r.counts.insert(r.counts.end(), {method, status, &added});
    }
    c = it->counter;
  }
  c->Increment();
  h->Observe(seconds);
}

void Metrics::OnCommit(std::size_t batch_size, double seconds) {
  commit_seconds_->Observe(seconds);
  batch_size_->Observe(static_cast<double>(batch_size));
}

void Metrics::OnQueueDepth(std::size_t depth) {
  write_queue_depth_->Set(static_cast<double>(depth));
}

void Metrics::CountInbound(const std::string& channel, bool duplicate) {
  prometheus::Counter* c = nullptr;
  {
    std::lock_guard lock(series_mu_);
    auto& pair = inbound_[channel];
    if (pair[duplicate] == nullptr) {
      pair[duplicate] = &inbound_family_->Add(
          {{"channel", channel}, {"duplicate", duplicate ? "true" : "false"}});
    }
    c = pair[duplicate];
  }
  c->Increment();
}

void Metrics::CountRefusal(const std::string& reason_code) {
  refusals_->Add({{"reason_code", reason_code}}).Increment();
}

}  // namespace gw::gateway
