// Contact merge and un-merge over HTTP: both conversations must be the officer's agency's (404
// otherwise, like a conversation that does not exist); a citizen cannot be merged with itself
// (422). Every role may merge within its agency; each merge and un-merge is audited.
#include <charconv>

#include <nlohmann/json.hpp>

#include "gateway/http/errors.hpp"
#include "gateway/inbox/inbox_http.hpp"

namespace gw::gateway::inbox {
namespace {

using Json = nlohmann::json;
using http::SendError;
const std::string kConv = "/api/v1/inbox/conversations";

core::Error Err(core::ErrorCode code, std::string message) {
  return core::MakeError(code, std::move(message));
}

void SendJson(httplib::Response& res, const Json& j) {
  res.set_header("Cache-Control", "no-store");
  res.set_content(j.dump(), "application/json");
}

// The path's conversation id; a number too large for int64 names nothing (404).
std::optional<std::int64_t> PathId(const httplib::Request& req, httplib::Response& res) {
  const std::string& s = req.matches[1];
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    SendError(res, Err(core::ErrorCode::kNotFound, "no such conversation"));
    return std::nullopt;
  }
  return v;
}

// A positive integer field of the body, or 400.
std::optional<std::int64_t> IdField(const Json& body, const char* name, httplib::Response& res) {
  if (!body.contains(name) || !body[name].is_number_integer() ||
      body[name].get<std::int64_t>() <= 0) {
    SendError(res, Err(core::ErrorCode::kInvalidArgument,
                       std::string(name) + ": expected a positive integer"));
    return std::nullopt;
  }
  return body[name].get<std::int64_t>();
}

Audit AuditFor(const Session& s, const char* action, std::int64_t conversation,
               const httplib::Request& req, std::string detail = {}) {
  return Audit{s.officer_id, action, "conversation:" + std::to_string(conversation),
               std::move(detail), req.remote_addr};
}

}  // namespace

void RegisterMergeRoutes(http::HttpServer& server, Inbox& inbox) {
  const std::string one = kConv + R"(/(\d+))";
  const std::string one_name = kConv + "/{id}";
  server.Route(
      "POST", one + "/merge", one_name + "/merge",
      Authed(inbox, true, [&inbox](const auto& req, auto& res, const Session& s, const Json& b) {
        const auto id = PathId(req, res);
        if (!id) return;
        const auto other = IdField(b, "conversation_id", res);
        if (!other) return;
        auto r = inbox.store().MergeCitizens(s.agency_code, *id, *other, s.officer_id,
                                             AuditFor(s, "contact_merge", *id, req));
        if (!r.ok()) return SendError(res, r.error());
        if (r->outcome == Outcome::kNotFound) {
          return SendError(res, Err(core::ErrorCode::kNotFound, "no such conversation"));
        }
        if (r->outcome == Outcome::kSameCitizen) {
          return SendError(res, Err(core::ErrorCode::kUnprocessable,
                                    "both conversations are already the same citizen's"));
        }
        SendJson(res, Json{{"merge_id", r->merge_id}, {"moved_contacts", r->moved_contacts}});
      }));
  server.Route(
      "POST", one + "/unmerge", one_name + "/unmerge",
      Authed(inbox, true, [&inbox](const auto& req, auto& res, const Session& s, const Json& b) {
        const auto id = PathId(req, res);
        if (!id) return;
        const auto merge = IdField(b, "merge_id", res);
        if (!merge) return;
        auto r = inbox.store().Unmerge(
            s.agency_code, *id, *merge, s.officer_id,
            AuditFor(s, "contact_unmerge", *id, req, "merge:" + std::to_string(*merge)));
        if (!r.ok()) return SendError(res, r.error());
        if (*r == Outcome::kNotFound) {
          return SendError(res, Err(core::ErrorCode::kNotFound, "no such merge"));
        }
        if (*r == Outcome::kConflict) {
          return SendError(res, Err(core::ErrorCode::kConflict,
                                    "this merge was undone already, or a later merge moved its "
                                    "contacts on: undo that one first"));
        }
        SendJson(res, Json{{"ok", true}});
      }));
}

}  // namespace gw::gateway::inbox
