// SQLite store: the outbox (backend requests, status notifications) and the notices written
// into citizens' conversations.
#include <openssl/rand.h>

#include "gateway/store/sqlite_store.hpp"
#include "gateway/store/turn_writer.hpp"

namespace gw::gateway::store {
namespace {

std::string RandomBytes(std::size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw SqliteError(SQLITE_ERROR, "no randomness for a public id");
  }
  return out;
}

}  // namespace

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
  const auto options = OptionsJsonPerReply(replies);  // here, not on the writer's thread
  auto status = writer_->Submit([&](Db& db) {
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
    for (std::size_t i = 0; i < replies.size(); ++i) {
      const core::Reply& r = replies[i];
      std::optional<std::string> reason;
      if (r.rejection) reason = std::string(r.rejection->code_name());
      db.Prepare(
            "INSERT INTO messages (conversation_id, direction, channel, text, reason_code, "
            "options, "
            "log_seq, at) VALUES (?1, 'out', ?2, ?3, ?4, ?5, ?6, ?7)")
          .Bind(1, conversation)
          .Bind(2, channel)
          .Bind(3, r.text)
          .Bind(4, reason)
          .Bind(5, options.at(i))
          .Bind(6, seq)
          .Bind(7, at)
          .Run();
    }
    db.Prepare("UPDATE conversations SET last_message_at = ?1 WHERE id = ?2")
        .Bind(1, at)
        .Bind(2, conversation)
        .Run();
  });
  snapshots_.Forget(notify);  // its conversation may have been opened
  return status;
}

core::Status SqliteStore::AppendNotice(const core::Contact& to, const std::string& text,
                                       const std::string& key, const std::string& payload,
                                       core::TimePoint now) {
  auto status = writer_->Submit([&](Db& db) {
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
  snapshots_.Forget(to);  // its conversation may have been opened
  return status;
}

}  // namespace gw::gateway::store
