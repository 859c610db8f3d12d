// Legacy Vietnamese encodings: decoders, VIQR, and detection by scoring decodings.
#include "locales/legacy_encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <array>
#include <bit>
#include <memory>
#include <optional>
#include <vector>

#include "locales/legacy_tables.hpp"
#include "locales/syllable.hpp"
#include "locales/text.hpp"

namespace gw::locales {
namespace {

void AppendUtf8(std::string& out, char32_t c) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, static_cast<UChar32>(c));
  out.append(buf, static_cast<std::size_t>(len));
}

// ---------------------------------------------------------------------------------------------
// Code pages ICU knows (windows-1252, windows-1258): read once into 256-entry tables. A table
// lookup per byte is far cheaper than a converter call, needs no per-thread UConverter, and ICU
// stays the authority for what the bytes mean.

struct CodePage {
  std::array<char32_t, 256> to_unicode{};
};

CodePage LoadCodePage(const char* name) {
  CodePage page;
  // Latin-1 until ICU says otherwise. Debian's libicu72 ships both tables; the tests check that
  // windows-1258 really decoded, so a stripped ICU data build fails there, not in production.
  for (int b = 0; b < 256; ++b) page.to_unicode[b] = static_cast<char32_t>(b);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(name, &status), &ucnv_close);
  if (U_FAILURE(status) || conv == nullptr) return page;
  for (int b = 0x80; b < 256; ++b) {
    const char in = static_cast<char>(b);
    UChar out[4];
    status = U_ZERO_ERROR;
    const int32_t n = ucnv_toUChars(conv.get(), out, 4, &in, 1, &status);
    if (U_SUCCESS(status) && n == 1) page.to_unicode[b] = out[0];
  }
  return page;
}

const CodePage& Windows1252() {
  static const CodePage page = LoadCodePage("windows-1252");
  return page;
}

const CodePage& Windows1258() {
  static const CodePage page = LoadCodePage("windows-1258");
  return page;
}

// The byte windows-1252 (or latin-1, for U+0080..U+009F) writes `c` as, or -1.
int Windows1252Byte(char32_t c) {
  if (c < 0x100) return static_cast<int>(c);
  const CodePage& page = Windows1252();
  for (int b = 0x80; b < 0xA0; ++b) {
    if (page.to_unicode[b] == c) return b;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// TCVN3 and VNI: hand-written tables (legacy_tables.hpp), because ICU ships no converter for
// either.

const detail::VniMark* FindVniMark(char32_t unit) {
  if (unit >= 0xC0 && unit < 0xE0) unit += 0x20;  // the upper-case mark bytes
  for (const detail::VniMark& m : detail::kVniMarks) {
    if (m.byte == unit) return &m;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Units: the input as legacy bytes. Values below 0x100 are bytes; a code point that no single
// byte stands for (an emoji next to mojibake) passes through as itself.

struct Units {
  std::u32string units;
  bool all_bytes = true;
};

Units ToUnits(std::string_view bytes) {
  Units u;
  u.units.reserve(bytes.size());
  if (!IsValidUtf8(bytes)) {
    for (char b : bytes) u.units.push_back(static_cast<unsigned char>(b));
    return u;
  }
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto len = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    const int b = Windows1252Byte(static_cast<char32_t>(c));
    if (b >= 0) {
      u.units.push_back(static_cast<char32_t>(b));
    } else {
      u.units.push_back(static_cast<char32_t>(c));
      u.all_bytes = false;
    }
  }
  return u;
}

char32_t FromWindows1252(char32_t unit) {
  return unit < 0x100 ? Windows1252().to_unicode[unit] : unit;
}

// TCVN3 upper case lived in the font, so "HµNG" meant "HÀNG": a word with two or more capitals
// and no lower-case ASCII letter was written in capitals. A word with a single capital and no
// lower-case ASCII letter ("Ký": K + ý) cannot tell by itself, so it follows its neighbours.
void UpperCaseCapitalWords(std::u32string& text) {
  enum class Caps { kNo, kYes, kUnsure };
  struct Word {
    std::size_t begin;
    std::size_t end;
    Caps caps;
  };
  std::vector<Word> words;
  for (std::size_t start = 0; start < text.size();) {
    if (!SplitLetter(text[start])) {
      ++start;
      continue;
    }
    std::size_t end = start;
    int upper = 0;
    int ascii_lower = 0;
    for (; end < text.size(); ++end) {
      const auto l = SplitLetter(text[end]);
      if (!l) break;
      if (l->upper) ++upper;
      if (text[end] >= U'a' && text[end] <= U'z') ++ascii_lower;
    }
    Caps caps = Caps::kNo;
    if (ascii_lower == 0 && upper >= 2) caps = Caps::kYes;
    if (ascii_lower == 0 && upper == 1 && end - start >= 2 && SplitLetter(text[start])->upper) {
      caps = Caps::kUnsure;
    }
    words.push_back({start, end, caps});
    start = end;
  }
  for (std::size_t w = 0; w < words.size(); ++w) {
    bool caps = words[w].caps == Caps::kYes;
    if (words[w].caps == Caps::kUnsure) {
      const bool prev = w > 0 && words[w - 1].caps == Caps::kYes;
      const bool next = w + 1 < words.size() && words[w + 1].caps == Caps::kYes;
      caps = prev || next;
    }
    if (!caps) continue;
    for (std::size_t i = words[w].begin; i < words[w].end; ++i) {
      auto l = *SplitLetter(text[i]);
      l.upper = true;
      text[i] = JoinLetter(l);
    }
  }
}

std::string ToUtf8(const std::u32string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (char32_t c : text) AppendUtf8(out, c);
  return out;
}

std::string DecodeTcvn3(const Units& in) {
  std::u32string out;
  out.reserve(in.units.size());
  for (char32_t u : in.units) {
    const char32_t letter = u < 0x100 ? detail::kTcvn3Letters[u] : 0;
    out.push_back(letter != 0 ? letter : FromWindows1252(u));
  }
  UpperCaseCapitalWords(out);
  return ToUtf8(out);
}

// The VNI base a mark byte may follow: a e o u y (ASCII), ơ (ô) and ư (ö), either case.
std::optional<Letter> VniBase(char32_t unit) {
  switch (unit) {
    case 0xF4:
      return Letter{U'ơ', Tone::kNone, false};
    case 0xD4:
      return Letter{U'ơ', Tone::kNone, true};
    case 0xF6:
      return Letter{U'ư', Tone::kNone, false};
    case 0xD6:
      return Letter{U'ư', Tone::kNone, true};
    default:
      break;
  }
  if (unit >= 0x80) return std::nullopt;
  const char32_t lower = unit | 0x20;
  if (lower == 'a' || lower == 'e' || lower == 'o' || lower == 'u' || lower == 'y') {
    return Letter{lower, Tone::kNone, unit != lower};
  }
  return std::nullopt;
}

std::string DecodeVni(const Units& in) {
  std::string out;
  out.reserve(in.units.size() + in.units.size() / 2);
  const std::u32string& u = in.units;
  for (std::size_t i = 0; i < u.size(); ++i) {
    if (u[i] >= 0x100) {
      AppendUtf8(out, u[i]);
      continue;
    }
    if (auto base = VniBase(u[i]); base && i + 1 < u.size()) {
      if (const detail::VniMark* m = FindVniMark(u[i + 1])) {
        const char32_t b = base->base;
        bool fits = false;
        if (m->hat == '^' && (b == U'a' || b == U'e' || b == U'o')) {
          base->base = b == U'a' ? U'â' : b == U'e' ? U'ê' : U'ô';
          fits = true;
        } else if (m->hat == '(' && b == U'a') {
          base->base = U'ă';
          fits = true;
        } else if (m->hat == 0) {
          fits = true;
        }
        if (fits) {
          base->tone = m->tone;
          AppendUtf8(out, JoinLetter(*base));
          ++i;
          continue;
        }
      }
    }
    const char32_t letter = detail::kVniLetters[u[i]];
    AppendUtf8(out, letter != 0 ? letter : FromWindows1252(u[i]));
  }
  return out;
}

std::string DecodeCp1258(const Units& in) {
  std::string out;
  out.reserve(in.units.size() + in.units.size() / 2);
  const CodePage& page = Windows1258();
  for (char32_t u : in.units) AppendUtf8(out, u < 0x100 ? page.to_unicode[u] : u);
  return out;  // combining tone marks: the caller's NFC composes them
}

std::string DecodeWindows1252(const Units& in) {
  std::string out;
  out.reserve(in.units.size() + in.units.size() / 2);
  for (char32_t u : in.units) AppendUtf8(out, FromWindows1252(u));
  return out;
}

// The bytes behind windows-1252 mojibake, when they are UTF-8.
std::optional<std::string> DecodeUtf8AsWindows1252(const Units& in) {
  if (!in.all_bytes) return std::nullopt;
  std::string bytes(in.units.begin(), in.units.end());
  if (!IsValidUtf8(bytes)) return std::nullopt;
  return bytes;
}

std::string ReplaceIllFormed(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto len = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    AppendUtf8(out, c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// VIQR (RFC 1456). A letter run becomes a Vietnamese letter sequence only when it reads as one
// valid syllable with at least one mark; anything else ("hello?", "c++") is copied untouched.

constexpr unsigned kKindAcute = 1 << 0;
constexpr unsigned kKindGrave = 1 << 1;
constexpr unsigned kKindHook = 1 << 2;
constexpr unsigned kKindTilde = 1 << 3;
constexpr unsigned kKindDot = 1 << 4;
constexpr unsigned kKindBreve = 1 << 5;
constexpr unsigned kKindHat = 1 << 6;
constexpr unsigned kKindHorn = 1 << 7;
constexpr unsigned kKindDd = 1 << 8;

bool IsAsciiLetter(char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

bool IsViqrMark(char c) {
  return c == '(' || c == '^' || c == '+' || c == '\'' || c == '`' || c == '?' || c == '~' ||
         c == '.';
}

struct ViqrWord {
  std::size_t end = 0;  // one past the last byte consumed
  Letter letters[kMaxSyllableLetters];
  std::size_t n = 0;
  unsigned kinds = 0;
  bool ok = false;
};

// A '.' or '?' after the last vowel of a word is a tone only when the text goes on: "ho. te^n" is
// "họ tên" and "Thi. Thu'y" is "Thị Thúy", but "Do." and "ai?" end a text, and "to^i. Xin" ends
// a sentence (a lower-case word followed by a capital).
bool WordFinalMarkIsTone(std::string_view text, std::size_t word_start, std::size_t j) {
  std::size_t k = j + 1;
  if (k < text.size() && IsAsciiLetter(text[k])) return true;
  while (k < text.size() && text[k] == ' ') ++k;
  if (k == j + 1 || k == text.size()) return false;
  if (text[k] >= 'a' && text[k] <= 'z') return true;
  return text[k] >= 'A' && text[k] <= 'Z' && text[word_start] >= 'A' && text[word_start] <= 'Z';
}

ViqrWord ParseViqrWord(std::string_view text, std::size_t i) {
  ViqrWord w;
  std::size_t j = i;
  Tone tone = Tone::kNone;
  std::size_t tone_at = 0;
  if (j + 1 < text.size() && (text[j] | 0x20) == 'd' && (text[j + 1] | 0x20) == 'd') {
    w.letters[w.n++] = Letter{U'đ', Tone::kNone, text[j] == 'D'};
    w.kinds |= kKindDd;
    j += 2;
  }
  while (j < text.size()) {
    const char c = text[j];
    if (IsAsciiLetter(c)) {
      if (w.n == kMaxSyllableLetters) {  // not a syllable: skip the rest of the run
        while (j < text.size() && IsAsciiLetter(text[j])) ++j;
        w.end = j;
        return w;
      }
      const auto lower = static_cast<char32_t>(c | 0x20);
      w.letters[w.n++] = Letter{lower, Tone::kNone, c != static_cast<char>(lower)};
      ++j;
      continue;
    }
    if (w.n == 0 || !IsVowelBase(w.letters[w.n - 1].base)) break;
    Letter& last = w.letters[w.n - 1];
    if (c == '(' && last.base == U'a') {
      last.base = U'ă';
      w.kinds |= kKindBreve;
    } else if (c == '^' && (last.base == U'a' || last.base == U'e' || last.base == U'o')) {
      last.base = last.base == U'a' ? U'â' : last.base == U'e' ? U'ê' : U'ô';
      w.kinds |= kKindHat;
    } else if (c == '+' && (last.base == U'o' || last.base == U'u')) {
      last.base = last.base == U'o' ? U'ơ' : U'ư';
      w.kinds |= kKindHorn;
    } else if (tone == Tone::kNone && (c == '\'' || c == '`' || c == '?' || c == '~' || c == '.')) {
      if ((c == '.' || c == '?') && !WordFinalMarkIsTone(text, i, j)) break;
      switch (c) {
        case '\'':
          tone = Tone::kAcute, w.kinds |= kKindAcute;
          break;
        case '`':
          tone = Tone::kGrave, w.kinds |= kKindGrave;
          break;
        case '?':
          tone = Tone::kHook, w.kinds |= kKindHook;
          break;
        case '~':
          tone = Tone::kTilde, w.kinds |= kKindTilde;
          break;
        default:
          tone = Tone::kDot, w.kinds |= kKindDot;
          break;
      }
      tone_at = w.n - 1;
    } else {
      break;
    }
    ++j;
  }
  w.end = j;
  if (w.kinds == 0) return w;
  w.letters[tone_at].tone = tone;
  w.ok = CanonicalTonePosition(std::span<const Letter>(w.letters, w.n)).has_value();
  return w;
}

struct ViqrStats {
  int syllables = 0;  // words converted
  int words = 0;      // ASCII letter runs seen
  unsigned kinds = 0;
};

std::string ConvertViqr(std::string_view text, ViqrStats* stats) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && (IsViqrMark(text[i + 1]) || text[i + 1] == '\\')) {
      out.push_back(text[i + 1]);  // RFC 1456 escape: "Do\." is a full stop
      i += 2;
      continue;
    }
    if (!IsAsciiLetter(c) || (i > 0 && IsAsciiLetter(text[i - 1]))) {
      out.push_back(c);
      ++i;
      continue;
    }
    ++stats->words;
    const ViqrWord w = ParseViqrWord(text, i);
    if (w.ok) {
      for (std::size_t k = 0; k < w.n; ++k) AppendUtf8(out, JoinLetter(w.letters[k]));
      ++stats->syllables;
      stats->kinds |= w.kinds;
      i = w.end;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && IsAsciiLetter(text[j])) ++j;
    out.append(text.substr(i, j - i));
    i = j;
  }
  return out;
}

// English has its share of "?" and "'" after vowels ("I'm", "you?"), so VIQR needs three marked
// syllables, at least two kinds of mark, and marked syllables in 3 of 10 words.
bool LooksLikeViqr(std::string_view ascii) {
  int marks = 0;
  for (std::size_t i = 1; i < ascii.size(); ++i) {
    const char prev = static_cast<char>(ascii[i - 1] | 0x20);
    const bool after_vowel =
        prev == 'a' || prev == 'e' || prev == 'i' || prev == 'o' || prev == 'u' || prev == 'y';
    if ((after_vowel && IsViqrMark(ascii[i])) || (prev == 'd' && (ascii[i] | 0x20) == 'd')) {
      ++marks;
    }
  }
  if (marks < 3) return false;
  ViqrStats stats;
  ConvertViqr(ascii, &stats);
  return stats.syllables >= 3 && std::popcount(stats.kinds) >= 2 &&
         stats.syllables * 10 >= stats.words * 3;
}

// ---------------------------------------------------------------------------------------------
// Scoring: how Vietnamese a decoding reads. Words with only ASCII say nothing; a word with other
// characters is good when it is a valid syllable and bad otherwise ("Céng", "chaøo", "x·").

struct Score {
  int good = 0;
  int bad = 0;
  int Value() const { return good - 2 * bad; }
};

// Word characters for scoring: mojibake is full of latin-1 symbols ("§¨ng", "x·") that are
// letters in the legacy encoding, so all of latin-1 and Latin Extended-A/B counts, with the
// Vietnamese block and combining marks. Emoji and other symbols separate words, so that
// "chaøo❤️" is still scored as "chaøo".
bool IsScoreWordChar(UChar32 c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return (c >= 0xA1 && c < 0x250) || (c >= 0x300 && c < 0x370) || (c >= 0x1EA0 && c < 0x1F00);
}

Score ScoreText(std::string_view text) {
  Score score;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto len = static_cast<int32_t>(text.size());
  int32_t start = -1;
  bool non_ascii = false;
  auto close = [&](int32_t end) {
    if (start >= 0 && non_ascii) {
      const auto word =
          text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
      ++(IsVietnameseSyllable(word) ? score.good : score.bad);
    }
    start = -1;
    non_ascii = false;
  };
  for (int32_t i = 0; i < len;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c >= 0 && IsScoreWordChar(c)) {
      if (start < 0) start = at;
      if (c >= 0x80) non_ascii = true;
    } else {
      close(at);
    }
  }
  close(len);
  return score;
}

std::optional<std::string> Decode(const Units& units, LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kTcvn3:
      return DecodeTcvn3(units);
    case LegacyEncoding::kVni:
      return DecodeVni(units);
    case LegacyEncoding::kCp1258:
      return ToNfc(DecodeCp1258(units));
    case LegacyEncoding::kUtf8AsWindows1252:
      return DecodeUtf8AsWindows1252(units);
    case LegacyEncoding::kWindows1252:
      return DecodeWindows1252(units);
    case LegacyEncoding::kUnicode:
    case LegacyEncoding::kViqr:
      break;
  }
  return std::nullopt;
}

constexpr LegacyEncoding kEightBit[] = {LegacyEncoding::kTcvn3, LegacyEncoding::kVni,
                                        LegacyEncoding::kCp1258};

// The best 8-bit decoding that beats `floor`, or kUnicode.
LegacyEncoding BestEightBit(const Units& units, Score floor, bool must_beat_bad) {
  LegacyEncoding best = LegacyEncoding::kUnicode;
  Score best_score = floor;
  for (LegacyEncoding e : kEightBit) {
    const Score s = ScoreText(*Decode(units, e));
    if (s.good == 0 || s.good <= s.bad) continue;
    if (must_beat_bad && s.bad >= floor.bad) continue;
    if (s.Value() > best_score.Value()) {
      best = e;
      best_score = s;
    }
  }
  return best;
}

}  // namespace

std::string_view EncodingName(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kUnicode:
      return "unicode";
    case LegacyEncoding::kTcvn3:
      return "tcvn3";
    case LegacyEncoding::kVni:
      return "vni";
    case LegacyEncoding::kViqr:
      return "viqr";
    case LegacyEncoding::kCp1258:
      return "cp1258";
    case LegacyEncoding::kUtf8AsWindows1252:
      return "utf8_as_windows1252";
    case LegacyEncoding::kWindows1252:
      return "windows1252";
  }
  return "unknown";
}

LegacyEncoding DetectEncoding(std::string_view bytes) {
  bool all_ascii = true;
  bool latin = false;       // a code point some legacy byte could be mojibake of
  bool vietnamese = false;  // a Vietnamese letter beyond latin-1: real Unicode text
  int well_formed = 0;      // multi-byte UTF-8 sequences
  int ill_formed = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto len = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < len;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) {
      ++ill_formed;
      all_ascii = false;
    } else if (c >= 0x80) {
      all_ascii = false;
      ++well_formed;
      if (Windows1252Byte(static_cast<char32_t>(c)) >= 0) {
        latin = true;
      } else if (SplitLetter(static_cast<char32_t>(c))) {
        vietnamese = true;
      }
    }
  }
  if (all_ascii) return LooksLikeViqr(bytes) ? LegacyEncoding::kViqr : LegacyEncoding::kUnicode;

  if (ill_formed > 0) {
    // UTF-8 with a few damaged bytes (a truncated SMS part) stays UTF-8; legacy 8-bit text almost
    // never forms valid multi-byte sequences.
    if (well_formed >= ill_formed) return LegacyEncoding::kUnicode;
    const Units units = ToUnits(bytes);
    const LegacyEncoding best = BestEightBit(units, Score{}, /*must_beat_bad=*/false);
    return best == LegacyEncoding::kUnicode ? LegacyEncoding::kWindows1252 : best;
  }

  if (vietnamese || !latin) return LegacyEncoding::kUnicode;
  const Score original = ScoreText(bytes);
  if (original.bad == 0) return LegacyEncoding::kUnicode;  // "Tôi là Hà" is latin-1 only
  const Units units = ToUnits(bytes);
  // UTF-8 read as windows-1252 is unmistakable once the bytes form valid UTF-8 again.
  if (const auto utf8 = DecodeUtf8AsWindows1252(units)) {
    if (ScoreText(*utf8).bad <= original.bad) return LegacyEncoding::kUtf8AsWindows1252;
  }
  return BestEightBit(units, original, /*must_beat_bad=*/true);
}

std::string ConvertToUnicode(std::string_view bytes, LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kUnicode:
      return IsValidUtf8(bytes) ? std::string(bytes) : ReplaceIllFormed(bytes);
    case LegacyEncoding::kViqr: {
      ViqrStats stats;
      if (IsValidUtf8(bytes)) return ToNfc(ConvertViqr(bytes, &stats));
      return ToNfc(ConvertViqr(ReplaceIllFormed(bytes), &stats));
    }
    case LegacyEncoding::kUtf8AsWindows1252: {
      if (auto utf8 = DecodeUtf8AsWindows1252(ToUnits(bytes))) return ToNfc(*utf8);
      return ConvertToUnicode(bytes, LegacyEncoding::kUnicode);
    }
    case LegacyEncoding::kTcvn3:
    case LegacyEncoding::kVni:
    case LegacyEncoding::kCp1258:
    case LegacyEncoding::kWindows1252:
      return ToNfc(*Decode(ToUnits(bytes), encoding));
  }
  return ConvertToUnicode(bytes, LegacyEncoding::kUnicode);
}

std::string RepairVietnamese(std::string_view bytes) {
  return ConvertToUnicode(bytes, DetectEncoding(bytes));
}

}  // namespace gw::locales
