// Turn handling: global commands, intents to flows, slot filling, confirmation, completion.
#include "dialogs/engine/engine.hpp"

#include <fmt/format.h>

#include "dialogs/engine/commands.hpp"
#include "dialogs/engine/slots.hpp"

namespace gw::dialogs {
namespace {

constexpr std::string_view kFieldPrefix = "field:";
constexpr std::string_view kConfirmStep = "confirm";

// Single-turn intents answered without a flow.
bool IsMenuIntent(std::string_view intent) {
  return intent == "greeting" || intent == "help" || intent == "thanks";
}

}  // namespace

Engine::Engine(const Flows& flows, const locales::Catalog& texts,
               const ProcedureDirectory& procedures, EngineSettings settings)
    : flows_(flows), texts_(texts), procedures_(procedures), settings_(std::move(settings)) {}

std::vector<core::ReplyOption> Engine::MenuOptions() const {
  return {{"lookup", texts_.Format("option.lookup")},
          {"info", texts_.Format("option.info")},
          {"submit", texts_.Format("option.submit")},
          {"officer", texts_.Format("menu.option.officer")}};
}

Turn Engine::Menu(DialogState state, std::string_view key) const {
  state.flow.clear();
  state.step.clear();
  state.slots.clear();
  state.asked.clear();
  state.bad_answers = 0;
  core::Reply r;
  r.text = texts_.Format(key, {{"agency", settings_.agency_name}});
  r.options = MenuOptions();
  Turn t{std::move(state), {}, {}};
  t.replies.push_back(std::move(r));
  return t;
}

Turn Engine::HandOff(DialogState state) const {
  state = DialogState{};
  state.with_officer = true;
  core::Reply r;
  r.text = texts_.Format("handoff.notice",
                         {{"wait", settings_.officer_wait}, {"hotline", settings_.hotline}});
  Turn t{std::move(state), {}, {Action{ActionKind::kHandOff, {}}}};
  t.replies.push_back(std::move(r));
  return t;
}

Turn Engine::Refuse(DialogState state, core::ReasonCode code, std::string text,
                    std::vector<core::ReplyOption> options) const {
  core::Reply r;
  r.text = text;
  r.rejection.emplace(code, std::move(text));
  r.options = std::move(options);
  Turn t{std::move(state), {}, {}};
  t.replies.push_back(std::move(r));
  return t;
}

std::vector<SlotSpec> Engine::SlotsOf(const FlowSpec& flow, const DialogState& state) const {
  std::vector<SlotSpec> slots = flow.slots;
  if (!flow.procedure_fields) return slots;
  auto it = state.slots.find("procedure");
  if (it == state.slots.end()) return slots;
  const ProcedureFacts* p = procedures_.BySlug(it->second);
  if (p == nullptr) return slots;
  if (p->commune_level) {
    auto communes = procedures_.Communes();
    if (!communes.empty()) {
      // Who is competent depends on the citizen's commune (NĐ 118/2025): ask it first.
      SlotSpec commune;
      commune.name = "commune";
      commune.type = SlotType::kChoice;
      commune.prompt_key = "submit.ask_commune";
      commune.expected_key = "expected.choice";
      commune.options = std::move(communes);
      commune.prefill = true;
      slots.push_back(std::move(commune));
    }
  }
  for (const auto& f : p->fields) {
    SlotSpec s;
    s.name = std::string(kFieldPrefix) + f.name;
    s.type = f.type;
    s.prompt_key = f.label;  // a literal question from the catalogue, not a locale key
    s.required = f.required;
    s.options = f.options;
    s.min_length = f.min_length;
    s.max_length = f.max_length;
    s.prefill = true;
    switch (f.type) {
      case SlotType::kDossierCode:
        s.expected_key = "expected.dossier_code";
        break;
      case SlotType::kPhone:
        s.expected_key = "expected.phone";
        break;
      case SlotType::kCccd:
        s.expected_key = "expected.cccd";
        break;
      case SlotType::kDate:
        s.expected_key = "expected.date";
        break;
      case SlotType::kEmail:
        s.expected_key = "expected.email";
        break;
      case SlotType::kChoice:
        s.expected_key = "expected.choice";
        break;
      default:
        s.expected_key = "expected.text";
        break;
    }
    slots.push_back(std::move(s));
  }
  return slots;
}

Turn Engine::Handle(DialogState state, const Understanding& in, core::TimePoint now) const {
  std::vector<core::Reply> notes;
  if (state.with_officer) {
    // Handed off: officers answer; the bot stays quiet until an officer hands back.
    state.updated_at = now;
    return Turn{std::move(state), {}, {}};
  }
  if (!state.idle() && now - state.updated_at > settings_.idle_timeout) {
    state = DialogState{};
    core::Reply note;
    note.text = texts_.Format("session.expired");
    notes.push_back(std::move(note));
  }
  Understanding input = in;
  std::string simple = Simplify(input.text);
  // A number picks one of the options last offered (SMS and the hotline keypad have no buttons).
  if (!state.offered.empty() && simple.size() == 1 && simple[0] >= '1' && simple[0] <= '9') {
    std::size_t i = static_cast<std::size_t>(simple[0] - '1');
    if (i < state.offered.size()) {
      input.text = state.offered[i];
      simple = Simplify(input.text);
    }
  }
  state.offered.clear();

  Turn turn;
  switch (ParseGlobalCommand(simple)) {
    case GlobalCommand::kCancel:
      turn = Menu(state, state.idle() ? "cancel.nothing" : "cancel.done");
      break;
    case GlobalCommand::kBack: {
      const FlowSpec* flow = flows_.ById(state.flow);
      if (flow == nullptr || state.asked.size() < 2) {
        turn = Menu(state, "back.to_menu");
        break;
      }
      state.asked.pop_back();  // the step being asked now
      const std::string previous = state.asked.back();
      state.asked.pop_back();  // AskCurrent pushes it again
      state.slots.erase(previous);
      state.step = previous;
      state.bad_answers = 0;
      turn = AskCurrent(std::move(state), *flow, {});
      break;
    }
    case GlobalCommand::kMenu:
      turn = Menu(state, "menu.greeting");
      break;
    case GlobalCommand::kHelp:
      turn = Menu(state, "menu.capabilities");
      break;
    case GlobalCommand::kOfficer:
      turn = HandOff(std::move(state));
      break;
    case GlobalCommand::kNone:
      if (!state.idle()) {
        turn = Continue(std::move(state), input);
      } else if (simple == "lookup" || simple == "info" || simple == "submit") {
        // Menu buttons send their ids.
        const char* flow_id = simple == "lookup" ? "lookup"
                              : simple == "info" ? "procedure_info"
                                                 : "submit";
        turn = StartFlow(std::move(state), *flows_.ById(flow_id), Understanding{});
      } else if (ParseYesNo(simple) != YesNo::kNone) {
        // A bare yes or no with no question pending is not a request: ask what they need.
        turn = Menu(std::move(state), "menu.not_understood");
      } else if (simple == "capabilities") {
        turn = Menu(std::move(state), "menu.capabilities");
      } else if (input.intent.empty() || input.intent_confidence < settings_.intent_threshold) {
        // Never a guess presented as fact: ask, and after two misses offer an officer.
        state.bad_answers++;
        turn =
            Menu(state, state.bad_answers >= 2 ? "clarify.offer_officer" : "menu.not_understood");
        turn.state.bad_answers = state.bad_answers;
      } else if (IsMenuIntent(input.intent)) {
        turn = Menu(std::move(state), input.intent == "greeting" ? "menu.greeting"
                                      : input.intent == "help"   ? "menu.capabilities"
                                                                 : "menu.thanks");
      } else if (input.intent == "human") {
        turn = HandOff(std::move(state));
      } else if (input.intent == "out_of_scope") {
        turn = Refuse(std::move(state), core::ReasonCode::kOutOfScope,
                      texts_.Format("reason.out_of_scope"), MenuOptions());
      } else if (const FlowSpec* flow = flows_.ForIntent(input.intent)) {
        turn = StartFlow(std::move(state), *flow, input);
      } else {
        turn = Menu(std::move(state), "menu.not_understood");
      }
      break;
  }
  turn.state.updated_at = now;
  for (const auto& r : turn.replies) {
    for (const auto& o : r.options) turn.state.offered.push_back(o.id);
  }
  notes.insert(notes.end(), turn.replies.begin(), turn.replies.end());
  turn.replies = std::move(notes);
  return turn;
}

Turn Engine::StartFlow(DialogState state, const FlowSpec& flow, const Understanding& in) const {
  state.flow = flow.id;
  state.step.clear();
  state.slots.clear();
  state.asked.clear();
  state.bad_answers = 0;
  return Advance(std::move(state), flow, &in);
}

Turn Engine::Advance(DialogState state, const FlowSpec& flow,
                     const Understanding* prefill_from) const {
  // Fill what the first message already says, then ask the first slot still empty.
  for (;;) {
    // Once the commune is known, a request another agency must handle stops here, naming it.
    auto commune = state.slots.find("commune");
    if (commune != state.slots.end() && flow.action == FlowAction::kSubmitDossier) {
      if (auto other =
              procedures_.OtherCompetentAgency(state.slots["procedure"], commune->second)) {
        std::string text =
            texts_.Format("reason.wrong_jurisdiction",
                          {{"agency", settings_.agency_name}, {"right_agency", *other}});
        return Refuse(DialogState{}, core::ReasonCode::kWrongJurisdiction, std::move(text),
                      {{"menu", texts_.Format("menu.option.menu")}});
      }
    }
    const auto slots = SlotsOf(flow, state);
    const SlotSpec* next = nullptr;
    for (const auto& s : slots) {
      if (!state.slots.contains(s.name)) {
        next = &s;
        break;
      }
    }
    if (next == nullptr) break;
    std::optional<std::string> value;
    if (prefill_from != nullptr)
      value = PrefillSlot(*next, *prefill_from, procedures_, settings_.procedure_threshold);
    if (!value && next->name.starts_with(kFieldPrefix) && prefill_from != nullptr) {
      // Once-only: what the citizen gave before (or the channel tells us) is not asked again.
      auto known = prefill_from->known.find(next->name.substr(kFieldPrefix.size()));
      if (known != prefill_from->known.end()) value = known->second;
    }
    if (!value) {
      state.step = next->name;
      return AskCurrent(std::move(state), flow, {});
    }
    state.slots[next->name] = *value;
    if (next->type == SlotType::kProcedure && flow.action == FlowAction::kSubmitDossier) {
      const ProcedureFacts* p = procedures_.BySlug(*value);
      if (p != nullptr && !p->fully_online) {
        // NĐ 137/2024: a procedure that is not fully online is explained, with what to do in
        // person and where; it cannot be completed on this channel.
        std::string text =
            texts_.Format("reason.not_fully_online") + " " +
            texts_.Format("submit.in_person",
                          {{"name", p->name}, {"in_person", p->in_person}, {"where", p->where}});
        return Refuse(DialogState{}, core::ReasonCode::kNotFullyOnline, std::move(text),
                      {{"officer", texts_.Format("menu.option.officer")},
                       {"menu", texts_.Format("menu.option.menu")}});
      }
    }
  }
  if (!flow.confirm_key.empty() && state.step != kConfirmStep) {
    state.step = std::string(kConfirmStep);
    return AskCurrent(std::move(state), flow, {});
  }
  return Complete(std::move(state), flow);
}

Turn Engine::AskCurrent(DialogState state, const FlowSpec& flow,
                        std::vector<core::Reply> before) const {
  core::Reply ask;
  if (state.step == kConfirmStep) {
    std::string summary;
    const auto slots = SlotsOf(flow, state);
    for (const auto& s : slots) {
      auto it = state.slots.find(s.name);
      if (it == state.slots.end() || it->second.empty()) continue;
      std::string label =
          s.name.starts_with(kFieldPrefix) ? s.prompt_key : texts_.Format("slot." + s.name);
      std::string value = it->second;
      if (s.type == SlotType::kProcedure) {
        if (const auto* p = procedures_.BySlug(value)) value = p->name;
      } else if (s.type == SlotType::kChoice) {
        for (const auto& o : s.options) {
          if (o.id == value) value = o.label_key.empty() ? o.label : texts_.Format(o.label_key);
        }
      } else if (s.type == SlotType::kDate && value.size() == 10) {
        value =
            value.substr(8, 2) + "/" + value.substr(5, 2) + "/" + value.substr(0, 4);  // dd/mm/yyyy
      }
      summary += fmt::format("\n• {}: {}", label, value);
    }
    ask.text = texts_.Format(flow.confirm_key, {{"summary", summary}});
    ask.options = {{"yes", texts_.Format("option.yes")}, {"no", texts_.Format("option.no")}};
  } else {
    const auto slots = SlotsOf(flow, state);
    for (const auto& s : slots) {
      if (s.name != state.step) continue;
      ask.text = s.name.starts_with(kFieldPrefix) ? s.prompt_key : texts_.Format(s.prompt_key);
      for (const auto& o : s.options) {
        ask.options.push_back({o.id, o.label_key.empty() ? o.label : texts_.Format(o.label_key)});
      }
      if (!s.required) ask.options.push_back({"bo qua", texts_.Format("option.skip")});
    }
  }
  if (state.asked.empty() || state.asked.back() != state.step) state.asked.push_back(state.step);
  before.push_back(std::move(ask));
  return Turn{std::move(state), std::move(before), {}};
}

Turn Engine::Continue(DialogState state, const Understanding& in) const {
  const FlowSpec* flow = flows_.ById(state.flow);
  if (flow == nullptr) return Menu(DialogState{}, "menu.greeting");  // a flow removed since
  if (state.step == kConfirmStep) {
    switch (ParseYesNo(Simplify(in.text))) {
      case YesNo::kYes:
        return Complete(std::move(state), *flow);
      case YesNo::kNo:
        return Menu(std::move(state), "cancel.done");
      case YesNo::kNone: {
        state.bad_answers++;
        core::Reply hint;
        hint.text = texts_.Format("confirm.hint");
        return AskCurrent(std::move(state), *flow, {std::move(hint)});
      }
    }
  }
  const auto slots = SlotsOf(*flow, state);
  const SlotSpec* slot = nullptr;
  for (const auto& s : slots) {
    if (s.name == state.step) slot = &s;
  }
  if (slot == nullptr) return Advance(std::move(state), *flow, nullptr);
  SlotAnswer answer = ValidateSlot(*slot, in, procedures_, settings_.procedure_threshold);
  if (answer.skipped) {
    state.slots[slot->name] = "";
    state.bad_answers = 0;
    return Advance(std::move(state), *flow, nullptr);
  }
  if (answer.value) {
    state.slots[slot->name] = *answer.value;
    state.bad_answers = 0;
    return Advance(std::move(state), *flow, nullptr);
  }
  // A bad answer: say why and what form is expected, ask again; after two, offer an officer.
  state.bad_answers++;
  std::vector<core::ReplyOption> options;
  if (state.bad_answers >= 2) {
    options = {{"officer", texts_.Format("menu.option.officer")},
               {"huy", texts_.Format("option.cancel")}};
  }
  core::Reply refusal;
  if (answer.unknown_procedure) {
    refusal.text = texts_.Format("reason.unknown_procedure");
    refusal.rejection.emplace(core::ReasonCode::kUnknownProcedure, refusal.text);
  } else {
    refusal.text = texts_.Format(
        "reason.invalid_input",
        {{"expected",
          texts_.Format(slot->expected_key.empty() ? "expected.text" : slot->expected_key)}});
    refusal.rejection.emplace(core::ReasonCode::kInvalidInput, refusal.text);
  }
  refusal.options = std::move(options);
  Turn t = AskCurrent(std::move(state), *flow, {std::move(refusal)});
  if (t.state.bad_answers >= 2) {
    // The officer offer goes on the question so it is the last thing the citizen sees.
    auto& last = t.replies.back();
    last.options.insert(last.options.end(), t.replies.front().options.begin(),
                        t.replies.front().options.end());
    t.replies.front().options.clear();
  }
  return t;
}

Turn Engine::Complete(DialogState state, const FlowSpec& flow) const {
  std::map<std::string, std::string> params;
  for (const auto& [k, v] : state.slots) params[k] = v;
  Turn t{DialogState{}, {}, {}};
  auto act = [&](ActionKind kind) { t.actions.push_back(Action{kind, params}); };
  switch (flow.action) {
    case FlowAction::kNone: {
      const ProcedureFacts* p = procedures_.BySlug(state.slots["procedure"]);
      if (p == nullptr) return Menu(DialogState{}, "menu.not_understood");
      t.replies.push_back(ProcedureInfo(*p));
      break;
    }
    case FlowAction::kLookupDossier:
      act(ActionKind::kLookupDossier);
      break;
    case FlowAction::kSubmitDossier: {
      if (const ProcedureFacts* p = procedures_.BySlug(state.slots["procedure"])) {
        params["procedure_code"] = p->code;
        params["procedure_name"] = p->name;
      }
      act(ActionKind::kSubmitDossier);
      break;
    }
    case FlowAction::kSupplement:
      act(ActionKind::kSupplement);
      break;
    case FlowAction::kWithdraw:
      act(ActionKind::kWithdraw);
      break;
    case FlowAction::kFileComplaint:
      act(ActionKind::kFileComplaint);
      break;
    case FlowAction::kRecordRating:
      act(ActionKind::kRecordRating);
      break;
    case FlowAction::kSubscribe:
      act(ActionKind::kSubscribe);
      break;
    case FlowAction::kUnsubscribe:
      act(ActionKind::kUnsubscribe);
      break;
  }
  return t;
}

}  // namespace gw::dialogs
