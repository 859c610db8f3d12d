// Tests of the connector against the one-stop simulator on port 0, in-process: success and
// idempotent retries, timeouts, 5xx, garbage, refusals, the circuit breaker, the concurrency limit,
// auth, connection reuse, and a backend restart in the middle of a retry.
#include "backends/connector.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <future>
#include <regex>
#include <thread>

#include "backends/dossier_code.hpp"
#include "backends/simulator/simulator.hpp"
#include "backends/webhook_signature.hpp"

namespace gw::backends {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

SubmitRequest Request(const std::string& cccd = "001090000001") {
  SubmitRequest r;
  r.procedure_code = "1.001193";
  r.agency_code = "000.00.12.H29";
  r.applicant = {"Nguyễn Văn An", cccd, "0912000001", ""};
  r.form_fields = {{"child_name", "Nguyễn Văn Bé"}};
  r.channel = "app";
  r.citizen_ref = "citizen-1";
  return r;
}

// Short timeouts and backoffs so failure paths take milliseconds.
BackendConfig FastConfig(const sim::Simulator& sim) {
  BackendConfig c;
  c.id = "test";
  c.url = sim.base_url();
  c.auth = AuthKind::kNone;
  c.connect_timeout = milliseconds(200);
  c.total_timeout = milliseconds(1000);
  c.max_attempts = 3;
  c.initial_backoff = milliseconds(10);
  c.max_backoff = milliseconds(40);
  c.failure_threshold = 100;
  c.cool_down = milliseconds(200);
  c.max_concurrency = 4;
  c.concurrency_wait = milliseconds(100);
  return c;
}

// The simulator is declared before the connector in each test, so the connector (and its idle
// keep-alive connections) goes first and the simulator stops without waiting on them.
struct Backend {
  explicit Backend(sim::Options o = {}) : sim(std::move(o), clock) {
    auto p = sim.Start();
    REQUIRE(p.ok());
    port = *p;
  }
  core::SystemClock clock;
  sim::Simulator sim;
  int port = 0;
};

TEST_CASE("submit returns a dossier code; a retried submit with the same key, the same code") {
  Backend b;
  HttpConnector c(FastConfig(b.sim), b.clock);
  auto first = c.Submit(Request(), "conv-1-step-3");
  REQUIRE(first.ok());
  CHECK(std::regex_match(first->dossier_code, std::regex(R"(000\.00\.12\.H29-\d{6}-\d{4,})")));
  CHECK(first->dossier_code.substr(14, 6) == LocalDateStamp(b.clock.Now()));
  CHECK(first->due_at > first->received_at);
  auto again = c.Submit(Request(), "conv-1-step-3");
  REQUIRE(again.ok());
  CHECK(again->dossier_code == first->dossier_code);
  CHECK(b.sim.dossier_count() == 1);
  auto other = c.Submit(Request(), "conv-2-step-3");
  REQUIRE(other.ok());
  CHECK(other->dossier_code != first->dossier_code);
  CHECK(c.Submit(Request(), "").error().code == core::ErrorCode::kInvalidArgument);
  CHECK(c.Submit(Request(), "bad key\r\nX-Injected: 1").error().code ==
        core::ErrorCode::kInvalidArgument);
}

TEST_CASE("status, supplement, withdrawal, complaint and catalogue") {
  Backend b;
  HttpConnector c(FastConfig(b.sim), b.clock);
  auto receipt = c.Submit(Request(), "k1");
  REQUIRE(receipt.ok());
  const std::string code = receipt->dossier_code;

  auto status = c.GetStatus(code);
  REQUIRE(status.ok());
  CHECK(status->status == DossierState::kReceived);
  CHECK(status->procedure_code == "1.001193");
  REQUIRE(status->history.size() == 1);

  SupplementRequest supplement;
  supplement.note = "Bổ sung giấy chứng sinh";
  auto s = c.Supplement(code, supplement, "k2");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == core::ErrorCode::kConflict);
  CHECK(s.error().message == "Hồ sơ không ở trạng thái chờ bổ sung.");
  REQUIRE(
      b.sim.ForceTransition(code, DossierState::kSupplementRequired, "Thiếu giấy chứng sinh").ok());
  status = c.GetStatus(code);
  REQUIRE(status.ok());
  CHECK(status->reason == "Thiếu giấy chứng sinh");
  s = c.Supplement(code, supplement, "k3");
  REQUIRE(s.ok());
  CHECK(s->status == DossierState::kProcessing);

  auto w = c.Withdraw(code, WithdrawRequest{"Nộp nhầm"}, "k4");
  REQUIRE(w.ok());
  CHECK(w->status == DossierState::kWithdrawn);
  CHECK(c.Withdraw(code, WithdrawRequest{}, "k5").error().code == core::ErrorCode::kConflict);

  ComplaintRequest complaint;
  complaint.kind = ComplaintKind::kFeedback;
  complaint.agency_code = "000.00.12.H29";
  complaint.dossier_code = code;
  complaint.applicant = Request().applicant;
  complaint.text = "Cán bộ hướng dẫn rất tận tình";
  auto ticket = c.FileComplaint(complaint, "k6");
  REQUIRE(ticket.ok());
  CHECK(ticket->ticket_number.starts_with("PAKN-"));

  auto catalog = c.FetchCatalog();
  REQUIRE(catalog.ok());
  auto j = nlohmann::json::parse(*catalog);
  CHECK(j["procedures"].size() == 5);
}

TEST_CASE("a refusal is passed through with the backend's reason") {
  Backend b;
  HttpConnector c(FastConfig(b.sim), b.clock);
  auto r = c.Submit(Request("12345"), "k1");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kUnprocessable);
  CHECK(r.error().message == "Số CCCD phải gồm đúng 12 chữ số.");
  CHECK(r.error().detail == "backend=test http=422 code=invalid_applicant");
  CHECK(OutcomeOf(r.error()) == CallOutcome::kRefused);
  CHECK(b.sim.api_requests() == 1);  // refusals are not retried

  auto missing = c.GetStatus("000.00.12.H29-241023-0099");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == core::ErrorCode::kNotFound);
  CHECK(missing.error().message == "Không tìm thấy hồ sơ có mã 000.00.12.H29-241023-0099.");

  auto bad = c.GetStatus("000.00.12.H29/../catalog");
  CHECK(bad.error().code == core::ErrorCode::kInvalidArgument);
  CHECK(b.sim.api_requests() == 2);  // a bad code never leaves the gateway
  CHECK(c.stats().refusals == 2);
}

TEST_CASE("a backend slower than the total timeout: retried with the same key, then unavailable") {
  Backend b;
  auto config = FastConfig(b.sim);
  config.total_timeout = milliseconds(100);
  config.max_attempts = 2;
  HttpConnector c(config, b.clock);
  REQUIRE(b.sim.SetMode(sim::Mode::kSlow, milliseconds(400)).ok());
  const auto start = Clock::now();
  auto r = c.Submit(Request(), "k1");
  CHECK(Clock::now() - start < milliseconds(600));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kUnavailable);
  CHECK(OutcomeOf(r.error()) == CallOutcome::kRetryable);
  CHECK(r.error().detail.starts_with("transport: timeout (curl 28: "));
  CHECK(b.sim.api_requests() == 2);
  // Both attempts reached the backend with one key: one dossier.
  CHECK(b.sim.dossier_count() == 1);
  CHECK(c.stats().retries == 1);
}

TEST_CASE("500 is retried, then unavailable; a passing 500 is absorbed") {
  Backend b;
  HttpConnector c(FastConfig(b.sim), b.clock);
  REQUIRE(b.sim.SetMode(sim::Mode::kError500).ok());
  auto r = c.GetStatus("000.00.12.H29-241023-0001");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kUnavailable);
  CHECK(r.error().detail == "HTTP 500");
  CHECK(b.sim.api_requests() == 3);

  REQUIRE(b.sim.SetMode(sim::Mode::kError500, milliseconds(0), 1).ok());
  auto ok = c.Submit(Request(), "k1");
  REQUIRE(ok.ok());
  CHECK(b.sim.api_requests() == 5);
  CHECK(b.sim.dossier_count() == 1);
}

TEST_CASE("a garbage body is a malformed answer, not retried") {
  Backend b;
  HttpConnector c(FastConfig(b.sim), b.clock);
  REQUIRE(b.sim.SetMode(sim::Mode::kGarbage).ok());
  auto r = c.Submit(Request(), "k1");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kInternal);
  CHECK(OutcomeOf(r.error()) == CallOutcome::kMalformed);
  CHECK(r.error().detail.find("not a JSON object") != std::string::npos);
  CHECK(b.sim.api_requests() == 1);
}

TEST_CASE("a TLS setting that cannot work is not retried") {
  Backend b;
  auto config = FastConfig(b.sim);
  config.url = "https://127.0.0.1:" + std::to_string(b.port);
  config.ca_file = "/nonexistent/agency-ca.pem";
  HttpConnector c(config, b.clock);
  auto r = c.FetchCatalog();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kUnavailable);
  CHECK(r.error().detail.starts_with("transport: certificate_error (curl 77: "));
  CHECK(c.stats().attempts == 1);  // max_attempts is 3: retrying cannot mend the config
}

TEST_CASE("429: Retry-After within max_backoff is waited for, a longer one gives up at once") {
  Backend b;
  HttpConnector c(FastConfig(b.sim), b.clock);
  REQUIRE(b.sim.SetMode(sim::Mode::kThrottle, milliseconds(0), 1).ok());
  CHECK(c.FetchCatalog().ok());
  CHECK(b.sim.api_requests() == 2);
  REQUIRE(b.sim.SetMode(sim::Mode::kThrottle, milliseconds(2000)).ok());
  auto r = c.FetchCatalog();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kUnavailable);
  CHECK(r.error().detail == "HTTP 429; Retry-After 2000ms exceeds max_backoff");
  CHECK(b.sim.api_requests() == 3);
}

TEST_CASE("the circuit opens after N failures, fails fast, and recovers after the cool-down") {
  Backend b;
  auto config = FastConfig(b.sim);
  config.failure_threshold = 3;
  config.max_attempts = 1;
  config.cool_down = milliseconds(300);
  HttpConnector c(config, b.clock);
  REQUIRE(b.sim.SetMode(sim::Mode::kError500).ok());
  for (int i = 0; i < 3; ++i) CHECK_FALSE(c.FetchCatalog().ok());
  CHECK(c.circuit_state() == CircuitState::kOpen);
  const auto start = Clock::now();
  auto fast = c.FetchCatalog();
  // Generous, for a loaded CI machine: the proof that nothing was sent is api_requests below.
  CHECK(Clock::now() - start < milliseconds(250));
  REQUIRE_FALSE(fast.ok());
  CHECK(fast.error().code == core::ErrorCode::kUnavailable);
  CHECK(fast.error().detail == "circuit open");
  CHECK(b.sim.api_requests() == 3);
  CHECK(c.stats().fast_failures == 1);

  REQUIRE(b.sim.SetMode(sim::Mode::kNormal).ok());
  std::this_thread::sleep_for(milliseconds(320));
  CHECK(c.FetchCatalog().ok());  // the half-open probe
  CHECK(c.circuit_state() == CircuitState::kClosed);
  CHECK(c.FetchCatalog().ok());
}

TEST_CASE("beyond max_concurrency callers wait up to the bound, then fail fast") {
  Backend b;
  auto config = FastConfig(b.sim);
  config.max_concurrency = 1;
  config.concurrency_wait = milliseconds(0);
  HttpConnector c(config, b.clock);
  REQUIRE(b.sim.SetMode(sim::Mode::kSlow, milliseconds(300)).ok());
  auto slow = std::async(std::launch::async, [&] { return c.FetchCatalog(); });
  while (b.sim.api_requests() == 0) std::this_thread::sleep_for(milliseconds(1));
  const auto start = Clock::now();
  auto rejected = c.FetchCatalog();
  CHECK(Clock::now() - start < milliseconds(250));  // did not wait for the 300 ms call
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().code == core::ErrorCode::kUnavailable);
  CHECK(rejected.error().detail == "all 1 slots busy");
  CHECK(slow.get().ok());
  CHECK(c.stats().fast_failures == 1);
}

TEST_CASE("connections are reused between calls") {
  Backend b;
  HttpConnector c(FastConfig(b.sim), b.clock);
  for (int i = 0; i < 10; ++i) REQUIRE(c.FetchCatalog().ok());
  CHECK(c.stats().connections_opened == 1);
  CHECK(c.stats().attempts == 10);
}

TEST_CASE("bearer and HMAC auth") {
  SUBCASE("bearer") {
    sim::Options o;
    o.bearer_token = "0123456789abcdef";
    Backend b(o);
    auto config = FastConfig(b.sim);
    config.auth = AuthKind::kBearer;
    config.token = "0123456789abcdef";
    {
      HttpConnector c(config, b.clock);
      CHECK(c.Submit(Request(), "k1").ok());
    }
    config.token = "fedcba9876543210";
    HttpConnector wrong(config, b.clock);
    auto r = wrong.Submit(Request(), "k1");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == core::ErrorCode::kUnavailable);
    CHECK(r.error().detail == "HTTP 401: the backend rejected our credentials");
    CHECK(b.sim.api_requests() == 2);  // not retried
  }
  SUBCASE("hmac") {
    sim::Options o;
    o.hmac_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    Backend b(o);
    auto config = FastConfig(b.sim);
    config.auth = AuthKind::kHmac;
    config.hmac_key = *ParseWebhookSecret(o.hmac_secret);
    {
      HttpConnector c(config, b.clock);
      CHECK(c.Submit(Request(), "k1").ok());
      CHECK(c.FetchCatalog().ok());
    }
    config.hmac_key = "another key of sixteen bytes";
    HttpConnector wrong(config, b.clock);
    CHECK(wrong.FetchCatalog().error().code == core::ErrorCode::kUnavailable);
  }
}

TEST_CASE("a backend restart in the middle of a retry neither loses nor duplicates the dossier") {
  auto state = std::filesystem::temp_directory_path() /
               ("caunoi-restart-" + std::to_string(::getpid()) + ".json");
  std::filesystem::remove(state);
  core::SystemClock clock;
  sim::Options o;
  o.state_file = state.string();
  auto first = std::make_unique<sim::Simulator>(o, clock);
  auto port = first->Start();
  REQUIRE(port.ok());
  auto config = FastConfig(*first);
  config.total_timeout = milliseconds(150);
  config.max_attempts = 4;
  config.initial_backoff = milliseconds(400);
  config.max_backoff = milliseconds(400);
  std::unique_ptr<sim::Simulator> second;
  {
    HttpConnector c(config, clock);
    // An earlier dossier, so a backend that lost its state would give conv-9 the code -0001.
    REQUIRE(c.Submit(Request(), "conv-8").ok());
    // The first attempt is handled (the dossier is stored) but its answer never comes back in
    // time; the retry waits 200..400 ms, by which time a new process serves the same port.
    REQUIRE(first->SetMode(sim::Mode::kSlow, milliseconds(1000)).ok());
    auto submit = std::async(std::launch::async, [&] { return c.Submit(Request(), "conv-9"); });
    while (first->api_requests() < 2) std::this_thread::sleep_for(milliseconds(1));
    std::this_thread::sleep_for(milliseconds(250));  // the first attempt has timed out
    REQUIRE(first->dossier_count() == 2);
    const auto stored_before_restart =
        first->Find(FormatDossierCode("000.00.12.H29", clock.Now(), 2));
    first->Stop();
    o.port = *port;
    second = std::make_unique<sim::Simulator>(o, clock);
    REQUIRE(second->Start().ok());
    auto receipt = submit.get();
    REQUIRE(receipt.ok());
    REQUIRE(stored_before_restart);
    CHECK(receipt->dossier_code == stored_before_restart->dossier_code);
    CHECK(receipt->received_at == stored_before_restart->received_at);
    CHECK(second->dossier_count() == 2);
    CHECK(second->api_requests() >= 1);  // the retry reached the new process
    CHECK(c.stats().attempts >= 3);
  }
  second->Stop();
  std::filesystem::remove(state);
}

}  // namespace
}  // namespace gw::backends
