// The one table from error classes to HTTP statuses and wire codes, and the JSON error body
// {"error":{"code","message"}} every failing response carries.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gw::gateway::http {

int HttpStatus(core::ErrorCode code);
std::string_view WireCode(core::ErrorCode code);  // "invalid_argument", "not_found", ...
std::string ErrorBody(std::string_view wire_code, std::string_view message);

// Sets status and JSON body; logs the error's detail (never sent to the caller).
void SendError(httplib::Response& res, const core::Error& error);

}  // namespace gw::gateway::http
