// libcurl behind HttpClient: a pool of easy handles, per-call timeouts, error classification.
#include "net/http_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <new>

#include "net/curl_global.hpp"

namespace gw::net {
namespace {

struct CallState {
  HttpResponse* response;
  std::size_t max_bytes;
  bool too_large = false;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t n, void* user) {
  auto* st = static_cast<CallState*>(user);
  std::size_t len = size * n;
  if (st->response->body.size() + len > st->max_bytes) {
    st->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  st->response->body.append(data, len);
  return len;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

bool HeaderIs(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char a = line[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != name[i]) return false;
  }
  return true;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* user) {
  auto* st = static_cast<CallState*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {  // a new response (after a 100 Continue): forget the old one
    st->response->retry_after.clear();
    st->response->content_type.clear();
  } else if (HeaderIs(line, "retry-after")) {
    st->response->retry_after = std::string(Trim(line.substr(12)));
  } else if (HeaderIs(line, "content-type")) {
    st->response->content_type = std::string(Trim(line.substr(13)));
  }
  return size * n;
}

TransportError Classify(CURLcode code, bool too_large) {
  switch (code) {
    case CURLE_OK:
      return TransportError::kNone;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportError::kTimeout;
    case CURLE_COULDNT_CONNECT:
      return TransportError::kConnect;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportError::kResolve;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return TransportError::kNetwork;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
      return TransportError::kTls;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return TransportError::kCertificate;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return TransportError::kBadUrl;
    case CURLE_WRITE_ERROR:
      return too_large ? TransportError::kTooLarge : TransportError::kOther;
    default:
      return TransportError::kOther;
  }
}

}  // namespace

struct HttpClient::Pool {
  std::mutex mu;
  std::vector<CURL*> idle;
};

HttpClient::HttpClient(HttpClientOptions options)
    : options_(std::move(options)), pool_(std::make_unique<Pool>()) {
  detail::InitCurlOnce();
}

HttpClient::~HttpClient() {
  for (CURL* h : pool_->idle) curl_easy_cleanup(h);
}

HttpResult HttpClient::Perform(const HttpRequest& request) {
  HttpResult result;
  CURL* h = nullptr;
  {
    std::lock_guard lock(pool_->mu);
    if (!pool_->idle.empty()) {
      h = pool_->idle.back();
      pool_->idle.pop_back();
    }
  }
  if (h == nullptr) h = curl_easy_init();
  if (h == nullptr) {
    result.error = TransportError::kOther;
    result.error_detail = "curl_easy_init failed";
    return result;
  }
  // reset keeps the handle's live connections and DNS cache: that is the point of the pool.
  curl_easy_reset(h);

  CallState st{&result.response, options_.max_response_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  // libcurl would otherwise wait for a "100 Continue" on larger bodies; providers rarely send one.
  headers = curl_slist_append(headers, "Expect:");

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for timeouts: we run in threads
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &st);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &st);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  if (request.method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else {
    if (request.method == "POST") {
      curl_easy_setopt(h, CURLOPT_POST, 1L);
    } else {
      curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }

  CURLcode code = curl_easy_perform(h);
  long connects = 0;
  if (curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK && connects > 0) {
    connections_opened_ += static_cast<std::uint64_t>(connects);
  }
  result.error = Classify(code, st.too_large);
  if (code == CURLE_OK) {
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.response.status);
  } else {
    result.error_detail = fmt::format("curl {}: {}", static_cast<int>(code),
                                      error_buffer[0] ? error_buffer : curl_easy_strerror(code));
  }
  // The handle goes back to the pool: it must not keep pointers into this call's stack.
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, nullptr);
  curl_slist_free_all(headers);

  {
    std::lock_guard lock(pool_->mu);
    if (pool_->idle.size() < options_.max_idle_handles) {
      pool_->idle.push_back(h);
      h = nullptr;
    }
  }
  if (h != nullptr) curl_easy_cleanup(h);
  return result;
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         core::TimePoint now) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  if (value.front() >= '0' && value.front() <= '9') {
    long long seconds = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || ptr != value.data() + value.size()) return std::nullopt;
    // A day is longer than any sensible wait, and the cap keeps the milliseconds in range.
    return std::chrono::seconds(std::min(seconds, 86400LL));
  }
  std::string date(value);
  time_t at = curl_getdate(date.c_str(), nullptr);
  if (at == -1) return std::nullopt;
  auto delay = std::chrono::system_clock::from_time_t(at) - now;
  if (delay.count() < 0) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(delay);
}

std::string_view TransportErrorName(TransportError error) {
  switch (error) {
    case TransportError::kNone:
      return "none";
    case TransportError::kTimeout:
      return "timeout";
    case TransportError::kConnect:
      return "connect_failed";
    case TransportError::kResolve:
      return "dns_failed";
    case TransportError::kNetwork:
      return "network_error";
    case TransportError::kTls:
      return "tls_error";
    case TransportError::kCertificate:
      return "certificate_error";
    case TransportError::kBadUrl:
      return "bad_url";
    case TransportError::kTooLarge:
      return "response_too_large";
    case TransportError::kOther:
      return "transport_error";
  }
  return "transport_error";
}

bool IsConfigurationError(TransportError error) {
  return error == TransportError::kBadUrl || error == TransportError::kCertificate;
}

std::string EscapePathSegment(std::string_view segment) {
  char* e = curl_easy_escape(nullptr, segment.data(), static_cast<int>(segment.size()));
  if (e == nullptr) throw std::bad_alloc();
  std::string out(e);
  curl_free(e);
  return out;
}

}  // namespace gw::net
