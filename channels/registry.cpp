// The explicit adapter table (STYLE.md: no self-registration, no if/else chain).
#include "channels/registry.hpp"

#include <fmt/format.h>

namespace gw::channels {
namespace {

struct Entry {
  std::string_view kind;
  void (*parse)(core::ConfigNode& node, ChannelsConfig& out);
};

void ParseApp(core::ConfigNode& node, ChannelsConfig& out) {
  out.app = app::ParseAppConfig(node);
}

void ParseSms(core::ConfigNode& node, ChannelsConfig& out) {
  out.sms = sms::ParseSmsConfig(node);
}

void ParseEmail(core::ConfigNode& node, ChannelsConfig& out) {
  out.email = email::ParseEmailConfig(node);
}

constexpr Entry kEntries[] = {
    {"app", &ParseApp},
    {"sms", &ParseSms},
    {"email", &ParseEmail},
};

}  // namespace

std::vector<std::string_view> KnownChannelKinds() {
  std::vector<std::string_view> kinds;
  for (const auto& e : kEntries) kinds.push_back(e.kind);
  return kinds;
}

ChannelsConfig ParseChannelsConfig(core::ConfigNode& node) {
  ChannelsConfig out;
  out.app.enabled = false;  // a channel is on only when configured
  for (const std::string& key : node.Keys()) {
    const Entry* found = nullptr;
    for (const auto& e : kEntries) {
      if (e.kind == key) found = &e;
    }
    if (found == nullptr) {
      node.errors().Add(node.path() + "." + key, fmt::format("unknown channel kind (known: {})",
                                                             fmt::join(KnownChannelKinds(), ", ")));
      continue;
    }
    core::ConfigNode child = node.Object(key);
    found->parse(child, out);
    child.Finish();
    out.configured.push_back(key);
  }
  return out;
}

}  // namespace gw::channels
