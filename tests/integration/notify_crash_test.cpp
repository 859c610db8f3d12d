// SIGKILL while status pushes stream in and SMS notices stream out: after a restart every push
// answered 202 reaches the SMS provider exactly once by idempotency key, and a resend the provider
// saw twice is recorded as a possible duplicate, not hidden.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "backends/webhook_signature.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_http_server.hpp"

using gw::testing::ChildProcess;
using gw::testing::TempDir;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

const std::string kSecret = "whsec_" + gw::backends::Base64Encode("crash-test-one-stop-secret");

// A brandname provider: records each request's idempotency id (sent both in the body and in a
// header) and the number it is for, then answers "accepted" after a few milliseconds, so that
// sends are in flight when the gateway is killed.
class SmsSink {
 public:
  struct Request {
    std::string id;         // body "requestId"
    std::string header_id;  // X-Request-Id
    std::string to;
  };

  SmsSink()
      : server_([this](httplib::Server& s) {
          s.new_task_queue = [] { return new httplib::ThreadPool(16); };
          s.Post("/sms/send",
                 [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); });
        }) {}

  std::string Url() const { return server_.Url("/sms/send"); }
  int in_flight() const { return in_flight_; }
  std::vector<Request> Requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }
  std::size_t count() {
    std::lock_guard lock(mu_);
    return requests_.size();
  }

 private:
  void Handle(const httplib::Request& req, httplib::Response& res) {
    ++in_flight_;
    auto body = json::parse(req.body, nullptr, false);
    Request r;
    if (body.is_object()) {
      r.id = body.value("requestId", "");
      r.to = body.value("to", "");
    }
    r.header_id = req.get_header_value("X-Request-Id");
    {
      // Recorded on arrival: the provider has the message whether or not its answer is read.
      std::lock_guard lock(mu_);
      requests_.push_back(r);
    }
    std::this_thread::sleep_for(3ms);
    res.set_content(json{{"code", "0"}, {"data", {{"msgId", "prov-" + r.id}}}}.dump(),
                    "application/json");
    --in_flight_;
  }

  std::mutex mu_;
  std::vector<Request> requests_;
  std::atomic<int> in_flight_{0};
  gw::testing::TestHttpServer server_;  // last: starts serving once the rest exists
};

// The real binary with notifications on and channels.sms.http pointing at the sink.
class Gateway {
 public:
  explicit Gateway(const std::string& sink_url) {
    config_path_ = dir_.File("caunoi.json");
    // JSON-escaped body template: the provider gets the key as "requestId" and as a header.
    const std::string body_template =
        R"({\"to\":\"{to}\",\"text\":\"{text}\",\"brandname\":\"{brandname}\",\"requestId\":\"{id}\"})";
    gw::testing::WriteFile(config_path_, R"({
      "agency": {"code": "000.00.12.H29", "name": "UBND phường Thử Nghiệm", "hotline": "1900 0000",
                 "hours": "7:30–17:00", "address": "1 Đường Thử"},
      "http": {"listen": "127.0.0.1", "port": 0, "threads": 16},
      "store": {"sqlite": {"path": ")" + db_path() +
                                             R"("}},
      "nlu": {"cache_dir": ")" GW_BUILD_DIR R"(/nlu-cache"},
      "notifications": {"enabled": true, "secrets": [")" +
                                             kSecret + R"("],
        "delivery": {"retry": {"initial": "100ms", "max_delay": "1s"}, "batch": 64, "senders": 8}},
      "channels": {"sms": {"http": {
        "brandname": "UBND TEST", "max_connections": 8, "timeout": "5s",
        "request": {"method": "POST", "url": ")" +
                                             sink_url + R"(",
                    "headers": {"X-Request-Id": "{id}"}, "body": ")" +
                                             body_template + R"("},
        "response": {"status": "/code", "accepted": ["0"], "retryable": ["99"],
                     "message_id": "/data/msgId"}}}}
    })");
  }

  int Start() {
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{CAUNOI_BINARY, "serve", "--config", config_path_}, log_path());
    port_ = gw::testing::ListeningPort(*process_);
    return port_;
  }
  int Kill() {
    process_->Signal(SIGKILL);
    return process_->Wait();
  }
  std::unique_ptr<httplib::Client> Client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_connection_timeout(5);
    c->set_read_timeout(10);
    c->set_keep_alive(true);
    return c;
  }
  std::string db_path() const { return dir_.File("data/caunoi.db"); }
  std::string log_path() const { return dir_.File("caunoi.log"); }

 private:
  TempDir dir_;
  std::string config_path_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = -1;
};

struct Push {
  std::string webhook_id;
  std::string phone;  // unique per push, so the sink's requests map back to their push
  std::string body;
};

Push MakePush(int thread, int i) {
  Push p;
  p.webhook_id = "wh-" + std::to_string(thread) + "-" + std::to_string(i);
  p.phone = fmt::format("+8490{:07d}", thread * 100000 + i);
  p.body = json{{"dossier_code", "000.00.12.H29-241023-0001"},
                {"procedure_code", "1.001193"},
                {"status", "result_ready"},
                {"recipient", {{"phone", p.phone}}},
                {"occurred_at", "2026-11-23T04:54:13Z"}}
               .dump();
  return p;
}

// Signed now; a retry signs again with its own timestamp, the id and body unchanged.
httplib::Result Send(httplib::Client& c, const Push& p) {
  const auto ts = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  const std::string key = *gw::backends::ParseWebhookSecret(kSecret);
  httplib::Headers h = {
      {"webhook-id", p.webhook_id},
      {"webhook-timestamp", std::to_string(ts)},
      {"webhook-signature", gw::backends::WebhookSignature(key, p.webhook_id, ts, p.body)}};
  return c.Post("/api/v1/notifications", h, p.body, "application/json");
}

struct Answered {
  std::mutex mu;
  std::map<std::string, std::string> acked;  // webhook id -> notification id
  std::vector<Push> unanswered;              // the connection broke: stored or not, unknown
  std::vector<std::string> unexpected;       // any other answer
  std::atomic<int> acked_count{0};
};

void PushUntil(Gateway& gateway, int thread, int limit, const std::atomic<bool>& stop,
               std::map<std::string, Push>& all, Answered& out) {
  auto c = gateway.Client();
  for (int i = 0; i < limit && !stop; ++i) {
    Push p = MakePush(thread, i);
    {
      std::lock_guard lock(out.mu);
      all[p.webhook_id] = p;
    }
    auto r = Send(*c, p);
    std::lock_guard lock(out.mu);
    if (!r) {
      out.unanswered.push_back(p);
      return;  // the server is gone
    }
    if (r->status == 202) {
      out.acked[p.webhook_id] = json::parse(r->body)["notification_id"];
      ++out.acked_count;
    } else {
      out.unexpected.push_back(p.webhook_id + ": " + std::to_string(r->status) + " " + r->body);
    }
  }
}

// Runs `sql` read-only on the database and returns its rows as text.
std::vector<std::vector<std::string>> Query(const std::string& db_path, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const auto* text = sqlite3_column_text(stmt, i);
      row.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

}  // namespace

TEST_CASE("SIGKILL while notices stream in and out: every 202 reaches the SMS sink once") {
  const auto started = SteadyClock::now();
  SmsSink sink;
  Gateway gateway(sink.Url());
  REQUIRE(gateway.Start() > 0);

  // Phase 1: four backends push until the kill.
  constexpr int kThreads = 4;
  std::map<std::string, Push> all;  // every push ever made, by webhook id
  Answered answered;
  std::atomic<bool> stop{false};
  std::vector<std::thread> pushers;
  for (int t = 0; t < kThreads; ++t) {
    pushers.emplace_back([&, t] { PushUntil(gateway, t, 100000, stop, all, answered); });
  }
  // Kill once enough pushes were acknowledged and the provider holds sends right now.
  bool sends_in_flight = false;
  const auto kill_deadline = SteadyClock::now() + 10s;
  while (SteadyClock::now() < kill_deadline) {
    if (answered.acked_count >= 400 && sink.count() >= 100 && sink.in_flight() > 0) {
      sends_in_flight = true;
      break;
    }
    std::this_thread::sleep_for(1ms);
  }
  const int killed = gateway.Kill();
  const std::size_t sink_at_kill = sink.count();
  stop = true;
  for (auto& t : pushers) t.join();
  CHECK(killed == -SIGKILL);
  REQUIRE_MESSAGE(sends_in_flight, "no moment with 400 pushes acknowledged and a send in flight: "
                                       << answered.acked_count << " acked, " << sink.count()
                                       << " sends");
  CHECK_MESSAGE(answered.unexpected.empty(),
                (answered.unexpected.empty() ? "" : answered.unexpected.front()));

  // Durable before 202: every acknowledged push is in the outbox under the id it was given.
  std::map<std::string, std::string> stored;  // webhook id -> notification id
  for (const auto& row : Query(gateway.db_path(),
                               "SELECT substr(idempotency_key, 5), public_id FROM outbox "
                               "WHERE kind = 'notification'")) {
    stored[row[0]] = row[1];
  }
  int lost = 0;
  for (const auto& [webhook_id, notification_id] : answered.acked) {
    auto it = stored.find(webhook_id);
    lost += (it == stored.end() || it->second != notification_id) ? 1 : 0;
  }
  CHECK_MESSAGE(lost == 0, lost << " of " << answered.acked.size() << " 202s were lost");
  const auto legs_in_flight =
      Query(gateway.db_path(), "SELECT count(*) FROM deliveries WHERE in_flight = 1")[0][0];

  // Phase 2: restart on the same data; the backends retry what got no answer (same webhook-id and
  // body) and keep pushing a little.
  REQUIRE(gateway.Start() > 0);
  std::map<std::string, std::string> notifications = answered.acked;  // webhook id -> ntf id
  int unanswered_stored = 0;
  {
    auto c = gateway.Client();
    for (const auto& p : answered.unanswered) {
      auto r = Send(*c, p);
      REQUIRE(r);
      REQUIRE_MESSAGE(r->status == 202, r->body);
      const std::string id = json::parse(r->body)["notification_id"];
      if (auto it = stored.find(p.webhook_id); it != stored.end()) {
        ++unanswered_stored;
        CHECK(id == it->second);  // stored before the kill: the same answer as the first time
      }
      notifications[p.webhook_id] = id;
    }
  }
  Answered more;
  pushers.clear();
  std::atomic<bool> never{false};
  for (int t = kThreads; t < kThreads + 2; ++t) {
    pushers.emplace_back([&, t] { PushUntil(gateway, t, 50, never, all, more); });
  }
  for (auto& t : pushers) t.join();
  CHECK(more.unanswered.empty());
  CHECK(more.unexpected.empty());
  CHECK(more.acked.size() == 100);
  notifications.insert(more.acked.begin(), more.acked.end());

  // Every notification reaches state delivered.
  std::map<std::string, json> views;  // webhook id -> GET answer once delivered
  std::vector<std::string> given_up;
  {
    auto c = gateway.Client();
    const auto deadline = SteadyClock::now() + 20s;
    while (views.size() + given_up.size() < notifications.size() && SteadyClock::now() < deadline) {
      for (const auto& [webhook_id, id] : notifications) {
        if (views.contains(webhook_id)) continue;
        auto r = c->Get("/api/v1/notifications/" + id);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        auto v = json::parse(r->body);
        const std::string state = v["state"];
        if (state == "delivered") {
          views[webhook_id] = v;
        } else if (state != "pending") {
          given_up.push_back(webhook_id + ": " + r->body);
          views[webhook_id] = v;
        }
      }
      if (views.size() < notifications.size()) std::this_thread::sleep_for(100ms);
    }
  }
  CHECK_MESSAGE(given_up.empty(), (given_up.empty() ? "" : given_up.front()));
  REQUIRE_MESSAGE(views.size() == notifications.size(), (notifications.size() - views.size())
                                                            << " notifications still pending");

  // The sink's side: group its requests by number, i.e. by push.
  const auto requests = sink.Requests();
  std::map<std::string, std::vector<std::string>> ids_by_to;  // "8490..." -> ids, in order
  std::map<std::string, std::set<std::string>> tos_by_id;
  int header_mismatch = 0;
  for (const auto& r : requests) {
    header_mismatch += r.id == r.header_id ? 0 : 1;
    ids_by_to[r.to].push_back(r.id);
    tos_by_id[r.id].insert(r.to);
  }
  CHECK(header_mismatch == 0);
  // The leg keys as the store holds them, to map each notification to the key it must carry.
  std::map<std::string, std::vector<std::string>> keys_by_ntf;
  for (const auto& row : Query(gateway.db_path(),
                               "SELECT o.public_id, d.idempotency_key FROM deliveries d "
                               "JOIN outbox o ON o.id = d.outbox_id ORDER BY d.id")) {
    keys_by_ntf[row[0]].push_back(row[1]);
  }

  const std::regex key_shape(R"(cn-[0-9]+-sms-0)");
  int never_sent = 0, wrong_keys = 0, raw_duplicates = 0, hidden_duplicates = 0;
  int flagged = 0, bad_legs = 0;
  std::set<std::string> known_tos;
  for (const auto& [webhook_id, id] : notifications) {
    const Push& p = all.at(webhook_id);
    const std::string to = p.phone.substr(1);  // international format, no '+'
    known_tos.insert(to);
    const json& legs = views.at(webhook_id)["deliveries"];
    // One SMS leg, delivered.
    if (legs.size() != 1 || legs[0]["route"] != "sms" || legs[0]["state"] != "delivered") {
      ++bad_legs;
      MESSAGE(webhook_id << ": " << legs.dump());
      continue;
    }
    const bool possible_duplicate = legs[0]["possible_duplicate"];
    flagged += possible_duplicate ? 1 : 0;
    auto it = ids_by_to.find(to);
    if (it == ids_by_to.end()) {
      ++never_sent;
      continue;
    }
    const auto& ids = it->second;
    const std::set<std::string> distinct(ids.begin(), ids.end());
    const auto& keys = keys_by_ntf[id];
    if (distinct.size() != 1 || keys.size() != 1 || *distinct.begin() != keys[0] ||
        !std::regex_match(keys[0], key_shape) || tos_by_id[keys[0]].size() != 1) {
      ++wrong_keys;
      MESSAGE(webhook_id << " to " << to << ": sink ids " << json(ids).dump() << ", leg keys "
                         << json(keys).dump());
    }
    if (ids.size() > 1) {
      ++raw_duplicates;
      if (!possible_duplicate) {
        ++hidden_duplicates;
        MESSAGE(webhook_id << ": the provider got " << ids.size()
                           << " requests but the leg is not marked possible_duplicate");
      }
    }
  }
  int strays = 0;  // sends for a number no notification (202 or retried) was for
  for (const auto& [to, ids] : ids_by_to) strays += known_tos.contains(to) ? 0 : 1;

  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - started);
  MESSAGE("notify crash: " << answered.acked.size() << " acked before the kill, "
                           << answered.unanswered.size() << " unanswered (" << unanswered_stored
                           << " of them stored), " << sink_at_kill << " sends at the kill, "
                           << legs_in_flight << " legs in flight, " << notifications.size()
                           << " notifications, " << requests.size() << " sink requests, "
                           << raw_duplicates << " resent after the crash, " << flagged
                           << " legs marked possible_duplicate, " << elapsed.count() << " ms");
  CHECK(bad_legs == 0);
  CHECK(never_sent == 0);
  CHECK(wrong_keys == 0);
  CHECK(hidden_duplicates == 0);
  CHECK(strays == 0);
  // Exactly once by idempotency key: one distinct key per notification, no more.
  CHECK(tos_by_id.size() == notifications.size());
  CHECK(flagged >= raw_duplicates);
}
