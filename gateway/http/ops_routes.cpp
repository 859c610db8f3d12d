// Liveness, readiness and metrics endpoints.
#include <nlohmann/json.hpp>

#include "gateway/http/errors.hpp"
#include "gateway/http/routes.hpp"

namespace gw::gateway::http {

void RegisterOpsRoutes(HttpServer& server, core::ConversationStore& store, Metrics& metrics) {
  server.Route("GET", "/healthz", "/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", "application/json");
  });
  server.Route("GET", "/readyz", "/readyz",
               [&store](const httplib::Request&, httplib::Response& res) {
                 auto ping = store.Ping();
                 if (!ping.ok()) return SendError(res, ping.error());
                 res.set_content(R"({"status":"ready"})", "application/json");
               });
  server.Route("GET", "/metrics", "/metrics",
               [&metrics](const httplib::Request&, httplib::Response& res) {
                 res.set_content(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
               });
}

}  // namespace gw::gateway::http
