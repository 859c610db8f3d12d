// The libcurl part of the connector: one blocking HTTP exchange at a time per call, over a pool
// of easy handles so connections (and TLS sessions) are reused between calls.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace gw::backends {

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds total_timeout{10000};
  std::string ca_file;  // empty = the system store
};

struct HttpResponse {
  // Transport: 0 when an HTTP response arrived, else the CURLcode and its text.
  int transport_code = 0;
  std::string transport_error;
  bool timed_out = false;
  bool body_too_large = false;
  long status = 0;
  std::string content_type;
  std::string body;
  std::optional<std::chrono::seconds> retry_after;  // from Retry-After (seconds or HTTP date)
};

// Thread-safe: calls from any number of threads run in parallel, each on its own easy handle.
class HttpClient {
 public:
  // Bodies larger than this are cut off and reported as body_too_large.
  static constexpr std::size_t kMaxBodyBytes = 16 * 1024 * 1024;

  // Runs curl_global_init once per process (std::call_once); it is never cleaned up, since other
  // threads may still use libcurl while the process exits.
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Blocks up to request.total_timeout. Never throws for network failures (they are in the
  // response). Idle handles, with their open connections, return to the pool afterwards.
  HttpResponse Perform(const HttpRequest& request);

  // Connections libcurl had to open (not reuse) so far; the tests assert reuse with it.
  std::uint64_t connections_opened() const { return connections_opened_.load(); }

  // "%2F"-style escaping of one path segment.
  static std::string EscapePathSegment(const std::string& segment);

 private:
  void* Acquire();  // CURL*; kept opaque so this header does not pull in curl.h
  void Release(void* handle);

  std::mutex mu_;
  std::vector<void*> idle_;
  std::atomic<std::uint64_t> connections_opened_{0};
};

}  // namespace gw::backends
