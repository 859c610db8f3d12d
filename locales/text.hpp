// Vietnamese text basics over ICU: UTF-8 validation, NFC, case and diacritic folding.
// The only module that includes ICU headers; everyone else calls these functions.
//
// All functions are thread-safe; ICU objects are built once and shared (normalizers are
// immutable singletons) or kept per thread.
#pragma once

#include <string>
#include <string_view>

namespace gw::locales {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Unicode NFC. Input must be valid UTF-8.
std::string ToNfc(std::string_view s);

// Full Unicode lower case (Vietnamese needs no locale-specific rules).
std::string ToLower(std::string_view s);

// Lower case without diacritics: "Đăng ký KHAI SINH" -> "dang ky khai sinh". đ/Đ become d (NFD and
// dropping marks alone leaves đ, which is a letter of its own, untouched). Input valid UTF-8.
std::string FoldDiacritics(std::string_view s);

// Number of Unicode code points.
std::size_t CodePointCount(std::string_view s);

}  // namespace gw::locales
