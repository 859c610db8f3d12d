// Constant-time comparison of secrets (tokens, signatures), so timing leaks nothing.
#pragma once

#include <string_view>

namespace gw::channels::common {

// True when a == b; the time taken depends only on the lengths, not on where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace gw::channels::common
