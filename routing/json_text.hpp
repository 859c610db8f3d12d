// Shared helpers of the routing loaders: JSON text in, "source: path: reason" errors out.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "core/config_reader.hpp"
#include "core/result.hpp"
#include "routing/civil_date.hpp"

namespace gw::routing {

// Parses catalogue text. No ${ENV} substitution (unlike config files): catalogue text is data, and
// a "${" in a Vietnamese sentence must stay as written.
core::Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view source_name);

// One kInvalidArgument error holding every line, each prefixed with the source name.
core::Error ToError(const core::ConfigErrors& errors, std::string_view source_name);

// A "YYYY-MM-DD" string; reports "expected a date YYYY-MM-DD, got ..." at the key's path.
std::optional<Date> ReadDate(core::ConfigNode& node, std::string_view key, bool required);
// An array of such strings; a bad element is reported at "key[i]".
std::vector<Date> ReadDateList(core::ConfigNode& node, std::string_view key);

// ConfigNode::Enum for a key that must be present ("is required" when missing or null).
std::string RequiredEnum(core::ConfigNode& node, std::string_view key,
                         const std::vector<std::string>& allowed);

// "path.key", as ConfigNode reports it.
std::string KeyPath(const core::ConfigNode& node, std::string_view key);

}  // namespace gw::routing
