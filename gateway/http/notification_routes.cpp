// POST /api/v1/notifications (signed status pushes from one-stop backends) and
// GET /api/v1/notifications/{id}.
#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "backends/webhook_signature.hpp"
#include "gateway/http/errors.hpp"
#include "gateway/http/routes.hpp"
#include "gateway/status_push.hpp"
#include "gateway/store/message_log.hpp"

namespace gw::gateway::http {
namespace {

std::string Sha256Hex(std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(body.data(), body.size(), digest, &len, EVP_sha256(), nullptr);
  return store::ToHex(std::string_view(reinterpret_cast<const char*>(digest), len));
}

}  // namespace

nlohmann::json LegJson(const delivery::LegView& leg) {
  nlohmann::json j = {{"route", leg.route},       {"state", leg.state},
                      {"attempts", leg.attempts}, {"round", leg.round},
                      {"receipt", leg.receipt},   {"possible_duplicate", leg.possible_duplicate}};
  if (!leg.last_outcome.empty()) j["last_outcome"] = leg.last_outcome;
  if (!leg.detail.empty()) j["detail"] = leg.detail;
  if (leg.last_attempt_at) j["last_attempt_at"] = core::FormatTimestamp(*leg.last_attempt_at);
  return j;
}

void RegisterNotificationRoutes(HttpServer& server, core::NotificationStore& notifications,
                                delivery::DeliveryStore& deliveries,
                                const NotificationsConfig& config, std::function<void()> wake,
                                const core::Clock& clock) {
  std::vector<std::string> keys;
  for (const auto& s : config.secrets) {
    if (auto k = backends::ParseWebhookSecret(s)) keys.push_back(*k);
  }
  const std::string path = "/api/v1/notifications";
  server.Route(
      "POST", path, path,
      [&, keys, config, wake](const httplib::Request& req, httplib::Response& res) {
        const std::string id = req.get_header_value("webhook-id");
        const std::string ts = req.get_header_value("webhook-timestamp");
        const std::string sig = req.get_header_value("webhook-signature");
        if (id.empty() || ts.empty() || sig.empty()) {
          return SendError(
              res, core::MakeError(core::ErrorCode::kUnauthorized,
                                   "missing webhook-id, webhook-timestamp or webhook-signature"));
        }
        core::Status verified =
            core::MakeError(core::ErrorCode::kUnauthorized, "no backend secret configured");
        for (const auto& key : keys) {  // several secrets are active while one rotates
          verified =
              backends::VerifyWebhook(key, id, ts, req.body, sig, clock.Now(), config.tolerance);
          if (verified.ok()) break;
        }
        if (!verified.ok()) return SendError(res, verified.error());
        auto push = ParseStatusPush(req.body);
        if (!push.ok()) return SendError(res, push.error());
        auto receipt =
            notifications.RecordNotification(id, Sha256Hex(req.body), req.body, clock.Now());
        if (!receipt.ok()) return SendError(res, receipt.error());
        if (!receipt->duplicate && wake) wake();
        res.status = 202;
        res.set_content(nlohmann::json{{"notification_id", receipt->public_id}}.dump(),
                        "application/json");
      });
  // The id is 128 random bits: whoever holds it may read the delivery state (no personal data
  // beyond what the backend itself sent is shown).
  server.Route("GET", R"(/api/v1/notifications/(ntf_[0-9a-f]{32}))", path + "/{id}",
               [&](const httplib::Request& req, httplib::Response& res) {
                 auto view = notifications.GetNotification(req.matches[1]);
                 if (!view.ok()) return SendError(res, view.error());
                 if (!*view)
                   return SendError(
                       res, core::MakeError(core::ErrorCode::kNotFound, "no such notification"));
                 const auto& v = **view;
                 auto payload = nlohmann::json::parse(v.payload, nullptr, false);
                 nlohmann::json out = {{"notification_id", v.public_id},
                                       {"state", v.state},
                                       {"attempts", v.attempts},
                                       {"received_at", core::FormatTimestamp(v.created_at)},
                                       {"dossier_code", payload.value("dossier_code", "")},
                                       {"status", payload.value("status", "")}};
                 if (v.finished_at) out["finished_at"] = core::FormatTimestamp(*v.finished_at);
                 if (!v.detail.empty()) out["detail"] = v.detail;
                 auto legs = deliveries.Legs(v.public_id);
                 if (!legs.ok()) return SendError(res, legs.error());
                 nlohmann::json channels = nlohmann::json::array();
                 for (const auto& leg : *legs) channels.push_back(LegJson(leg));
                 out["deliveries"] = channels;
                 res.set_content(out.dump(), "application/json");
               });
}

}  // namespace gw::gateway::http
