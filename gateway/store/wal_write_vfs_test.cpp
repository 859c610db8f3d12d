// Tests of the WAL write-gathering VFS: fewer writes, the same data for readers and after a
// reopen, large transactions, and a failed write that fails the commit and changes nothing.
#include "gateway/store/wal_write_vfs.hpp"

#include <doctest/doctest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <string>

#include "gateway/store/sqlite_store.hpp"
#include "tests/support/temp_dir.hpp"

using gw::gateway::store::Db;
using gw::gateway::store::OpenSqlite;
using gw::gateway::store::SqliteConfig;
using gw::gateway::store::SqliteError;
using gw::gateway::store::WalWriteVfsCounts;

namespace {

std::unique_ptr<Db> OpenWriter(const std::string& path) {
  SqliteConfig c;
  c.path = path;
  auto db = OpenSqlite(c, Db::Mode::kReadWrite);  // the store's writer: the shim, FULL
  db->Exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  return db;
}

void InsertRows(Db& db, int first, int count, std::size_t bytes) {
  db.Exec("BEGIN IMMEDIATE");
  for (int i = first; i < first + count; ++i) {
    db.Prepare("INSERT INTO t (id, v) VALUES (?1, ?2)")
        .Bind(1, std::int64_t{i})
        .Bind(2, std::string(bytes, static_cast<char>('a' + i % 26)))
        .Run();
  }
  db.Exec("COMMIT");
}

// Read through SQLite's default VFS, as the store's readers do.
std::int64_t CountRows(const std::string& path) {
  auto db = Db::Open(path, Db::Mode::kReadOnly);
  auto& s = db->Prepare("SELECT count(*) FROM t");
  s.Step();
  return s.Int(0);
}

std::string IntegrityCheck(const std::string& path) {
  auto db = Db::Open(path, Db::Mode::kReadOnly);
  auto& s = db->Prepare("PRAGMA integrity_check");
  s.Step();
  return s.Text(0);
}

}  // namespace

TEST_CASE("a transaction's WAL writes reach the file as one write, and readers see the rows") {
  gw::testing::TempDir dir;
  const auto path = dir.File("g.db");
  auto writer = OpenWriter(path);
  const auto before = WalWriteVfsCounts();
  InsertRows(*writer, 1, 40, 1000);  // ~10 pages of rows: two writes per page asked of the VFS
  const auto after = WalWriteVfsCounts();
  const long requested = after.requested - before.requested;
  const long made = after.made - before.made;
  CHECK(requested >= 20);
  CHECK(made >= 1);
  CHECK(made <= 2);
  CHECK(CountRows(path) == 40);
}

TEST_CASE("a transaction bigger than one write of the base VFS commits whole") {
  // SQLite's unix VFS writes at most 128 KiB - 1 per call; a longer buffer must be split.
  gw::testing::TempDir dir;
  const auto path = dir.File("big.db");
  {
    auto writer = OpenWriter(path);
    InsertRows(*writer, 1, 600, 4000);  // ~2.4 MB in one commit
    InsertRows(*writer, 601, 3, 10);
    CHECK(CountRows(path) == 603);
  }
  // Reopened after every connection closed: what is in the file is what was committed.
  CHECK(IntegrityCheck(path) == "ok");
  CHECK(CountRows(path) == 603);
  auto again = OpenWriter(path);
  InsertRows(*again, 604, 1, 10);
  CHECK(CountRows(path) == 604);
}

TEST_CASE("the WAL is checkpointed and restarted through the shim without losing rows") {
  gw::testing::TempDir dir;
  const auto path = dir.File("ckpt.db");
  auto writer = OpenWriter(path);
  writer->Exec("PRAGMA wal_autocheckpoint = 50");  // restart the WAL often: header rewrites
  for (int i = 0; i < 60; ++i) InsertRows(*writer, i * 10 + 1, 10, 1500);
  CHECK(CountRows(path) == 600);
  CHECK(IntegrityCheck(path) == "ok");
  CHECK(std::filesystem::file_size(path + "-wal") < 60 * 4096 * 4);  // it did restart
}

TEST_CASE("a WAL write that fails fails its commit and leaves the committed data as it was") {
  gw::testing::TempDir dir;
  const auto path = dir.File("fail.db");
  auto writer = OpenWriter(path);
  InsertRows(*writer, 1, 5, 100);

  // A real write failure: the file size limit (what a full disk looks like to SQLite). The
  // commit's one gathered write crosses it.
  rlimit old{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old;
  small.rlim_cur = std::filesystem::file_size(path + "-wal") + 64 * 1024;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  bool failed = false;
  try {
    InsertRows(*writer, 100, 100, 4000);
  } catch (const SqliteError&) {
    failed = true;
  }
  REQUIRE(setrlimit(RLIMIT_FSIZE, &old) == 0);
  std::signal(SIGXFSZ, old_handler);
  CHECK(failed);
  if (sqlite3_get_autocommit(writer->raw()) == 0) writer->Exec("ROLLBACK");

  CHECK(CountRows(path) == 5);
  CHECK(IntegrityCheck(path) == "ok");
  InsertRows(*writer, 6, 2, 100);  // the connection goes on after the failure
  CHECK(CountRows(path) == 7);
}

TEST_CASE("opening the writer through the shim leaves SQLite's memory statistics off") {
  // The shim's registration touches SQLite; done before ConfigureSqliteOnce, it initialised
  // SQLite first and the statistics (one process-wide mutex per allocation) stayed on. This holds
  // as long as every test of this binary reaches SQLite through the store, as they do.
  gw::testing::TempDir dir;
  auto db = OpenWriter(dir.File("m.db"));
  InsertRows(*db, 1, 3, 10);
  CHECK(sqlite3_memory_used() == 0);  // what SQLite answers when it keeps no statistics
}
