// Protection of provider webhooks that cannot sign their calls (Kannel's get-url and dlr-url):
// an allow-list of source addresses plus a shared secret carried in the URL.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace gw::channels::common {

// Source addresses allowed to call a webhook: exact IPv4/IPv6 addresses or CIDR blocks.
// IPv4 entries also match IPv4-mapped IPv6 peers (::ffff:10.0.0.1), as dual-stack sockets
// report them. Immutable after construction; safe to share between threads.
class AddressAllowList {
 public:
  // Adds "10.0.0.5", "10.0.0.0/8", "::1" or "fd00::/8". Returns the reason when `entry` is not
  // one of those (the caller adds the config path).
  std::optional<std::string> Add(std::string_view entry);

  bool Allows(std::string_view address) const;
  bool empty() const { return nets_.empty(); }

 private:
  struct Net {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 stored as ::ffff:a.b.c.d
    int prefix_bits = 128;
  };
  std::vector<Net> nets_;
};

struct WebhookGuard {
  std::string secret;  // compared in constant time; never logged
  AddressAllowList allow_from;
};

// Admits a webhook call: kForbidden when `remote_addr` is not allowed (checked first, so an
// outsider learns nothing about the secret), kUnauthorized when the secret is missing or wrong.
core::Status CheckWebhook(const WebhookGuard& guard, std::string_view remote_addr,
                          std::optional<std::string_view> given_secret);

}  // namespace gw::channels::common
