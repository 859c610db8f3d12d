// Tests of the outbox worker: a request queued while the backend was down is retried with its
// key, finished once, and its outcome reaches the citizen's conversation.
#include "gateway/backend_retrier.hpp"

#include <doctest/doctest.h>

#include "gateway/actions.hpp"
#include "gateway/catalog_directory.hpp"
#include "gateway/store/sqlite_store.hpp"
#include "tests/support/temp_dir.hpp"

using gw::dialogs::ActionOutcome;

namespace {

class ScriptedBackend : public gw::gateway::DossierBackend {
 public:
  bool up = false;
  bool malformed = false;         // the backend says our request breaks the contract
  std::vector<std::string> keys;  // idempotency keys seen
  ActionOutcome Lookup(const std::string&) override { return {}; }
  ActionOutcome Submit(const std::map<std::string, std::string>&, const std::string& key) override {
    keys.push_back(key);
    if (malformed) {
      return {gw::dialogs::ActionKind::kSubmitDossier,
              ActionOutcome::Status::kFailed,
              {{"permanent", "1"}}};
    }
    if (!up) return {gw::dialogs::ActionKind::kSubmitDossier, ActionOutcome::Status::kFailed, {}};
    return {gw::dialogs::ActionKind::kSubmitDossier,
            ActionOutcome::Status::kOk,
            {{"dossier_code", "000.00.12.H29-261123-0007"}, {"due_date", "2026-11-25"}}};
  }
  ActionOutcome Supplement(const std::string&, const std::string&, const std::string&) override {
    return {};
  }
  ActionOutcome Withdraw(const std::string&, const std::string&, const std::string&) override {
    return {};
  }
};

}  // namespace

TEST_CASE("a queued submission is retried with its key until the backend takes it, once") {
  gw::testing::TempDir dir;
  gw::gateway::store::SqliteConfig config;
  config.path = dir.File("caunoi.db");
  auto store = gw::gateway::store::SqliteStore::Open(config, nullptr);
  REQUIRE(store.ok());
  auto catalogs = gw::locales::Catalogs::LoadEmbedded();
  auto flows = gw::dialogs::Flows::LoadEmbedded();
  REQUIRE(catalogs.ok());
  REQUIRE(flows.ok());
  gw::gateway::CatalogDirectory directory({}, catalogs->vi());
  gw::dialogs::Engine engine(*flows, catalogs->vi(), directory, {});
  gw::core::FakeClock clock(gw::core::FromUnixMillis(1'795'000'000'000));

  // The turn in which the citizen submitted while the backend was down.
  gw::core::TurnRecord turn;
  turn.inbound.channel = gw::core::ChannelKind::kApp;
  turn.inbound.sender = "citizen-q";
  turn.inbound.receiver = "app";
  turn.inbound.text = "Có";
  turn.inbound.content_type = "application/json";
  turn.inbound.received_at = clock.Now();
  turn.pending_request = gw::core::PendingBackendRequest{
      "submit", "caunoi-app-m-1",
      R"({"params":{"procedure_name":"Đăng ký khai sinh"},"conversation_channel":"app","citizen_address":"citizen-q"})"};
  REQUIRE((*store)->RecordTurn(turn).ok());

  ScriptedBackend backend;
  gw::gateway::BackendRetrier retrier(**store, backend, engine, clock, {});
  CHECK(retrier.RunOnce() == 0);  // still down: rescheduled, not finished
  CHECK(retrier.RunOnce() == 0);  // and not due again right away
  CHECK(backend.keys.size() == 1);

  backend.up = true;
  clock.Advance(std::chrono::hours(1));
  CHECK(retrier.RunOnce() == 1);
  CHECK(backend.keys.size() == 2);
  CHECK(backend.keys[0] == "caunoi-app-m-1");
  CHECK(backend.keys[1] == "caunoi-app-m-1");
  clock.Advance(std::chrono::hours(1));
  CHECK(retrier.RunOnce() == 0);  // finished once, never again

  auto history = (*store)->RecentMessages({gw::core::ChannelKind::kApp, "citizen-q"}, 0, 100);
  REQUIRE(history.ok());
  REQUIRE_FALSE(history->empty());
  CHECK(history->back().text.find("000.00.12.H29-261123-0007") != std::string::npos);
  CHECK((*store)->VerifyMessageLog(std::nullopt)->ok);
}

TEST_CASE("a request that never gets through expires and the citizen is told") {
  gw::testing::TempDir dir;
  gw::gateway::store::SqliteConfig config;
  config.path = dir.File("caunoi.db");
  auto store = gw::gateway::store::SqliteStore::Open(config, nullptr);
  auto catalogs = gw::locales::Catalogs::LoadEmbedded();
  auto flows = gw::dialogs::Flows::LoadEmbedded();
  gw::gateway::CatalogDirectory directory({}, catalogs->vi());
  gw::dialogs::Engine engine(*flows, catalogs->vi(), directory, {});
  gw::core::FakeClock clock(gw::core::FromUnixMillis(1'795'000'000'000));
  gw::core::TurnRecord turn;
  turn.inbound.sender = "citizen-x";
  turn.inbound.receiver = "app";
  turn.inbound.received_at = clock.Now();
  turn.pending_request = gw::core::PendingBackendRequest{
      "submit", "caunoi-app-m-2",
      R"({"params":{},"conversation_channel":"app","citizen_address":"citizen-x"})"};
  REQUIRE((*store)->RecordTurn(turn).ok());
  ScriptedBackend backend;
  gw::gateway::RetrierSettings settings;
  settings.max_age = std::chrono::hours(2);
  gw::gateway::BackendRetrier retrier(**store, backend, engine, clock, settings);
  CHECK(retrier.RunOnce() == 0);
  clock.Advance(std::chrono::hours(3));
  CHECK(retrier.RunOnce() == 1);
  auto history = (*store)->RecentMessages({gw::core::ChannelKind::kApp, "citizen-x"}, 0, 100);
  CHECK(history->back().text.find("đã bị hủy") != std::string::npos);
}

TEST_CASE("a request the backend calls malformed is not queued; the citizen gets an apology") {
  auto catalogs = gw::locales::Catalogs::LoadEmbedded();
  auto flows = gw::dialogs::Flows::LoadEmbedded();
  gw::gateway::CatalogDirectory directory({}, catalogs->vi());
  gw::dialogs::EngineSettings settings;
  settings.hotline = "1900 0000";
  gw::dialogs::Engine engine(*flows, catalogs->vi(), directory, settings);
  ScriptedBackend backend;
  backend.malformed = true;
  gw::gateway::ActionExecutor actions(
      &backend, [](gw::core::TimePoint t, int) { return t; }, 10);
  gw::core::TurnRecord turn;
  turn.inbound.sender = "citizen-m";
  gw::gateway::ActionContext ctx{&turn.inbound, gw::core::FromUnixMillis(0), "caunoi-app-m-3"};
  auto done = actions.Execute({gw::dialogs::ActionKind::kSubmitDossier, {}}, ctx, turn);
  CHECK(done.outcome.status == ActionOutcome::Status::kFailed);
  CHECK_FALSE(turn.pending_request.has_value());  // would fail the same way again
  auto words = engine.DescribeOutcome(done.outcome);
  REQUIRE(words.size() == 1);
  CHECK_FALSE(words[0].rejection.has_value());
  CHECK(words[0].text.find("1900 0000") != std::string::npos);
}
