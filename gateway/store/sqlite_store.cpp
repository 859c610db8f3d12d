// SQLite store: opening and migrating, the reader pool, turns and history, readiness and log
// verification. The outbox's part is in outbox_store.cpp, the turn's rows in turn_writer.cpp.
#include "gateway/store/sqlite_store.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "core/log.hpp"
#include "gateway/store/migrations.hpp"
#include "gateway/store/turn_writer.hpp"
#include "gateway/store/wal_write_vfs.hpp"

namespace gw::gateway::store {
namespace {

const core::Logger kLog("gateway.store.sqlite");

}  // namespace

std::unique_ptr<Db> OpenSqlite(const SqliteConfig& config, Db::Mode mode) {
  // A writing connection gathers its WAL writes into one per commit (wal_write_vfs.hpp), which
  // needs the synchronous=FULL set below.
  auto db = Db::Open(config.path, mode, mode == Db::Mode::kReadWrite ? WalWriteVfsName() : nullptr);
  db->Exec(fmt::format("PRAGMA busy_timeout = {}", config.busy_timeout.count()));
  db->Exec("PRAGMA foreign_keys = ON");
  if (mode == Db::Mode::kReadWrite) {
    db->Exec("PRAGMA journal_mode = WAL");
    // FULL: the WAL is synced at every commit, so a committed turn survives power loss, not only
    // a crash of the process. Group commit pays for it once per batch.
    db->Exec("PRAGMA synchronous = FULL");
    // Each writer job runs under a savepoint, which keeps the pages it changes in a statement
    // journal; SQLite spills that journal to a temporary file past 64 KiB unless temporary
    // storage is in memory. It was a third of the writer's system calls (`strace -c`).
    db->Exec("PRAGMA temp_store = MEMORY");
    db->Exec(fmt::format("PRAGMA wal_autocheckpoint = {}", config.checkpoint_pages));
  }
  return db;
}

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
    return std::unique_ptr<SqliteStore>(
        new SqliteStore(config, std::move(writer_db), observer, std::move(readers)));
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot open the store", e.what());
  }
}

SqliteStore::SqliteStore(const SqliteConfig& config, std::unique_ptr<Db> writer_db,
                         WriterObserver* observer, std::vector<std::unique_ptr<Db>> readers)
    : config_(config),
      writer_(std::make_unique<GroupWriter>(
          std::move(writer_db),
          GroupWriter::Options{config.max_batch, [this](Db& db) { NoticeForeignWrites(db); },
                               config.writer_nice},
          observer)),
      readers_(std::move(readers)) {}

void SqliteStore::NoticeForeignWrites(Db& db) {
  // The writer's own connection: its data_version changes only when another connection has
  // committed, and no other connection of this process writes. So a change is another process
  // (an operator's sqlite3 session): nothing cached can be trusted.
  Stmt& s = db.Prepare("PRAGMA data_version");
  s.Step();
  const std::int64_t version = s.Int(0);
  s.Reset();
  if (data_version_ && *data_version_ != version) snapshots_.Clear();
  data_version_ = version;
}

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
  // The next lease reads the newest commit, not this one's snapshot: no statement left stepped,
  // no transaction left open by a read that failed half-way.
  db->ResetStatements();
  if (sqlite3_get_autocommit(db->raw()) == 0)
    sqlite3_exec(db->raw(), "ROLLBACK", nullptr, nullptr, nullptr);
  {
    std::lock_guard lock(readers_mu_);
    readers_.push_back(std::move(db));
  }
  readers_cv_.notify_one();
}

namespace {

// The open conversation of this contact and what is known of its citizen.
core::ConversationSnapshot ReadSnapshot(Db& db, const core::Contact& contact) {
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
}

}  // namespace

core::Result<core::TurnLookup> SqliteStore::LookUpTurn(const core::Contact& contact,
                                                       const std::string& provider_message_id) {
  try {
    core::TurnLookup out;
    auto cached = snapshots_.Find(contact);  // before anything is read from the database
    if (cached.snapshot) {
      // No reader at all: a reader's page cache is dropped after every commit, so even the
      // retry check alone was ~7% of intake's CPU. The writer checks for a retry as it writes
      // the turn, on pages it holds anyway; intake asks FindRetry before calling a backend.
      out.snapshot = std::move(*cached.snapshot);
      out.retry_checked = provider_message_id.empty();
      return out;
    }
    auto lease = AcquireReader();
    Db& db = lease.db();
    // One read transaction for both look-ups: they see one commit, and the connection checks
    // the WAL once instead of once per statement.
    db.Prepare("BEGIN").Run();
    out.earlier = FindDuplicate(db, contact.channel, provider_message_id);
    if (!out.earlier) out.snapshot = ReadSnapshot(db, contact);
    db.Prepare("COMMIT").Run();
    if (!out.earlier) snapshots_.Put(contact, out.snapshot, cached.stamp);
    return out;
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", e.what());
  }
}

core::Result<std::optional<core::TurnReceipt>> SqliteStore::FindRetry(
    const core::Contact& contact, const std::string& provider_message_id) {
  try {
    auto lease = AcquireReader();
    return FindDuplicate(lease.db(), contact.channel, provider_message_id);
  } catch (const SqliteError& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", e.what());
  }
}

core::Result<core::TurnReceipt> SqliteStore::RecordTurn(const core::TurnRecord& turn) {
  core::TurnReceipt receipt;
  const auto options = OptionsJsonPerReply(turn.replies);  // here, not on the writer's thread
  auto status = writer_->Submit([&](Db& db) { receipt = WriteTurn(db, turn, options); });
  if (!status.ok()) return status.error();
  snapshots_.ApplyTurn(turn, receipt);
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

core::Status SqliteStore::RunWrite(GroupWriter::Job job, Touches touches) {
  auto status = writer_->Submit(std::move(job));
  // Also after a failed commit: clearing is always safe, and which jobs' changes survived a
  // failure is not worth reasoning about.
  if (touches != Touches::kNoConversations) snapshots_.Clear();
  return status;
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
