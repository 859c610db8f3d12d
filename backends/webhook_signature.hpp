// Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over
// "<webhook-id>.<webhook-timestamp>.<body>", sent as "v1,<base64>". Used by the connector's HMAC
// auth and by the simulator's status pushes to the gateway.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace gw::backends {

std::string Base64Encode(std::string_view bytes);
// Standard alphabet with padding; nullopt on any other character or a bad length.
std::optional<std::string> Base64Decode(std::string_view text);

// "whsec_<base64>" -> the key bytes (the base64-decoded part); nullopt when malformed or empty.
std::optional<std::string> ParseWebhookSecret(std::string_view secret);

// "v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>".
std::string WebhookSignature(std::string_view key, std::string_view id, std::int64_t timestamp_s,
                             std::string_view body);

// Checks the three headers' values against `body`: the timestamp must be within `tolerance` of
// `now` (replay window), and one of the space-separated signatures in `signature_header` must be
// a matching "v1," one (several are allowed while a secret rotates). Compares in constant time.
// kUnauthorized with a short reason otherwise.
core::Status VerifyWebhook(std::string_view key, std::string_view id, std::string_view timestamp,
                           std::string_view body, std::string_view signature_header,
                           core::TimePoint now, std::chrono::seconds tolerance);

// A random id with a prefix, e.g. "msg_3f9a..." (16 random bytes, hex), for webhook-id headers.
std::string RandomId(std::string_view prefix);

}  // namespace gw::backends
