// The one call of curl_global_init.
#include "net/curl_global.hpp"

#include <curl/curl.h>

#include <mutex>

namespace gw::net::detail {

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace gw::net::detail
