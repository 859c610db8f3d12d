// Detection and conversion of the pre-Unicode Vietnamese encodings still met in SMS gateways,
// e-mail and pasted office documents: TCVN3 (ABC), VNI-Windows, VIQR and Windows-1258.
//
// Legacy text reaches us in two shapes, and every function here accepts both:
//  - raw 8-bit bytes (not valid UTF-8), as a modem, an old mail client or a file hands them over;
//  - bytes already mis-decoded as windows-1252 or latin-1 into UTF-8 (mojibake): "Xin chaøo" is
//    VNI, "Céng hoµ" is TCVN3, "Viá»‡t" is UTF-8 read as windows-1252.
//
// Detection scores each candidate decoding by how many of its words are valid Vietnamese
// syllables, so ordinary English, French or German text and genuine Vietnamese Unicode are left
// alone. VIQR, being plain ASCII, is only assumed when several words read as marked syllables.
//
// Threading: all functions are thread-safe; the tables are constants or built once.
#pragma once

#include <string>
#include <string_view>

namespace gw::locales {

enum class LegacyEncoding {
  kUnicode,            // UTF-8 as it should be: nothing to do
  kTcvn3,              // TCVN 5712:1993 VN3 ("ABC"), the .VnTime font encoding
  kVni,                // VNI-Windows: base letter followed by a mark byte ("chaøo")
  kViqr,               // RFC 1456 ASCII: a( a^ e^ o^ o+ u+ dd, tones ' ` ? ~ .
  kCp1258,             // Windows-1258, with combining tone marks
  kUtf8AsWindows1252,  // UTF-8 whose bytes were read as windows-1252 ("Viá»‡t")
  kWindows1252,        // bytes that are not UTF-8 and not Vietnamese: decoded as windows-1252
};

// A stable lower-case name for logs and metrics labels: "unicode", "tcvn3", "vni", ...
std::string_view EncodingName(LegacyEncoding encoding);

// Which encoding `bytes` is in. Valid UTF-8 is kUnicode unless its text reads far better as
// Vietnamese once reinterpreted. Invalid UTF-8 is kUnicode only when it is mostly well-formed
// UTF-8 with a few damaged bytes (a truncated SMS part); otherwise the best-scoring 8-bit
// encoding, at worst kWindows1252. The common case (valid UTF-8 with Vietnamese letters beyond
// latin-1, or plain ASCII without VIQR marks) is one pass over the bytes.
LegacyEncoding DetectEncoding(std::string_view bytes);

// `bytes` decoded as `encoding`, as UTF-8 NFC. For the 8-bit encodings, valid UTF-8 input is taken
// as mojibake (each code point that windows-1252 or latin-1 can hold stands for its byte; others
// pass through); anything else as raw bytes. kUnicode returns valid UTF-8 input unchanged and
// replaces ill-formed sequences with U+FFFD. The result is always valid UTF-8.
std::string ConvertToUnicode(std::string_view bytes, LegacyEncoding encoding);

// DetectEncoding + ConvertToUnicode: valid UTF-8 that is not legacy comes back byte for byte.
std::string RepairVietnamese(std::string_view bytes);

}  // namespace gw::locales
