// SQLite store: turns, history, readiness and log verification.
#include "gateway/store/sqlite_store.hpp"

#include <fmt/format.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "gateway/delivery/outbound_codec.hpp"
#include "gateway/store/migrations.hpp"

namespace gw::gateway::store {
namespace {

const core::Logger kLog("gateway.store.sqlite");

std::string RandomBytes(std::size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw SqliteError(SQLITE_ERROR, "no randomness for a public id");
  }
  return out;
}

std::string OptionsJson(const std::vector<core::ReplyOption>& options) {
  auto arr = nlohmann::json::array();
  for (const auto& o : options) arr.push_back({{"id", o.id}, {"label", o.label}});
  return arr.dump();
}

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

// Finds or creates the citizen and contact for the sender; returns {contact_id, citizen_id}.
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
                              const core::InboundMessage& m, const std::string& agency_code = "") {
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

// A provider retry of a message already stored: the receipt of the first delivery, or nullopt.
std::optional<core::TurnReceipt> FindDuplicate(Db& db, const core::InboundMessage& m) {
  if (m.provider_message_id.empty()) return std::nullopt;
  Stmt& find = db.Prepare(
      "SELECT m.id, m.conversation_id, c.citizen_id FROM messages m "
      "JOIN conversations c ON c.id = m.conversation_id "
      "WHERE m.channel = ?1 AND m.provider_message_id = ?2 AND m.direction = 'in'");
  find.Bind(1, core::ChannelName(m.channel)).Bind(2, m.provider_message_id);
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

core::TurnReceipt WriteTurn(Db& db, const core::TurnRecord& t) {
  const core::InboundMessage& m = t.inbound;
  if (!t.duplicate_checked) {
    if (auto dup = FindDuplicate(db, m)) return *dup;
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
    for (const core::Reply& reply : t.replies) {
      std::optional<std::string> reason;
      if (reply.rejection) reason = std::string(reply.rejection->code_name());
      std::optional<std::string> options;
      if (!reply.options.empty()) options = OptionsJson(reply.options);
      db.Prepare(
            "INSERT INTO messages (conversation_id, direction, channel, text, reason_code, "
            "options, reply_to, log_seq, at) VALUES (?1, 'out', ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
          .Bind(1, r.conversation_id)
          .Bind(2, channel)
          .Bind(3, reply.text)
          .Bind(4, reason)
          .Bind(5, options)
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

}  // namespace

std::unique_ptr<Db> OpenSqlite(const SqliteConfig& config, Db::Mode mode) {
  auto db = Db::Open(config.path, mode);
  db->Exec(fmt::format("PRAGMA busy_timeout = {}", config.busy_timeout.count()));
  db->Exec("PRAGMA foreign_keys = ON");
  if (mode == Db::Mode::kReadWrite) {
    db->Exec("PRAGMA journal_mode = WAL");
    // FULL: the WAL is synced at every commit, so a committed turn survives power loss, not only
    // a crash of the process. Group commit pays for it once per batch.
    db->Exec("PRAGMA synchronous = FULL");
  }
  return db;
}

class SqliteStore::ReaderLease {
 public:
  ReaderLease(SqliteStore* store, std::unique_ptr<Db> db) : store_(store), db_(std::move(db)) {}
  ReaderLease(ReaderLease&&) = default;
  ~ReaderLease() {
    if (db_) store_->ReleaseReader(std::move(db_));
  }
  Db& db() { return *db_; }

 private:
  SqliteStore* store_;
  std::unique_ptr<Db> db_;
};

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteConfig& config,
                                                             WriterObserver* observer) {
  try {
    auto parent = std::filesystem::path(config.path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return core::MakeError(core::ErrorCode::kUnavailable,
                             fmt::format("cannot create {}: {}", parent.string(), ec.message()));
    }
    auto writer_db = OpenSqlite(config, Db::Mode::kReadWrite);
    int current = CurrentSchemaVersion(*writer_db);
    if (current != LatestSchemaVersion()) {
      if (!config.auto_migrate && current < LatestSchemaVersion()) {
        return core::MakeError(
            core::ErrorCode::kUnavailable,
            fmt::format("the database schema is version {}, this binary needs {}: run "
                        "`caunoi migrate`",
                        current, LatestSchemaVersion()));
      }
      for (int v : Migrate(*writer_db)) {
        kLog.Info("migration applied", {{"version", std::to_string(v)}});
      }
    }
    std::vector<std::unique_ptr<Db>> readers;
    for (int i = 0; i < config.readers; ++i)
      readers.push_back(OpenSqlite(config, Db::Mode::kReadOnly));
    auto writer = std::make_unique<GroupWriter>(std::move(writer_db),
                                                GroupWriter::Options{config.max_batch}, observer);
    return std::unique_ptr<SqliteStore>(
        new SqliteStore(config, std::move(writer), std::move(readers)));
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot open the store", e.what());
  }
}

SqliteStore::SqliteStore(const SqliteConfig& config, std::unique_ptr<GroupWriter> writer,
                         std::vector<std::unique_ptr<Db>> readers)
    : config_(config), writer_(std::move(writer)), readers_(std::move(readers)) {}

SqliteStore::~SqliteStore() {
  Close();
}

void SqliteStore::Close() {
  writer_->Stop();
}

SqliteStore::ReaderLease SqliteStore::AcquireReader() {
  std::unique_lock lock(readers_mu_);
  readers_cv_.wait(lock, [this] { return !readers_.empty(); });
  auto db = std::move(readers_.back());
  readers_.pop_back();
  return ReaderLease(this, std::move(db));
}

void SqliteStore::ReleaseReader(std::unique_ptr<Db> db) {
  db->ResetStatements();  // the next lease reads the newest commit, not this one's snapshot
  {
    std::lock_guard lock(readers_mu_);
    readers_.push_back(std::move(db));
  }
  readers_cv_.notify_one();
}

core::Result<std::vector<core::OutboxItem>> SqliteStore::DueOutbox(std::string_view kind_prefix,
                                                                   core::TimePoint now, int limit) {
  try {
    auto lease = AcquireReader();
    Stmt& s = lease.db().Prepare(
        "SELECT id, kind, idempotency_key, payload, attempts, created_at FROM outbox "
        "WHERE state = 'pending' AND substr(kind, 1, length(?1)) = ?1 "
        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?2) ORDER BY id LIMIT ?3");
    s.Bind(1, kind_prefix).Bind(2, core::ToUnixMillis(now)).Bind(3, std::int64_t{limit});
    std::vector<core::OutboxItem> out;
    while (s.Step()) {
      out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3), static_cast<int>(s.Int(4)),
                     core::FromUnixMillis(s.Int(5))});
    }
    s.Reset();
    return out;
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", e.what());
  }
}

core::Result<core::NotificationReceipt> SqliteStore::RecordNotification(
    const std::string& webhook_id, const std::string& body_hash, const std::string& payload,
    core::TimePoint now) {
  core::NotificationReceipt receipt;
  bool conflict = false;
  const std::string key = "ntf:" + webhook_id;
  auto st = writer_->Submit([&](Db& db) {
    Stmt& find =
        db.Prepare("SELECT public_id, request_hash FROM outbox WHERE idempotency_key = ?1");
    find.Bind(1, key);
    if (find.Step()) {
      receipt.public_id = find.Text(0);
      receipt.duplicate = true;
      conflict = find.Text(1) != body_hash;
      find.Reset();
      return;
    }
    receipt.public_id = "ntf_" + ToHex(RandomBytes(16));
    db.Prepare(
          "INSERT INTO outbox (kind, idempotency_key, request_hash, payload, state, created_at, "
          "public_id) VALUES ('notification', ?1, ?2, ?3, 'pending', ?4, ?5)")
        .Bind(1, key)
        .Bind(2, body_hash)
        .Bind(3, payload)
        .Bind(4, core::ToUnixMillis(now))
        .Bind(5, receipt.public_id)
        .Run();
  });
  if (!st.ok()) return st.error();
  if (conflict) {
    return core::MakeError(core::ErrorCode::kUnprocessable,
                           "webhook-id was already used with a different body");
  }
  return receipt;
}

core::Result<std::optional<core::NotificationView>> SqliteStore::GetNotification(
    const std::string& public_id) {
  try {
    auto lease = AcquireReader();
    Stmt& s = lease.db().Prepare(
        "SELECT state, payload, attempts, created_at, finished_at, last_detail FROM outbox "
        "WHERE public_id = ?1 AND kind = 'notification'");
    s.Bind(1, public_id);
    std::optional<core::NotificationView> view;
    if (s.Step()) {
      core::NotificationView v;
      v.public_id = public_id;
      v.state = s.Text(0);
      v.payload = s.Text(1);
      v.attempts = static_cast<int>(s.Int(2));
      v.created_at = core::FromUnixMillis(s.Int(3));
      if (!s.IsNull(4)) v.finished_at = core::FromUnixMillis(s.Int(4));
      v.detail = s.Text(5);
      view = v;
    }
    s.Reset();
    return view;
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", e.what());
  }
}

core::Status SqliteStore::RescheduleOutbox(std::int64_t id, core::TimePoint next_attempt,
                                           const std::string& detail) {
  return writer_->Submit([&](Db& db) {
    db.Prepare(
          "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?1, last_detail = ?2 "
          "WHERE id = ?3")
        .Bind(1, core::ToUnixMillis(next_attempt))
        .Bind(2, detail)
        .Bind(3, id)
        .Run();
  });
}

core::Status SqliteStore::FinishOutbox(std::int64_t id, const std::string& state,
                                       const core::Contact& notify,
                                       const std::vector<core::Reply>& replies,
                                       const std::string& payload, core::TimePoint now) {
  return writer_->Submit([&](Db& db) {
    db.Prepare(
          "UPDATE outbox SET state = ?1, finished_at = ?2, attempts = attempts + 1 "
          "WHERE id = ?3 AND state = 'pending'")
        .Bind(1, state)
        .Bind(2, core::ToUnixMillis(now))
        .Bind(3, id)
        .Run();
    if (db.Changes() == 0 || replies.empty()) return;  // finished before: tell nobody twice
    core::InboundMessage as_contact;
    as_contact.channel = notify.channel;
    as_contact.sender = notify.address;
    as_contact.received_at = now;
    auto [contact_id, citizen_id] = UpsertContact(db, as_contact);
    const std::int64_t conversation = OpenConversation(db, contact_id, citizen_id, as_contact);
    const std::string channel(core::ChannelName(notify.channel));
    const std::int64_t at = core::ToUnixMillis(now);
    std::int64_t seq = AppendToLog(db, LogEntry{"out", channel, "caunoi", "caunoi", notify.address,
                                                at, at, "application/json", payload});
    for (const auto& r : replies) {
      std::optional<std::string> reason;
      if (r.rejection) reason = std::string(r.rejection->code_name());
      std::optional<std::string> options;
      if (!r.options.empty()) options = OptionsJson(r.options);
      db.Prepare(
            "INSERT INTO messages (conversation_id, direction, channel, text, reason_code, "
            "options, "
            "log_seq, at) VALUES (?1, 'out', ?2, ?3, ?4, ?5, ?6, ?7)")
          .Bind(1, conversation)
          .Bind(2, channel)
          .Bind(3, r.text)
          .Bind(4, reason)
          .Bind(5, options)
          .Bind(6, seq)
          .Bind(7, at)
          .Run();
    }
    db.Prepare("UPDATE conversations SET last_message_at = ?1 WHERE id = ?2")
        .Bind(1, at)
        .Bind(2, conversation)
        .Run();
  });
}

core::Status SqliteStore::AppendNotice(const core::Contact& to, const std::string& text,
                                       const std::string& key, const std::string& payload,
                                       core::TimePoint now) {
  return writer_->Submit([&](Db& db) {
    const std::string channel(core::ChannelName(to.channel));
    Stmt& seen = db.Prepare(
        "SELECT 1 FROM messages WHERE channel = ?1 AND provider_message_id = ?2 "
        "AND direction = 'out'");
    seen.Bind(1, channel).Bind(2, key);
    const bool done = seen.Step();
    seen.Reset();
    if (done) return;
    core::InboundMessage as_contact;
    as_contact.channel = to.channel;
    as_contact.sender = to.address;
    as_contact.received_at = now;
    auto [contact_id, citizen_id] = UpsertContact(db, as_contact);
    const std::int64_t conversation = OpenConversation(db, contact_id, citizen_id, as_contact);
    const std::int64_t at = core::ToUnixMillis(now);
    std::int64_t seq = AppendToLog(db, LogEntry{"out", channel, "caunoi", "caunoi", to.address, at,
                                                at, "application/json", payload});
    db.Prepare(
          "INSERT INTO messages (conversation_id, direction, channel, provider_message_id, text, "
          "log_seq, at) VALUES (?1, 'out', ?2, ?3, ?4, ?5, ?6)")
        .Bind(1, conversation)
        .Bind(2, channel)
        .Bind(3, key)
        .Bind(4, text)
        .Bind(5, seq)
        .Bind(6, at)
        .Run();
    db.Prepare("UPDATE conversations SET last_message_at = ?1 WHERE id = ?2")
        .Bind(1, at)
        .Bind(2, conversation)
        .Run();
  });
}

core::Result<std::optional<core::TurnReceipt>> SqliteStore::FindTurn(
    core::ChannelKind channel, const std::string& provider_message_id) {
  if (provider_message_id.empty()) return std::optional<core::TurnReceipt>();
  try {
    auto lease = AcquireReader();
    core::InboundMessage m;
    m.channel = channel;
    m.provider_message_id = provider_message_id;
    return FindDuplicate(lease.db(), m);
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", e.what());
  }
}

core::Result<core::ConversationSnapshot> SqliteStore::Snapshot(const core::Contact& contact) {
  try {
    auto lease = AcquireReader();
    Db& db = lease.db();
    core::ConversationSnapshot snap;
    std::int64_t citizen_id = 0;
    Stmt& contact_row =
        db.Prepare("SELECT id, citizen_id FROM contacts WHERE channel = ?1 AND address = ?2");
    contact_row.Bind(1, core::ChannelName(contact.channel)).Bind(2, contact.address);
    std::int64_t contact_id = 0;
    if (contact_row.Step()) {
      contact_id = contact_row.Int(0);
      citizen_id = contact_row.Int(1);
    }
    contact_row.Reset();
    if (contact_id != 0) {
      Stmt& conv = db.Prepare(
          "SELECT id, dialog_state, status FROM conversations WHERE id = "
          "(SELECT max(id) FROM conversations WHERE contact_id = ?1 AND status <> 'closed')");
      conv.Bind(1, contact_id);
      if (conv.Step()) {
        snap.conversation_id = conv.Int(0);
        snap.dialog_state = conv.Text(1);
        snap.status = conv.Text(2);
      }
      conv.Reset();
    }
    if (snap.status.empty()) snap.status = "bot";
    if (citizen_id != 0) {
      Stmt& contacts = db.Prepare("SELECT channel, address FROM contacts WHERE citizen_id = ?1");
      contacts.Bind(1, citizen_id);
      while (contacts.Step()) {
        const std::string ch = contacts.Text(0);
        if (ch == "sms" || ch == "ivr") snap.known["phone"] = contacts.Text(1);
        if (ch == "email") snap.known["email"] = contacts.Text(1);
      }
      contacts.Reset();
    }
    return snap;
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", e.what());
  }
}

core::Result<core::TurnReceipt> SqliteStore::RecordTurn(const core::TurnRecord& turn) {
  core::TurnReceipt receipt;
  auto status = writer_->Submit([&](Db& db) { receipt = WriteTurn(db, turn); });
  if (!status.ok()) return status.error();
  return receipt;
}

core::Result<std::vector<core::StoredMessage>> SqliteStore::RecentMessages(
    const core::Contact& contact, std::int64_t after_id, int limit) {
  try {
    auto lease = AcquireReader();
    Stmt& s = lease.db().Prepare(
        "SELECT m.id, m.conversation_id, m.direction, m.channel, m.text, m.reason_code, "
        "m.options, m.at FROM messages m "
        "JOIN conversations c ON c.id = m.conversation_id "
        "JOIN contacts k ON k.id = c.contact_id "
        "WHERE k.channel = ?1 AND k.address = ?2 AND m.id > ?3 ORDER BY m.id LIMIT ?4");
    s.Bind(1, core::ChannelName(contact.channel))
        .Bind(2, contact.address)
        .Bind(3, after_id)
        .Bind(4, static_cast<std::int64_t>(limit));
    std::vector<core::StoredMessage> out;
    while (s.Step()) {
      core::StoredMessage m;
      m.id = s.Int(0);
      m.conversation_id = s.Int(1);
      m.direction = s.Text(2);
      m.channel = core::ParseChannel(s.Text(3)).value_or(contact.channel);
      m.text = s.Text(4);
      m.reason_code = s.OptText(5);
      m.options = ParseOptions(s.OptText(6));
      m.at = core::FromUnixMillis(s.Int(7));
      out.push_back(std::move(m));
    }
    s.Reset();
    return out;
  } catch (const SqliteError& e) {
    kLog.Error("history read failed", {{"error", e.what()}});
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", e.what());
  }
}

core::Status SqliteStore::RunWrite(GroupWriter::Job job) {
  return writer_->Submit(std::move(job));
}

core::Status SqliteStore::RunRead(const std::function<void(Db&)>& read) {
  try {
    auto lease = AcquireReader();
    read(lease.db());
    return core::Ok{};
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", e.what());
  }
}

core::Status SqliteStore::Ping() {
  if (writer_->stopping()) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is shutting down");
  }
  try {
    auto lease = AcquireReader();
    Stmt& s = lease.db().Prepare("SELECT count(*) FROM sqlite_master");
    s.Step();
    s.Reset();
    if (writer_->QueueDepth() > config_.max_batch * 64) {
      return core::MakeError(core::ErrorCode::kUnavailable, "the store's write queue is full");
    }
    return core::Ok{};
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", e.what());
  }
}

core::Result<VerifyReport> SqliteStore::VerifyMessageLog(
    const std::optional<LogHead>& expect_head) {
  try {
    auto lease = AcquireReader();
    return VerifyLog(lease.db(), expect_head);
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot read the message log", e.what());
  }
}

}  // namespace gw::gateway::store
