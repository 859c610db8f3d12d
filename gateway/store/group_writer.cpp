// Group commit: batches of jobs, each under a savepoint, one durable COMMIT per batch.
#include "gateway/store/group_writer.hpp"

#include <chrono>

#include "core/log.hpp"
#include "core/thread_name.hpp"
#include "core/thread_priority.hpp"

namespace gw::gateway::store {
namespace {
const core::Logger kLog("gateway.store.writer");
}

GroupWriter::GroupWriter(std::unique_ptr<Db> db, Options options, WriterObserver* observer)
    : db_(std::move(db)),
      options_(options),
      observer_(observer),
      thread_(core::StartNamedThread("store-writer", [this] { Loop(); })) {}

GroupWriter::~GroupWriter() {
  Stop();
}

core::Status GroupWriter::Submit(Job job) {
  Completion done;
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      return core::MakeError(core::ErrorCode::kUnavailable, "the store is shutting down");
    }
    queue_.push_back(Pending{std::move(job), &done});
    // Wake the writer only when it sleeps: while it is busy it takes the whole queue when it
    // comes back, and a futex wake per request would cost more than the batching saves.
    wake = writer_idle_;
  }
  if (wake) cv_.notify_one();
  {
    std::unique_lock lock(done.mu);
    done.cv.wait(lock, [&] { return done.done; });
  }
  // Our part of waking the batch (see Completion); `next` was set before we were woken.
  for (Completion* next : done.next) {
    if (next != nullptr) Wake(next);
  }
  return std::move(done.result);
}

void GroupWriter::Wake(Completion* c) {
  // Notified under the lock: the submitter cannot see `done` and destroy `c` before we let go.
  std::lock_guard lock(c->mu);
  c->done = true;
  c->cv.notify_one();
}

void GroupWriter::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool GroupWriter::stopping() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

std::size_t GroupWriter::QueueDepth() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void GroupWriter::Loop() {
  if (options_.nice != 0) {
    if (core::Status st = core::SetThisThreadNice(options_.nice); !st.ok()) {
      kLog.Info("the store writer keeps its priority",
                {{"error", st.error().message}, {"detail", st.error().detail}});
    }
  }
  std::deque<Pending> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      writer_idle_ = true;
      cv_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      writer_idle_ = false;
      if (queue_.empty()) return;  // stopping, and everything queued has been committed
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      if (observer_ != nullptr) observer_->OnQueueDepth(queue_.size());
    }
    RunBatch(batch);
    batch.clear();
  }
}

void GroupWriter::RunBatch(std::deque<Pending>& batch) {
  const auto start = std::chrono::steady_clock::now();
  // Each job's result goes straight to its submitter's Completion (read only once woken); a
  // batch that cannot begin or commit overwrites them all.
  auto refuse_all = [&](const char* detail) {
    for (auto& p : batch) {
      p.done->result =
          core::MakeError(core::ErrorCode::kUnavailable, "the store is unavailable", detail);
    }
    Answer(batch);
  };
  try {
    db_->Prepare("BEGIN IMMEDIATE").Run();
    if (options_.at_batch_start) options_.at_batch_start(*db_);
  } catch (const SqliteError& e) {
    kLog.Error("cannot begin a write transaction", {{"error", e.what()}});
    if (sqlite3_get_autocommit(db_->raw()) == 0) {
      sqlite3_exec(db_->raw(), "ROLLBACK", nullptr, nullptr, nullptr);  // begun, hook failed
    }
    return refuse_all(e.what());
  }
  for (auto& p : batch) {
    try {
      db_->Prepare("SAVEPOINT job").Run();
      p.job(*db_);
      db_->Prepare("RELEASE job").Run();
    } catch (const std::exception& e) {
      // The job's own changes go; the batch goes on.
      try {
        db_->Prepare("ROLLBACK TO job").Run();
        db_->Prepare("RELEASE job").Run();
      } catch (const SqliteError& inner) {
        kLog.Error("cannot roll back a failed job", {{"error", inner.what()}});
      }
      bool is_sqlite = dynamic_cast<const SqliteError*>(&e) != nullptr;
      kLog.Warn("store job failed", {{"error", e.what()}});
      p.done->result =
          core::MakeError(is_sqlite ? core::ErrorCode::kUnavailable : core::ErrorCode::kInternal,
                          "the store could not save this request", e.what());
    }
  }
  try {
    db_->ResetStatements();  // no job's half-read statement may outlive the transaction
    db_->Prepare("COMMIT").Run();
  } catch (const SqliteError& e) {
    kLog.Error("commit failed; the whole batch is refused",
               {{"error", e.what()}, {"batch", std::to_string(batch.size())}});
    try {
      db_->Prepare("ROLLBACK").Run();
    } catch (const SqliteError&) {
      // Already rolled back by SQLite on some errors (e.g. SQLITE_FULL).
    }
    return refuse_all(e.what());
  }
  if (observer_ != nullptr) {
    observer_->OnCommit(
        batch.size(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  Answer(batch);
}

void GroupWriter::Answer(std::deque<Pending>& batch) {
  // Every result and link is in place before the first wake, which publishes them all: each
  // submitter is woken under its lock by one that was woken after these writes.
  const std::size_t n = batch.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < 2; ++k) {
      if (2 * i + 1 + k < n) batch[i].done->next[k] = batch[2 * i + 1 + k].done;
    }
  }
  Wake(batch.front().done);
}

}  // namespace gw::gateway::store
