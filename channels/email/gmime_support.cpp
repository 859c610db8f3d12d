// GMime initialisation and small ownership helpers.
#include "channels/email/gmime_support.hpp"

#include <mutex>

namespace gw::channels::email {

void EnsureGMime() {
  static std::once_flag once;
  // Never undone: g_mime_shutdown at exit would race with threads still parsing.
  std::call_once(once, [] { g_mime_init(); });
}

std::string TakeGString(char* s) {
  std::unique_ptr<char, GFreeDeleter> owned(s);
  return s == nullptr ? std::string() : std::string(s);
}

}  // namespace gw::channels::email
