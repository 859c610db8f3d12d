// Writing one Unicode code point as UTF-8, for the adapters that decode providers' encodings
// (Kannel's UTF-16BE, HTML character references). Written by hand: channels may not use ICU
// (locales/ owns it) and the standard library has no non-deprecated converter.
#pragma once

#include <string>

namespace gw::channels::common {

// Appends `cp`; a surrogate or a value past U+10FFFF becomes U+FFFD, so the result is always
// valid UTF-8.
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace gw::channels::common
