// The inbox API over HTTP: /api/v1/inbox/... Each handler authenticates, checks CSRF on writes,
// parses, calls the Inbox, maps the outcome. Another agency's conversation answers 404, exactly
// like one that does not exist, so the API does not confirm what it will not show.
#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gateway/http/errors.hpp"
#include "gateway/inbox/attachment_headers.hpp"
#include "gateway/inbox/canned.hpp"
#include "gateway/inbox/dashboard.hpp"
#include "gateway/inbox/inbox.hpp"
#include "gateway/inbox/inbox_http.hpp"

namespace gw::gateway::inbox {
namespace {

using Json = nlohmann::json;
using http::SendError;
const std::string kApi = "/api/v1/inbox";

core::Error Err(core::ErrorCode code, std::string message) {
  return core::MakeError(code, std::move(message));
}

void SendJson(httplib::Response& res, const Json& j) {
  res.set_header("Cache-Control", "no-store");
  res.set_content(j.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

std::optional<std::int64_t> ParseId(const std::string& s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

// A path id: a number too large for int64 names nothing, like an unknown id (404).
std::optional<std::int64_t> PathId(const httplib::Request& req, std::size_t i,
                                   httplib::Response& res) {
  auto id = ParseId(req.matches[i]);
  if (!id) SendError(res, Err(core::ErrorCode::kNotFound, "no such item"));
  return id;
}

Audit AuditFor(const Session& s, std::string action, std::int64_t conversation,
               const httplib::Request& req, std::string detail = {}) {
  return Audit{s.officer_id, std::move(action), "conversation:" + std::to_string(conversation),
               std::move(detail), req.remote_addr};
}

// Maps a store outcome to the response: 204-like {"ok":true}, 404 or 409.
void SendOutcome(httplib::Response& res, const core::Result<Outcome>& r) {
  if (!r.ok()) return SendError(res, r.error());
  if (*r == Outcome::kNotFound)
    return SendError(res, Err(core::ErrorCode::kNotFound, "no such conversation"));
  if (*r == Outcome::kClosed) {
    return SendError(res, Err(core::ErrorCode::kConflict, "the conversation is closed"));
  }
  SendJson(res, Json{{"ok", true}});
}

// A non-empty, bounded "text" field.
core::Result<std::string> TextField(const Json& body, const char* name) {
  if (!body.contains(name) || !body[name].is_string()) {
    return Err(core::ErrorCode::kInvalidArgument, fmt::format("{}: expected a string", name));
  }
  std::string text = body[name].get<std::string>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Err(core::ErrorCode::kInvalidArgument, fmt::format("{}: must not be empty", name));
  }
  if (text.size() > 4000) {
    return Err(core::ErrorCode::kInvalidArgument, fmt::format("{}: at most 4000 bytes", name));
  }
  return text;
}

void ListRoute(const httplib::Request& req, httplib::Response& res, Inbox& inbox,
               const Session& s) {
  ListFilter f;
  auto opt = [&](const char* k) -> std::optional<std::string> {
    if (!req.has_param(k) || req.get_param_value(k).empty()) return std::nullopt;
    return req.get_param_value(k);
  };
  f.channel = opt("channel");
  f.status = opt("status");
  f.query = opt("q");
  if (f.status && *f.status != "bot" && *f.status != "officer" && *f.status != "closed") {
    return SendError(
        res, Err(core::ErrorCode::kInvalidArgument, "status: expected bot, officer or closed"));
  }
  if (auto a = opt("assigned")) {
    if (*a != "me") {
      return SendError(res, Err(core::ErrorCode::kInvalidArgument, "assigned: expected me"));
    }
    f.assigned_to = s.officer_id;
  }
  f.overdue = opt("overdue") == std::optional<std::string>("true");
  if (auto l = opt("limit")) {
    auto v = ParseId(*l);
    if (!v || *v < 1 || *v > 200) {
      return SendError(res, Err(core::ErrorCode::kInvalidArgument, "limit: expected 1..200"));
    }
    f.limit = *v;
  }
  if (auto o = opt("offset")) {
    auto v = ParseId(*o);
    if (!v) return SendError(res, Err(core::ErrorCode::kInvalidArgument, "offset: expected >= 0"));
    f.offset = *v;
  }
  auto list = inbox.store().ListConversations(s.agency_code, f);
  if (!list.ok()) return SendError(res, list.error());
  SendJson(res, *list);
}

// {"text"[, "channel"]}: the reply leaves on `channel` (the conversation's own by default), to
// the citizen's contact there; 422 naming the field for a channel that is not one, or one the
// citizen has no contact on.
void ReplyRoute(const httplib::Request& req, httplib::Response& res, Inbox& inbox, const Session& s,
                std::int64_t id, const Json& body) {
  auto text = TextField(body, "text");
  if (!text.ok()) return SendError(res, text.error());
  std::optional<core::ChannelKind> via;
  if (body.contains("channel") && !body["channel"].is_null()) {
    if (!body["channel"].is_string()) {
      return SendError(res, Err(core::ErrorCode::kInvalidArgument, "channel: expected a string"));
    }
    via = core::ParseChannel(body["channel"].get<std::string>());
    if (!via) {
      return SendError(res, Err(core::ErrorCode::kUnprocessable,
                                "channel: expected one of sms, zalo, email, app, ivr"));
    }
  }
  const std::string detail = via ? "channel:" + std::string(core::ChannelName(*via)) : "";
  auto r = inbox.store().AppendOfficerMessage(s.agency_code, id, s.officer_id, *text, std::nullopt,
                                              AuditFor(s, "reply", id, req, detail), via);
  if (r.ok() && *r == Outcome::kNoContact) {
    return SendError(res, Err(core::ErrorCode::kUnprocessable,
                              fmt::format("channel: the citizen has no contact on {}",
                                          core::ChannelName(*via))));
  }
  SendOutcome(res, r);
}

// GET attachments/{id}: a citizen's file, downloaded, never rendered in the inbox's origin: only
// harmless types are declared as themselves, always as an attachment, never sniffed.
void AttachmentRoute(const httplib::Request& req, httplib::Response& res, Inbox& inbox,
                     const Session& s) {
  const auto id = PathId(req, 1, res);
  if (!id) return;
  auto file = inbox.store().GetAttachment(s.agency_code, *id);
  if (!file.ok()) return SendError(res, file.error());
  if (!*file) return SendError(res, Err(core::ErrorCode::kNotFound, "no such attachment"));
  // A citizen's document leaving the system is an action on personal data: audited before it
  // is served, and not served if the audit cannot be written.
  auto audited =
      inbox.store().RecordAudit(Audit{s.officer_id, "attachment_download",
                                      "attachment:" + std::to_string(*id), "", req.remote_addr});
  if (!audited.ok()) return SendError(res, audited.error());
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Disposition", ContentDisposition((*file)->filename));
  // A file opened in its own tab runs nothing and loads nothing (a PDF or SVG with script).
  res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
  res.set_content((*file)->bytes, SafeContentType((*file)->content_type));
}

void AssignRoute(const httplib::Request& req, httplib::Response& res, Inbox& inbox,
                 const Session& s, std::int64_t id, const Json& body) {
  if (!body.contains("officer_id") || !body["officer_id"].is_number_integer()) {
    return SendError(res,
                     Err(core::ErrorCode::kInvalidArgument, "officer_id: expected an integer"));
  }
  const auto target = body["officer_id"].get<std::int64_t>();
  // An officer may take a conversation; only a supervisor or admin hands one to someone else.
  if (s.role == "officer" && target != s.officer_id) {
    return SendError(
        res, Err(core::ErrorCode::kForbidden, "only a supervisor can assign to another officer"));
  }
  auto officer = inbox.store().FindOfficerById(target);
  if (!officer.ok()) return SendError(res, officer.error());
  if (!*officer || (*officer)->agency_code != s.agency_code || (*officer)->disabled) {
    return SendError(
        res, Err(core::ErrorCode::kInvalidArgument, "officer_id: no such officer in your agency"));
  }
  SendOutcome(res, inbox.store().Assign(
                       s.agency_code, id, target,
                       AuditFor(s, "assign", id, req, "officer:" + std::to_string(target))));
}

void RejectRoute(const httplib::Request& req, httplib::Response& res, Inbox& inbox,
                 const Session& s, std::int64_t id, const Json& body) {
  if (!body.contains("reason_code") || !body["reason_code"].is_string()) {
    return SendError(res, Err(core::ErrorCode::kInvalidArgument, "reason_code: expected a string"));
  }
  auto code = core::ParseReasonCode(body["reason_code"].get<std::string>());
  if (!code) {
    return SendError(res, Err(core::ErrorCode::kInvalidArgument,
                              "reason_code: not a code of the reason catalogue"));
  }
  auto text = TextField(body, "text");
  if (!text.ok()) return SendError(res, text.error());
  const std::string name(core::ReasonCodeName(*code));
  SendOutcome(res, inbox.store().AppendOfficerMessage(
                       s.agency_code, id, s.officer_id, inbox.RejectionText(*code, *text), name,
                       AuditFor(s, "reject", id, req, "reason:" + name)));
}

// Admins see every agency; supervisors their own.
std::optional<std::string> DashboardScope(const Session& s) {
  if (s.role == "admin") return std::nullopt;
  return s.agency_code;
}

bool IsSupervisor(const Session& s) {
  return s.role == "supervisor" || s.role == "admin";
}

// {"title","body"} of a canned reply; 422 naming the unknown variables.
bool ParseCanned(httplib::Response& res, const Json& body, std::string& title, std::string& text) {
  auto t = TextField(body, "title");
  if (!t.ok()) return SendError(res, t.error()), false;
  if (t->size() > 120) {
    return SendError(res, Err(core::ErrorCode::kInvalidArgument, "title: at most 120 bytes")),
           false;
  }
  auto b = TextField(body, "body");
  if (!b.ok()) return SendError(res, b.error()), false;
  const auto unknown = UnknownVariables(*b);
  if (!unknown.empty()) {
    std::string names;
    for (const auto& n : unknown) names += (names.empty() ? "{" : ", {") + n + "}";
    SendError(res, Err(core::ErrorCode::kUnprocessable, "body: unknown variables " + names));
    // The same error body, with the names as data for the UI.
    Json j = Json::parse(res.body, nullptr, false);
    if (j.is_object() && j.contains("error")) {
      j["error"]["unknown_variables"] = unknown;
      res.set_content(j.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
    }
    return false;
  }
  title = std::move(*t);
  text = std::move(*b);
  return true;
}

void SendCannedOutcome(httplib::Response& res, const core::Result<Outcome>& r, const Json& ok) {
  if (!r.ok()) return SendError(res, r.error());
  if (*r == Outcome::kNotFound)
    return SendError(res, Err(core::ErrorCode::kNotFound, "no such canned reply"));
  if (*r == Outcome::kConflict) {
    return SendError(
        res, Err(core::ErrorCode::kConflict, "title: another canned reply of the agency has it"));
  }
  SendJson(res, ok);
}

// Canned replies: everyone of the agency lists and previews them; supervisors and admins write.
void RegisterCannedRoutes(http::HttpServer& server, Inbox& inbox) {
  const std::string base = kApi + "/canned-replies";
  const std::string one = base + R"(/(\d+))";
  const std::string one_name = base + "/{id}";
  server.Route("GET", base, base,
               Authed(inbox, false, [&](const auto&, auto& res, const Session& s, const Json&) {
                 auto list = inbox.store().ListCanned(s.agency_code);
                 if (!list.ok()) return SendError(res, list.error());
                 (*list)["variables"] = CannedVariables();
                 SendJson(res, *list);
               }));
  auto forbidden = [](httplib::Response& res) {
    SendError(res, Err(core::ErrorCode::kForbidden, "canned replies are kept by supervisors"));
  };
  server.Route(
      "POST", base, base,
      Authed(inbox, true,
             [&, forbidden](const auto& req, auto& res, const Session& s, const Json& b) {
               if (!IsSupervisor(s)) return forbidden(res);
               std::string title, body;
               if (!ParseCanned(res, b, title, body)) return;
               std::int64_t id = 0;
               auto r = inbox.store().CreateCanned(
                   s.agency_code, title, body,
                   Audit{s.officer_id, "canned_create", "", "title:" + title, req.remote_addr}, id);
               SendCannedOutcome(res, r, Json{{"id", id}});
             }));
  server.Route("PUT", one, one_name,
               Authed(inbox, true,
                      [&, forbidden](const auto& req, auto& res, const Session& s, const Json& b) {
                        if (!IsSupervisor(s)) return forbidden(res);
                        const auto id_ok = PathId(req, 1, res);
                        if (!id_ok) return;
                        const auto id = *id_ok;
                        std::string title, body;
                        if (!ParseCanned(res, b, title, body)) return;
                        SendCannedOutcome(
                            res,
                            inbox.store().UpdateCanned(s.agency_code, id, title, body,
                                                       Audit{s.officer_id, "canned_update",
                                                             "canned_reply:" + std::to_string(id),
                                                             "title:" + title, req.remote_addr}),
                            Json{{"ok", true}});
                      }));
  server.Route("DELETE", one, one_name,
               Authed(inbox, true,
                      [&, forbidden](const auto& req, auto& res, const Session& s, const Json&) {
                        if (!IsSupervisor(s)) return forbidden(res);
                        const auto id_ok = PathId(req, 1, res);
                        if (!id_ok) return;
                        const auto id = *id_ok;
                        SendCannedOutcome(
                            res,
                            inbox.store().DeleteCanned(
                                s.agency_code, id,
                                Audit{s.officer_id, "canned_delete",
                                      "canned_reply:" + std::to_string(id), "", req.remote_addr}),
                            Json{{"ok", true}});
                      }));
  const std::string preview = kApi + R"(/conversations/(\d+)/canned-replies/(\d+))";
  server.Route("GET", preview, kApi + "/conversations/{id}/canned-replies/{canned_id}",
               Authed(inbox, false, [&](const auto& req, auto& res, const Session& s, const Json&) {
                 const auto conv = PathId(req, 1, res);
                 if (!conv) return;
                 const auto canned = PathId(req, 2, res);
                 if (!canned) return;
                 auto r = inbox.PreviewCanned(s, *conv, *canned);
                 if (!r.ok()) return SendError(res, r.error());
                 if (!*r) {
                   return SendError(res, Err(core::ErrorCode::kNotFound,
                                             "no such conversation or canned reply"));
                 }
                 SendJson(res, **r);
               }));
}

}  // namespace

void RegisterInboxRoutes(http::HttpServer& server, Inbox& inbox) {
  if (!inbox.config().enabled) return;
  RegisterInboxWeb(server);
  RegisterAuthRoutes(server, inbox);
  RegisterEventRoutes(server, inbox);
  RegisterCannedRoutes(server, inbox);
  RegisterMergeRoutes(server, inbox);

  server.Route("GET", kApi + "/conversations", kApi + "/conversations",
               Authed(inbox, false, [&](const auto& req, auto& res, const Session& s, const Json&) {
                 ListRoute(req, res, inbox, s);
               }));
  server.Route("GET", kApi + "/dashboard", kApi + "/dashboard",
               Authed(inbox, false, [&](const auto&, auto& res, const Session& s, const Json&) {
                 if (s.role == "officer") {
                   return SendError(
                       res, Err(core::ErrorCode::kForbidden, "the dashboard is for supervisors"));
                 }
                 auto d = inbox.store().Dashboard(DashboardScope(s));
                 if (!d.ok()) return SendError(res, d.error());
                 SendJson(res, *d);
               }));
  server.Route("GET", kApi + "/dashboard.csv", kApi + "/dashboard.csv",
               Authed(inbox, false, [&](const auto& req, auto& res, const Session& s, const Json&) {
                 if (s.role == "officer") {
                   return SendError(
                       res, Err(core::ErrorCode::kForbidden, "the dashboard is for supervisors"));
                 }
                 const std::string table = req.get_param_value("table");
                 const auto& tables = DashboardTables();
                 if (std::find(tables.begin(), tables.end(), table) == tables.end()) {
                   std::string names;
                   for (const auto& t : tables) names += (names.empty() ? "" : ", ") + t;
                   return SendError(res, Err(core::ErrorCode::kInvalidArgument,
                                             "table: expected one of " + names));
                 }
                 auto d = inbox.store().Dashboard(DashboardScope(s));
                 if (!d.ok()) return SendError(res, d.error());
                 res.set_header("Cache-Control", "no-store");
                 res.set_header("Content-Disposition",
                                fmt::format("attachment; filename=\"caunoi-{}.csv\"", table));
                 res.set_content(*DashboardCsv(*d, table), "text/csv; charset=utf-8");
               }));

  const std::string one = kApi + R"(/conversations/(\d+))";
  const std::string one_name = kApi + "/conversations/{id}";
  server.Route("GET", one, one_name,
               Authed(inbox, false, [&](const auto& req, auto& res, const Session& s, const Json&) {
                 const auto id = PathId(req, 1, res);
                 if (!id) return;
                 auto c = inbox.store().GetConversation(s.agency_code, *id);
                 if (!c.ok()) return SendError(res, c.error());
                 if (!*c)
                   return SendError(res, Err(core::ErrorCode::kNotFound, "no such conversation"));
                 SendJson(res, **c);
               }));

  const std::string attachment = kApi + R"(/attachments/(\d+))";
  server.Route("GET", attachment, kApi + "/attachments/{id}",
               Authed(inbox, false, [&](const auto& req, auto& res, const Session& s, const Json&) {
                 AttachmentRoute(req, res, inbox, s);
               }));

  using Action = std::function<void(const httplib::Request&, httplib::Response&, const Session&,
                                    std::int64_t, const Json&)>;
  auto action = [&](const std::string& verb, Action fn) {
    server.Route(
        "POST", one + "/" + verb, one_name + "/" + verb,
        Authed(inbox, true, [fn](const auto& req, auto& res, const Session& s, const Json& body) {
          if (const auto id = PathId(req, 1, res)) fn(req, res, s, *id, body);
        }));
  };
  action("reply", [&](const auto& req, auto& res, const Session& s, std::int64_t id,
                      const Json& b) { ReplyRoute(req, res, inbox, s, id, b); });
  action("notes",
         [&](const auto& req, auto& res, const Session& s, std::int64_t id, const Json& b) {
           auto text = TextField(b, "text");
           if (!text.ok()) return SendError(res, text.error());
           SendOutcome(res, inbox.store().AddNote(s.agency_code, id, s.officer_id, *text,
                                                  AuditFor(s, "note", id, req)));
         });
  action("assign", [&](const auto& req, auto& res, const Session& s, std::int64_t id,
                       const Json& b) { AssignRoute(req, res, inbox, s, id, b); });
  action("close", [&](const auto& req, auto& res, const Session& s, std::int64_t id, const Json&) {
    SendOutcome(res, inbox.store().Close(s.agency_code, id, AuditFor(s, "close", id, req)));
  });
  action("handback", [&](const auto& req, auto& res, const Session& s, std::int64_t id,
                         const Json&) {
    SendOutcome(res, inbox.store().HandBack(s.agency_code, id, AuditFor(s, "handback", id, req)));
  });
  action("reject", [&](const auto& req, auto& res, const Session& s, std::int64_t id,
                       const Json& b) { RejectRoute(req, res, inbox, s, id, b); });
}

}  // namespace gw::gateway::inbox
