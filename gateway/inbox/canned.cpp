// Variable scanning and filling for canned replies.
#include "gateway/inbox/canned.hpp"

#include <algorithm>
#include <functional>

namespace gw::gateway::inbox {
namespace {

bool NameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Calls `on_var(name)` for each variable and `on_text(piece)` for the text between them.
void Scan(std::string_view body, const std::function<void(std::string_view)>& on_text,
          const std::function<void(std::string_view)>& on_var) {
  std::size_t pos = 0;
  while (pos < body.size()) {
    const std::size_t open = body.find('{', pos);
    if (open == std::string_view::npos) break;
    std::size_t end = open + 1;
    while (end < body.size() && NameChar(body[end])) ++end;
    if (end < body.size() && body[end] == '}' && end > open + 1) {
      on_text(body.substr(pos, open - pos));
      on_var(body.substr(open + 1, end - open - 1));
      pos = end + 1;
    } else {
      on_text(body.substr(pos, open + 1 - pos));
      pos = open + 1;
    }
  }
  if (pos < body.size()) on_text(body.substr(pos));
}

bool Known(std::string_view name) {
  const auto& known = CannedVariables();
  return std::find(known.begin(), known.end(), name) != known.end();
}

}  // namespace

std::vector<std::string> UnknownVariables(std::string_view body) {
  std::vector<std::string> out;
  Scan(
      body, [](std::string_view) {},
      [&](std::string_view name) {
        if (!Known(name) && std::find(out.begin(), out.end(), name) == out.end()) {
          out.emplace_back(name);
        }
      });
  return out;
}

Rendered RenderCanned(std::string_view body, const std::map<std::string, std::string>& values) {
  Rendered r;
  Scan(
      body, [&](std::string_view text) { r.text += text; },
      [&](std::string_view name) {
        auto it = values.find(std::string(name));
        if (it != values.end() && !it->second.empty()) {
          r.text += it->second;
          return;
        }
        r.text += "{" + std::string(name) + "}";
        if (Known(name) &&
            std::find(r.unfilled.begin(), r.unfilled.end(), name) == r.unfilled.end()) {
          r.unfilled.emplace_back(name);
        }
      });
  return r;
}

}  // namespace gw::gateway::inbox
