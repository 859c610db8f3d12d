// A process killed with SIGKILL while clients write loses nothing that was answered with success.
#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "tests/integration/server_fixture.hpp"

using gw::testing::RunCommand;
using gw::testing::TestServer;

namespace {

std::set<std::string> StoredMessageIds(const std::string& db_path) {
  std::set<std::string> ids;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT provider_message_id FROM messages WHERE direction = 'in' "
                             "AND provider_message_id IS NOT NULL",
                             -1, &stmt, nullptr) == SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    ids.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return ids;
}

}  // namespace

TEST_CASE("SIGKILL during writes: every acknowledged message survives the restart, once") {
  TestServer s;
  REQUIRE(s.port() > 0);
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> acked_count{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      auto c = s.Client();
      c->set_keep_alive(true);
      for (int i = 0; i < 100000 && !stop; ++i) {
        const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto r = c->Post("/api/v1/app/messages", TestServer::Auth(),
                         R"({"user_id":"crash-)" + std::to_string(t) +
                             R"(","text":"tra cứu hồ sơ","message_id":")" + id + R"("})",
                         "application/json");
        if (!r) break;  // the server is gone
        if (r->status == 200) {
          std::lock_guard lock(mu);
          acknowledged.insert(id);
          acked_count++;
        }
      }
    });
  }
  // Kill once a good number of writes were acknowledged (bounded in time either way).
  for (int i = 0; i < 300 && acked_count < 2000; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(s.Stop(SIGKILL) == -SIGKILL);
  stop = true;
  for (auto& c : clients) c.join();
  REQUIRE(acknowledged.size() > 100);

  auto stored = StoredMessageIds(s.db_path());
  std::size_t lost = 0;
  for (const auto& id : acknowledged) lost += stored.contains(id) ? 0 : 1;
  CHECK_MESSAGE(lost == 0,
                lost << " of " << acknowledged.size() << " acknowledged messages were lost");

  // After a restart the log verifies, and a client retrying an acknowledged message gets the same
  // answer without a second copy being stored.
  s.Start();
  REQUIRE(s.port() > 0);
  auto verify = RunCommand({CAUNOI_BINARY, "verify-log", "--config", s.config_path()});
  CHECK_MESSAGE(verify.exit_code == 0, verify.out);
  const std::string some_id = *acknowledged.begin();
  const std::string user = "crash-" + some_id.substr(1, some_id.find('-') - 1);
  auto r = s.Client()->Post(
      "/api/v1/app/messages", TestServer::Auth(),
      R"({"user_id":")" + user + R"(","text":"tra cứu hồ sơ","message_id":")" + some_id + R"("})",
      "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(StoredMessageIds(s.db_path()).size() == stored.size());
}
