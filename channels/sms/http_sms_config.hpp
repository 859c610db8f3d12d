// Config of the generic HTTP SMS provider (channels.sms.http): Vietnamese brandname providers
// differ only in how a send request and its answer look, so both are described in config.
//
// clang-format off
//   "http": {
//     "brandname": "UBND TINH",
//     "request": {
//       "method": "POST", "url": "https://api.example.vn/sms/send", "format": "json",
//       "headers": {"Authorization": "Bearer ${SMS_API_TOKEN}"},
//       "body": "{\"to\":\"{to}\",\"text\":\"{text}\",\"brandname\":\"{brandname}\",\"requestId\":\"{id}\",\"unicode\":{unicode}}"
//     },
//     "response": {"status": "/code", "accepted": ["0"], "retryable": ["99"],
//                  "rejected": ["1", "2"], "message_id": "/data/msgId"}
//   }
// clang-format on
//
// Placeholders: {to} (number in number_format), {text}, {brandname}, {id} (the idempotency key;
// providers that deduplicate should get it), {unicode} (1 when the text needs UCS-2, else 0),
// {parts}. They are %-encoded in the URL and in form bodies and JSON-escaped in JSON bodies (so
// a string placeholder sits inside quotes there). Headers may use {id} and {brandname} only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "channels/sms/sms_address.hpp"
#include "core/config_reader.hpp"

namespace gw::channels::sms {

enum class BodyFormat { kJson, kForm };

struct HttpSmsConfig {
  std::string brandname;  // the registered sender name; see BrandnameError
  std::string method = "POST";
  std::string url;  // template
  BodyFormat format = BodyFormat::kJson;
  std::string body;  // template; empty for GET
  std::vector<std::pair<std::string, std::string>> headers;
  // Answer mapping. Without a status pointer the HTTP status alone decides.
  std::string status_pointer;  // JSON pointer, e.g. "/code"
  std::vector<std::string> accepted;
  std::vector<std::string> retryable;
  std::vector<std::string> rejected;  // informative: unknown values are rejections too
  std::string message_id_pointer;     // the provider's message id, e.g. "/data/msgId"
  int max_parts = 3;
  bool fold_diacritics = false;
  NumberFormat number_format = NumberFormat::kInternational;
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds timeout{15000};
  int max_connections = 8;
};

HttpSmsConfig ParseHttpSmsConfig(core::ConfigNode& node);

inline constexpr std::string_view kSmsPlaceholders[] = {"to", "text",    "brandname",
                                                        "id", "unicode", "parts"};

// The first placeholder of `tmpl` not in `allowed`, as the reason text
// ("unknown placeholder {txt} (known: {to}, {text}, ...)"); nullopt when all are known.
// A placeholder is '{' + lower-case letters or '_' + '}', so JSON braces are literal.
std::optional<std::string> TemplatePlaceholderError(std::string_view tmpl,
                                                    const std::vector<std::string_view>& allowed);

}  // namespace gw::channels::sms
