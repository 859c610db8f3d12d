// Parsing of channels.app.
#include "channels/app/app_config.hpp"

namespace gw::channels::app {

AppConfig ParseAppConfig(core::ConfigNode& node) {
  AppConfig c;
  c.enabled = node.Bool("enabled", true);
  c.tokens = node.StringList("tokens");
  c.demo_accept_bare_user_id = node.Bool("demo_accept_bare_user_id", false);
  c.max_text_chars = static_cast<int>(node.Int("max_text_chars", 2000, 1, 20000));
  for (std::size_t i = 0; i < c.tokens.size(); ++i) {
    if (c.tokens[i].size() < 16) {
      node.errors().Add(node.path() + ".tokens[" + std::to_string(i) + "]",
                        "a token must have at least 16 characters");
    }
  }
  if (c.enabled && c.tokens.empty() && !c.demo_accept_bare_user_id) {
    node.errors().Add(node.path() + ".tokens",
                      "the app channel needs at least one token (or demo_accept_bare_user_id)");
  }
  return c;
}

}  // namespace gw::channels::app
