// Writing a citizen's turn in the writer's transaction: contact, conversation, messages with
// their data-message log records, attachments, and the turn's local effects.
#include "gateway/store/turn_writer.hpp"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "gateway/delivery/outbound_codec.hpp"
#include "gateway/store/message_log.hpp"

namespace gw::gateway::store {
namespace {

core::Reply ReplyFromRow(std::string text, const std::optional<std::string>& reason,
                         const std::optional<std::string>& options) {
  core::Reply r;
  r.text = std::move(text);
  if (reason) {
    if (auto code = core::ParseReasonCode(*reason)) r.rejection.emplace(*code, r.text);
  }
  r.options = ParseOptions(options);
  return r;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    throw SqliteError(SQLITE_ERROR, "SHA-256 failed for an attachment");
  }
  return ToHex(std::string_view(reinterpret_cast<const char*>(digest), len));
}

// The files sent with the inbound message, beside it: kept ones with their bytes and digest,
// dropped ones with why and no bytes.
void WriteAttachments(Db& db, std::int64_t message_id, const std::vector<core::Attachment>& all) {
  for (const core::Attachment& a : all) {
    const bool kept = a.dropped_reason.empty();
    Stmt& s = db.Prepare(
        "INSERT INTO attachments (message_id, filename, content_type, size, sha256, bytes, "
        "dropped_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.Bind(1, message_id)
        .Bind(2, a.filename)
        .Bind(3, a.content_type)
        .Bind(4, static_cast<std::int64_t>(kept ? a.bytes.size() : a.size))
        .Bind(5, kept ? std::optional<std::string>(Sha256Hex(a.bytes)) : std::nullopt)
        .Bind(7, kept ? std::optional<std::string>() : a.dropped_reason);
    if (kept) {
      s.BindBlob(6, a.bytes);
    } else {
      s.BindNull(6);
    }
    s.Run();
  }
}

// The turn's local effects, in the turn's own transaction.
void WriteEffects(Db& db, const core::TurnRecord& t, const core::TurnReceipt& r,
                  const std::string& channel, std::int64_t now) {
  if (t.rating) {
    db.Prepare(
          "INSERT INTO ratings (conversation_id, citizen_id, channel, procedure_code, score, "
          "comment, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .Bind(1, r.conversation_id)
        .Bind(2, r.citizen_id)
        .Bind(3, channel)
        .Bind(4, t.rating->procedure_code.empty() ? std::optional<std::string>()
                                                  : t.rating->procedure_code)
        .Bind(5, t.rating->score)
        .Bind(6, t.rating->comment.empty() ? std::optional<std::string>() : t.rating->comment)
        .Bind(7, now)
        .Run();
  }
  for (const auto& sub : t.subscriptions) {
    db.Prepare(
          "INSERT INTO notification_preferences (citizen_id, channel, opted_in, updated_at) "
          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (citizen_id, channel) DO UPDATE SET "
          "opted_in = excluded.opted_in, updated_at = excluded.updated_at")
        .Bind(1, r.citizen_id)
        .Bind(2, core::ChannelName(sub.channel))
        .Bind(3, std::int64_t{sub.opted_in ? 1 : 0})
        .Bind(4, now)
        .Run();
  }
  if (t.ticket) {
    db.Prepare(
          "INSERT INTO tickets (number, conversation_id, citizen_id, kind, content, dossier_code, "
          "created_at, due_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .Bind(1, t.ticket->number)
        .Bind(2, r.conversation_id)
        .Bind(3, r.citizen_id)
        .Bind(4, t.ticket->kind)
        .Bind(5, t.ticket->content)
        .Bind(6, t.ticket->dossier_code.empty() ? std::optional<std::string>()
                                                : t.ticket->dossier_code)
        .Bind(7, now)
        .Bind(8, core::ToUnixMillis(t.ticket->due_at))
        .Run();
  }
  if (t.queued_reply) {
    // Sent by the dispatcher; queued with the turn, so an answer is never stored but unsent.
    db.Prepare(
          "INSERT INTO outbox (kind, idempotency_key, request_hash, payload, state, created_at, "
          "agency_code) VALUES ('reply', ?1, ?1, ?2, 'pending', ?3, ?4) "
          "ON CONFLICT (idempotency_key) DO NOTHING")
        .Bind(1, t.queued_reply->idempotency_key)
        .Bind(2, delivery::EncodeOutbound(*t.queued_reply))
        .Bind(3, now)
        .Bind(4, t.agency_code.empty() ? std::optional<std::string>() : t.agency_code)
        .Run();
  }
  if (t.pending_request) {
    // Kept durably and retried by the backend worker; the key makes a retry harmless.
    db.Prepare(
          "INSERT INTO outbox (kind, idempotency_key, request_hash, payload, state, created_at) "
          "VALUES (?1, ?2, ?3, ?4, 'pending', ?5) ON CONFLICT (idempotency_key) DO NOTHING")
        .Bind(1, "backend_" + t.pending_request->kind)
        .Bind(2, t.pending_request->idempotency_key)
        .Bind(3, t.pending_request->idempotency_key)
        .Bind(4, t.pending_request->payload)
        .Bind(5, now)
        .Run();
  }
}

}  // namespace

std::vector<core::ReplyOption> ParseOptions(const std::optional<std::string>& text) {
  std::vector<core::ReplyOption> out;
  if (!text || text->empty()) return out;
  auto arr = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!arr.is_array()) return out;
  for (const auto& o : arr) {
    out.push_back({o.value("id", std::string()), o.value("label", std::string())});
  }
  return out;
}

std::pair<std::int64_t, std::int64_t> UpsertContact(Db& db, const core::InboundMessage& m) {
  const std::string_view channel = core::ChannelName(m.channel);
  const std::int64_t now = core::ToUnixMillis(m.received_at);
  Stmt& find =
      db.Prepare("SELECT id, citizen_id FROM contacts WHERE channel = ?1 AND address = ?2");
  find.Bind(1, channel).Bind(2, m.sender);
  if (find.Step()) return {find.Int(0), find.Int(1)};
  db.Prepare("INSERT INTO citizens (created_at) VALUES (?1)").Bind(1, now).Run();
  std::int64_t citizen_id = db.LastInsertId();
  db.Prepare(
        "INSERT INTO contacts (citizen_id, channel, address, created_at) VALUES (?1, ?2, ?3, ?4)")
      .Bind(1, citizen_id)
      .Bind(2, channel)
      .Bind(3, m.sender)
      .Bind(4, now)
      .Run();
  return {db.LastInsertId(), citizen_id};
}

std::int64_t OpenConversation(Db& db, std::int64_t contact_id, std::int64_t citizen_id,
                              const core::InboundMessage& m, const std::string& agency_code) {
  // max(id), not ORDER BY id DESC LIMIT 1: the covering index answers it without a temporary
  // b-tree for the sort (measured: that sort was a visible share of intake's SQLite time).
  Stmt& find =
      db.Prepare("SELECT max(id) FROM conversations WHERE contact_id = ?1 AND status <> 'closed'");
  find.Bind(1, contact_id);
  if (find.Step() && !find.IsNull(0)) return find.Int(0);
  const std::int64_t now = core::ToUnixMillis(m.received_at);
  db.Prepare(
        "INSERT INTO conversations (citizen_id, contact_id, channel, opened_at, last_message_at, "
        "agency_code) VALUES (?1, ?2, ?3, ?4, ?4, ?5)")
      .Bind(1, citizen_id)
      .Bind(2, contact_id)
      .Bind(3, core::ChannelName(m.channel))
      .Bind(4, now)
      .Bind(5, agency_code.empty() ? std::optional<std::string>() : agency_code)
      .Run();
  return db.LastInsertId();
}

std::optional<core::TurnReceipt> FindDuplicate(Db& db, core::ChannelKind channel,
                                               const std::string& provider_message_id) {
  if (provider_message_id.empty()) return std::nullopt;
  Stmt& find = db.Prepare(
      "SELECT m.id, m.conversation_id, c.citizen_id FROM messages m "
      "JOIN conversations c ON c.id = m.conversation_id "
      "WHERE m.channel = ?1 AND m.provider_message_id = ?2 AND m.direction = 'in'");
  find.Bind(1, core::ChannelName(channel)).Bind(2, provider_message_id);
  if (!find.Step()) return std::nullopt;
  core::TurnReceipt r;
  r.inbound_message_id = find.Int(0);
  r.conversation_id = find.Int(1);
  r.citizen_id = find.Int(2);
  r.duplicate = true;
  find.Reset();
  Stmt& replies =
      db.Prepare("SELECT text, reason_code, options FROM messages WHERE reply_to = ?1 ORDER BY id");
  replies.Bind(1, r.inbound_message_id);
  while (replies.Step()) {
    r.replies.push_back(ReplyFromRow(replies.Text(0), replies.OptText(1), replies.OptText(2)));
  }
  return r;
}

ReplyOptionsRows OptionsJsonPerReply(const std::vector<core::Reply>& replies) {
  ReplyOptionsRows rows;
  rows.reserve(replies.size());
  for (const core::Reply& reply : replies) {
    if (reply.options.empty()) {
      rows.emplace_back();
      continue;
    }
    auto arr = nlohmann::json::array();
    for (const auto& o : reply.options) arr.push_back({{"id", o.id}, {"label", o.label}});
    rows.emplace_back(arr.dump());
  }
  return rows;
}

core::TurnReceipt WriteTurn(Db& db, const core::TurnRecord& t, const ReplyOptionsRows& options) {
  const core::InboundMessage& m = t.inbound;
  if (!t.retry_checked) {
    if (auto dup = FindDuplicate(db, m.channel, m.provider_message_id)) return *dup;
  }

  core::TurnReceipt r;
  auto [contact_id, citizen_id] = UpsertContact(db, m);
  r.citizen_id = citizen_id;
  r.conversation_id = OpenConversation(db, contact_id, citizen_id, m, t.agency_code);
  const std::string channel(core::ChannelName(m.channel));
  const std::int64_t received = core::ToUnixMillis(m.received_at);

  std::optional<std::int64_t> sent_at;
  if (m.sent_at) sent_at = core::ToUnixMillis(*m.sent_at);
  std::int64_t seq_in = AppendToLog(db, LogEntry{"in", channel, m.origin, m.sender, m.receiver,
                                                 sent_at, received, m.content_type, m.raw_payload});
  std::optional<std::string> provider_id;
  if (!m.provider_message_id.empty()) provider_id = m.provider_message_id;
  db.Prepare(
        "INSERT INTO messages (conversation_id, direction, channel, provider_message_id, text, "
        "log_seq, at) VALUES (?1, 'in', ?2, ?3, ?4, ?5, ?6)")
      .Bind(1, r.conversation_id)
      .Bind(2, channel)
      .Bind(3, provider_id)
      .Bind(4, m.text)
      .Bind(5, seq_in)
      .Bind(6, received)
      .Run();
  r.inbound_message_id = db.LastInsertId();
  WriteAttachments(db, r.inbound_message_id, m.attachments);

  if (!t.replies.empty()) {
    // The replies leave as one payload on the wire, so they are one data message in the log.
    std::int64_t seq_out =
        AppendToLog(db, LogEntry{"out", channel, m.receiver, m.receiver, m.sender, received,
                                 received, t.outbound_content_type, t.outbound_payload});
    for (std::size_t i = 0; i < t.replies.size(); ++i) {
      const core::Reply& reply = t.replies[i];
      std::optional<std::string> reason;
      if (reply.rejection) reason = std::string(reply.rejection->code_name());
      db.Prepare(
            "INSERT INTO messages (conversation_id, direction, channel, text, reason_code, "
            "options, reply_to, log_seq, at) VALUES (?1, 'out', ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
          .Bind(1, r.conversation_id)
          .Bind(2, channel)
          .Bind(3, reply.text)
          .Bind(4, reason)
          .Bind(5, options.at(i))
          .Bind(6, r.inbound_message_id)
          .Bind(7, seq_out)
          .Bind(8, received)
          .Run();
    }
  }
  // One UPDATE for the conversation row: last activity, dialog state, hand-off.
  db.Prepare(
        "UPDATE conversations SET last_message_at = ?1, dialog_state = COALESCE(?2, dialog_state), "
        "status = CASE WHEN ?3 THEN 'officer' ELSE status END WHERE id = ?4")
      .Bind(1, received)
      .Bind(2, t.dialog_state.empty() ? std::optional<std::string>() : t.dialog_state)
      .Bind(3, std::int64_t{t.hand_off ? 1 : 0})
      .Bind(4, r.conversation_id)
      .Run();
  WriteEffects(db, t, r, channel, received);
  r.replies = t.replies;
  return r;
}

}  // namespace gw::gateway::store
