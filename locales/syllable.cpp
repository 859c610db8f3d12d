// Vietnamese letter tables, syllable structure and the house tone-mark position.
#include "locales/syllable.hpp"

#include <unicode/utf8.h>

#include <array>

namespace gw::locales {
namespace {

// ---------------------------------------------------------------------------------------------
// Letters. Hand-written tables rather than NFD + ICU lookups: the normaliser calls SplitLetter for
// every letter of every message, and a table built at compile time costs one array load.

// The twelve vowels in the six tones, in Tone order.
constexpr std::u32string_view kVowelRows[] = {U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ",
                                              U"êềếểễệ", U"iìíỉĩị", U"oòóỏõọ", U"ôồốổỗộ",
                                              U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ"};

// Base letters beyond 'a'..'z' (indices 26..32).
constexpr char32_t kExtraBases[] = {U'ă', U'â', U'ê', U'ô', U'ơ', U'ư', U'đ'};

constexpr int VowelRow(char32_t base) {
  switch (base) {
    case U'a':
      return 0;
    case U'ă':
      return 1;
    case U'â':
      return 2;
    case U'e':
      return 3;
    case U'ê':
      return 4;
    case U'i':
      return 5;
    case U'o':
      return 6;
    case U'ô':
      return 7;
    case U'ơ':
      return 8;
    case U'u':
      return 9;
    case U'ư':
      return 10;
    case U'y':
      return 11;
    default:
      return -1;
  }
}

// Vowels with a hat, horn or breve: the tone goes on them whatever the syllable.
constexpr bool IsMarkedVowel(char32_t base) {
  return base == U'ă' || base == U'â' || base == U'ê' || base == U'ô' || base == U'ơ' ||
         base == U'ư';
}

constexpr int BaseIndex(char32_t base) {
  if (base >= U'a' && base <= U'z') return static_cast<int>(base - U'a');
  for (int i = 0; i < 7; ++i) {
    if (kExtraBases[i] == base) return 26 + i;
  }
  return -1;
}

constexpr char32_t BaseAt(int index) {
  return index < 26 ? static_cast<char32_t>(U'a' + index) : kExtraBases[index - 26];
}

// Upper case of a letter in the tables: latin-1 is 0x20 below, the rest (Latin Extended-A/B and
// Latin Extended Additional) pairs an even upper with the odd lower after it.
constexpr char32_t UpperOf(char32_t lower) {
  return lower < 0x100 ? lower - 0x20 : lower - 1;
}

constexpr char32_t kLowEnd = 0x1B1;  // past ư (U+01B0)
constexpr char32_t kExtBegin = 0x1EA0;
constexpr char32_t kExtEnd = 0x1F00;

// Packed entry: bits 0-5 base index + 1 (0: not a letter), 6-8 tone, 9 upper case.
struct LetterTables {
  std::array<std::uint16_t, kLowEnd> low{};
  std::array<std::uint16_t, kExtEnd - kExtBegin> ext{};
};

constexpr std::uint16_t Pack(int base_index, int tone, bool upper) {
  return static_cast<std::uint16_t>((base_index + 1) | (tone << 6) | (upper ? 1 << 9 : 0));
}

constexpr void Put(LetterTables& t, char32_t c, std::uint16_t v) {
  if (c < kLowEnd) {
    t.low[c] = v;
  } else if (c >= kExtBegin && c < kExtEnd) {
    t.ext[c - kExtBegin] = v;
  }
}

constexpr LetterTables BuildLetterTables() {
  LetterTables t;
  for (int i = 0; i < 26; ++i) {
    Put(t, static_cast<char32_t>(U'a' + i), Pack(i, 0, false));
    Put(t, static_cast<char32_t>(U'A' + i), Pack(i, 0, true));
  }
  for (std::u32string_view row : kVowelRows) {
    const int base = BaseIndex(row[0]);
    for (int tone = 0; tone < 6; ++tone) {
      Put(t, row[tone], Pack(base, tone, false));
      Put(t, UpperOf(row[tone]), Pack(base, tone, true));
    }
  }
  const int d = BaseIndex(U'đ');
  Put(t, U'đ', Pack(d, 0, false));
  Put(t, U'Đ', Pack(d, 0, true));
  Put(t, 0x00D0, Pack(d, 0, true));  // Ð (eth), typed for Đ by keyboards without it
  Put(t, 0x0189, Pack(d, 0, true));  // Ɖ (African D), looks the same
  return t;
}

constexpr LetterTables kLetters = BuildLetterTables();

// ---------------------------------------------------------------------------------------------
// Syllable structure.

constexpr unsigned kF0 = 1 << 0;  // no final consonant
constexpr unsigned kFc = 1 << 1;
constexpr unsigned kFch = 1 << 2;
constexpr unsigned kFm = 1 << 3;
constexpr unsigned kFn = 1 << 4;
constexpr unsigned kFng = 1 << 5;
constexpr unsigned kFnh = 1 << 6;
constexpr unsigned kFp = 1 << 7;
constexpr unsigned kFt = 1 << 8;
constexpr unsigned kStops = kFc | kFch | kFp | kFt;

struct Nucleus {
  std::u32string_view vowels;
  unsigned finals;  // which finals may follow
};

// The vowel nuclei of Vietnamese and the finals each takes (i, o, u, y after a vowel are part of
// the nucleus here: "ai", "iêu"). Rare loan rhymes are left out on purpose: a syllable this table
// rejects is only left as it was. The loan rhyme oo (xoong, boong) was tried and dropped: it made
// the Telex "khoong" (không) read as an existing word.
constexpr Nucleus kNuclei[] = {
    {U"a", kF0 | kFc | kFch | kFm | kFn | kFng | kFnh | kFp | kFt},
    {U"ă", kFc | kFm | kFn | kFng | kFp | kFt},
    {U"â", kFc | kFm | kFn | kFng | kFp | kFt},
    {U"e", kF0 | kFc | kFm | kFn | kFng | kFp | kFt},
    {U"ê", kF0 | kFch | kFm | kFn | kFnh | kFp | kFt},
    {U"i", kF0 | kFch | kFm | kFn | kFnh | kFp | kFt},
    {U"o", kF0 | kFc | kFm | kFn | kFng | kFp | kFt},
    {U"ô", kF0 | kFc | kFm | kFn | kFng | kFp | kFt},
    {U"ơ", kF0 | kFm | kFn | kFp | kFt},
    {U"u", kF0 | kFc | kFm | kFn | kFng | kFp | kFt},
    {U"ư", kF0 | kFc | kFm | kFng | kFt},
    {U"y", kF0},
    {U"ai", kF0},
    {U"ao", kF0},
    {U"au", kF0},
    {U"ay", kF0},
    {U"âu", kF0},
    {U"ây", kF0},
    {U"eo", kF0},
    {U"êu", kF0},
    {U"ia", kF0},
    {U"iu", kF0},
    {U"oi", kF0},
    {U"ôi", kF0},
    {U"ơi", kF0},
    {U"ua", kF0},
    {U"ui", kF0},
    {U"ưa", kF0},
    {U"ưi", kF0},
    {U"ưu", kF0},
    {U"iê", kFc | kFm | kFn | kFng | kFp | kFt},
    {U"yê", kFm | kFn | kFt},
    {U"oa", kF0 | kFc | kFch | kFm | kFn | kFng | kFnh | kFp | kFt},
    {U"oă", kFc | kFm | kFn | kFng | kFt},
    {U"oe", kF0 | kFn | kFt},
    {U"uâ", kFn | kFng | kFt},
    {U"uê", kF0 | kFch | kFn | kFnh},
    {U"uô", kFc | kFm | kFn | kFng | kFt},
    {U"uơ", kF0},
    {U"uy", kF0 | kFch | kFn | kFnh | kFp | kFt},
    {U"ươ", kFc | kFm | kFn | kFng | kFp | kFt},
    {U"iêu", kF0},
    {U"yêu", kF0},
    {U"oai", kF0},
    {U"oay", kF0},
    {U"oao", kF0},
    {U"oeo", kF0},
    {U"uây", kF0},
    {U"uôi", kF0},
    {U"ươi", kF0},
    {U"ươu", kF0},
    {U"uya", kF0},
    {U"uyu", kF0},
    {U"uyê", kFn | kFt},
};

// Multi-letter initials first so that the longest match wins; gi and qu are handled apart.
constexpr std::u32string_view kInitials[] = {
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"kh", U"ph", U"th", U"tr", U"b", U"c", U"d", U"đ",
    U"g",   U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t", U"v", U"x"};

unsigned FinalBit(std::u32string_view f) {
  if (f.empty()) return kF0;
  if (f == U"c") return kFc;
  if (f == U"ch") return kFch;
  if (f == U"m") return kFm;
  if (f == U"n") return kFn;
  if (f == U"ng") return kFng;
  if (f == U"nh") return kFnh;
  if (f == U"p") return kFp;
  if (f == U"t") return kFt;
  return 0;
}

// The vowel without its hat, horn or breve, for text typed without diacritics.
constexpr char32_t Bare(char32_t v) {
  switch (v) {
    case U'ă':
    case U'â':
      return U'a';
    case U'ê':
      return U'e';
    case U'ô':
    case U'ơ':
      return U'o';
    case U'ư':
      return U'u';
    default:
      return v;
  }
}

bool SameVowels(std::u32string_view table, std::u32string_view word, bool bare) {
  if (table.size() != word.size()) return false;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (bare ? Bare(table[i]) != Bare(word[i]) : table[i] != word[i]) return false;
  }
  return true;
}

constexpr bool IsFront(char32_t v) {
  return v == U'e' || v == U'ê' || v == U'i' || v == U'y';
}

// Whether `initial` may stand before a nucleus written `vowels` (a table entry).
bool InitialFits(std::u32string_view initial, std::u32string_view vowels) {
  const char32_t first = vowels[0];
  if (initial == U"k" || initial == U"gh" || initial == U"ngh") return IsFront(first);
  if (initial == U"c" || initial == U"ng") return !IsFront(first);
  if (initial == U"g") return !IsFront(first) || first == U'i';  // gì, gìn: the i of gi merged
  if (initial == U"qu") return first != U'u' && first != U'ư';
  // yê opens a syllable or follows the u of qu (yên, quyết); iê never does (tiên, not iên).
  if (vowels.starts_with(U"yê")) return initial.empty() || initial == U"qu";
  if (vowels.starts_with(U"iê")) return !initial.empty() && initial != U"qu";
  return true;
}

// Parses lower-case bases b[0..n). With `bare`, vowels compare without hats and the tone rule is
// skipped (ASCII text without diacritics). Returns the index that carries the tone.
std::optional<std::size_t> ParseSyllable(const char32_t* b, std::size_t n, Tone tone, bool bare) {
  if (n == 0 || n > kMaxSyllableLetters) return std::nullopt;
  const std::u32string_view word(b, n);
  std::size_t ini = 0;
  if (!IsVowelBase(b[0])) {
    if (b[0] == U'g' && n > 1 && b[1] == U'i') {
      ini = (n > 2 && IsVowelBase(b[2])) ? 2 : 1;  // gia, giữ; but gì, gìn
    } else if (b[0] == U'q') {
      if (n < 3 || b[1] != U'u' || !IsVowelBase(b[2])) return std::nullopt;
      ini = 2;
    } else {
      for (std::u32string_view p : kInitials) {
        if (word.starts_with(p)) {
          ini = p.size();
          break;
        }
      }
      if (ini == 0) return std::nullopt;  // f, j, w, z and stray letters
    }
  }
  std::size_t nuc_end = ini;
  while (nuc_end < n && IsVowelBase(b[nuc_end])) ++nuc_end;
  if (nuc_end == ini) return std::nullopt;
  const unsigned final_bit = FinalBit(word.substr(nuc_end));
  if (final_bit == 0) return std::nullopt;
  if (!bare && (final_bit & kStops) && tone != Tone::kAcute && tone != Tone::kDot) {
    return std::nullopt;  // a syllable closed by c, ch, p, t is sắc or nặng
  }
  const std::u32string_view initial = word.substr(0, ini);
  const std::u32string_view vowels = word.substr(ini, nuc_end - ini);
  // After gi the i of iê is not written: giêng, giết.
  char32_t with_i[kMaxSyllableLetters + 1] = {U'i'};
  vowels.copy(with_i + 1, vowels.size());
  const std::u32string_view gi_vowels(with_i, vowels.size() + 1);

  bool found = false;
  for (const Nucleus& nu : kNuclei) {
    if (!(nu.finals & final_bit)) continue;
    const bool direct = SameVowels(nu.vowels, vowels, bare);
    const bool via_gi = !direct && initial == U"gi" && SameVowels(nu.vowels, gi_vowels, bare);
    if ((direct || via_gi) && InitialFits(initial, nu.vowels)) {
      found = true;
      break;
    }
  }
  if (!found) return std::nullopt;

  for (std::size_t i = nuc_end; i > ini; --i) {
    if (IsMarkedVowel(b[i - 1])) return i - 1;
  }
  if (nuc_end < n) return nuc_end - 1;  // before a final: hoàn, huỳnh
  const std::size_t len = nuc_end - ini;
  return len == 3 ? ini + 1 : ini;  // ngoài; hòa, thúy, của
}

std::optional<std::size_t> ParseLetters(std::span<const Letter> word) {
  if (word.empty() || word.size() > kMaxSyllableLetters) return std::nullopt;
  char32_t bases[kMaxSyllableLetters];
  Tone tone = Tone::kNone;
  for (std::size_t i = 0; i < word.size(); ++i) {
    bases[i] = word[i].base;
    if (word[i].tone != Tone::kNone) {
      if (tone != Tone::kNone) return std::nullopt;
      tone = word[i].tone;
    }
  }
  return ParseSyllable(bases, word.size(), tone, /*bare=*/false);
}

}  // namespace

std::optional<Letter> SplitLetter(char32_t c) {
  std::uint16_t v = 0;
  if (c < kLowEnd) {
    v = kLetters.low[c];
  } else if (c >= kExtBegin && c < kExtEnd) {
    v = kLetters.ext[c - kExtBegin];
  }
  if (v == 0) return std::nullopt;
  return Letter{BaseAt((v & 0x3F) - 1), static_cast<Tone>((v >> 6) & 7), (v & (1 << 9)) != 0};
}

char32_t JoinLetter(Letter letter) {
  const int row = VowelRow(letter.base);
  const char32_t c = row >= 0 ? kVowelRows[row][static_cast<int>(letter.tone)] : letter.base;
  return letter.upper ? UpperOf(c) : c;
}

bool IsVowelBase(char32_t base) {
  return VowelRow(base) >= 0;
}

std::optional<std::size_t> CanonicalTonePosition(std::span<const Letter> word) {
  return ParseLetters(word);
}

bool IsVietnameseSyllable(std::string_view word) {
  Letter letters[kMaxSyllableLetters];
  std::size_t n = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  const auto len = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0 || n == kMaxSyllableLetters) return false;
    const auto l = SplitLetter(static_cast<char32_t>(c));
    if (!l) return false;
    letters[n++] = *l;
  }
  return ParseLetters(std::span<const Letter>(letters, n)).has_value();
}

bool IsPlainVietnameseSyllable(std::string_view word) {
  if (word.empty() || word.size() > kMaxSyllableLetters) return false;
  char32_t bases[kMaxSyllableLetters];
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = static_cast<char>(word[i] | 0x20);
    if (c < 'a' || c > 'z') return false;
    bases[i] = static_cast<char32_t>(c);
  }
  return ParseSyllable(bases, word.size(), Tone::kNone, /*bare=*/true).has_value();
}

}  // namespace gw::locales
