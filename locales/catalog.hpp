// Message catalogs: citizen-facing texts by key, per language, as ICU MessageFormat patterns.
//
// Catalog files are flat JSON objects (key -> pattern) in locales/<lang>/messages.json, compiled
// into the binary. Patterns use named arguments: "Mã hồ sơ của bạn là {code}."
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace gw::locales {

using MessageArg = std::variant<std::string, std::int64_t, double>;
using MessageArgs = std::vector<std::pair<std::string, MessageArg>>;

class Catalog {
 public:
  // Parses a flat JSON object of key -> pattern; every pattern is compiled once here, so a bad
  // pattern is an error at start-up naming its key.
  static core::Result<Catalog> Parse(std::string lang, std::string_view json_text);

  const std::string& lang() const { return lang_; }
  bool Has(std::string_view key) const;
  std::vector<std::string> Keys() const;

  // Formats `key` with `args`. A missing key yields the key itself (and is logged) so a gap in a
  // catalog shows up in review instead of crashing a conversation. Thread-safe.
  std::string Format(std::string_view key, const MessageArgs& args = {}) const;

 private:
  struct Entry;
  std::string lang_;
  std::map<std::string, std::shared_ptr<const Entry>, std::less<>> entries_;
};

// The catalogs compiled into the binary ("vi", "en"); "vi" is the default.
class Catalogs {
 public:
  static core::Result<Catalogs> LoadEmbedded();
  // The catalog for `lang`, or the Vietnamese one when there is none.
  const Catalog& For(std::string_view lang) const;
  const Catalog& vi() const { return For("vi"); }

 private:
  std::map<std::string, Catalog, std::less<>> by_lang_;
};

// Raw embedded locale files (web.json, abbreviations.tsv, ...) by path like "vi/web.json".
std::optional<std::string_view> EmbeddedLocaleFile(std::string_view path);

}  // namespace gw::locales
