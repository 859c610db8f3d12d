// The inbox web UI's static files, compiled into the binary.
#include "embedded/inbox_web.hpp"
#include "gateway/inbox/inbox_http.hpp"

namespace gw::gateway::inbox {

void RegisterInboxWeb(http::HttpServer& server) {
  struct File {
    const char* route;
    const char* name;
    const char* type;
  };
  static constexpr File kFiles[] = {
      {"/inbox", "index.html", "text/html; charset=utf-8"},
      {"/inbox/inbox.css", "inbox.css", "text/css; charset=utf-8"},
      {"/inbox/inbox.js", "inbox.js", "text/javascript; charset=utf-8"},
      {"/inbox/vi.json", "vi.json", "application/json; charset=utf-8"},
      {"/inbox/en.json", "en.json", "application/json; charset=utf-8"},
  };
  for (const File& f : kFiles) {
    auto data = embedded::inbox_web::Find(f.name);
    if (!data) continue;
    const char* type = f.type;
    server.Route(
        "GET", f.route, f.route, [data, type](const httplib::Request&, httplib::Response& res) {
          // Nothing from elsewhere, no inline script or style, no framing: an injected string in a
          // citizen's message has nowhere to run even if an escape were missed.
          res.set_header("Content-Security-Policy",
                         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' "
                         "data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                         "form-action 'self'");
          res.set_header("X-Content-Type-Options", "nosniff");
          res.set_header("Referrer-Policy", "no-referrer");
          res.set_header("X-Frame-Options", "DENY");
          res.set_header("Cache-Control", "no-cache");
          res.set_content(data->data(), data->size(), type);
        });
  }
}

}  // namespace gw::gateway::inbox
