// The TCVN3 and VNI-Windows byte tables, transcribed from the published tables of TCVN 5712:1993
// (VN3) and of VNI-Windows.
#include "locales/legacy_tables.hpp"

#include <cstddef>
#include <iterator>

namespace gw::locales::detail {
namespace {

struct ByteLetter {
  unsigned char byte;
  char32_t letter;
};

// TCVN3 has precomposed lower-case letters only: upper case was a second font (.VnTimeH) drawing
// the same bytes as capitals. Per vowel the order is huyền, hỏi, ngã, sắc, nặng.
constexpr ByteLetter kTcvn3Pairs[] = {
    {0xA1, U'Ă'}, {0xA2, U'Â'}, {0xA3, U'Ê'}, {0xA4, U'Ô'}, {0xA5, U'Ơ'},
    {0xA6, U'Ư'}, {0xA7, U'Đ'}, {0xA8, U'ă'}, {0xA9, U'â'}, {0xAA, U'ê'},
    {0xAB, U'ô'}, {0xAC, U'ơ'}, {0xAD, U'ư'}, {0xAE, U'đ'},                //
    {0xB5, U'à'}, {0xB6, U'ả'}, {0xB7, U'ã'}, {0xB8, U'á'}, {0xB9, U'ạ'},  //
    {0xBB, U'ằ'}, {0xBC, U'ẳ'}, {0xBD, U'ẵ'}, {0xBE, U'ắ'}, {0xC6, U'ặ'},  //
    {0xC7, U'ầ'}, {0xC8, U'ẩ'}, {0xC9, U'ẫ'}, {0xCA, U'ấ'}, {0xCB, U'ậ'},  //
    {0xCC, U'è'}, {0xCE, U'ẻ'}, {0xCF, U'ẽ'}, {0xD0, U'é'}, {0xD1, U'ẹ'},  //
    {0xD2, U'ề'}, {0xD3, U'ể'}, {0xD4, U'ễ'}, {0xD5, U'ế'}, {0xD6, U'ệ'},  //
    {0xD7, U'ì'}, {0xD8, U'ỉ'}, {0xDC, U'ĩ'}, {0xDD, U'í'}, {0xDE, U'ị'},  //
    {0xDF, U'ò'}, {0xE1, U'ỏ'}, {0xE2, U'õ'}, {0xE3, U'ó'}, {0xE4, U'ọ'},  //
    {0xE5, U'ồ'}, {0xE6, U'ổ'}, {0xE7, U'ỗ'}, {0xE8, U'ố'}, {0xE9, U'ộ'},  //
    {0xEA, U'ờ'}, {0xEB, U'ở'}, {0xEC, U'ỡ'}, {0xED, U'ớ'}, {0xEE, U'ợ'},  //
    {0xEF, U'ù'}, {0xF1, U'ủ'}, {0xF2, U'ũ'}, {0xF3, U'ú'}, {0xF4, U'ụ'},  //
    {0xF5, U'ừ'}, {0xF6, U'ử'}, {0xF7, U'ữ'}, {0xF8, U'ứ'}, {0xF9, U'ự'},  //
    {0xFA, U'ỳ'}, {0xFB, U'ỷ'}, {0xFC, U'ỹ'}, {0xFD, U'ý'}, {0xFE, U'ỵ'},
};

// Letters VNI writes as a single byte: the toned i's, ỵ, ơ, ư and đ.
constexpr ByteLetter kVniLetterPairs[] = {
    {0xED, U'í'}, {0xEC, U'ì'}, {0xE6, U'ỉ'}, {0xF3, U'ĩ'}, {0xF2, U'ị'}, {0xEE, U'ỵ'},
    {0xF4, U'ơ'}, {0xF6, U'ư'}, {0xF1, U'đ'}, {0xCD, U'Í'}, {0xCC, U'Ì'}, {0xC6, U'Ỉ'},
    {0xD3, U'Ĩ'}, {0xD2, U'Ị'}, {0xCE, U'Ỵ'}, {0xD4, U'Ơ'}, {0xD6, U'Ư'}, {0xD1, U'Đ'},
};

// Lower-case mark bytes: the five tones, then the hat (â ê ô) and the breve (ă), bare and toned.
constexpr VniMark kVniMarkList[] = {
    {0xF9, 0, Tone::kAcute},   {0xF8, 0, Tone::kGrave},   {0xFB, 0, Tone::kHook},
    {0xF5, 0, Tone::kTilde},   {0xEF, 0, Tone::kDot},     {0xE2, '^', Tone::kNone},
    {0xE1, '^', Tone::kAcute}, {0xE0, '^', Tone::kGrave}, {0xE5, '^', Tone::kHook},
    {0xE3, '^', Tone::kTilde}, {0xE4, '^', Tone::kDot},   {0xEA, '(', Tone::kNone},
    {0xE9, '(', Tone::kAcute}, {0xE8, '(', Tone::kGrave}, {0xFA, '(', Tone::kHook},
    {0xFC, '(', Tone::kTilde}, {0xEB, '(', Tone::kDot},
};

constexpr ByteTable BuildTable(const ByteLetter* pairs, std::size_t n) {
  ByteTable table{};
  for (std::size_t i = 0; i < n; ++i) table[pairs[i].byte] = pairs[i].letter;
  return table;
}

}  // namespace

constexpr ByteTable kTcvn3Letters = BuildTable(kTcvn3Pairs, std::size(kTcvn3Pairs));
constexpr ByteTable kVniLetters = BuildTable(kVniLetterPairs, std::size(kVniLetterPairs));
constexpr std::span<const VniMark> kVniMarks = kVniMarkList;

}  // namespace gw::locales::detail
