// `caunoi` subcommands. The argument parsing is hand-written: five subcommands with a few
// --flag VALUE options each do not justify a parser library, and each --help text is written
// for its command.
#include "gateway/cli.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backends/simulator/simulate_command.hpp"
#include "core/clock.hpp"
#include "core/config_reader.hpp"
#include "embedded/config.hpp"
#include "gateway/classify_command.hpp"
#include "gateway/gateway_config.hpp"
#include "gateway/inbox/audit_archive.hpp"
#include "gateway/runner.hpp"
#include "gateway/store/migrations.hpp"
#include "gateway/store/sqlite_store.hpp"

namespace gw::gateway {
namespace {

constexpr const char* kMainHelp =
    R"(caunoi — Cầu Nối, the citizens' gateway of a Vietnamese state agency

Usage: caunoi <command> [options]

Commands:
  demo          run everything locally on the embedded default (SQLite, web chat at /)
  serve         run the gateway from a config file
  check-config  check config files and print every error with its path
  migrate       bring the database schema up to date
  verify-log    check the hash chain of the data-message log
  audit-archive archive and delete officer audit entries older than the retention period
  classify      classify messages from standard input (intent, procedure, dossier codes)
  simulate-backend  run the one-stop backend simulator (for demos and tests)

Run `caunoi <command> --help` for a command's options.
)";

struct Command {
  const char* name;
  const char* help;
  std::vector<std::string> flags;     // flags that take a value
  std::vector<std::string> switches;  // flags without a value (stored as "1")
  int (*run)(const std::map<std::string, std::string>& opts, const std::vector<std::string>& args);
};

int Fail(const std::string& message) {
  fmt::print(stderr, "caunoi: {}\n", message);
  return 2;
}

// The demo config compiled into the binary, with the data folder and port applied.
core::Result<GatewayConfig> DemoConfig(const std::string& data_dir, std::optional<int> port,
                                       std::optional<std::string> listen) {
  auto text = embedded::config::Find("demo.json");
  if (!text) return core::MakeError(core::ErrorCode::kInternal, "config/demo.json is not embedded");
  auto json = core::ParseConfigText(*text, "config/demo.json",
                                    [](const char* n) { return std::getenv(n); });
  if (!json.ok()) return json.error();
  (*json)["store"]["sqlite"]["path"] = data_dir + "/caunoi.db";
  if (port) (*json)["http"]["port"] = *port;
  if (listen) (*json)["http"]["listen"] = *listen;
  return ParseGatewayConfig(*json);
}

std::optional<int> ParsePort(const std::string& s) {
  try {
    std::size_t used = 0;
    int v = std::stoi(s, &used);
    if (used != s.size() || v < 0 || v > 65535) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

// The store settings from --config FILE or --data DIR (the demo's layout).
core::Result<store::SqliteConfig> StoreFrom(const std::map<std::string, std::string>& opts) {
  if (opts.contains("--config") == opts.contains("--data")) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "give exactly one of --config FILE or --data DIR");
  }
  if (opts.contains("--data")) {
    store::SqliteConfig c;
    c.path = opts.at("--data") + "/caunoi.db";
    return c;
  }
  auto config = LoadGatewayConfig(opts.at("--config"));
  if (!config.ok()) return config.error();
  return config->store.sqlite;
}

int RunDemo(const std::map<std::string, std::string>& opts, const std::vector<std::string>&) {
  std::optional<int> port = 8080;
  if (opts.contains("--port")) {
    port = ParsePort(opts.at("--port"));
    if (!port) return Fail("--port: expected an integer 0..65535");
  }
  std::optional<std::string> listen;
  if (opts.contains("--listen")) listen = opts.at("--listen");
  const std::string data = opts.contains("--data") ? opts.at("--data") : "./demo-data";
  auto config = DemoConfig(data, port, listen);
  if (!config.ok()) return Fail(config.error().message);
  return RunGateway(*config, RunOptions{true, data});
}

int RunServe(const std::map<std::string, std::string>& opts, const std::vector<std::string>&) {
  if (!opts.contains("--config")) return Fail("serve: --config FILE is required");
  auto config = LoadGatewayConfig(opts.at("--config"));
  if (!config.ok()) {
    fmt::print(stderr, "{}\n", config.error().message);
    return 1;
  }
  return RunGateway(*config, RunOptions{});
}

int RunCheckConfig(const std::map<std::string, std::string>&,
                   const std::vector<std::string>& args) {
  if (args.empty()) return Fail("check-config: give one or more config files");
  int bad = 0;
  for (const auto& file : args) {
    auto config = LoadGatewayConfig(file);
    if (config.ok()) {
      fmt::print("{}: ok\n", file);
    } else {
      fmt::print("{}\n", config.error().message);
      ++bad;
    }
  }
  return bad == 0 ? 0 : 1;
}

int RunMigrate(const std::map<std::string, std::string>& opts, const std::vector<std::string>&) {
  auto sqlite = StoreFrom(opts);
  if (!sqlite.ok()) return Fail(sqlite.error().message);
  try {
    auto db = store::OpenSqlite(*sqlite, store::Db::Mode::kReadWrite);
    int before = store::CurrentSchemaVersion(*db);
    auto applied = store::Migrate(*db);
    if (applied.empty()) {
      fmt::print("{}: schema is up to date (version {})\n", sqlite->path, before);
    } else {
      for (int v : applied) fmt::print("{}: applied migration {}\n", sqlite->path, v);
    }
    return 0;
  } catch (const store::SqliteError& e) {
    fmt::print(stderr, "caunoi migrate: {}\n", e.what());
    return 1;
  }
}

int RunVerifyLog(const std::map<std::string, std::string>& opts, const std::vector<std::string>&) {
  auto sqlite = StoreFrom(opts);
  if (!sqlite.ok()) return Fail(sqlite.error().message);
  std::optional<store::LogHead> expect;
  if (opts.contains("--expect-head")) {
    expect = store::ParseLogHead(opts.at("--expect-head"));
    if (!expect) return Fail("--expect-head: expected SEQ:HASH as printed by verify-log");
  }
  try {
    auto db = store::OpenSqlite(*sqlite, store::Db::Mode::kReadOnly);
    auto report = store::VerifyLog(*db, expect);
    if (!report.ok) {
      fmt::print("BROKEN: {} records read; {} problem(s); first broken record: {}\n",
                 report.records, report.problems.size(), *report.first_broken_seq);
      for (const auto& p : report.problems) fmt::print("  {}\n", p.what);
      return 1;
    }
    fmt::print("ok: {} records, chain intact\nhead: {}:{}\n", report.records, report.head.seq,
               report.head.hash_hex);
    return 0;
  } catch (const store::SqliteError& e) {
    fmt::print(stderr, "caunoi verify-log: {}\n", e.what());
    return 1;
  }
}

int RunAuditArchive(const std::map<std::string, std::string>& opts,
                    const std::vector<std::string>&) {
  if (!opts.contains("--config")) return Fail("audit-archive: --config FILE is required");
  auto config = LoadGatewayConfig(opts.at("--config"));
  if (!config.ok()) {
    fmt::print(stderr, "{}\n", config.error().message);
    return 1;
  }
  const auto& inbox = config->inbox;
  if (inbox.audit_archive_path.empty()) {
    return Fail("audit-archive: inbox.audit_archive_path is not set; nothing archived or deleted");
  }
  auto db = store::SqliteStore::Open(config->store.sqlite, nullptr);
  if (!db.ok()) {
    fmt::print(stderr, "caunoi audit-archive: {} {}\n", db.error().message, db.error().detail);
    return 1;
  }
  core::SystemClock clock;
  auto report = inbox::ArchiveAuditLog(
      **db, inbox::AuditRetention{inbox.audit_retention_days, inbox.audit_archive_path},
      clock.Now());
  (*db)->Close();
  if (!report.ok()) {
    fmt::print(stderr, "caunoi audit-archive: {}; nothing deleted ({})\n", report.error().message,
               report.error().detail);
    return 1;
  }
  fmt::print("{} audit entries older than {} days archived to {} and deleted\n", report->archived,
             inbox.audit_retention_days, report->file);
  return 0;
}

int RunClassifyCommand(const std::map<std::string, std::string>& opts,
                       const std::vector<std::string>&) {
  const std::string cache = opts.contains("--cache") ? opts.at("--cache") : DefaultModelCacheDir();
  auto classifier = LoadEmbeddedClassifier(cache);
  if (!classifier.ok()) {
    fmt::print(stderr, "caunoi classify: {} {}\n", classifier.error().message,
               classifier.error().detail);
    return 1;
  }
  std::ios::sync_with_stdio(false);
  return RunClassify(*classifier, std::cin, std::cout, opts.contains("--jsonl"));
}

const std::vector<Command> kCommands = {
    {"demo",
     R"(Usage: caunoi demo [--port N] [--data DIR] [--listen ADDR]

Runs Cầu Nối on the embedded default: SQLite in DIR (default ./demo-data), the demo agency, the
citizen web chat at / and the app API with the demo-only bare user_id. Prints its URLs.
  --port N       HTTP port (default 8080; 0 picks a free one)
  --data DIR     where the SQLite database lives (default ./demo-data)
  --listen ADDR  address to listen on (default 127.0.0.1)
)",
     {"--port", "--data", "--listen"},
     {},
     &RunDemo},
    {"serve",
     R"(Usage: caunoi serve --config FILE

Runs the gateway from FILE (JSON; ${ENV} is replaced by the environment variable ENV, for
secrets). See config/caunoi.example.json. Stops gracefully on SIGTERM or SIGINT.
)",
     {"--config"},
     {},
     &RunServe},
    {"check-config",
     R"(Usage: caunoi check-config FILE [FILE...]

Checks each config file without starting anything; prints every error as
"FILE: path.to.key: reason" and exits 1 if any file has one.
)",
     {},
     {},
     &RunCheckConfig},
    {"migrate",
     R"(Usage: caunoi migrate --config FILE | --data DIR

Applies the schema migrations the database lacks and prints each one applied.
)",
     {"--config", "--data"},
     {},
     &RunMigrate},
    {"verify-log",
     R"(Usage: caunoi verify-log --config FILE | --data DIR [--expect-head SEQ:HASH]

Checks the SHA-256 chain of the data-message log (Luật Giao dịch điện tử 2023, Điều 13). Prints the
head (SEQ:HASH) when intact; keep it elsewhere and pass it back with --expect-head later to detect
deletion of the newest records too. Exits 1 and names the first broken record otherwise.
)",
     {"--config", "--data", "--expect-head"},
     {},
     &RunVerifyLog},
    {"audit-archive",
     R"(Usage: caunoi audit-archive --config FILE

Applies the officer audit log's retention policy once (the running gateway does the same daily):
entries older than inbox.audit_retention_days (default 3650, at least 365) are appended to
inbox.audit_archive_path as JSON lines, the file is fsync'ed, and only then are they deleted; the
purge is itself audited ("audit_archived"). Exits 1 and deletes nothing when the archive cannot be
written. Safe to run beside the gateway.
)",
     {"--config"},
     {},
     &RunAuditArchive},
    {"classify",
     R"(Usage: caunoi classify [--jsonl] [--cache DIR]

Reads citizens' messages from standard input, one per line, and writes one JSON object per line:
  {"intent", "procedure", "confidence", "procedure_confidence", "dossier_codes": [...], "normalized"}
procedure is null when the message names none. The models are trained from the embedded examples
on first use (seconds) and cached under DIR (default $CAUNOI_CACHE_DIR, else ~/.cache/caunoi),
keyed by the training data's hash.
  --jsonl      read JSON objects with a "text" field instead; other fields are passed through
  --cache DIR  where trained models are cached
)",
     {"--cache"},
     {"--jsonl"},
     &RunClassifyCommand},
    {"simulate-backend", backends::sim::kSimulateBackendHelp, backends::sim::kSimulateBackendFlags,
     backends::sim::kSimulateBackendSwitches, &backends::sim::RunSimulateBackendCommand},
};

}  // namespace

int RunCli(int argc, char** argv) {
  std::vector<std::string> argv_s(argv + 1, argv + argc);
  if (argv_s.empty() || argv_s[0] == "--help" || argv_s[0] == "-h" || argv_s[0] == "help") {
    fmt::print("{}", kMainHelp);
    return argv_s.empty() ? 2 : 0;
  }
  if (argv_s[0] == "--version") {
    fmt::print("caunoi 0.1.0\n");
    return 0;
  }
  const Command* cmd = nullptr;
  for (const auto& c : kCommands) {
    if (argv_s[0] == c.name) cmd = &c;
  }
  if (cmd == nullptr)
    return Fail(fmt::format("unknown command \"{}\"; see caunoi --help", argv_s[0]));

  std::map<std::string, std::string> opts;
  std::vector<std::string> args;
  for (std::size_t i = 1; i < argv_s.size(); ++i) {
    const std::string& a = argv_s[i];
    if (a == "--help" || a == "-h") {
      fmt::print("{}", cmd->help);
      return 0;
    }
    if (a.starts_with("--")) {
      std::string name = a;
      std::optional<std::string> value;
      if (auto eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq);
        value = a.substr(eq + 1);
      }
      if (std::find(cmd->switches.begin(), cmd->switches.end(), name) != cmd->switches.end()) {
        if (value) return Fail(fmt::format("{}: {} takes no value", cmd->name, name));
        // (not `opts[name] = "1"`: GCC 12 reports a false -Wrestrict on that assignment)
        opts.insert_or_assign(name, std::string(1, '1'));
        continue;
      }
      bool takes_value = std::find(cmd->flags.begin(), cmd->flags.end(), name) != cmd->flags.end();
      if (!takes_value)
        return Fail(
            fmt::format("{}: unknown option {}; see caunoi {} --help", cmd->name, name, cmd->name));
      if (!value) {
        if (i + 1 >= argv_s.size())
          return Fail(fmt::format("{}: {} needs a value", cmd->name, name));
        value = argv_s[++i];
      }
      opts[name] = *value;
    } else {
      args.push_back(a);
    }
  }
  return cmd->run(opts, args);
}

}  // namespace gw::gateway
