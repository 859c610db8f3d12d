// Flows as data: each flow (dialogs/flows/*.json) is a list of slots to fill, an optional
// confirmation, and the action to take when complete. Prompts are locale keys.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace gw::dialogs {

enum class SlotType { kDossierCode, kPhone, kCccd, kDate, kEmail, kText, kChoice, kProcedure };

struct ChoiceOption {
  std::string id;         // the value stored in the slot
  std::string label_key;  // locale key of the label shown
  std::string label;      // a literal label (catalogue form fields), used when label_key is empty
  std::vector<std::string> synonyms;  // folded words that also pick it ("rat hai long", "5 sao")
};

struct SlotSpec {
  std::string name;
  SlotType type = SlotType::kText;
  std::string prompt_key;             // locale key of the question
  std::string expected_key;           // locale key describing the expected form, for invalid_input
  bool required = true;               // optional slots accept "bỏ qua"
  bool prefill = true;                // take the value from the first message when it has one
  std::vector<ChoiceOption> options;  // kChoice only
  int min_length = 0;                 // kText only
  int max_length = 2000;
};

enum class FlowAction {
  kNone,  // the flow answers by itself (procedure info)
  kLookupDossier,
  kSubmitDossier,
  kSupplement,
  kWithdraw,
  kFileComplaint,
  kRecordRating,
  kSubscribe,
  kUnsubscribe,
};

struct FlowSpec {
  std::string id;
  std::vector<std::string> intents;  // NLU intents that start it
  std::vector<SlotSpec> slots;
  bool procedure_fields = false;  // after the "procedure" slot, ask that procedure's own fields
  std::string confirm_key;        // locale key of the confirmation question; "" = none
  FlowAction action = FlowAction::kNone;
};

class Flows {
 public:
  // Parses flow files (name -> JSON text). Errors name the file and the JSON path.
  static core::Result<Flows> Parse(
      const std::vector<std::pair<std::string, std::string_view>>& files);
  // The flows compiled into the binary (dialogs/flows/*.json).
  static core::Result<Flows> LoadEmbedded();

  const FlowSpec* ById(std::string_view id) const;
  const FlowSpec* ForIntent(std::string_view intent) const;
  const std::vector<FlowSpec>& all() const { return flows_; }

 private:
  std::vector<FlowSpec> flows_;
};

std::string_view FlowActionName(FlowAction action);
std::optional<SlotType> ParseSlotType(std::string_view name);

}  // namespace gw::dialogs
