// Content-Type allow-list and RFC 6266 / RFC 5987 Content-Disposition for citizens' files.
#include "gateway/inbox/attachment_headers.hpp"

#include <array>
#include <cctype>

#include <fmt/format.h>

namespace gw::gateway::inbox {
namespace {

constexpr std::array<std::string_view, 5> kSafeTypes = {"application/pdf", "image/png",
                                                        "image/jpeg", "image/gif", "text/plain"};

// RFC 5987 attr-char, minus nothing: ALPHA / DIGIT / "!#$&+-.^_`|~".
bool IsAttrChar(unsigned char c) {
  if (std::isalnum(c)) return true;
  return std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// What a header must not carry and a file name must not mean: control bytes (CR, LF), quotes,
// and path separators.
bool Unsafe(unsigned char c) {
  return c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '/';
}

}  // namespace

std::string SafeContentType(std::string_view stored) {
  std::string base;
  for (char c : stored.substr(0, stored.find(';'))) {
    if (c == ' ' || c == '\t') continue;
    base += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (std::string_view safe : kSafeTypes) {
    if (base == safe) return base == "text/plain" ? "text/plain; charset=utf-8" : base;
  }
  return "application/octet-stream";
}

std::string ContentDisposition(std::string_view filename) {
  std::string name;
  for (char c : filename) name += Unsafe(static_cast<unsigned char>(c)) ? '_' : c;
  if (name.find_first_not_of("._ ") == std::string::npos) name = "tep-dinh-kem";
  std::string ascii;
  std::string encoded;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    ascii += c < 0x80 ? ch : '_';
    if (IsAttrChar(c)) {
      encoded += ch;
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded);
}

}  // namespace gw::gateway::inbox
