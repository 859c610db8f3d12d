// Masking rules for personal data in logs.
#include "core/mask.hpp"

namespace gw::core {

std::string MaskPhone(std::string_view phone) {
  // Keep a recognisable prefix (country code and one network digit) and the last three digits.
  std::size_t keep_head = phone.starts_with("+84") ? 4 : (phone.starts_with("0") ? 2 : 1);
  if (phone.size() <= keep_head + 3) return std::string(phone.size(), '*');
  std::string out(phone.substr(0, keep_head));
  out.append(phone.size() - keep_head - 3, '*');
  out.append(phone.substr(phone.size() - 3));
  return out;
}

std::string MaskEmail(std::string_view email) {
  auto at = email.rfind('@');
  if (at == std::string_view::npos || at == 0) return MaskId(email);
  return std::string(email.substr(0, 1)) + "***" + std::string(email.substr(at));
}

std::string MaskId(std::string_view id) {
  if (id.size() <= 4) return std::string(id.size(), '*');
  return std::string(id.size() - 4, '*') + std::string(id.substr(id.size() - 4));
}

std::string MaskAddress(ChannelKind channel, std::string_view address) {
  switch (channel) {
    case ChannelKind::kSms:
    case ChannelKind::kIvr:
      return MaskPhone(address);
    case ChannelKind::kEmail:
      return MaskEmail(address);
    case ChannelKind::kZalo:
    case ChannelKind::kApp:
      return MaskId(address);
  }
  return MaskId(address);
}

}  // namespace gw::core
