// Tests of the gateway's metrics: each request and inbound message lands in its own labelled
// series, also when the series are found from memory after the first time.
#include "gateway/metrics.hpp"

#include <doctest/doctest.h>

namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("requests are counted per route, method and status; inbound per channel and retry") {
  gw::gateway::Metrics m;
  const std::string messages = "/api/v1/app/messages";
  m.ObserveRequest(messages, "POST", 200, 0.002);
  m.ObserveRequest(messages, "POST", 400, 0.001);
  m.ObserveRequest(messages, "POST", 200, 0.003);
  m.ObserveRequest(messages, "GET", 200, 0.001);
  m.ObserveRequest("/healthz", "GET", 200, 0.0001);
  m.CountInbound("app", false);
  m.CountInbound("app", false);
  m.CountInbound("app", true);
  m.CountInbound("sms", true);

  const std::string text = m.Render();
  CHECK(Has(
      text,
      R"(caunoi_http_requests_total{method="POST",route="/api/v1/app/messages",status="200"} 2)"));
  CHECK(Has(
      text,
      R"(caunoi_http_requests_total{method="POST",route="/api/v1/app/messages",status="400"} 1)"));
  CHECK(Has(
      text,
      R"(caunoi_http_requests_total{method="GET",route="/api/v1/app/messages",status="200"} 1)"));
  CHECK(Has(text, R"(caunoi_http_requests_total{method="GET",route="/healthz",status="200"} 1)"));
  CHECK(Has(text, R"(caunoi_http_request_duration_seconds_count{route="/api/v1/app/messages"} 4)"));
  CHECK(Has(text, R"(caunoi_inbound_messages_total{channel="app",duplicate="false"} 2)"));
  CHECK(Has(text, R"(caunoi_inbound_messages_total{channel="app",duplicate="true"} 1)"));
  CHECK(Has(text, R"(caunoi_inbound_messages_total{channel="sms",duplicate="true"} 1)"));
  CHECK_FALSE(text.find(R"(channel="sms",duplicate="false")") != std::string::npos);
}
