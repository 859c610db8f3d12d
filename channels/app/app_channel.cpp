// JSON contract of the app/web chat channel.
#include "channels/app/app_channel.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "channels/common/constant_time.hpp"

namespace gw::channels::app {
namespace {

using core::ErrorCode;
using core::MakeError;

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsBlank(std::string_view s) {
  for (unsigned char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

nlohmann::json RepliesJson(const std::vector<core::Reply>& replies) {
  auto arr = nlohmann::json::array();
  for (const auto& r : replies) {
    nlohmann::json j = {{"text", r.text}};
    if (r.rejection) j["reason_code"] = std::string(r.rejection->code_name());
    if (!r.options.empty()) {
      auto opts = nlohmann::json::array();
      for (const auto& o : r.options) opts.push_back({{"id", o.id}, {"label", o.label}});
      j["options"] = std::move(opts);
    }
    arr.push_back(std::move(j));
  }
  return arr;
}

}  // namespace

core::Status Authenticate(std::optional<std::string_view> authorization, const AppConfig& config) {
  if (!authorization) {
    if (config.demo_accept_bare_user_id) return core::Ok{};
    return MakeError(ErrorCode::kUnauthorized, "missing Authorization: Bearer <app token>");
  }
  constexpr std::string_view kPrefix = "Bearer ";
  if (!authorization->starts_with(kPrefix)) {
    return MakeError(ErrorCode::kUnauthorized, "Authorization must be \"Bearer <app token>\"");
  }
  std::string_view token = authorization->substr(kPrefix.size());
  bool match = false;
  // Compare against every token (no early exit) so timing says nothing about which matched.
  for (const auto& t : config.tokens) match |= common::ConstantTimeEquals(token, t);
  if (!match) return MakeError(ErrorCode::kUnauthorized, "unknown app token");
  return core::Ok{};
}

core::Status ValidateUserId(std::string_view id) {
  if (id.empty() || id.size() > 128) {
    return MakeError(ErrorCode::kInvalidArgument, "user_id: expected 1 to 128 characters");
  }
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ':' || c == '@';
    if (!ok) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "user_id: only letters, digits and - _ . : @ are allowed");
    }
  }
  return core::Ok{};
}

core::Result<core::InboundMessage> ParseMessageRequest(std::string_view body,
                                                       std::string_view remote_addr,
                                                       core::TimePoint received_at,
                                                       const AppConfig& config) {
  nlohmann::json j;
  try {
    // nlohmann's lexer rejects ill-formed UTF-8 inside strings, so invalid UTF-8 ends here too.
    j = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("malformed JSON: {}", e.what()));
  }
  if (!j.is_object()) return MakeError(ErrorCode::kInvalidArgument, "expected a JSON object");
  for (const auto& [key, value] : j.items()) {
    if (key != "user_id" && key != "text" && key != "message_id") {
      return MakeError(ErrorCode::kInvalidArgument, fmt::format("{}: unknown field", key));
    }
  }
  auto user = j.find("user_id");
  if (user == j.end()) return MakeError(ErrorCode::kInvalidArgument, "user_id: required");
  if (!user->is_string())
    return MakeError(ErrorCode::kInvalidArgument, "user_id: expected a string");
  auto text = j.find("text");
  if (text == j.end()) return MakeError(ErrorCode::kInvalidArgument, "text: required");
  if (!text->is_string()) return MakeError(ErrorCode::kInvalidArgument, "text: expected a string");

  core::InboundMessage m;
  m.channel = core::ChannelKind::kApp;
  m.sender = user->get<std::string>();
  if (auto st = ValidateUserId(m.sender); !st.ok()) return st.error();
  m.text = text->get<std::string>();
  if (IsBlank(m.text)) return MakeError(ErrorCode::kInvalidArgument, "text: must not be empty");
  if (CountCodePoints(m.text) > static_cast<std::size_t>(config.max_text_chars)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("text: longer than {} characters", config.max_text_chars));
  }
  if (auto id = j.find("message_id"); id != j.end()) {
    if (!id->is_string() || id->get_ref<const std::string&>().empty() ||
        id->get_ref<const std::string&>().size() > 128) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "message_id: expected a string of 1 to 128 characters");
    }
    m.provider_message_id = id->get<std::string>();
  }
  m.receiver = std::string(kAppReceiver);
  m.origin = std::string(remote_addr);
  m.raw_payload = std::string(body);
  m.content_type = "application/json";
  m.received_at = received_at;
  return m;
}

std::string RenderReplies(const std::vector<core::Reply>& replies) {
  return nlohmann::json{{"replies", RepliesJson(replies)}}.dump();
}

std::string RenderResponse(std::int64_t conversation_id, const std::vector<core::Reply>& replies) {
  return nlohmann::json{{"conversation_id", conversation_id}, {"replies", RepliesJson(replies)}}
      .dump();
}

std::string RenderResponse(std::int64_t conversation_id, std::string_view rendered_replies) {
  // rendered_replies is the object {"replies":[...]}: splice the id in front of its first key.
  std::string out = "{\"conversation_id\":" + std::to_string(conversation_id) + ",";
  out.append(rendered_replies.substr(1));
  return out;
}

std::string RenderHistory(const std::vector<core::StoredMessage>& messages) {
  auto arr = nlohmann::json::array();
  for (const auto& m : messages) {
    nlohmann::json j = {{"id", m.id},
                        {"direction", m.direction},
                        {"channel", core::ChannelName(m.channel)},
                        {"text", m.text},
                        {"at", core::FormatTimestamp(m.at)}};
    if (m.reason_code) j["reason_code"] = *m.reason_code;
    if (!m.options.empty()) {
      auto opts = nlohmann::json::array();
      for (const auto& o : m.options) opts.push_back({{"id", o.id}, {"label", o.label}});
      j["options"] = std::move(opts);
    }
    arr.push_back(std::move(j));
  }
  return nlohmann::json{{"messages", std::move(arr)}}.dump();
}

}  // namespace gw::channels::app
