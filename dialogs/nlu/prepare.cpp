// Preparation of text for the classifier: the one normalisation used for training and prediction
// (folding, tokens, placeholders for codes and numbers, Telex repair).
#include "dialogs/nlu/prepare.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "locales/normalize.hpp"
#include "locales/text.hpp"

namespace gw::dialogs::nlu {
namespace {

// ---------------------------------------------------------------------------------------------
// Tokenizer for PrepareForClassifier.

enum class TokenKind { kWord, kDigits, kPunct, kSymbol };

struct Token {
  TokenKind kind;
  std::string_view text;
  bool space_before;
};

// Decodes one UTF-8 code point at s[i] (s is valid UTF-8: it comes out of ICU), advancing i.
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  if (i + len > s.size()) len = s.size() - i;
  char32_t c = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (std::size_t k = 1; k < len; ++k)
    c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return c;
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x00A0 ||
         c == 0x2028 || c == 0x2029 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B);
}

// Code points dropped outright: joiners and emoji modifiers that would split emoji, the
// replacement character left by invalid input.
bool IsIgnorable(char32_t c) {
  return c == 0x200C || c == 0x200D || c == 0xFE0E || c == 0xFE0F || c == 0xFFFD ||
         (c >= 0x1F3FB && c <= 0x1F3FF);
}

// Emoji and pictographs carry signal ("👍", "😡", "⭐") and are kept as tokens of their own.
bool IsSymbol(char32_t c) {
  return (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF) ||
         (c >= 0x1F000 && c <= 0x1FAFF);
}

bool IsPunct(char32_t c) {
  if (c < 0x80)
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  return (c >= 0x00A1 && c <= 0x00BF) || c == 0x00D7 || c == 0x00F7 ||
         (c >= 0x2010 && c <= 0x206F) || (c >= 0x2190 && c <= 0x23FF) ||
         (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F);
}

bool IsAsciiDigit(char32_t c) {
  return c >= '0' && c <= '9';
}

bool IsEmailOrUrl(std::string_view chunk, std::string_view& placeholder) {
  if (chunk.starts_with("http://") || chunk.starts_with("https://") || chunk.starts_with("www.")) {
    placeholder = "__url__";
    return true;
  }
  const auto at = chunk.find('@');
  if (at != std::string_view::npos && at > 0 && chunk.find('.', at) != std::string_view::npos) {
    placeholder = "__email__";
    return true;
  }
  return false;
}

// Splits one whitespace-free chunk into words, digit runs, punctuation and symbols. Letter/digit
// boundaries split ("5sao" -> "5" "sao", "h29" -> "h" "29").
void TokenizeChunk(std::string_view chunk, bool space_before, std::vector<Token>& out) {
  std::size_t i = 0;
  std::size_t start = 0;
  TokenKind run_kind = TokenKind::kWord;
  bool in_run = false;
  auto flush = [&](std::size_t end) {
    if (in_run && end > start) {
      out.push_back({run_kind, chunk.substr(start, end - start), space_before});
      space_before = false;
    }
    in_run = false;
  };
  while (i < chunk.size()) {
    const std::size_t at = i;
    const char32_t c = NextCodePoint(chunk, i);
    if (IsIgnorable(c)) {
      flush(at);
      continue;
    }
    if (IsSymbol(c) || IsPunct(c)) {
      flush(at);
      out.push_back({IsSymbol(c) ? TokenKind::kSymbol : TokenKind::kPunct, chunk.substr(at, i - at),
                     space_before});
      space_before = false;
      continue;
    }
    const TokenKind kind = IsAsciiDigit(c) ? TokenKind::kDigits : TokenKind::kWord;
    if (in_run && kind != run_kind) flush(at);
    if (!in_run) {
      in_run = true;
      run_kind = kind;
      start = at;
    }
  }
  flush(chunk.size());
}

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    // Skip whitespace, then take one chunk up to the next whitespace.
    while (i < s.size()) {
      std::size_t next = i;
      if (!IsSpace(NextCodePoint(s, next))) break;
      i = next;
    }
    const std::size_t chunk_start = i;
    while (i < s.size()) {
      std::size_t next = i;
      if (IsSpace(NextCodePoint(s, next))) break;
      i = next;
    }
    if (i == chunk_start) continue;
    const std::string_view chunk = s.substr(chunk_start, i - chunk_start);
    std::string_view placeholder;
    if (IsEmailOrUrl(chunk, placeholder)) {
      tokens.push_back({TokenKind::kSymbol, placeholder, true});
      continue;
    }
    TokenizeChunk(chunk, true, tokens);
  }
  return tokens;
}

bool IsRunSeparator(const Token& t) {
  return t.kind == TokenKind::kPunct && t.text.size() == 1 &&
         (t.text[0] == '.' || t.text[0] == ',' || t.text[0] == '-' || t.text[0] == '/' ||
          t.text[0] == ':' || t.text[0] == '_');
}

bool IsCodeLetter(const Token& t, const Token& next) {
  // The letter of a unit code such as "h29" in "000.00.12.h29": one ASCII letter glued to digits.
  return t.kind == TokenKind::kWord && t.text.size() == 1 && t.text[0] >= 'a' && t.text[0] <= 'z' &&
         next.kind == TokenKind::kDigits && !next.space_before;
}

// Reads a run of digit groups starting at tokens[i] (a digit token) and says what it is:
// dossier codes (<unit code>-YYMMDD-NNNN, written with dots, commas, spaces), phone and ID
// numbers, dates, amounts. Returns the placeholder, or "" to keep the run's small numbers as
// they are (scores "9/10", "4/5", ordinals "số 2"). `end` is set past the run.
std::string_view ClassifyNumberRun(const std::vector<Token>& tokens, std::size_t i,
                                   std::size_t& end) {
  std::size_t digits = tokens[i].text.size();
  std::size_t groups = 1;
  bool dash = false, slash = false, letter = false;
  bool short_groups = tokens[i].text.size() <= 2;
  std::size_t j = i + 1;
  while (j < tokens.size()) {
    if (j + 1 < tokens.size() && tokens[j].space_before && IsCodeLetter(tokens[j], tokens[j + 1])) {
      letter = true;  // "000 00 12 h29-...": the unit code written with spaces
      digits += tokens[j + 1].text.size();
      short_groups &= tokens[j + 1].text.size() <= 2;
      ++groups;
      j += 2;
      continue;
    }
    if (tokens[j].kind == TokenKind::kDigits && tokens[j].space_before) {
      digits += tokens[j].text.size();  // "0912 345 678", "241023 0001"
      short_groups &= tokens[j].text.size() <= 2;
      ++groups;
      ++j;
      continue;
    }
    // A comma followed by a space separates list items ("9/10, 4/5"), not code groups.
    if (IsRunSeparator(tokens[j]) && j + 1 < tokens.size() &&
        !(tokens[j].text[0] == ',' && tokens[j + 1].space_before)) {
      std::size_t k = j + 1;
      bool has_letter = false;
      if (k + 1 < tokens.size() && IsCodeLetter(tokens[k], tokens[k + 1])) {
        has_letter = true;
        ++k;
      }
      if (tokens[k].kind == TokenKind::kDigits) {
        dash |= tokens[j].text[0] == '-';
        slash |= tokens[j].text[0] == '/';
        letter |= has_letter;
        digits += tokens[k].text.size();
        short_groups &= tokens[k].text.size() <= 2;
        ++groups;
        j = k + 1;
        continue;
      }
    }
    break;
  }
  end = j;
  if (groups == 1) return digits <= 2 ? std::string_view() : "__num__";
  if (digits <= 4 && short_groups) return "";  // scores and times: "9/10", "4/5", "7h30", "1.5"
  if (digits >= 13 || (letter && digits >= 8) || (dash && digits >= 10)) return "__code__";
  if ((slash || dash) && groups <= 3 && digits <= 8) return "__date__";
  return "__num__";
}

// Telex remnants: text typed with the Vietnamese keyboard off keeps the keystrokes
// ("ddawng kys" for "đăng ký", "thuwowngf trus" for "thường trú"). A folded Vietnamese syllable
// never holds "dd", "w", a doubled vowel or a tone key (s f r x j) after its vowel, so such a
// token that becomes a well-formed syllable once the keystrokes are removed is taken for Telex.
// English words rarely pass ("status" -> "statu" has no valid onset, "thanks" no valid final).

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool IsSyllable(std::string_view w) {
  static constexpr std::string_view kOnsets[] = {
      "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c",
      "d",   "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v", "x"};
  static constexpr std::string_view kNuclei[] = {
      "a",  "e",   "i",   "o",   "u",   "y",   "ai",  "ao",  "au",  "ay",  "eo",  "eu",
      "ia", "ie",  "iu",  "oa",  "oe",  "oi",  "ua",  "ue",  "ui",  "uo",  "uu",  "uy",
      "ye", "ieu", "yeu", "oai", "oay", "oeo", "uay", "uoi", "uou", "uya", "uye", "uyu"};
  static constexpr std::string_view kFinals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
  std::size_t i = 0;
  for (std::string_view o : kOnsets) {
    if (w.starts_with(o) && (o != "gi" || w.size() > 2)) {
      i = o.size();
      break;
    }
  }
  std::size_t j = i;
  while (j < w.size() && IsVowel(w[j])) ++j;
  const std::string_view nucleus = w.substr(i, j - i);
  const std::string_view final = w.substr(j);
  bool nucleus_ok = false, final_ok = false;
  for (std::string_view n : kNuclei) nucleus_ok |= n == nucleus;
  for (std::string_view f : kFinals) final_ok |= f == final;
  return nucleus_ok && final_ok;
}

bool IsToneKey(char c) {
  return c == 's' || c == 'f' || c == 'r' || c == 'x' || c == 'j';
}

// Returns the syllable a Telex-typed token stands for, or "" when it is not one.
std::string UndoTelex(std::string_view w) {
  // English words that pass the shape test and occur in citizens' messages.
  static constexpr std::string_view kEnglish[] = {
      "as",  "bus",   "does", "has",  "his",  "how",  "is",   "its",  "new",  "now",
      "oo",  "too",   "us",   "was",  "who",  "yes",  "box",  "max",  "tax",  "fax",
      "six", "there", "test", "best", "last", "list", "post", "most", "cost", "just"};
  if (w.size() < 2 || w.size() > 10) return {};
  for (char c : w) {
    if (c < 'a' || c > 'z') return {};
  }
  for (std::string_view e : kEnglish) {
    if (w == e) return {};
  }
  std::string out;
  std::size_t i = 0;
  if (w.starts_with("dd")) {
    out.push_back('d');
    i = 2;
  }
  // A tone key inside the word ("naasu") counts only beside another Telex mark, or "visa" and
  // "test" would turn into syllables.
  bool strong = i > 0, seen_vowel = false, changed = i > 0, inner_tone = false;
  int tone_keys = 0;
  for (; i < w.size(); ++i) {
    const char c = w[i];
    if (seen_vowel && IsToneKey(c)) {
      ++tone_keys;  // one per syllable; "error" has three r's and is no Telex
      // Before the final consonant is where many type it ("rust" for "rút"): not inner.
      const std::string_view rest = w.substr(i + 1);
      inner_tone |= !rest.empty() && rest != "c" && rest != "ch" && rest != "m" && rest != "n" &&
                    rest != "ng" && rest != "nh" && rest != "p" && rest != "t";
      changed = true;
      continue;
    }
    if (c == 'w') {
      // aw -> ă, ow -> ơ, uw -> ư, and typed after the final ("ddangw") it still marks the
      // vowel; before any vowel a lone w is ư ("nhw" -> "như").
      changed = strong = true;
      if (seen_vowel) continue;
      out.push_back('u');
      seen_vowel = true;
      continue;
    }
    if ((c == 'a' || c == 'e' || c == 'o') && !out.empty() && out.back() == c) {
      changed = strong = true;  // aa -> â, ee -> ê, oo -> ô
      continue;
    }
    seen_vowel |= IsVowel(c);
    out.push_back(c);
  }
  if (tone_keys > 1 || (inner_tone && !strong)) return {};
  // "đc" (được) and "đk" (đăng ký) typed without the keyboard: "ddc", "ddk".
  if (w.starts_with("dd") && w.size() <= 4 && !seen_vowel) return out;
  if (!changed || IsSyllable(w) || !IsSyllable(out)) return {};
  return out;
}

void Append(std::string& out, std::string_view token) {
  if (!out.empty()) out.push_back(' ');
  out.append(token);
}

// Joins the tokens, turning number runs into placeholders and dropping punctuation.
std::string Render(const std::vector<Token>& tokens) {
  std::string out;
  out.reserve(tokens.size() * 6);
  std::string_view last_punct;
  for (std::size_t i = 0; i < tokens.size();) {
    const Token& t = tokens[i];
    switch (t.kind) {
      case TokenKind::kDigits: {
        std::size_t end = i + 1;
        const std::string_view placeholder = ClassifyNumberRun(tokens, i, end);
        if (placeholder.empty()) {
          for (; i < end; ++i) {
            if (tokens[i].kind == TokenKind::kDigits) Append(out, tokens[i].text);
          }
        } else {
          Append(out, placeholder);
        }
        i = end;
        last_punct = {};
        continue;
      }
      case TokenKind::kWord: {
        const std::string syllable = UndoTelex(t.text);
        Append(out, syllable.empty() ? t.text : std::string_view(syllable));
        last_punct = {};
        break;
      }
      case TokenKind::kSymbol:
        Append(out, t.text);
        last_punct = {};
        break;
      case TokenKind::kPunct:
        // '?' and '!' tell a question or an outburst; repeats ("???") count once.
        if ((t.text == "?" || t.text == "!") && t.text != last_punct) {
          Append(out, t.text);
          last_punct = t.text;
        }
        break;
    }
    ++i;
  }
  return out;
}

// The valid UTF-8 sequences of `text`, invalid bytes dropped.
std::string DropInvalidUtf8(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    bool ok = n > 0 && i + n <= text.size() && locales::IsValidUtf8(text.substr(i, n));
    if (ok) out.append(text.substr(i, n));
    i += ok ? n : 1;
  }
  return out;
}

std::size_t CountAscii(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += static_cast<unsigned char>(c) < 0x80;
  return n;
}

}  // namespace

std::string PrepareForClassifier(std::string_view text) {
  // The one place to change preprocessing (training and prediction both come here; the cache key
  // follows the prepared text). Legacy encodings (VNI, TCVN3, VIQR: some of them plain ASCII) are
  // repaired and tone marks placed one way by the normaliser, then folded.
  //
  // Only the folded form is emitted. Adding the diacritic-bearing tokens as well (all of them,
  // or only those that differ) was measured: within a point either way on the dev set and the
  // held-out slice, at half the speed.
  std::string folded;
  if (locales::IsValidUtf8(text)) {
    folded = locales::FoldedView(text);
  } else {
    // Wholly 8-bit text is a legacy encoding for the normaliser to decode; UTF-8 with a few bad
    // bytes (a stray BOM, a cut) is UTF-8, and the bad bytes are dropped.
    std::string kept = DropInvalidUtf8(text);
    folded =
        kept.size() == CountAscii(text) ? locales::FoldedView(text) : locales::FoldedView(kept);
  }
  return Render(Tokenize(folded));
}

}  // namespace gw::dialogs::nlu
