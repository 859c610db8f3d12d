// Ceiling for bench/intake: raw SQLite inserts with the store's durability settings (WAL,
// synchronous=FULL), committed in batches like the group writer does, on one thread.
// Usage: bench_sqlite_insert DB_PATH ROWS BATCH   (prints rows/s)
#include <chrono>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "gateway/store/sqlite_store.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    fmt::print(stderr, "usage: bench_sqlite_insert DB_PATH ROWS BATCH\n");
    return 2;
  }
  gw::gateway::store::SqliteConfig config;
  config.path = argv[1];
  const long rows = std::atol(argv[2]);
  const long batch = std::atol(argv[3]);
  auto db = gw::gateway::store::OpenSqlite(config, gw::gateway::store::Db::Mode::kReadWrite);
  db->Exec(
      "CREATE TABLE IF NOT EXISTS bench (id INTEGER PRIMARY KEY, user TEXT NOT NULL, "
      "body TEXT NOT NULL, at INTEGER NOT NULL)");
  const std::string body =
      R"({"user_id":"bench-user-00042","text":"tra cứu hồ sơ 000.00.12.H29-241023-0001"})";
  const auto start = std::chrono::steady_clock::now();
  for (long done = 0; done < rows;) {
    db->Exec("BEGIN IMMEDIATE");
    for (long i = 0; i < batch && done < rows; ++i, ++done) {
      db->Prepare("INSERT INTO bench (user, body, at) VALUES (?1, ?2, ?3)")
          .Bind(1, "bench-user-00042")
          .Bind(2, body)
          .Bind(3, std::int64_t{done})
          .Run();
    }
    db->Exec("COMMIT");
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("sqlite_insert rows={} batch={} seconds={:.3f} rows_per_sec={:.0f}\n", rows, batch,
             secs, static_cast<double>(rows) / secs);
  return 0;
}
