// Spoken dossier codes: turns hotline speech-to-text words into the characters they stand for.
//
// "không không không chấm không không chấm một hai chấm hắt hai chín gạch hai bốn một không hai
// ba gạch không không không một" becomes "000.00.12.h29-241023-0001"; the written-code scanner in
// extract.cpp then reads the transcript, so both forms obey one grammar.
//
// Words (after locales::FoldDiacritics, so with or without diacritics):
// - digits: không linh lẻ=0, một mốt=1, hai=2, ba=3, bốn tư=4, năm=5, sáu=6, bảy bẩy=7, tám=8,
//   chín=9; numerals the recogniser already wrote as digits ("241023") are taken as they are.
//   lăm/nhăm (5) count only after mươi/mười, where Vietnamese uses them, and lăm also right
//   after a digit ("hai lăm" = 25); elsewhere "lam" is làm and "nham" is nhầm (a correction,
//   which wins over the northern "hai nhăm"). Compound numbers are read as written Vietnamese:
//   "hai mươi chín"=29, "mười lăm"=15, "hai mươi"=20, "một trăm linh năm"=105, "hai trăm"=200.
//   Folding merges mười (10) and mươi (-ty), so a digit followed by mười is read as tens:
//   "sáu mười lăm" gives 65, not 6 15.
// - separators: chấm, phẩy -> '.'; gạch (ngang|nối|dưới|chéo), xẹt -> '-'.
// - letters, only at the start of a group: hắt/hát/hờ=H, gờ/giê=G, the plain letter, and the
//   usual Vietnamese letter names (bê, xê, đê, ép, ca, lờ, mờ, nờ, pê, quy, rờ, ét, tê, vê...).
//   A consonant name replaces a letter said just before it in the same group ("à hắt" -> H);
//   a lone vowel (a, o, u, e) elsewhere is a hesitation and is skipped.
//
// Correction rule. A correction marker is "nhầm (rồi)", "lộn (rồi)", "xin lỗi", "sửa lại",
// "nói lại", "đọc lại", "không phải", or "à không" when a pause mark (, . ; : ! ? …) follows
// "không" (without the pause, "à không không" is a hesitation before two zeros). A marker
// erases the group being spoken, i.e. everything after the last separator; if that group is
// still empty (the marker follows a separator word), it erases that separator and the group
// before it. The words after the marker are then transcribed as usual, so they replace what was
// erased: "một hai ba, à không, một hai bốn" -> "124"; "... một hai ba gạch, nhầm, một hai bốn
// gạch ..." -> "124-". A marker before any digit has nothing to correct and is ignored.
//
// A run is a maximal stretch of words that all transcribe; any other word ends it, and so does a
// digit word that begins a common phrase ("năm nay", "sau đó", "một chút", "ba tôi").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gw::dialogs::nlu {

struct SpokenRun {
  std::string transcript;    // digits, lower-case letters, '.' and '-': "000.00.12.h29-241023-0001"
  bool whole_input = false;  // every word of the input belongs to this run
};

// Runs holding at least one digit, in order. `folded` must have been through
// locales::FoldDiacritics (lower-case ASCII letters; other bytes only delimit words).
std::vector<SpokenRun> TranscribeSpoken(std::string_view folded);

// Cheap byte test, on raw or folded text, before paying for folding: false when the text cannot
// hold a spoken code, i.e. it is too short or has no word shaped like chấm/cham or gạch/gach
// (a spoken code needs at least its two dashes). Diacritics may be precomposed or combining.
bool MayHoldSpokenCode(std::string_view text);

}  // namespace gw::dialogs::nlu
