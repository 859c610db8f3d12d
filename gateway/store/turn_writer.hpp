// Writing a citizen's turn, and the row helpers the store's other writes share. Internal to the
// store: each function runs on the writer's connection inside its transaction (or on a reader).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/store.hpp"
#include "gateway/store/sqlite.hpp"

namespace gw::gateway::store {

// What of a turn's rows can be made before the writer takes it: the replies' options as stored
// (JSON), built on the caller's thread so the single writer does not spend its time on them.
struct TurnRows {
  std::vector<std::optional<std::string>> reply_options;  // one per reply, null without options
};
TurnRows PrepareTurnRows(const core::TurnRecord& turn);

// The turn's rows: contact and conversation, the inbound message and the replies with their
// data-message log records, attachments, dialog state and effects. `rows` from PrepareTurnRows.
core::TurnReceipt WriteTurn(Db& db, const core::TurnRecord& turn, const TurnRows& rows);

// A provider retry of a message already stored: the receipt of the first delivery, or nullopt.
std::optional<core::TurnReceipt> FindDuplicate(Db& db, const core::InboundMessage& m);

// Finds or creates the citizen and contact for the sender; returns {contact_id, citizen_id}.
std::pair<std::int64_t, std::int64_t> UpsertContact(Db& db, const core::InboundMessage& m);

// The contact's open conversation, or a new one (for `agency_code` when given).
std::int64_t OpenConversation(Db& db, std::int64_t contact_id, std::int64_t citizen_id,
                              const core::InboundMessage& m, const std::string& agency_code = "");

// Reply options as stored in messages.options (a JSON array of {id, label}).
std::string OptionsJson(const std::vector<core::ReplyOption>& options);
std::vector<core::ReplyOption> ParseOptions(const std::optional<std::string>& text);

}  // namespace gw::gateway::store
