// Phone numbers and sender ids as SMS providers want them: E.164 for our records, the
// provider's own format on the wire, and the brandname rules of Vietnamese carriers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gw::channels::sms {

// How a provider wants the handset number: "+84912345678", "84912345678" or "0912345678".
enum class NumberFormat { kE164, kInternational, kNational };

// Normalises what SMSCs and users write to E.164, assuming Vietnam (+84) for national numbers:
// "0912345678", "84912345678", "+84 91-234-5678", "0084912345678" -> "+84912345678". Other
// countries must come with + or 00. nullopt when it is not a phone number (short codes,
// alphanumeric senders, wrong lengths).
std::optional<std::string> ToE164(std::string_view raw);

// An E.164 number in the provider's format; numbers outside +84 stay international for kNational.
std::string FormatNumber(std::string_view e164, NumberFormat format);

// Checks a brandname (alphanumeric sender id) registered with the carriers: 1 to 11 characters,
// ASCII letters, digits, '-', '_', '.' and space, not all digits, no leading or trailing space.
// Returns the reason without a path, e.g. "at most 11 characters, got 12"; nullopt when valid.
std::optional<std::string> BrandnameError(std::string_view brandname);

// A sender for Kannel: a short code (1 to 15 digits) or a brandname.
std::optional<std::string> SenderError(std::string_view sender);

}  // namespace gw::channels::sms
