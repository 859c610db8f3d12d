// Tests of the hash-chained data-message log: appends verify, and edits and deletions are caught.
#include "gateway/store/message_log.hpp"

#include <doctest/doctest.h>

#include "gateway/store/migrations.hpp"
#include "gateway/store/sqlite_store.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gw::gateway::store;

namespace {

std::unique_ptr<Db> NewLog(const std::string& path, int records) {
  SqliteConfig c;
  c.path = path;
  auto db = OpenSqlite(c, Db::Mode::kReadWrite);
  Migrate(*db);
  for (int i = 1; i <= records; ++i) {
    AppendToLog(*db, LogEntry{i % 2 ? "in" : "out", "sms", "smsc-1", "+84912345678", "8088",
                              std::int64_t{1000} * i, std::int64_t{1000} * i + 5, "text/plain",
                              "tra cuu ho so " + std::to_string(i)});
  }
  return db;
}

// What an intruder with the database file can do: drop the guard triggers, then write.
void Tamper(Db& db, const std::string& sql) {
  db.Exec("DROP TRIGGER IF EXISTS message_log_no_update");
  db.Exec("DROP TRIGGER IF EXISTS message_log_no_delete");
  db.Exec(sql);
}

}  // namespace

TEST_CASE("an untouched log verifies and reports its head") {
  gw::testing::TempDir dir;
  auto db = NewLog(dir.File("log.db"), 5);
  auto r = VerifyLog(*db, std::nullopt);
  CHECK(r.ok);
  CHECK(r.records == 5);
  CHECK(r.head.seq == 5);
  CHECK(r.head.hash_hex.size() == 64);
  CHECK(VerifyLog(*db, r.head).ok);
}

TEST_CASE("the triggers refuse ordinary updates and deletes") {
  gw::testing::TempDir dir;
  auto db = NewLog(dir.File("log.db"), 2);
  CHECK_THROWS_WITH_AS(db->Exec("UPDATE message_log SET sender = 'x' WHERE seq = 1"),
                       doctest::Contains("append-only"), SqliteError);
  CHECK_THROWS_WITH_AS(db->Exec("DELETE FROM message_log WHERE seq = 2"),
                       doctest::Contains("append-only"), SqliteError);
}

TEST_CASE("an edited record and a deleted record are both caught, the first one named") {
  gw::testing::TempDir dir;
  auto db = NewLog(dir.File("log.db"), 6);
  SUBCASE("edit of a payload") {
    Tamper(*db, "UPDATE message_log SET payload = 'tra cuu ho so 999' WHERE seq = 3");
    auto r = VerifyLog(*db, std::nullopt);
    CHECK_FALSE(r.ok);
    CHECK(r.first_broken_seq == 3);
    CHECK(r.problem == "record 3 was altered (its content no longer matches its hash)");
  }
  SUBCASE("edit of metadata with the hash recomputed by the intruder still breaks the chain") {
    // Recomputing record 2's own hash is possible for an intruder; record 3 then no longer chains.
    Tamper(*db, "UPDATE message_log SET received_at = 1 WHERE seq = 2");
    LogEntry e{"out", "sms", "smsc-1",     "+84912345678",   "8088",
               2000,  1,     "text/plain", "tra cuu ho so 2"};
    auto& prev = db->Prepare("SELECT prev_hash FROM message_log WHERE seq = 2");
    prev.Step();
    std::string new_hash = ComputeLogHash(prev.Blob(0), 2, e);
    prev.Reset();
    db->Prepare("UPDATE message_log SET hash = ?1 WHERE seq = 2").BindBlob(1, new_hash).Run();
    auto r = VerifyLog(*db, std::nullopt);
    CHECK_FALSE(r.ok);
    CHECK(r.first_broken_seq == 3);
    CHECK(r.problem == "record 3 does not chain to record 2 (prev_hash differs)");
  }
  SUBCASE("an edit and a deletion: the earlier is named first") {
    Tamper(*db, "UPDATE message_log SET sender = '+84900000000' WHERE seq = 4");
    Tamper(*db, "DELETE FROM message_log WHERE seq = 2");
    auto r = VerifyLog(*db, std::nullopt);
    CHECK_FALSE(r.ok);
    CHECK(r.first_broken_seq == 2);
    CHECK(r.problem == "record 2 is missing (deleted); the chain resumes at 3");
    CHECK(r.records == 5);
    REQUIRE(r.problems.size() == 2);  // both are caught
    CHECK(r.problems[1].seq == 4);
    CHECK(r.problems[1].what == "record 4 was altered (its content no longer matches its hash)");
  }
  SUBCASE("deleting the newest records is caught only against a recorded head") {
    auto head = VerifyLog(*db, std::nullopt).head;
    Tamper(*db, "DELETE FROM message_log WHERE seq >= 5");
    CHECK(VerifyLog(*db, std::nullopt).ok);
    auto r = VerifyLog(*db, head);
    CHECK_FALSE(r.ok);
    CHECK(r.first_broken_seq == 6);
    CHECK(r.problem == "record 6 (the recorded head) is missing: newer records were deleted");
  }
}

TEST_CASE("log heads parse from what verify-log prints") {
  auto h = ParseLogHead("12:" + std::string(64, 'a'));
  REQUIRE(h);
  CHECK(h->seq == 12);
  CHECK_FALSE(ParseLogHead("12:abc"));
  CHECK_FALSE(ParseLogHead("x:" + std::string(64, 'a')));
  CHECK_FALSE(ParseLogHead("0:" + std::string(64, 'a')));
  CHECK_FALSE(ParseLogHead("3:" + std::string(64, 'G')));
}
