// The simulator's HTTP side: listeners, routes, fault modes, auth and the tick thread.
#include "backends/simulator/simulator.hpp"

#include <httplib.h>

#include <exception>

#include "backends/webhook_signature.hpp"
#include "core/log.hpp"

namespace gw::backends::sim {
namespace {

using nlohmann::json;

const core::Logger kLog("backends.sim");

constexpr std::string_view kModeNames[] = {"normal",   "down",    "slow",
                                           "error500", "garbage", "throttle"};

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void SendError(httplib::Response& res, int status, std::string_view code, std::string_view msg) {
  SendJson(res, status, ErrorJson(code, msg));
}

bool SameSecret(std::string_view a, std::string_view b) {
  // Constant time for equal lengths; the length of a bearer token is not a secret worth hiding.
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

ServiceOptions ServiceOptionsFrom(const Options& o) {
  ServiceOptions s;
  s.unit_codes = o.unit_codes;
  s.catalog_json = o.catalog_json;
  s.scripts = o.scripts;
  s.push_enabled = !o.push_url.empty();
  s.state_file = o.state_file;
  s.seed_demo = o.seed_demo;
  return s;
}

}  // namespace

struct Simulator::Listener {
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
};

std::string_view ModeName(Mode mode) {
  return kModeNames[static_cast<int>(mode)];
}

std::optional<Mode> ParseMode(std::string_view name) {
  for (int i = 0; i < static_cast<int>(std::size(kModeNames)); ++i) {
    if (kModeNames[i] == name) return static_cast<Mode>(i);
  }
  return std::nullopt;
}

Simulator::Simulator(Options options, const core::Clock& clock)
    : options_(std::move(options)), clock_(clock), service_(ServiceOptionsFrom(options_), clock) {}

Simulator::~Simulator() {
  Stop();
}

std::string Simulator::base_url() const {
  std::string host = options_.listen == "0.0.0.0" ? "127.0.0.1" : options_.listen;
  return "http://" + host + ":" + std::to_string(port()) + "/api/v1";
}

core::Result<int> Simulator::Start() {
  std::unique_lock lock(mu_);
  if (started_) return core::MakeError(core::ErrorCode::kConflict, "simulator already started");
  if (auto st = service_.Load(); !st.ok()) return st.error();
  if (!options_.push_url.empty()) {
    pusher_ = std::make_unique<Pusher>(
        PushOptions{options_.push_url, options_.push_secret, options_.push_initial_backoff,
                    options_.push_max_backoff, options_.push_max_attempts},
        clock_);
    if (auto st = pusher_->Init(); !st.ok()) return st.error();
  }
  if (!options_.hmac_secret.empty()) {
    auto key = ParseWebhookSecret(options_.hmac_secret);
    if (!key) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "hmac secret: expected whsec_ followed by base64");
    }
    hmac_key_ = *key;
  }
  auto port = Listen(options_.port);
  if (!port.ok()) return port;
  started_ = true;
  if (options_.tick_interval.count() > 0) ticker_ = std::thread([this] { TickLoop(); });
  reviver_ = std::thread([this] {
    std::unique_lock l(mu_);
    while (!stopping_) {
      if (revive_at_ && std::chrono::steady_clock::now() >= *revive_at_) {
        revive_at_.reset();
        l.unlock();
        (void)SetMode(Mode::kNormal);
        l.lock();
        continue;
      }
      if (revive_at_) {
        cv_.wait_until(l, *revive_at_);
      } else {
        cv_.wait(l);
      }
    }
  });
  kLog.Info("one-stop simulator listening", {{"url", base_url()}});
  return port;
}

core::Result<int> Simulator::Listen(int port) {
  auto server = MakeServer();
  int bound = -1;
  if (port == 0) {
    bound = server->bind_to_any_port(options_.listen);
  } else if (server->bind_to_port(options_.listen, port)) {
    bound = port;
  }
  if (bound <= 0) {
    return core::MakeError(core::ErrorCode::kUnavailable,
                           "cannot listen on " + options_.listen + ":" + std::to_string(port));
  }
  auto l = std::make_unique<Listener>();
  l->server = std::move(server);
  l->thread = std::thread([s = l->server.get()] { s->listen_after_bind(); });
  // stop() is a no-op until the accept loop runs, so wait for it: a Stop() right after Start()
  // must not leave a listener nobody can stop.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!l->server->is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  live_ = std::move(l);
  port_ = bound;
  return bound;
}

void Simulator::StopListening() {
  if (!live_) return;
  live_->server->stop();
  // Joined in Stop(): the accept loop ends now, but workers may still finish kept-alive
  // connections, and this may run on one of them (POST /_sim/mode).
  retired_.push_back(std::move(live_));
}

void Simulator::Stop() {
  std::vector<std::unique_ptr<Listener>> listeners;
  {
    std::lock_guard lock(mu_);
    if (!started_ || stopping_) return;
    stopping_ = true;
    StopListening();
    listeners = std::move(retired_);
  }
  cv_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  if (reviver_.joinable()) reviver_.join();
  for (auto& l : listeners) {
    if (l->thread.joinable()) l->thread.join();
  }
  kLog.Info("one-stop simulator stopped", {{"port", std::to_string(port())}});
}

core::Status Simulator::SetMode(Mode mode, std::chrono::milliseconds delay, int count) {
  std::lock_guard lock(mu_);
  const bool was_down = mode_ == Mode::kDown;
  mode_ = mode;
  delay_ = delay;
  mode_count_ = mode == Mode::kDown ? 0 : count;
  if (mode != Mode::kDown) revive_at_.reset();
  kLog.Info("mode set", {{"mode", std::string(ModeName(mode))},
                         {"delay_ms", std::to_string(delay.count())},
                         {"count", std::to_string(count)}});
  if (!started_ || stopping_) return core::Ok{};
  if (mode == Mode::kDown && !was_down) StopListening();
  if (mode != Mode::kDown && was_down) {
    auto port = Listen(port_.load());
    if (!port.ok()) return port.error();
  }
  return core::Ok{};
}

Mode Simulator::mode() const {
  std::lock_guard lock(mu_);
  return mode_;
}

TickReport Simulator::Tick() {
  std::lock_guard lock(tick_mu_);
  TickReport r;
  r.transitions = service_.Advance();
  if (pusher_) {
    auto p = pusher_->DeliverDue(service_);
    r.pushes_delivered = p.delivered;
    r.pushes_failed = p.failed;
  }
  r.pushes_pending = service_.pending_pushes();
  return r;
}

void Simulator::TickLoop() {
  while (!SleepUnlessStopping(options_.tick_interval)) {
    try {
      Tick();
    } catch (const std::exception& e) {
      kLog.Error("tick failed", {{"error", e.what()}});
    }
  }
}

bool Simulator::SleepUnlessStopping(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, d, [this] { return stopping_; });
}

core::Status Simulator::ForceTransition(const std::string& code, DossierState status,
                                        const std::string& reason, int extend_due_days) {
  return service_.ForceTransition(code, status, reason, extend_due_days);
}

core::Status Simulator::SetDossierScript(const std::string& code, Script script) {
  return service_.SetDossierScript(code, std::move(script));
}

std::optional<DossierStatus> Simulator::Find(const std::string& code) const {
  return service_.Find(code);
}

std::size_t Simulator::dossier_count() const {
  return service_.dossier_count();
}

std::vector<PushEvent> Simulator::dead_pushes() const {
  return service_.dead_pushes();
}

core::Status Simulator::CheckAuth(const httplib::Request& req) const {
  if (!options_.bearer_token.empty()) {
    if (SameSecret(req.get_header_value("Authorization"), "Bearer " + options_.bearer_token)) {
      return core::Ok{};
    }
    if (hmac_key_.empty()) {
      return core::MakeError(core::ErrorCode::kUnauthorized, "missing or wrong bearer token");
    }
  }
  if (!hmac_key_.empty()) {
    return VerifyWebhook(
        hmac_key_, req.get_header_value("webhook-id"), req.get_header_value("webhook-timestamp"),
        req.body, req.get_header_value("webhook-signature"), clock_.Now(), std::chrono::minutes(5));
  }
  return core::Ok{};
}

std::unique_ptr<httplib::Server> Simulator::MakeServer() {
  auto s = std::make_unique<httplib::Server>();
  // Debian's 0.11 defaults (no TCP_NODELAY, 5 requests per connection, a fixed pool) would make
  // the simulator the slow part of every test; set them as gateway/http/server.cpp does.
  s->set_tcp_nodelay(true);
  s->set_keep_alive_max_count(1000);
  s->set_keep_alive_timeout(options_.keep_alive_timeout.count());
  s->set_read_timeout(5, 0);
  s->set_write_timeout(5, 0);
  s->set_payload_max_length(1 << 20);
  const auto threads = static_cast<std::size_t>(std::max(1, options_.threads));
  s->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s->set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        kLog.Error("handler threw", {{"path", req.path}, {"error", what}});
        SendError(res, 500, "internal", "internal error");
      });
  s->set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (res.status == 404) {
          SendError(res, 404, "not_found", "no route for " + req.method + " " + req.path);
        } else {
          SendError(res, res.status, "error", "HTTP error " + std::to_string(res.status));
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  InstallRoutes(*s);
  return s;
}

}  // namespace gw::backends::sim
