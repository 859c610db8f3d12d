// Internal to gw_locales: the hand-written byte tables of the legacy encodings ICU has no
// converter for, TCVN3 and VNI-Windows (they are font encodings, never registered with IANA).
// Pure data, transcribed from the published tables of TCVN 5712:1993 (VN3) and of VNI-Windows;
// the decoders that use them are in legacy_encoding.cpp. Windows-1252 and windows-1258 are not
// here: ICU knows them and stays the authority for them.
//
// Threading: compile-time constants, safe from any thread.
#pragma once

#include <array>
#include <span>

#include "locales/syllable.hpp"

namespace gw::locales::detail {

// A byte -> code point table: 0 where the byte stands for no letter of its own (the decoder then
// falls back to windows-1252).
using ByteTable = std::array<char32_t, 256>;

// TCVN3 (VN3) byte -> precomposed letter. Lower case only, apart from the six bare capitals
// Ă Â Ê Ô Ơ Ư and Đ: upper case was a second font (.VnTimeH) drawing the same bytes as capitals.
extern const ByteTable kTcvn3Letters;

// VNI-Windows byte -> letter, for the letters VNI writes as a single byte: the toned i's, ỵ, ơ, ư
// and đ, either case.
extern const ByteTable kVniLetters;

// VNI-Windows writes a toned vowel as its base letter followed by one mark byte. `byte` is the
// lower-case mark; the upper-case mark is the byte 0x20 below. `hat` is '^' for â ê ô, '(' for ă,
// 0 for a tone alone.
struct VniMark {
  unsigned char byte;
  char hat;
  Tone tone;
};

// The 17 VNI mark bytes (lower case).
extern const std::span<const VniMark> kVniMarks;

}  // namespace gw::locales::detail
