// Tests of the error table and JSON error bodies.
#include "gateway/http/errors.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using gw::core::ErrorCode;

TEST_CASE("error classes map to statuses and wire codes") {
  CHECK(gw::gateway::http::HttpStatus(ErrorCode::kInvalidArgument) == 400);
  CHECK(gw::gateway::http::HttpStatus(ErrorCode::kUnauthorized) == 401);
  CHECK(gw::gateway::http::HttpStatus(ErrorCode::kNotFound) == 404);
  CHECK(gw::gateway::http::HttpStatus(ErrorCode::kMethodNotAllowed) == 405);
  CHECK(gw::gateway::http::HttpStatus(ErrorCode::kPayloadTooLarge) == 413);
  CHECK(gw::gateway::http::HttpStatus(ErrorCode::kUnsupportedMediaType) == 415);
  CHECK(gw::gateway::http::HttpStatus(ErrorCode::kUnprocessable) == 422);
  CHECK(gw::gateway::http::HttpStatus(ErrorCode::kUnavailable) == 503);
  CHECK(gw::gateway::http::HttpStatus(ErrorCode::kInternal) == 500);
  CHECK(gw::gateway::http::WireCode(ErrorCode::kUnprocessable) == "unprocessable");
}

TEST_CASE("error bodies are JSON even when the message quotes invalid UTF-8") {
  auto body = gw::gateway::http::ErrorBody("invalid_argument", "bad byte \xFF here");
  auto j = nlohmann::json::parse(body);
  CHECK(j["error"]["code"] == "invalid_argument");
  CHECK(j["error"]["message"].get<std::string>().find("bad byte") == 0);
}

TEST_CASE("SendError sets status and body but never the detail") {
  httplib::Response res;
  gw::gateway::http::SendError(
      res, gw::core::MakeError(ErrorCode::kUnavailable, "the store is unavailable",
                               "disk I/O error at /var/lib"));
  CHECK(res.status == 503);
  CHECK(res.body == R"({"error":{"code":"unavailable","message":"the store is unavailable"}})");
  CHECK(res.body.find("/var/lib") == std::string::npos);
}
