// Text of any declared charset to UTF-8, the form everything after the e-mail parser works on.
#pragma once

#include <string>
#include <string_view>

namespace gw::channels::email {

// Converts `bytes` from `charset` (any name glibc iconv knows: windows-1258, iso-8859-1, utf-8,
// TCVN...) to UTF-8. Bytes that do not decode become U+FFFD. An empty or unknown charset
// is read as UTF-8 when the bytes are valid UTF-8, else as windows-1258 (the likeliest 8-bit
// charset of undeclared Vietnamese mail).
//
// glibc's windows-1258 decoder composes a base letter and a following tone mark into one
// precomposed character where Unicode has one, so Vietnamese comes out NFC in practice; tone
// marks on letters with no precomposed form stay combining (channels cannot reach ICU for a
// full NFC pass: it lives in locales/).
std::string ToUtf8(std::string_view bytes, std::string_view charset);

bool IsValidUtf8(std::string_view s);

}  // namespace gw::channels::email
