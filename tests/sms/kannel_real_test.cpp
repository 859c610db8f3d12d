// The Kannel adapter against a real Kannel 1.4.5 (bearerbox, smsbox, fakesmsc) started by
// scripts/servers/kannel.sh on loopback: MT in UCS-2 and GSM-7, concatenation, refusals,
// delivery reports carrying our id, and MOs through the documented get-url.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "channels/common/test_log_sink.hpp"
#include "channels/sms/kannel_channel.hpp"
#include "channels/sms/kannel_mo.hpp"
#include "channels/sms/sms_text.hpp"
#include "net/url.hpp"
#include "tests/sms/kannel_support.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/scripted_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_http_server.hpp"
#include "tests/support/wait_for.hpp"

namespace sms = gw::channels::sms;
namespace common = gw::channels::common;
namespace net = gw::net;
namespace ks = gw::testing::kannel;
using gw::core::SendOutcome;
using namespace std::chrono_literals;

namespace gw::testing {

namespace {

constexpr std::string_view kSecret = "real-test-secret-0123";

struct Hit {
  std::string query;
  std::string remote_addr;
};

// Our side of the webhooks: what Kannel calls, recorded for the test to parse.
class Receiver {
 public:
  Receiver()
      : server_([this](httplib::Server& s) {
          s.Get("/webhooks/kannel/mo",
                [this](const httplib::Request& req, httplib::Response&) { Record(mo_, req); });
          s.Get("/webhooks/kannel/dlr",
                [this](const httplib::Request& req, httplib::Response&) { Record(dlr_, req); });
        }) {}

  std::string Url(const std::string& path) const { return server_.Url(path); }
  std::vector<Hit> mo() {
    std::lock_guard lock(mu_);
    return mo_;
  }
  std::vector<Hit> dlr() {
    std::lock_guard lock(mu_);
    return dlr_;
  }

 private:
  void Record(std::vector<Hit>& into, const httplib::Request& req) {
    auto q = req.target.find('?');
    std::lock_guard lock(mu_);
    into.push_back({q == std::string::npos ? "" : req.target.substr(q + 1), req.remote_addr});
  }

  std::mutex mu_;
  std::vector<Hit> mo_;
  std::vector<Hit> dlr_;
  gw::testing::TestHttpServer server_;  // last: stops before the vectors go
};

common::WebhookGuard Guard() {
  common::WebhookGuard g;
  g.secret = std::string(kSecret);
  REQUIRE_FALSE(g.allow_from.Add("127.0.0.1").has_value());
  return g;
}

gw::core::OutboundMessage Message(std::string text, std::string key) {
  gw::core::OutboundMessage m;
  m.to = {gw::core::ChannelKind::kSms, "+84901234567"};
  m.text = std::move(text);
  m.idempotency_key = std::move(key);
  return m;
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("real Kannel: MT, concatenation, delivery reports and MO") {
  const std::string script = std::string(GW_SOURCE_DIR) + "/scripts/servers/kannel.sh";
  auto check = RunCommand({"/bin/bash", script, "check"}, 10s);
  if (check.exit_code != 0) {
    MESSAGE("skipped: " << check.out << " (install kannel kannel-extras to run this test)");
    return;
  }
  gw::channels::testing::CaptureSink log_sink;  // the adapter's log lines stay off stderr
  gw::channels::testing::ScopedSink scoped_sink(&log_sink);
  Receiver receiver;
  TempDir dir;
  auto ports = FreePorts(5);  // admin, smsbox, sendsms, MT SMSC, MO SMSC
  std::string get_url =
      receiver.Url("/webhooks/kannel/mo") + "?" + std::string(sms::kKannelMoQueryTemplate);
  get_url.replace(get_url.find("SECRET"), 6, kSecret);

  ScriptedServer kannel(
      script,
      {"--get-url", get_url, "--max-messages", "3", dir.path(), std::to_string(ports[0]),
       std::to_string(ports[1]), std::to_string(ports[2]), std::to_string(ports[3]),
       std::to_string(ports[4])},
      dir.File("supervisor.err"));
  REQUIRE_MESSAGE(kannel.WaitReady(20s), ReadFile(dir.File("supervisor.err")));

  sms::KannelConfig config;
  config.port = ports[2];
  config.username = "caunoi";
  config.password = "caunoi-test";
  config.from = "8088";
  config.smsc_id = "fake-mt";
  config.dlr_url = receiver.Url("/webhooks/kannel/dlr");
  config.max_messages = 3;
  config.webhook = Guard();
  gw::core::SystemClock clock;
  sms::KannelChannel channel(config, clock);
  const std::string fake_out = dir.File("fakesmsc-mt.out");

  SUBCASE("Vietnamese MT arrives as UCS-2 and both reports carry our delivery id") {
    const std::string text =
        "Xin chào đồng bào! Hồ sơ 000.00.12.H29-241023-0001 đã được tiếp nhận.";
    const std::string key = "dlv-1/ấ%";  // characters Kannel's %-expansion must not eat
    auto r = channel.Send(Message(text, key));
    REQUIRE_MESSAGE(r.outcome == SendOutcome::kAccepted, r.detail);
    CHECK(r.provider_message_id == key);

    REQUIRE(WaitFor([&] { return ks::FakeSmscMessages(fake_out).size() == 1; }, 10s));
    auto got = ks::FakeSmscMessages(fake_out)[0];
    CHECK(got.sender == "8088");
    CHECK(got.receiver == "+84901234567");
    CHECK(got.type == "ucs-2");
    CHECK(sms::Utf16BeToUtf8(got.data) == text);

    REQUIRE(WaitFor([&] { return receiver.dlr().size() == 2; }, 10s));
    std::vector<sms::DeliveryState> states;
    for (const auto& hit : receiver.dlr()) {
      auto report = sms::ParseKannelDlr({hit.query, hit.remote_addr, clock.Now()}, Guard());
      REQUIRE_MESSAGE(report.ok(), report.error().message);
      CHECK(report->delivery_id == key);
      CHECK(report->smsc_id == "fake-mt");
      states.push_back(report->state);
    }
    // The fake SMSC acknowledges (8) and reports delivery (1), in either order.
    std::sort(states.begin(), states.end());
    CHECK(states == std::vector{sms::DeliveryState::kDelivered, sms::DeliveryState::kSmscAccepted});
  }

  SUBCASE("a long text goes as concatenated UCS-2 parts; a longer one is refused, not cut") {
    const std::string text = Repeat("Hồ sơ của ông/bà đã được tiếp nhận. ", 5);  // 180 units
    REQUIRE(sms::CountSegments(text)->parts == 3);
    auto r = channel.Send(Message(text, "dlv-long"));
    REQUIRE_MESSAGE(r.outcome == SendOutcome::kAccepted, r.detail);
    REQUIRE(WaitFor([&] { return ks::FakeSmscMessages(fake_out).size() == 3; }, 10s));
    std::string joined;
    int seq = 1;
    for (const auto& part : ks::FakeSmscMessages(fake_out)) {
      CHECK(part.type == "udh");
      REQUIRE(part.udh.size() == 6);  // 05 00 03 ref total seq: concatenation header
      CHECK(part.udh[4] == 3);
      CHECK(part.udh[5] == seq++);
      joined += part.data;
    }
    CHECK(sms::Utf16BeToUtf8(joined) == text);
    // bearerbox logs the message once, whole, with its data coding: 2 is UCS-2.
    CHECK(ks::SentCodings(dir.File("access.log")) == std::vector<int>{2});

    auto too_long = channel.Send(Message(text + Repeat("đ", 30), "dlv-too-long"));
    CHECK(too_long.outcome == SendOutcome::kRejected);
    CHECK(too_long.detail.find("refused rather than cut") != std::string::npos);
    // Nothing of it went out: the next SMS at the fake handset is the one sent after it.
    auto ascii = channel.Send(Message("Ho so da duoc tiep nhan", "dlv-gsm"));
    REQUIRE(ascii.outcome == SendOutcome::kAccepted);
    REQUIRE(WaitFor([&] { return ks::FakeSmscMessages(fake_out).size() == 4; }, 10s));
    auto last = ks::FakeSmscMessages(fake_out)[3];
    CHECK(last.type == "text");  // GSM-7: Kannel's fake SMSC prints 7-bit text as is
    CHECK(last.data == "Ho so da duoc tiep nhan");
    // Two reports per accepted message (Kannel asks for them on the first part only). Waiting
    // for them also keeps bearerbox from holding undelivered reports when it is stopped.
    REQUIRE(WaitFor([&] { return receiver.dlr().size() == 4; }, 10s));
    std::multiset<std::string> ids;
    for (const auto& hit : receiver.dlr()) {
      auto report = sms::ParseKannelDlr({hit.query, hit.remote_addr, clock.Now()}, Guard());
      REQUIRE(report.ok());
      ids.insert(report->delivery_id);
    }
    CHECK(ids == std::multiset<std::string>{"dlv-gsm", "dlv-gsm", "dlv-long", "dlv-long"});
  }

  SUBCASE("Kannel's refusals map to outcomes") {
    auto wrong = config;
    wrong.password = "wrong-password";
    sms::KannelChannel bad_auth(wrong, clock);
    auto r = bad_auth.Send(Message("hi", "dlv-auth"));
    CHECK(r.outcome == SendOutcome::kMalformed);
    CHECK(r.detail.find("Authorization failed") != std::string::npos);
    auto unroutable = config;
    unroutable.smsc_id.clear();  // both fake SMSCs only take their own smsc-id
    sms::KannelChannel no_route(unroutable, clock);
    r = no_route.Send(Message("hi", "dlv-route"));
    CHECK(r.outcome == SendOutcome::kRejected);
    CHECK(r.detail.find("Not routable") != std::string::npos);
  }

  SUBCASE("MOs reach the get-url and parse: UCS-2 Vietnamese and GSM text") {
    const std::string text = "Tôi muốn hỏi hồ sơ – “đăng ký khai sinh”";
    auto mo = RunCommand({"/bin/bash", script, "mo", dir.path(),
                          "0901234567 8088 ucs2 " + net::PercentEncode(ks::Utf8ToUtf16Be(text))},
                         10s);
    REQUIRE_MESSAGE(mo.exit_code == 0, mo.err);
    REQUIRE(WaitFor([&] { return receiver.mo().size() == 1; }, 10s));
    mo = RunCommand(
        {"/bin/bash", script, "mo", dir.path(), "84901234567 8088 text Xin chao  ho so"}, 10s);
    REQUIRE_MESSAGE(mo.exit_code == 0, mo.err);
    REQUIRE(WaitFor([&] { return receiver.mo().size() == 2; }, 10s));

    auto hits = receiver.mo();
    auto m = sms::ParseKannelMo({hits[0].query, hits[0].remote_addr, clock.Now()}, Guard());
    REQUIRE_MESSAGE(m.ok(), m.error().message << " in " << hits[0].query);
    CHECK(m->text == text);
    CHECK(m->sender == "+84901234567");
    CHECK(m->receiver == "8088");
    // The raw payload is the query as Kannel sent it, minus the secret.
    CHECK(m->raw_payload.find(kSecret) == std::string::npos);
    CHECK(hits[0].query == "secret=" + std::string(kSecret) + "&" + m->raw_payload);
    CHECK(m->provider_message_id.size() == 36);  // Kannel's %I, a UUID
    CHECK(m->sent_at.has_value());
    CHECK(m->origin == "kannel smsc=fake-mo addr=127.0.0.1");

    auto gsm = sms::ParseKannelMo({hits[1].query, hits[1].remote_addr, clock.Now()}, Guard());
    REQUIRE_MESSAGE(gsm.ok(), gsm.error().message);
    CHECK(gsm->text == "Xin chao  ho so");
    CHECK(gsm->provider_message_id != m->provider_message_id);
  }

  CHECK(kannel.Stop(dir.path(), 45s));
}

}  // namespace gw::testing
