// GSM 03.38 alphabet tables, segment packing and case-preserving diacritic folding.
#include "locales/sms_segments.hpp"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <vector>

#include "locales/text.hpp"

namespace gw::locales {
namespace {

// The non-ASCII characters of the GSM 03.38 default alphabet. The ASCII ones are all printable
// ASCII except the nine below (eight live in the extension table, the backtick nowhere), plus
// LF and CR.
constexpr std::array<char32_t, 39> kGsmBasicNonAscii = {
    U'£', U'¥', U'è', U'é', U'ù', U'ì', U'ò', U'Ç', U'Ø', U'ø', U'Å', U'å', U'Δ',
    U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ', U'Σ', U'Θ', U'Ξ', U'Æ', U'æ', U'ß', U'É',
    U'¤', U'¡', U'Ä', U'Ö', U'Ñ', U'Ü', U'§', U'¿', U'ä', U'ö', U'ñ', U'ü', U'à'};

// Sent as ESC + code, so each costs two septets. Form feed is in the table too.
constexpr std::string_view kGsmExtensionAscii = "^{}\\[~]|\f";
constexpr char32_t kEuro = U'€';

// Septets for one code point in GSM-7, or 0 when it has no GSM-7 form.
int GsmCost(char32_t c) {
  if (c < 0x80) {
    if (c == '\n' || c == '\r') return 1;
    if (kGsmExtensionAscii.find(static_cast<char>(c)) != std::string_view::npos) return 2;
    if (c == '`' || c < 0x20 || c == 0x7F) return 0;
    return 1;
  }
  if (c == kEuro) return 2;
  return std::find(kGsmBasicNonAscii.begin(), kGsmBasicNonAscii.end(), c) != kGsmBasicNonAscii.end()
             ? 1
             : 0;
}

// Decodes valid UTF-8 into code points; an ill-formed sequence yields U+FFFD (callers validate
// first, so this only keeps a bug from reading out of bounds).
std::vector<char32_t> Decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

// Greedy packing into parts of `multi` units, never splitting one character's units.
int PackParts(const std::vector<int>& costs, std::size_t total, std::size_t single,
              std::size_t multi) {
  if (total <= single) return 1;
  int parts = 1;
  std::size_t used = 0;
  for (int c : costs) {
    auto cost = static_cast<std::size_t>(c);
    if (used + cost > multi) {
      ++parts;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

// Plain stand-ins for typographic characters that would otherwise force UCS-2.
std::string_view PlainPunctuation(char32_t c) {
  switch (c) {
    case U'\u00A0':  // no-break space
    case U'\u202F':  // narrow no-break space
      return " ";
    case U'\u2018':
    case U'\u2019':
    case U'\u201A':
      return "'";
    case U'\u201C':
    case U'\u201D':
    case U'\u201E':
      return "\"";
    case U'\u2010':
    case U'\u2011':
    case U'\u2013':
    case U'\u2014':
    case U'\u2212':
      return "-";
    case U'\u2022':  // bullet
      return "-";
    case U'\u2026':
      return "...";
    default:
      return {};
  }
}

const icu::Normalizer2& Nfd() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFDInstance(status);
  }();
  return *n;
}

}  // namespace

std::string_view SmsEncodingName(SmsEncoding encoding) {
  return encoding == SmsEncoding::kGsm7 ? "gsm7" : "ucs2";
}

bool IsGsm7(std::string_view utf8) {
  for (char32_t c : Decode(utf8)) {
    if (GsmCost(c) == 0) return false;
  }
  return true;
}

SmsCount CountSms(std::string_view utf8) {
  std::vector<char32_t> cps = Decode(utf8);
  SmsCount count;
  count.characters = cps.size();
  std::vector<int> costs;
  costs.reserve(cps.size());
  bool gsm = true;
  for (char32_t c : cps) {
    int cost = GsmCost(c);
    if (cost == 0) {
      gsm = false;
      break;
    }
    costs.push_back(cost);
  }
  if (!gsm) {
    costs.clear();
    for (char32_t c : cps) costs.push_back(c > 0xFFFF ? 2 : 1);
  }
  for (int c : costs) count.units += static_cast<std::size_t>(c);
  count.encoding = gsm ? SmsEncoding::kGsm7 : SmsEncoding::kUcs2;
  count.parts = gsm ? PackParts(costs, count.units, kGsm7SinglePart, kGsm7MultiPart)
                    : PackParts(costs, count.units, kUcs2SinglePart, kUcs2MultiPart);
  return count;
}

std::string FoldForSms(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed =
      Nfd().normalize(icu::UnicodeString::fromUTF8(
                          icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))),
                      status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    // Only the combining diacritical marks block: Vietnamese tone and vowel marks all live there,
    // and dropping marks of other scripts would damage them rather than fold them.
    if (c >= 0x0300 && c <= 0x036F) continue;
    if (c == 0x0110 || c == 0x00D0) c = 'D';  // Đ, and Ð typed in its place
    if (c == 0x0111) c = 'd';                 // đ: a letter of its own, NFD leaves it whole
    std::string_view plain = PlainPunctuation(static_cast<char32_t>(c));
    if (!plain.empty()) {
      out.append(icu::UnicodeString::fromUTF8(
          icu::StringPiece(plain.data(), static_cast<int32_t>(plain.size()))));
      continue;
    }
    out.append(c);
  }
  std::string result;
  out.toUTF8String(result);
  return ToNfc(result);  // recompose whatever kept its marks (non-Latin scripts)
}

core::Result<SmsPlan> PlanSms(std::string_view utf8, const SmsOptions& options) {
  if (!IsValidUtf8(utf8)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "SMS text is not valid UTF-8");
  }
  if (utf8.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "SMS text is empty");
  }
  const int max_parts = std::clamp(options.max_parts, 1, kMaxSmsParts);

  SmsPlan plan;
  plan.text = ToNfc(utf8);  // NFD input would spend a unit on every separate mark
  if (options.fold == SmsFold::kAlways) {
    plan.text = FoldForSms(plan.text);
    plan.folded = true;
  }
  plan.count = CountSms(plan.text);
  if (plan.count.parts > max_parts && options.fold == SmsFold::kIfNeeded) {
    std::string folded = FoldForSms(plan.text);
    SmsCount folded_count = CountSms(folded);
    // Keep the original when folding does not reduce the cost: diacritics are worth keeping.
    if (folded_count.parts < plan.count.parts) {
      plan.text = std::move(folded);
      plan.count = folded_count;
      plan.folded = true;
    }
  }
  if (plan.count.parts > max_parts) {
    return core::MakeError(
        core::ErrorCode::kUnprocessable,
        fmt::format("SMS needs {} parts ({} {} units, {}), more than the maximum of {}",
                    plan.count.parts, plan.count.units, SmsEncodingName(plan.count.encoding),
                    plan.folded ? "diacritics folded" : "as written", max_parts));
  }
  return plan;
}

}  // namespace gw::locales
