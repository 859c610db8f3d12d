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

// The replies' options as stored in messages.options (a JSON array of {id, label}), one per
// reply, null for a reply without options. Built by the caller before it submits its job, so the
// single writer does not spend its time on JSON.
using ReplyOptionsRows = std::vector<std::optional<std::string>>;
ReplyOptionsRows OptionsJsonPerReply(const std::vector<core::Reply>& replies);

// The turn's rows: contact and conversation, the inbound message and the replies with their
// data-message log records, attachments, dialog state and effects. `options` from
// OptionsJsonPerReply(turn.replies).
core::TurnReceipt WriteTurn(Db& db, const core::TurnRecord& turn, const ReplyOptionsRows& options);

// A provider retry of a message already stored: the receipt of the first delivery, or nullopt.
// An empty provider id is never a retry.
std::optional<core::TurnReceipt> FindDuplicate(Db& db, core::ChannelKind channel,
                                               const std::string& provider_message_id);

// Finds or creates the citizen and contact for the sender; returns {contact_id, citizen_id}.
std::pair<std::int64_t, std::int64_t> UpsertContact(Db& db, const core::InboundMessage& m);

// The contact's open conversation, or a new one (for `agency_code` when given).
std::int64_t OpenConversation(Db& db, std::int64_t contact_id, std::int64_t citizen_id,
                              const core::InboundMessage& m, const std::string& agency_code = "");

// Reply options as stored in messages.options (a JSON array of {id, label}), read back.
std::vector<core::ReplyOption> ParseOptions(const std::optional<std::string>& text);

}  // namespace gw::gateway::store
