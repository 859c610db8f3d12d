// Parsing of the flow files.
#include "dialogs/engine/flow.hpp"

#include <fmt/format.h>

#include "core/config_reader.hpp"
#include "embedded/flows.hpp"

namespace gw::dialogs {
namespace {

constexpr std::pair<std::string_view, SlotType> kSlotTypes[] = {
    {"dossier_code", SlotType::kDossierCode},
    {"phone", SlotType::kPhone},
    {"cccd", SlotType::kCccd},
    {"date", SlotType::kDate},
    {"email", SlotType::kEmail},
    {"text", SlotType::kText},
    {"choice", SlotType::kChoice},
    {"procedure", SlotType::kProcedure},
};

constexpr std::pair<std::string_view, FlowAction> kActions[] = {
    {"none", FlowAction::kNone},
    {"lookup_dossier", FlowAction::kLookupDossier},
    {"submit_dossier", FlowAction::kSubmitDossier},
    {"supplement", FlowAction::kSupplement},
    {"withdraw", FlowAction::kWithdraw},
    {"file_complaint", FlowAction::kFileComplaint},
    {"record_rating", FlowAction::kRecordRating},
    {"subscribe", FlowAction::kSubscribe},
    {"unsubscribe", FlowAction::kUnsubscribe},
};

template <typename T, std::size_t N>
std::vector<std::string> Names(const std::pair<std::string_view, T> (&table)[N]) {
  std::vector<std::string> out;
  for (const auto& [name, value] : table) out.emplace_back(name);
  return out;
}

SlotSpec ParseSlot(core::ConfigNode& n) {
  SlotSpec s;
  s.name = n.String("name", "", true);
  s.type = *ParseSlotType(n.Enum("type", "text", Names(kSlotTypes)));
  s.prompt_key = n.String("prompt", "", true);
  s.expected_key = n.String("expected", "");
  s.required = n.Bool("required", true);
  s.prefill = n.Bool("prefill", true);
  s.min_length = static_cast<int>(n.Int("min_length", 0, 0, 100000));
  s.max_length = static_cast<int>(n.Int("max_length", 2000, 1, 100000));
  n.ObjectArray("options", [&](core::ConfigNode& o) {
    ChoiceOption opt;
    opt.id = o.String("id", "", true);
    opt.label_key = o.String("label", "", true);
    opt.synonyms = o.StringList("synonyms");
    s.options.push_back(std::move(opt));
  });
  if (s.type == SlotType::kChoice && s.options.empty()) {
    n.errors().Add(n.path() + ".options", "a choice slot needs options");
  }
  return s;
}

}  // namespace

std::optional<SlotType> ParseSlotType(std::string_view name) {
  for (const auto& [n, t] : kSlotTypes) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string_view FlowActionName(FlowAction action) {
  for (const auto& [n, a] : kActions) {
    if (a == action) return n;
  }
  return "none";
}

core::Result<Flows> Flows::Parse(
    const std::vector<std::pair<std::string, std::string_view>>& files) {
  Flows flows;
  std::vector<std::string> lines;
  for (const auto& [name, text] : files) {
    auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
      lines.push_back(fmt::format("{}: malformed JSON", name));
      continue;
    }
    core::ConfigErrors errors;
    core::ConfigNode root(&json, "", &errors);
    FlowSpec f;
    f.id = root.String("id", "", true);
    f.intents = root.StringList("intents");
    root.ObjectArray("slots", [&](core::ConfigNode& n) { f.slots.push_back(ParseSlot(n)); });
    f.procedure_fields = root.Bool("procedure_fields", false);
    f.confirm_key = root.String("confirm", "");
    std::string action = root.Enum("action", "none", Names(kActions));
    for (const auto& [n, a] : kActions) {
      if (n == action) f.action = a;
    }
    root.Finish();
    for (const auto& l : errors.lines()) lines.push_back(fmt::format("{}: {}", name, l));
    if (flows.ById(f.id) != nullptr)
      lines.push_back(fmt::format("{}: duplicate flow id {}", name, f.id));
    flows.flows_.push_back(std::move(f));
  }
  if (!lines.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("{}", fmt::join(lines, "\n")));
  }
  return flows;
}

core::Result<Flows> Flows::LoadEmbedded() {
  std::vector<std::pair<std::string, std::string_view>> files;
  for (auto path : embedded::flows::List()) {
    files.emplace_back("dialogs/flows/" + std::string(path), *embedded::flows::Find(path));
  }
  return Parse(files);
}

const FlowSpec* Flows::ById(std::string_view id) const {
  for (const auto& f : flows_) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const FlowSpec* Flows::ForIntent(std::string_view intent) const {
  for (const auto& f : flows_) {
    for (const auto& i : f.intents) {
      if (i == intent) return &f;
    }
  }
  return nullptr;
}

}  // namespace gw::dialogs
