// Officers' actions on a conversation (reply, note, assign, close, hand back), each in one
// write with its audit row.
#include "gateway/inbox/inbox_store.hpp"

#include <functional>

#include "gateway/delivery/outbound_codec.hpp"
#include "gateway/inbox/inbox_store_internal.hpp"
#include "gateway/store/message_log.hpp"

namespace gw::gateway::inbox {

using namespace detail;

namespace detail {

std::optional<ConvRow> FindScoped(Db& db, const std::string& agency, std::int64_t id) {
  Stmt& s = db.Prepare(
      "SELECT c.status, c.channel, k.address, c.citizen_id, c.contact_id FROM conversations c "
      "JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?1 AND c.agency_code = ?2");
  s.Bind(1, id).Bind(2, agency);
  if (!s.Step()) return std::nullopt;
  ConvRow r{s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4)};
  s.Reset();
  return r;
}

}  // namespace detail

namespace {

// The officers' part of the conversation ends (closed or back to the bot): the SLA cycle stops.
void MarkResolved(Db& db, std::int64_t conversation, std::int64_t now) {
  db.Prepare(
        "UPDATE inbox_sla SET resolved_at = coalesce(resolved_at, ?1) WHERE conversation_id = ?2")
      .Bind(1, now)
      .Bind(2, conversation)
      .Run();
}

// One officer action on a conversation, in one write: find it within `agency` (another agency's
// reads as absent), refuse a closed one when `open_only`, apply `change`, write the audit row.
// `change` may refuse (an outcome other than kOk) before it writes anything: then nothing is
// audited either.
core::Result<Outcome> ActChecked(
    store::SqliteStore& db_store, const core::Clock& clock, const std::string& agency,
    std::int64_t conversation, bool open_only, const Audit& audit,
    const std::function<Outcome(Db&, const ConvRow&, std::int64_t now)>& change) {
  Outcome outcome = Outcome::kOk;
  const std::int64_t now = Ms(clock.Now());
  auto st = db_store.RunWrite([&](Db& db) {
    auto conv = FindScoped(db, agency, conversation);
    if (!conv) return void(outcome = Outcome::kNotFound);
    if (open_only && conv->status == "closed") return void(outcome = Outcome::kClosed);
    outcome = change(db, *conv, now);
    if (outcome == Outcome::kOk) WriteAudit(db, audit, now);
  });
  if (!st.ok()) return st.error();
  return outcome;
}

core::Result<Outcome> Act(
    store::SqliteStore& db_store, const core::Clock& clock, const std::string& agency,
    std::int64_t conversation, bool open_only, const Audit& audit,
    const std::function<void(Db&, const ConvRow&, std::int64_t now)>& change) {
  return ActChecked(db_store, clock, agency, conversation, open_only, audit,
                    [&](Db& db, const ConvRow& conv, std::int64_t now) {
                      change(db, conv, now);
                      return Outcome::kOk;
                    });
}

// The citizen's address on `channel`: the conversation's own contact on its channel, else the
// citizen's oldest contact on it (merged contacts included); nullopt when there is none.
std::optional<std::string> ContactOn(Db& db, const ConvRow& conv, std::string_view channel) {
  if (channel == conv.channel) return conv.address;
  Stmt& k = db.Prepare(
      "SELECT address FROM contacts WHERE citizen_id = ?1 AND channel = ?2 ORDER BY id LIMIT 1");
  k.Bind(1, conv.citizen_id).Bind(2, channel);
  std::optional<std::string> out;
  if (k.Step()) out = k.Text(0);
  k.Reset();
  return out;
}

// An outbox "reply" to `to` for the officer's message just inserted (its id is the idempotency
// key). E-mail on an e-mail conversation answers the citizen's latest mail (In-Reply-To); the
// dispatcher fills the subject.
void QueueOfficerReply(Db& db, const ConvRow& conv, const core::Contact& to,
                       std::int64_t conversation, std::int64_t message_id, const std::string& text,
                       const std::optional<std::string>& reason_code, std::int64_t now) {
  core::OutboundMessage out;
  out.to = to;
  out.text = text;
  if (reason_code) {
    if (auto code = core::ParseReasonCode(*reason_code)) out.rejection.emplace(*code, text);
  }
  Stmt& last = db.Prepare(
      "SELECT provider_message_id FROM messages WHERE conversation_id = ?1 AND direction = 'in' "
      "AND provider_message_id IS NOT NULL ORDER BY id DESC LIMIT 1");
  last.Bind(1, conversation);
  if (last.Step() && conv.channel == "email" && to.channel == core::ChannelKind::kEmail) {
    out.in_reply_to = last.Text(0);
  }
  last.Reset();
  Stmt& agency = db.Prepare("SELECT agency_code FROM conversations WHERE id = ?1");
  agency.Bind(1, conversation);
  std::optional<std::string> agency_code;
  if (agency.Step()) agency_code = agency.OptText(0);
  agency.Reset();
  db.Prepare(
        "INSERT INTO outbox (kind, idempotency_key, request_hash, payload, state, created_at, "
        "agency_code) VALUES ('reply', ?1, ?1, ?2, 'pending', ?3, ?4)")
      .Bind(1, "officer-reply-" + std::to_string(message_id))
      .Bind(2, delivery::EncodeOutbound(out))
      .Bind(3, now)
      .Bind(4, agency_code)
      .Run();
}

}  // namespace

core::Result<Outcome> InboxStore::AppendOfficerMessage(
    const std::string& agency, std::int64_t conversation, std::int64_t officer_id,
    const std::string& text, const std::optional<std::string>& reason_code, const Audit& audit,
    const std::optional<core::ChannelKind>& via) {
  return ActChecked(
      db_, clock_, agency, conversation, true, audit,
      [&](Db& db, const ConvRow& conv, std::int64_t now) {
        const std::string channel = via ? std::string(core::ChannelName(*via)) : conv.channel;
        const auto address = ContactOn(db, conv, channel);
        if (!address) return Outcome::kNoContact;
        Json payload{{"text", text}, {"officer_id", officer_id}};
        if (reason_code) payload["reason_code"] = *reason_code;
        const std::int64_t seq = store::AppendToLog(
            db, store::LogEntry{"out", channel, "caunoi", "officer:" + std::to_string(officer_id),
                                *address, now, now, "application/json",
                                payload.dump(-1, ' ', false, Json::error_handler_t::replace)});
        db.Prepare(
              "INSERT INTO messages (conversation_id, direction, channel, text, reason_code, "
              "log_seq, at) VALUES (?1, 'out', ?2, ?3, ?4, ?5, ?6)")
            .Bind(1, conversation)
            .Bind(2, channel)
            .Bind(3, text)
            .Bind(4, reason_code)
            .Bind(5, seq)
            .Bind(6, now)
            .Run();
        const std::int64_t message_id = db.LastInsertId();
        db.Prepare(
              "UPDATE conversations SET last_message_at = ?1, status = 'officer', "
              "assigned_officer_id = coalesce(assigned_officer_id, ?2) WHERE id = ?3")
            .Bind(1, now)
            .Bind(2, officer_id)
            .Bind(3, conversation)
            .Run();
        // The app conversation itself is what the app reads. Anything else leaves by a separate
        // send, queued for the dispatcher in this transaction: stored means it will leave (or
        // become a dead letter officers see). That includes an app reply from another channel's
        // conversation: the dispatcher's app route puts it in the citizen's app conversation.
        if (channel != "app" || conv.channel != "app") {
          const core::Contact to{core::ParseChannel(channel).value_or(core::ChannelKind::kSms),
                                 *address};
          QueueOfficerReply(db, conv, to, conversation, message_id, text, reason_code, now);
        }
        // The trigger inbox_sla_start opened the SLA cycle if the bot had the conversation.
        db.Prepare(
              "UPDATE inbox_sla SET first_response_at = coalesce(first_response_at, ?1) "
              "WHERE conversation_id = ?2")
            .Bind(1, now)
            .Bind(2, conversation)
            .Run();
        return Outcome::kOk;
      });
}

core::Result<Outcome> InboxStore::AddNote(const std::string& agency, std::int64_t conversation,
                                          std::int64_t officer_id, const std::string& text,
                                          const Audit& audit) {
  // Notes are allowed on closed conversations too (an officer may document after closing).
  return Act(db_, clock_, agency, conversation, false, audit,
             [&](Db& db, const ConvRow&, std::int64_t now) {
               db.Prepare(
                     "INSERT INTO inbox_notes (conversation_id, officer_id, text, at) "
                     "VALUES (?1, ?2, ?3, ?4)")
                   .Bind(1, conversation)
                   .Bind(2, officer_id)
                   .Bind(3, text)
                   .Bind(4, now)
                   .Run();
             });
}

core::Result<Outcome> InboxStore::Assign(const std::string& agency, std::int64_t conversation,
                                         std::int64_t officer_id, const Audit& audit) {
  return Act(db_, clock_, agency, conversation, true, audit,
             [&](Db& db, const ConvRow& conv, std::int64_t now) {
               db.Prepare(
                     "UPDATE conversations SET assigned_officer_id = ?1, status = 'officer' "
                     "WHERE id = ?2")
                   .Bind(1, officer_id)
                   .Bind(2, conversation)
                   .Run();
               // Taken from the bot: nobody asked for an officer, so the clock starts now
               // (the trigger started it at the citizen's last message).
               if (conv.status == "bot") {
                 db.Prepare("UPDATE inbox_sla SET started_at = ?1 WHERE conversation_id = ?2")
                     .Bind(1, now)
                     .Bind(2, conversation)
                     .Run();
               }
             });
}

core::Result<Outcome> InboxStore::Close(const std::string& agency, std::int64_t conversation,
                                        const Audit& audit) {
  return Act(
      db_, clock_, agency, conversation, true, audit,
      [&](Db& db, const ConvRow&, std::int64_t now) {
        db.Prepare("UPDATE conversations SET status = 'closed', closed_at = ?1 WHERE id = ?2")
            .Bind(1, now)
            .Bind(2, conversation)
            .Run();
        MarkResolved(db, conversation, now);
      });
}

core::Result<Outcome> InboxStore::HandBack(const std::string& agency, std::int64_t conversation,
                                           const Audit& audit) {
  return Act(db_, clock_, agency, conversation, true, audit,
             [&](Db& db, const ConvRow&, std::int64_t now) {
               db.Prepare(
                     "UPDATE conversations SET status = 'bot', dialog_state = NULL, "
                     "assigned_officer_id = NULL WHERE id = ?1")
                   .Bind(1, conversation)
                   .Run();
               MarkResolved(db, conversation, now);
             });
}

}  // namespace gw::gateway::inbox
