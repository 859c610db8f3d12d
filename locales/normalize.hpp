// Vietnamese normalisation for matching: legacy-encoding repair, NFC, one tone-mark placement,
// clean-up of whitespace, control characters, emoji and punctuation runs.
//
// Also the Vietnamese syllable model (a letter split into base and tone, syllable structure, the
// house tone-mark position) shared by the legacy decoders and the Telex repair of this module.
//
// Tone-mark convention of the canonical output: the traditional placement ("dấu kiểu cũ"), the
// default of UniKey and EVKey and the spelling of the state's own documents ("Cộng hòa",
// "Nguyễn Thị Thúy"). The two conventions in use differ only for an open syllable (no final
// consonant) whose nucleus is oa, oe or uy: here the mark goes on the first vowel, so hoà -> hòa,
// thuý -> thúy, khoẻ -> khỏe, uỷ ban -> ủy ban. Everywhere else both agree and so do we: the mark
// sits on the vowel that carries a hat, horn or breve (người, tiền, thuở), else on the last vowel
// before a final consonant (hoàn, khoét, huỳnh), else on the middle of three vowels (ngoài, khuỷu),
// else on the first of two (hài, của, mía). The u of qu and the i of gi belong to the initial
// consonant, so quý, quà, giữ and gìn keep their marks; a mark typed on them (qúa) moves to the
// nucleus (quá).
//
// Threading: every function here is thread-safe and allocation is the only cost of the common
// case. The tables are compile-time constants; ICU is reached only through ICU's immutable
// singletons (normalizers) and through tables built once from ICU converters, so there is no
// per-call and no per-thread ICU object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gw::locales {

// The six Vietnamese tones, in the order of the Unicode rows (a à á ả ã ạ).
enum class Tone : std::uint8_t { kNone, kGrave, kAcute, kHook, kTilde, kDot };

// A letter of Vietnamese orthography taken apart.
struct Letter {
  char32_t base = 0;  // lower case without tone: 'a'..'z', or ă â ê ô ơ ư đ
  Tone tone = Tone::kNone;
  bool upper = false;
};

// Splits a code point into base, tone and case: any ASCII letter, the 134 precomposed Vietnamese
// vowels, đ/Đ, and Ð (U+00D0) or Ɖ (U+0189) read as Đ. Other code points give nullopt.
std::optional<Letter> SplitLetter(char32_t c);

// The precomposed code point for `letter`. A tone on a consonant is dropped (consonants have none).
char32_t JoinLetter(Letter letter);

// Checks `word` (one syllable, letters as split by SplitLetter) against Vietnamese syllable
// structure: initial consonant, nucleus, final consonant, the spelling rules that tie them
// (k/gh/ngh only before e ê i y, q only as qu, ...) and the rule that a syllable ending in c, ch, p
// or t has a sắc or nặng tone. At most one letter may carry a tone. On success returns the index of
// the letter that should carry the tone under the house convention (also when the word has no
// tone).
std::optional<std::size_t> CanonicalTonePosition(std::span<const Letter> word);

// True when the UTF-8 `word` (any case) is one valid Vietnamese syllable with or without tone:
// "người", "Nguyễn", "khai" are; "hello", "UBND", "tươ" are not.
bool IsVietnameseSyllable(std::string_view word);

// True when the ASCII `word` (any case) could be a Vietnamese syllable written without diacritics
// ("duong", "viet", "dang"), ignoring which hats and tone it lost. "hello", "kys", "hoof" are not.
bool IsPlainVietnameseSyllable(std::string_view word);

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
