// The one HTTP client of Cầu Nối: blocking calls over libcurl, for the backend connector and the
// channel adapters that call provider APIs. Knows HTTP, not what an answer means to its caller.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"

namespace gw::net {

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT...
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent when the method is not GET
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
  kTimeout,      // connect or whole-request deadline passed
  kConnect,      // refused, unreachable
  kResolve,      // DNS
  kNetwork,      // reset, sent nothing, broken pipe
  kTls,          // the handshake failed
  kCertificate,  // the peer's certificate failed verification, or our CA/cert file is bad
  kBadUrl,       // our URL is malformed or not http/https
  kTooLarge,     // the response passed max_response_bytes
  kOther,
};

struct HttpResult {
  TransportError error = TransportError::kNone;
  std::string error_detail;  // "curl N: libcurl's message", for logs
  HttpResponse response;     // meaningful when error == kNone
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds timeout{10000};  // the whole request
  std::size_t max_idle_handles = 8;          // easy handles kept for connection reuse
  std::size_t max_response_bytes = 1 << 20;
  std::string user_agent = "caunoi";
  std::string ca_file;  // PEM bundle to verify servers with; empty = the system store
};

// Blocking HTTP with connection reuse. Perform MAY be called from several threads at once: each
// call borrows an easy handle from a pool (so keep-alive connections, TLS sessions and DNS
// results are reused across calls) and returns it afterwards. Redirects are not followed (a
// server that redirects an API call is misconfigured, and following it would resend the body).
// Never throws for network failures: they are in the result.
class HttpClient {
 public:
  // Runs curl_global_init once per process; it is never undone, since other threads may still
  // be inside libcurl while the process exits.
  explicit HttpClient(HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Blocks up to options.timeout.
  HttpResult Perform(const HttpRequest& request);

  // Connections libcurl had to open (not reuse) so far; tests assert reuse with it.
  std::uint64_t connections_opened() const { return connections_opened_.load(); }

 private:
  struct Pool;
  HttpClientOptions options_;
  std::unique_ptr<Pool> pool_;
  std::atomic<std::uint64_t> connections_opened_{0};
};

// Errors that retrying cannot mend: our URL or our TLS settings are wrong (a config error).
bool IsConfigurationError(TransportError error);

// A short stable name ("timeout", "connect_failed", ...) for logs and provider codes.
std::string_view TransportErrorName(TransportError error);

// Retry-After as delay-seconds or an HTTP-date, relative to `now`; nullopt when unparsable.
// A date in the past gives zero; more than a day is capped at a day.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         core::TimePoint now);

// "%2F"-style escaping of one URL path segment.
std::string EscapePathSegment(std::string_view segment);

}  // namespace gw::net
