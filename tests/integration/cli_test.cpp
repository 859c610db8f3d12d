// The caunoi command line: help texts, check-config, migrate, verify-log on a tampered database.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "gateway/store/migrations.hpp"
#include "tests/integration/server_fixture.hpp"

using gw::testing::RunCommand;
using gw::testing::TempDir;
using gw::testing::WriteFile;

TEST_CASE("every subcommand has --help") {
  auto main_help = RunCommand({CAUNOI_BINARY, "--help"});
  CHECK(main_help.exit_code == 0);
  for (std::string cmd : {"demo", "serve", "check-config", "migrate", "verify-log"}) {
    CAPTURE(cmd);
    CHECK(main_help.out.find("  " + cmd) != std::string::npos);
    auto r = RunCommand({CAUNOI_BINARY, cmd, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Usage: caunoi " + cmd) == 0);
  }
  auto unknown = RunCommand({CAUNOI_BINARY, "frobnicate"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "caunoi: unknown command \"frobnicate\"; see caunoi --help\n");
  auto bad_flag = RunCommand({CAUNOI_BINARY, "serve", "--colour", "x"});
  CHECK(bad_flag.exit_code == 2);
  CHECK(bad_flag.err.find("unknown option --colour") != std::string::npos);
}

TEST_CASE("check-config prints every error with its path and exits 1") {
  TempDir dir;
  const auto good = dir.File("good.json");
  const auto bad = dir.File("bad.json");
  WriteFile(good, gw::testing::ReadFile(std::string(GW_SOURCE_DIR) + "/config/demo.json"));
  WriteFile(bad, R"({"agency":{"code":"X","name":"N","hotline":"1","hours":"h","address":"a"},
                     "http":{"port":"abc"},"channels":{"app":{"tokens":["${CAUNOI_TEST_UNSET_VAR}"]}}})");
  auto ok = RunCommand({CAUNOI_BINARY, "check-config", good});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == good + ": ok\n");
  auto r = RunCommand({CAUNOI_BINARY, "check-config", good, bad});
  CHECK(r.exit_code == 1);
  CHECK(r.out ==
        good + ": ok\n" + bad +
            ": channels.app.tokens[0]: environment variable CAUNOI_TEST_UNSET_VAR is not set\n");
  WriteFile(bad, R"({"agency":{"code":"X","name":"N","hotline":"1","hours":"h","address":"a"},
                     "http":{"port":"abc"},"store":{"sqlite":{"max_batch":0}}})");
  r = RunCommand({CAUNOI_BINARY, "check-config", bad});
  CHECK(r.exit_code == 1);
  CHECK(r.out == bad + ": http.port: expected an integer 0..65535, got \"abc\"\n" + bad +
                     ": store.sqlite.max_batch: expected an integer 1..100000, got 0\n");
}

TEST_CASE("migrate, then verify-log names the first broken record of a tampered log") {
  TempDir dir;
  auto migrated = RunCommand({CAUNOI_BINARY, "migrate", "--data", dir.path()});
  CHECK(migrated.exit_code == 0);
  // Every migration the binary knows, in order, once.
  const int latest = gw::gateway::store::LatestSchemaVersion();
  REQUIRE(latest >= 6);
  std::string expected;
  for (int v = 1; v <= latest; ++v) {
    expected += dir.File("caunoi.db") + ": applied migration " + std::to_string(v) + "\n";
  }
  CHECK(migrated.out == expected);
  CHECK(RunCommand({CAUNOI_BINARY, "migrate", "--data", dir.path()}).out ==
        dir.File("caunoi.db") + ": schema is up to date (version " + std::to_string(latest) +
            ")\n");
  CHECK(RunCommand({CAUNOI_BINARY, "verify-log"}).exit_code == 2);

  // Fill the log through the real server, then stop it.
  {
    gw::testing::ChildProcess p({CAUNOI_BINARY, "demo", "--port", "0", "--data", dir.path()},
                                dir.File("demo.log"));
    int port = gw::testing::ListeningPort(p);
    REQUIRE(port > 0);
    httplib::Client c("127.0.0.1", port);
    for (int i = 0; i < 5; ++i) {
      auto r = c.Post("/api/v1/app/messages", R"({"user_id":"citizen-9","text":"menu"})",
                      "application/json");
      REQUIRE(r);
      REQUIRE(r->status == 200);
    }
    p.Signal(SIGTERM);
    REQUIRE(p.Wait() == 0);
  }
  auto ok = RunCommand({CAUNOI_BINARY, "verify-log", "--data", dir.path()});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("ok: 10 records, chain intact\nhead: 10:") == 0);
  const std::string head =
      ok.out.substr(ok.out.find("head: ") + 6,
                    ok.out.find('\n', ok.out.find("head: ")) - ok.out.find("head: ") - 6);

  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(dir.File("caunoi.db").c_str(), &db) == SQLITE_OK);
  const char* tamper =
      "DROP TRIGGER message_log_no_update; DROP TRIGGER message_log_no_delete;"
      "UPDATE message_log SET payload = CAST('{\"user_id\":\"citizen-9\",\"text\":\"khac\"}' AS "
      "BLOB) WHERE seq = 7;"
      "DELETE FROM message_log WHERE seq = 4;";
  REQUIRE(sqlite3_exec(db, tamper, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);

  auto broken = RunCommand({CAUNOI_BINARY, "verify-log", "--data", dir.path()});
  CHECK(broken.exit_code == 1);
  CHECK(broken.out ==
        "BROKEN: 9 records read; 2 problem(s); first broken record: 4\n"
        "  record 4 is missing (deleted); the chain resumes at 5\n"
        "  record 7 was altered (its content no longer matches its hash)\n");
  auto with_head =
      RunCommand({CAUNOI_BINARY, "verify-log", "--data", dir.path(), "--expect-head", head});
  CHECK(with_head.exit_code == 1);
  CHECK(RunCommand({CAUNOI_BINARY, "verify-log", "--data", dir.path(), "--expect-head", "nonsense"})
            .exit_code == 2);
}

TEST_CASE("classify streams one JSON object per line; --jsonl passes other fields through") {
  const std::string cache = GW_BUILD_DIR "/nlu-cache";
  auto plain = RunCommand(
      {CAUNOI_BINARY, "classify", "--cache", cache}, std::chrono::seconds(120),
      "tra cuu ho so 000.00.12.h29 - 241023 - 0001 giup em\nthoi tiet hom nay the nao\n");
  REQUIRE(plain.exit_code == 0);
  auto first = nlohmann::json::parse(plain.out.substr(0, plain.out.find('\n')));
  CHECK(first["intent"] == "lookup_status");
  CHECK(first["dossier_codes"] == nlohmann::json::array({"000.00.12.H29-241023-0001"}));
  CHECK(first["confidence"].get<double>() > 0.5);
  CHECK(first.contains("normalized"));
  CHECK(first["procedure"].is_null());

  auto jsonl = RunCommand(
      {CAUNOI_BINARY, "classify", "--jsonl", "--cache", cache}, std::chrono::seconds(120),
      "{\"id\":7,\"text\":\"cho em hoi lam ho chieu can giay to gi\"}\nnot json\n");
  CHECK(jsonl.exit_code == 1);  // one bad line
  auto lines = jsonl.out;
  auto a = nlohmann::json::parse(lines.substr(0, lines.find('\n')));
  CHECK(a["id"] == 7);
  CHECK(a["intent"] == "procedure_info");
  CHECK(a["procedure"] == "ho_chieu");
  auto b = nlohmann::json::parse(
      lines.substr(lines.find('\n') + 1, lines.rfind('\n') - lines.find('\n') - 1));
  CHECK(b["error"] == "expected a JSON object with a string field \"text\"");
}
