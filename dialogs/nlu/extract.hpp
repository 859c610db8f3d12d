// Entity extraction for the NLU: dossier codes (written and spoken), phone numbers, ID numbers
// and dates, from free citizen text on any channel.
//
// All functions are pure and thread-safe. They never throw on odd input; text that is not valid
// UTF-8 yields nothing from the parts that need folding (spoken codes, "ngày 5 tháng 3") and is
// otherwise scanned as bytes. Cost: a message with no digit and no chấm/gạch-shaped word returns
// after one pass over its bytes; written forms are scanned by hand without ICU (about a
// microsecond for an 80-byte message); only spoken codes and "tháng" dates need the ICU fold.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::dialogs::nlu {

struct ExtractedDate {
  int year = 0;  // 0 when the text gives none ("5 tháng 3", "hôm 3/7")
  int month = 0;
  int day = 0;
  friend bool operator==(const ExtractedDate&, const ExtractedDate&) = default;
};

struct Entities {
  std::vector<std::string> dossier_codes;  // canonical "000.00.12.H29-241023-0001"
  std::vector<std::string> phones;         // E.164 "+84912345678"
  std::vector<std::string> id_numbers;     // digits only: 12 (CCCD) or 9 (CMND)
  std::vector<ExtractedDate> dates;
};
// Each list is deduplicated and in text order (dossier codes: written ones, then spoken ones).

// Everything at once; folds the text only when a part needs it.
Entities Extract(std::string_view text);

// The same when the caller already holds locales::FoldDiacritics(text) (the classifier folds
// every message anyway): no second ICU pass.
Entities Extract(std::string_view text, std::string_view folded);

// Dossier codes `<unit code>-YYMMDD-NNNN`, canonical: upper case, '.' inside the unit code, '-'
// before the date and the sequence. The unit code has 2 or 3 groups of 2-3 digits, then a letter
// and 2-3 digits (000.00.12.H29, 38.98.H29); the date must be a real YYMMDD (20YY); the sequence
// has 4-6 digits. Between groups: optional blanks (a line break included), one of . , - _ /
// en dash, em dash or minus, optional blanks; or a bare line break. Glued words, URLs and file
// names around a code are fine; a code that continues a number ("1000.00.12...", "7.000.00...")
// is not. Garbled codes (wrong group lengths, O for 0, a 5- or 7-digit date) give nothing.
// Spoken codes in the same text (spoken_digits.hpp) are appended.
std::vector<std::string> ExtractDossierCodes(std::string_view text);

// The whole input (blanks, quotes and a final . , ; ! ? around it allowed) is one code, written or
// spoken; for validating a slot. nullopt otherwise.
std::optional<std::string> CanonicalDossierCode(std::string_view text);

// Only the spoken forms (hotline speech-to-text), per spoken_digits.hpp.
std::vector<std::string> ExtractSpokenDossierCodes(std::string_view text);

// Vietnamese phone numbers as E.164. Accepted: 0, 84, +84, (+84), 0084 and "+84 (0)" prefixes;
// groups split by blanks, dots, dashes or parentheses. Mobile: 9 national digits with a mobile
// prefix (3[2-9] 5[2-9] 7[06-9] 8[1-9] 9x); landline: 10 national digits starting with 2.
// Anything longer or shorter is no phone, and so is a number that goes on with . or - and digits
// (tax code 0312345678-001) or sits inside a dossier code.
std::vector<std::string> ExtractPhones(std::string_view text);

// CCCD (12 digits, first three a province code 001-096) and CMND (9 digits, first two an issuing
// area 01-38). Digits may be grouped by blanks (CCCD also by dots or dashes: amounts never start
// with 0). Valid phone numbers, amounts followed by a currency word and numbers inside dossier
// codes are not IDs.
std::vector<std::string> ExtractIdNumbers(std::string_view text);

// dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd; d/m without a year only after a day
// word (ngày, hôm, sáng, chiều, tối, mùng, từ, đến...) because "3/5" alone is usually a score;
// "ngày 5 tháng 3 năm 2024", "ngay 5 thang 3", "5 tháng 3" (not "2 tháng 3 ngày": a duration).
// Validated against the calendar (31/02 and 29/02/2023 rejected); years 1900-2100.
std::vector<ExtractedDate> ExtractDates(std::string_view text);

}  // namespace gw::dialogs::nlu
