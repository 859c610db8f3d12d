// Typed reading of the JSON config, with every error reported by its path.
//
// Each module owns its config struct and a Parse function built on ConfigNode; defaults and
// bounds sit beside each field. Unknown keys are errors. (nlohmann-json appears here although core
// otherwise holds no third-party headers: every module's parser needs the same path-tracking
// reader, and core is the one library they all depend on.)
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace gw::core {

// Collects "path: reason" lines; shared by every node of one parse.
class ConfigErrors {
 public:
  void Add(std::string_view path, std::string_view reason);
  bool empty() const { return lines_.empty(); }
  const std::vector<std::string>& lines() const { return lines_; }

 private:
  std::vector<std::string> lines_;
};

class ConfigNode {
 public:
  // `json` may be null (a missing optional object reads as empty). Not owned; must outlive this.
  ConfigNode(const nlohmann::json* json, std::string path, ConfigErrors* errors);

  const std::string& path() const { return path_; }
  bool Has(std::string_view key) const;
  ConfigErrors& errors() const { return *errors_; }

  std::string String(std::string_view key, std::string def = {}, bool required = false);
  // One of `allowed`; reports the allowed values otherwise.
  std::string Enum(std::string_view key, std::string def, const std::vector<std::string>& allowed);
  std::int64_t Int(std::string_view key, std::int64_t def, std::int64_t min, std::int64_t max);
  bool Bool(std::string_view key, bool def);
  // "250ms", "30s", "5m", "48h", "2d", or a bare integer of milliseconds.
  std::chrono::milliseconds Duration(std::string_view key, std::chrono::milliseconds def,
                                     std::chrono::milliseconds min, std::chrono::milliseconds max);
  std::vector<std::string> StringList(std::string_view key);
  // A nested object; a missing key gives an empty node. Call Finish() on it too.
  ConfigNode Object(std::string_view key);
  // Calls `each` with a node for every element of an array of objects.
  void ObjectArray(std::string_view key, const std::function<void(ConfigNode&)>& each);
  // For maps keyed by name (e.g. "channels"): the keys present, each marked as known.
  std::vector<std::string> Keys();
  // Marks a key as read without reading it (its owner parses it elsewhere).
  void Claim(std::string_view key) { known_.insert(std::string(key)); }

  // Reports every key of this object that no getter asked for. Keys starting with "//" are
  // comments and are never reported.
  void Finish();

 private:
  const nlohmann::json* Get(std::string_view key);
  std::string KeyPath(std::string_view key) const;
  void Expected(std::string_view key, std::string_view what, const nlohmann::json& got);

  const nlohmann::json* json_;
  std::string path_;
  ConfigErrors* errors_;
  std::set<std::string, std::less<>> known_;
};

// Parses a config file's text: JSON, then ${ENV} substitution in every string value (a missing
// variable is an error naming its path). Parse errors give line and column.
Result<nlohmann::json> ParseConfigText(std::string_view text, std::string_view source_name,
                                       const std::function<const char*(const char*)>& getenv_fn);
Result<nlohmann::json> LoadConfigFile(const std::string& path);

// Parses "30s" etc.; nullopt when malformed.
std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text);

}  // namespace gw::core
