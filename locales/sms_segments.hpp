// SMS encoding choice and segment counting (GSM 03.38 / 3GPP TS 23.038), with optional diacritic
// folding so a Vietnamese notice can travel in GSM-7 instead of costing twice as many parts.
//
// Pure and thread-safe. Nothing here ever truncates: a text that needs more parts than allowed is
// an error the caller must handle (shorten it, pick another template, or send on another channel).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gw::locales {

enum class SmsEncoding {
  kGsm7,  // the GSM 03.38 default alphabet plus its extension table, 7 bits a character
  kUcs2,  // 16 bits a code unit; anything outside the default alphabet forces it
};

std::string_view SmsEncodingName(SmsEncoding encoding);  // "gsm7", "ucs2"

// Limits per part: a lone message carries the whole payload, concatenated parts lose room to the
// user data header (6 octets) that numbers them.
inline constexpr std::size_t kGsm7SinglePart = 160;
inline constexpr std::size_t kGsm7MultiPart = 153;
inline constexpr std::size_t kUcs2SinglePart = 70;
inline constexpr std::size_t kUcs2MultiPart = 67;
// The concatenation header numbers parts in one octet.
inline constexpr int kMaxSmsParts = 255;

// How a text is counted, without changing it.
struct SmsCount {
  SmsEncoding encoding = SmsEncoding::kGsm7;
  int parts = 1;               // an empty text still occupies one message
  std::size_t characters = 0;  // Unicode code points
  // Septets for GSM-7 (an extension-table character costs 2: escape + code), UTF-16 code units
  // for UCS-2 (a character outside the BMP, such as an emoji, costs 2).
  std::size_t units = 0;
};

// True when every character is in the GSM-7 default alphabet or its extension table.
// Input must be valid UTF-8.
bool IsGsm7(std::string_view utf8);

// Counts `utf8` as it would be sent. Parts are packed the way handsets and SMSCs do: an escape
// pair or a surrogate pair is never split across two parts, so the count can exceed
// ceil(units / per-part limit) by one when such a pair straddles a boundary. Input valid UTF-8.
SmsCount CountSms(std::string_view utf8);

// Removes Vietnamese (and other Latin) diacritics but keeps letter case: "Đăng ký" -> "Dang ky".
// Typographic punctuation that has a plain equivalent is made plain too (curly quotes, dashes,
// ellipsis, non-breaking space, bullets), since one such character would force UCS-2 on its own.
// FoldDiacritics (text.hpp) is not used here: it lower-cases, which suits matching, not a notice.
std::string FoldForSms(std::string_view utf8);

enum class SmsFold {
  kNever,     // send as written, whatever it costs (up to max_parts)
  kIfNeeded,  // fold only when the text as written needs more than max_parts
  kAlways,    // fold even when it would fit (the citizen asked for texts without diacritics)
};

struct SmsOptions {
  int max_parts = 3;  // 1..kMaxSmsParts; values outside are clamped
  SmsFold fold = SmsFold::kIfNeeded;
};

// What will be sent and what it costs.
struct SmsPlan {
  std::string text;     // exactly what to send: NFC, folded when `folded`
  bool folded = false;  // diacritics were removed to make it fit (or because kAlways)
  SmsCount count;
};

// Decides how to send `utf8` as one SMS of at most `options.max_parts` parts. Errors:
// kInvalidArgument for invalid UTF-8 or an empty text; kUnprocessable when the text needs more
// parts than allowed even after folding (when folding is allowed); the message says how many.
core::Result<SmsPlan> PlanSms(std::string_view utf8, const SmsOptions& options = {});

}  // namespace gw::locales
