// JSON parsing and error formatting shared by the catalogue, route table and calendar loaders.
#include "routing/json_text.hpp"

#include <fmt/format.h>

namespace gw::routing {

core::Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view source_name) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("{}: {}", source_name, e.what()));
  }
}

core::Error ToError(const core::ConfigErrors& errors, std::string_view source_name) {
  std::string msg;
  for (const auto& line : errors.lines()) {
    if (!msg.empty()) msg += '\n';
    msg += fmt::format("{}: {}", source_name, line);
  }
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(msg));
}

std::string KeyPath(const core::ConfigNode& node, std::string_view key) {
  return node.path().empty() ? std::string(key) : fmt::format("{}.{}", node.path(), key);
}

std::string RequiredEnum(core::ConfigNode& node, std::string_view key,
                         const std::vector<std::string>& allowed) {
  const auto before = node.errors().lines().size();
  std::string v = node.Enum(key, "", allowed);
  if (v.empty() && node.errors().lines().size() == before) {
    node.errors().Add(KeyPath(node, key), "is required");
  }
  return v;
}

std::optional<Date> ReadDate(core::ConfigNode& node, std::string_view key, bool required) {
  const auto before = node.errors().lines().size();
  std::string s = node.String(key, "", required);
  if (node.errors().lines().size() != before || s.empty()) return std::nullopt;
  auto d = ParseDate(s);
  if (!d) {
    node.errors().Add(KeyPath(node, key), fmt::format("expected a date YYYY-MM-DD, got \"{}\"", s));
  }
  return d;
}

std::vector<Date> ReadDateList(core::ConfigNode& node, std::string_view key) {
  std::vector<Date> out;
  const auto before = node.errors().lines().size();
  auto items = node.StringList(key);
  // StringList skips (and reports) non-strings, which would shift the indices below: when it
  // reported anything, its paths are the exact ones and the dates are not checked further.
  if (node.errors().lines().size() != before) return out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto d = ParseDate(items[i]);
    if (!d) {
      node.errors().Add(fmt::format("{}[{}]", KeyPath(node, key), i),
                        fmt::format("expected a date YYYY-MM-DD, got \"{}\"", items[i]));
      continue;
    }
    out.push_back(*d);
  }
  return out;
}

}  // namespace gw::routing
