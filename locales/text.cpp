// ICU-backed implementations of the text basics.
//
// These run on every message, so each has a fast path that stays out of UTF-16: ASCII is handled
// byte by byte, and case/diacritic folding of the Latin blocks (where all Vietnamese lives) goes
// through tables filled once from the ICU path itself, so both paths agree by construction.
#include "locales/text.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <optional>

namespace gw::locales {
namespace {

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFCInstance(status);
  }();
  return n;
}

const icu::Normalizer2* Nfd() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFDInstance(status);
  }();
  return n;
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string SlowLower(std::string_view s) {
  auto u = FromUtf8(s);
  u.foldCase();
  return ToUtf8(u);
}

std::string SlowFold(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  auto u = FromUtf8(s);
  icu::UnicodeString d = Nfd()->normalize(u, status);
  if (U_FAILURE(status)) d = u;
  icu::UnicodeString out;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0110 || c == 0x0111 || c == 0x00D0) c = 'd';  // Đ, đ, and Ð (U+00D0) typed for Đ
    out.append(c);
  }
  out.foldCase();
  return ToUtf8(out);
}

// Per-code-point results for Latin-1 to Latin Extended-B and Latin Extended Additional. Folding
// and NFD are context-free per code point, so a table of single-code-point results is exact.
constexpr UChar32 kLatinEnd = 0x250;
constexpr UChar32 kExtBegin = 0x1E00;
constexpr UChar32 kExtEnd = 0x1F00;

struct FoldTable {
  std::array<std::string, kLatinEnd + (kExtEnd - kExtBegin)> out;

  explicit FoldTable(std::string (*slow)(std::string_view)) {
    for (UChar32 c = 0; c < kLatinEnd; ++c) out[c] = slow(Encode(c));
    for (UChar32 c = kExtBegin; c < kExtEnd; ++c) out[kLatinEnd + c - kExtBegin] = slow(Encode(c));
  }

  const std::string* Find(UChar32 c) const {
    if (c >= 0 && c < kLatinEnd) return &out[c];
    if (c >= kExtBegin && c < kExtEnd) return &out[kLatinEnd + c - kExtBegin];
    return nullptr;
  }

  static std::string Encode(UChar32 c) {
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    return std::string(buf, static_cast<std::size_t>(len));
  }
};

// Maps each code point through `table`; nullopt when one falls outside it (or input is broken).
std::optional<std::string> ViaTable(std::string_view s, const FoldTable& table) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto len = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    const std::string* mapped = table.Find(c);
    if (mapped == nullptr) return std::nullopt;
    out.append(*mapped);
  }
  return out;
}

const FoldTable& LowerTable() {
  static const FoldTable table(&SlowLower);
  return table;
}

const FoldTable& DiacriticTable() {
  static const FoldTable table(&SlowFold);
  return table;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  const auto len = static_cast<int32_t>(s.size());
  while (i < len) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) return false;
  }
  return true;
}

std::string ToNfc(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  if (Nfc()->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  Nfc()->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : std::string(s);
}

std::string ToLower(std::string_view s) {
  if (IsAscii(s)) {
    std::string out(s);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 0x20);
    }
    return out;
  }
  if (auto fast = ViaTable(s, LowerTable())) return *std::move(fast);
  return SlowLower(s);
}

std::string FoldDiacritics(std::string_view s) {
  if (IsAscii(s)) return ToLower(s);
  if (auto fast = ViaTable(s, DiacriticTable())) return *std::move(fast);
  return SlowFold(s);
}

std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace gw::locales
