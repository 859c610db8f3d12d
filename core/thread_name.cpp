// Thread names through pthread_setname_np (Linux: 15 bytes and a NUL).
#include "core/thread_name.hpp"

#include <pthread.h>

#include <string>

namespace gw::core {

void NameThisThread(std::string_view name) {
  std::string cut(name.substr(0, 15));
  // Only ERANGE is documented, and the cut rules it out; a name is a diagnostic aid, so a failure
  // changes nothing else.
  (void)pthread_setname_np(pthread_self(), cut.c_str());
}

}  // namespace gw::core
