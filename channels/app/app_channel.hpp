// The app/web chat channel: the JSON contract of POST /api/v1/app/messages, parsed into an
// InboundMessage and rendered back. Replies travel synchronously in the HTTP response.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/app/app_config.hpp"
#include "core/result.hpp"
#include "core/store.hpp"
#include "core/types.hpp"

namespace gw::channels::app {

inline constexpr std::string_view kAppReceiver = "app";

// Checks `Authorization: Bearer <token>` against the configured tokens in constant time.
// `authorization` is the header's value, or nullopt when absent.
core::Status Authenticate(std::optional<std::string_view> authorization, const AppConfig& config);

// Parses and validates the request body {"user_id","text","message_id"?}. The body is kept as the
// raw payload for the data-message log. Errors name the offending field.
core::Result<core::InboundMessage> ParseMessageRequest(std::string_view body,
                                                       std::string_view remote_addr,
                                                       core::TimePoint received_at,
                                                       const AppConfig& config);

// Validates a user id as given in a query string (same rule as the body's user_id).
core::Status ValidateUserId(std::string_view user_id);

// {"replies":[{"text","reason_code"?,"options"?}]}: the outbound payload as logged.
std::string RenderReplies(const std::vector<core::Reply>& replies);
// The whole response: {"conversation_id":N,"replies":[...]}.
std::string RenderResponse(std::int64_t conversation_id, const std::vector<core::Reply>& replies);
// The same, from replies already rendered by RenderReplies (saves rendering them twice).
std::string RenderResponse(std::int64_t conversation_id, std::string_view rendered_replies);
// {"messages":[{"id","direction","text","reason_code"?,"options"?,"at"}]} for the history call.
std::string RenderHistory(const std::vector<core::StoredMessage>& messages);

}  // namespace gw::channels::app
