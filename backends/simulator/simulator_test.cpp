// Tests of the simulator over HTTP: signed pushes and their retries (checked by a tiny receiver),
// the fault modes, and the state file across a restart.
#include "backends/simulator/simulator.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <filesystem>
#include <thread>

#include "backends/webhook_signature.hpp"

namespace gw::backends::sim {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kPushSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// Monday 21 October 2024, 09:00 in Viet Nam.
const core::TimePoint kMonday =
    core::TimePoint(std::chrono::sys_days(std::chrono::year(2024) / 10 / 21).time_since_epoch() +
                    std::chrono::hours(2));

// The gateway's notification endpoint, reduced to what the test checks: it verifies each push's
// signature and answers the statuses it is told to, in turn (then 202).
class Receiver {
 public:
  struct Push {
    std::string id;
    std::string timestamp;
    json body;
    bool signature_ok = false;
  };

  Receiver(const core::Clock& clock, std::vector<int> statuses)
      : clock_(clock), statuses_(std::move(statuses)) {
    key_ = *ParseWebhookSecret(kPushSecret);
    server_.Post(
        "/api/v1/notifications", [this](const httplib::Request& req, httplib::Response& res) {
          std::lock_guard lock(mu_);
          Push p{req.get_header_value("webhook-id"), req.get_header_value("webhook-timestamp"),
                 json::parse(req.body, nullptr, false), false};
          p.signature_ok =
              VerifyWebhook(key_, p.id, p.timestamp, req.body,
                            req.get_header_value("webhook-signature"), clock_.Now(), minutes(5))
                  .ok();
          pushes_.push_back(p);
          res.status = statuses_.empty() ? 202 : statuses_.front();
          if (!statuses_.empty()) statuses_.erase(statuses_.begin());
          res.set_content(R"({"notification_id":"n1"})", "application/json");
        });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(milliseconds(1));
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<Push> pushes() {
    std::lock_guard lock(mu_);
    return pushes_;
  }

 private:
  const core::Clock& clock_;
  std::string key_;
  std::mutex mu_;
  std::vector<int> statuses_;
  std::vector<Push> pushes_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

std::string SubmitBody(const std::string& procedure) {
  SubmitRequest r;
  r.procedure_code = procedure;
  r.agency_code = "000.00.12.H29";
  r.applicant = {"Nguyễn Văn An", "001090000001", "0912000001", "an@example.vn"};
  r.channel = "zalo";
  r.citizen_ref = "citizen-7";
  return ToJson(r).dump();
}

std::string Submit(int port, const std::string& procedure, const std::string& key) {
  httplib::Client client("127.0.0.1", port);
  auto res = client.Post("/api/v1/dossiers", {{"Idempotency-Key", key}}, SubmitBody(procedure),
                         "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 201);
  return json::parse(res->body)["dossier_code"].get<std::string>();
}

TEST_CASE("status changes are pushed signed, retried on failure, in order per dossier") {
  core::FakeClock clock(kMonday);
  Receiver receiver(clock, {500});
  Options o;
  o.push_url = receiver.url();
  o.push_secret = kPushSecret;
  o.push_initial_backoff = seconds(10);
  Simulator sim(o, clock);
  auto port = sim.Start();
  REQUIRE(port.ok());
  const std::string code = Submit(*port, "1.001193", "k1");

  TickReport r = sim.Tick();  // "received": the receiver answers 500
  CHECK(r.pushes_delivered == 0);
  CHECK(r.pushes_failed == 1);
  CHECK(r.pushes_pending == 1);
  CHECK(sim.Tick().pushes_failed == 0);  // not due again yet

  clock.Advance(minutes(30));  // the retry is due, and so is "processing"
  r = sim.Tick();
  CHECK(r.transitions == 1);
  CHECK(r.pushes_delivered == 2);
  CHECK(r.pushes_pending == 0);

  auto pushes = receiver.pushes();
  REQUIRE(pushes.size() == 3);
  // The retry carries the same webhook-id with a fresh timestamp and signature.
  CHECK(pushes[0].id == pushes[1].id);
  CHECK(pushes[0].id.starts_with("evt_"));
  CHECK(
      pushes[1].timestamp ==
      std::to_string(
          std::chrono::duration_cast<seconds>((kMonday + minutes(30)).time_since_epoch()).count()));
  CHECK(pushes[2].id != pushes[0].id);
  for (const auto& p : pushes) CHECK(p.signature_ok);
  const json& received = pushes[1].body;
  CHECK(received["dossier_code"] == code);
  CHECK(received["procedure_code"] == "1.001193");
  CHECK(received["status"] == "received");
  CHECK(received["recipient"] ==
        json{{"citizen_id", "citizen-7"}, {"phone", "0912000001"}, {"email", "an@example.vn"}});
  CHECK(received["occurred_at"] == core::FormatTimestamp(kMonday));
  CHECK(pushes[2].body["status"] == "processing");
  CHECK(pushes[2].body["occurred_at"] == core::FormatTimestamp(kMonday + minutes(30)));
}

TEST_CASE("pushes carry reasons, new due dates and results") {
  core::FakeClock clock(kMonday);
  Receiver receiver(clock, {});
  Options o;
  o.push_url = receiver.url();
  o.push_secret = kPushSecret;
  Simulator sim(o, clock);
  auto port = sim.Start();
  REQUIRE(port.ok());
  Submit(*port, "1.000894", "k1");  // kết hôn: processing, delayed, result_ready, returned
  clock.Advance(std::chrono::hours(4 * 24));
  CHECK(sim.Tick().pushes_delivered == 5);
  auto pushes = receiver.pushes();
  REQUIRE(pushes.size() == 5);
  CHECK(pushes[2].body["status"] == "delayed");
  CHECK(pushes[2].body["reason"].get<std::string>().starts_with("Cần xác minh"));
  CHECK(pushes[2].body["new_due_date"] == "2024-10-28T10:00:00.000Z");
  CHECK(pushes[3].body["status"] == "result_ready");
  CHECK(pushes[3].body["result"]["delivery"] == "counter");
  CHECK_FALSE(pushes[1].body.contains("reason"));
}

TEST_CASE("a push the gateway refuses goes to the dead list") {
  core::FakeClock clock(kMonday);
  Receiver receiver(clock, {422});
  Options o;
  o.push_url = receiver.url();
  o.push_secret = kPushSecret;
  Simulator sim(o, clock);
  auto port = sim.Start();
  REQUIRE(port.ok());
  Submit(*port, "1.001193", "k1");
  TickReport r = sim.Tick();
  CHECK(r.pushes_failed == 1);
  CHECK(r.pushes_pending == 0);
  CHECK(sim.dead_pushes().size() == 1);
}

TEST_CASE("fault modes over HTTP") {
  core::SystemClock clock;
  Simulator sim(Options{}, clock);
  auto port = sim.Start();
  REQUIRE(port.ok());
  httplib::Client client("127.0.0.1", *port);
  auto set_mode = [&](const json& body) {
    auto res = client.Post("/_sim/mode", body.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
  };
  set_mode({{"mode", "garbage"}, {"count", 1}});
  auto res = client.Get("/api/v1/catalog");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body, nullptr, false).is_discarded());
  res = client.Get("/api/v1/catalog");  // count 1: normal again
  REQUIRE(res);
  CHECK(json::parse(res->body)["procedures"].size() == 5);

  set_mode({{"mode", "throttle"}, {"delay_ms", 1500}});
  res = client.Get("/api/v1/catalog");
  REQUIRE(res);
  CHECK(res->status == 429);
  CHECK(res->get_header_value("Retry-After") == "2");

  set_mode({{"mode", "error500"}});
  res = client.Get("/api/v1/dossiers/000.00.12.H29-241023-0001");
  REQUIRE(res);
  CHECK(res->status == 500);
  CHECK(json::parse(res->body)["error"]["code"] == "internal");

  set_mode({{"mode", "down"}, {"duration_ms", 200}});
  CHECK_FALSE(client.Get("/api/v1/catalog"));  // connection refused
  CHECK(sim.mode() == Mode::kDown);
  for (int i = 0; i < 100 && sim.mode() == Mode::kDown; ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  res = client.Get("/api/v1/catalog");  // listening again on the same port
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(sim.api_requests() == 5);  // the refused connection never reached a handler

  res = client.Post("/_sim/mode", R"({"mode": "sideways"})", "application/json");
  REQUIRE(res);
  CHECK(res->status == 400);
  res = client.Get("/api/v1/nothing");
  REQUIRE(res);
  CHECK(res->status == 404);
  CHECK(json::parse(res->body)["error"]["code"] == "not_found");
}

TEST_CASE("bearer auth") {
  core::SystemClock clock;
  Options o;
  o.bearer_token = "0123456789abcdef";
  Simulator sim(o, clock);
  auto port = sim.Start();
  REQUIRE(port.ok());
  httplib::Client client("127.0.0.1", *port);
  auto res = client.Get("/api/v1/catalog");
  REQUIRE(res);
  CHECK(res->status == 401);
  res = client.Get("/api/v1/catalog", {{"Authorization", "Bearer 0123456789abcdef"}});
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE("the state file keeps dossiers, counters and replies across a restart") {
  auto path = std::filesystem::temp_directory_path() /
              ("caunoi-sim-state-" + std::to_string(::getpid()) + ".json");
  std::filesystem::remove(path);
  core::FakeClock clock(kMonday);
  Options o;
  o.state_file = path.string();
  std::string first;
  int port = 0;
  {
    Simulator sim(o, clock);
    auto p = sim.Start();
    REQUIRE(p.ok());
    port = *p;
    first = Submit(port, "1.001193", "k1");
  }
  o.port = port;  // the same port, as a restarted process would have
  Simulator sim(o, clock);
  REQUIRE(sim.Start().ok());
  CHECK(sim.Find(first));
  CHECK(Submit(port, "1.001193", "k1") == first);  // the replay survived the restart
  CHECK(Submit(port, "1.001193", "k2") == "000.00.12.H29-241021-0002");
  CHECK(sim.dossier_count() == 2);
  clock.Advance(minutes(30));
  CHECK(sim.Tick().transitions == 2);
  sim.Stop();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace gw::backends::sim
