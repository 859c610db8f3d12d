// Tests of intake's handling of provider retries: answered as the first time, stored once, and
// never sent to the one-stop backend again, whether the look-up, the check before a backend call
// or the write is the one that finds them.
#include "gateway/intake.hpp"

#include <doctest/doctest.h>

#include "core/clock.hpp"
#include "gateway/catalog_directory.hpp"
#include "gateway/classify_command.hpp"
#include "gateway/store/sqlite_store.hpp"
#include "locales/catalog.hpp"
#include "tests/support/temp_dir.hpp"

using gw::core::ChannelKind;
using gw::dialogs::ActionKind;
using gw::dialogs::ActionOutcome;

namespace {

class CountingBackend : public gw::gateway::DossierBackend {
 public:
  int lookups = 0;
  ActionOutcome Lookup(const std::string& code) override {
    ++lookups;
    return {ActionKind::kLookupDossier,
            ActionOutcome::Status::kOk,
            {{"dossier_code", code}, {"status", "Đang xử lý"}}};
  }
  ActionOutcome Submit(const std::map<std::string, std::string>&, const std::string&) override {
    return {};
  }
  ActionOutcome Supplement(const std::string&, const std::string&, const std::string&) override {
    return {};
  }
  ActionOutcome Withdraw(const std::string&, const std::string&, const std::string&) override {
    return {};
  }
};

// The intake of `caunoi serve` over a store in a temporary folder, the embedded NLU and flows,
// and a backend that counts look-ups.
struct Fixture {
  gw::testing::TempDir dir;
  std::unique_ptr<gw::gateway::store::SqliteStore> store;
  std::unique_ptr<gw::locales::Catalogs> catalogs;
  std::unique_ptr<gw::dialogs::Flows> flows;
  std::unique_ptr<gw::gateway::CatalogDirectory> directory;
  std::unique_ptr<gw::dialogs::Engine> engine;
  std::unique_ptr<gw::gateway::Understander> understander;
  CountingBackend backend;
  std::unique_ptr<gw::gateway::ActionExecutor> actions;
  gw::gateway::Metrics metrics;
  gw::core::FakeClock clock{gw::core::FromUnixMillis(1'795'000'000'000)};
  std::unique_ptr<gw::gateway::Intake> intake;

  Fixture() {
    gw::gateway::store::SqliteConfig config;
    config.path = dir.File("caunoi.db");
    auto opened = gw::gateway::store::SqliteStore::Open(config, nullptr);
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    auto c = gw::locales::Catalogs::LoadEmbedded();
    REQUIRE(c.ok());
    catalogs = std::make_unique<gw::locales::Catalogs>(std::move(c).value());
    auto f = gw::dialogs::Flows::LoadEmbedded();
    REQUIRE(f.ok());
    flows = std::make_unique<gw::dialogs::Flows>(std::move(f).value());
    directory = std::make_unique<gw::gateway::CatalogDirectory>(
        std::vector<gw::routing::Procedure>{}, catalogs->vi());
    engine = std::make_unique<gw::dialogs::Engine>(*flows, catalogs->vi(), *directory,
                                                   gw::dialogs::EngineSettings{});
    auto classifier = gw::gateway::LoadEmbeddedClassifier(GW_BUILD_DIR "/nlu-cache");
    REQUIRE(classifier.ok());
    understander = std::make_unique<gw::gateway::Understander>(std::move(classifier).value());
    actions = std::make_unique<gw::gateway::ActionExecutor>(
        &backend, [](gw::core::TimePoint from, int) { return from; }, 15);
    intake = std::make_unique<gw::gateway::Intake>(*store, *engine, *understander, *actions,
                                                   metrics, clock);
  }

  gw::core::Result<gw::gateway::IntakeResult> Say(const std::string& text, const std::string& id) {
    gw::core::InboundMessage m;
    m.channel = ChannelKind::kApp;
    m.sender = "citizen-r";
    m.receiver = "app";
    m.origin = "127.0.0.1";
    m.text = text;
    m.provider_message_id = id;
    m.raw_payload = text;
    m.content_type = "text/plain";
    m.received_at = clock.Now();
    auto render = [](const std::vector<gw::core::Reply>& replies) {
      std::string out;
      for (const auto& r : replies) out += r.text + "\n";
      return out;
    };
    return intake->Handle(m, render, "text/plain");
  }

  // Inbound messages stored for the citizen.
  int Inbound() {
    auto history = store->RecentMessages({ChannelKind::kApp, "citizen-r"}, 0, 1000);
    REQUIRE(history.ok());
    int n = 0;
    for (const auto& m : *history) n += m.direction == "in" ? 1 : 0;
    return n;
  }
};

}  // namespace

TEST_CASE("a retry is answered as the first time and stored once, its backend call not redone") {
  Fixture f;
  // The first message reads the contact from the database; after it the contact's snapshot is
  // served from memory, so later look-ups do not check provider ids themselves.
  auto hello = f.Say("xin chào", "m-1");
  REQUIRE(hello.ok());
  auto second = f.Say("cảm ơn", "m-2");
  REQUIRE(second.ok());
  REQUIRE(f.Inbound() == 2);

  SUBCASE("a turn without a backend call: the write finds the retry") {
    auto again = f.Say("cảm ơn", "m-2");
    REQUIRE(again.ok());
    CHECK(again->receipt.duplicate);
    CHECK(again->receipt.inbound_message_id == second->receipt.inbound_message_id);
    CHECK(again->rendered_replies == second->rendered_replies);
    CHECK(f.Inbound() == 2);
  }
  SUBCASE("a turn that calls the backend: found before the call") {
    auto lookup = f.Say("Cho tôi tra cứu hồ sơ 000.00.12.H29-241023-0001", "m-3");
    REQUIRE(lookup.ok());
    REQUIRE(f.backend.lookups == 1);
    auto again = f.Say("Cho tôi tra cứu hồ sơ 000.00.12.H29-241023-0001", "m-3");
    REQUIRE(again.ok());
    CHECK(again->receipt.duplicate);
    CHECK(again->rendered_replies == lookup->rendered_replies);
    CHECK(f.backend.lookups == 1);
    CHECK(f.Inbound() == 3);
  }
  SUBCASE("a new id is a new turn") {
    REQUIRE(f.Say("cảm ơn", "m-4").ok());
    CHECK(f.Inbound() == 3);
  }
}
