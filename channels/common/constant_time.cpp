// Constant-time comparison backed by OpenSSL's CRYPTO_memcmp.
#include "channels/common/constant_time.hpp"

#include <openssl/crypto.h>

namespace gw::channels::common {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gw::channels::common
