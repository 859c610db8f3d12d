// Unit tests of the inbox's SLA clocks on the real calendar, the escalation pass through the
// store with injected times, and canned replies' variables.
#include <doctest/doctest.h>

#include "embedded/config.hpp"
#include "gateway/inbox/auth.hpp"
#include "gateway/inbox/canned.hpp"
#include "gateway/inbox/inbox_store.hpp"
#include "gateway/inbox/sla.hpp"
#include "tests/support/temp_dir.hpp"

namespace gw::gateway::inbox {
namespace {

using namespace std::chrono_literals;
using routing::Date;

// Vietnam local time (UTC+7).
core::TimePoint Local(int y, int m, int d, int h, int min) {
  const std::int64_t days = routing::DaysFromCivil(Date{y, m, d});
  return core::FromUnixMillis((days * 86400 + h * 3600 + min * 60 - 7 * 3600) * 1000);
}

const routing::Calendar& RealCalendar() {
  static const routing::Calendar kCalendar = [] {
    auto text = embedded::config::Find("catalog/holidays.json");
    REQUIRE(text.has_value());
    auto cal = routing::Calendar::Parse(*text, "holidays.json");
    REQUIRE(cal.ok());
    return std::move(cal).value();
  }();
  return kCalendar;
}

TEST_CASE("SLA deadlines count office time on working days only") {
  const SlaClock sla(RealCalendar(), SlaPolicy{4h, 3});
  struct Case {
    const char* what;
    core::TimePoint start, first_response, resolution;
  };
  const Case cases[] = {
      {"Monday morning: 3.5 h before lunch, 0.5 h after", Local(2025, 1, 6, 8, 0),
       Local(2025, 1, 6, 13, 30), Local(2025, 1, 9, 8, 0)},
      {"Friday afternoon: 1 h, then Monday from 7:30", Local(2025, 1, 10, 16, 0),
       Local(2025, 1, 13, 10, 30), Local(2025, 1, 15, 16, 0)},
      {"Saturday counts nothing", Local(2025, 1, 11, 9, 0), Local(2025, 1, 13, 11, 30),
       Local(2025, 1, 15, 17, 0)},
      {"lunch break counts nothing", Local(2025, 1, 6, 12, 0), Local(2025, 1, 6, 17, 0),
       Local(2025, 1, 9, 11, 30)},
      {"Tết Ất Tỵ 2025 (25/1-2/2 off): Friday 16:00 runs into the Monday after",
       Local(2025, 1, 24, 16, 0), Local(2025, 2, 3, 10, 30), Local(2025, 2, 5, 16, 0)},
  };
  for (const Case& c : cases) {
    const std::string what = c.what;
    CAPTURE(what);
    CHECK(core::FormatTimestamp(sla.FirstResponseDue(c.start)) ==
          core::FormatTimestamp(c.first_response));
    CHECK(core::FormatTimestamp(sla.ResolutionDue(c.start)) == core::FormatTimestamp(c.resolution));
  }
  CHECK(sla.WorkingTimeBetween(Local(2025, 1, 10, 16, 0), Local(2025, 1, 13, 10, 30)) == 4h);
}

TEST_CASE("the cut-off is exactly the latest start whose deadline has passed") {
  const SlaClock sla(RealCalendar(), SlaPolicy{4h, 3});
  const core::TimePoint nows[] = {Local(2025, 1, 6, 13, 30), Local(2025, 1, 6, 12, 15),
                                  Local(2025, 1, 11, 10, 0), Local(2025, 1, 13, 7, 0),
                                  Local(2025, 1, 29, 9, 0),  Local(2025, 2, 3, 10, 30),
                                  Local(2025, 9, 2, 15, 45), Local(2026, 2, 17, 8, 0)};
  for (const auto now : nows) {
    CAPTURE(core::FormatTimestamp(now));
    for (int kind = 0; kind < 2; ++kind) {
      const std::int64_t cut = kind == 0 ? sla.FirstResponseCutoff(now) : sla.ResolutionCutoff(now);
      auto due = [&](std::int64_t start) {
        const auto t = core::FromUnixMillis(start);
        return kind == 0 ? sla.FirstResponseDue(t) : sla.ResolutionDue(t);
      };
      CHECK(due(cut) <= now);
      CHECK(due(cut + 1) > now);
      CHECK(due(cut - 3'600'000) <= now);
    }
  }
  // A start exactly 4 office hours before: Monday 8:00 -> 13:30, so at 13:30 the cut-off is 8:00.
  CHECK(sla.FirstResponseCutoff(Local(2025, 1, 6, 13, 30)) ==
        core::ToUnixMillis(Local(2025, 1, 6, 8, 0)));
}

// A store with one officer; turns are recorded with given times.
struct StoreFixture {
  testing::TempDir dir;
  std::unique_ptr<store::SqliteStore> db;
  core::FakeClock clock{Local(2025, 1, 6, 8, 0)};
  SlaClock sla{RealCalendar(), SlaPolicy{4h, 3}};
  std::unique_ptr<InboxStore> inbox;
  std::int64_t officer = 0;

  StoreFixture() {
    REQUIRE(InitCrypto());
    store::SqliteConfig c;
    c.path = dir.File("data/caunoi.db");
    auto opened = store::SqliteStore::Open(c, nullptr);
    REQUIRE(opened.ok());
    db = std::move(opened).value();
    inbox = std::make_unique<InboxStore>(*db, clock, sla);
    REQUIRE(inbox->SeedOfficers({{"canbo", "Cán bộ A", "A", "officer", "password-1"}}).ok());
    officer = (*inbox->FindOfficer("canbo"))->id;
  }

  // A citizen's message on the app channel at `at`, for agency "A".
  std::int64_t Turn(const std::string& user, core::TimePoint at, bool hand_off,
                    std::optional<core::TimePoint> complaint_due = std::nullopt) {
    core::TurnRecord t;
    t.inbound.channel = core::ChannelKind::kApp;
    t.inbound.sender = user;
    t.inbound.receiver = "app";
    t.inbound.origin = "127.0.0.1";
    t.inbound.text = "xin gặp cán bộ";
    t.inbound.raw_payload = "{}";
    t.inbound.content_type = "application/json";
    t.inbound.received_at = at;
    t.outbound_payload = "{}";
    t.outbound_content_type = "application/json";
    t.agency_code = "A";
    t.hand_off = hand_off;
    if (complaint_due)
      t.ticket = core::TicketRecord{"KN-" + user, "complaint", "x", "", *complaint_due};
    auto r = db->RecordTurn(t);
    REQUIRE(r.ok());
    return r->conversation_id;
  }

  std::vector<std::string> Escalate(core::TimePoint now) {
    auto r = inbox->EscalateOverdue(now);
    REQUIRE(r.ok());
    std::vector<std::string> out;
    for (const auto& e : *r) out.push_back(std::to_string(e.conversation_id) + ":" + e.kind);
    return out;
  }

  std::int64_t Count(const char* sql) {
    std::int64_t n = -1;
    REQUIRE(db->RunRead([&](store::Db& d) {
                store::Stmt& s = d.Prepare(sql);
                if (s.Step()) n = s.Int(0);
                s.Reset();
              }).ok());
    return n;
  }

  std::vector<std::int64_t> OverdueIds() {
    ListFilter f;
    f.overdue = true;
    auto list = inbox->ListConversations("A", f);
    REQUIRE(list.ok());
    std::vector<std::int64_t> ids;
    for (const auto& item : (*list)["items"]) {
      CHECK(item["overdue"] == true);  // the flag agrees with the filter
      ids.push_back(item["id"]);
    }
    return ids;
  }
};

TEST_CASE("escalation: each breach once, audited without an officer, only while officers hold it") {
  StoreFixture f;
  const auto bot_only = f.Turn("bot-only", Local(2025, 1, 6, 8, 0), false);
  const auto waiting = f.Turn("waiting", Local(2025, 1, 6, 8, 0), true);
  const auto answered = f.Turn("answered", Local(2025, 1, 6, 8, 0), true);
  const auto sid = [](std::int64_t id, const char* kind) {
    return std::to_string(id) + ":" + kind;
  };

  f.clock.Set(Local(2025, 1, 6, 9, 0));
  REQUIRE(*f.inbox->AppendOfficerMessage("A", answered, f.officer, "Chào anh", std::nullopt,
                                         Audit{f.officer, "reply", "", "", ""}) == Outcome::kOk);

  CHECK(f.Escalate(Local(2025, 1, 6, 13, 29)).empty());
  CHECK(f.OverdueIds().empty());
  f.clock.Set(Local(2025, 1, 6, 13, 30));
  CHECK(f.OverdueIds() == std::vector<std::int64_t>{waiting});
  CHECK(f.Escalate(Local(2025, 1, 6, 13, 30)) ==
        std::vector<std::string>{sid(waiting, "first_response")});
  CHECK(f.Escalate(Local(2025, 1, 6, 14, 0)).empty());  // once
  CHECK(f.Count("SELECT count(*) FROM audit_log WHERE action = 'sla_escalated' "
                "AND officer_id IS NULL AND detail = 'first_response'") == 1);

  // Thursday 8:00: three office days since Monday 8:00; the answered one is late to resolve too.
  f.clock.Set(Local(2025, 1, 9, 8, 0));
  auto overdue = f.OverdueIds();
  std::sort(overdue.begin(), overdue.end());
  CHECK(overdue == std::vector<std::int64_t>{waiting, answered});
  CHECK(f.Escalate(Local(2025, 1, 9, 8, 0)) ==
        std::vector<std::string>{sid(waiting, "resolution"), sid(answered, "resolution")});
  CHECK(f.Escalate(Local(2025, 1, 20, 8, 0)).empty());

  SUBCASE("closing stops the clock; a new hand-off after a hand-back starts a new cycle") {
    REQUIRE(*f.inbox->Close("A", answered, Audit{f.officer, "close", "", "", ""}) == Outcome::kOk);
    f.clock.Set(Local(2025, 1, 20, 8, 0));
    CHECK(f.OverdueIds() == std::vector<std::int64_t>{waiting});
    REQUIRE(*f.inbox->HandBack("A", waiting, Audit{f.officer, "handback", "", "", ""}) ==
            Outcome::kOk);
    CHECK(f.OverdueIds().empty());
    CHECK(f.Turn("waiting", Local(2025, 1, 20, 9, 0), true) == waiting);
    // 9:00 + 4 office hours: 2.5 h before lunch, 1.5 h after.
    CHECK(f.Escalate(Local(2025, 1, 20, 14, 29)).empty());
    CHECK(f.Escalate(Local(2025, 1, 20, 14, 30)) ==
          std::vector<std::string>{sid(waiting, "first_response")});
  }
  SUBCASE("the conversation shows its deadlines") {
    auto c = f.inbox->GetConversation("A", answered);
    REQUIRE(c.ok());
    REQUIRE(c->has_value());
    const auto& sla = (**c)["sla"];
    CHECK(sla["started_at"] == core::ToUnixMillis(Local(2025, 1, 6, 8, 0)));
    CHECK(sla["first_response_at"] == core::ToUnixMillis(Local(2025, 1, 6, 9, 0)));
    CHECK(sla["first_response_due_at"] == core::ToUnixMillis(Local(2025, 1, 6, 13, 30)));
    CHECK(sla["resolution_due_at"] == core::ToUnixMillis(Local(2025, 1, 9, 8, 0)));
    CHECK(sla["first_response_overdue"] == false);
    CHECK(sla["resolution_overdue"] == true);
    CHECK(sla["escalated"] == true);
    auto bot = f.inbox->GetConversation("A", bot_only);
    CHECK((**bot)["sla"].is_null());
    CHECK((**bot)["overdue"] == false);
  }
}

TEST_CASE("an officer taking a conversation from the bot starts its clock then") {
  StoreFixture f;
  const auto conv = f.Turn("old", Local(2025, 1, 6, 8, 0), false);
  f.clock.Set(Local(2025, 1, 13, 8, 0));  // a week later
  REQUIRE(*f.inbox->Assign("A", conv, f.officer, Audit{f.officer, "assign", "", "", ""}) ==
          Outcome::kOk);
  CHECK(f.Escalate(Local(2025, 1, 13, 8, 1)).empty());
  CHECK(f.Escalate(Local(2025, 1, 13, 13, 30)).size() == 1);
}

TEST_CASE("a complaint keeps its own due time and escalates once, whoever holds it") {
  StoreFixture f;
  const auto conv = f.Turn("complaint", Local(2025, 1, 6, 8, 0), false, Local(2025, 1, 20, 17, 0));
  CHECK(f.Escalate(Local(2025, 1, 20, 17, 0)).empty());
  f.clock.Set(Local(2025, 1, 20, 17, 1));
  CHECK(f.OverdueIds() == std::vector<std::int64_t>{conv});
  CHECK(f.Escalate(Local(2025, 1, 20, 17, 1)) ==
        std::vector<std::string>{std::to_string(conv) + ":complaint"});
  CHECK(f.Escalate(Local(2025, 1, 21, 8, 0)).empty());
  CHECK(f.Count("SELECT count(*) FROM audit_log WHERE action = 'sla_escalated' "
                "AND detail LIKE 'complaint:ticket:%'") == 1);
}

TEST_CASE("canned replies: unknown variables are named; known ones filled or left visible") {
  CHECK(UnknownVariables("Chào {ten_cong_dan}, hồ sơ {ma_ho_so}").empty());
  CHECK(UnknownVariables("{ten} {x} {ten} {ten_can_bo}") == std::vector<std::string>{"ten", "x"});
  CHECK(UnknownVariables("{ không phải biến } {} {a-b} {{").empty());
  const auto r = RenderCanned(
      "Chào {ten_cong_dan}, hồ sơ {ma_ho_so}. {ten_can_bo} {lạ}",
      {{"ten_cong_dan", "Nguyễn Văn A"}, {"ma_ho_so", ""}, {"ten_can_bo", "Cán bộ B"}});
  CHECK(r.text == "Chào Nguyễn Văn A, hồ sơ {ma_ho_so}. Cán bộ B {lạ}");
  CHECK(r.unfilled == std::vector<std::string>{"ma_ho_so"});
  CHECK(RenderCanned("{ten_co_quan}{ten_co_quan}", {{"ten_co_quan", "UBND"}}).text == "UBNDUBND");
}

}  // namespace
}  // namespace gw::gateway::inbox
