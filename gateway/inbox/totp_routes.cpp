// The officer's own second factor over HTTP: status, enrol, confirm, disable. Each acts on the
// session's officer only, so there is no agency to scope; every change needs CSRF and is audited.
#include <nlohmann/json.hpp>

#include "gateway/http/errors.hpp"
#include "gateway/inbox/inbox_http.hpp"

namespace gw::gateway::inbox {
namespace {

using Json = nlohmann::json;
const std::string kTotp = "/api/v1/inbox/totp";

void SendJson(httplib::Response& res, const Json& j) {
  res.set_header("Cache-Control", "no-store");
  res.set_content(j.dump(), "application/json");
}

// {"code": "123456"} or 400.
std::optional<std::string> CodeOf(const Json& body, httplib::Response& res) {
  if (!body.contains("code") || !body["code"].is_string()) {
    http::SendError(res, core::MakeError(core::ErrorCode::kInvalidArgument,
                                         "code: expected the 6-digit code as a string"));
    return std::nullopt;
  }
  return body["code"].get<std::string>();
}

}  // namespace

void RegisterTotpRoutes(http::HttpServer& server, Inbox& inbox) {
  server.Route(
      "GET", kTotp, kTotp,
      Authed(inbox, false, [&inbox](const auto&, auto& res, const Session& s, const Json&) {
        auto status = inbox.TotpStatus(s);
        if (!status.ok()) return http::SendError(res, status.error());
        SendJson(res, *status);
      }));
  server.Route(
      "POST", kTotp + "/enrol", kTotp + "/enrol",
      Authed(inbox, true, [&inbox](const auto& req, auto& res, const Session& s, const Json&) {
        Inbox::Denial denial;
        auto e = inbox.EnrolTotp(s, req.remote_addr, denial);
        if (!e.ok()) return SendDenied(res, e.error(), denial);
        SendJson(res, Json{{"uri", e->uri}, {"secret", e->secret}});
      }));
  using Step = core::Status (Inbox::*)(const Session&, const std::string&, const std::string&,
                                       Inbox::Denial&);
  auto with_code = [&](const std::string& verb, Step step) {
    server.Route(
        "POST", kTotp + "/" + verb, kTotp + "/" + verb,
        Authed(inbox, true,
               [&inbox, step](const auto& req, auto& res, const Session& s, const Json& body) {
                 const auto code = CodeOf(body, res);
                 if (!code) return;
                 Inbox::Denial denial;
                 auto r = (inbox.*step)(s, *code, req.remote_addr, denial);
                 if (!r.ok()) return SendDenied(res, r.error(), denial);
                 SendJson(res, Json{{"ok", true}});
               }));
  };
  with_code("confirm", &Inbox::ConfirmTotp);
  with_code("disable", &Inbox::DisableTotp);
}

}  // namespace gw::gateway::inbox
