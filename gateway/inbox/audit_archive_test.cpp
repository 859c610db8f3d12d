// Unit tests of the audit retention pass: archive, fsync, then delete; a failed archive write
// deletes nothing.
#include "gateway/inbox/audit_archive.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"

namespace gw::gateway::inbox {
namespace {

using store::Db;
using store::Stmt;
using Json = nlohmann::json;

constexpr std::int64_t kDay = 86'400'000;
const core::TimePoint kNow = core::FromUnixMillis(2'000 * kDay);

struct ArchiveFixture {
  testing::TempDir dir;
  std::unique_ptr<store::SqliteStore> db;

  ArchiveFixture() {
    store::SqliteConfig c;
    c.path = dir.File("data/caunoi.db");
    auto opened = store::SqliteStore::Open(c, nullptr);
    REQUIRE(opened.ok());
    db = std::move(opened).value();
  }

  void Add(const std::string& action, std::int64_t at_days_ago, const char* detail = "") {
    REQUIRE(db->RunWrite([&](Db& d) {
                d.Prepare(
                     "INSERT INTO audit_log (officer_id, action, target, detail, remote_addr, at) "
                     "VALUES (NULL, ?1, 'conversation:1', ?2, '10.0.0.1', ?3)")
                    .Bind(1, action)
                    .Bind(2, detail)
                    .Bind(3, core::ToUnixMillis(kNow) - at_days_ago * kDay)
                    .Run();
              }).ok());
  }

  std::string Actions() {
    std::string out;
    REQUIRE(db->RunRead([&](Db& d) {
                Stmt& s = d.Prepare("SELECT action FROM audit_log ORDER BY id");
                while (s.Step()) out += (out.empty() ? "" : ",") + s.Text(0);
              }).ok());
    return out;
  }

  std::string Query(const char* sql) {
    std::string out;
    REQUIRE(db->RunRead([&](Db& d) {
                Stmt& s = d.Prepare(sql);
                if (s.Step()) out = s.Text(0);
                s.Reset();
              }).ok());
    return out;
  }
};

std::vector<Json> Lines(const std::string& path) {
  std::vector<Json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) out.push_back(Json::parse(line));
  return out;
}

TEST_CASE(
    "entries past retention are archived as JSON lines, then deleted, and the purge audited") {
  ArchiveFixture f;
  f.Add("login", 400, "đăng nhập \"cũ\"");
  f.Add("reply", 366);
  f.Add("note", 364);  // within a year: kept
  f.Add("close", 0);
  const std::string path = f.dir.File("audit-archive.jsonl");
  auto r = ArchiveAuditLog(*f.db, AuditRetention{365, path}, kNow);
  REQUIRE(r.ok());
  CHECK(r->archived == 2);
  CHECK(r->file == path);
  const auto lines = Lines(path);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == 1);
  CHECK(lines[0]["action"] == "login");
  CHECK(lines[0]["detail"] == "đăng nhập \"cũ\"");
  CHECK(lines[0]["officer_id"].is_null());
  CHECK(lines[0]["remote_addr"] == "10.0.0.1");
  CHECK(lines[0]["target"] == "conversation:1");
  CHECK(lines[0]["at"] == core::ToUnixMillis(kNow) - 400 * kDay);
  CHECK(lines[1]["action"] == "reply");
  CHECK(f.Actions() == "note,close,audit_archived");
  CHECK(f.Query("SELECT detail FROM audit_log WHERE action = 'audit_archived'") ==
        "count:2 file:" + path);
  CHECK(f.Query("SELECT coalesce(officer_id, 'NULL') || ' ' || target FROM audit_log "
                "WHERE action = 'audit_archived'") == "NULL audit_log");
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  SUBCASE("a second pass finds nothing more and appends nothing") {
    auto again = ArchiveAuditLog(*f.db, AuditRetention{365, path}, kNow);
    REQUIRE(again.ok());
    CHECK(again->archived == 0);
    CHECK(Lines(path).size() == 2);
    CHECK(f.Actions() == "note,close,audit_archived");
  }
  SUBCASE("later passes append to the same file") {
    auto later = ArchiveAuditLog(*f.db, AuditRetention{365, path}, kNow + std::chrono::hours(48));
    REQUIRE(later.ok());
    CHECK(later->archived == 1);
    const auto all = Lines(path);
    REQUIRE(all.size() == 3);
    CHECK(all[2]["action"] == "note");
  }
}

TEST_CASE("large backlogs go in rounds, each archived before its delete") {
  ArchiveFixture f;
  for (int i = 0; i < 5; ++i) f.Add("login", 1000 + i);
  const std::string path = f.dir.File("a.jsonl");
  auto r = ArchiveAuditLog(*f.db, AuditRetention{365, path, 2}, kNow);
  REQUIRE(r.ok());
  CHECK(r->archived == 5);
  const auto lines = Lines(path);
  REQUIRE(lines.size() == 5);
  for (std::size_t i = 0; i < lines.size(); ++i) CHECK(lines[i]["id"] == i + 1);
  CHECK(f.Actions() == "audit_archived,audit_archived,audit_archived");
}

TEST_CASE("an archive that cannot be written deletes nothing") {
  ArchiveFixture f;
  f.Add("login", 4000);
  f.Add("reply", 3000);
  struct Case {
    const char* what;
    std::string path;
  };
  std::vector<Case> cases = {
      {"no such folder", f.dir.File("missing/folder/audit.jsonl")},
      {"a folder, not a file", f.dir.path()},
      {"no path configured", ""},
  };
  // Opens, then every write fails with ENOSPC: the failure after the open.
  if (std::filesystem::exists("/dev/full")) cases.push_back({"disk full", "/dev/full"});
  for (const Case& c : cases) {
    CAPTURE(c.what);
    auto r = ArchiveAuditLog(*f.db, AuditRetention{365, c.path}, kNow);
    CHECK_FALSE(r.ok());
    CHECK(f.Actions() == "login,reply");
  }
  CHECK_FALSE(std::filesystem::exists(f.dir.File("missing")));
}

TEST_CASE("AppendDurably appends and creates the file private") {
  testing::TempDir dir;
  const std::string path = dir.File("x.jsonl");
  REQUIRE(AppendDurably(path, "a\n").ok());
  REQUIRE(AppendDurably(path, "b\n").ok());
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == "a\nb\n");
  auto bad = AppendDurably(dir.File("nope/x.jsonl"), "c\n");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "cannot write the audit archive " + dir.File("nope/x.jsonl"));
  CHECK(bad.error().detail.starts_with("open: "));
}

}  // namespace
}  // namespace gw::gateway::inbox
