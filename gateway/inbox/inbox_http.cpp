// The inbox's session gate, login/logout and Server-Sent Events.
#include "gateway/inbox/inbox_http.hpp"

#include <thread>

#include <fmt/format.h>

#include "gateway/http/errors.hpp"

namespace gw::gateway::inbox {
namespace {

using Json = nlohmann::json;
using http::SendError;
const std::string kApi = "/api/v1/inbox";

core::Error Err(core::ErrorCode code, std::string message) {
  return core::MakeError(code, std::move(message));
}

std::optional<Session> SessionOf(Inbox& inbox, const httplib::Request& req) {
  auto id = CookieValue(req, kSessionCookie);
  if (!id) return std::nullopt;
  return inbox.FindSession(*id);
}

Json SessionJson(const Session& s) {
  return Json{
      {"officer_id", s.officer_id},   {"username", s.username}, {"display_name", s.display_name},
      {"agency_code", s.agency_code}, {"role", s.role},         {"csrf_token", s.csrf_token}};
}

bool IsJson(const httplib::Request& req) {
  return req.get_header_value("Content-Type").starts_with("application/json");
}

std::string SessionCookie(const Inbox& inbox, const httplib::Request& req, const std::string& id,
                          std::int64_t max_age_s) {
  const bool secure =
      inbox.config().secure_cookie || req.get_header_value("X-Forwarded-Proto") == "https";
  return fmt::format("{}={}; Path={}; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie, id,
                     kApi, max_age_s, secure ? "; Secure" : "");
}

}  // namespace

std::optional<std::string> CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return std::nullopt;
}

http::HttpServer::Handler Authed(Inbox& inbox, bool write, AuthedHandler fn) {
  return [&inbox, write, fn](const httplib::Request& req, httplib::Response& res) {
    auto session = SessionOf(inbox, req);
    if (!session) return SendError(res, Err(core::ErrorCode::kUnauthorized, "log in first"));
    Json body = Json::object();
    if (write) {
      if (!ConstantTimeEquals(req.get_header_value(kCsrfHeader), session->csrf_token)) {
        return SendError(res, Err(core::ErrorCode::kForbidden, "missing or wrong CSRF token"));
      }
      if (!req.body.empty()) {
        if (!IsJson(req)) {
          return SendError(res, Err(core::ErrorCode::kUnsupportedMediaType,
                                    "Content-Type must be application/json"));
        }
        body = Json::parse(req.body, nullptr, false);
        if (!body.is_object()) {
          return SendError(res, Err(core::ErrorCode::kInvalidArgument, "expected a JSON object"));
        }
      }
    }
    fn(req, res, *session, body);
  };
}

void SendDenied(httplib::Response& res, const core::Error& error, const Inbox::Denial& denial) {
  SendError(res, error);
  if (!denial.wire_code.empty()) {
    res.set_content(http::ErrorBody(denial.wire_code, error.message), "application/json");
  }
  if (denial.retry_after.count() > 0) {
    res.set_header("Retry-After", std::to_string(denial.retry_after.count()));
  }
}

void RegisterAuthRoutes(http::HttpServer& server, Inbox& inbox) {
  RegisterTotpRoutes(server, inbox);
  server.Route(
      "POST", kApi + "/login", kApi + "/login",
      [&inbox](const httplib::Request& req, httplib::Response& res) {
        // JSON only: a cross-site HTML form cannot send it, so nobody can log a victim in as
        // themselves (login CSRF).
        if (!IsJson(req)) {
          return SendError(res, Err(core::ErrorCode::kUnsupportedMediaType,
                                    "Content-Type must be application/json"));
        }
        Json body = Json::parse(req.body, nullptr, false);
        if (!body.is_object() || !body.contains("username") || !body["username"].is_string() ||
            !body.contains("password") || !body["password"].is_string() ||
            (body.contains("totp_code") && !body["totp_code"].is_string())) {
          return SendError(res, Err(core::ErrorCode::kInvalidArgument,
                                    "expected {\"username\": string, \"password\": string"
                                    "[, \"totp_code\": string]}"));
        }
        std::optional<std::string> totp_code;
        if (body.contains("totp_code")) totp_code = body["totp_code"].get<std::string>();
        Inbox::Denial denial;
        auto login =
            inbox.Login(body["username"].get<std::string>(), body["password"].get<std::string>(),
                        totp_code, req.remote_addr, denial);
        if (!login.ok()) return SendDenied(res, login.error(), denial);
        // Whatever session the client held is dropped: a fresh id per login prevents fixation.
        if (auto old = CookieValue(req, kSessionCookie)) {
          if (auto s = inbox.FindSession(*old)) inbox.Logout(*old, *s, req.remote_addr);
        }
        const auto ttl =
            std::chrono::duration_cast<std::chrono::seconds>(inbox.config().session_ttl);
        res.set_header("Set-Cookie", SessionCookie(inbox, req, login->session_id, ttl.count()));
        res.set_header("Cache-Control", "no-store");
        res.set_content(SessionJson(login->session).dump(), "application/json");
      });
  server.Route(
      "POST", kApi + "/logout", kApi + "/logout",
      Authed(inbox, true, [&inbox](const auto& req, auto& res, const Session& s, const Json&) {
        inbox.Logout(*CookieValue(req, kSessionCookie), s, req.remote_addr);
        res.set_header("Set-Cookie", SessionCookie(inbox, req, "", 0));
        res.set_content(R"({"ok":true})", "application/json");
      }));
  server.Route("GET", kApi + "/me", kApi + "/me",
               Authed(inbox, false, [](const auto&, auto& res, const Session& s, const Json&) {
                 res.set_header("Cache-Control", "no-store");
                 res.set_content(
                     SessionJson(s).dump(-1, ' ', false, Json::error_handler_t::replace),
                     "application/json");
               }));
}

void RegisterEventRoutes(http::HttpServer& server, Inbox& inbox) {
  server.Route(
      "GET", kApi + "/events", kApi + "/events",
      Authed(inbox, false, [&inbox](const auto& req, auto& res, const Session& s, const Json&) {
        // Each stream holds a worker thread: cap them so live updates cannot starve the API.
        if (++inbox.event_streams() > inbox.config().max_event_streams) {
          --inbox.event_streams();
          res.set_header("Retry-After", "5");
          return SendError(res, Err(core::ErrorCode::kUnavailable, "too many live streams"));
        }
        auto start = inbox.store().LatestMessageId(s.agency_code);
        if (!start.ok()) {
          --inbox.event_streams();
          return SendError(res, start.error());
        }
        struct State {
          std::int64_t last_id;
          std::int64_t live_seq;
          core::TimePoint until;
          bool started = false;
        };
        auto state = std::make_shared<State>(
            State{*start, inbox.LatestLiveSeq(),
                  inbox.clock().Now() + inbox.config().event_stream_lifetime});
        const Session session = s;
        const std::string session_id = *CookieValue(req, kSessionCookie);
        const std::string agency = s.agency_code;
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Accel-Buffering", "no");
        // Polling the database twice a second is simpler than a notification hook through every
        // writer, and costs one indexed query per open stream.
        res.set_chunked_content_provider(
            "text/event-stream",
            [&inbox, state, session_id, agency, session](std::size_t, httplib::DataSink& sink) {
              if (!state->started) {
                state->started = true;
                const std::string hello = "retry: 2000\nevent: ready\ndata: {}\n\n";
                return sink.write(hello.data(), hello.size());
              }
              // The stream ends when it has lived long enough or the officer logged out.
              if (inbox.clock().Now() >= state->until || !inbox.FindSession(session_id)) {
                sink.done();
                return true;
              }
              std::this_thread::sleep_for(std::chrono::milliseconds(500));
              auto fresh = inbox.store().MessagesSince(agency, state->last_id, 100);
              if (!fresh.ok()) return false;
              std::string out;
              for (const auto& m : *fresh) {
                state->last_id = m["message_id"].template get<std::int64_t>();
                out += "event: message\ndata: " + m.dump() + "\n\n";
              }
              // SLA escalations (supervisors and admins only; LiveEventsAfter filters).
              for (const LiveEvent& e : inbox.LiveEventsAfter(state->live_seq, session)) {
                state->live_seq = e.seq;
                out += "event: " + e.type + "\ndata: " + e.data.dump() + "\n\n";
              }
              if (out.empty()) out = ": keep-alive\n\n";
              return sink.write(out.data(), out.size());
            },
            [&inbox](bool) { --inbox.event_streams(); });
      }));
}

}  // namespace gw::gateway::inbox
