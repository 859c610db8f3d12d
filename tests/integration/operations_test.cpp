// What docs/OPERATIONS.md tells an operator to do, done: the systemd unit (config/caunoi.service)
// is one systemd accepts, and the caunoi commands it runs succeed on the example config with the
// secrets it reads; an online backup taken with sqlite3 while the gateway writes is consistent
// and its data-message log verifies.
#include <doctest/doctest.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/server_fixture.hpp"

using gw::testing::ReadFile;
using gw::testing::RunCommand;
using gw::testing::TempDir;
using gw::testing::WriteFile;

namespace {

const std::string kSource = GW_SOURCE_DIR;

// The value of `key=` in the unit (the last one, as systemd reads it); empty when absent.
std::string UnitValue(const std::string& unit, const std::string& key) {
  std::istringstream in(unit);
  std::string line;
  std::string value;
  while (std::getline(in, line)) {
    if (line.starts_with(key + "=")) value = line.substr(key.size() + 1);
  }
  return value;
}

// The first line of `doc` that starts with `prefix` (a command the page gives); empty when none.
std::string DocLine(const std::string& doc, const std::string& prefix) {
  std::istringstream in(doc);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(prefix)) return line;
  }
  return "";
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// A secrets.env for the example config: every ${NAME} it references, with a value of the form
// its key asks for (the TOTP key is 32 bytes in base64, backend secrets are whsec_).
std::string SecretsFor(const std::string& config) {
  std::set<std::string> names;
  const std::regex ref(R"(\$\{([A-Z0-9_]+)\})");
  for (std::sregex_iterator it(config.begin(), config.end(), ref), end; it != end; ++it) {
    if ((*it)[1] != "NAME") names.insert((*it)[1]);  // ${NAME} in the explaining comment
  }
  std::string env;
  for (const auto& name : names) {
    std::string value = "secret-value-for-" + name;
    if (name == "INBOX_TOTP_KEY") value = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";
    if (name == "BACKEND_WEBHOOK_SECRET") value = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";
    env += name + "=" + value + "\n";
  }
  return env;
}

}  // namespace

TEST_CASE("the systemd unit is valid, and its commands run on the example config") {
  const std::string unit = ReadFile(kSource + "/config/caunoi.service");
  const std::string example = ReadFile(kSource + "/config/caunoi.example.json");
  TempDir dir;

  // The unit reads the config and the secrets from where OPERATIONS.md installs them.
  const std::string etc_config = "/etc/caunoi/caunoi.json";
  const std::string etc_secrets = "/etc/caunoi/secrets.env";
  REQUIRE(UnitValue(unit, "EnvironmentFile") == etc_secrets);
  const auto pre = Words(UnitValue(unit, "ExecStartPre"));
  const auto start = Words(UnitValue(unit, "ExecStart"));
  REQUIRE(pre.size() == 3);
  REQUIRE(start.size() == 4);
  CHECK(pre[0] == start[0]);
  CHECK(pre[2] == etc_config);
  CHECK(start[3] == etc_config);

  // Both commands are ones caunoi has, with the flags they give.
  CHECK(RunCommand({CAUNOI_BINARY, pre[1], "--help"}).exit_code == 0);
  CHECK(RunCommand({CAUNOI_BINARY, start[1], "--help"})
            .out.starts_with("Usage: caunoi " + start[1] + " " + start[2] + " FILE"));

  // The check OPERATIONS.md gives, as an operator runs it: our paths for /etc's and the binary's,
  // a secrets file with a comment line as the page shows one.
  const std::string config_path = dir.File("caunoi.json");
  WriteFile(config_path, example);
  const std::string secrets = SecretsFor(example);
  REQUIRE(secrets.find("CAUNOI_APP_TOKEN=") != std::string::npos);
  const std::string secrets_path = dir.File("secrets.env");
  WriteFile(secrets_path, "# the app backend's bearer token\n" + secrets);
  const std::string doc = ReadFile(kSource + "/docs/OPERATIONS.md");
  std::string check = DocLine(doc, "env -i ");
  REQUIRE(check.find(pre[1]) != std::string::npos);
  check = ReplaceAll(check, etc_secrets, secrets_path);
  check = ReplaceAll(check, etc_config, config_path);
  check = ReplaceAll(check, pre[0], CAUNOI_BINARY);
  auto checked = RunCommand({"/bin/sh", "-c", check});
  CHECK_MESSAGE(checked.exit_code == 0, check << "\n" << checked.out << checked.err);
  // Without the secrets the same command names what is missing and fails the start.
  auto without = RunCommand({"/usr/bin/env", "-i", CAUNOI_BINARY, pre[1], config_path});
  CHECK(without.exit_code == 1);
  CHECK(without.out.find("CAUNOI_APP_TOKEN is not set") != std::string::npos);

  // The nice limit lets the writer take the priority the example config asks for.
  auto config = nlohmann::json::parse(example);
  const int writer_nice = config["store"]["sqlite"]["writer_nice"].get<int>();
  CHECK(std::stoi(UnitValue(unit, "LimitNICE")) <= writer_nice);
  // The database lives in the StateDirectory, the one place ProtectSystem=strict leaves writable.
  CHECK(config["store"]["sqlite"]["path"].get<std::string>().starts_with(
      "/var/lib/" + UnitValue(unit, "StateDirectory") + "/"));

  // systemd's own check of the unit, with the binary where this build has it.
  if (RunCommand({"/bin/sh", "-c", "command -v systemd-analyze"}).exit_code != 0) {
    FAIL("systemd-analyze is missing: scripts/install-deps.sh --test installs systemd");
  }
  const std::string local_unit = dir.File("caunoi.service");
  WriteFile(local_unit, ReplaceAll(unit, pre[0], CAUNOI_BINARY));
  auto verified = RunCommand({"/usr/bin/systemd-analyze", "verify", local_unit});
  CHECK_MESSAGE(verified.exit_code == 0, verified.err);
  CHECK_MESSAGE(verified.err.empty(), verified.err);  // warnings too: a key systemd ignores
}

TEST_CASE("an online backup with sqlite3 is consistent and its log verifies") {
  gw::testing::TestServer server;
  // True when the turn was answered; CHECKed, not REQUIREd: it also runs on a second thread.
  auto post = [&server](int i) {
    auto client = server.Client();
    auto r = client->Post("/api/v1/app/messages", gw::testing::TestServer::Auth(),
                          R"({"user_id":"citizen-)" + std::to_string(i) + R"(","text":"menu"})",
                          "application/json");
    return r && r->status == 200;
  };
  for (int i = 0; i < 4; ++i) REQUIRE(post(i));

  TempDir backup;
  const std::string copy = backup.File("caunoi.db");
  // The command OPERATIONS.md gives, run while the gateway keeps writing.
  const std::string doc = ReadFile(kSource + "/docs/OPERATIONS.md");
  std::string command = DocLine(doc, "sqlite3 ");
  const std::string doc_copy = "/backup/caunoi-$(date +%F).db";
  REQUIRE(command.find(doc_copy) != std::string::npos);
  command = ReplaceAll(command, "/var/lib/caunoi/caunoi.db", server.db_path());
  command = ReplaceAll(command, doc_copy, copy);
  int answered_meanwhile = 0;
  std::thread writer([&] {
    for (int i = 4; i < 12; ++i) answered_meanwhile += post(i) ? 1 : 0;
  });
  auto taken = RunCommand({"/bin/sh", "-c", command});
  writer.join();
  CHECK(answered_meanwhile == 8);
  REQUIRE_MESSAGE(taken.exit_code == 0, taken.err);

  auto verified = RunCommand({CAUNOI_BINARY, "verify-log", "--data", backup.path()});
  CHECK_MESSAGE(verified.exit_code == 0, verified.out << verified.err);
  // Each turn logs the message in and the reply out: the 4 turns before the backup at least.
  std::smatch m;
  const std::string out = verified.out;
  REQUIRE(std::regex_search(out, m, std::regex(R"(ok: (\d+) records, chain intact)")));
  const int records = std::stoi(m[1]);
  CHECK(records >= 8);
  CHECK(records <= 24);
  CHECK(records % 2 == 0);  // a turn's two records commit together
  CHECK(server.Stop(SIGTERM) == 0);
  auto live = RunCommand({CAUNOI_BINARY, "verify-log", "--config", server.config_path()});
  CHECK(live.exit_code == 0);
  CHECK(live.out.starts_with("ok: 24 records, chain intact"));
}
