// Shared HTTP plumbing of the inbox routes: the session/CSRF gate and the route groups that are
// not about conversations (auth, live events, static UI).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "gateway/http/server.hpp"
#include "gateway/inbox/inbox.hpp"

namespace gw::gateway::inbox {

inline constexpr const char* kSessionCookie = "caunoi_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

using AuthedHandler = std::function<void(const httplib::Request&, httplib::Response&,
                                         const Session&, const nlohmann::json& body)>;

// Wraps `fn`: 401 without a live session; for `write` routes also 403 without the session's CSRF
// token in X-CSRF-Token, 415 unless the body is JSON, 400 unless it is an object.
http::HttpServer::Handler Authed(Inbox& inbox, bool write, AuthedHandler fn);

// The value of cookie `name` in the request's Cookie header.
std::optional<std::string> CookieValue(const httplib::Request& req, const std::string& name);

// POST /api/v1/inbox/login, POST /api/v1/inbox/logout, GET /api/v1/inbox/me, and the TOTP
// routes below.
void RegisterAuthRoutes(http::HttpServer& server, Inbox& inbox);
// GET /api/v1/inbox/totp, POST .../totp/enrol, .../totp/confirm, .../totp/disable
// (totp_routes.cpp).
void RegisterTotpRoutes(http::HttpServer& server, Inbox& inbox);
// POST /api/v1/inbox/conversations/{id}/merge and .../unmerge (merge_routes.cpp).
void RegisterMergeRoutes(http::HttpServer& server, Inbox& inbox);
// SendError, with the body's code replaced by `denial.wire_code` when it has one and a
// Retry-After header when it says to wait.
void SendDenied(httplib::Response& res, const core::Error& error, const Inbox::Denial& denial);
// GET /api/v1/inbox/events (Server-Sent Events).
void RegisterEventRoutes(http::HttpServer& server, Inbox& inbox);
// GET /inbox and its CSS, JS and UI texts.
void RegisterInboxWeb(http::HttpServer& server);

}  // namespace gw::gateway::inbox
