// A real caunoi server with the officer inbox enabled, and helpers to log in and call the API.
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "gateway/inbox/totp.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/temp_dir.hpp"

namespace gw::testing {

inline constexpr const char* kOwnAgency = "000.00.12.H29";

struct LoggedIn {
  int status = 0;
  std::string session;  // the caunoi_session cookie value
  std::string set_cookie;
  std::string csrf;
  std::int64_t officer_id = 0;
  std::string retry_after;
};

class InboxServer {
 public:
  // `inbox_extra` is spliced into the "inbox" object (e.g. throttle settings); `root_extra` into
  // the top-level object (e.g. a "notifications" section, ending with a comma).
  explicit InboxServer(const std::string& inbox_extra = "", const std::string& root_extra = "") {
    config_path_ = dir_.File("caunoi.json");
    WriteFile(config_path_, R"({
      "agency": {"code": "000.00.12.H29", "name": "UBND phường Thử Nghiệm", "hotline": "1900 0000",
                 "hours": "7:30–17:00", "address": "1 Đường Thử"},
      "http": {"listen": "127.0.0.1", "port": 0, "threads": 32},
      "store": {"sqlite": {"path": ")" +
                                dir_.File("data/caunoi.db") + R"("}},
      "nlu": {"cache_dir": ")" GW_BUILD_DIR R"(/nlu-cache"},)" +
                                root_extra + R"(
      "inbox": {"enabled": true, "event_stream_lifetime": "4s", )" +
                                inbox_extra + R"(
        "officers": [
          {"username": "canbo", "display_name": "Cán bộ A", "agency_code": "000.00.12.H29",
           "role": "officer", "password": "pass-canbo-1"},
          {"username": "canbo2", "display_name": "Cán bộ B", "agency_code": "000.00.12.H29",
           "role": "officer", "password": "pass-canbo-2"},
          {"username": "truongphong", "display_name": "Trưởng phòng", "agency_code": "000.00.12.H29",
           "role": "supervisor", "password": "pass-truongphong"},
          {"username": "canbo13", "display_name": "Cán bộ khác", "agency_code": "000.00.13.H29",
           "role": "officer", "password": "pass-canbo-13"},
          {"username": "truongphong13", "display_name": "Trưởng phòng khác",
           "agency_code": "000.00.13.H29", "role": "supervisor", "password": "pass-truong-13"},
          {"username": "quantri", "display_name": "Quản trị", "agency_code": "000.00.99.H29",
           "role": "admin", "password": "pass-quantri-1"}
        ]},
      "channels": {"app": {"demo_accept_bare_user_id": true, "tokens": ["test-app-token-0123456789"]}}
    })");
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{CAUNOI_BINARY, "serve", "--config", config_path_},
        dir_.File("caunoi.log"));
    port_ = ListeningPort(*process_);
  }

  // Stops the server (SIGTERM, graceful), runs `while_stopped` (e.g. Exec), starts it again on
  // the same database. Sessions are in memory: log in again afterwards.
  void Restart(const std::function<void()>& while_stopped) {
    process_->Signal(SIGTERM);
    REQUIRE(process_->Wait() == 0);
    while_stopped();
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{CAUNOI_BINARY, "serve", "--config", config_path_},
        dir_.File("caunoi.log"));
    port_ = ListeningPort(*process_);
    REQUIRE(port_ > 0);
  }

  int port() const { return port_; }
  std::string db_path() const { return dir_.File("data/caunoi.db"); }

  std::unique_ptr<httplib::Client> Client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_connection_timeout(5);
    c->set_read_timeout(30);
    return c;
  }

  LoggedIn Login(const std::string& user, const std::string& password,
                 const httplib::Headers& extra = {}) const {
    LoggedIn out;
    auto res = Client()->Post("/api/v1/inbox/login", extra,
                              nlohmann::json{{"username", user}, {"password", password}}.dump(),
                              "application/json");
    if (!res) return out;
    out.status = res->status;
    out.set_cookie = res->get_header_value("Set-Cookie");
    out.retry_after = res->get_header_value("Retry-After");
    const std::string prefix = "caunoi_session=";
    if (out.set_cookie.starts_with(prefix)) {
      out.session = out.set_cookie.substr(prefix.size(), out.set_cookie.find(';') - prefix.size());
    }
    if (res->status == 200) {
      auto j = nlohmann::json::parse(res->body);
      out.csrf = j["csrf_token"];
      out.officer_id = j["officer_id"];
    }
    return out;
  }

  // A citizen writes on the app channel; returns the conversation id.
  std::int64_t CitizenSays(const std::string& user_id, const std::string& text) const {
    auto res = Client()->Post("/api/v1/app/messages",
                              nlohmann::json{{"user_id", user_id}, {"text", text}}.dump(),
                              "application/json");
    if (!res || res->status != 200) return -1;
    return nlohmann::json::parse(res->body)["conversation_id"];
  }

  // What the citizen's app shows: GET /api/v1/app/messages.
  std::string CitizenHistory(const std::string& user_id) const {
    auto res = Client()->Get(("/api/v1/app/messages?user_id=" + user_id).c_str());
    return res ? res->body : "";
  }

  // Runs a statement on the database; call it from Restart() while the server is stopped (tests
  // move stored times back instead of waiting: the binary runs on the system clock). True when it
  // succeeded.
  bool Exec(const std::string& sql) const {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open_v2(db_path().c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
    if (ok) {
      sqlite3_busy_timeout(db, 5000);
      ok = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    sqlite3_close(db);
    return ok;
  }

  // Runs a query on the database (read-only) and returns the first column of the first row.
  std::string Query(const std::string& sql) const {
    sqlite3* db = nullptr;
    std::string out;
    if (sqlite3_open_v2(db_path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      }
      sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
  }

 private:
  TempDir dir_;
  std::string config_path_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = -1;
};

inline httplib::Headers SessionHeaders(const LoggedIn& who, bool with_csrf = true) {
  httplib::Headers h{{"Cookie", "caunoi_session=" + who.session}};
  if (with_csrf) h.emplace("X-CSRF-Token", who.csrf);
  return h;
}

// TOTP from the test's side, as an authenticator app does it.
inline std::string Base32Decode(const std::string& in) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : in) {
    int v = ch >= 'A' && ch <= 'Z' ? ch - 'A' : ch >= '2' && ch <= '7' ? ch - '2' + 26 : -1;
    REQUIRE(v >= 0);
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

// An authenticator app: the code of the earliest step after `after` that the server accepts
// now (the current step, or the next one: the server allows one step of drift), waiting for
// the clock when `after` is already the next step. Sets `after` to the step used.
inline std::string NextCode(const std::string& secret, std::int64_t& after) {
  core::SystemClock clock;
  for (;;) {
    const std::int64_t now = gateway::inbox::TotpStep(clock.Now());
    const std::int64_t step = std::max(now, after + 1);
    if (step <= now + 1) {
      after = step;
      return gateway::inbox::Hotp(secret, static_cast<std::uint64_t>(step));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

// A code no step near now has (the steps around now are skipped).
inline std::string WrongCode(const std::string& secret) {
  core::SystemClock clock;
  const std::int64_t now = gateway::inbox::TotpStep(clock.Now());
  std::string code = gateway::inbox::Hotp(secret, static_cast<std::uint64_t>(now + 50));
  for (std::int64_t d = -2; d <= 2; ++d) {
    if (code == gateway::inbox::Hotp(secret, static_cast<std::uint64_t>(now + d))) return "000000";
  }
  return code;
}

}  // namespace gw::testing
