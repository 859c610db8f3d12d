// Path-tracking config reader and ${ENV} substitution.
#include "core/config_reader.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gw::core {
namespace {

std::string Describe(const nlohmann::json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

void SubstituteEnv(nlohmann::json& j, const std::string& path, ConfigErrors& errors,
                   const std::function<const char*(const char*)>& getenv_fn) {
  if (j.is_object()) {
    for (auto& [k, v] : j.items()) {
      if (k.starts_with("//")) continue;  // comments may mention ${NAME} as an example
      SubstituteEnv(v, path.empty() ? k : path + "." + k, errors, getenv_fn);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      SubstituteEnv(j[i], fmt::format("{}[{}]", path, i), errors, getenv_fn);
    }
  } else if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s.find("${") == std::string::npos) return;
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
      auto start = s.find("${", i);
      if (start == std::string::npos) {
        out.append(s, i);
        break;
      }
      out.append(s, i, start - i);
      auto end = s.find('}', start);
      if (end == std::string::npos) {
        errors.Add(path, "unterminated ${ in string");
        return;
      }
      std::string name = s.substr(start + 2, end - start - 2);
      const char* value = getenv_fn(name.c_str());
      if (value == nullptr) {
        errors.Add(path, fmt::format("environment variable {} is not set", name));
        return;
      }
      out.append(value);
      i = end + 1;
    }
    j = out;
  }
}

}  // namespace

void ConfigErrors::Add(std::string_view path, std::string_view reason) {
  lines_.push_back(fmt::format("{}: {}", path.empty() ? "(root)" : path, reason));
}

ConfigNode::ConfigNode(const nlohmann::json* json, std::string path, ConfigErrors* errors)
    : json_(json), path_(std::move(path)), errors_(errors) {
  if (json_ != nullptr && !json_->is_object()) {
    errors_->Add(path_, fmt::format("expected an object, got {}", Describe(*json_)));
    json_ = nullptr;
  }
}

std::string ConfigNode::KeyPath(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

bool ConfigNode::Has(std::string_view key) const {
  return json_ != nullptr && json_->contains(key);
}

const nlohmann::json* ConfigNode::Get(std::string_view key) {
  known_.insert(std::string(key));
  if (json_ == nullptr) return nullptr;
  auto it = json_->find(key);
  if (it == json_->end() || it->is_null()) return nullptr;
  return &*it;
}

void ConfigNode::Expected(std::string_view key, std::string_view what, const nlohmann::json& got) {
  errors_->Add(KeyPath(key), fmt::format("expected {}, got {}", what, Describe(got)));
}

std::string ConfigNode::String(std::string_view key, std::string def, bool required) {
  const auto* v = Get(key);
  if (v == nullptr) {
    if (required) errors_->Add(KeyPath(key), "is required");
    return def;
  }
  if (!v->is_string()) {
    Expected(key, "a string", *v);
    return def;
  }
  if (required && v->get_ref<const std::string&>().empty()) {
    errors_->Add(KeyPath(key), "must not be empty");
  }
  return v->get<std::string>();
}

std::string ConfigNode::Enum(std::string_view key, std::string def,
                             const std::vector<std::string>& allowed) {
  const auto* v = Get(key);
  if (v == nullptr) return def;
  std::string list = fmt::format("{}", fmt::join(allowed, ", "));
  if (!v->is_string()) {
    Expected(key, "one of " + list, *v);
    return def;
  }
  const auto& s = v->get_ref<const std::string&>();
  for (const auto& a : allowed) {
    if (a == s) return s;
  }
  Expected(key, "one of " + list, *v);
  return def;
}

std::int64_t ConfigNode::Int(std::string_view key, std::int64_t def, std::int64_t min,
                             std::int64_t max) {
  const auto* v = Get(key);
  if (v == nullptr) return def;
  std::string what = fmt::format("an integer {}..{}", min, max);
  if (!v->is_number_integer()) {
    Expected(key, what, *v);
    return def;
  }
  auto n = v->get<std::int64_t>();
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    Expected(key, what, *v);
    return def;
  }
  if (n < min || n > max) {
    Expected(key, what, *v);
    return def;
  }
  return n;
}

bool ConfigNode::Bool(std::string_view key, bool def) {
  const auto* v = Get(key);
  if (v == nullptr) return def;
  if (!v->is_boolean()) {
    Expected(key, "true or false", *v);
    return def;
  }
  return v->get<bool>();
}

std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || n < 0) return std::nullopt;
  std::string_view unit(ptr, text.data() + text.size() - ptr);
  using namespace std::chrono;
  if (unit == "ms" || unit.empty()) return milliseconds(n);
  if (unit == "s") return duration_cast<milliseconds>(seconds(n));
  if (unit == "m") return duration_cast<milliseconds>(minutes(n));
  if (unit == "h") return duration_cast<milliseconds>(hours(n));
  if (unit == "d") return duration_cast<milliseconds>(hours(24 * n));
  return std::nullopt;
}

std::chrono::milliseconds ConfigNode::Duration(std::string_view key, std::chrono::milliseconds def,
                                               std::chrono::milliseconds min,
                                               std::chrono::milliseconds max) {
  const auto* v = Get(key);
  if (v == nullptr) return def;
  std::string what = fmt::format("a duration {}ms..{}ms (like \"30s\", \"250ms\", \"5m\")",
                                 min.count(), max.count());
  std::optional<std::chrono::milliseconds> d;
  if (v->is_number_integer() && v->get<std::int64_t>() >= 0) {
    d = std::chrono::milliseconds(v->get<std::int64_t>());
  } else if (v->is_string()) {
    d = ParseDuration(v->get_ref<const std::string&>());
  }
  if (!d || *d < min || *d > max) {
    Expected(key, what, *v);
    return def;
  }
  return *d;
}

std::vector<std::string> ConfigNode::StringList(std::string_view key) {
  std::vector<std::string> out;
  const auto* v = Get(key);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    Expected(key, "an array of strings", *v);
    return out;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& e = (*v)[i];
    if (!e.is_string()) {
      errors_->Add(fmt::format("{}[{}]", KeyPath(key), i),
                   fmt::format("expected a string, got {}", Describe(e)));
      continue;
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

ConfigNode ConfigNode::Object(std::string_view key) {
  return ConfigNode(Get(key), KeyPath(key), errors_);
}

void ConfigNode::ObjectArray(std::string_view key, const std::function<void(ConfigNode&)>& each) {
  const auto* v = Get(key);
  if (v == nullptr) return;
  if (!v->is_array()) {
    Expected(key, "an array of objects", *v);
    return;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    ConfigNode node(&(*v)[i], fmt::format("{}[{}]", KeyPath(key), i), errors_);
    each(node);
    node.Finish();
  }
}

std::vector<std::string> ConfigNode::Keys() {
  std::vector<std::string> out;
  if (json_ == nullptr) return out;
  for (const auto& [k, v] : json_->items()) {
    if (k.starts_with("//")) continue;
    known_.insert(k);
    out.push_back(k);
  }
  return out;
}

void ConfigNode::Finish() {
  if (json_ == nullptr) return;
  for (const auto& [k, v] : json_->items()) {
    // Keys starting with "//" are comments, so example files can explain themselves.
    if (k.starts_with("//")) continue;
    if (!known_.contains(k)) errors_->Add(KeyPath(k), "unknown key");
  }
}

Result<nlohmann::json> ParseConfigText(std::string_view text, std::string_view source_name,
                                       const std::function<const char*(const char*)>& getenv_fn) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("{}: {}", source_name, e.what()));
  }
  ConfigErrors errors;
  SubstituteEnv(j, "", errors, getenv_fn);
  if (!errors.empty()) {
    std::vector<std::string> lines;
    for (const auto& l : errors.lines()) lines.push_back(fmt::format("{}: {}", source_name, l));
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("{}", fmt::join(lines, "\n")));
  }
  return j;
}

Result<nlohmann::json> LoadConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, fmt::format("{}: cannot open file", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseConfigText(ss.str(), path, [](const char* n) { return std::getenv(n); });
}

}  // namespace gw::core
