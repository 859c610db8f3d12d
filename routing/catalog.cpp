// Catalogue loading, indexing, duplicate checks and the merge of a backend's catalogue response.
#include "routing/catalog.hpp"

#include <fmt/format.h>

#include "core/config_reader.hpp"
#include "routing/json_text.hpp"
#include "routing/procedure_parser.hpp"

namespace gw::routing {
namespace {

// Reads the root {"version", "procedures": [...]} shape shared by the file and backend responses.
// Returns the array (or null after reporting why there is none).
const nlohmann::json* ReadRoot(const nlohmann::json& root_json, core::ConfigErrors& errors,
                               std::string& version) {
  core::ConfigNode root(&root_json, "", &errors);
  version = root.String("version");
  root.Claim("procedures");
  root.Finish();
  if (!root_json.is_object()) return nullptr;
  auto it = root_json.find("procedures");
  if (it == root_json.end() || it->is_null()) {
    errors.Add("procedures", "is required");
    return nullptr;
  }
  if (!it->is_array()) {
    errors.Add("procedures", "expected an array of procedure objects");
    return nullptr;
  }
  return &*it;
}

}  // namespace

core::Result<Catalog> Catalog::Parse(std::string_view json_text, std::string_view source_name) {
  auto json = ParseJsonText(json_text, source_name);
  if (!json.ok()) return json.error();
  core::ConfigErrors errors;
  std::string version;
  const nlohmann::json* list = ReadRoot(*json, errors, version);
  if (list == nullptr) return ToError(errors, source_name);
  if (list->empty()) errors.Add("procedures", "needs at least one procedure");
  if (!errors.empty()) return ToError(errors, source_name);
  std::vector<Source> sources;
  for (std::size_t i = 0; i < list->size(); ++i) {
    sources.push_back(Source{(*list)[i], fmt::format("procedures[{}]", i)});
  }
  return Build(std::move(sources), std::move(version), source_name);
}

core::Result<Catalog> Catalog::Build(std::vector<Source> sources, std::string version,
                                     std::string_view source_name) {
  core::ConfigErrors errors;
  Catalog c;
  c.version_ = std::move(version);
  std::vector<std::string> paths;  // parallel to c.procedures_, for "also <path>" in duplicates
  for (auto& src : sources) {
    if (!src.json.is_object()) {
      // Reported once here rather than as a cascade of "is required" for every key.
      errors.Add(src.path, fmt::format("expected an object, got {}", src.json.dump()));
      continue;
    }
    core::ConfigNode node(&src.json, src.path, &errors);
    Procedure p = ParseProcedure(node);
    node.Finish();
    const std::size_t index = c.procedures_.size();
    if (!p.slug.empty() && !c.by_slug_.emplace(p.slug, index).second) {
      errors.Add(src.path + ".slug", fmt::format("duplicate slug \"{}\" (also {})", p.slug,
                                                 paths[c.by_slug_.at(p.slug)]));
    }
    if (!p.code.empty() && !c.by_code_.emplace(p.code, index).second) {
      errors.Add(src.path + ".code", fmt::format("duplicate code \"{}\" (also {})", p.code,
                                                 paths[c.by_code_.at(p.code)]));
    }
    c.procedures_.push_back(std::move(p));
    c.json_.push_back(std::move(src.json));
    paths.push_back(std::move(src.path));
  }
  if (!errors.empty()) return ToError(errors, source_name);
  return c;
}

core::Result<Catalog> Catalog::MergeFromBackend(std::string_view json_text,
                                                std::string_view source_name) const {
  auto json = ParseJsonText(json_text, source_name);
  if (!json.ok()) return json.error();
  core::ConfigErrors errors;
  std::string version;
  const nlohmann::json* list = ReadRoot(*json, errors, version);
  if (list == nullptr) return ToError(errors, source_name);

  // Local procedures keep their index and, unless the backend touches them, a path that says they
  // are local; touched or added ones are reported at the backend's own path.
  std::vector<Source> sources;
  for (std::size_t i = 0; i < json_.size(); ++i) {
    sources.push_back(Source{json_[i], fmt::format("(local) procedures[{}]", i)});
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& entry = (*list)[i];
    const std::string path = fmt::format("procedures[{}]", i);
    if (!entry.is_object()) {
      errors.Add(path, fmt::format("expected an object, got {}", entry.dump()));
      continue;
    }
    auto slug_it = entry.find("slug");
    if (slug_it == entry.end() || !slug_it->is_string() || slug_it->get<std::string>().empty()) {
      errors.Add(path + ".slug", "is required: it names the procedure to update");
      continue;
    }
    auto known = by_slug_.find(slug_it->get_ref<const std::string&>());
    if (known == by_slug_.end()) {
      sources.push_back(Source{entry, path});
      continue;
    }
    Source& target = sources[known->second];
    for (const auto& [key, value] : entry.items()) target.json[key] = value;
    if (entry.contains("code") && !entry.contains("code_source")) {
      target.json["code_source"] = fmt::format("verified: {}", source_name);
    }
    target.path = path;
  }
  if (!errors.empty()) return ToError(errors, source_name);
  return Build(std::move(sources), version.empty() ? version_ : std::move(version), source_name);
}

const Procedure* Catalog::BySlug(std::string_view slug) const {
  auto it = by_slug_.find(slug);
  return it == by_slug_.end() ? nullptr : &procedures_[it->second];
}

const Procedure* Catalog::ByCode(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &procedures_[it->second];
}

}  // namespace gw::routing
