// Validation of one answer for one slot: a normalised value, or what was expected.
#pragma once

#include <optional>
#include <string>

#include "dialogs/engine/engine.hpp"

namespace gw::dialogs {

struct SlotAnswer {
  std::optional<std::string> value;  // nullopt: not valid for this slot
  bool skipped = false;              // "bỏ qua" on an optional slot
  bool unknown_procedure = false;    // a procedure slot that named none we know
};

SlotAnswer ValidateSlot(const SlotSpec& slot, const Understanding& in,
                        const ProcedureDirectory& procedures, float procedure_threshold);

// The value the first message already gives for this slot, if any (prefill).
std::optional<std::string> PrefillSlot(const SlotSpec& slot, const Understanding& in,
                                       const ProcedureDirectory& procedures,
                                       float procedure_threshold);

// Lower case, no diacritics, punctuation as spaces, single spaces.
std::string Simplify(std::string_view text);
// True when `phrase` occurs in `simple` as whole words.
bool HasWords(std::string_view simple, std::string_view phrase);

}  // namespace gw::dialogs
