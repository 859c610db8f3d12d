// The dead-letter endpoints of the inbox.
#include "gateway/inbox/dead_letters.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "gateway/delivery/outbound_codec.hpp"
#include "gateway/http/errors.hpp"
#include "gateway/http/routes.hpp"
#include "gateway/inbox/inbox_http.hpp"

namespace gw::gateway::inbox {
namespace {

using Json = nlohmann::json;

// What an officer needs to act on a dead letter: what it was, to whom, and what happened.
Json DeadLetterJson(const delivery::DeadLetter& d) {
  Json j = {{"id", d.outbox_id},
            {"kind", d.kind},
            {"state", d.state},
            {"why", d.detail},
            {"queued_at", core::FormatTimestamp(d.created_at)}};
  if (d.finished_at) j["finished_at"] = core::FormatTimestamp(*d.finished_at);
  auto payload = Json::parse(d.payload, nullptr, /*allow_exceptions=*/false);
  if (d.kind == "notification" && payload.is_object()) {
    j["notification_id"] = d.public_id;
    j["dossier_code"] = payload.value("dossier_code", "");
    j["status"] = payload.value("status", "");
    j["recipient"] = payload.value("recipient", Json::object());
  } else if (auto reply = delivery::DecodeOutbound(d.payload); reply.ok()) {
    j["channel"] = core::ChannelName(reply->to.channel);
    j["to"] = reply->to.address;
    j["text"] = reply->text;
  }
  Json legs = Json::array();
  for (const auto& leg : d.legs) {
    Json l = http::LegJson(leg);
    l["address"] = leg.address;  // officers of the agency may see where it was sent
    legs.push_back(l);
  }
  j["deliveries"] = legs;
  return j;
}

}  // namespace

void RegisterDeadLetterRoutes(http::HttpServer& server, Inbox& inbox,
                              delivery::DeliveryStore& deliveries, std::function<void()> wake) {
  if (!inbox.config().enabled) return;
  const std::string base = "/api/v1/inbox/dead-letters";
  server.Route("GET", base, base,
               Authed(inbox, false, [&](const auto&, auto& res, const Session& s, const Json&) {
                 auto list = deliveries.DeadLetters(s.agency_code, 200);
                 if (!list.ok()) return http::SendError(res, list.error());
                 Json items = Json::array();
                 for (const auto& d : *list) items.push_back(DeadLetterJson(d));
                 res.set_header("Cache-Control", "no-store");
                 res.set_content(
                     Json{{"items", items}}.dump(-1, ' ', false, Json::error_handler_t::replace),
                     "application/json");
               }));
  const std::string resend = base + R"(/(\d+)/resend)";
  server.Route(
      "POST", resend, base + "/{id}/resend",
      Authed(inbox, true, [&, wake](const auto& req, auto& res, const Session& s, const Json&) {
        std::int64_t id = 0;
        const std::string& text = req.matches[1];
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (ec != std::errc() || p != text.data() + text.size()) {
          return http::SendError(
              res, core::MakeError(core::ErrorCode::kNotFound, "no such dead letter"));
        }
        const auto now = inbox.clock().Now();
        Audit audit{s.officer_id, "dead_letter_resend", "outbox:" + std::to_string(id), "",
                    req.remote_addr};
        auto st = deliveries.Resend(s.agency_code, id, now,
                                    [&](store::Db& db) { AppendAudit(db, audit, now); });
        if (!st.ok()) return http::SendError(res, st.error());
        if (wake) wake();
        res.status = 202;
        res.set_content(Json{{"ok", true}}.dump(), "application/json");
      }));
}

}  // namespace gw::gateway::inbox
