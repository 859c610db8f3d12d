// Entity extraction: hand-written byte scanners for dossier codes, phones, ID numbers and dates.
//
// Why not std::regex: libstdc++'s engine backtracks, allocates per match and costs tens of
// microseconds on an 80-byte message (we have a few), and it recurses per character, so a long
// e-mail can exhaust the stack. Worse, the rules are not regular in a useful way: "the code must
// not continue a number", "YYMMDD must be a real date", "take the first group boundary at which
// the digits make a valid phone, unless the number goes on with a dash" are one line each in a
// scanner and unreadable or impossible in a pattern. Each scanner below is one pass over bytes;
// the texts are UTF-8, and every byte that matters here is ASCII or a fixed dash sequence.
#include "dialogs/nlu/extract.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include "dialogs/nlu/spoken_digits.hpp"
#include "locales/text.hpp"

namespace gw::dialogs::nlu {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;
constexpr std::size_t kMaxBlanks = 4;        // blanks allowed on each side of a code separator
constexpr std::size_t kMaxNumberChunks = 6;  // "+84 (0) 912 345 678" has five
constexpr std::size_t kMaxNumberDigits = 15;

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct CodeMatch {
  Span span;
  std::string code;
};

struct DateHit {
  std::size_t pos = 0;
  ExtractedDate date;
};

std::uint8_t U8(char c) {
  return static_cast<std::uint8_t>(c);
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAlnum(char c) {
  return IsDigit(c) || IsAlpha(c);
}
char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
char Upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

std::size_t DigitRunEnd(std::string_view s, std::size_t i) {
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i;
}

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), IsDigit);
}

// Byte length of a code separator at s[i], 0 if none: . , - _ / and the Unicode dashes
// (hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar, minus) phones autocorrect to.
std::size_t SeparatorLen(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (c == '.' || c == ',' || c == '-' || c == '_' || c == '/') return 1;
  if (i + 2 < s.size() && U8(c) == 0xE2) {
    const std::uint8_t b1 = U8(s[i + 1]), b2 = U8(s[i + 2]);
    if ((b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) || (b1 == 0x88 && b2 == 0x92)) return 3;
  }
  return 0;
}

// Byte length of a blank at s[i] (space, tab, CR, LF, no-break space), 0 if none.
std::size_t BlankLen(std::string_view s, std::size_t i, bool* newline) {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (c == '\n' || c == '\r') *newline = true;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (U8(c) == 0xC2 && i + 1 < s.size() && U8(s[i + 1]) == 0xA0) return 2;
  return 0;
}

// The gap between two groups of a code: blanks, one separator, blanks; or blanks holding a line
// break (a code wrapped by a mail client). Returns the position after it, kNpos if none.
std::size_t SkipSeparator(std::string_view s, std::size_t i) {
  bool newline = false;
  auto skip_blanks = [&](std::size_t k) {
    for (std::size_t n = 0; n < kMaxBlanks; ++n) {
      const std::size_t len = BlankLen(s, k, &newline);
      if (len == 0) break;
      k += len;
    }
    return k;
  };
  const std::size_t k = skip_blanks(i);
  if (const std::size_t len = SeparatorLen(s, k); len > 0) return skip_blanks(k + len);
  return newline ? k : kNpos;
}

// True when the digit at p continues a number: a digit, or a digit and a separator, before it.
// Keeps "1000.00.12.H29-..." and "7.000.00.12..." from yielding a code, and "1.001193" from
// yielding a date.
bool PrecededByNumber(std::string_view s, std::size_t p) {
  if (p == 0) return false;
  if (IsDigit(s[p - 1])) return true;
  if (p >= 2 && SeparatorLen(s, p - 1) == 1 && IsDigit(s[p - 2])) return true;
  return p >= 4 && SeparatorLen(s, p - 3) == 3 && IsDigit(s[p - 4]);
}

// No digit, nor a separator and a digit, right after e.
bool EndsNumber(std::string_view s, std::size_t e) {
  if (e >= s.size()) return true;
  if (IsDigit(s[e])) return false;
  const std::size_t len = SeparatorLen(s, e);
  return len == 0 || e + len >= s.size() || !IsDigit(s[e + len]);
}

bool IsLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// year 0 = unknown, so 29/02 is allowed.
bool ValidDate(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const int days = (m == 2 && (y == 0 || IsLeap(y))) ? 29 : kDays[m - 1];
  return d <= days;
}

// ---- dossier codes ----

std::optional<CodeMatch> MatchCodeAt(std::string_view s, std::size_t p) {
  std::string code;
  std::size_t i = p;
  for (int groups = 1;; ++groups) {  // the 2 or 3 numeric groups of the unit code
    const std::size_t e = DigitRunEnd(s, i);
    if (e - i < 2 || e - i > 3) return std::nullopt;
    code.append(s.substr(i, e - i)).push_back('.');
    const std::size_t next = SkipSeparator(s, e);
    if (next == kNpos || next >= s.size()) return std::nullopt;
    i = next;
    if (IsAlpha(s[i]) && groups >= 2) break;
    if (!IsDigit(s[i]) || groups == 3) return std::nullopt;
  }
  std::size_t e = DigitRunEnd(s, i + 1);  // letter and 2-3 digits: H29, G01
  if (e - (i + 1) < 2 || e - (i + 1) > 3) return std::nullopt;
  code.push_back(Upper(s[i]));
  code.append(s.substr(i + 1, e - (i + 1)));

  i = SkipSeparator(s, e);  // YYMMDD
  if (i == kNpos) return std::nullopt;
  e = DigitRunEnd(s, i);
  if (e - i != 6) return std::nullopt;
  const std::string_view date = s.substr(i, 6);
  const int yy = ToInt(date.substr(0, 2));
  if (!ValidDate(2000 + yy, ToInt(date.substr(2, 2)), ToInt(date.substr(4, 2)))) {
    return std::nullopt;
  }
  code.push_back('-');
  code.append(date);

  i = SkipSeparator(s, e);  // sequence
  if (i == kNpos) return std::nullopt;
  e = DigitRunEnd(s, i);
  if (e - i < 4 || e - i > 6) return std::nullopt;
  code.push_back('-');
  code.append(s.substr(i, e - i));
  return CodeMatch{{p, e}, std::move(code)};
}

std::vector<CodeMatch> ScanWrittenCodes(std::string_view s) {
  std::vector<CodeMatch> found;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!IsDigit(s[i])) continue;
    // "...-0001,000.00..." continues the previous code, not a number.
    const bool after_code = !found.empty() && SkipSeparator(s, found.back().span.end) == i;
    if (PrecededByNumber(s, i) && !after_code) continue;
    if (auto m = MatchCodeAt(s, i)) {
      i = m->span.end - 1;
      found.push_back(std::move(*m));
    }
  }
  return found;
}

void AddUnique(std::vector<std::string>* v, std::string s) {
  if (std::find(v->begin(), v->end(), s) == v->end()) v->push_back(std::move(s));
}

void AddSpokenCodes(std::string_view folded, std::vector<std::string>* codes) {
  for (const SpokenRun& run : TranscribeSpoken(folded)) {
    for (CodeMatch& m : ScanWrittenCodes(run.transcript)) AddUnique(codes, std::move(m.code));
  }
}

// ---- phones and ID numbers ----

bool IsMobilePrefix(char a, char b) {
  switch (a) {
    case '3':
    case '5':
      return b >= '2';
    case '7':
      return b == '0' || b >= '6';
    case '8':
      return b >= '1';
    case '9':
      return true;
    default:
      return false;
  }
}

std::optional<std::string> PhoneFromDigits(std::string_view d, bool plus) {
  std::string_view nsn;  // national significant number, without the trunk 0
  if (plus) {
    if (!d.starts_with("84")) return std::nullopt;
    nsn = d.substr(2);
    if (nsn.starts_with('0')) nsn.remove_prefix(1);  // "+84 (0) 912 ..."
  } else if (d.starts_with("0084")) {
    nsn = d.substr(4);
  } else if (d.starts_with('0')) {
    nsn = d.substr(1);
  } else if (d.starts_with("84")) {
    nsn = d.substr(2);
  } else {
    return std::nullopt;
  }
  const bool mobile = nsn.size() == 9 && IsMobilePrefix(nsn[0], nsn[1]);
  const bool landline = nsn.size() == 10 && nsn[0] == '2';
  if (!mobile && !landline) return std::nullopt;
  return "+84" + std::string(nsn);
}

bool PlausibleCccd(std::string_view d) {
  const int province = ToInt(d.substr(0, 3));
  return province >= 1 && province <= 96;  // 4th digit (century and sex) is any digit
}

bool PlausibleCmnd(std::string_view d) {
  const int area = ToInt(d.substr(0, 2));
  return area >= 1 && area <= 38;
}

// "150000000 đồng", "150000000d", "150000000 VND", "150000000 k" are amounts, not CMNDs.
bool CurrencyFollows(std::string_view s, std::size_t e) {
  while (e < s.size() && s[e] == ' ') ++e;
  const std::string_view rest = s.substr(std::min(e, s.size()));
  if (rest.empty()) return false;
  if (rest.starts_with("\xC4\x91") || rest.starts_with("\xC4\x90")) return true;  // đ Đ
  const char c = Lower(rest[0]);
  if (c == 'd' || c == 'k' || c == '$') return true;
  auto starts_ci = [&](std::string_view p) {
    if (rest.size() < p.size()) return false;
    for (std::size_t k = 0; k < p.size(); ++k) {
      if (Lower(rest[k]) != p[k]) return false;
    }
    return true;
  };
  return starts_ci("vn") || starts_ci("tr") || starts_ci("usd") || starts_ci("ngh") ||
         starts_ci("ngan") || starts_ci("ng\xC3\xA0n");
}

bool IsNumberGap(char c) {
  return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')';
}

// One pass for both, because they compete for the same digits: a valid phone wins.
void ScanNumbers(std::string_view s, const std::vector<Span>& codes,
                 std::vector<std::string>* phones, std::vector<std::string>* ids) {
  auto in_code = [&](std::size_t pos) {
    return std::any_of(codes.begin(), codes.end(),
                       [&](const Span& c) { return pos >= c.begin && pos < c.end; });
  };
  struct Boundary {
    std::size_t count = 0;   // digits so far
    std::size_t end = 0;     // byte after the chunk
    bool can_end = true;     // nothing, or only blanks, lead to a further chunk
    bool blank_gaps = true;  // every gap before this boundary was blanks
  };
  std::size_t i = 0;
  std::size_t last_end = kNpos;  // end of the last phone or ID taken
  while (i < s.size()) {
    // "0912345678,0987654321": a list, not one number going on after a comma.
    const bool listed = last_end != kNpos && i == last_end + 1 && (s[last_end] == ',');
    if (!IsDigit(s[i]) || (PrecededByNumber(s, i) && !listed) || in_code(i)) {
      ++i;
      continue;
    }
    const bool plus = i > 0 && s[i - 1] == '+';
    std::string digits;
    std::array<Boundary, kMaxNumberChunks> bounds;
    std::size_t n_bounds = 0;
    bool blank_gaps = true;
    for (std::size_t k = i; n_bounds < kMaxNumberChunks;) {
      const std::size_t e = DigitRunEnd(s, k);
      digits.append(s.substr(k, e - k));
      std::size_t j = e;
      bool blank = true;
      while (j < s.size() && j - e < 3 && IsNumberGap(s[j])) blank &= s[j++] == ' ';
      const bool more = j > e && j < s.size() && IsDigit(s[j]) && !in_code(j);
      bounds[n_bounds++] = {digits.size(), e, !more || blank, blank_gaps};
      if (!more || digits.size() > kMaxNumberDigits) break;
      blank_gaps &= blank;
      k = j;
    }
    std::size_t resume = bounds[0].end;
    bool found = false;
    for (std::size_t b = 0; b < n_bounds && !found; ++b) {
      if (!bounds[b].can_end) continue;
      if (auto phone = PhoneFromDigits(std::string_view(digits).substr(0, bounds[b].count), plus)) {
        AddUnique(phones, std::move(*phone));
        resume = last_end = bounds[b].end;
        found = true;
      }
    }
    // IDs: prefer 12 digits to a 9-digit prefix of them ("079 123 456 789").
    for (std::size_t want : {std::size_t{12}, std::size_t{9}}) {
      for (std::size_t b = 0; b < n_bounds && !found && !plus; ++b) {
        const Boundary& bd = bounds[b];
        if (!bd.can_end || bd.count != want) continue;
        const std::string_view d = std::string_view(digits).substr(0, want);
        // CCCDs start with 0 and so can take dots; a dotted 9-digit number is an amount.
        const bool ok = want == 12
                            ? PlausibleCccd(d)
                            : bd.blank_gaps && PlausibleCmnd(d) && !CurrencyFollows(s, bd.end);
        if (ok) {
          AddUnique(ids, std::string(d));
          resume = last_end = bd.end;
          found = true;
        }
      }
    }
    i = resume;
  }
}

// ---- dates ----

bool IsDayWord(std::string_view w) {
  static constexpr std::array<std::string_view, 11> kWords{
      "ngay", "hom", "sang", "chieu", "toi", "trua", "dem", "mung", "mong", "tu", "den"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// The word before position p (skipping spaces): ASCII letters and any non-ASCII bytes.
std::string_view PrevWord(std::string_view s, std::size_t p) {
  std::size_t e = p;
  while (e > 0 && s[e - 1] == ' ') --e;
  std::size_t b = e;
  while (b > 0 && (IsAlpha(s[b - 1]) || U8(s[b - 1]) >= 0x80)) --b;
  return s.substr(b, e - b);
}

// `folded`: s went through FoldDiacritics. Otherwise the word is folded here (it is short), or
// treated as no day word when the text is not valid UTF-8.
bool DayWordBefore(std::string_view s, std::size_t p, bool folded, bool valid_utf8) {
  const std::string_view w = PrevWord(s, p);
  if (w.empty() || w.size() > 16) return false;
  if (folded) return IsDayWord(w);
  return valid_utf8 && IsDayWord(locales::FoldDiacritics(w));
}

// One date separator: / - or ., the same all through a date; single spaces around '/' only.
std::size_t DateSep(std::string_view s, std::size_t i, char* sep) {
  std::size_t k = i;
  if (k < s.size() && s[k] == ' ') ++k;
  if (k >= s.size()) return kNpos;
  const char c = s[k];
  if ((c != '/' && c != '-' && c != '.') || (*sep != 0 && c != *sep)) return kNpos;
  if (k != i && c != '/') return kNpos;
  ++k;
  if (c == '/' && k < s.size() && s[k] == ' ') ++k;
  *sep = c;
  return k;
}

void AddDate(std::vector<DateHit>* out, std::size_t pos, int y, int m, int d) {
  if (y != 0 && (y < 1900 || y > 2100)) return;
  if (ValidDate(y, m, d)) out->push_back({pos, {y, m, d}});
}

void ScanNumericDates(std::string_view s, bool folded, bool valid_utf8, std::vector<DateHit>* out) {
  for (std::size_t p = 0; p < s.size(); ++p) {
    if (!IsDigit(s[p]) || PrecededByNumber(s, p)) continue;
    const std::size_t e1 = DigitRunEnd(s, p);
    const std::size_t n1 = e1 - p;
    char sep = 0;
    const std::size_t q1 = (n1 == 4 || n1 <= 2) ? DateSep(s, e1, &sep) : kNpos;
    const std::size_t e2 = q1 == kNpos ? kNpos : DigitRunEnd(s, q1);
    if (e2 == kNpos || e2 - q1 < 1 || e2 - q1 > 2) {
      p = e1 - 1;
      continue;
    }
    const int a = ToInt(s.substr(p, n1));
    const int b = ToInt(s.substr(q1, e2 - q1));
    const std::size_t q2 = DateSep(s, e2, &sep);
    const std::size_t e3 = q2 == kNpos ? kNpos : DigitRunEnd(s, q2);
    const std::size_t n3 = e3 == kNpos ? 0 : e3 - q2;
    if (n1 == 4 && n3 >= 1 && n3 <= 2 && EndsNumber(s, e3)) {  // yyyy-mm-dd
      AddDate(out, p, a, b, ToInt(s.substr(q2, n3)));
    } else if (n1 <= 2 && n3 == 4 && EndsNumber(s, e3)) {  // dd/mm/yyyy
      AddDate(out, p, ToInt(s.substr(q2, 4)), b, a);
    } else if (n1 <= 2 && sep == '/' && q2 == kNpos && EndsNumber(s, e2) &&
               DayWordBefore(s, p, folded, valid_utf8)) {  // "ngày 25/3"
      AddDate(out, p, 0, b, a);
    }
    p = std::max(e1, std::min(e3 == kNpos ? e2 : e3, s.size())) - 1;
  }
}

// "ngày 5 tháng 3 năm 2024", "5 tháng 3"; `f` is folded.
void ScanTextualDates(std::string_view f, std::vector<DateHit>* out) {
  static constexpr std::array<std::string_view, 5> kDurationUnits{"ngay", "tuan", "gio", "phut",
                                                                  "lan"};
  auto word_at = [&](std::size_t k) {
    std::size_t e = k;
    while (e < f.size() && IsAlnum(f[e])) ++e;
    return f.substr(k, e - k);
  };
  auto skip_spaces = [&](std::size_t k) {
    while (k < f.size() && f[k] == ' ') ++k;
    return k;
  };
  for (std::size_t pos = f.find("thang"); pos != kNpos; pos = f.find("thang", pos + 5)) {
    if ((pos > 0 && IsAlnum(f[pos - 1])) || (pos + 5 < f.size() && IsAlnum(f[pos + 5]))) continue;
    std::size_t day_end = pos;
    while (day_end > 0 && f[day_end - 1] == ' ') --day_end;
    std::size_t day = day_end;
    while (day > 0 && IsDigit(f[day - 1])) --day;
    if (day_end == pos || day_end - day < 1 || day_end - day > 2 || PrecededByNumber(f, day)) {
      continue;
    }
    const std::size_t month = skip_spaces(pos + 5);
    const std::size_t month_end = DigitRunEnd(f, month);
    if (month == pos + 5 || month_end - month < 1 || month_end - month > 2) continue;
    std::size_t k = skip_spaces(month_end);
    const bool comma = k < f.size() && f[k] == ',';
    if (comma) k = skip_spaces(k + 1);
    const std::string_view after = word_at(k);
    int year = 0;
    if (after == "nam") {
      const std::size_t y = skip_spaces(k + 3);
      if (DigitRunEnd(f, y) - y == 4) year = ToInt(f.substr(y, 4));
    } else if (comma && after.size() == 4 && DigitRunEnd(after, 0) == 4) {
      year = ToInt(after);
    }
    const bool day_word = IsDayWord(PrevWord(f, day));
    const bool duration = std::find(kDurationUnits.begin(), kDurationUnits.end(), after) !=
                          kDurationUnits.end();  // "được 2 tháng 3 ngày"
    if (!day_word && duration) continue;
    AddDate(out, day, year, ToInt(f.substr(month, month_end - month)),
            ToInt(f.substr(day, day_end - day)));
  }
}

// A digit, blanks, then "th": the start of tháng in any case or normalisation form.
bool HasTextualDateHint(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!IsDigit(s[i])) continue;
    const std::size_t e = DigitRunEnd(s, i);
    std::size_t j = e;
    while (j < s.size() && s[j] == ' ') ++j;
    if (j > e && j + 1 < s.size() && Lower(s[j]) == 't' && Lower(s[j + 1]) == 'h') return true;
    i = e;
  }
  return false;
}

std::vector<ExtractedDate> Dates(std::string_view s, bool folded, bool valid_utf8) {
  std::vector<DateHit> hits;
  ScanNumericDates(s, folded, valid_utf8, &hits);
  if (folded) ScanTextualDates(s, &hits);
  std::stable_sort(hits.begin(), hits.end(),
                   [](const DateHit& a, const DateHit& b) { return a.pos < b.pos; });
  std::vector<ExtractedDate> dates;
  for (const DateHit& h : hits) {
    if (std::find(dates.begin(), dates.end(), h.date) == dates.end()) dates.push_back(h.date);
  }
  return dates;
}

// `folded` is null when the text did not need folding.
Entities Fill(std::string_view text, const std::string_view* folded, bool valid_utf8) {
  Entities out;
  const bool has_digit = HasDigit(text);
  std::vector<Span> spans;
  if (has_digit) {
    for (CodeMatch& m : ScanWrittenCodes(text)) {
      spans.push_back(m.span);
      AddUnique(&out.dossier_codes, std::move(m.code));
    }
  }
  if (folded != nullptr && MayHoldSpokenCode(*folded)) AddSpokenCodes(*folded, &out.dossier_codes);
  if (has_digit) {
    ScanNumbers(text, spans, &out.phones, &out.id_numbers);
    out.dates = folded != nullptr ? Dates(*folded, true, true) : Dates(text, false, valid_utf8);
  }
  return out;
}

std::vector<Span> CodeSpans(std::string_view text) {
  std::vector<Span> spans;
  for (const CodeMatch& m : ScanWrittenCodes(text)) spans.push_back(m.span);
  return spans;
}

// Blanks, quotes and closing punctuation around a slot answer.
std::string_view TrimSlot(std::string_view t) {
  auto edge = [](std::string_view s, bool front) -> std::size_t {
    static constexpr std::array<std::string_view, 6> kCurly{
        "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", "\xC2\xA0", "\xE2\x80\xA6"};
    for (std::string_view q : kCurly) {
      if (front ? s.starts_with(q) : s.ends_with(q)) return q.size();
    }
    const char c = front ? s.front() : s.back();
    const std::string_view ascii = front ? " \t\r\n\"'" : " \t\r\n\"'.,;!?";
    return ascii.find(c) != kNpos ? 1 : 0;
  };
  while (!t.empty()) {
    const std::size_t n = edge(t, true);
    if (n == 0) break;
    t.remove_prefix(n);
  }
  while (!t.empty()) {
    const std::size_t n = edge(t, false);
    if (n == 0) break;
    t.remove_suffix(n);
  }
  return t;
}

}  // namespace

Entities Extract(std::string_view text) {
  const bool has_digit = HasDigit(text);
  const bool spoken = MayHoldSpokenCode(text);
  if (!has_digit && !spoken) return {};  // the common case: one pass, no ICU
  const bool valid = locales::IsValidUtf8(text);
  if (valid && (spoken || HasTextualDateHint(text))) {
    const std::string folded = locales::FoldDiacritics(text);
    const std::string_view view = folded;
    return Fill(text, &view, true);
  }
  return Fill(text, nullptr, valid);
}

Entities Extract(std::string_view text, std::string_view folded) {
  return Fill(text, &folded, true);
}

std::vector<std::string> ExtractDossierCodes(std::string_view text) {
  std::vector<std::string> codes;
  if (HasDigit(text)) {
    for (CodeMatch& m : ScanWrittenCodes(text)) AddUnique(&codes, std::move(m.code));
  }
  if (MayHoldSpokenCode(text) && locales::IsValidUtf8(text)) {
    AddSpokenCodes(locales::FoldDiacritics(text), &codes);
  }
  return codes;
}

std::vector<std::string> ExtractSpokenDossierCodes(std::string_view text) {
  std::vector<std::string> codes;
  if (MayHoldSpokenCode(text) && locales::IsValidUtf8(text)) {
    AddSpokenCodes(locales::FoldDiacritics(text), &codes);
  }
  return codes;
}

std::optional<std::string> CanonicalDossierCode(std::string_view text) {
  const std::string_view t = TrimSlot(text);
  if (t.empty()) return std::nullopt;
  std::vector<CodeMatch> written = ScanWrittenCodes(t);
  if (written.size() == 1 && written[0].span.begin == 0 && written[0].span.end == t.size()) {
    return std::move(written[0].code);
  }
  if (!written.empty() || !locales::IsValidUtf8(t)) return std::nullopt;
  const std::vector<SpokenRun> runs = TranscribeSpoken(locales::FoldDiacritics(t));
  if (runs.size() != 1 || !runs[0].whole_input) return std::nullopt;
  std::vector<CodeMatch> spoken = ScanWrittenCodes(runs[0].transcript);
  if (spoken.size() == 1 && spoken[0].span.begin == 0 &&
      spoken[0].span.end == runs[0].transcript.size()) {
    return std::move(spoken[0].code);
  }
  return std::nullopt;
}

std::vector<std::string> ExtractPhones(std::string_view text) {
  std::vector<std::string> phones, ids;
  if (HasDigit(text)) ScanNumbers(text, CodeSpans(text), &phones, &ids);
  return phones;
}

std::vector<std::string> ExtractIdNumbers(std::string_view text) {
  std::vector<std::string> phones, ids;
  if (HasDigit(text)) ScanNumbers(text, CodeSpans(text), &phones, &ids);
  return ids;
}

std::vector<ExtractedDate> ExtractDates(std::string_view text) {
  if (!HasDigit(text)) return {};
  const bool valid = locales::IsValidUtf8(text);
  if (valid && HasTextualDateHint(text)) return Dates(locales::FoldDiacritics(text), true, true);
  return Dates(text, false, valid);
}

}  // namespace gw::dialogs::nlu
