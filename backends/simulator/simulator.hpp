// The one-stop simulator: the backend contract over HTTP (cpp-httplib), for `caunoi demo`,
// `caunoi simulate-backend` and the tests, with fault modes a test can switch on.
//
// Routes (base /api/v1; see docs/BACKEND_API.md):
//   POST /dossiers, GET /dossiers/{code}, POST /dossiers/{code}/supplements,
//   POST /dossiers/{code}/withdrawal, POST /complaints, GET /catalog
// Control (test and demo only, no auth; the simulator listens on loopback by default):
//   GET|POST /_sim/mode {"mode", "delay_ms"?, "count"?, "duration_ms"?}
//   POST /_sim/tick
//   POST /_sim/dossiers/{code}/transition {"status", "reason"?, "extend_due_days"?}
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "backends/simulator/one_stop_service.hpp"
#include "backends/simulator/pusher.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace httplib {
class Server;
struct Request;
}  // namespace httplib

namespace gw::backends::sim {

// How the API routes behave (the control routes always work).
enum class Mode {
  kNormal,
  kDown,      // stop listening: new connections are refused
  kSlow,      // handle the request, then hold the response `delay` (a lost answer, for timeouts)
  kError500,  // 500 with a JSON error, nothing handled
  kGarbage,   // 200 with a body that is not JSON, nothing handled
  kThrottle,  // 429 with Retry-After = ceil(delay in seconds), nothing handled
};
std::string_view ModeName(Mode mode);
std::optional<Mode> ParseMode(std::string_view name);

struct Options {
  std::string listen = "127.0.0.1";
  int port = 0;  // 0 = any free port
  // Units this system receives for ({} = any well-formed unit code).
  std::vector<std::string> unit_codes = {"000.00.12.H29"};
  // Where status pushes go ({push_url}/api/v1/notifications) and their whsec_ secret; no pushes
  // when push_url is empty.
  std::string push_url;
  std::string push_secret;
  std::chrono::milliseconds push_initial_backoff{2000};
  std::chrono::milliseconds push_max_backoff{300000};
  int push_max_attempts = 20;
  // What callers must present: a bearer token, or Standard Webhooks headers signed with this
  // whsec_ secret (checked against the injected clock, 5-minute window). Both empty = no auth.
  std::string bearer_token;
  std::string hmac_secret;
  std::string state_file;  // "" = memory only
  bool seed_demo = false;  // the demo dossiers, when starting without a state file
  // Run Tick() on a background thread this often; 0 = only when called (tests).
  std::chrono::milliseconds tick_interval{0};
  int threads = 8;
  // How long an idle client connection is kept; Stop() may wait this long for one.
  std::chrono::seconds keep_alive_timeout{1};
  std::map<std::string, Script> scripts;  // per procedure, replacing DefaultScript
  std::string catalog_json;               // "" = the built-in catalogue
};

struct TickReport {
  std::size_t transitions = 0;
  std::size_t pushes_delivered = 0;
  std::size_t pushes_failed = 0;
  std::size_t pushes_pending = 0;
};

class Simulator {
 public:
  // `clock` is borrowed, must outlive this, and drives lifecycles, codes and push retries.
  Simulator(Options options, const core::Clock& clock);
  ~Simulator();  // Stop()
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Loads the state (or seeds), binds and starts serving; returns the bound port.
  core::Result<int> Start();
  // Stops serving and ticking, waits for in-flight requests (an idle keep-alive connection may
  // hold this up to keep_alive_timeout), saves the state. Idempotent.
  void Stop();

  int port() const { return port_.load(); }
  std::string base_url() const;  // "http://127.0.0.1:<port>/api/v1"

  // kDown closes the listening socket now; leaving kDown listens again on the same port. `count`
  // > 0: back to normal after that many API requests. Thread-safe.
  core::Status SetMode(Mode mode, std::chrono::milliseconds delay = std::chrono::milliseconds(0),
                       int count = 0);
  Mode mode() const;

  // Applies due transitions at the clock's now, then delivers due pushes (blocking on them).
  TickReport Tick();

  core::Status ForceTransition(const std::string& dossier_code, DossierState status,
                               const std::string& reason = {}, int extend_due_days = 0);
  core::Status SetDossierScript(const std::string& dossier_code, Script script);
  std::optional<DossierStatus> Find(const std::string& dossier_code) const;
  std::size_t dossier_count() const;
  std::vector<PushEvent> dead_pushes() const;
  // API requests received, whatever the mode did with them.
  std::uint64_t api_requests() const { return api_requests_.load(); }

 private:
  struct Listener;
  core::Result<int> Listen(int port);
  void StopListening();
  std::unique_ptr<httplib::Server> MakeServer();
  void InstallRoutes(httplib::Server& server);  // simulator_routes.cpp
  core::Status CheckAuth(const httplib::Request& req) const;
  void TickLoop();
  bool SleepUnlessStopping(std::chrono::milliseconds d);

  Options options_;
  const core::Clock& clock_;
  OneStopService service_;
  std::unique_ptr<Pusher> pusher_;
  std::string hmac_key_;

  mutable std::mutex mu_;  // listeners, mode, stopping
  std::condition_variable cv_;
  std::unique_ptr<Listener> live_;
  std::vector<std::unique_ptr<Listener>> retired_;
  Mode mode_ = Mode::kNormal;
  std::chrono::milliseconds delay_{0};
  int mode_count_ = 0;
  bool started_ = false;
  bool stopping_ = false;
  std::thread ticker_;
  std::thread reviver_;  // brings the listener back after a timed "down" set over HTTP
  std::optional<std::chrono::steady_clock::time_point> revive_at_;
  std::mutex tick_mu_;
  std::atomic<int> port_{0};
  std::atomic<std::uint64_t> api_requests_{0};
};

}  // namespace gw::backends::sim
