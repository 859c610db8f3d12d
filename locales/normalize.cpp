// The normalisation pipeline: legacy repair, NFC, tone placement, clean-up of the text.
#include "locales/normalize.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <span>

#include "locales/legacy_encoding.hpp"
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

bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  // U+200B (zero width space) is Cf, but it separates words, so it counts as a space here.
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Pictographs, flags and skin tones: replaced by a space (an emoji often stands between words).
bool IsEmoji(char32_t c) {
  const auto u = static_cast<UChar32>(c);
  return u_hasBinaryProperty(u, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(u, UCHAR_REGIONAL_INDICATOR) ||
         u_hasBinaryProperty(u, UCHAR_EMOJI_MODIFIER);
}

// Glue inside emoji sequences (variation selectors, keycap, tags): dropped without a trace, so
// "1️⃣" keeps its digit.
bool IsEmojiGlue(char32_t c) {
  return c == 0xFE0E || c == 0xFE0F || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

// Punctuation whose runs carry no more meaning than one: "!!!", "???", ",,", "---". Not '+'
// ("C++"), '/' ("https://") or '#'.
bool IsCollapsible(char32_t c) {
  switch (c) {
    case '!':
    case '?':
    case ',':
    case ';':
    case ':':
    case '-':
    case '_':
    case '~':
    case '*':
    case '=':
    case '\'':
    case '"':
      return true;
    default:
      return false;
  }
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (SplitLetter(c)) return true;
  const auto u = static_cast<UChar32>(c);
  if (u_isalpha(u)) return true;
  if (IsEmojiGlue(c)) return false;  // U+FE0F is a non-spacing mark, but belongs to the emoji
  const int8_t type = u_charType(u);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

char32_t Lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
  if (auto l = SplitLetter(c)) {
    l->upper = false;
    return JoinLetter(*l);
  }
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

class Normalizer {
 public:
  Normalizer(std::size_t size_hint, bool lower) : lower_(lower) { out_.reserve(size_hint); }

  void Feed(char32_t c) {
    // Invisible characters go first and do not end a word, so that "e<U+FE0F><U+0300>" or a
    // soft hyphen inside a word leave one word behind.
    if (c < 0x80) {
      if ((c < 0x20 && !IsSpace(c)) || c == 0x7F) return;  // control characters
    } else if (!SplitLetter(c)) {
      if (c < 0xA0 && c != 0x85) return;  // C1 controls
      if (IsEmojiGlue(c)) return;
      if (!IsSpace(c) && u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR) return;
    }
    if (IsWordChar(c)) {
      if (c == 0x00D0 || c == 0x0189) c = U'Đ';
      if (word_len_ == kWordCap) FlushWord();  // too long for a syllable: pass through as is
      word_[word_len_++] = c;
      return;
    }
    FlushWord();
    if (IsSpace(c)) {
      pending_space_ = true;
      return;
    }
    if (c >= 0x80 && IsEmoji(c)) {
      pending_space_ = true;
      return;
    }
    if (c == '.' || c == 0x2026) {  // "..", "....", "…" all become "..."
      const bool continues = last_ == '.' && !pending_space_;
      if (continues && dots_ == 3) return;
      if (continues) {
        out_.append("..");
      } else {
        EmitSpace();
        out_.append(c == '.' ? "." : "...");
      }
      dots_ = (continues || c == 0x2026) ? 3 : 1;
      last_ = '.';
      return;
    }
    if (IsCollapsible(c) && c == last_ && !pending_space_) return;
    Emit(c);
  }

  std::string Finish() {
    FlushWord();
    return std::move(out_);
  }

 private:
  static constexpr std::size_t kWordCap = 16;

  void EmitSpace() {
    if (pending_space_ && !out_.empty()) out_.push_back(' ');
    pending_space_ = false;
  }

  void Emit(char32_t c) {
    EmitSpace();
    Append(c);
    last_ = c;
  }

  // Moves a misplaced tone mark, then emits the word.
  void FlushWord() {
    if (word_len_ == 0) return;
    ComposeWord();
    if (word_len_ >= 2 && word_len_ <= kMaxSyllableLetters) FixTone();
    EmitSpace();
    for (std::size_t i = 0; i < word_len_; ++i) Append(word_[i]);
    last_ = word_[word_len_ - 1];
    word_len_ = 0;
  }

  // The input was NFC, but a mark separated from its letter by a dropped character was not
  // composed: compose the word again (rare, so ICU is fine here).
  void ComposeWord() {
    bool marks = false;
    for (std::size_t i = 0; i < word_len_ && !marks; ++i) {
      marks = word_[i] >= 0x300 && u_getCombiningClass(static_cast<UChar32>(word_[i])) != 0;
    }
    if (!marks) return;
    std::string utf8;
    for (std::size_t i = 0; i < word_len_; ++i) AppendUtf8(utf8, word_[i]);
    const std::string composed = ToNfc(utf8);
    word_len_ = 0;
    const auto* p = reinterpret_cast<const uint8_t*>(composed.data());
    const auto len = static_cast<int32_t>(composed.size());
    for (int32_t i = 0; i < len && word_len_ < kWordCap;) {
      UChar32 c;
      U8_NEXT(p, i, len, c);
      word_[word_len_++] = static_cast<char32_t>(c);
    }
  }

  void FixTone() {
    // Most words need nothing: find the toned letter before splitting the rest.
    std::size_t toned = word_len_;
    for (std::size_t i = 0; i < word_len_ && toned == word_len_; ++i) {
      if (word_[i] < 0x80) continue;
      const auto l = SplitLetter(word_[i]);
      if (l && l->tone != Tone::kNone) toned = i;
    }
    if (toned == word_len_) return;
    Letter letters[kMaxSyllableLetters];
    int vowels = 0;
    for (std::size_t i = 0; i < word_len_; ++i) {
      const auto l = SplitLetter(word_[i]);
      if (!l) return;
      letters[i] = *l;
      if (IsVowelBase(l->base)) ++vowels;
    }
    if (vowels < 2) return;  // one vowel: the mark has nowhere else to go
    const auto pos = CanonicalTonePosition(std::span<const Letter>(letters, word_len_));
    if (!pos || *pos == toned) return;
    letters[*pos].tone = letters[toned].tone;
    letters[toned].tone = Tone::kNone;
    word_[toned] = JoinLetter(letters[toned]);
    word_[*pos] = JoinLetter(letters[*pos]);
  }

  void Append(char32_t c) {
    if (c < 0x80) {
      out_.push_back(static_cast<char>(lower_ && c >= 'A' && c <= 'Z' ? c + 0x20 : c));
    } else {
      AppendUtf8(out_, lower_ ? Lower(c) : c);
    }
  }

  bool lower_;
  std::string out_;
  char32_t word_[kWordCap] = {};
  std::size_t word_len_ = 0;
  bool pending_space_ = false;
  char32_t last_ = 0;
  int dots_ = 0;
};

std::string Normalize(std::string_view input, bool lower) {
  // NFC before detection, so that a text and its decomposed form are judged alike (NFC does not
  // touch mojibake: windows-1252 holds no combining marks). Raw legacy bytes are not UTF-8 yet and
  // go to detection as they are; every conversion returns NFC.
  std::string text;
  std::string_view view = input;
  const bool valid = IsValidUtf8(input);
  if (valid) {
    text = ToNfc(input);
    view = text;
  }
  const LegacyEncoding encoding = DetectEncoding(view);
  if (encoding != LegacyEncoding::kUnicode || !valid) text = ConvertToUnicode(view, encoding);
  Normalizer n(text.size(), lower);
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto len = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    n.Feed(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return n.Finish();
}

}  // namespace

std::string NormalizeVietnamese(std::string_view text) {
  return Normalize(text, false);
}

std::string NormalizeForMatching(std::string_view text) {
  return Normalize(text, true);
}

std::string FoldedView(std::string_view text) {
  return FoldDiacritics(NormalizeForMatching(text));
}

}  // namespace gw::locales
