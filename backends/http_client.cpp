// libcurl easy-handle pool and one request/response exchange.
#include "backends/http_client.hpp"

#include <curl/curl.h>

#include <mutex>
#include <stdexcept>

namespace gw::backends {
namespace {

std::once_flag g_curl_init;

struct Sink {
  std::string* body;
  bool too_large = false;
};

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t len = size * n;
  if (sink->body->size() + len > HttpClient::kMaxBodyBytes) {
    sink->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->body->append(data, len);
  return len;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void Add(const std::string& h) {
    curl_slist* next = curl_slist_append(list, h.c_str());
    if (next == nullptr) throw std::bad_alloc();
    list = next;
  }
};

}  // namespace

HttpClient::HttpClient() {
  std::call_once(g_curl_init, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("curl_global_init failed");
    }
  });
}

HttpClient::~HttpClient() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* HttpClient::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  CURL* h = curl_easy_init();
  if (h == nullptr) throw std::runtime_error("curl_easy_init failed");
  return h;
}

void HttpClient::Release(void* handle) {
  // The connector's concurrency limit bounds how many handles exist, so the pool stays small.
  std::lock_guard lock(mu_);
  idle_.push_back(handle);
}

std::string HttpClient::EscapePathSegment(const std::string& segment) {
  char* e = curl_easy_escape(nullptr, segment.c_str(), static_cast<int>(segment.size()));
  if (e == nullptr) throw std::bad_alloc();
  std::string out(e);
  curl_free(e);
  return out;
}

HttpResponse HttpClient::Perform(const HttpRequest& request) {
  CURL* h = static_cast<CURL*>(Acquire());
  // Reset drops the previous request's options but keeps the handle's live connections.
  curl_easy_reset(h);
  HttpResponse response;
  Sink sink{&response.body};
  HeaderList headers;
  for (const auto& line : request.headers) headers.Add(line);
  // curl would otherwise send "Expect: 100-continue" for larger bodies and wait for the answer.
  headers.Add("Expect:");

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  // Signals cannot be used for timeouts in a multi-threaded process.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "caunoi/0.1");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  if (!request.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, request.ca_file.c_str());
  if (request.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  CURLcode rc = curl_easy_perform(h);
  long connects = 0;
  if (curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK && connects > 0) {
    connections_opened_ += static_cast<std::uint64_t>(connects);
  }
  if (rc != CURLE_OK) {
    response.transport_code = static_cast<int>(rc);
    response.transport_error = curl_easy_strerror(rc);
    response.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    response.body_too_large = sink.too_large;
  } else {
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    char* type = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) {
      response.content_type = type;
    }
    // libcurl reports 0 both for "Retry-After: 0" and for no header; both mean "use the backoff".
    curl_off_t retry_after = 0;
    if (curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0 &&
        (response.status == 429 || response.status == 503)) {
      response.retry_after = std::chrono::seconds(retry_after);
    }
  }
  // The header list dies with this scope; the handle must not keep pointing at it.
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  Release(h);
  return response;
}

}  // namespace gw::backends
