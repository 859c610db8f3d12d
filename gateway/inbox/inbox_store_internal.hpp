// Helpers shared by the files that define InboxStore (inbox_store.cpp, action_store.cpp, ...);
// not for use outside them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "gateway/inbox/inbox_store.hpp"
#include "gateway/store/sqlite.hpp"

namespace gw::gateway::inbox::detail {

using store::Db;
using store::Stmt;
using Json = nlohmann::json;

inline std::int64_t Ms(core::TimePoint t) {
  return core::ToUnixMillis(t);
}

inline std::optional<std::int64_t> OptInt(Stmt& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.Int(col);
}

// One audit row, in the caller's write job. Defined in officer_store.cpp.
void WriteAudit(Db& db, const Audit& a, std::int64_t at);

struct ConvRow {
  std::string status;
  std::string channel;
  std::string address;
  std::int64_t citizen_id = 0;
  std::int64_t contact_id = 0;
};

// The conversation if it belongs to `agency`; the scope check every action goes through.
// Defined in action_store.cpp.
std::optional<ConvRow> FindScoped(Db& db, const std::string& agency, std::int64_t id);

// Adds "attachments" to each message of `messages` (all of one conversation): what the citizen
// sent with it, kept ({id, filename, content_type, size}) or dropped (with "dropped_reason" and
// no id to download). Never the bytes. Defined in attachment_store.cpp.
void AddAttachments(Db& db, std::int64_t conversation, Json& messages);

// Merges into `citizen` made in `agency` and not undone: what an officer may un-merge here.
// Defined in merge_store.cpp.
Json ActiveMerges(Db& db, const std::string& agency, std::int64_t citizen);

}  // namespace gw::gateway::inbox::detail
