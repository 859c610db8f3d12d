// The dispatcher against the real SQLite store, scripted channel adapters and a fake clock:
// fallback order, backoff, receipts, expiry, dead letters and resend, opt-outs, rate limits,
// queued replies, and a resend after a crash marked as a possible duplicate.
#include "gateway/delivery/dispatcher.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "embedded/config.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gw;
using namespace gw::gateway::delivery;
using core::ChannelKind;
using core::SendOutcome;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

class ScriptedChannel final : public core::Channel {
 public:
  explicit ScriptedChannel(ChannelKind kind) : kind_(kind) {}
  ChannelKind kind() const override { return kind_; }
  core::SendResult Send(const core::OutboundMessage& m) override {
    std::lock_guard lock(mu_);
    sent.push_back(m);
    core::SendResult r;
    r.outcome = script.empty() ? otherwise : script.front();
    if (!script.empty()) script.pop_front();
    if (r.outcome == SendOutcome::kAccepted) r.provider_message_id = "p-" + m.idempotency_key;
    return r;
  }
  std::vector<core::OutboundMessage> sent;
  std::deque<SendOutcome> script;
  SendOutcome otherwise = SendOutcome::kAccepted;

 private:
  ChannelKind kind_;
  std::mutex mu_;
};

// Holds sends to one address until opened: a provider that is slow for one message.
class GatedChannel final : public core::Channel {
 public:
  GatedChannel(ChannelKind kind, std::string held) : kind_(kind), held_(std::move(held)) {}
  ChannelKind kind() const override { return kind_; }
  core::SendResult Send(const core::OutboundMessage& m) override {
    std::unique_lock lock(mu_);
    if (m.to.address == held_) {
      holding_ = true;
      changed_.notify_all();
      changed_.wait(lock, [this] { return open_; });
    }
    core::SendResult r;
    r.outcome = SendOutcome::kAccepted;
    r.provider_message_id = "p-" + m.idempotency_key;
    return r;
  }
  bool WaitHolding() {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, seconds(10), [this] { return holding_; });
  }
  void Open() {
    std::lock_guard lock(mu_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  ChannelKind kind_;
  std::string held_;
  std::mutex mu_;
  std::condition_variable changed_;
  bool holding_ = false;
  bool open_ = false;
};

// Polls (real time) until `done` or ten seconds pass.
template <typename F>
bool Eventually(F done) {
  for (int i = 0; i < 1000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return done();
}

const core::TimePoint kStart = core::FromUnixMillis(1'795'400'000'000);  // 2026-11-23

struct Fixture {
  gw::testing::TempDir dir;
  std::unique_ptr<gateway::store::SqliteStore> store;
  core::FakeClock clock{kStart};
  locales::Catalogs catalogs = locales::Catalogs::LoadEmbedded().value();
  routing::Catalog catalog =
      routing::Catalog::Parse(*embedded::config::Find("catalog/procedures.json"), "procedures")
          .value();
  ScriptedChannel sms{ChannelKind::kSms};
  ScriptedChannel email{ChannelKind::kEmail};
  ScriptedChannel app{ChannelKind::kApp};
  std::unique_ptr<DeliveryStore> deliveries;
  std::unique_ptr<NoticeComposer> composer;
  std::unique_ptr<Dispatcher> dispatcher;
  DispatcherSettings settings;
  ComposerSettings composer_settings;

  Fixture() {
    gateway::store::SqliteConfig c;
    c.path = dir.File("caunoi.db");
    store = std::move(gateway::store::SqliteStore::Open(c, nullptr)).value();
    deliveries = std::make_unique<DeliveryStore>(*store, "000.00.12.H29");
    settings.policy.retry.initial = seconds(1);
    settings.policy.retry.max_attempts = 3;
    settings.policy.max_age = hours(24);
    settings.senders = 2;
    composer_settings.agency = "UBND phường Bến Thành";
  }

  // Built on first use, so a test may change the settings first.
  Dispatcher& D() {
    if (!dispatcher) {
      composer = std::make_unique<NoticeComposer>(catalogs, catalog, composer_settings);
      dispatcher = std::make_unique<Dispatcher>(
          *deliveries,
          std::map<ChannelKind, core::Channel*>{
              {ChannelKind::kSms, &sms}, {ChannelKind::kEmail, &email}, {ChannelKind::kApp, &app}},
          *composer, clock, settings);
    }
    return *dispatcher;
  }

  std::string Push(const std::string& id, const std::string& recipient,
                   const std::string& status = "result_ready", const std::string& extra = "") {
    std::string body = R"({"dossier_code":"000.00.12.H29-241023-0001","procedure_code":"1.001193",)"
                       R"("status":")" +
                       status + "\"" + extra + R"(,"recipient":)" + recipient +
                       R"(,"occurred_at":"2026-11-23T04:54:13Z"})";
    auto r = store->RecordNotification(id, id, body, clock.Now());
    REQUIRE(r.ok());
    return r->public_id;
  }

  std::vector<LegView> Legs(const std::string& public_id) {
    return deliveries->Legs(public_id).value();
  }

  std::string State(const std::string& public_id) {
    return store->GetNotification(public_id).value()->state;
  }

  // A citizen known by an SMS turn (and so a contact), optionally opted out of a channel.
  void KnownCitizen(const std::string& phone, std::optional<ChannelKind> opt_out = {},
                    const std::string& email_address = "") {
    core::TurnRecord t;
    t.inbound.channel = ChannelKind::kSms;
    t.inbound.sender = phone;
    t.inbound.receiver = "8079";
    t.inbound.origin = "kannel";
    t.inbound.text = "huy nhan tin";
    t.inbound.raw_payload = "x";
    t.inbound.content_type = "text/plain";
    t.inbound.received_at = clock.Now();
    if (opt_out) t.subscriptions.push_back({*opt_out, false});
    REQUIRE(store->RecordTurn(t).ok());
    if (!email_address.empty()) {
      core::TurnRecord e = t;
      e.inbound.channel = ChannelKind::kEmail;
      e.inbound.sender = email_address;
      e.subscriptions.clear();
      REQUIRE(store->RecordTurn(e).ok());
      // Link the two contacts to one citizen, as a merge by the inbox would.
      REQUIRE(store
                  ->RunWrite([&](gateway::store::Db& db) {
                    db.Exec(
                        "UPDATE contacts SET citizen_id = (SELECT min(citizen_id) FROM "
                        "contacts)");
                  })
                  .ok());
    }
  }
};

}  // namespace

TEST_CASE("a notice goes to the channel the request came from, with the templates' text") {
  Fixture f;
  auto id = f.Push("w1", R"({"citizen_id":"sms:+84912345678","email":"an@example.vn"})", "rejected",
                   R"(,"reason":"Thiếu giấy chứng sinh")");
  CHECK(f.D().RunOnce() == 1);
  REQUIRE(f.sms.sent.size() == 1);
  CHECK(f.email.sent.empty());
  const auto& m = f.sms.sent[0];
  CHECK(m.to.address == "+84912345678");
  CHECK(m.text.find("000.00.12.H29-241023-0001") != std::string::npos);
  CHECK(m.text.find("Lý do: Thiếu giấy chứng sinh") != std::string::npos);
  CHECK(m.idempotency_key == LegKey(1, notifier::Route::kSms, 0));
  CHECK(f.State(id) == "pending");  // by default an SMS waits for its delivery report
  auto legs = f.Legs(id);
  REQUIRE(legs.size() == 1);
  CHECK(legs[0].route == "sms");
  CHECK(legs[0].state == "accepted");
  CHECK(legs[0].attempts == 1);
}

TEST_CASE("no receipt in time: the next route; a receipt: done") {
  Fixture f;
  auto late = f.Push("w1", R"({"citizen_id":"sms:+84912345678","email":"an@example.vn"})");
  auto prompt = f.Push("w2", R"({"citizen_id":"sms:+84900000002","email":"binh@example.vn"})");
  f.D().RunOnce();
  REQUIRE(f.sms.sent.size() == 2);
  // The handset got the second one (sends run in parallel: find it by its number).
  const auto& second = f.sms.sent[0].to.address == "+84900000002" ? f.sms.sent[0] : f.sms.sent[1];
  REQUIRE(second.to.address == "+84900000002");
  REQUIRE(f.deliveries
              ->RecordReceipt(second.idempotency_key, notifier::ReceiptStatus::kDelivered,
                              "delivered", f.clock.Now())
              .ok());
  CHECK(f.deliveries
            ->RecordReceipt("cn-999-sms-0", notifier::ReceiptStatus::kDelivered, "", f.clock.Now())
            .error()
            .code == core::ErrorCode::kNotFound);
  f.D().RunOnce();
  CHECK(f.State(prompt) == "delivered");
  CHECK(f.State(late) == "pending");
  CHECK(f.email.sent.empty());
  f.clock.Advance(minutes(29));
  f.D().RunOnce();
  CHECK(f.email.sent.empty());
  f.clock.Advance(minutes(2));  // 31 minutes without a receipt
  f.D().RunOnce();
  f.D().RunOnce();
  REQUIRE(f.email.sent.size() == 1);
  CHECK(f.email.sent[0].to.address == "an@example.vn");
  CHECK(f.email.sent[0].subject == "Hồ sơ 000.00.12.H29-241023-0001 đã có kết quả");
  CHECK(f.State(late) == "delivered");
  auto legs = f.Legs(late);
  REQUIRE(legs.size() == 2);
  CHECK(legs[0].route == "sms");
  CHECK(legs[1].route == "email");
  CHECK(legs[1].state == "delivered");
  CHECK(f.email.sent.size() == 1);  // done means done: nothing more
  f.clock.Advance(hours(2));
  f.D().RunOnce();
  CHECK(f.email.sent.size() == 1);
}

TEST_CASE("retryable failures back off from the last attempt, then the route is given up") {
  Fixture f;
  f.settings.policy.fallback.receipt_timeout.clear();
  f.sms.otherwise = SendOutcome::kRetryable;
  auto id = f.Push("w1", R"({"phone":"+84912345678","email":"an@example.vn"})");
  f.D().RunOnce();
  CHECK(f.sms.sent.size() == 1);
  f.D().RunOnce();  // the retry is not due yet
  CHECK(f.sms.sent.size() == 1);
  auto legs = f.Legs(id);
  REQUIRE(legs.size() == 1);
  CHECK(legs[0].state == "retrying");
  CHECK(legs[0].last_outcome == "retryable");
  f.clock.Advance(seconds(1));  // full jitter under a 1 s cap: due by now
  f.D().RunOnce();
  CHECK(f.sms.sent.size() == 2);
  f.clock.Advance(seconds(2));
  f.D().RunOnce();
  CHECK(f.sms.sent.size() == 3);  // max_attempts = 3
  CHECK(f.email.sent.empty());
  f.D().RunOnce();  // the policy gave SMS up after the third: e-mail now
  REQUIRE(f.email.sent.size() == 1);
  CHECK(f.State(id) == "delivered");
  // Every SMS attempt carried the same key: a provider that deduplicates sees one message.
  CHECK(f.sms.sent[0].idempotency_key == f.sms.sent[2].idempotency_key);
  CHECK(f.Legs(id)[0].attempts == 3);
}

TEST_CASE("a permanent refusal falls back at once; no route left is a dead letter, resendable") {
  Fixture f;
  f.settings.policy.fallback.receipt_timeout.clear();
  f.sms.otherwise = SendOutcome::kRejected;
  f.email.otherwise = SendOutcome::kRejected;
  auto id = f.Push("w1", R"({"phone":"+84912345678","email":"an@example.vn"})");
  f.D().RunOnce();
  f.D().RunOnce();
  f.D().RunOnce();
  CHECK(f.sms.sent.size() == 1);
  CHECK(f.email.sent.size() == 1);
  CHECK(f.State(id) == "dead");
  auto dead = f.deliveries->DeadLetters("000.00.12.H29", 10).value();
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].public_id == id);
  CHECK(dead[0].detail == "permanent_failure");  // why the last route was given up
  CHECK(dead[0].legs.size() == 2);
  // Another agency's officers would not see it: the store is scoped.
  CHECK(f.deliveries->DeadLetters("000.00.99.H99", 10).value().empty());
  CHECK(f.deliveries->Resend("000.00.99.H99", dead[0].outbox_id, f.clock.Now()).error().code ==
        core::ErrorCode::kNotFound);

  // An officer fixes the cause and resends: a new round, new keys, from the first route.
  f.sms.otherwise = SendOutcome::kAccepted;
  REQUIRE(f.deliveries->Resend("000.00.12.H29", dead[0].outbox_id, f.clock.Now()).ok());
  CHECK(f.deliveries->Resend("000.00.12.H29", dead[0].outbox_id, f.clock.Now()).error().code ==
        core::ErrorCode::kConflict);
  f.D().RunOnce();
  CHECK(f.State(id) == "delivered");
  REQUIRE(f.sms.sent.size() == 2);
  CHECK(f.sms.sent[1].idempotency_key == LegKey(dead[0].outbox_id, notifier::Route::kSms, 1));
  CHECK(f.sms.sent[1].idempotency_key != f.sms.sent[0].idempotency_key);
  CHECK(f.deliveries->DeadLetters("000.00.12.H29", 10).value().empty());
  CHECK(f.Legs(id).size() == 3);  // history kept
}

TEST_CASE("a notice older than max_age expires instead of arriving late") {
  Fixture f;
  f.settings.policy.max_age = hours(1);
  f.settings.policy.retry.max_attempts = 100;
  f.settings.policy.retry.max_delay = minutes(10);
  f.sms.otherwise = SendOutcome::kRetryable;
  auto id = f.Push("w1", R"({"phone":"+84912345678"})");
  for (int i = 0; i < 40 && f.State(id) == "pending"; ++i) {
    f.D().RunOnce();
    f.clock.Advance(minutes(5));
  }
  CHECK(f.State(id) == "expired");
  const auto sends = f.sms.sent.size();
  CHECK(sends >= 3);
  auto dead = f.deliveries->DeadLetters("000.00.12.H29", 10).value();
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].state == "expired");
  CHECK(dead[0].detail == "max_age");
  f.clock.Advance(hours(1));
  f.D().RunOnce();
  CHECK(f.sms.sent.size() == sends);
}

TEST_CASE("an opt-out is honoured: the next channel the citizen has") {
  Fixture f;
  f.settings.policy.fallback.receipt_timeout.clear();
  f.KnownCitizen("+84912345678", ChannelKind::kSms, "an@example.vn");
  auto id = f.Push("w1", R"({"phone":"+84912345678"})");
  f.D().RunOnce();
  CHECK(f.sms.sent.empty());
  REQUIRE(f.email.sent.size() == 1);
  CHECK(f.email.sent[0].to.address == "an@example.vn");  // known from the citizen's contacts
  CHECK(f.State(id) == "delivered");
}

TEST_CASE("an SMS notice that cannot fit is not cut: the route fails and the next one has it") {
  Fixture f;
  f.settings.policy.fallback.receipt_timeout.clear();
  f.composer_settings.sms.max_parts = 1;
  f.composer_settings.sms.fold = locales::SmsFold::kNever;
  const std::string reason =
      "Hồ sơ thiếu bản sao giấy chứng sinh có chứng thực và tờ khai chưa có chữ ký của người đi "
      "đăng ký";
  auto id = f.Push("w1", R"({"phone":"+84912345678","email":"an@example.vn"})", "rejected",
                   R"(,"reason":")" + reason + "\"");
  f.D().RunOnce();
  f.D().RunOnce();
  CHECK(f.sms.sent.empty());  // nothing was sent cut short
  REQUIRE(f.email.sent.size() == 1);
  CHECK(f.email.sent[0].text.find(reason) != std::string::npos);
  auto legs = f.Legs(id);
  REQUIRE(legs.size() == 2);
  CHECK(legs[0].route == "sms");
  CHECK(legs[0].last_outcome == "malformed");
  CHECK(legs[0].state == "failed");
  CHECK(f.State(id) == "delivered");
}

TEST_CASE("rate limits hold sends back without counting an attempt") {
  Fixture f;
  f.settings.policy.fallback.receipt_timeout.clear();
  f.settings.limits[notifier::Route::kSms] = notifier::RateLimit{1.0, 1};
  auto a = f.Push("w1", R"({"phone":"+84900000001"})");
  auto b = f.Push("w2", R"({"phone":"+84900000002"})");
  f.D().RunOnce();
  CHECK(f.sms.sent.size() == 1);
  CHECK(f.State(a) == "delivered");
  CHECK(f.State(b) == "pending");
  CHECK(f.Legs(b).empty());  // no attempt recorded
  f.clock.Advance(seconds(1));
  f.D().RunOnce();
  CHECK(f.sms.sent.size() == 2);
  CHECK(f.State(b) == "delivered");
}

TEST_CASE("a reply queued with an SMS turn is sent back to the same number") {
  Fixture f;
  core::TurnRecord t;
  t.inbound.channel = ChannelKind::kSms;
  t.inbound.sender = "+84912345678";
  t.inbound.receiver = "8079";
  t.inbound.text = "tra cuu";
  t.inbound.raw_payload = "x";
  t.inbound.content_type = "text/plain";
  t.inbound.received_at = f.clock.Now();
  t.agency_code = "000.00.12.H29";
  core::OutboundMessage reply;
  reply.to = {ChannelKind::kSms, "+84912345678"};
  reply.text = "Hồ sơ đang được giải quyết.";
  reply.idempotency_key = "reply-caunoi-sms-1";
  t.queued_reply = reply;
  REQUIRE(f.store->RecordTurn(t).ok());
  f.settings.policy.fallback.receipt_timeout.clear();
  f.D().RunOnce();
  REQUIRE(f.sms.sent.size() == 1);
  CHECK(f.sms.sent[0].to.address == "+84912345678");
  CHECK(f.sms.sent[0].text == "Hồ sơ đang được giải quyết.");
  CHECK(f.email.sent.empty());  // a reply never falls back to another channel
  f.D().RunOnce();
  CHECK(f.sms.sent.size() == 1);
}

TEST_CASE("an attempt in flight when the process died is sent again under the same key, marked") {
  Fixture f;
  f.settings.policy.fallback.receipt_timeout.clear();
  auto id = f.Push("w1", R"({"phone":"+84912345678"})");
  // What a crash between marking and recording leaves behind.
  AttemptStart start{
      1, 0, notifier::Route::kSms, "+84912345678", LegKey(1, notifier::Route::kSms, 0), false};
  REQUIRE(f.deliveries->BeginAttempts({start}, f.clock.Now()).ok());
  f.clock.Advance(seconds(2));
  f.D().RunOnce();
  REQUIRE(f.sms.sent.size() == 1);
  CHECK(f.sms.sent[0].idempotency_key == start.key);
  CHECK(f.State(id) == "delivered");
  auto legs = f.Legs(id);
  REQUIRE(legs.size() == 1);
  CHECK(legs[0].attempts == 2);
  CHECK(legs[0].possible_duplicate);  // SMS cannot deduplicate: recorded, not hidden

  // The app "provider" deduplicates by key: the same resend there is not a possible duplicate.
  auto app = f.Push("w2", R"({"app_user_id":"web-1"})");
  AttemptStart app_start{
      2, 0, notifier::Route::kApp, "web-1", LegKey(2, notifier::Route::kApp, 0), false};
  REQUIRE(f.deliveries->BeginAttempts({app_start}, f.clock.Now()).ok());
  f.clock.Advance(seconds(2));
  f.D().RunOnce();
  CHECK(f.State(app) == "delivered");
  CHECK_FALSE(f.Legs(app)[0].possible_duplicate);
}

TEST_CASE("a slow send holds one sender: the others are sent and recorded meanwhile") {
  Fixture f;
  f.settings.policy.fallback.receipt_timeout.clear();
  f.settings.senders = 2;  // a window of four jobs
  GatedChannel sms(ChannelKind::kSms, "+84900000001");
  f.composer = std::make_unique<NoticeComposer>(f.catalogs, f.catalog, f.composer_settings);
  Dispatcher d(*f.deliveries, {{ChannelKind::kSms, &sms}}, *f.composer, f.clock, f.settings);
  auto slow = f.Push("w0", R"({"phone":"+84900000001"})");
  std::vector<std::string> others;
  for (int i = 2; i <= 7; ++i) {
    others.push_back(
        f.Push("w" + std::to_string(i), R"({"phone":"+8490000000)" + std::to_string(i) + "\"}"));
  }
  d.Start();
  REQUIRE(sms.WaitHolding());
  // Six more notices than the one held, through one free sender, while the first is still out.
  CHECK(Eventually([&] {
    return std::all_of(others.begin(), others.end(),
                       [&](const std::string& id) { return f.State(id) == "delivered"; });
  }));
  CHECK(f.State(slow) == "pending");
  CHECK(f.Legs(slow)[0].state == "sending");  // marked in flight, not yet known
  sms.Open();
  CHECK(Eventually([&] { return f.State(slow) == "delivered"; }));
  d.Stop();
}

TEST_CASE("a bounce after the mail server took the mail reopens the notice: the next route") {
  Fixture f;
  f.settings.policy.fallback.receipt_timeout.clear();  // taken by the server = delivered
  auto id = f.Push("w1", R"({"citizen_id":"email:an@example.vn","phone":"+84912345678"})");
  f.D().RunOnce();
  REQUIRE(f.email.sent.size() == 1);
  CHECK(f.sms.sent.empty());
  CHECK(f.State(id) == "delivered");

  // The e-mail adapter recorded the Message-ID as the provider id; the bounce names it.
  const std::string message_id = "p-" + f.email.sent[0].idempotency_key;
  CHECK_FALSE(f.deliveries
                  ->RecordMailReceipt("someone-else@example.vn", notifier::ReceiptStatus::kFailed,
                                      "5.1.1", f.clock.Now())
                  .value());
  CHECK(f.deliveries
            ->RecordMailReceipt(message_id, notifier::ReceiptStatus::kFailed,
                                "5.1.1 smtp; 550 user unknown", f.clock.Now())
            .value());
  CHECK(f.State(id) == "pending");
  f.D().RunOnce();
  REQUIRE(f.sms.sent.size() == 1);
  CHECK(f.sms.sent[0].to.address == "+84912345678");
  CHECK(f.State(id) == "delivered");
  auto legs = f.Legs(id);
  REQUIRE(legs.size() == 2);
  CHECK(legs[0].route == "email");
  CHECK(legs[0].receipt == "failed");
  CHECK(legs[0].detail == "5.1.1 smtp; 550 user unknown");

  // A second report about the same mail changes nothing: the first final receipt wins.
  CHECK(f.deliveries
            ->RecordMailReceipt(message_id, notifier::ReceiptStatus::kDelivered, "2.0.0",
                                f.clock.Now())
            .value());
  CHECK(f.State(id) == "delivered");
  CHECK(f.Legs(id)[0].receipt == "failed");
}
