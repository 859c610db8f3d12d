// Tests of the SQLite store: turns, deduplication of provider retries, history, persistence.
#include "gateway/store/sqlite_store.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>

#include "gateway/store/wal_write_vfs.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gw::gateway::store;
using gw::core::ChannelKind;

namespace {

gw::core::TurnRecord Turn(const std::string& user, const std::string& text,
                          const std::string& id = "") {
  gw::core::TurnRecord t;
  t.inbound.channel = ChannelKind::kApp;
  t.inbound.sender = user;
  t.inbound.receiver = "app";
  t.inbound.origin = "127.0.0.1";
  t.inbound.text = text;
  t.inbound.provider_message_id = id;
  t.inbound.raw_payload = R"({"user_id":")" + user + R"(","text":")" + text + R"("})";
  t.inbound.content_type = "application/json";
  t.inbound.received_at = gw::core::FromUnixMillis(1'700'000'000'000);
  gw::core::Reply r;
  r.text = "trả lời: " + text;
  r.options = {{"menu", "Menu chính"}};
  t.replies.push_back(r);
  gw::core::Reply refusal;
  refusal.text = "ngoài phạm vi";
  refusal.rejection.emplace(gw::core::ReasonCode::kOutOfScope, refusal.text);
  t.replies.push_back(refusal);
  t.outbound_payload = R"({"replies":[]})";
  t.outbound_content_type = "application/json";
  return t;
}

SqliteConfig Config(const gw::testing::TempDir& dir) {
  SqliteConfig c;
  c.path = dir.File("data/caunoi.db");  // the folder is created on open
  return c;
}

}  // namespace

TEST_CASE("a turn opens a conversation and stores both sides, in the log too") {
  gw::testing::TempDir dir;
  auto store = SqliteStore::Open(Config(dir), nullptr);
  REQUIRE(store.ok());
  auto r1 = (*store)->RecordTurn(Turn("u1", "xin chào"));
  REQUIRE(r1.ok());
  CHECK_FALSE(r1->duplicate);
  auto r2 = (*store)->RecordTurn(Turn("u1", "menu"));
  REQUIRE(r2.ok());
  CHECK(r2->conversation_id == r1->conversation_id);
  CHECK(r2->citizen_id == r1->citizen_id);
  auto other = (*store)->RecordTurn(Turn("u2", "menu"));
  CHECK(other->conversation_id != r1->conversation_id);

  auto history = (*store)->RecentMessages({ChannelKind::kApp, "u1"}, 0, 100);
  REQUIRE(history.ok());
  REQUIRE(history->size() == 6);
  CHECK((*history)[0].direction == "in");
  CHECK((*history)[0].text == "xin chào");
  CHECK((*history)[1].options.size() == 1);
  CHECK((*history)[2].reason_code == "out_of_scope");
  auto after = (*store)->RecentMessages({ChannelKind::kApp, "u1"}, (*history)[2].id, 100);
  CHECK(after->size() == 3);

  auto log = (*store)->VerifyMessageLog(std::nullopt);
  REQUIRE(log.ok());
  CHECK(log->ok);
  CHECK(log->records == 6);  // one record in, one out, per turn
}

TEST_CASE("a provider retry is stored once and answered with the first replies") {
  gw::testing::TempDir dir;
  auto store = SqliteStore::Open(Config(dir), nullptr);
  REQUIRE(store.ok());
  auto first = (*store)->RecordTurn(Turn("u1", "xin chào", "msg-1"));
  auto retry = (*store)->RecordTurn(Turn("u1", "something else", "msg-1"));
  REQUIRE(retry.ok());
  CHECK(retry->duplicate);
  CHECK(retry->inbound_message_id == first->inbound_message_id);
  REQUIRE(retry->replies.size() == 2);
  CHECK(retry->replies[0].text == "trả lời: xin chào");
  REQUIRE(retry->replies[1].rejection.has_value());
  CHECK(retry->replies[1].rejection->code() == gw::core::ReasonCode::kOutOfScope);
  CHECK((*store)->RecentMessages({ChannelKind::kApp, "u1"}, 0, 100)->size() == 3);
  CHECK((*store)->VerifyMessageLog(std::nullopt)->records == 2);
}

TEST_CASE("what was acknowledged is there after reopening") {
  gw::testing::TempDir dir;
  {
    auto store = SqliteStore::Open(Config(dir), nullptr);
    REQUIRE(store.ok());
    for (int i = 0; i < 20; ++i)
      REQUIRE((*store)->RecordTurn(Turn("u1", "tin " + std::to_string(i))).ok());
  }
  auto store = SqliteStore::Open(Config(dir), nullptr);
  REQUIRE(store.ok());
  CHECK((*store)->RecentMessages({ChannelKind::kApp, "u1"}, 0, 500)->size() == 60);
  CHECK((*store)->Ping().ok());
  (*store)->Close();
  CHECK((*store)->Ping().error().message == "the store is shutting down");
  auto after_close = (*store)->RecordTurn(Turn("u1", "late"));
  REQUIRE_FALSE(after_close.ok());
  CHECK(after_close.error().code == gw::core::ErrorCode::kUnavailable);
}

TEST_CASE("a database newer than the binary is refused; without auto-migrate an old one is too") {
  gw::testing::TempDir dir;
  auto config = Config(dir);
  {
    auto store = SqliteStore::Open(config, nullptr);
    REQUIRE(store.ok());
  }
  {
    auto db = Db::Open(config.path, Db::Mode::kReadWrite);
    db->Exec("PRAGMA user_version = 99");
  }
  auto newer = SqliteStore::Open(config, nullptr);
  REQUIRE_FALSE(newer.ok());
  CHECK(newer.error().detail.find("newer than this binary") != std::string::npos);

  gw::testing::TempDir fresh;
  auto manual = Config(fresh);
  manual.auto_migrate = false;
  auto old = SqliteStore::Open(manual, nullptr);
  REQUIRE_FALSE(old.ok());
  CHECK(old.error().message.find("run `caunoi migrate`") != std::string::npos);
}

TEST_CASE("a large write job keeps its savepoint's journal in memory, not in a temporary file") {
  gw::testing::TempDir dir;
  auto store = SqliteStore::Open(Config(dir), nullptr);
  REQUIRE(store.ok());
  const long before = WalWriteVfsCounts().temp_files;
  // ~400 KiB of new pages under the job's savepoint: past the 64 KiB SQLite keeps in memory
  // by default before it spills the journal to a file.
  REQUIRE((*store)
              ->RunWrite([](Db& db) {
                db.Exec("CREATE TABLE IF NOT EXISTS scratch (x BLOB)");
                db.Exec(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
                    "INSERT INTO scratch SELECT zeroblob(2000) FROM n");
                db.Exec("UPDATE scratch SET x = zeroblob(1999)");
              })
              .ok());
  CHECK(WalWriteVfsCounts().temp_files == before);
}

TEST_CASE("the WAL is copied back into the database every checkpoint_pages pages") {
  gw::testing::TempDir dir;
  auto config = Config(dir);
  config.checkpoint_pages = 50;  // 200 KiB
  auto store = SqliteStore::Open(config, nullptr);
  REQUIRE(store.ok());
  // ~2 MB in 200 commits: without checkpoints the WAL would hold all of it.
  for (int i = 0; i < 200; ++i) {
    REQUIRE((*store)
                ->RunWrite([i](Db& db) {
                  if (i == 0) db.Exec("CREATE TABLE scratch (x BLOB)");
                  db.Exec("INSERT INTO scratch VALUES (zeroblob(10000))");
                })
                .ok());
  }
  const auto wal = std::filesystem::file_size(config.path + "-wal");
  CHECK(wal < 400 * 1024);  // restarted after each checkpoint: 50 pages and one commit's worth
  CHECK(std::filesystem::file_size(config.path) > 2'000'000);  // the rows are in the database
}

TEST_CASE("an unwritable path is an error, not a crash") {
  SqliteConfig c;
  c.path = "/proc/caunoi/cannot/caunoi.db";
  auto store = SqliteStore::Open(c, nullptr);
  CHECK_FALSE(store.ok());
}

TEST_CASE("the look-up before a turn finds a retry, else the open conversation, and never lags") {
  gw::testing::TempDir dir;
  auto store = SqliteStore::Open(Config(dir), nullptr);
  REQUIRE(store.ok());
  const gw::core::Contact u1{ChannelKind::kApp, "u1"};

  auto fresh = (*store)->LookUpTurn(u1, "m1");
  REQUIRE(fresh.ok());
  CHECK_FALSE(fresh->earlier);
  CHECK(fresh->snapshot.conversation_id == 0);
  CHECK(fresh->snapshot.status == "bot");

  auto first = Turn("u1", "xin chào", "m1");
  first.dialog_state = R"({"v":1,"flow":"lookup"})";
  auto stored = (*store)->RecordTurn(first);
  REQUIRE(stored.ok());

  // The same provider id again is a retry: its receipt, with the replies as stored.
  auto retry = (*store)->LookUpTurn(u1, "m1");
  REQUIRE(retry.ok());
  REQUIRE(retry->earlier);
  CHECK(retry->earlier->duplicate);
  CHECK(retry->earlier->conversation_id == stored->conversation_id);
  REQUIRE(retry->earlier->replies.size() == 2);
  CHECK(retry->earlier->replies[1].rejection);

  // A new id reads the conversation the first turn left, and each look-up sees the newest
  // commit (its read transaction ended with it).
  for (const char* state : {R"({"v":1,"flow":"info"})", R"({"v":1,"flow":"submit"})"}) {
    auto next = (*store)->LookUpTurn(u1, "");
    REQUIRE(next.ok());
    CHECK_FALSE(next->earlier);  // an empty provider id is never a retry
    CHECK(next->snapshot.conversation_id == stored->conversation_id);
    auto turn = Turn("u1", "tiếp");
    turn.dialog_state = state;
    REQUIRE((*store)->RecordTurn(turn).ok());
    auto after = (*store)->LookUpTurn(u1, "m-other");
    REQUIRE(after.ok());
    CHECK(after->snapshot.dialog_state == state);
  }
  // Provider ids are unique per channel: the same id on another channel is another message.
  auto other = (*store)->LookUpTurn({ChannelKind::kSms, "u1"}, "m1");
  REQUIRE(other.ok());
  CHECK_FALSE(other->earlier);

  // Now that u1's snapshot is in memory, the look-up reads nothing and says it did not check
  // the id; FindRetry does, and the write itself answers a retry with the first receipt.
  auto cached = (*store)->LookUpTurn(u1, "m1");
  REQUIRE(cached.ok());
  CHECK_FALSE(cached->earlier);
  CHECK_FALSE(cached->retry_checked);
  CHECK(cached->snapshot.conversation_id == stored->conversation_id);
  CHECK((*store)->LookUpTurn(u1, "")->retry_checked);  // no id: nothing to check
  auto found = (*store)->FindRetry(u1, "m1");
  REQUIRE(found.ok());
  REQUIRE(*found);
  CHECK((*found)->inbound_message_id == stored->inbound_message_id);
  CHECK((*found)->replies.size() == 2);
  CHECK_FALSE(*(*store)->FindRetry({ChannelKind::kSms, "u1"}, "m1"));
  auto rewritten = (*store)->RecordTurn(first);  // retry_checked is false
  REQUIRE(rewritten.ok());
  CHECK(rewritten->duplicate);
  CHECK(rewritten->inbound_message_id == stored->inbound_message_id);
}

TEST_CASE("another process writing the database does not wedge the writer or stale the readers") {
  gw::testing::TempDir dir;
  auto store = SqliteStore::Open(Config(dir), nullptr);
  REQUIRE(store.ok());
  REQUIRE((*store)->RecordTurn(Turn("u1", "một")).ok());
  REQUIRE((*store)->LookUpTurn({ChannelKind::kApp, "u1"}, "").ok());
  // An operator's sqlite3 session (or a migration tool) writes between our transactions.
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(Config(dir).path.c_str(), &other) == SQLITE_OK);
  sqlite3_busy_timeout(other, 5000);
  REQUIRE(sqlite3_exec(other, "UPDATE conversations SET agency_code = 'X'", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(other);
  // The writer takes its next write lock on the newest snapshot...
  CHECK((*store)->RecordTurn(Turn("u1", "hai")).ok());
  CHECK((*store)->RecordTurn(Turn("u2", "ba")).ok());
  // ...and a reader sees the other process's change.
  std::string agency;
  REQUIRE((*store)
              ->RunRead([&](Db& db) {
                Stmt& s = db.Prepare("SELECT agency_code FROM conversations WHERE id = 1");
                if (s.Step()) agency = s.Text(0);
              })
              .ok());
  CHECK(agency == "X");
}

TEST_CASE("a turn's attachments are stored with it: kept with bytes and digest, dropped with why") {
  gw::testing::TempDir dir;
  auto store = SqliteStore::Open(Config(dir), nullptr);
  REQUIRE(store.ok());
  auto turn = Turn("dan@example.vn", "gửi giấy tờ", "<m1@example.vn>");
  turn.inbound.channel = ChannelKind::kEmail;
  turn.inbound.attachments = {
      {"Giấy khai sinh.pdf", "application/pdf", "abc", 3, ""},
      {"setup.exe", "application/x-msdownload", "", 4096, "type not allowed"}};
  auto r = (*store)->RecordTurn(turn);
  REQUIRE(r.ok());
  // A provider retry of the same mail stores nothing again.
  auto retry = (*store)->RecordTurn(turn);
  REQUIRE(retry.ok());
  CHECK(retry->duplicate);

  struct Row {
    std::int64_t message_id;
    std::string filename, content_type;
    std::int64_t size;
    std::optional<std::string> sha256, reason;
    bool has_bytes;
    std::string bytes;
  };
  std::vector<Row> rows;
  REQUIRE((*store)
              ->RunRead([&](Db& db) {
                Stmt& s = db.Prepare(
                    "SELECT message_id, filename, content_type, size, sha256, dropped_reason, "
                    "bytes IS NOT NULL, coalesce(bytes, '') FROM attachments ORDER BY id");
                while (s.Step()) {
                  rows.push_back({s.Int(0), s.Text(1), s.Text(2), s.Int(3), s.OptText(4),
                                  s.OptText(5), s.Int(6) != 0, s.Blob(7)});
                }
                s.Reset();
              })
              .ok());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].message_id == r->inbound_message_id);
  CHECK(rows[0].filename == "Giấy khai sinh.pdf");
  CHECK(rows[0].content_type == "application/pdf");
  CHECK(rows[0].size == 3);
  CHECK(rows[0].sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(rows[0].reason == std::nullopt);
  CHECK(rows[0].has_bytes);
  CHECK(rows[0].bytes == "abc");
  CHECK(rows[1].message_id == r->inbound_message_id);
  CHECK(rows[1].size == 4096);
  CHECK(rows[1].sha256 == std::nullopt);
  CHECK(rows[1].reason == "type not allowed");
  CHECK_FALSE(rows[1].has_bytes);
}

TEST_CASE("a turn whose attachment cannot be stored is not stored at all") {
  gw::testing::TempDir dir;
  auto store = SqliteStore::Open(Config(dir), nullptr);
  REQUIRE(store.ok());
  // A trigger refuses every attachment, standing in for a failure (a full disk) mid-turn.
  REQUIRE((*store)
              ->RunWrite([](Db& db) {
                db.Exec(
                    "CREATE TRIGGER no_files BEFORE INSERT ON attachments "
                    "BEGIN SELECT RAISE(ABORT, 'no room'); END");
              })
              .ok());
  auto turn = Turn("dan@example.vn", "gửi giấy tờ", "<m2@example.vn>");
  turn.inbound.channel = ChannelKind::kEmail;
  turn.inbound.attachments = {{"a.pdf", "application/pdf", "abc", 3, ""}};
  CHECK_FALSE((*store)->RecordTurn(turn).ok());
  std::int64_t messages = -1;
  REQUIRE((*store)
              ->RunRead([&](Db& db) {
                Stmt& s = db.Prepare("SELECT count(*) FROM messages");
                s.Step();
                messages = s.Int(0);
                s.Reset();
              })
              .ok());
  CHECK(messages == 0);
}

TEST_CASE("the look-up before a turn sees every write that changed the conversation") {
  // The snapshots are cached in memory (snapshot_cache.hpp); each way a conversation can change
  // must reach the next look-up.
  gw::testing::TempDir dir;
  auto store = SqliteStore::Open(Config(dir), nullptr);
  REQUIRE(store.ok());
  const gw::core::Contact u1{ChannelKind::kApp, "u1"};
  auto state_of = [&](const gw::core::Contact& c, const std::string& id) {
    auto look = (*store)->LookUpTurn(c, id);
    REQUIRE(look.ok());
    return look->snapshot;
  };

  auto first = Turn("u1", "xin chào", "m1");
  first.dialog_state = R"({"v":1,"flow":"info"})";
  auto stored = (*store)->RecordTurn(first);
  REQUIRE(stored.ok());
  CHECK(state_of(u1, "m2").dialog_state == first.dialog_state);  // read, and now cached

  SUBCASE("the citizen's next turn") {
    auto next = Turn("u1", "nộp hồ sơ", "m2");
    next.dialog_state = R"({"v":1,"flow":"submit"})";
    next.hand_off = true;
    REQUIRE((*store)->RecordTurn(next).ok());
    auto s = state_of(u1, "m3");
    CHECK(s.dialog_state == next.dialog_state);
    CHECK(s.status == "officer");
  }
  SUBCASE("an officer taking the conversation over (a write of the inbox)") {
    REQUIRE((*store)
                ->RunWrite([&](Db& db) {
                  db.Prepare(
                        "UPDATE conversations SET status = 'officer', dialog_state = NULL "
                        "WHERE id = ?1")
                      .Bind(1, stored->conversation_id)
                      .Run();
                })
                .ok());
    auto s = state_of(u1, "m3");
    CHECK(s.status == "officer");
    CHECK(s.dialog_state.empty());
  }
  SUBCASE("a notice that opens the first conversation of a contact") {
    const gw::core::Contact u9{ChannelKind::kApp, "u9"};
    REQUIRE((*store)->RecordTurn(Turn("u9", "chào", "n1")).ok());
    REQUIRE((*store)
                ->RunWrite([](Db& db) {
                  db.Exec("UPDATE conversations SET status = 'closed' WHERE contact_id = 2");
                })
                .ok());
    CHECK(state_of(u9, "n2").conversation_id == 0);  // cached: no open conversation
    REQUIRE((*store)
                ->AppendNotice(u9, "Hồ sơ đã có kết quả", "notice-1", R"({"text":"x"})",
                               gw::core::FromUnixMillis(1'700'000'100'000))
                .ok());
    CHECK(state_of(u9, "n3").conversation_id != 0);
  }
  SUBCASE("another process editing the database, seen from the next write batch on") {
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(Config(dir).path.c_str(), &other) == SQLITE_OK);
    sqlite3_busy_timeout(other, 5000);
    REQUIRE(sqlite3_exec(other,
                         R"(UPDATE conversations SET dialog_state = '{"v":1,"flow":"edited"}')",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);
    REQUIRE((*store)->RecordTurn(Turn("u2", "một")).ok());  // any write batch
    CHECK(state_of(u1, "m3").dialog_state == R"({"v":1,"flow":"edited"})");
  }
}
