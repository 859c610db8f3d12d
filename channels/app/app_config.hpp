// Config of the app/web chat channel (channels.app).
#pragma once

#include <string>
#include <vector>

#include "core/config_reader.hpp"

namespace gw::channels::app {

struct AppConfig {
  bool enabled = true;
  // Bearer tokens accepted from the agency's app backend; rotate by listing old and new.
  std::vector<std::string> tokens;
  // DEMO ONLY: accept requests without a token, trusting the bare user_id in the body. Anyone can
  // then write as any user; never turn this on in a real deployment.
  bool demo_accept_bare_user_id = false;
  int max_text_chars = 2000;
};

AppConfig ParseAppConfig(core::ConfigNode& node);

}  // namespace gw::channels::app
