// iconv behind ToUtf8.
#include "channels/email/charset.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

namespace gw::channels::email {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Replaces each invalid UTF-8 sequence with U+FFFD.
std::string RepairUtf8(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    auto c = static_cast<unsigned char>(s[j]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    }
    if (ok && len > 1) {  // overlong forms, surrogates, beyond U+10FFFF
      unsigned cp = c & (0x7F >> len);
      for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      static constexpr unsigned kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out.append(kReplacement);
      i = j + 1;
    }
  }
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  return RepairUtf8(s) == s;
}

std::string ToUtf8(std::string_view bytes, std::string_view charset) {
  if (bytes.empty()) return {};
  std::string cs = Lower(charset);
  if (cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "us-ascii" || cs == "ascii") {
    if (IsValidUtf8(bytes)) return std::string(bytes);
    if (!cs.empty() && cs != "us-ascii" && cs != "ascii") return RepairUtf8(bytes);
    cs = "windows-1258";  // undeclared 8-bit text
  }
  iconv_t cd = iconv_open("UTF-8", cs.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {  // a charset glibc does not know
    return IsValidUtf8(bytes) ? std::string(bytes) : ToUtf8(bytes, "windows-1258");
  }
  std::string out;
  std::string in(bytes);
  char* inp = in.data();
  std::size_t inleft = in.size();
  char buf[4096];
  for (;;) {
    char* outp = buf;
    std::size_t outleft = sizeof buf;
    std::size_t r = iconv(cd, &inp, &inleft, &outp, &outleft);
    out.append(buf, sizeof buf - outleft);
    if (r != static_cast<std::size_t>(-1)) {  // all input read
      // Flush what a stateful decoder (windows-1258 holds back a base letter) still has.
      outp = buf;
      outleft = sizeof buf;
      iconv(cd, nullptr, nullptr, &outp, &outleft);
      out.append(buf, sizeof buf - outleft);
      break;
    }
    if (errno == E2BIG) continue;
    // EILSEQ or EINVAL (truncated at the end): one byte becomes U+FFFD.
    out.append(kReplacement);
    ++inp;
    --inleft;
    if (inleft == 0) {
      outp = buf;
      outleft = sizeof buf;
      iconv(cd, nullptr, nullptr, &outp, &outleft);
      out.append(buf, sizeof buf - outleft);
      break;
    }
  }
  iconv_close(cd);
  return RepairUtf8(out);
}

}  // namespace gw::channels::email
