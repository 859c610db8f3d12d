// Parsing of channels.sms.http.
#include "channels/sms/http_sms_config.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "channels/sms/kannel_config.hpp"

namespace gw::channels::sms {
namespace {

// Scans `tmpl` and calls `on_name` for each placeholder name.
template <typename F>
void ForEachPlaceholder(std::string_view tmpl, F on_name) {
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') continue;
    std::size_t j = i + 1;
    while (j < tmpl.size() && ((tmpl[j] >= 'a' && tmpl[j] <= 'z') || tmpl[j] == '_')) ++j;
    if (j > i + 1 && j < tmpl.size() && tmpl[j] == '}') {
      on_name(tmpl.substr(i + 1, j - i - 1));
      i = j;
    }
  }
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// A JSON body with every placeholder filled by awkward sample values must parse.
std::optional<std::string> JsonBodyError(std::string_view tmpl) {
  std::string filled;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    bool replaced = false;
    if (tmpl[i] == '{') {
      std::size_t j = i + 1;
      while (j < tmpl.size() && ((tmpl[j] >= 'a' && tmpl[j] <= 'z') || tmpl[j] == '_')) ++j;
      if (j > i + 1 && j < tmpl.size() && tmpl[j] == '}') {
        std::string_view name = tmpl.substr(i + 1, j - i - 1);
        filled += (name == "unicode" || name == "parts") ? "1" : "Th\\u1eed \\\"x\\\" \\n";
        i = j;
        replaced = true;
      }
    }
    if (!replaced) filled.push_back(tmpl[i]);
  }
  try {
    auto parsed = nlohmann::json::parse(filled);
    (void)parsed;
  } catch (const nlohmann::json::parse_error& e) {
    return fmt::format(
        "not valid JSON once the placeholders are filled in (string placeholders go inside "
        "quotes): {}",
        e.what());
  }
  return std::nullopt;
}

std::optional<std::string> PointerError(const std::string& pointer) {
  try {
    nlohmann::json::json_pointer p(pointer);
  } catch (const nlohmann::json::exception&) {
    return "expected a JSON pointer like \"/code\" or \"/data/id\"";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> TemplatePlaceholderError(std::string_view tmpl,
                                                    const std::vector<std::string_view>& allowed) {
  std::optional<std::string> error;
  ForEachPlaceholder(tmpl, [&](std::string_view name) {
    if (error) return;
    for (auto a : allowed) {
      if (a == name) return;
    }
    std::vector<std::string> shown;
    for (auto a : allowed) shown.push_back("{" + std::string(a) + "}");
    error = fmt::format("unknown placeholder {{{}}} (known: {})", name, fmt::join(shown, ", "));
  });
  return error;
}

HttpSmsConfig ParseHttpSmsConfig(core::ConfigNode& node) {
  using std::chrono::milliseconds;
  HttpSmsConfig c;
  const std::string& p = node.path();
  auto& errors = node.errors();
  const std::vector<std::string_view> all(std::begin(kSmsPlaceholders), std::end(kSmsPlaceholders));

  c.brandname = node.String("brandname", "", true);
  if (node.Has("brandname")) {
    if (auto e = BrandnameError(c.brandname); e && !c.brandname.empty()) {
      errors.Add(p + ".brandname", *e);
    }
  }
  c.max_parts = static_cast<int>(node.Int("max_parts", c.max_parts, 1, 10));
  c.fold_diacritics = node.Bool("fold_diacritics", false);
  c.number_format = ParseNumberFormat(node, NumberFormat::kInternational);
  c.connect_timeout =
      node.Duration("connect_timeout", c.connect_timeout, milliseconds(100), milliseconds(60000));
  c.timeout = node.Duration("timeout", c.timeout, milliseconds(100), milliseconds(120000));
  c.max_connections = static_cast<int>(node.Int("max_connections", c.max_connections, 1, 64));

  core::ConfigNode req = node.Object("request");
  if (!node.Has("request")) errors.Add(p + ".request", "is required");
  c.method = req.Enum("method", "POST", {"GET", "POST"});
  c.url = req.String("url", "", true);
  if (!c.url.empty()) {
    if (!c.url.starts_with("http://") && !c.url.starts_with("https://")) {
      errors.Add(req.path() + ".url", "expected an http:// or https:// URL");
    } else if (auto e = TemplatePlaceholderError(c.url, all)) {
      errors.Add(req.path() + ".url", *e);
    }
  }
  c.format = req.Enum("format", "json", {"json", "form"}) == "form" ? BodyFormat::kForm
                                                                    : BodyFormat::kJson;
  c.body = req.String("body");
  if (c.method == "GET" && !c.body.empty()) {
    errors.Add(req.path() + ".body", "not allowed with GET (put the fields in the url)");
  } else if (c.method == "POST" && c.body.empty() && node.Has("request")) {
    errors.Add(req.path() + ".body", "is required for POST");
  } else if (!c.body.empty()) {
    if (auto e = TemplatePlaceholderError(c.body, all)) {
      errors.Add(req.path() + ".body", *e);
    } else if (c.format == BodyFormat::kJson) {
      if (auto je = JsonBodyError(c.body)) errors.Add(req.path() + ".body", *je);
    }
  }
  core::ConfigNode headers = req.Object("headers");
  for (const std::string& name : headers.Keys()) {
    std::string value = headers.String(name, "", true);
    if (!IsToken(name)) {
      errors.Add(headers.path() + "." + name, "not a valid header name");
    } else if (value.find_first_of("\r\n") != std::string::npos) {
      errors.Add(headers.path() + "." + name, "must not contain line breaks");
    } else if (auto e = TemplatePlaceholderError(value, {"id", "brandname"})) {
      errors.Add(headers.path() + "." + name, *e);
    }
    c.headers.emplace_back(name, std::move(value));
  }
  headers.Finish();
  req.Finish();

  core::ConfigNode resp = node.Object("response");
  c.status_pointer = resp.String("status");
  c.accepted = resp.StringList("accepted");
  c.retryable = resp.StringList("retryable");
  c.rejected = resp.StringList("rejected");
  c.message_id_pointer = resp.String("message_id");
  if (!c.status_pointer.empty()) {
    if (auto e = PointerError(c.status_pointer)) errors.Add(resp.path() + ".status", *e);
    if (c.accepted.empty()) {
      errors.Add(resp.path() + ".accepted", "list the status values that mean accepted");
    }
  } else if (!c.accepted.empty() || !c.retryable.empty() || !c.rejected.empty()) {
    errors.Add(resp.path() + ".status", "is required when status values are listed");
  }
  if (!c.message_id_pointer.empty()) {
    if (auto e = PointerError(c.message_id_pointer)) errors.Add(resp.path() + ".message_id", *e);
  }
  auto in = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  for (const auto& v : c.accepted) {
    if (in(c.retryable, v) || in(c.rejected, v)) {
      errors.Add(resp.path() + ".accepted", fmt::format("\"{}\" is listed twice", v));
    }
  }
  for (const auto& v : c.retryable) {
    if (in(c.rejected, v)) {
      errors.Add(resp.path() + ".retryable", fmt::format("\"{}\" is listed twice", v));
    }
  }
  resp.Finish();
  return c;
}

}  // namespace gw::channels::sms
