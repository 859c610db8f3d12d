// Phone number normalisation and brandname validation.
#include "channels/sms/sms_address.hpp"

#include <fmt/format.h>

#include "channels/sms/sms_text.hpp"

namespace gw::channels::sms {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::optional<std::string> ToE164(std::string_view raw) {
  std::string s;
  for (char c : raw) {
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    s.push_back(c);
  }
  std::string digits;
  if (s.starts_with("+")) {
    digits = s.substr(1);
  } else if (s.starts_with("00")) {
    digits = s.substr(2);
  } else if (s.starts_with("84") && (s.size() == 11 || s.size() == 12)) {
    digits = s;  // 84 + 9 digits (mobile) or 10 digits (landline with area code)
  } else if (s.starts_with("0") && (s.size() == 10 || s.size() == 11)) {
    digits = "84" + s.substr(1);
  } else {
    return std::nullopt;
  }
  // E.164 allows at most 15 digits; 8 is the shortest real number with a country code.
  if (!AllDigits(digits) || digits.size() < 8 || digits.size() > 15 || digits[0] == '0') {
    return std::nullopt;
  }
  if (digits.starts_with("84") && digits.size() != 11 && digits.size() != 12) return std::nullopt;
  return "+" + digits;
}

std::string FormatNumber(std::string_view e164, NumberFormat format) {
  std::string_view digits = e164.starts_with("+") ? e164.substr(1) : e164;
  switch (format) {
    case NumberFormat::kE164:
      return "+" + std::string(digits);
    case NumberFormat::kInternational:
      return std::string(digits);
    case NumberFormat::kNational:
      if (digits.starts_with("84")) return "0" + std::string(digits.substr(2));
      return std::string(digits);
  }
  return std::string(e164);
}

std::optional<std::string> BrandnameError(std::string_view brandname) {
  if (brandname.empty()) return "must not be empty";
  std::size_t chars = CountCodePoints(brandname);
  if (chars > 11) return fmt::format("at most 11 characters, got {}", chars);
  std::size_t i = 0;
  while (i < brandname.size()) {
    unsigned char c = static_cast<unsigned char>(brandname[i]);
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ' ';
    if (!ok) {
      // Show the whole offending character, not one byte of it.
      std::size_t len = 1;
      while (i + len < brandname.size() && (brandname[i + len] & 0xC0) == 0x80) ++len;
      std::string shown(brandname.substr(i, len));
      if (!IsValidUtf8(shown)) shown = fmt::format("\\x{:02X}", c);
      return fmt::format("only letters A-Z, digits, '-', '_', '.' and space are allowed, got '{}'",
                         shown);
    }
    ++i;
  }
  if (brandname.front() == ' ' || brandname.back() == ' ') {
    return "must not start or end with a space";
  }
  if (AllDigits(brandname)) return "must not be all digits (handsets would show a phone number)";
  return std::nullopt;
}

std::optional<std::string> SenderError(std::string_view sender) {
  if (AllDigits(sender)) {
    if (sender.size() > 15)
      return fmt::format("a short code has at most 15 digits, got {}", sender.size());
    return std::nullopt;
  }
  return BrandnameError(sender);
}

}  // namespace gw::channels::sms
