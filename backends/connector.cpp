// The HTTP connector: attempts, classification of each answer, retries and the typed calls.
#include "backends/connector.hpp"

#include <fmt/format.h>

#include <random>
#include <thread>

#include "backends/dossier_code.hpp"
#include "backends/webhook_signature.hpp"

namespace gw::backends {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

// A backend's reason is shown to citizens; keep it to a screen, cut on a UTF-8 boundary.
constexpr std::size_t kMaxReasonBytes = 1000;

struct Attempt {
  CallOutcome outcome = CallOutcome::kRetryable;
  json body;
  std::string raw;
  core::Error error;
  bool retry = true;                        // kRetryable only: whether another attempt can help
  bool backend_alive = false;               // for the circuit breaker
  std::optional<milliseconds> retry_after;  // the backend's wish
};

std::string CutUtf8(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
  return s;
}

core::Error Unavailable(const BackendConfig& c, std::string detail) {
  return core::MakeError(core::ErrorCode::kUnavailable,
                         fmt::format("the one-stop system \"{}\" is not answering now", c.id),
                         std::move(detail));
}

core::Error Malformed(const BackendConfig& c, std::string detail) {
  return core::MakeError(
      core::ErrorCode::kInternal,
      fmt::format("the one-stop system \"{}\" answered in a form we cannot read", c.id),
      std::move(detail));
}

core::ErrorCode RefusalCode(long status) {
  switch (status) {
    case 404:
      return core::ErrorCode::kNotFound;
    case 409:
      return core::ErrorCode::kConflict;
    case 422:
      return core::ErrorCode::kUnprocessable;
    default:
      return core::ErrorCode::kInvalidArgument;
  }
}

// Larger answers are cut off and treated as unreadable; no contract answer comes near it.
constexpr std::size_t kMaxResponseBytes = 16 * 1024 * 1024;

net::HttpClientOptions HttpOptions(const BackendConfig& c) {
  net::HttpClientOptions options;
  options.connect_timeout = c.connect_timeout;
  options.timeout = c.total_timeout;
  // The concurrency limit bounds the calls in flight, so keep a handle for each.
  options.max_idle_handles = static_cast<std::size_t>(c.max_concurrency);
  options.max_response_bytes = kMaxResponseBytes;
  options.ca_file = c.ca_file;
  return options;
}

Attempt Classify(const BackendConfig& c, const net::HttpResult& result, core::TimePoint now) {
  Attempt a;
  if (result.error != net::TransportError::kNone) {
    if (result.error == net::TransportError::kTooLarge) {
      a.outcome = CallOutcome::kMalformed;
      a.error = Malformed(
          c, fmt::format("response body larger than {} MiB", kMaxResponseBytes / (1024 * 1024)));
      return a;
    }
    a.outcome = CallOutcome::kRetryable;
    a.retry = !net::IsConfigurationError(result.error);
    a.error =
        Unavailable(c, fmt::format("transport: {} ({})", net::TransportErrorName(result.error),
                                   result.error_detail));
    return a;
  }
  const net::HttpResponse& r = result.response;
  const long s = r.status;
  if (s == 408 || s == 429 || s >= 500) {
    a.outcome = CallOutcome::kRetryable;
    a.retry_after = net::ParseRetryAfter(r.retry_after, now);
    a.error = Unavailable(c, fmt::format("HTTP {}", s));
    return a;
  }
  json body = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (s >= 200 && s < 300) {
    if (body.is_discarded() || !body.is_object()) {
      a.outcome = CallOutcome::kMalformed;
      a.error = Malformed(c, fmt::format("HTTP {} with a body that is not a JSON object ({} bytes, "
                                         "content-type \"{}\")",
                                         s, r.body.size(), r.content_type));
      return a;
    }
    a.outcome = CallOutcome::kSuccess;
    a.backend_alive = true;
    a.body = std::move(body);
    a.raw = r.body;
    return a;
  }
  if (s == 401 || s == 403) {
    // Our credentials are wrong or expired: retrying cannot help, and the citizen can only be
    // told to try later while an operator fixes the config.
    a.outcome = CallOutcome::kRetryable;
    a.retry = false;
    a.backend_alive = true;
    a.error = Unavailable(c, fmt::format("HTTP {}: the backend rejected our credentials", s));
    return a;
  }
  if (s >= 400 && s < 500) {
    auto wire = body.is_discarded() ? core::Result<WireError>(core::MakeError(
                                          core::ErrorCode::kInvalidArgument, "not JSON"))
                                    : WireErrorFromJson(body);
    if (!wire.ok()) {
      a.outcome = CallOutcome::kMalformed;
      a.backend_alive = true;
      a.error =
          Malformed(c, fmt::format("HTTP {} without an error body: {}", s, wire.error().message));
      return a;
    }
    a.outcome = CallOutcome::kRefused;
    a.backend_alive = true;
    a.error = core::MakeError(RefusalCode(s), CutUtf8(wire->message, kMaxReasonBytes),
                              fmt::format("backend={} http={} code={}", c.id, s, wire->code));
    return a;
  }
  a.outcome = CallOutcome::kMalformed;
  a.error = Malformed(c, fmt::format("unexpected HTTP status {}", s));
  return a;
}

milliseconds Backoff(const BackendConfig& c, int failed_attempts) {
  milliseconds b = c.initial_backoff;
  for (int i = 1; i < failed_attempts && b < c.max_backoff; ++i) b *= 2;
  b = std::min(b, c.max_backoff);
  // Half fixed, half random: spreads the retries of many callers after a shared outage.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<milliseconds::rep> jitter(0, b.count() / 2);
  return milliseconds(b.count() - b.count() / 2 + jitter(rng));
}

bool IsValidIdempotencyKey(const std::string& key) {
  if (key.empty() || key.size() > 255) return false;
  for (char ch : key) {
    if (ch < 0x21 || ch > 0x7e) return false;
  }
  return true;
}

core::Error BadKey() {
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "an idempotency key must be 1..255 visible ASCII characters");
}

core::Error BadCode(const std::string& code) {
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "not a dossier code of the form <unit>-YYMMDD-NNNN",
                         "dossier_code=" + code.substr(0, 64));
}

std::string Dump(const json& j) {
  // Replace rather than throw on invalid UTF-8 that slipped into a form field.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

template <typename T>
core::Result<T> Decode(const BackendConfig& c, const core::Logger& log, std::string_view op,
                       const core::Result<HttpConnector::Answer>& answer,
                       core::Result<T> (*decode)(const json&)) {
  if (!answer.ok()) return answer.error();
  auto v = decode(answer->body);
  if (!v.ok()) {
    log.Warn("answer breaks the contract", {{"op", std::string(op)}, {"why", v.error().message}});
    return Malformed(c, v.error().message);
  }
  return v;
}

}  // namespace

CallOutcome OutcomeOf(const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kUnavailable:
    case core::ErrorCode::kRateLimited:
      return CallOutcome::kRetryable;
    case core::ErrorCode::kInternal:
      return CallOutcome::kMalformed;
    default:
      return CallOutcome::kRefused;
  }
}

HttpConnector::HttpConnector(BackendConfig config, const core::Clock& clock)
    : config_(std::move(config)),
      clock_(clock),
      log_("backends." + config_.id),
      http_(HttpOptions(config_)),
      breaker_(config_.failure_threshold, config_.cool_down, clock),
      limit_(config_.max_concurrency) {}

ConnectorStats HttpConnector::stats() const {
  ConnectorStats s;
  s.calls = calls_.load();
  s.attempts = attempts_.load();
  s.retries = retries_.load();
  s.successes = successes_.load();
  s.refusals = refusals_.load();
  s.failed_attempts = failed_attempts_.load();
  s.fast_failures = fast_failures_.load();
  s.connections_opened = http_.connections_opened();
  return s;
}

std::vector<std::pair<std::string, std::string>> HttpConnector::Headers(
    const std::string& body, const std::string* idempotency_key) const {
  std::vector<std::pair<std::string, std::string>> h = {{"Accept", "application/json"}};
  if (!body.empty()) h.emplace_back("Content-Type", "application/json");
  if (idempotency_key != nullptr) h.emplace_back("Idempotency-Key", *idempotency_key);
  switch (config_.auth) {
    case AuthKind::kBearer:
      h.emplace_back("Authorization", "Bearer " + config_.token);
      break;
    case AuthKind::kHmac: {
      // A fresh id and timestamp per attempt: backends may reject a webhook-id seen before, and
      // the timestamp must be inside their window. Deduplication is the Idempotency-Key's job.
      std::string id = RandomId("msg_");
      auto ts =
          std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
      h.emplace_back("webhook-id", id);
      h.emplace_back("webhook-timestamp", std::to_string(ts));
      h.emplace_back("webhook-signature", WebhookSignature(config_.hmac_key, id, ts, body));
      break;
    }
    case AuthKind::kNone:
      break;
  }
  return h;
}

core::Result<HttpConnector::Answer> HttpConnector::Call(std::string_view op,
                                                        const std::string& method,
                                                        const std::string& path,
                                                        const std::string& body,
                                                        const std::string* idempotency_key) {
  ++calls_;
  const std::string op_s(op);
  std::optional<core::Error> last;
  for (int attempt = 1; attempt <= config_.max_attempts; ++attempt) {
    if (attempt > 1) ++retries_;
    Attempt a;
    {
      ConcurrencyLimit::Slot slot(limit_, config_.concurrency_wait);
      if (!slot.held()) {
        ++fast_failures_;
        log_.Warn("no free slot",
                  {{"op", op_s}, {"max_concurrency", std::to_string(config_.max_concurrency)}});
        return Unavailable(config_,
                           "all " + std::to_string(config_.max_concurrency) + " slots busy");
      }
      if (!breaker_.Allow()) {
        ++fast_failures_;
        if (last) return *last;
        return Unavailable(config_, "circuit open");
      }
      ++attempts_;
      net::HttpRequest request;
      request.method = method;
      request.url = config_.url + path;
      request.body = body;
      request.headers = Headers(body, idempotency_key);
      a = Classify(config_, http_.Perform(request), clock_.Now());
      if (a.backend_alive) {
        breaker_.RecordSuccess();
      } else {
        breaker_.RecordFailure();
      }
    }
    switch (a.outcome) {
      case CallOutcome::kSuccess:
        ++successes_;
        return Answer{std::move(a.body), std::move(a.raw)};
      case CallOutcome::kRefused:
        ++refusals_;
        log_.Info("backend refused", {{"op", op_s}, {"detail", a.error.detail}});
        return a.error;
      case CallOutcome::kMalformed:
        ++failed_attempts_;
        log_.Warn("malformed answer", {{"op", op_s}, {"detail", a.error.detail}});
        return a.error;
      case CallOutcome::kRetryable:
        break;
    }
    ++failed_attempts_;
    const bool will_retry = a.retry && attempt < config_.max_attempts;
    log_.Log(a.retry ? core::LogLevel::kWarn : core::LogLevel::kError, "attempt failed",
             {{"op", op_s},
              {"attempt", std::to_string(attempt)},
              {"cause", a.error.detail},
              {"retrying", will_retry ? "yes" : "no"}});
    last = a.error;
    if (!will_retry) break;
    milliseconds wait = Backoff(config_, attempt);
    if (a.retry_after) {
      if (*a.retry_after > config_.max_backoff) {
        // Waiting that long would hold the citizen's request; let the caller come back later.
        last->detail +=
            fmt::format("; Retry-After {}ms exceeds max_backoff", a.retry_after->count());
        break;
      }
      wait = std::max(wait, *a.retry_after);
    }
    std::this_thread::sleep_for(wait);
  }
  return *last;
}

core::Result<SubmitReceipt> HttpConnector::Submit(const SubmitRequest& request,
                                                  const std::string& idempotency_key) {
  if (!IsValidIdempotencyKey(idempotency_key)) return BadKey();
  auto body = Call("submit", "POST", "/dossiers", Dump(ToJson(request)), &idempotency_key);
  auto receipt = Decode<SubmitReceipt>(config_, log_, "submit", body, &SubmitReceiptFromJson);
  if (receipt.ok() && !ParseDossierCode(receipt->dossier_code)) {
    return Malformed(config_, "dossier_code is not of the form <unit>-YYMMDD-NNNN");
  }
  return receipt;
}

core::Result<DossierStatus> HttpConnector::GetStatus(const std::string& dossier_code) {
  if (!ParseDossierCode(dossier_code)) return BadCode(dossier_code);
  auto body =
      Call("get_status", "GET", "/dossiers/" + net::EscapePathSegment(dossier_code), "", nullptr);
  return Decode<DossierStatus>(config_, log_, "get_status", body, &DossierStatusFromJson);
}

core::Result<ActionReceipt> HttpConnector::Supplement(const std::string& dossier_code,
                                                      const SupplementRequest& request,
                                                      const std::string& idempotency_key) {
  if (!ParseDossierCode(dossier_code)) return BadCode(dossier_code);
  if (!IsValidIdempotencyKey(idempotency_key)) return BadKey();
  auto body = Call("supplement", "POST",
                   "/dossiers/" + net::EscapePathSegment(dossier_code) + "/supplements",
                   Dump(ToJson(request)), &idempotency_key);
  return Decode<ActionReceipt>(config_, log_, "supplement", body, &ActionReceiptFromJson);
}

core::Result<ActionReceipt> HttpConnector::Withdraw(const std::string& dossier_code,
                                                    const WithdrawRequest& request,
                                                    const std::string& idempotency_key) {
  if (!ParseDossierCode(dossier_code)) return BadCode(dossier_code);
  if (!IsValidIdempotencyKey(idempotency_key)) return BadKey();
  auto body =
      Call("withdraw", "POST", "/dossiers/" + net::EscapePathSegment(dossier_code) + "/withdrawal",
           Dump(ToJson(request)), &idempotency_key);
  return Decode<ActionReceipt>(config_, log_, "withdraw", body, &ActionReceiptFromJson);
}

core::Result<ComplaintReceipt> HttpConnector::FileComplaint(const ComplaintRequest& request,
                                                            const std::string& idempotency_key) {
  if (!IsValidIdempotencyKey(idempotency_key)) return BadKey();
  auto body = Call("complaint", "POST", "/complaints", Dump(ToJson(request)), &idempotency_key);
  return Decode<ComplaintReceipt>(config_, log_, "complaint", body, &ComplaintReceiptFromJson);
}

core::Result<std::string> HttpConnector::FetchCatalog() {
  auto body = Call("catalog", "GET", "/catalog", "", nullptr);
  if (!body.ok()) return body.error();
  auto it = body->body.find("procedures");
  if (it == body->body.end() || !it->is_array()) {
    return Malformed(config_, "catalog without a \"procedures\" array");
  }
  return std::move(body->raw);
}

}  // namespace gw::backends
