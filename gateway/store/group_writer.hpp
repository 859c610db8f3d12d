// The store's single writer: callers submit jobs, one thread runs them in batches inside one
// transaction and commits once per batch (group commit). A job's Submit() returns only after the
// commit that holds it is durable, so the caller may acknowledge at once.
//
// Why one writer: SQLite allows one writer at a time anyway; funnelling writes through a thread
// turns N fsyncs into one per batch, which is what makes durable intake fast.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/result.hpp"
#include "gateway/store/sqlite.hpp"

namespace gw::gateway::store {

// Observations the writer reports (to Prometheus, in gateway/metrics.cpp). Called from the
// writer thread only.
class WriterObserver {
 public:
  virtual ~WriterObserver() = default;
  virtual void OnCommit(std::size_t batch_size, double seconds) = 0;
  virtual void OnQueueDepth(std::size_t depth) = 0;
};

class GroupWriter {
 public:
  // A unit of work run inside the batch's transaction, under its own savepoint: if it throws,
  // only its own changes are rolled back and only its Submit() fails.
  using Job = std::function<void(Db&)>;

  struct Options {
    std::size_t max_batch = 512;
    // Called by the writer thread at the start of each batch, inside its transaction (the store
    // checks there whether another process wrote). May be empty.
    std::function<void(Db&)> at_batch_start;
    // The writer thread's nice value; 0 leaves it as it is. Every request waits on this one
    // thread, so it should not queue for the CPU behind the requests that wait on it. A value
    // the process may not set is logged and the writer runs as it is.
    int nice = 0;
  };

  // Takes the write connection. `observer` may be null; not owned.
  GroupWriter(std::unique_ptr<Db> db, Options options, WriterObserver* observer);
  ~GroupWriter();
  GroupWriter(const GroupWriter&) = delete;
  GroupWriter& operator=(const GroupWriter&) = delete;

  // Runs `job` and blocks until its batch is committed (or failed). Thread-safe.
  // Errors: kUnavailable when the commit failed or the writer is stopped; kInternal when the job
  // itself threw.
  core::Status Submit(Job job);

  // Commits what is queued, then stops the thread. Later Submit() calls fail. Idempotent.
  void Stop();

  std::size_t QueueDepth() const;
  // True once Stop() was called: writes are refused from then on.
  bool stopping() const;

 private:
  // Where a job's result goes: on the submitting thread's stack, which waits on it. Not a
  // std::promise: setting one runs std::call_once, a futex wake of its own for every job on the
  // writer's thread (measured with `perf record -e syscalls:sys_enter_futex`: 30% of the
  // process's futex calls). The condition variable's own extra wake (glibc marks the mutex
  // contended after a wait, so the submitter's unlock wakes) is on the submitter's thread, off
  // the one thread every request waits for.
  //
  // A committed batch's submitters wake one another: the writer wakes the first, and each
  // submitter, once awake, wakes the two after it in the batch (a binary tree over the batch:
  // job i wakes jobs 2i+1 and 2i+2). Waking each submitter from the writer had cost the writer a
  // futex wake per job and a preemption by nearly every woken thread, and every request queues
  // behind the writer (docs/PERFORMANCE.md, "The writer first").
  struct Completion {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    core::Status result = core::Ok{};
    // Set by the writer before this completion is woken; woken by this submitter in turn.
    Completion* next[2] = {nullptr, nullptr};
  };
  struct Pending {
    Job job;
    Completion* done;
  };
  // Wakes a submitter whose result is already in place. The last use of `c`: the submitter may
  // return as soon as it can take the lock.
  static void Wake(Completion* c);
  // Links the batch's completions into the wake tree and wakes its first submitter.
  static void Answer(std::deque<Pending>& batch);
  void Loop();
  void RunBatch(std::deque<Pending>& batch);

  std::unique_ptr<Db> db_;
  Options options_;
  WriterObserver* observer_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  bool writer_idle_ = false;  // the writer waits on cv_ (guarded by mu_)
  std::thread thread_;
};

}  // namespace gw::gateway::store
