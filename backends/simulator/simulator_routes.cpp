// The simulator's routes: each API handler applies the fault mode and auth, then hands the body
// to OneStopService and maps its reply; the /_sim routes control the simulator.
#include <httplib.h>

#include "backends/simulator/simulator.hpp"
#include "core/log.hpp"

namespace gw::backends::sim {
namespace {

using nlohmann::json;

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void SendError(httplib::Response& res, int status, std::string_view code, std::string_view msg) {
  SendJson(res, status, ErrorJson(code, msg));
}

void SendReply(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, "application/json");
  if (reply.replayed) res.set_header("Idempotent-Replayed", "true");
}

std::string Key(const httplib::Request& req) {
  return req.get_header_value("Idempotency-Key");
}

int HttpStatusOf(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kConflict:
      return 409;
    case core::ErrorCode::kInvalidArgument:
      return 400;
    default:
      return 500;
  }
}

}  // namespace

void Simulator::InstallRoutes(httplib::Server& server) {
  using Handler = std::function<Reply(const httplib::Request&)>;
  // The fault modes act before anything is handled, except kSlow, which handles the request and
  // then holds the answer: the backend has the dossier, the caller times out (a lost answer).
  auto api = [this](Handler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      ++api_requests_;
      Mode mode = Mode::kNormal;
      std::chrono::milliseconds delay{0};
      {
        std::lock_guard lock(mu_);
        mode = mode_;
        delay = delay_;
        if (mode != Mode::kNormal && mode_count_ > 0 && --mode_count_ == 0) mode_ = Mode::kNormal;
      }
      switch (mode) {
        case Mode::kDown:
          // A kept-alive connection from before the listener closed: answer and drop it, so the
          // caller's next attempt meets the refused connection.
          res.set_header("Connection", "close");
          return SendError(res, 503, "unavailable", "the system is down");
        case Mode::kError500:
          return SendError(res, 500, "internal", "simulated internal error");
        case Mode::kGarbage:
          res.status = 200;
          return res.set_content("<html><body>Service Temporarily Unavailable</body></html>",
                                 "text/html");
        case Mode::kThrottle:
          res.set_header("Retry-After", std::to_string((delay.count() + 999) / 1000));
          return SendError(res, 429, "rate_limited", "too many requests");
        case Mode::kNormal:
        case Mode::kSlow:
          break;
      }
      if (auto st = CheckAuth(req); !st.ok()) {
        return SendError(res, 401, "unauthorized", st.error().message);
      }
      SendReply(res, handler(req));
      if (mode == Mode::kSlow) SleepUnlessStopping(delay);
    };
  };

  server.Post("/api/v1/dossiers", api([this](const httplib::Request& req) {
                return service_.Submit(req.body, Key(req));
              }));
  server.Get(R"(/api/v1/dossiers/([^/]+))", api([this](const httplib::Request& req) {
               return service_.GetStatus(req.matches[1]);
             }));
  server.Post(R"(/api/v1/dossiers/([^/]+)/supplements)", api([this](const httplib::Request& req) {
                return service_.Supplement(req.matches[1], req.body, Key(req));
              }));
  server.Post(R"(/api/v1/dossiers/([^/]+)/withdrawal)", api([this](const httplib::Request& req) {
                return service_.Withdraw(req.matches[1], req.body, Key(req));
              }));
  server.Post("/api/v1/complaints", api([this](const httplib::Request& req) {
                return service_.FileComplaint(req.body, Key(req));
              }));
  server.Get("/api/v1/catalog",
             api([this](const httplib::Request&) { return service_.Catalog(); }));

  server.Get("/_sim/mode", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mu_);
    SendJson(res, 200,
             {{"mode", ModeName(mode_)}, {"delay_ms", delay_.count()}, {"count", mode_count_}});
  });
  server.Post("/_sim/mode", [this](const httplib::Request& req, httplib::Response& res) {
    json j = json::parse(req.body, nullptr, false);
    std::optional<Mode> mode;
    if (j.is_object() && j.contains("mode") && j["mode"].is_string()) {
      mode = ParseMode(j["mode"].get<std::string>());
    }
    if (!mode) {
      return SendError(res, 400, "invalid_argument",
                       "expected {\"mode\": normal|down|slow|error500|garbage|throttle}");
    }
    auto delay = std::chrono::milliseconds(j.value("delay_ms", 0));
    const int count = j.value("count", 0);
    // Over HTTP, "down" must end by itself: nothing could reach us to bring us back.
    const auto duration = std::chrono::milliseconds(j.value("duration_ms", 5000));
    if (auto st = SetMode(*mode, delay, count); !st.ok()) {
      return SendError(res, 500, "internal", st.error().message);
    }
    if (*mode == Mode::kDown) {
      {
        std::lock_guard lock(mu_);
        revive_at_ = std::chrono::steady_clock::now() + duration;
      }
      cv_.notify_all();
      res.set_header("Connection", "close");
    }
    SendJson(res, 200, {{"mode", ModeName(*mode)}});
  });
  server.Post("/_sim/tick", [this](const httplib::Request&, httplib::Response& res) {
    TickReport r = Tick();
    SendJson(res, 200,
             {{"transitions", r.transitions},
              {"pushes_delivered", r.pushes_delivered},
              {"pushes_failed", r.pushes_failed},
              {"pushes_pending", r.pushes_pending}});
  });
  server.Post(R"(/_sim/dossiers/([^/]+)/transition)",
              [this](const httplib::Request& req, httplib::Response& res) {
                json j = json::parse(req.body, nullptr, false);
                std::optional<DossierState> status;
                if (j.is_object() && j.contains("status") && j["status"].is_string()) {
                  status = ParseState(j["status"].get<std::string>());
                }
                if (!status) {
                  return SendError(res, 400, "invalid_argument", "expected {\"status\": ...}");
                }
                auto st = ForceTransition(req.matches[1], *status, j.value("reason", ""),
                                          j.value("extend_due_days", 0));
                if (!st.ok()) {
                  return SendError(res, HttpStatusOf(st.error().code), "error", st.error().message);
                }
                auto view = Find(req.matches[1]);
                SendJson(res, 200, ToJson(*view));
              });
}

}  // namespace gw::backends::sim
