// Spoken dossier codes: word tables and the run transcriber (rules in spoken_digits.hpp).
#include "dialogs/nlu/spoken_digits.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace gw::dialogs::nlu {
namespace {

// The shortest spoken code, "38 cham 98 cham h29 gach 241023 gach 0001", is about 40 bytes.
constexpr std::size_t kMinSpokenBytes = 32;

struct Token {
  std::string_view word;
  bool pause_after = false;  // a , . ; : ! ? … or line break follows before the next word
};

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsPause(std::string_view s, std::size_t i) {
  const char c = s[i];
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n' ||
         s.substr(i, 3) == "\xE2\x80\xA6";
}

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!IsWordByte(s[i])) {
      if (!tokens.empty() && IsPause(s, i)) tokens.back().pause_after = true;
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < s.size() && IsWordByte(s[i])) ++i;
    tokens.push_back({s.substr(begin, i - begin)});
  }
  return tokens;
}

using Entry = std::pair<std::string_view, int>;

// Digit words said on their own; lăm and nhăm (5) are handled in RunBuilder::Step.
constexpr std::array<Entry, 13> kDigitWords{{{"khong", 0},
                                             {"linh", 0},
                                             {"le", 0},
                                             {"mot", 1},
                                             {"hai", 2},
                                             {"ba", 3},
                                             {"bon", 4},
                                             {"tu", 4},
                                             {"nam", 5},
                                             {"sau", 6},
                                             {"bay", 7},
                                             {"tam", 8},
                                             {"chin", 9}}};

// Vietnamese names of letters (folded). Single-letter words are the letter itself.
constexpr std::array<Entry, 34> kLetterNames{{
    {"hat", 'h'}, {"ho", 'h'}, {"hac", 'h'}, {"go", 'g'},  {"gie", 'g'}, {"be", 'b'},  {"bo", 'b'},
    {"xe", 'c'},  {"co", 'c'}, {"de", 'd'},  {"do", 'd'},  {"ep", 'f'},  {"ca", 'k'},  {"ka", 'k'},
    {"lo", 'l'},  {"mo", 'm'}, {"em", 'm'},  {"no", 'n'},  {"en", 'n'},  {"pe", 'p'},  {"po", 'p'},
    {"quy", 'q'}, {"cu", 'q'}, {"ro", 'r'},  {"et", 's'},  {"so", 's'},  {"te", 't'},  {"to", 't'},
    {"ve", 'v'},  {"vo", 'v'}, {"xi", 'x'},  {"ich", 'x'}, {"zet", 'z'}, {"det", 'z'},
}};

// Hesitations a recogniser writes between digits ("à", "ờ", "ừ", "ạ" fold to these).
constexpr std::array<std::string_view, 10> kFillers{"a",  "o",  "u",  "e",  "uh",
                                                    "um", "ah", "ha", "oi", "hm"};

int Lookup(std::string_view word, std::span<const Entry> table, int none) {
  for (const auto& [name, value] : table) {
    if (name == word) return value;
  }
  return none;
}

bool IsFiller(std::string_view w) {
  for (std::string_view f : kFillers) {
    if (f == w) return true;
  }
  return false;
}

int DigitWord(std::string_view w) {
  return Lookup(w, kDigitWords, -1);
}

// Unit digit after mươi/mười: 1-9, with the forms only used there.
int UnitAfterTen(std::string_view w) {
  if (w == "lam" || w == "nham") return 5;
  const int d = DigitWord(w);
  return d >= 1 ? d : -1;
}

char LetterOf(std::string_view w) {
  if (w.size() == 1 && w[0] >= 'a' && w[0] <= 'z') return w[0];
  return static_cast<char>(Lookup(w, kLetterNames, 0));
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

char SeparatorOf(std::string_view w) {
  if (w == "cham" || w == "phay") return '.';
  if (w == "gach" || w == "xet") return '-';
  return 0;
}

// A digit word that begins a common phrase is no digit: "năm nay", "sau đó", "một chút",
// "ba tôi". Without this, "... không không không một năm nay" would end in 00015.
bool StartsPhrase(std::string_view w, std::string_view next) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kPhrases{{
      {"nam", "nay"},
      {"nam", "ngoai"},
      {"nam", "truoc"},
      {"nam", "sau"},
      {"nam", "roi"},
      {"sau", "do"},
      {"sau", "khi"},
      {"sau", "nay"},
      {"mot", "chut"},
      {"mot", "lat"},
      {"mot", "cai"},
      {"ba", "toi"},
      {"ba", "me"},
      {"hai", "lan"},
  }};
  for (const auto& [first, second] : kPhrases) {
    if (first == w && second == next) return true;
  }
  return false;
}

bool AllDigits(std::string_view w) {
  for (char c : w) {
    if (!IsDigit(c)) return false;
  }
  return !w.empty();
}

// One run being transcribed. Step() consumes words; it returns 0 for a word that cannot belong
// to the run (the caller then ends the run and offers the word to a fresh one).
class RunBuilder {
 public:
  std::size_t Step(const std::vector<Token>& t, std::size_t i) {
    const std::string_view w = t[i].word;
    const std::string_view next = i + 1 < t.size() ? t[i + 1].word : std::string_view();
    if (tens_pending_) {
      tens_pending_ = false;
      if (const int unit = UnitAfterTen(w); unit > 0) {
        AppendDigit(unit);
        last_was_digit_word_ = false;  // a unit cannot take another mươi
        return 1;
      }
      AppendDigit(0);  // "hai mươi" = 20
    }
    if (const std::size_t n = MarkerLength(t, i); n > 0) {
      if (HasDigits()) Correct();
      std::size_t used = n;
      if (i + used < t.size() && t[i + used].word == "roi") ++used;  // "nhầm rồi"
      if (i + used < t.size() && t[i + used].word == "la") ++used;   // "sửa lại là"
      return used;
    }
    if (StartsPhrase(w, next)) return 0;
    if (const int d = DigitWord(w); d >= 0) {
      AppendDigit(d);
      last_was_digit_word_ = true;
      return 1;
    }
    if (w == "lam" && last_was_digit_word_) {  // "hai lăm" = hai mươi lăm
      AppendDigit(5);
      return 1;
    }
    if (w == "muoi") {
      const bool has_tens = hundred_digits_ >= 0 ? hundred_digits_ == 1 : last_was_digit_word_;
      if (!has_tens) AppendDigit(1);  // mười
      tens_pending_ = true;
      last_was_digit_word_ = false;
      return 1;
    }
    if (w == "tram") {
      if (!last_was_digit_word_) AppendDigit(1);
      hundred_digits_ = 0;
      last_was_digit_word_ = false;
      return 1;
    }
    CloseNumber();
    last_was_digit_word_ = false;
    if (AllDigits(w)) {
      out_ += w;
      return 1;
    }
    if (const char sep = SeparatorOf(w); sep != 0) {
      if (!HasDigits()) return 0;  // a code does not start with a separator
      if (out_.back() == '.' || out_.back() == '-') {
        out_.back() = sep;  // a stutter: the later word wins
      } else {
        out_ += sep;
      }
      if (sep == '-' && (next == "ngang" || next == "noi" || next == "duoi" || next == "cheo")) {
        return 2;
      }
      return 1;
    }
    const bool letter_slot = LetterSlot();
    if (letter_slot && w.size() >= 2 && w[0] >= 'a' && w[0] <= 'z' && AllDigits(w.substr(1))) {
      out_.resize(GroupStart());
      out_ += w;  // "h29" written by the recogniser
      return 1;
    }
    if (const char letter = LetterOf(w); letter != 0 && letter_slot) {
      const std::size_t start = GroupStart();
      if (out_.size() == start) {
        out_ += letter;
      } else if (!IsVowel(letter)) {
        out_.resize(start);
        out_ += letter;  // "à hắt": the name said last is the letter
      }
      return 1;
    }
    return IsFiller(w) ? 1 : 0;
  }

  bool HasDigits() const {
    for (char c : out_) {
      if (IsDigit(c)) return true;
    }
    return false;
  }

  std::string Finish() {
    if (tens_pending_) AppendDigit(0);
    tens_pending_ = false;
    CloseNumber();
    return std::move(out_);
  }

 private:
  static std::size_t MarkerLength(const std::vector<Token>& t, std::size_t i) {
    const std::string_view w = t[i].word;
    if (w == "nham" || w == "lon") return 1;
    if (i + 1 >= t.size()) return 0;
    const std::string_view n = t[i + 1].word;
    if ((w == "xin" && n == "loi") || (w == "sua" && n == "lai") || (w == "noi" && n == "lai") ||
        (w == "doc" && n == "lai") || (w == "khong" && n == "phai")) {
      return 2;
    }
    if (w == "a" && n == "khong" && t[i + 1].pause_after) return 2;
    return 0;
  }

  std::size_t GroupStart() const {
    const std::size_t sep = out_.find_last_of(".-");
    return sep == std::string::npos ? 0 : sep + 1;
  }

  // The letter of a unit code comes after two or three dotted digit groups, never after a dash.
  bool LetterSlot() const {
    const std::size_t start = GroupStart();
    if (start == 0 || out_[start - 1] != '.') return false;
    if (HasDigitIn(start)) return false;
    const std::size_t dash = out_.find_last_of('-');
    const std::size_t from = dash == std::string::npos ? 0 : dash + 1;
    std::size_t dots = 0;
    for (std::size_t k = from; k < start; ++k) dots += out_[k] == '.' ? 1 : 0;
    return dots >= 2;
  }

  bool HasDigitIn(std::size_t from) const {
    for (std::size_t k = from; k < out_.size(); ++k) {
      if (IsDigit(out_[k])) return true;
    }
    return false;
  }

  void AppendDigit(int d) {
    out_ += static_cast<char>('0' + d);
    if (hundred_digits_ >= 0 && ++hundred_digits_ == 2) hundred_digits_ = -1;
  }

  // Ends a "trăm" number: "hai trăm" = 200, "một trăm năm" = 150.
  void CloseNumber() {
    if (hundred_digits_ == 0) out_ += "00";
    if (hundred_digits_ == 1) out_ += '0';
    hundred_digits_ = -1;
  }

  // The correction rule of spoken_digits.hpp.
  void Correct() {
    tens_pending_ = false;
    hundred_digits_ = -1;
    last_was_digit_word_ = false;
    const std::size_t start = GroupStart();
    if (out_.size() > start) {
      out_.resize(start);
    } else if (!out_.empty()) {
      out_.pop_back();
      out_.resize(GroupStart());
    }
  }

  std::string out_;
  bool tens_pending_ = false;  // mươi/mười said; a unit digit may follow
  int hundred_digits_ = -1;    // digits said since trăm; -1 when no trăm is open
  bool last_was_digit_word_ = false;
};

}  // namespace

std::vector<SpokenRun> TranscribeSpoken(std::string_view folded) {
  const std::vector<Token> tokens = Tokenize(folded);
  std::vector<SpokenRun> runs;
  RunBuilder run;
  bool open = false;
  std::size_t first = 0;
  auto emit = [&](std::size_t end) {
    if (run.HasDigits()) {
      const bool whole = first == 0 && end == tokens.size();
      runs.push_back({run.Finish(), whole});
    }
    run = RunBuilder();
    open = false;
  };
  std::size_t i = 0;
  while (i < tokens.size()) {
    const std::size_t used = run.Step(tokens, i);
    if (used > 0) {
      if (!open) first = i;
      open = true;
      i += used;
    } else if (open) {
      emit(i);  // and offer the same word to a fresh run
    } else {
      ++i;
    }
  }
  if (open) emit(tokens.size());
  return runs;
}

bool MayHoldSpokenCode(std::string_view s) {
  if (s.size() < kMinSpokenBytes) return false;
  // A vowel of chấm/gạch is 'a' plus up to four bytes of marks (NFD) or one 3-byte letter (NFC).
  auto vowel_byte = [](char c) {
    return AsciiLower(c) == 'a' || static_cast<std::uint8_t>(c) >= 0x80;
  };
  for (std::size_t k = 0; k + 1 < s.size(); ++k) {
    if (AsciiLower(s[k]) != 'c' || AsciiLower(s[k + 1]) != 'h') continue;
    std::size_t j = k + 2;
    while (j < s.size() && j - (k + 2) < 5 && vowel_byte(s[j])) ++j;
    if (j > k + 2 && j < s.size() && AsciiLower(s[j]) == 'm') return true;  // chấm
    std::size_t b = k;
    while (b > 0 && k - b < 5 && vowel_byte(s[b - 1])) --b;
    if (b < k && b > 0 && AsciiLower(s[b - 1]) == 'g') return true;  // gạch
  }
  return false;
}

}  // namespace gw::dialogs::nlu
