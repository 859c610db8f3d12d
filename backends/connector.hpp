// The connector to one agency's one-stop backend: typed calls over the backend JSON contract
// (docs/BACKEND_API.md) with retries, a circuit breaker and a concurrency limit.
//
// Keywords MUST, SHOULD and MAY as in RFC 2119.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "backends/backend_config.hpp"
#include "backends/circuit_breaker.hpp"
#include "backends/concurrency_limit.hpp"
#include "backends/contract.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/result.hpp"
#include "net/http_client.hpp"

namespace gw::backends {

// How a call ended, in the classes of core::SendOutcome. Each maps to one core::ErrorCode:
//   kSuccess    the value
//   kRetryable  kUnavailable: timeouts, refused connections, 5xx, 429, an open circuit, no free
//               slot, rejected credentials. Nothing was decided; try again later.
//   kRefused    kUnprocessable (422), kNotFound (404), kConflict (409), kInvalidArgument (other
//               4xx): the backend said no. Error::message is the backend's own reason, safe to
//               tell the citizen (the dialog wraps it in a Rejection with kBackendRefused).
//   kMalformed  kInternal: the backend answered something that breaks the contract (not JSON, a
//               missing field, a status without its reason). A bug on one side; not retried.
enum class CallOutcome { kSuccess, kRetryable, kRefused, kMalformed };
CallOutcome OutcomeOf(const core::Error& error);

// What a connector has done so far; for /metrics.
struct ConnectorStats {
  std::uint64_t calls = 0;
  std::uint64_t attempts = 0;  // HTTP exchanges tried
  std::uint64_t retries = 0;
  std::uint64_t successes = 0;
  std::uint64_t refusals = 0;
  std::uint64_t failed_attempts = 0;  // retryable and malformed attempts
  std::uint64_t fast_failures = 0;    // calls cut short by the circuit or the concurrency limit
  std::uint64_t connections_opened = 0;
};

// The port the routing module calls. Implementations:
// - every method blocks the calling thread until the backend answers or the call gives up;
// - MUST be safe to call from any number of threads at once;
// - MUST NOT throw for anything the backend or the network does (errors are results);
// - mutating calls take an idempotency key that the caller MUST keep stable across its own
//   retries (e.g. derived from the conversation and step), so the backend deduplicates them.
class Connector {
 public:
  virtual ~Connector() = default;

  // Files a dossier; the receipt carries the backend's dossier code.
  virtual core::Result<SubmitReceipt> Submit(const SubmitRequest& request,
                                             const std::string& idempotency_key) = 0;
  // The dossier's current status and history. kInvalidArgument without a call if `dossier_code`
  // is not of the form <unit>-YYMMDD-NNNN.
  virtual core::Result<DossierStatus> GetStatus(const std::string& dossier_code) = 0;
  // Answers a supplement_required request; kConflict when the dossier is not waiting for one.
  virtual core::Result<ActionReceipt> Supplement(const std::string& dossier_code,
                                                 const SupplementRequest& request,
                                                 const std::string& idempotency_key) = 0;
  // Withdraws a dossier; kConflict once it has a result or is closed.
  virtual core::Result<ActionReceipt> Withdraw(const std::string& dossier_code,
                                               const WithdrawRequest& request,
                                               const std::string& idempotency_key) = 0;
  // A complaint (khiếu nại) or feedback (phản ánh, kiến nghị); returns the ticket number.
  virtual core::Result<ComplaintReceipt> FileComplaint(const ComplaintRequest& request,
                                                       const std::string& idempotency_key) = 0;
  // The procedure catalogue as the backend sent it (a JSON object with "procedures"); the
  // routing module parses it. Checked only for being such an object.
  virtual core::Result<std::string> FetchCatalog() = 0;
};

// The HTTP implementation. One per configured backend; share it between threads.
//
// A call makes up to config.max_attempts attempts. Each attempt first takes a concurrency slot
// (waiting up to config.concurrency_wait, else the call fails fast with kUnavailable), then asks
// the circuit breaker (open: fails fast with kUnavailable), then runs one HTTP exchange bounded by
// config.total_timeout. Retryable attempts are retried after an exponential backoff with jitter
// (initial_backoff, doubling, capped at max_backoff), or after the backend's Retry-After when it
// asks for no more than max_backoff (longer: the call gives up at once). Every attempt of one call
// carries the same Idempotency-Key. The slot is released during backoffs.
//
// So a call blocks at most MaxCallDuration(config). Logs each failed attempt (backend id,
// operation, cause; never bodies or personal data) under "backends.<id>".
class HttpConnector final : public Connector {
 public:
  // `clock` drives the circuit breaker and the HMAC timestamps; borrowed, must outlive this.
  HttpConnector(BackendConfig config, const core::Clock& clock);

  core::Result<SubmitReceipt> Submit(const SubmitRequest& request,
                                     const std::string& idempotency_key) override;
  core::Result<DossierStatus> GetStatus(const std::string& dossier_code) override;
  core::Result<ActionReceipt> Supplement(const std::string& dossier_code,
                                         const SupplementRequest& request,
                                         const std::string& idempotency_key) override;
  core::Result<ActionReceipt> Withdraw(const std::string& dossier_code,
                                       const WithdrawRequest& request,
                                       const std::string& idempotency_key) override;
  core::Result<ComplaintReceipt> FileComplaint(const ComplaintRequest& request,
                                               const std::string& idempotency_key) override;
  core::Result<std::string> FetchCatalog() override;

  const BackendConfig& config() const { return config_; }
  CircuitState circuit_state() const { return breaker_.state(); }
  ConnectorStats stats() const;

  // A 2xx answer: the parsed body and the text it came from.
  struct Answer {
    nlohmann::json body;
    std::string raw;
  };

 private:
  // One call: attempts, retries, classification.
  core::Result<Answer> Call(std::string_view op, const std::string& method, const std::string& path,
                            const std::string& body, const std::string* idempotency_key);
  std::vector<std::pair<std::string, std::string>> Headers(
      const std::string& body, const std::string* idempotency_key) const;

  BackendConfig config_;
  const core::Clock& clock_;
  core::Logger log_;
  net::HttpClient http_;
  CircuitBreaker breaker_;
  ConcurrencyLimit limit_;

  std::atomic<std::uint64_t> calls_{0};
  std::atomic<std::uint64_t> attempts_{0};
  std::atomic<std::uint64_t> retries_{0};
  std::atomic<std::uint64_t> successes_{0};
  std::atomic<std::uint64_t> refusals_{0};
  std::atomic<std::uint64_t> failed_attempts_{0};
  std::atomic<std::uint64_t> fast_failures_{0};
};

}  // namespace gw::backends
