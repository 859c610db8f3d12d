// The officer inbox's reads and writes over the gateway's SQLite database (through SqliteStore's
// single group writer and pooled readers). Every write that an officer causes carries its audit
// record and commits in the same transaction, so an action is never recorded without its audit
// entry or the reverse. The members are defined one concern a file: inbox_store.cpp (conversation
// reads), action_store.cpp, officer_store.cpp, dashboard_store.cpp, escalation_store.cpp,
// canned_store.cpp, totp_store.cpp, merge_store.cpp, attachment_store.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "gateway/inbox/inbox_config.hpp"
#include "gateway/inbox/sla.hpp"
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

// What an action found: kOk, or why it did nothing (kConflict: a canned reply's title is taken,
// a TOTP step already used, a merge already undone; kSameCitizen: a merge of a citizen with
// itself; kNoContact: a reply on a channel the citizen has no contact on).
enum class Outcome { kOk, kNotFound, kClosed, kConflict, kSameCitizen, kNoContact };

// A citizen's file as the inbox serves it (only kept files have bytes to serve).
struct AttachmentFile {
  std::string filename;
  std::string content_type;  // as stored; the route decides what to declare
  std::string bytes;
};

// An officer's second factor as stored: the sealed secret (see SecretBox), whether it was
// confirmed, and the last time step a code was accepted for.
struct TotpState {
  std::optional<std::string> sealed_secret;
  bool enabled = false;
  std::optional<std::int64_t> last_step;
};

// What accepting a TOTP code also does.
enum class TotpChange { kNone, kEnable, kDisable };

struct MergeOutcome {
  Outcome outcome = Outcome::kOk;
  std::int64_t merge_id = 0;
  std::int64_t moved_contacts = 0;
};

// One SLA breach escalated to the agency's supervisors.
struct Escalation {
  std::int64_t conversation_id = 0;
  std::string agency_code;
  std::string kind;            // "first_response", "resolution" or "complaint"
  std::int64_t ticket_id = 0;  // the complaint ticket, for kind "complaint"
};

// What a canned reply's variables are filled from, read within the agency.
struct TemplateContext {
  std::string citizen_name;  // empty when the citizen never gave one
  std::string dossier_code;  // the citizen's latest dossier or complaint's, or empty
};

// Writes one audit row inside another store's write job (an action taken through another
// module's store, e.g. resending a dead letter), so it commits with the action.
void AppendAudit(store::Db& db, const Audit& audit, core::TimePoint at);

class InboxStore {
 public:
  // `sla` must outlive this.
  InboxStore(store::SqliteStore& db, const core::Clock& clock, const SlaClock& sla)
      : db_(db), clock_(clock), sla_(sla) {}

  // Creates or updates the configured officers (by username); passwords are hashed here.
  core::Status SeedOfficers(const std::vector<SeedOfficer>& officers);

  core::Result<std::optional<Officer>> FindOfficer(const std::string& username);
  core::Result<std::optional<Officer>> FindOfficerById(std::int64_t id);
  core::Status RecordAudit(const Audit& audit);

  // Reads are scoped to `agency`: another agency's conversation reads as absent.
  core::Result<nlohmann::json> ListConversations(const std::string& agency, const ListFilter& f);
  core::Result<std::optional<nlohmann::json>> GetConversation(const std::string& agency,
                                                              std::int64_t id);
  // The supervisor dashboard of `agency`, or of every agency when nullopt (admins): counts by
  // channel, procedure and status; first-response and resolution times in office seconds
  // (median, p90) and on-time rates against the SLA; refusals by reason code; satisfaction per
  // channel and procedure.
  core::Result<nlohmann::json> Dashboard(const std::optional<std::string>& agency);
  // Inbound and outbound messages of `agency` with id > `after_id` (for live updates).
  core::Result<nlohmann::json> MessagesSince(const std::string& agency, std::int64_t after_id,
                                             int limit);
  core::Result<std::int64_t> LatestMessageId(const std::string& agency);

  // A kept file of a message in one of `agency`'s conversations; nullopt for another agency's,
  // a dropped one (no bytes) or none.
  core::Result<std::optional<AttachmentFile>> GetAttachment(const std::string& agency,
                                                            std::int64_t id);

  // Appends an officer's message to the conversation and to the data-message log; takes the
  // conversation out of the bot's hands and assigns it to `officer_id` when nobody has it.
  // `via` is the channel it leaves on (the conversation's own when nullopt): the citizen's
  // contact on that channel receives it, queued as an outbox "reply" in the same transaction
  // unless it is the app conversation itself (read in the app). kNoContact when the citizen has
  // no contact on `via`.
  core::Result<Outcome> AppendOfficerMessage(const std::string& agency, std::int64_t conversation,
                                             std::int64_t officer_id, const std::string& text,
                                             const std::optional<std::string>& reason_code,
                                             const Audit& audit,
                                             const std::optional<core::ChannelKind>& via = {});
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

  // Marks every SLA breach at `now` that is not escalated yet (all agencies), writes one audit
  // row each (officer_id NULL, action "sla_escalated"), in one transaction; returns them.
  core::Result<std::vector<Escalation>> EscalateOverdue(core::TimePoint now);

  // Canned replies of `agency` ({"items": [{id, title, body, updated_at}]}).
  core::Result<nlohmann::json> ListCanned(const std::string& agency);
  core::Result<std::optional<std::string>> CannedBody(const std::string& agency, std::int64_t id);
  // kConflict when another reply of the agency has the title. `id` gets the new row's id.
  core::Result<Outcome> CreateCanned(const std::string& agency, const std::string& title,
                                     const std::string& body, const Audit& audit, std::int64_t& id);
  core::Result<Outcome> UpdateCanned(const std::string& agency, std::int64_t id,
                                     const std::string& title, const std::string& body,
                                     const Audit& audit);
  core::Result<Outcome> DeleteCanned(const std::string& agency, std::int64_t id,
                                     const Audit& audit);
  core::Result<std::optional<TemplateContext>> Context(const std::string& agency,
                                                       std::int64_t conversation);
  store::SqliteStore& db() { return db_; }

  // TOTP: the officer's state (nullopt when there is no such officer).
  core::Result<std::optional<TotpState>> GetTotp(std::int64_t officer_id);
  // Keeps a new, unconfirmed secret (replacing an unconfirmed one); kConflict when TOTP is
  // already enabled (disable it first).
  core::Result<Outcome> SetPendingTotp(std::int64_t officer_id, const std::string& sealed,
                                       const Audit& audit);
  // Marks `step` used for the officer and applies `change`, in one write with `audit`, only if
  // the stored secret is still `sealed` (so a code checked against one secret never confirms
  // another enrolled meanwhile) and no step >= `step` was used before: kConflict otherwise (a
  // replay, or a race with another request using the same code).
  core::Result<Outcome> UseTotpStep(std::int64_t officer_id, const std::string& sealed,
                                    std::int64_t step, TotpChange change, const Audit& audit);

  // Contact merge: every contact of `from_conversation`'s citizen (and the conversations on them)
  // moves to `into_conversation`'s citizen; the move is recorded for an exact un-merge. kNotFound
  // unless both conversations are `agency`'s; kSameCitizen when they are one citizen already.
  core::Result<MergeOutcome> MergeCitizens(const std::string& agency,
                                           std::int64_t into_conversation,
                                           std::int64_t from_conversation, std::int64_t officer_id,
                                           const Audit& audit);
  // Puts back exactly the contacts merge `merge_id` moved (and the conversations on them).
  // kNotFound unless the conversation is `agency`'s and the merge, made in `agency`, is into its
  // citizen or moved its contact; kConflict when it was undone already or its contacts moved on
  // since (by a later merge: undo that one first).
  core::Result<Outcome> Unmerge(const std::string& agency, std::int64_t conversation,
                                std::int64_t merge_id, std::int64_t officer_id, const Audit& audit);

 private:
  store::SqliteStore& db_;
  const core::Clock& clock_;
  const SlaClock& sla_;
};

}  // namespace gw::gateway::inbox
