// Tests of group commit: batching, isolation of a failing job, stop semantics.
#include "gateway/store/group_writer.hpp"

#include <doctest/doctest.h>
#include <linux/capability.h>
#include <sys/resource.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/thread_priority.hpp"
#include "gateway/store/sqlite_store.hpp"
#include "tests/support/capabilities.hpp"
#include "tests/support/temp_dir.hpp"

using gw::gateway::store::Db;
using gw::gateway::store::GroupWriter;

namespace {

class CountingObserver : public gw::gateway::store::WriterObserver {
 public:
  void OnCommit(std::size_t batch, double) override {
    commits++;
    jobs += batch;
    if (batch > 1) multi_job_batches++;
  }
  void OnQueueDepth(std::size_t) override {}
  std::atomic<int> commits{0}, jobs{0}, multi_job_batches{0};
};

std::unique_ptr<Db> OpenTable(const std::string& path) {
  gw::gateway::store::SqliteConfig c;
  c.path = path;
  auto db = gw::gateway::store::OpenSqlite(c, Db::Mode::kReadWrite);
  db->Exec("CREATE TABLE IF NOT EXISTS t (v INTEGER NOT NULL UNIQUE)");
  return db;
}

int Count(const std::string& path) {
  auto db = Db::Open(path, Db::Mode::kReadOnly);
  auto& s = db->Prepare("SELECT count(*) FROM t");
  s.Step();
  return static_cast<int>(s.Int(0));
}

}  // namespace

TEST_CASE("concurrent submits are committed in shared batches, each acknowledged once durable") {
  gw::testing::TempDir dir;
  const auto path = dir.File("w.db");
  CountingObserver obs;
  {
    GroupWriter::Options options;
    options.max_batch = 64;
    GroupWriter writer(OpenTable(path), options, &obs);
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 50; ++i) {
          int v = t * 1000 + i;
          auto st = writer.Submit([v](Db& db) {
            db.Prepare("INSERT INTO t (v) VALUES (?1)").Bind(1, std::int64_t{v}).Run();
          });
          if (st.ok()) ok++;
        }
      });
    }
    for (auto& th : threads) th.join();
    CHECK(ok == 400);
  }
  CHECK(obs.jobs == 400);
  CHECK(obs.commits < 400);  // some batches held more than one job
  CHECK(obs.multi_job_batches > 0);
  CHECK(Count(path) == 400);
}

TEST_CASE("every submitter of one large batch is woken with its own job's result") {
  // The submitters of a batch wake one another (group_writer.hpp); a link lost or two results
  // swapped would leave a submitter waiting for ever or answered with another's result.
  gw::testing::TempDir dir;
  CountingObserver obs;
  GroupWriter writer(OpenTable(dir.File("w.db")), {}, &obs);
  std::atomic<bool> running{false}, release{false};
  std::thread holder([&] {  // keeps the writer busy while the batch queues behind it
    CHECK(writer
              .Submit([&](Db&) {
                running = true;
                while (!release) std::this_thread::yield();
              })
              .ok());
  });
  while (!running) std::this_thread::yield();
  constexpr int kJobs = 21;
  std::vector<std::thread> submitters;
  std::vector<gw::core::Status> results(kJobs, gw::core::Ok{});
  for (int i = 0; i < kJobs; ++i) {
    submitters.emplace_back([&, i] {
      results[i] = writer.Submit([i](Db& db) {
        if (i % 3 == 1) throw std::logic_error("job " + std::to_string(i));
        db.Prepare("INSERT INTO t (v) VALUES (?1)").Bind(1, std::int64_t{i}).Run();
      });
    });
  }
  while (writer.QueueDepth() < kJobs) std::this_thread::yield();
  release = true;
  holder.join();
  for (auto& t : submitters) t.join();
  CHECK(obs.commits == 2);  // the holder's batch, then all the others in one
  for (int i = 0; i < kJobs; ++i) {
    CAPTURE(i);
    if (i % 3 == 1) {
      REQUIRE_FALSE(results[i].ok());
      CHECK(results[i].error().detail == "job " + std::to_string(i));
    } else {
      CHECK(results[i].ok());
    }
  }
}

TEST_CASE("a failing job rolls back only itself") {
  gw::testing::TempDir dir;
  const auto path = dir.File("w.db");
  GroupWriter writer(OpenTable(path), {}, nullptr);
  auto insert = [](int v) {
    return
        [v](Db& db) { db.Prepare("INSERT INTO t (v) VALUES (?1)").Bind(1, std::int64_t{v}).Run(); };
  };
  CHECK(writer.Submit(insert(1)).ok());
  // Two inserts, the second violates UNIQUE: the job fails and its first insert goes too.
  auto st = writer.Submit([](Db& db) {
    db.Prepare("INSERT INTO t (v) VALUES (?1)").Bind(1, std::int64_t{2}).Run();
    db.Prepare("INSERT INTO t (v) VALUES (?1)").Bind(1, std::int64_t{1}).Run();
  });
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == gw::core::ErrorCode::kUnavailable);
  auto thrown = writer.Submit([](Db&) { throw std::logic_error("bug"); });
  CHECK(thrown.error().code == gw::core::ErrorCode::kInternal);
  CHECK(writer.Submit(insert(3)).ok());
  writer.Stop();
  CHECK(Count(path) == 2);
}

TEST_CASE("after Stop, submits fail instead of hanging") {
  gw::testing::TempDir dir;
  GroupWriter writer(OpenTable(dir.File("w.db")), {}, nullptr);
  writer.Stop();
  writer.Stop();  // idempotent
  auto st = writer.Submit([](Db&) {});
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message == "the store is shutting down");
}

TEST_CASE("the batch-start hook runs inside each batch; when it fails, the batch fails alone") {
  gw::testing::TempDir dir;
  const auto path = dir.File("w.db");
  std::atomic<int> calls{0};
  std::atomic<bool> fail{false};
  GroupWriter::Options options;
  options.at_batch_start = [&](Db& db) {
    CHECK(sqlite3_get_autocommit(db.raw()) == 0);  // inside the batch's transaction
    calls++;
    if (fail) throw gw::gateway::store::SqliteError(SQLITE_IOERR, "hook failed");
  };
  GroupWriter writer(OpenTable(path), options, nullptr);
  auto insert = [](int v) {
    return
        [v](Db& db) { db.Prepare("INSERT INTO t (v) VALUES (?1)").Bind(1, std::int64_t{v}).Run(); };
  };
  REQUIRE(writer.Submit(insert(1)).ok());
  CHECK(calls == 1);
  fail = true;
  auto refused = writer.Submit(insert(2));
  CHECK_FALSE(refused.ok());
  CHECK(refused.error().code == gw::core::ErrorCode::kUnavailable);
  // Refused batches of several jobs: every submitter is woken with the refusal.
  std::vector<std::thread> several;
  std::atomic<int> refusals{0};
  for (int i = 0; i < 6; ++i) {
    several.emplace_back([&, i] {
      auto st = writer.Submit(insert(10 + i));
      if (!st.ok() && st.error().code == gw::core::ErrorCode::kUnavailable) refusals++;
    });
  }
  for (auto& t : several) t.join();
  CHECK(refusals == 6);
  fail = false;
  CHECK(writer.Submit(insert(3)).ok());  // no transaction was left open by the failure
  writer.Stop();
  CHECK(Count(path) == 2);
}

TEST_CASE("the writer thread runs at its configured nice value, or as it is when not allowed") {
  gw::testing::TempDir dir;
  const int inherited = gw::core::ThisThreadNice();
  auto nice_seen_by_jobs = [&](int nice) {
    GroupWriter::Options options;
    options.nice = nice;
    GroupWriter writer(OpenTable(dir.File("w.db")), options, nullptr);
    int seen = 100;
    REQUIRE(writer.Submit([&](Db&) { seen = gw::core::ThisThreadNice(); }).ok());
    return seen;
  };
  CHECK(nice_seen_by_jobs(inherited + 4) == inherited + 4);  // lowering is always allowed
  CHECK(nice_seen_by_jobs(0) == inherited);
  // Started by a thread that may not raise priorities, the writer cannot either: it says so in
  // the log and still writes.
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_NICE, &saved) == 0);
  rlimit none{0, saved.rlim_max};
  REQUIRE(setrlimit(RLIMIT_NICE, &none) == 0);
  std::thread unprivileged([&] {
    REQUIRE(gw::testing::DropCapabilityForThisThread(CAP_SYS_NICE));
    CHECK(nice_seen_by_jobs(inherited - 5) == inherited);
  });
  unprivileged.join();
  setrlimit(RLIMIT_NICE, &saved);
}
