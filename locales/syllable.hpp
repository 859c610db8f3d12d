// The Vietnamese syllable model: a letter split into base, tone and case, syllable structure, and
// the house tone-mark position. Shared by the normaliser, the legacy decoders and the Telex repair.
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
// Threading: every function here is thread-safe and allocation-free. The tables are compile-time
// constants; no ICU object is involved (only ICU's UTF-8 macros).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
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

// The most letters a syllable can have ("nghiêng" has 7). Longer words are never syllables.
inline constexpr std::size_t kMaxSyllableLetters = 8;

// Splits a code point into base, tone and case: any ASCII letter, the 134 precomposed Vietnamese
// vowels, đ/Đ, and Ð (U+00D0) or Ɖ (U+0189) read as Đ. Other code points give nullopt.
std::optional<Letter> SplitLetter(char32_t c);

// The precomposed code point for `letter`. A tone on a consonant is dropped (consonants have none).
char32_t JoinLetter(Letter letter);

// True for the twelve vowel bases (Letter::base): a ă â e ê i o ô ơ u ư y.
bool IsVowelBase(char32_t base);

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

}  // namespace gw::locales
