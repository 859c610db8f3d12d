// Address allow-lists and shared-secret checks for unsigned webhooks.
#include "channels/common/webhook_guard.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include "channels/common/constant_time.hpp"

namespace gw::channels::common {
namespace {

// Parses an IPv4 or IPv6 literal into 16 bytes (IPv4 as ::ffff:a.b.c.d); `is_v4` tells which.
bool ParseAddress(std::string_view text, std::array<std::uint8_t, 16>& out, bool& is_v4) {
  std::string s(text);
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out.fill(0);
    out[10] = 0xFF;
    out[11] = 0xFF;
    std::memcpy(out.data() + 12, &v4, 4);
    is_v4 = true;
    return true;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    is_v4 = false;
    return true;
  }
  return false;
}

bool PrefixMatches(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b,
                   int bits) {
  int full = bits / 8;
  if (std::memcmp(a.data(), b.data(), full) != 0) return false;
  int rest = bits % 8;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
  return (a[full] & mask) == (b[full] & mask);
}

}  // namespace

std::optional<std::string> AddressAllowList::Add(std::string_view entry) {
  std::string_view addr = entry;
  std::optional<int> prefix;
  if (auto slash = entry.find('/'); slash != std::string_view::npos) {
    addr = entry.substr(0, slash);
    std::string_view bits = entry.substr(slash + 1);
    int n = -1;
    auto [ptr, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), n);
    if (bits.empty() || ec != std::errc() || ptr != bits.data() + bits.size()) {
      return "expected an IP address or a CIDR block like 10.0.0.0/8, got \"" + std::string(entry) +
             "\"";
    }
    prefix = n;
  }
  Net net;
  bool is_v4 = false;
  if (!ParseAddress(addr, net.bytes, is_v4)) {
    return "expected an IP address or a CIDR block like 10.0.0.0/8, got \"" + std::string(entry) +
           "\"";
  }
  int max_bits = is_v4 ? 32 : 128;
  if (prefix && (*prefix < 0 || *prefix > max_bits)) {
    return "prefix length must be 0.." + std::to_string(max_bits) + ", got \"" +
           std::string(entry) + "\"";
  }
  net.prefix_bits = (is_v4 ? 96 : 0) + prefix.value_or(max_bits);
  // A set host bit usually means a typo in the block (10.0.0.1/8 for 10.0.0.0/8): refuse it
  // rather than guess which network was meant.
  for (int bit = net.prefix_bits; bit < 128; ++bit) {
    if (net.bytes[bit / 8] & (0x80 >> (bit % 8))) {
      return "\"" + std::string(entry) + "\" has bits set after the prefix length";
    }
  }
  nets_.push_back(net);
  return std::nullopt;
}

bool AddressAllowList::Allows(std::string_view address) const {
  std::array<std::uint8_t, 16> bytes{};
  bool is_v4 = false;
  if (!ParseAddress(address, bytes, is_v4)) return false;
  for (const auto& net : nets_) {
    if (PrefixMatches(bytes, net.bytes, net.prefix_bits)) return true;
  }
  return false;
}

core::Status CheckWebhook(const WebhookGuard& guard, std::string_view remote_addr,
                          std::optional<std::string_view> given_secret) {
  if (!guard.allow_from.Allows(remote_addr)) {
    return core::MakeError(core::ErrorCode::kForbidden, "source address not allowed",
                           "webhook call from " + std::string(remote_addr));
  }
  if (!given_secret) {
    return core::MakeError(core::ErrorCode::kUnauthorized, "missing secret");
  }
  if (guard.secret.empty() || !ConstantTimeEquals(*given_secret, guard.secret)) {
    return core::MakeError(core::ErrorCode::kUnauthorized, "wrong secret");
  }
  return core::Ok{};
}

}  // namespace gw::channels::common
