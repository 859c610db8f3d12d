// The procedure catalogue: loaded from JSON text (config/catalog/procedures.json, compiled into
// the binary) and refreshable from a one-stop backend's catalogue endpoint, never hard-coded,
// because procedure codes, fees and time limits change with every reform.
//
// A Catalog is an immutable value: a refresh makes a new one, so readers holding the old one (or
// a Procedure pointer into it) are never disturbed. Copies are cheap enough for a refresh path.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "routing/procedure.hpp"

namespace gw::routing {

class Catalog {
 public:
  // The catalogue file: {"version": "...", "procedures": [ {...}, ... ]}. Every problem is reported
  // at once, one "<source_name>: <path>: <reason>" line each: unknown keys, bad values, duplicate
  // slugs or codes.
  static core::Result<Catalog> Parse(std::string_view json_text, std::string_view source_name);

  // Applies a backend's catalogue response (same shape as the file) and returns the new catalogue.
  // For a slug already known, each key the backend sends replaces the local key wholesale and keys
  // it omits are kept, so a backend may send only {"slug", "code", "fees"}; a new code without a
  // code_source is marked "verified: <source_name>", the backend being the agency's own record.
  // An unknown slug adds a procedure, which must then be complete. Errors carry the backend's
  // paths; on any error nothing changes.
  core::Result<Catalog> MergeFromBackend(std::string_view json_text,
                                         std::string_view source_name) const;

  const Procedure* BySlug(std::string_view slug) const;
  const Procedure* ByCode(std::string_view code) const;
  const std::vector<Procedure>& procedures() const { return procedures_; }
  const std::string& version() const { return version_; }

 private:
  // Each procedure's JSON object and the path its errors are reported at.
  struct Source {
    nlohmann::json json;
    std::string path;
  };
  static core::Result<Catalog> Build(std::vector<Source> sources, std::string version,
                                     std::string_view source_name);

  std::string version_;
  std::vector<nlohmann::json> json_;  // the objects procedures_ came from: the base of a merge
  std::vector<Procedure> procedures_;
  std::map<std::string, std::size_t, std::less<>> by_slug_;
  std::map<std::string, std::size_t, std::less<>> by_code_;
};

}  // namespace gw::routing
