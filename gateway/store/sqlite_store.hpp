// The SQLite implementation of the store ports: one writer thread with group commit
// (synchronous=FULL, WAL) and a small pool of read connections.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/store.hpp"
#include "gateway/store/group_writer.hpp"
#include "gateway/store/message_log.hpp"
#include "gateway/store/snapshot_cache.hpp"
#include "gateway/store/store_config.hpp"

namespace gw::gateway::store {

class SqliteStore final : public core::ConversationStore,
                          public core::OutboxStore,
                          public core::NotificationStore {
 public:
  // Opens (creating the file and its folder's database if needed), checks or applies migrations,
  // starts the writer. `observer` may be null; not owned.
  static core::Result<std::unique_ptr<SqliteStore>> Open(const SqliteConfig& config,
                                                         WriterObserver* observer);
  ~SqliteStore() override;

  core::Result<core::TurnLookup> LookUpTurn(const core::Contact& contact,
                                            const std::string& provider_message_id) override;
  core::Result<std::optional<core::TurnReceipt>> FindRetry(
      const core::Contact& contact, const std::string& provider_message_id) override;
  core::Result<core::TurnReceipt> RecordTurn(const core::TurnRecord& turn) override;
  core::Result<std::vector<core::StoredMessage>> RecentMessages(const core::Contact& contact,
                                                                std::int64_t after_id,
                                                                int limit) override;
  core::Status Ping() override;

  core::Result<std::vector<core::OutboxItem>> DueOutbox(std::string_view kind_prefix,
                                                        core::TimePoint now, int limit) override;
  core::Status RescheduleOutbox(std::int64_t id, core::TimePoint next_attempt,
                                const std::string& detail) override;
  core::Result<core::NotificationReceipt> RecordNotification(const std::string& webhook_id,
                                                             const std::string& body_hash,
                                                             const std::string& payload,
                                                             core::TimePoint now) override;
  core::Result<std::optional<core::NotificationView>> GetNotification(
      const std::string& public_id) override;
  core::Status FinishOutbox(std::int64_t id, const std::string& state, const core::Contact& notify,
                            const std::vector<core::Reply>& replies, const std::string& payload,
                            core::TimePoint now) override;

  // Appends a message from the gateway (a status notice) to the open conversation of `to` and to
  // the data-message log, once per `key`: another call with the same key changes nothing and
  // succeeds (the app channel's "provider" deduplicates by the notifier's idempotency key).
  core::Status AppendNotice(const core::Contact& to, const std::string& text,
                            const std::string& key, const std::string& payload,
                            core::TimePoint now);

  core::Result<VerifyReport> VerifyMessageLog(const std::optional<LogHead>& expect_head);
  std::size_t WriteQueueDepth() const { return writer_->QueueDepth(); }

  // What a write job may change of the conversation snapshots intake reads (snapshot_cache.hpp).
  enum class Touches {
    kConversations,    // the default: contacts, citizens, conversations, or not known
    kNoConversations,  // none of those (the outbox, deliveries, cursors)
  };

  // For other stores of the gateway (the officer inbox) that share this database: a write job
  // through the single group writer (durable when it returns), and a read on a pooled reader.
  // Both turn SqliteError into kUnavailable; other exceptions from `job` become kInternal.
  core::Status RunWrite(GroupWriter::Job job, Touches touches = Touches::kConversations);
  core::Status RunRead(const std::function<void(Db&)>& read);

  // Commits what is queued and stops the writer; later writes fail with kUnavailable.
  void Close();

 private:
  // A pooled read connection, given back when the lease ends.
  class ReaderLease {
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
  SqliteStore(const SqliteConfig& config, std::unique_ptr<Db> writer_db, WriterObserver* observer,
              std::vector<std::unique_ptr<Db>> readers);
  // On the writer thread at each batch's start.
  void NoticeForeignWrites(Db& db);
  ReaderLease AcquireReader();
  void ReleaseReader(std::unique_ptr<Db> db);

  SqliteConfig config_;
  // Before the writer: the writer's thread uses them until it stops.
  SnapshotCache snapshots_;
  std::optional<std::int64_t> data_version_;  // the writer thread's only
  std::unique_ptr<GroupWriter> writer_;
  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Db>> readers_;
};

// Opens a connection with the store's pragmas (WAL, synchronous=FULL, busy timeout, foreign
// keys). Throws SqliteError.
std::unique_ptr<Db> OpenSqlite(const SqliteConfig& config, Db::Mode mode);

}  // namespace gw::gateway::store
