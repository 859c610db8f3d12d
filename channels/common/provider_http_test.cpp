// The default mapping of HTTP exchanges onto the Channel port's outcomes.
#include "channels/common/provider_http.hpp"

#include <doctest/doctest.h>

#include <string>

namespace common = gw::channels::common;
namespace net = gw::net;
using gw::core::SendOutcome;

namespace {

const gw::core::TimePoint kNow = std::chrono::system_clock::from_time_t(1700000000);

net::HttpResult Status(long status, std::string body = "", std::string retry_after = "") {
  net::HttpResult r;
  r.response.status = status;
  r.response.body = std::move(body);
  r.response.retry_after = std::move(retry_after);
  return r;
}

net::HttpResult Failed(net::TransportError error) {
  net::HttpResult r;
  r.error = error;
  r.error_detail = "curl 0: test";
  return r;
}

}  // namespace

TEST_CASE("HTTP statuses map onto outcomes") {
  struct Case {
    long status;
    SendOutcome outcome;
  };
  const Case cases[] = {
      {200, SendOutcome::kAccepted},  {202, SendOutcome::kAccepted},
      {301, SendOutcome::kMalformed}, {400, SendOutcome::kRejected},
      {404, SendOutcome::kRejected},  {408, SendOutcome::kRetryable},
      {429, SendOutcome::kRetryable}, {500, SendOutcome::kRetryable},
      {503, SendOutcome::kRetryable},
  };
  for (const auto& c : cases) {
    CAPTURE(c.status);
    auto r = common::MapHttpOutcome(Status(c.status, "reason"), kNow);
    CHECK(r.outcome == c.outcome);
    CHECK(r.provider_code == "http " + std::to_string(c.status));
  }
  auto r = common::MapHttpOutcome(Status(429, "", "120"), kNow);
  CHECK(r.retry_after == std::chrono::milliseconds(120000));
  CHECK(common::MapHttpOutcome(Status(503, "", "soon"), kNow).retry_after == std::nullopt);
}

TEST_CASE("transport failures are retried, except a URL that can never work") {
  for (auto error :
       {net::TransportError::kTimeout, net::TransportError::kConnect, net::TransportError::kResolve,
        net::TransportError::kNetwork, net::TransportError::kTls, net::TransportError::kCertificate,
        net::TransportError::kTooLarge, net::TransportError::kOther}) {
    auto mapped = common::MapHttpOutcome(Failed(error), kNow);
    CAPTURE(mapped.provider_code);
    CHECK(mapped.outcome == SendOutcome::kRetryable);
    CHECK(mapped.provider_code == net::TransportErrorName(error));
    CHECK(mapped.detail == "curl 0: test");
  }
  auto bad_url = common::MapHttpOutcome(Failed(net::TransportError::kBadUrl), kNow);
  CHECK(bad_url.outcome == SendOutcome::kMalformed);
  CHECK(bad_url.provider_code == "bad_url");
}
