// A small blocking HTTP client over libcurl for adapters that call provider APIs, with the
// mapping of its results onto the Channel port's SendOutcome.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/channel.hpp"
#include "core/clock.hpp"

namespace gw::channels::common {

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT...
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent when non-empty or when the method is not GET
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string content_type;
  std::string retry_after;  // the Retry-After header as received, empty when absent
};

// Why no HTTP response arrived.
enum class TransportError {
  kNone,
  kTimeout,   // connect or whole-request deadline passed
  kConnect,   // refused, unreachable
  kResolve,   // DNS
  kNetwork,   // reset, sent nothing, broken pipe
  kTls,       // handshake or certificate
  kBadUrl,    // our URL is malformed or not http/https: a config error
  kTooLarge,  // the response passed max_response_bytes
  kOther,
};

struct HttpResult {
  TransportError error = TransportError::kNone;
  std::string error_detail;  // libcurl's message, for logs
  HttpResponse response;     // meaningful when error == kNone
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds timeout{10000};  // the whole request
  std::size_t max_idle_handles = 8;          // easy handles kept for connection reuse
  std::size_t max_response_bytes = 1 << 20;
  std::string user_agent = "caunoi";
};

// Blocking HTTP with connection reuse. Perform MAY be called from several threads at once: each
// call borrows an easy handle from a pool (so keep-alive connections and DNS results are reused
// across calls) and returns it afterwards. Redirects are not followed (a provider that redirects
// an API call is misconfigured, and following it would resend the body). Never throws.
class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Blocks up to options.timeout.
  HttpResult Perform(const HttpRequest& request);

 private:
  struct Pool;
  HttpClientOptions options_;
  std::unique_ptr<Pool> pool_;
};

// Retry-After as delay-seconds or an HTTP-date, relative to `now`; nullopt when unparsable.
// A date in the past gives zero; more than a day is capped at a day.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         core::TimePoint now);

// The default mapping of an HTTP exchange onto the Channel outcomes:
//   timeouts, refused or broken connections, DNS, TLS, 408, 429, 5xx -> kRetryable (with the
//     Retry-After delay when given);
//   2xx -> kAccepted;  other 4xx -> kRejected;  3xx, a bad URL -> kMalformed (config error).
// provider_code is "http <status>" or the transport error's name; adapters refine the result
// with what their provider's body says.
core::SendResult MapHttpOutcome(const HttpResult& result, core::TimePoint now);

std::string_view TransportErrorName(TransportError error);

}  // namespace gw::channels::common
