// Tests of the simulated one-stop system's logic on a fake clock: codes, idempotency, refusals,
// scripted transitions, supplements, withdrawals and the demo seeds.
#include "backends/simulator/one_stop_service.hpp"

#include <doctest/doctest.h>

#include "backends/simulator/seed_data.hpp"

namespace gw::backends::sim {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::minutes;

core::TimePoint Local(int y, unsigned mo, unsigned d, int h, int mi) {
  using namespace std::chrono;
  return core::TimePoint(duration_cast<core::TimePoint::duration>(
      (sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) - hours(7))
          .time_since_epoch()));
}

std::string Body(const std::string& procedure = "1.001193",
                 const std::string& unit = "000.00.12.H29",
                 const std::string& cccd = "001090000001") {
  SubmitRequest r;
  r.procedure_code = procedure;
  r.agency_code = unit;
  r.applicant = {"Nguyễn Văn An", cccd, "0912000001", ""};
  r.channel = "app";
  r.citizen_ref = "c-1";
  return ToJson(r).dump();
}

std::string CodeOf(const Reply& r) {
  REQUIRE(r.status == 201);
  return json::parse(r.body)["dossier_code"].get<std::string>();
}

// Monday 21 October 2024, 09:00 in Viet Nam.
const core::TimePoint kMonday = Local(2024, 10, 21, 9, 0);

TEST_CASE("codes count per unit per day and start again the next day") {
  core::FakeClock clock(kMonday);
  OneStopService s({}, clock);
  REQUIRE(s.Load().ok());
  CHECK(CodeOf(s.Submit(Body(), "k1")) == "000.00.12.H29-241021-0001");
  CHECK(CodeOf(s.Submit(Body(), "k2")) == "000.00.12.H29-241021-0002");
  CHECK(CodeOf(s.Submit(Body("1.001193", "000.20.31.H29"), "k3")) == "000.20.31.H29-241021-0001");
  clock.Set(Local(2024, 10, 21, 23, 59));
  CHECK(CodeOf(s.Submit(Body(), "k4")) == "000.00.12.H29-241021-0003");
  // Midnight in Viet Nam is 17:00 UTC: the local date decides.
  clock.Set(Local(2024, 10, 22, 0, 1));
  CHECK(CodeOf(s.Submit(Body(), "k5")) == "000.00.12.H29-241022-0001");
}

TEST_CASE("the 10,000th code of a day has a five-digit sequence") {
  core::FakeClock clock(kMonday);
  OneStopService s({}, clock);
  REQUIRE(s.Load().ok());
  const std::string body = Body();
  std::string last;
  for (int i = 1; i <= 10000; ++i) {
    Reply r = s.Submit(body, "key-" + std::to_string(i));
    if (i == 9999) CHECK(CodeOf(r) == "000.00.12.H29-241021-9999");
    if (i == 10000) last = CodeOf(r);
  }
  CHECK(last == "000.00.12.H29-241021-10000");
  CHECK(s.dossier_count() == 10000);
}

TEST_CASE("idempotency keys deduplicate") {
  core::FakeClock clock(kMonday);
  OneStopService s({}, clock);
  REQUIRE(s.Load().ok());
  Reply first = s.Submit(Body(), "same");
  Reply again = s.Submit(Body(), "same");
  CHECK(again.replayed);
  CHECK(again.status == first.status);
  CHECK(again.body == first.body);
  CHECK(s.dossier_count() == 1);
  Reply other = s.Submit(Body("1.004222"), "same");
  CHECK(other.status == 409);
  CHECK(json::parse(other.body)["error"]["code"] == "idempotency_key_reused");
  CHECK(s.Submit(Body(), "").status == 400);
  // A refusal is remembered too: the same retry gets the same answer.
  Reply refused = s.Submit(Body("1.001193", "000.00.12.H29", "123"), "bad");
  CHECK(refused.status == 422);
  CHECK(s.Submit(Body("1.001193", "000.00.12.H29", "123"), "bad").replayed);
}

TEST_CASE("refusals say why") {
  core::FakeClock clock(kMonday);
  OneStopService s({{"000.00.12.H29"}, "", {}, false, "", false}, clock);
  REQUIRE(s.Load().ok());
  auto error = [](const Reply& r) { return json::parse(r.body)["error"]; };
  Reply r = s.Submit(Body("1.001193", "000.00.12.H29", "12345"), "a");
  CHECK(r.status == 422);
  CHECK(error(r)["code"] == "invalid_applicant");
  CHECK(error(r)["message"] == "Số CCCD phải gồm đúng 12 chữ số.");
  r = s.Submit(Body("9.999999"), "b");
  CHECK(error(r)["code"] == "unknown_procedure");
  r = s.Submit(Body("1.001193", "000.99.99.H29"), "c");
  CHECK(error(r)["code"] == "wrong_agency");
  r = s.Submit("{not json", "d");
  CHECK(r.status == 400);
  r = s.Submit(R"({"procedure_code": "1.001193"})", "e");
  CHECK(error(r)["message"] == "agency_code: is required");
  CHECK(s.dossier_count() == 0);
  CHECK(s.GetStatus("000.00.12.H29-241021-0009").status == 404);
  CHECK(s.GetStatus("nonsense").status == 400);
}

TEST_CASE("transitions happen at the scripted times") {
  core::FakeClock clock(kMonday);
  OneStopService s({}, clock);
  REQUIRE(s.Load().ok());
  // Kết hôn: same day by law; processing +30m, delayed +4h (5 more working days),
  // result_ready +3d, returned +4d.
  const std::string code = CodeOf(s.Submit(Body("1.000894"), "k"));
  CHECK(s.Find(code)->due_at == Local(2024, 10, 21, 17, 0));
  clock.Set(kMonday + minutes(29));
  CHECK(s.Advance() == 0);
  CHECK(s.Find(code)->status == DossierState::kReceived);
  clock.Set(kMonday + minutes(30));
  CHECK(s.Advance() == 1);
  CHECK(s.Find(code)->status == DossierState::kProcessing);
  CHECK(s.Find(code)->history.back().at == kMonday + minutes(30));

  // A jump applies every due step, each stamped with its own scheduled time.
  clock.Set(kMonday + hours(3 * 24 + 1));
  CHECK(s.Advance() == 2);
  auto v = *s.Find(code);
  CHECK(v.status == DossierState::kResultReady);
  REQUIRE(v.history.size() == 4);
  CHECK(v.history[2].status == DossierState::kDelayed);
  CHECK(v.history[2].at == kMonday + hours(4));
  CHECK(v.new_due_at == Local(2024, 10, 28, 17, 0));
  REQUIRE(v.result);
  CHECK(v.result->delivery == "counter");
  CHECK(v.result->summary == "Kết quả giải quyết thủ tục: Đăng ký kết hôn");
  clock.Set(kMonday + hours(4 * 24));
  CHECK(s.Advance() == 1);
  CHECK(s.Find(code)->status == DossierState::kReturned);
  clock.Set(kMonday + hours(50 * 24));
  CHECK(s.Advance() == 0);
}

TEST_CASE("due dates follow the catalogue's time") {
  core::FakeClock clock(kMonday);
  OneStopService s({}, clock);
  REQUIRE(s.Load().ok());
  CHECK(s.Find(CodeOf(s.Submit(Body("1.004222"), "a")))->due_at == Local(2024, 10, 30, 17, 0));
  clock.Set(Local(2024, 10, 25, 15, 30));  // Friday after 15:00: same-day work is due Monday
  CHECK(s.Find(CodeOf(s.Submit(Body("1.001193"), "b")))->due_at == Local(2024, 10, 28, 17, 0));
}

TEST_CASE("a supplement resumes processing and replaces the scripted resumption") {
  core::FakeClock clock(kMonday);
  OneStopService s({}, clock);
  REQUIRE(s.Load().ok());
  const std::string code = CodeOf(s.Submit(Body("1.004222"), "k"));
  const std::string supplement = R"({"note": "Bổ sung hợp đồng thuê nhà"})";
  CHECK(s.Supplement(code, supplement, "s1").status == 409);  // not asked for yet
  clock.Set(kMonday + hours(24));
  CHECK(s.Advance() == 2);
  auto v = *s.Find(code);
  CHECK(v.status == DossierState::kSupplementRequired);
  CHECK(v.reason == "Thiếu giấy tờ chứng minh chỗ ở hợp pháp");
  clock.Set(kMonday + hours(30));
  Reply r = s.Supplement(code, supplement, "s2");
  CHECK(r.status == 200);
  CHECK(json::parse(r.body)["status"] == "processing");
  CHECK(s.Find(code)->reason.empty());
  clock.Set(kMonday + hours(3 * 24));
  CHECK(s.Advance() == 0);  // the scripted "processing" was the supplement
  clock.Set(kMonday + hours(6 * 24));
  CHECK(s.Advance() == 1);
  CHECK(s.Find(code)->status == DossierState::kResultReady);
}

TEST_CASE("withdrawal before a result, refused after") {
  core::FakeClock clock(kMonday);
  OneStopService s({}, clock);
  REQUIRE(s.Load().ok());
  const std::string a = CodeOf(s.Submit(Body(), "a"));
  const std::string b = CodeOf(s.Submit(Body(), "b"));
  Reply r = s.Withdraw(a, R"({"reason": "Nộp nhầm thủ tục"})", "w1");
  CHECK(r.status == 200);
  CHECK(s.Find(a)->status == DossierState::kWithdrawn);
  clock.Set(kMonday + hours(24));
  s.Advance();
  CHECK(s.Find(a)->status == DossierState::kWithdrawn);  // the script stopped
  CHECK(s.Find(b)->status == DossierState::kResultReady);
  r = s.Withdraw(b, "{}", "w2");
  CHECK(r.status == 409);
  CHECK(json::parse(r.body)["error"]["code"] == "cannot_withdraw");
}

TEST_CASE("complaints get ticket numbers") {
  core::FakeClock clock(kMonday);
  OneStopService s({}, clock);
  REQUIRE(s.Load().ok());
  ComplaintRequest c;
  c.kind = ComplaintKind::kComplaint;
  c.agency_code = "000.00.12.H29";
  c.applicant = {"Nguyễn Văn An", "001090000001", "", ""};
  c.text = "Hồ sơ trễ hạn mà không được báo";
  Reply r = s.FileComplaint(ToJson(c).dump(), "c1");
  CHECK(r.status == 201);
  CHECK(json::parse(r.body)["ticket_number"] == "PAKN-241021-0001");
  c.dossier_code = "000.00.12.H29-241021-0042";
  CHECK(s.FileComplaint(ToJson(c).dump(), "c2").status == 404);
}

TEST_CASE("demo seeds can be looked up and codes continue after them") {
  core::FakeClock clock(Local(2024, 10, 23, 15, 0));
  ServiceOptions o;
  o.seed_demo = true;
  OneStopService s(o, clock);
  REQUIRE(s.Load().ok());
  auto v = s.Find("000.00.12.H29-241023-0001");
  REQUIRE(v);
  CHECK(v->status == DossierState::kProcessing);
  CHECK(v->history.size() == 2);
  CHECK(json::parse(s.GetStatus("000.00.12.H29-241023-0002").body)["reason"] ==
        "Thiếu giấy tờ chứng minh chỗ ở hợp pháp");
  CHECK(CodeOf(s.Submit(Body(), "k")) == "000.00.12.H29-241023-0003");
  CHECK(s.Advance() == 0);  // seeds stay where they are
  CHECK(s.dossier_count() == DemoDossiers().size() + 1);
}

}  // namespace
}  // namespace gw::backends::sim
