// Percent-encoding and query strings, the way providers put them in URLs and webhooks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace gw::net {

// Keeps RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) and writes every other byte as
// %XX with upper-case hex, so the result is safe in any URL component.
std::string PercentEncode(std::string_view bytes);

// Decodes a query component: '+' is the byte 0x20 and %XX is one byte. The result is bytes, not
// necessarily UTF-8 (Kannel sends UTF-16BE this way). nullopt when a %-escape is malformed.
std::optional<std::string> FormDecode(std::string_view text);

// The raw "name=value" segments between '&'s, empty ones included, so that joining them with '&'
// gives the query back byte for byte.
std::vector<std::string_view> QuerySegments(std::string_view query);

struct QueryParam {
  std::string name;
  std::string value;  // decoded bytes
};

// Splits "a=1&b=%20" (without the leading '?') into decoded pairs, in order. Empty segments
// ("a=1&&b=2") are skipped. Errors name the offending parameter.
core::Result<std::vector<QueryParam>> ParseQuery(std::string_view query);

// "a=1&b=x%20y" from pairs, each name and value percent-encoded.
std::string BuildQuery(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace gw::net
