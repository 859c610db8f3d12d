// The officer inbox's reads and writes over the gateway's SQLite database (through SqliteStore's
// single group writer and pooled readers). Every write that an officer causes carries its audit
// record and commits in the same transaction, so an action is never recorded without its audit
// entry or the reverse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "gateway/inbox/inbox_config.hpp"
#include "gateway/store/sqlite_store.hpp"

namespace gw::gateway::inbox {

struct Officer {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string agency_code;
  std::string role;
  std::string password_hash;
  bool disabled = false;
};

struct Audit {
  std::optional<std::int64_t> officer_id;
  std::string action;  // "login", "login_failed", "reply", "reject", ...
  std::string target;  // "conversation:12", "officer:3", ...
  std::string detail;  // never a message body: the body is in messages
  std::string remote_addr;
};

struct ListFilter {
  std::optional<std::string> channel;
  std::optional<std::string> status;
  std::optional<std::int64_t> assigned_to;
  bool overdue = false;
  std::optional<std::string> query;  // name, phone or dossier code (substring)
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

// What an action found: kOk, or why it did nothing.
enum class Outcome { kOk, kNotFound, kClosed };

class InboxStore {
 public:
  InboxStore(store::SqliteStore& db, const core::Clock& clock) : db_(db), clock_(clock) {}

  // Creates or updates the configured officers (by username); passwords are hashed here.
  core::Status SeedOfficers(const std::vector<SeedOfficer>& officers);

  core::Result<std::optional<Officer>> FindOfficer(const std::string& username);
  core::Result<std::optional<Officer>> FindOfficerById(std::int64_t id);
  core::Status RecordAudit(const Audit& audit);

  // Reads are scoped to `agency`: another agency's conversation reads as absent.
  core::Result<nlohmann::json> ListConversations(const std::string& agency, const ListFilter& f);
  core::Result<std::optional<nlohmann::json>> GetConversation(const std::string& agency,
                                                              std::int64_t id);
  core::Result<nlohmann::json> Dashboard(const std::string& agency);
  // Inbound and outbound messages of `agency` with id > `after_id` (for live updates).
  core::Result<nlohmann::json> MessagesSince(const std::string& agency, std::int64_t after_id,
                                             int limit);
  core::Result<std::int64_t> LatestMessageId(const std::string& agency);

  // Appends an officer's message to the conversation and to the data-message log; takes the
  // conversation out of the bot's hands and assigns it to `officer_id` when nobody has it.
  core::Result<Outcome> AppendOfficerMessage(const std::string& agency, std::int64_t conversation,
                                             std::int64_t officer_id, const std::string& text,
                                             const std::optional<std::string>& reason_code,
                                             const Audit& audit);
  core::Result<Outcome> AddNote(const std::string& agency, std::int64_t conversation,
                                std::int64_t officer_id, const std::string& text,
                                const Audit& audit);
  core::Result<Outcome> Assign(const std::string& agency, std::int64_t conversation,
                               std::int64_t officer_id, const Audit& audit);
  core::Result<Outcome> Close(const std::string& agency, std::int64_t conversation,
                              const Audit& audit);
  // Back to the bot: status 'bot', dialog state cleared so the next message starts afresh.
  core::Result<Outcome> HandBack(const std::string& agency, std::int64_t conversation,
                                 const Audit& audit);

 private:
  store::SqliteStore& db_;
  const core::Clock& clock_;
};

}  // namespace gw::gateway::inbox
