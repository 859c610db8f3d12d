// The app/web chat API.
#include <charconv>

#include "channels/app/app_channel.hpp"
#include "gateway/http/errors.hpp"
#include "gateway/http/routes.hpp"

namespace gw::gateway::http {
namespace {

namespace app = channels::app;

std::optional<std::string_view> Header(const httplib::Request& req, const char* name) {
  auto it = req.headers.find(name);
  if (it == req.headers.end()) return std::nullopt;
  return std::string_view(it->second);
}

bool IsJson(const httplib::Request& req) {
  auto type = Header(req, "Content-Type");
  return type && (type->starts_with("application/json") || type->starts_with("application/json;"));
}

std::optional<std::int64_t> ParseNonNegative(const std::string& s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

void RegisterAppRoutes(HttpServer& server, Intake& intake, core::ConversationStore& store,
                       const app::AppConfig& config, const core::Clock& clock) {
  const std::string path = "/api/v1/app/messages";
  server.Route(
      "POST", path, path, [&, config](const httplib::Request& req, httplib::Response& res) {
        if (auto auth = app::Authenticate(Header(req, "Authorization"), config); !auth.ok()) {
          return SendError(res, auth.error());
        }
        if (!IsJson(req)) {
          return SendError(res, core::MakeError(core::ErrorCode::kUnsupportedMediaType,
                                                "Content-Type must be application/json"));
        }
        auto message = app::ParseMessageRequest(req.body, req.remote_addr, clock.Now(), config);
        if (!message.ok()) return SendError(res, message.error());
        auto turn =
            intake.Handle(std::move(message).value(), app::RenderReplies, "application/json");
        if (!turn.ok()) return SendError(res, turn.error());
        res.set_content(app::RenderResponse(turn->receipt.conversation_id, turn->rendered_replies),
                        "application/json");
      });
  server.Route("GET", path, path, [&, config](const httplib::Request& req, httplib::Response& res) {
    if (auto auth = app::Authenticate(Header(req, "Authorization"), config); !auth.ok()) {
      return SendError(res, auth.error());
    }
    const std::string user_id = req.get_param_value("user_id");
    if (auto valid = app::ValidateUserId(user_id); !valid.ok())
      return SendError(res, valid.error());
    std::int64_t after = 0;
    if (req.has_param("after")) {
      auto v = ParseNonNegative(req.get_param_value("after"));
      if (!v) {
        return SendError(res, core::MakeError(core::ErrorCode::kInvalidArgument,
                                              "after: expected a non-negative integer"));
      }
      after = *v;
    }
    std::int64_t limit = 100;
    if (req.has_param("limit")) {
      auto v = ParseNonNegative(req.get_param_value("limit"));
      if (!v || *v < 1 || *v > 500) {
        return SendError(res, core::MakeError(core::ErrorCode::kInvalidArgument,
                                              "limit: expected an integer 1..500"));
      }
      limit = *v;
    }
    auto messages = store.RecentMessages(core::Contact{core::ChannelKind::kApp, user_id}, after,
                                         static_cast<int>(limit));
    if (!messages.ok()) return SendError(res, messages.error());
    res.set_content(app::RenderHistory(*messages), "application/json");
  });
}

}  // namespace gw::gateway::http
