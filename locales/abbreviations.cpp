// Abbreviation table (parsed from locales/vi/abbreviations.tsv) and the Telex repair.
#include "locales/abbreviations.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <optional>

#include "locales/normalize.hpp"
#include "locales/syllable.hpp"

namespace gw::locales {
namespace {

void AppendUtf8(std::string& out, char32_t c) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, static_cast<UChar32>(c));
  out.append(buf, static_cast<std::size_t>(len));
}

struct Decoded {
  char32_t c;
  std::size_t next;
};

Decoded DecodeAt(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  auto j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, j, static_cast<int32_t>(s.size()), c);
  return {c < 0 ? 0xFFFD : static_cast<char32_t>(c), static_cast<std::size_t>(j)};
}

bool IsLetterChar(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return SplitLetter(c).has_value() || u_isalpha(static_cast<UChar32>(c));
}

bool IsDigitChar(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0x80 && u_isdigit(static_cast<UChar32>(c)));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Telex.

// Common English words whose letters happen to spell a Telex syllable ("how" -> hơ, "see" -> sê,
// "this" -> thí). Found by running the decoder over a list of frequent English words. Lookalikes
// that are also everyday Telex Vietnamese stay off the list and are left to the message-level
// gate: "own" (ơn), "teen" (tên), "queen" (quên), "six" (sĩ), "max" (mã), "its" (ít), "moon" (môn).
constexpr std::string_view kEnglishTelexLookalikes[] = {
    "as",   "boom", "door", "down", "has",   "her",   "here", "hero",  "his", "how",  "if",   "is",
    "last", "low",  "most", "must", "nor",   "now",   "of",   "oops",  "or",  "per",  "room", "see",
    "seen", "sees", "sir",  "soon", "there", "these", "this", "those", "too", "town", "us",
};

bool IsEnglishLookalike(std::string_view lower) {
  return std::find(std::begin(kEnglishTelexLookalikes), std::end(kEnglishTelexLookalikes), lower) !=
         std::end(kEnglishTelexLookalikes);
}

struct TelexReading {
  Letter letters[kMaxSyllableLetters];
  std::size_t n = 0;
  bool strong = false;  // a letter-changing key (dd aa aw ee oo ow uw w), not only a tone key
};

// The Telex reading of an ASCII lower-case token, when it is a valid syllable that used Telex.
std::optional<TelexReading> ReadTelex(std::string_view token) {
  char32_t b[kMaxSyllableLetters];
  std::size_t n = 0;
  Tone tone = Tone::kNone;
  bool strong = false;
  auto has_vowel = [&] { return std::any_of(b, b + n, IsVowelBase); };
  for (const char ch : token) {
    const char32_t prev = n > 0 ? b[n - 1] : 0;
    switch (ch) {
      case 'd':
        if (n == 1 && prev == U'd') {  // đ opens a syllable, never closes one
          b[0] = U'đ';
          strong = true;
          continue;
        }
        break;
      case 'a':
      case 'e':
      case 'o':
        if (prev == static_cast<char32_t>(ch)) {
          b[n - 1] = ch == 'a' ? U'â' : ch == 'e' ? U'ê' : U'ô';
          strong = true;
          continue;
        }
        break;
      case 'w': {
        // w adds a breve or horn to the last vowel, even after the final ("duocwj" = được).
        std::size_t p = n;
        while (p > 0 && !IsVowelBase(b[p - 1])) --p;
        if (p == 0) {
          if (n == 0) return std::nullopt;  // "was", "wow": w opening a word is not Telex
          b[n++] = U'ư';                    // "nhw" = như
        } else if (b[p - 1] == U'a') {
          b[p - 1] = U'ă';
        } else if (b[p - 1] == U'o') {
          b[p - 1] = U'ơ';
          if (p >= 2 && b[p - 2] == U'u') b[p - 2] = U'ư';  // uow = ươ
        } else if (b[p - 1] == U'u') {
          b[p - 1] = U'ư';
        } else {
          return std::nullopt;
        }
        strong = true;
        continue;
      }
      case 's':
      case 'f':
      case 'r':
      case 'x':
      case 'j':
        if (has_vowel()) {  // no Vietnamese syllable ends in s f r x j: these are tone keys
          if (tone != Tone::kNone) return std::nullopt;
          tone = ch == 's'   ? Tone::kAcute
                 : ch == 'f' ? Tone::kGrave
                 : ch == 'r' ? Tone::kHook
                 : ch == 'x' ? Tone::kTilde
                             : Tone::kDot;
          continue;
        }
        if (ch == 'f' || ch == 'j') return std::nullopt;
        break;
      case 'z':
        return std::nullopt;
      default:
        break;
    }
    if (n == kMaxSyllableLetters) return std::nullopt;
    b[n++] = static_cast<char32_t>(ch);
  }
  if (!strong && tone == Tone::kNone) return std::nullopt;
  TelexReading r;
  r.n = n;
  r.strong = strong;
  std::size_t first_vowel = n;
  for (std::size_t i = 0; i < n; ++i) {
    r.letters[i] = Letter{b[i], Tone::kNone, false};
    if (first_vowel == n && IsVowelBase(b[i])) first_vowel = i;
  }
  if (first_vowel == n) return std::nullopt;
  r.letters[first_vowel].tone = tone;
  const auto pos = CanonicalTonePosition(std::span<const Letter>(r.letters, n));
  if (!pos) return std::nullopt;
  r.letters[first_vowel].tone = Tone::kNone;
  r.letters[*pos].tone = tone;
  return r;
}

enum class TokenKind { kVietnamese, kStrong, kWeak, kUnknown, kNeutral };

struct Token {
  std::size_t begin;
  std::size_t end;
  TokenKind kind;
  std::string replacement;
};

// The Telex reading spelled in the token's case: "DDAWNG" -> "ĐĂNG", "Hoof" -> "Hồ".
std::string Spell(TelexReading r, std::string_view original) {
  std::size_t upper = 0;
  for (char c : original) upper += (c >= 'A' && c <= 'Z') ? 1 : 0;
  const bool all_upper = upper == original.size() && original.size() >= 2;
  const bool capitalised = original[0] >= 'A' && original[0] <= 'Z';
  std::string out;
  for (std::size_t i = 0; i < r.n; ++i) {
    r.letters[i].upper = all_upper || (capitalised && i == 0);
    AppendUtf8(out, JoinLetter(r.letters[i]));
  }
  return out;
}

Token Classify(std::string_view text, std::size_t begin, std::size_t end) {
  const std::string_view word = text.substr(begin, end - begin);
  Token t{begin, end, TokenKind::kUnknown, {}};
  if (!std::all_of(word.begin(), word.end(), [](char c) { return (c & 0x80) == 0; })) {
    t.kind = IsVietnameseSyllable(word) ? TokenKind::kVietnamese : TokenKind::kUnknown;
    return t;
  }
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(c | 0x20);
  if (IsPlainVietnameseSyllable(lower)) {
    t.kind = TokenKind::kVietnamese;
  } else if (!IsEnglishLookalike(lower)) {
    if (const auto reading = ReadTelex(lower)) {
      t.kind = reading->strong ? TokenKind::kStrong : TokenKind::kWeak;
      t.replacement = Spell(*reading, word);
    }
  }
  return t;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// AbbreviationTable.

AbbreviationTable AbbreviationTable::Parse(std::string_view tsv_text) {
  AbbreviationTable table;
  std::unordered_map<std::string, std::size_t> first_line;
  std::size_t line_no = 0;
  for (std::string_view raw : Split(tsv_text, '\n')) {
    ++line_no;
    const std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = "line " + std::to_string(line_no) + ": ";
    const auto fields = Split(line, '\t');
    if (fields.size() != 3) {
      table.errors_.push_back(where +
                              "expected 3 tab-separated fields (abbrev, expansion, flags), got " +
                              std::to_string(fields.size()));
      continue;
    }
    Abbreviation entry;
    entry.abbrev = NormalizeForMatching(Trim(fields[0]));
    const std::string_view flags = Trim(fields[2]);
    if (entry.abbrev.empty() || entry.abbrev.find(' ') != std::string::npos) {
      table.errors_.push_back(where + "the abbreviation must be one non-empty token");
      continue;
    }
    if (flags != "safe" && flags != "ambiguous") {
      table.errors_.push_back(where + "flags must be safe or ambiguous, got \"" +
                              std::string(flags) + "\"");
      continue;
    }
    entry.safe = flags == "safe";
    bool empty_expansion = false;
    for (std::string_view e : Split(fields[1], '|')) {
      entry.expansions.push_back(NormalizeForMatching(Trim(e)));
      empty_expansion = empty_expansion || entry.expansions.back().empty();
    }
    if (empty_expansion) {
      table.errors_.push_back(where + "empty expansion for \"" + entry.abbrev + "\"");
      continue;
    }
    if (entry.safe && entry.expansions.size() != 1) {
      table.errors_.push_back(where + "a safe entry has exactly one expansion, \"" + entry.abbrev +
                              "\" has " + std::to_string(entry.expansions.size()));
      continue;
    }
    if (const auto it = first_line.find(entry.abbrev); it != first_line.end()) {
      table.errors_.push_back(where + "duplicate abbreviation \"" + entry.abbrev +
                              "\" (first on line " + std::to_string(it->second) + ")");
      continue;
    }
    first_line.emplace(entry.abbrev, line_no);
    std::string key = entry.abbrev;
    table.entries_.emplace(std::move(key), std::move(entry));
  }
  return table;
}

const Abbreviation* AbbreviationTable::Find(std::string_view token) const {
  const auto it = entries_.find(token);
  return it == entries_.end() ? nullptr : &it->second;
}

std::string AbbreviationTable::Expand(std::string_view text) const {
  auto is_token_char = [](char32_t c) { return IsLetterChar(c) || IsDigitChar(c); };
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const Decoded d = DecodeAt(text, i);
    if (!is_token_char(d.c)) {
      i = d.next;
      continue;
    }
    const std::size_t start = i;
    std::size_t end = d.next;
    while (end < text.size()) {
      const Decoded e = DecodeAt(text, end);
      if (is_token_char(e.c)) {
        end = e.next;
      } else if (e.c == '/' && e.next < text.size() && is_token_char(DecodeAt(text, e.next).c)) {
        end = DecodeAt(text, e.next).next;  // "v/v", "đ/c": a slash between token characters
      } else {
        break;
      }
    }
    if (const Abbreviation* a = Find(text.substr(start, end - start)); a != nullptr && a->safe) {
      out.append(text.substr(copied, start - copied));
      out.append(a->expansions.front());
      copied = end;
    }
    i = end;
  }
  out.append(text.substr(copied));
  return out;
}

// ---------------------------------------------------------------------------------------------

std::string UndoTelex(std::string_view text) {
  std::vector<Token> tokens;
  int strong = 0;
  int unknown = 0;
  int counted = 0;
  std::size_t i = 0;
  char32_t before = 0;  // the code point before the current token
  while (i < text.size()) {
    const Decoded d = DecodeAt(text, i);
    if (!IsLetterChar(d.c)) {
      before = d.c;
      i = d.next;
      continue;
    }
    std::size_t end = d.next;
    char32_t after = 0;
    while (end < text.size()) {
      const Decoded e = DecodeAt(text, end);
      if (!IsLetterChar(e.c)) {
        after = e.c;
        break;
      }
      end = e.next;
    }
    Token t = Classify(text, i, end);
    // Letters glued to digits are codes ("H29", "50k"), not words.
    if (IsDigitChar(before) || IsDigitChar(after)) t.kind = TokenKind::kNeutral;
    if (t.kind != TokenKind::kNeutral) ++counted;
    if (t.kind == TokenKind::kStrong) ++strong;
    if (t.kind == TokenKind::kUnknown) ++unknown;
    tokens.push_back(std::move(t));
    before = 0;
    i = end;
  }
  if (strong == 0 || unknown * 3 > counted) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kStrong && t.kind != TokenKind::kWeak) continue;
    out.append(text.substr(copied, t.begin - copied));
    out.append(t.replacement);
    copied = t.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace gw::locales
