// Vietnamese normalisation for matching: legacy-encoding repair, NFC, one tone-mark placement,
// clean-up of whitespace, control characters, emoji and punctuation runs.
//
// The tone-mark convention (where the mark of hoà, thuý, người goes) is documented with the
// syllable model in locales/syllable.hpp.
//
// Threading: every function here is thread-safe and allocation is the only cost of the common
// case. The tables are compile-time constants; ICU is reached only through ICU's immutable
// singletons (normalizers) and through tables built once from ICU converters, so there is no
// per-call and no per-thread ICU object.
#pragma once

#include <string>
#include <string_view>

namespace gw::locales {

// The canonical form for display and storage: RepairVietnamese (legacy encodings, any byte input
// becomes valid UTF-8), NFC, Ð read as Đ, the house tone-mark placement, control and format
// characters removed, emoji replaced by a space, runs of the same punctuation collapsed ("!!!" ->
// "!", ".." or "...." or "…" -> "..."), whitespace runs collapsed to one space and trimmed.
// Case is kept.
std::string NormalizeVietnamese(std::string_view text);

// NormalizeVietnamese, then lower case (simple Unicode case folding).
std::string NormalizeForMatching(std::string_view text);

// NormalizeForMatching without diacritics: "Đăng ký KHAI SINH!!" -> "dang ky khai sinh!".
// Same as FoldDiacritics(NormalizeForMatching(text)).
std::string FoldedView(std::string_view text);

}  // namespace gw::locales
