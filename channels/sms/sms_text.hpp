// SMS text rules the adapters need on the wire: GSM-7 or UCS-2, part counts, folding of
// Vietnamese diacritics, and decoding of what SMSCs deliver (UTF-16BE, Latin-1).
//
// locales/ has a richer segment counter for previews and costs, but channels must not depend on
// locales, and the adapter's count has to follow the splitter of the gateway it talks to
// (Kannel's sms_split: 160/153 septets, 140/134 octets), so this small copy lives here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gw::channels::sms {

enum class SmsCoding { kGsm7, kUcs2 };

struct SmsSegments {
  SmsCoding coding = SmsCoding::kGsm7;
  int units = 0;  // GSM septets (extension characters count two) or UTF-16 code units
  int parts = 0;  // 1 when it fits one SMS; 0 for empty text
};

inline constexpr int kGsm7Single = 160;
inline constexpr int kGsm7Part = 153;  // 7 septets go to the concatenation header
inline constexpr int kUcs2Single = 70;
inline constexpr int kUcs2Part = 67;

// GSM-7 when every character is in the GSM 03.38 default alphabet or its extension table,
// else UCS-2. Parts are counted without splitting an escape pair or a surrogate pair across
// parts, so the count is never below what a gateway produces. nullopt on invalid UTF-8.
std::optional<SmsSegments> CountSegments(std::string_view utf8);

// "Hồ sơ đã được tiếp nhận" -> "Ho so da duoc tiep nhan": Vietnamese letters (precomposed or
// with combining marks) to their base letter, đ/Đ to d/D, and typographic quotes, dashes and
// the ellipsis to ASCII. Other characters are kept. Expects valid UTF-8.
std::string FoldVietnamese(std::string_view utf8);

bool IsValidUtf8(std::string_view bytes);
// UTF-16BE bytes (what Kannel passes for UCS-2 messages) to UTF-8; nullopt on an odd length
// or an unpaired surrogate.
std::optional<std::string> Utf16BeToUtf8(std::string_view bytes);
std::string Latin1ToUtf8(std::string_view bytes);

}  // namespace gw::channels::sms
