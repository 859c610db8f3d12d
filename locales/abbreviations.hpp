// Chat and administrative abbreviations ("ko", "dc", "cccd", "ubnd") and Telex typed with the
// input method switched off ("ddawng kys"), undone before classification.
//
// Both work on whole tokens of text that has been through NormalizeForMatching (lower case, NFC,
// house tone placement) and both are deliberately conservative: a wrong expansion changes what the
// citizen said, a missed one only costs the classifier a feature.
//
// Threading: AbbreviationTable is immutable after Parse and safe to share between threads;
// UndoTelex is a pure function.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gw::locales {

struct Abbreviation {
  std::string abbrev;                   // normalised lower case, e.g. "đk"
  std::vector<std::string> expansions;  // one for a safe entry, the candidates otherwise
  bool safe = false;                    // safe: always means expansions[0]; else ambiguous
};

class AbbreviationTable {
 public:
  // Parses `abbrev<TAB>expansion<TAB>flags` lines; flags is `safe` or `ambiguous`, an ambiguous
  // entry lists its readings separated by '|'. Blank lines and lines starting with '#' are skipped.
  // Keys and expansions are put through NormalizeForMatching. Bad lines are skipped and reported in
  // errors() ("line 7: ..."), so a caller can refuse to start on a broken table.
  static AbbreviationTable Parse(std::string_view tsv_text);

  // Replaces each whole token of `normalized_lowercase_text` that is a safe abbreviation by its
  // expansion; everything else, ambiguous entries included, is copied unchanged. A token is a run
  // of letters, digits and '/' (so "v/v" is one token and "sđt:" ends before the colon).
  std::string Expand(std::string_view normalized_lowercase_text) const;

  // The entry for one token, safe or ambiguous, or nullptr. For the NLU, which may weigh the
  // readings of an ambiguous abbreviation itself.
  const Abbreviation* Find(std::string_view token) const;

  std::size_t size() const { return entries_.size(); }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Abbreviation, Hash, std::equal_to<>> entries_;
  std::vector<std::string> errors_;
};

// Rewrites tokens typed in Telex with the input method off: "ddawng kys" -> "đăng ký",
// "hoof sow" -> "hồ sơ". A token is rewritten only when it is not already a Vietnamese syllable
// (with or without diacritics), its Telex reading is a valid syllable, and the message as a whole
// looks like Telex Vietnamese: at least one token needs a letter-changing key (dd aa aw ee oo ow
// uw w), tokens that read as neither Vietnamese nor Telex are at most a third, and common English
// words that happen to be Telex ("how", "see", "six") are never rewritten. So "dang ky khai sinh"
// and English sentences come back unchanged. Case is kept per token (all upper, capitalised,
// lower).
std::string UndoTelex(std::string_view text);

}  // namespace gw::locales
