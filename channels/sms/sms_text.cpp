// GSM-7 alphabet, segment counting, Vietnamese folding and SMS text decoding.
#include "channels/sms/sms_text.hpp"

#include <cstdint>
#include <vector>

#include "channels/common/utf8.hpp"

namespace gw::channels::sms {
namespace {

using namespace std::string_view_literals;

// Decodes one code point at `i`, advancing it; -1 on an invalid sequence.
long NextCodePoint(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = 0;
  long cp = 0;
  long min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if (i + len > s.size()) return -1;
  for (int k = 1; k < len; ++k) {
    unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  i += len;
  return cp;
}

void AppendUtf8(std::string& out, long cp) {
  common::AppendUtf8(out, static_cast<char32_t>(cp));
}

// The GSM 03.38 default alphabet, by code point (the escape 0x1B is not a character).
constexpr char16_t kGsmBasic[] = {
    u'@',      u'\u00A3', u'$',      u'\u00A5', u'\u00E8', u'\u00E9', u'\u00F9', u'\u00EC',
    u'\u00F2', u'\u00C7', u'\n',     u'\u00D8', u'\u00F8', u'\r',     u'\u00C5', u'\u00E5',
    u'\u0394', u'_',      u'\u03A6', u'\u0393', u'\u039B', u'\u03A9', u'\u03A0', u'\u03A8',
    u'\u03A3', u'\u0398', u'\u039E', u'\u00C6', u'\u00E6', u'\u00DF', u'\u00C9', u'\u00A4',
    u'\u00A1', u'\u00C4', u'\u00D6', u'\u00D1', u'\u00DC', u'\u00A7', u'\u00BF', u'\u00E4',
    u'\u00F6', u'\u00F1', u'\u00FC', u'\u00E0'};
constexpr char16_t kGsmExtension[] = {u'\f', u'^', u'{', u'}', u'\\',
                                      u'[',  u'~', u']', u'|', u'\u20AC'};

// Septets a code point takes in GSM-7, or 0 when it has none.
int GsmSeptets(long cp) {
  // Printable ASCII is in the default alphabet except the characters listed in the extension
  // table and the backtick, which GSM-7 lacks.
  if (cp >= 0x20 && cp < 0x7F && cp != '`') {
    for (char16_t e : kGsmExtension) {
      if (e == cp) return 2;
    }
    return 1;
  }
  for (char16_t b : kGsmBasic) {
    if (b == cp) return 1;
  }
  for (char16_t e : kGsmExtension) {
    if (e == cp) return 2;
  }
  return 0;
}

// Packs items of the given sizes into parts of `part` units without splitting an item.
int CountParts(const std::vector<int>& sizes, int total, int single, int part) {
  if (total == 0) return 0;
  if (total <= single) return 1;
  int parts = 1;
  int used = 0;
  for (int s : sizes) {
    if (used + s > part) {
      ++parts;
      used = 0;
    }
    used += s;
  }
  return parts;
}

// Base letters of U+1EA0..U+1EF9 (Vietnamese letters with tone marks), in code point order.
constexpr std::string_view kLatinExtendedAdditionalBase =
    "AaAaAaAaAaAaAaAaAaAaAaAa"  // 1EA0..1EB7 Ạ..ặ
    "EeEeEeEeEeEeEeEe"          // 1EB8..1EC7 Ẹ..ệ
    "IiIi"                      // 1EC8..1ECB Ỉ..ị
    "OoOoOoOoOoOoOoOoOoOoOoOo"  // 1ECC..1EE3 Ọ..ợ
    "UuUuUuUuUuUuUu"            // 1EE4..1EF1 Ụ..ự
    "YyYyYyYy";                 // 1EF2..1EF9 Ỳ..ỹ

// The folded form of one code point, or nullopt to keep it.
std::optional<std::string_view> Fold(long cp) {
  static constexpr std::string_view kLatin1 =  // U+00C0..U+00FF; '\0' keeps the character
      "AAAA\0\0\0\0EEE\0II\0\0\0\0OOOO\0\0\0UU\0\0Y\0\0aaaa\0\0\0\0eee\0ii\0\0\0\0oooo\0\0\0uu\0\0y"
      "\0\0"sv;
  if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != '\0') return kLatin1.substr(cp - 0xC0, 1);
  if (cp >= 0x1EA0 && cp <= 0x1EF9) return kLatinExtendedAdditionalBase.substr(cp - 0x1EA0, 1);
  if (cp >= 0x0300 && cp <= 0x036F) return "";  // combining marks of decomposed text
  switch (cp) {
    case 0x0102:
      return "A";
    case 0x0103:
      return "a";
    case 0x0110:
      return "D";
    case 0x0111:
      return "d";
    case 0x0128:
      return "I";
    case 0x0129:
      return "i";
    case 0x0168:
      return "U";
    case 0x0169:
      return "u";
    case 0x01A0:
      return "O";
    case 0x01A1:
      return "o";
    case 0x01AF:
      return "U";
    case 0x01B0:
      return "u";
    case 0x00A0:
      return " ";
    case 0x2018:
    case 0x2019:
      return "'";
    case 0x201C:
    case 0x201D:
      return "\"";
    case 0x2013:
    case 0x2014:
      return "-";
    case 0x2026:
      return "...";
    default:
      return std::nullopt;
  }
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (NextCodePoint(bytes, i) < 0) return false;
  }
  return true;
}

std::optional<SmsSegments> CountSegments(std::string_view utf8) {
  std::vector<int> septets;
  std::vector<int> code_units;
  int gsm_total = 0;
  int ucs_total = 0;
  bool gsm = true;
  std::size_t i = 0;
  while (i < utf8.size()) {
    long cp = NextCodePoint(utf8, i);
    if (cp < 0) return std::nullopt;
    int units = cp >= 0x10000 ? 2 : 1;
    code_units.push_back(units);
    ucs_total += units;
    int s = GsmSeptets(cp);
    if (s == 0) gsm = false;
    if (gsm) {
      septets.push_back(s);
      gsm_total += s;
    }
  }
  SmsSegments out;
  if (gsm) {
    out.coding = SmsCoding::kGsm7;
    out.units = gsm_total;
    out.parts = CountParts(septets, gsm_total, kGsm7Single, kGsm7Part);
  } else {
    out.coding = SmsCoding::kUcs2;
    out.units = ucs_total;
    out.parts = CountParts(code_units, ucs_total, kUcs2Single, kUcs2Part);
  }
  return out;
}

std::string FoldVietnamese(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t start = i;
    long cp = NextCodePoint(utf8, i);
    if (cp < 0) {  // not expected (callers validate); keep the byte rather than lose text
      out.push_back(utf8[start]);
      i = start + 1;
      continue;
    }
    if (auto folded = Fold(cp)) {
      out.append(*folded);
    } else {
      out.append(utf8.substr(start, i - start));
    }
  }
  return out;
}

std::optional<std::string> Utf16BeToUtf8(std::string_view bytes) {
  if (bytes.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  auto unit = [&](std::size_t k) {
    return static_cast<long>((static_cast<unsigned char>(bytes[k]) << 8) |
                             static_cast<unsigned char>(bytes[k + 1]));
  };
  for (std::size_t k = 0; k < bytes.size(); k += 2) {
    long u = unit(k);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (k + 3 >= bytes.size()) return std::nullopt;
      long low = unit(k + 2);
      if (low < 0xDC00 || low > 0xDFFF) return std::nullopt;
      AppendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
      k += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return std::nullopt;
    } else {
      AppendUtf8(out, u);
    }
  }
  return out;
}

std::string Latin1ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) AppendUtf8(out, c);
  return out;
}

}  // namespace gw::channels::sms
