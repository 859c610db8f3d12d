// Error-to-status mapping and JSON error bodies.
#include "gateway/http/errors.hpp"

#include <nlohmann/json.hpp>

#include "core/log.hpp"

namespace gw::gateway::http {
namespace {

struct Row {
  core::ErrorCode code;
  int status;
  std::string_view wire;
};

constexpr Row kTable[] = {
    {core::ErrorCode::kInvalidArgument, 400, "invalid_argument"},
    {core::ErrorCode::kUnauthorized, 401, "unauthorized"},
    {core::ErrorCode::kForbidden, 403, "forbidden"},
    {core::ErrorCode::kNotFound, 404, "not_found"},
    {core::ErrorCode::kMethodNotAllowed, 405, "method_not_allowed"},
    {core::ErrorCode::kConflict, 409, "conflict"},
    {core::ErrorCode::kPayloadTooLarge, 413, "payload_too_large"},
    {core::ErrorCode::kUnsupportedMediaType, 415, "unsupported_media_type"},
    {core::ErrorCode::kUnprocessable, 422, "unprocessable"},
    {core::ErrorCode::kRateLimited, 429, "rate_limited"},
    {core::ErrorCode::kInternal, 500, "internal"},
    {core::ErrorCode::kUnavailable, 503, "unavailable"},
};

const Row& Find(core::ErrorCode code) {
  for (const Row& r : kTable) {
    if (r.code == code) return r;
  }
  return kTable[10];  // internal
}

}  // namespace

int HttpStatus(core::ErrorCode code) {
  return Find(code).status;
}
std::string_view WireCode(core::ErrorCode code) {
  return Find(code).wire;
}

std::string ErrorBody(std::string_view wire_code, std::string_view message) {
  // Messages may quote bytes from a bad request; replace invalid UTF-8 rather than throw.
  return nlohmann::json{{"error", {{"code", wire_code}, {"message", message}}}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void SendError(httplib::Response& res, const core::Error& error) {
  res.status = HttpStatus(error.code);
  res.set_content(ErrorBody(WireCode(error.code), error.message), "application/json");
  if (!error.detail.empty()) {
    core::Logger("gateway.http")
        .Warn("request failed", {{"status", std::to_string(res.status)},
                                 {"error", error.message},
                                 {"detail", error.detail}});
  }
}

}  // namespace gw::gateway::http
