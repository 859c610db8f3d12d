// The default meaning of a provider's HTTP answer for the Channel port.
#include "channels/common/provider_http.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace gw::channels::common {

core::SendResult MapHttpOutcome(const net::HttpResult& result, core::TimePoint now) {
  using core::SendOutcome;
  core::SendResult out;
  if (result.error != net::TransportError::kNone) {
    out.provider_code = std::string(net::TransportErrorName(result.error));
    out.detail = result.error_detail;
    if (result.error == net::TransportError::kBadUrl) {
      out.outcome = SendOutcome::kMalformed;
      out.safe_text = "provider URL is misconfigured";
    } else {
      // A timeout after the request left may still have been delivered: the idempotency key
      // is what keeps the retry from sending twice at providers that honour it.
      out.outcome = SendOutcome::kRetryable;
      out.safe_text = "provider unreachable, will retry";
    }
    return out;
  }
  const long status = result.response.status;
  out.provider_code = fmt::format("http {}", status);
  std::string_view body = result.response.body;
  out.detail = fmt::format("HTTP {}: {}", status, body.substr(0, 200));
  if (status >= 200 && status < 300) {
    out.outcome = SendOutcome::kAccepted;
    out.detail.clear();
  } else if (status == 408 || status == 429 || status >= 500) {
    out.outcome = SendOutcome::kRetryable;
    out.retry_after = net::ParseRetryAfter(result.response.retry_after, now);
    out.safe_text =
        status == 429 ? "provider rate limit, will retry" : "provider error, will retry";
  } else if (status >= 400) {
    out.outcome = SendOutcome::kRejected;
    out.safe_text = "provider refused the message";
  } else {
    out.outcome = SendOutcome::kMalformed;
    out.safe_text = "provider answered unexpectedly";
  }
  return out;
}

}  // namespace gw::channels::common
