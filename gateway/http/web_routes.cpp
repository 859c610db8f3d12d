// The citizen web chat's static files, compiled into the binary.
#include "embedded/web.hpp"
#include "gateway/http/routes.hpp"
#include "locales/catalog.hpp"

namespace gw::gateway::http {
namespace {

void SetStaticHeaders(httplib::Response& res) {
  // The page loads nothing from elsewhere and runs no inline script: say so to the browser.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-cache");
}

void ServeEmbedded(HttpServer& server, const std::string& route, std::string_view file,
                   const char* content_type) {
  auto data = embedded::web::Find(file);
  if (!data) return;
  server.Route("GET", route, route,
               [data, content_type](const httplib::Request&, httplib::Response& res) {
                 SetStaticHeaders(res);
                 res.set_content(data->data(), data->size(), content_type);
               });
}

}  // namespace

void RegisterWebRoutes(HttpServer& server) {
  ServeEmbedded(server, "/", "index.html", "text/html; charset=utf-8");
  ServeEmbedded(server, "/chat.css", "chat.css", "text/css; charset=utf-8");
  ServeEmbedded(server, "/chat.js", "chat.js", "text/javascript; charset=utf-8");
  for (std::string lang : {"vi", "en"}) {
    auto data = locales::EmbeddedLocaleFile(lang + "/web.json");
    if (!data) continue;
    const std::string route = "/locales/" + lang + "/web.json";
    server.Route("GET", route, route, [data](const httplib::Request&, httplib::Response& res) {
      SetStaticHeaders(res);
      res.set_content(data->data(), data->size(), "application/json; charset=utf-8");
    });
  }
}

}  // namespace gw::gateway::http
