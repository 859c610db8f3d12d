// The dialog engine, pure: (dialog state, what the citizen said) -> (new state, replies, actions).
// The gateway performs the actions (call a backend, open a ticket, hand off) and asks the engine
// to word their outcomes. Nothing here does I/O or reads a clock: time comes in as `now`.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "dialogs/engine/dialog_state.hpp"
#include "dialogs/engine/flow.hpp"
#include "dialogs/nlu/extract.hpp"
#include "locales/catalog.hpp"

namespace gw::dialogs {

// What the NLU made of one message (computed by the caller: normalise, classify, extract).
struct Understanding {
  std::string text;  // as written, NFC
  std::string intent;
  float intent_confidence = 0;
  std::string procedure;  // "" for none
  float procedure_confidence = 0;
  nlu::Entities entities;
  // What is already known about the citizen (once-only principle): "phone", "email",
  // "full_name", "cccd"... Used to prefill a procedure's fields.
  std::map<std::string, std::string> known;
};

// One field of a procedure's submission form, from the catalogue.
struct ProcedureField {
  std::string name;
  SlotType type = SlotType::kText;
  std::string label;  // the question, in Vietnamese
  bool required = true;
  std::vector<ChoiceOption> options;
  int min_length = 0;
  int max_length = 500;
};

// What the engine needs to know of a procedure (the gateway adapts the routing catalogue).
struct ProcedureFacts {
  std::string slug;
  std::string code;
  std::string name;
  bool fully_online = true;
  std::string in_person;  // for a partly-online procedure: what must be done in person
  std::string where;      // where to go / who resolves it
  std::vector<std::string> documents;
  std::string fees;
  std::string processing_time;
  std::vector<ProcedureField> fields;
  bool commune_level =
      false;  // resolved by the commune (xã, phường): the citizen's commune decides who
};

class ProcedureDirectory {
 public:
  virtual ~ProcedureDirectory() = default;
  virtual const ProcedureFacts* BySlug(std::string_view slug) const = 0;
  // A procedure named in free text ("khai sinh", "lam ho chieu"), by its name's words; or null.
  virtual const ProcedureFacts* Match(std::string_view text) const = 0;
  // The communes a citizen of this agency's province may name (ids are locality codes); empty
  // when routing is not configured, and then no commune is asked.
  virtual std::vector<ChoiceOption> Communes() const { return {}; }
  // When another agency is competent for `slug` in `commune`: its name and how to reach it.
  virtual std::optional<std::string> OtherCompetentAgency(std::string_view /*slug*/,
                                                          std::string_view /*commune*/) const {
    return std::nullopt;
  }
};

enum class ActionKind {
  kLookupDossier,  // params: dossier_code
  kSubmitDossier,  // params: procedure, procedure_code, field:<name>...
  kSupplement,     // params: dossier_code, content
  kWithdraw,       // params: dossier_code, reason
  kFileComplaint,  // params: content, dossier_code?
  kRecordRating,   // params: score, comment?
  kSubscribe,      // params: channel
  kUnsubscribe,    // params: channel
  kHandOff,        // the conversation moves to the officer inbox
};

struct Action {
  ActionKind kind;
  std::map<std::string, std::string> params;
};

struct Turn {
  DialogState state;
  std::vector<core::Reply> replies;
  std::vector<Action> actions;
};

// How an action went, so the engine can word the answer.
struct ActionOutcome {
  enum class Status { kOk, kNotFound, kRefused, kQueued, kFailed };
  ActionKind kind = ActionKind::kLookupDossier;
  Status status = Status::kOk;
  // kOk data by action: lookup: dossier_code, procedure, status, due_date, history (lines
  // "YYYY-MM-DD|status|note"), result; submit: dossier_code, due_date; complaint: ticket,
  // due_date; refusals: reason; queued: why.
  std::map<std::string, std::string> data;
};

struct EngineSettings {
  std::chrono::milliseconds idle_timeout{std::chrono::minutes(30)};
  float intent_threshold = 0.5F;  // below: ask, never guess
  float procedure_threshold = 0.5F;
  std::string agency_name;
  std::string hotline;
  std::string officer_wait;  // "trong giờ hành chính, thường dưới 30 phút"
  int complaint_days = 10;   // working days to answer a complaint
};

class Engine {
 public:
  // All references must outlive the engine.
  Engine(const Flows& flows, const locales::Catalog& texts, const ProcedureDirectory& procedures,
         EngineSettings settings);

  // One citizen message. Never throws; every refusal carries a reason code.
  Turn Handle(DialogState state, const Understanding& in, core::TimePoint now) const;

  // The replies that report an action's outcome to the citizen.
  std::vector<core::Reply> DescribeOutcome(const ActionOutcome& outcome) const;

  const locales::Catalog& texts() const { return texts_; }

 private:
  Turn StartFlow(DialogState state, const FlowSpec& flow, const Understanding& in) const;
  Turn Continue(DialogState state, const Understanding& in) const;
  Turn Advance(DialogState state, const FlowSpec& flow, const Understanding* prefill_from) const;
  Turn Complete(DialogState state, const FlowSpec& flow) const;
  Turn AskCurrent(DialogState state, const FlowSpec& flow, std::vector<core::Reply> before) const;
  Turn Refuse(DialogState state, core::ReasonCode code, std::string text,
              std::vector<core::ReplyOption> options) const;
  Turn Menu(DialogState state, std::string_view key) const;
  Turn HandOff(DialogState state) const;
  core::Reply ProcedureInfo(const ProcedureFacts& p) const;
  std::vector<core::ReplyOption> MenuOptions() const;
  std::vector<SlotSpec> SlotsOf(const FlowSpec& flow, const DialogState& state) const;

  const Flows& flows_;
  const locales::Catalog& texts_;
  const ProcedureDirectory& procedures_;
  EngineSettings settings_;
};

}  // namespace gw::dialogs
