// SMS end to end: a real Kannel (bearerbox, smsbox, fakesmsc; scripts/servers/kannel.sh) in front
// of the real caunoi binary with the built-in one-stop simulator. MOs from fakesmsc are answered
// at fakesmsc through intake, the dispatcher and sendsms; delivery reports flow back into the
// store; signed status notices reach a phone; Kannel down means retried, not lost, sent once; the
// webhook guard refuses a wrong secret; a provider retry of an MO is answered once.
#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "backends/webhook_signature.hpp"
#include "channels/sms/kannel_mo.hpp"
#include "channels/sms/sms_text.hpp"
#include "net/url.hpp"
#include "tests/sms/kannel_support.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/scripted_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait_for.hpp"

namespace ks = gw::testing::kannel;
namespace net = gw::net;
using nlohmann::json;
using namespace std::chrono_literals;

namespace gw::testing {

namespace {

constexpr const char* kSecret = "sms-e2e-webhook-secret-0123";
constexpr const char* kDossier = "000.00.12.H29-241023-0001";
const std::string kPushSecret =
    "whsec_" + gw::backends::Base64Encode("one-stop-backend-secret-for-sms-e2e");

std::string Script() {
  return std::string(GW_SOURCE_DIR) + "/scripts/servers/kannel.sh";
}

// One SMS as the handset got it: its parts joined and decoded, and how it was coded.
struct Received {
  std::string to;
  std::string text;
  int parts = 0;
  std::string type;  // of the first part: "text", "ucs-2" or "udh" (concatenated)
};

// The messages fakesmsc received, parts of a concatenated message joined (UDH 05 00 03 ref n i).
// Concatenated parts of UCS-2 messages are decoded from UTF-16BE (fakesmsc prints them as "udh";
// the data coding of each is checked in bearerbox's access log).
std::vector<Received> ParseHandset(const std::string& fakesmsc_out) {
  std::vector<Received> out;
  std::map<std::pair<std::string, int>, std::size_t> open;  // (to, ref) -> index in out
  std::map<std::size_t, std::string> raw;                   // concatenated bytes so far
  for (const auto& part : ks::FakeSmscMessages(fakesmsc_out)) {
    if (part.type == "udh" && part.udh.size() == 6 && part.udh[0] == 5) {
      const int ref = static_cast<unsigned char>(part.udh[3]);
      const int total = static_cast<unsigned char>(part.udh[4]);
      const int seq = static_cast<unsigned char>(part.udh[5]);
      auto key = std::make_pair(part.receiver, ref);
      if (seq == 1 || !open.contains(key)) {
        out.push_back({part.receiver, "", 0, part.type});
        open[key] = out.size() - 1;
      }
      const std::size_t at = open[key];
      raw[at] += part.data;
      out[at].parts += 1;
      if (seq == total) {
        out[at].text = gw::channels::sms::Utf16BeToUtf8(raw[at]).value_or("<not UTF-16BE>");
        open.erase(key);
      }
      continue;
    }
    Received r{part.receiver, part.data, 1, part.type};
    if (part.type == "ucs-2") {
      r.text = gw::channels::sms::Utf16BeToUtf8(part.data).value_or("<not UTF-16BE>");
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Received> To(const std::vector<Received>& all, const std::string& to) {
  std::vector<Received> out;
  for (const auto& r : all)
    if (r.to == to) out.push_back(r);
  return out;
}

// The data coding bearerbox logged for each message it sent to `to` (2: UCS-2).
std::vector<int> AccessLogCodings(const std::string& access_log, const std::string& to) {
  std::vector<int> out;
  std::istringstream in(ReadFile(access_log));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("Sent SMS") == std::string::npos) continue;
    if (line.find("[to:" + to + "]") == std::string::npos) continue;
    auto flags = line.find("[flags:");
    if (flags == std::string::npos) continue;
    auto first = line.find(':', flags + 7);
    out.push_back(std::atoi(line.c_str() + first + 1));
  }
  return out;
}

// Rows of a read-only query on the gateway's SQLite file (WAL: readable while it runs).
std::vector<std::vector<std::string>> Query(const std::string& db_path, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* db = nullptr;
  const std::string uri = "file:" + db_path + "?mode=ro";
  if (sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db);
    FAIL("cannot open " << db_path);
    return rows;
  }
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    const std::string err = sqlite3_errmsg(db);
    sqlite3_close(db);
    FAIL("bad query: " << err << ": " << sql);
    return rows;
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const auto* text = sqlite3_column_text(stmt, i);
      row.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

std::string One(const std::string& db_path, const std::string& sql) {
  auto rows = Query(db_path, sql);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0];
}

// Kannel and caunoi wired to each other on six free loopback ports: the gateway's port is chosen
// up front because Kannel's get-url and the gateway's dlr_url both name it.
class SmsGateway {
 public:
  explicit SmsGateway(const std::string& delivery_json = "") {
    auto ports = FreePorts(6);  // admin, smsbox, sendsms, MT SMSC, MO SMSC, gateway
    kannel_ports_.assign(ports.begin(), ports.begin() + 5);
    gateway_port_ = ports[5];
    // Secrets reach the config through ${ENV}, as in production.
    ::setenv("CAUNOI_TEST_KANNEL_PASSWORD", "caunoi-test", 1);
    ::setenv("CAUNOI_TEST_KANNEL_SECRET", kSecret, 1);
    const std::string base = "http://127.0.0.1:" + std::to_string(gateway_port_);
    get_url_ =
        base + "/webhooks/kannel/mo?" + std::string(gw::channels::sms::kKannelMoQueryTemplate);
    get_url_.replace(get_url_.find("SECRET"), 6, kSecret);
    config_path_ = dir_.File("caunoi.json");
    gw::testing::WriteFile(config_path_, R"({
      "agency": {"code": "000.00.12.H29", "name": "UBND phường Bến Thành", "hotline": "1900 0000",
                 "hours": "7:30–17:00", "address": "92 Nam Kỳ Khởi Nghĩa"},
      "http": {"listen": "127.0.0.1", "port": )" +
                                             std::to_string(gateway_port_) +
                                             R"(, "threads": 32},
      "store": {"sqlite": {"path": ")" + db_path() +
                                             R"("}},
      "log": {"level": "info"},
      "nlu": {"cache_dir": ")" GW_BUILD_DIR R"(/nlu-cache"},
      "simulator": {"enabled": true, "tick_interval": "1h"},
      "default_backend": "simulator",
      "web_chat": false,
      "notifications": {"enabled": true, "secrets": [")" +
                                             kPushSecret +
                                             R"("],
                        "delivery": {"idle_poll": "50ms")" +
                                             delivery_json + R"(}},
      "channels": {
        "app": {"tokens": ["sms-e2e-app-token-0123456789"]},
        "sms": {"kannel": {
          "host": "127.0.0.1", "port": )" + std::to_string(kannel_ports_[2]) +
                                             R"(,
          "username": "caunoi", "password": "${CAUNOI_TEST_KANNEL_PASSWORD}",
          "from": "8088", "smsc_id": "fake-mt", "max_messages": 3,
          "dlr_url": ")" + base +
                                             R"(/webhooks/kannel/dlr",
          "webhook_secret": "${CAUNOI_TEST_KANNEL_SECRET}",
          "webhook_allow_from": ["127.0.0.1"],
          "timeout": "3s", "connect_timeout": "500ms"}}
      }
    })");
    StartKannel();
    caunoi_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{CAUNOI_BINARY, "serve", "--config", config_path_}, log_path());
    const int port = ListeningPort(*caunoi_, 60s);
    REQUIRE_MESSAGE(port == gateway_port_, "caunoi did not start:\n" << ReadFile(log_path()));
  }

  ~SmsGateway() {
    if (caunoi_) {
      caunoi_->Signal(SIGTERM);
      caunoi_->Wait(20s);
    }
  }

  // Starts Kannel (again) in a fresh directory; its fakesmsc-mt.out starts empty.
  void StartKannel() {
    kannel_dir_ = dir_.File("kannel-" + std::to_string(++kannel_runs_));
    std::vector<std::string> args = {"--get-url", get_url_, "--max-messages", "3", kannel_dir_};
    for (int p : kannel_ports_) args.push_back(std::to_string(p));
    kannel_ = std::make_unique<ScriptedServer>(Script(), args, kannel_dir_ + ".err");
    REQUIRE_MESSAGE(kannel_->WaitReady(30s), ReadFile(kannel_dir_ + ".err"));
  }
  bool StopKannel() {
    bool ok = kannel_->Stop(kannel_dir_, 45s);
    kannel_.reset();
    return ok;
  }

  // One MO through fakesmsc, as a handset would send it.
  void Mo(const std::string& line) {
    auto r = RunCommand({"/bin/bash", Script(), "mo", kannel_dir_, line}, 15s);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }

  std::unique_ptr<httplib::Client> Client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", gateway_port_);
    c->set_connection_timeout(5);
    c->set_read_timeout(30);
    return c;
  }

  // A signed status push, as a one-stop backend sends it; returns the notification id.
  std::string Push(const std::string& webhook_id, const std::string& phone,
                   const std::string& status = "result_ready") {
    json body = {{"dossier_code", kDossier},
                 {"procedure_code", "1.004222"},
                 {"status", status},
                 {"recipient", {{"phone", phone}}},
                 {"occurred_at", "2026-11-23T04:54:13Z"}};
    const std::string text = body.dump();
    const auto ts = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    const std::string key = *gw::backends::ParseWebhookSecret(kPushSecret);
    httplib::Headers h = {
        {"webhook-id", webhook_id},
        {"webhook-timestamp", std::to_string(ts)},
        {"webhook-signature", gw::backends::WebhookSignature(key, webhook_id, ts, text)}};
    auto r = Client()->Post("/api/v1/notifications", h, text, "application/json");
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 202, r->body);
    return json::parse(r->body)["notification_id"];
  }

  json Notification(const std::string& id) {
    auto r = Client()->Get("/api/v1/notifications/" + id);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    return json::parse(r->body);
  }

  std::vector<Received> Handset() const { return ParseHandset(kannel_dir_ + "/fakesmsc-mt.out"); }
  std::vector<Received> HandsetTo(const std::string& to) const { return To(Handset(), to); }
  std::vector<int> CodingsTo(const std::string& to) const {
    return AccessLogCodings(kannel_dir_ + "/access.log", to);
  }

  // The store's view of the reply legs to `address`: "state/receipt" per leg.
  std::vector<std::string> ReplyLegs(const std::string& address) const {
    std::vector<std::string> out;
    for (const auto& row :
         Query(db_path(),
               "SELECT d.state || '/' || d.receipt FROM deliveries d JOIN outbox o "
               "ON o.id = d.outbox_id WHERE o.kind = 'reply' AND d.address = '" +
                   address + "' ORDER BY d.id"))
      out.push_back(row[0]);
    return out;
  }

  std::string db_path() const { return dir_.File("data/caunoi.db"); }
  std::string log_path() const { return dir_.File("caunoi.log"); }
  const std::string& get_url() const { return get_url_; }
  int gateway_port() const { return gateway_port_; }

 private:
  TempDir dir_;
  std::vector<int> kannel_ports_;
  int gateway_port_ = 0;
  std::string get_url_;
  std::string config_path_;
  std::string kannel_dir_;
  int kannel_runs_ = 0;
  std::unique_ptr<ScriptedServer> kannel_;
  std::unique_ptr<ChildProcess> caunoi_;
};

bool KannelInstalled() {
  auto check = RunCommand({"/bin/bash", Script(), "check"}, 10s);
  if (check.exit_code != 0) {
    MESSAGE("skipped: " << check.out << " (install kannel kannel-extras to run this test)");
    return false;
  }
  return true;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// The MO query Kannel sends for a GSM text (the get-url template, expanded).
std::string MoQuery(const std::string& secret, const std::string& id, const std::string& from,
                    const std::string& text) {
  return "secret=" + secret + "&id=" + id + "&from=" + from +
         "&to=8088&smsc=fake-mo&ts=1795409175&coding=0&charset=UTF-8&text=" +
         net::PercentEncode(text);
}

}  // namespace

TEST_CASE("an SMS lookup is answered at the handset in Vietnamese (UCS-2); receipts flow back") {
  if (!KannelInstalled()) return;
  SmsGateway gw;

  SUBCASE("plain-text and UCS-2 MOs") {
    gw.Mo("0901234567 8088 text tra cuu ho so " + std::string(kDossier));
    const std::string vietnamese = "Tra cứu hồ sơ " + std::string(kDossier) + " giúp tôi";
    gw.Mo("0901234568 8088 ucs2 " + net::PercentEncode(ks::Utf8ToUtf16Be(vietnamese)));

    for (const std::string to : {"+84901234567", "+84901234568"}) {
      CAPTURE(to);
      // Until its last part arrives, a concatenated message is there with no text yet.
      REQUIRE_MESSAGE(WaitFor(
                          [&] {
                            auto got = gw.HandsetTo(to);
                            return !got.empty() && !got[0].text.empty();
                          },
                          30s),
                      ReadFile(gw.log_path()));
      auto got = gw.HandsetTo(to);
      REQUIRE(got.size() == 1);
      const auto& sms = got[0];
      CAPTURE(sms.text);
      // Vietnamese with its marks: UCS-2, one part as "ucs-2", several as UDH parts, each logged
      // by bearerbox with data coding 2.
      CHECK((sms.type == "ucs-2" || sms.type == "udh"));
      CHECK(gw.CodingsTo(to) == std::vector<int>{2});
      // The seeded dossier is being processed (Đăng ký thường trú, due 1 November 2024).
      CHECK(Contains(sms.text,
                     "Hồ sơ " + std::string(kDossier) + " (Đăng ký thường trú): đang giải quyết."));
      CHECK(Contains(sms.text, "Ngày hẹn trả kết quả: ngày 1 tháng 11 năm 2024"));
      CHECK(sms.parts <= 3);

      // Kannel's delivery report reached /webhooks/kannel/dlr and closed the reply's leg.
      REQUIRE_MESSAGE(
          WaitFor(
              [&] { return gw.ReplyLegs(to) == std::vector<std::string>{"delivered/delivered"}; },
              15s),
          "reply legs: " << json(gw.ReplyLegs(to)).dump());
    }
    // Both MOs stored once, each with its answer, and the answer's outbox row is done.
    CHECK(One(gw.db_path(),
              "SELECT count(*) FROM messages WHERE channel = 'sms' AND direction = 'in'") == "2");
    // The receipt wakes the dispatcher, whose next pass closes the job: wait for that pass.
    CHECK(WaitFor(
        [&] {
          return One(gw.db_path(),
                     "SELECT count(*) FROM outbox WHERE kind = 'reply' AND state = 'delivered'") ==
                 "2";
        },
        10s));
  }

  SUBCASE("a signed status notice reaches the phone and its receipt becomes delivered") {
    const std::string id = gw.Push("msg_sms_1", "0901234569");
    json view;
    REQUIRE_MESSAGE(WaitFor(
                        [&] {
                          view = gw.Notification(id);
                          return view["state"] == "delivered";
                        },
                        30s),
                    view.dump());
    REQUIRE(view["deliveries"].size() == 1);
    const auto& leg = view["deliveries"][0];
    CHECK(leg["route"] == "sms");
    CHECK(leg["receipt"] == "delivered");
    CHECK(leg["state"] == "delivered");
    CHECK(leg["attempts"] == 1);
    CHECK(leg["possible_duplicate"] == false);

    auto got = gw.HandsetTo("+84901234569");
    REQUIRE(got.size() == 1);
    CAPTURE(got[0].text);
    CHECK(Contains(got[0].text, kDossier));
    CHECK(Contains(got[0].text, "đã có kết quả"));
  }
}

TEST_CASE("the MO webhook: a wrong secret stores nothing; a provider retry is answered once") {
  if (!KannelInstalled()) return;
  SmsGateway gw;
  auto c = gw.Client();
  const std::string lookup = "tra cuu ho so " + std::string(kDossier);

  SUBCASE("wrong secret: 401, nothing stored, nothing sent") {
    auto r = c->Get("/webhooks/kannel/mo?" + MoQuery("not-the-secret-0123456789",
                                                     "7d4f0c1e-0000-4000-8000-000000000001",
                                                     "0901234571", lookup));
    REQUIRE(r);
    CHECK(r->status == 401);
    auto none = c->Get("/webhooks/kannel/mo?" +
                       MoQuery("", "7d4f0c1e-0000-4000-8000-000000000002", "0901234571", lookup));
    REQUIRE(none);
    CHECK(none->status == 401);
    // The same request with the secret goes through: the refusals were the secret's doing.
    auto good =
        c->Get("/webhooks/kannel/mo?" +
               MoQuery(kSecret, "7d4f0c1e-0000-4000-8000-000000000003", "0901234572", lookup));
    REQUIRE(good);
    CHECK(good->status == 200);
    REQUIRE(WaitFor([&] { return gw.ReplyLegs("+84901234572").size() == 1; }, 20s));
    CHECK(One(gw.db_path(), "SELECT count(*) FROM messages WHERE direction = 'in'") == "1");
    CHECK(One(gw.db_path(), "SELECT count(*) FROM contacts WHERE address LIKE '%901234571'") ==
          "0");
    CHECK(One(gw.db_path(),
              "SELECT count(*) FROM message_log WHERE sender LIKE '%901234571' "
              "OR receiver LIKE '%901234571'") == "0");
    REQUIRE(WaitFor([&] { return gw.HandsetTo("+84901234572").size() == 1; }, 20s));
    CHECK(gw.HandsetTo("+84901234571").empty());
  }

  SUBCASE("the same %I twice, then four times at once: one turn, one SMS each") {
    const std::string id = "3b0d7a52-5f0e-4d8e-9a43-9b7f5c2e0a11";
    auto first = c->Get("/webhooks/kannel/mo?" + MoQuery(kSecret, id, "0901234573", lookup));
    REQUIRE(first);
    CHECK(first->status == 200);
    auto again = c->Get("/webhooks/kannel/mo?" + MoQuery(kSecret, id, "0901234573", lookup));
    REQUIRE(again);
    CHECK(again->status == 200);

    const std::string racing = "3b0d7a52-5f0e-4d8e-9a43-9b7f5c2e0a12";
    std::vector<int> statuses(4, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([&, i] {
        auto own = gw.Client();
        auto r = own->Get("/webhooks/kannel/mo?" + MoQuery(kSecret, racing, "0901234574", lookup));
        statuses[i] = r ? r->status : -1;
      });
    }
    for (auto& t : threads) t.join();
    CHECK(statuses == std::vector<int>{200, 200, 200, 200});

    for (const std::string to : {"+84901234573", "+84901234574"}) {
      CAPTURE(to);
      REQUIRE(WaitFor(
          [&] { return gw.ReplyLegs(to) == std::vector<std::string>{"delivered/delivered"}; },
          20s));
    }
    // Give a second answer time to show up if one had been queued, then count.
    std::this_thread::sleep_for(1s);
    CHECK(gw.HandsetTo("+84901234573").size() == 1);
    CHECK(gw.HandsetTo("+84901234574").size() == 1);
    CHECK(gw.ReplyLegs("+84901234573").size() == 1);
    CHECK(gw.ReplyLegs("+84901234574").size() == 1);
    CHECK(One(gw.db_path(), "SELECT count(*) FROM messages WHERE direction = 'in'") == "2");
    CHECK(One(gw.db_path(), "SELECT count(*) FROM outbox WHERE kind = 'reply'") == "2");
  }
}

TEST_CASE("Kannel down: a notice is retried, not lost, and delivered once when it is back") {
  if (!KannelInstalled()) return;
  // Short backoff so the test sees several attempts in a few seconds.
  SmsGateway gw(R"(, "retry": {"initial": "100ms", "max_delay": "400ms", "max_attempts": 100})");
  REQUIRE(gw.StopKannel());

  const std::string id = gw.Push("msg_sms_down", "0901234575");
  json view;
  REQUIRE_MESSAGE(WaitFor(
                      [&] {
                        view = gw.Notification(id);
                        // Attempts count when they start: wait for one that has ended too.
                        return !view["deliveries"].empty() &&
                               view["deliveries"][0]["attempts"].get<int>() >= 3 &&
                               view["deliveries"][0]["state"] == "retrying";
                      },
                      20s),
                  view.dump());
  CHECK(view["state"] == "pending");
  REQUIRE(view["deliveries"].size() == 1);
  CHECK(view["deliveries"][0]["route"] == "sms");
  CHECK(view["deliveries"][0]["last_outcome"] == "retryable");
  CHECK(view["deliveries"][0]["state"] == "retrying");
  CHECK(view["deliveries"][0]["receipt"] == "none");
  CHECK(Contains(ReadFile(gw.log_path()), "sms not accepted by kannel"));

  gw.StartKannel();
  REQUIRE_MESSAGE(WaitFor(
                      [&] {
                        view = gw.Notification(id);
                        return view["state"] == "delivered";
                      },
                      30s),
                  view.dump());
  REQUIRE(view["deliveries"].size() == 1);  // one leg, retried: no fallback, no second round
  const auto& leg = view["deliveries"][0];
  CHECK(leg["receipt"] == "delivered");
  CHECK(leg["last_outcome"] == "accepted");
  CHECK(leg["attempts"].get<int>() >= 4);
  CHECK(leg["possible_duplicate"] == false);
  std::this_thread::sleep_for(1s);  // a duplicate would have arrived by now
  auto got = gw.HandsetTo("+84901234575");
  REQUIRE(got.size() == 1);
  CHECK(Contains(got[0].text, kDossier));
  CHECK(Contains(got[0].text, "đã có kết quả"));
  CHECK(gw.StopKannel());
}

}  // namespace gw::testing
