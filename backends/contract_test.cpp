// Tests of the contract's codecs, timestamps and dossier codes.
#include "backends/contract.hpp"

#include <doctest/doctest.h>

#include "backends/dossier_code.hpp"

namespace gw::backends {
namespace {

using nlohmann::json;

core::TimePoint Utc(int y, unsigned mo, unsigned d, int h, int mi) {
  using namespace std::chrono;
  return core::TimePoint(duration_cast<core::TimePoint::duration>(
      (sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi)).time_since_epoch()));
}

TEST_CASE("timestamps") {
  CHECK(ParseTimestamp("2024-10-23T01:15:00Z") == Utc(2024, 10, 23, 1, 15));
  CHECK(ParseTimestamp("2024-10-23T08:15:00+07:00") == Utc(2024, 10, 23, 1, 15));
  CHECK(ParseTimestamp("2024-10-23T01:15:00.250Z") ==
        Utc(2024, 10, 23, 1, 15) + std::chrono::milliseconds(250));
  auto t = Utc(2026, 1, 2, 3, 4) + std::chrono::milliseconds(5);
  CHECK(ParseTimestamp(core::FormatTimestamp(t)) == t);
  for (const char* bad :
       {"", "2024-10-23", "2024-10-23T01:15:00", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z",
        "2024-10-23T01:15:00Zjunk", "2024-10-23T01:15:00.Z"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseTimestamp(bad));
  }
}

TEST_CASE("dossier codes") {
  // 2024-10-23 17:30 UTC is already 24 October in Viet Nam.
  CHECK(LocalDateStamp(Utc(2024, 10, 23, 16, 59)) == "241023");
  CHECK(LocalDateStamp(Utc(2024, 10, 23, 17, 0)) == "241024");
  CHECK(FormatDossierCode("000.00.12.H29", Utc(2024, 10, 23, 2, 0), 1) ==
        "000.00.12.H29-241023-0001");
  CHECK(FormatDossierCode("000.00.12.H29", Utc(2024, 10, 23, 2, 0), 10000) ==
        "000.00.12.H29-241023-10000");
  auto parts = ParseDossierCode("000.00.12.H29-241023-10000");
  REQUIRE(parts);
  CHECK(parts->unit_code == "000.00.12.H29");
  CHECK(parts->date == "241023");
  CHECK(parts->sequence == 10000);
  CHECK(ParseDossierCode("G22.25.01-241023-0001"));
  for (const char* bad :
       {"", "000.00.12.H29", "000.00.12.h29-241023-0001", "000.00.12.H29-24102-0001",
        "000.00.12.H29-241023-001", "00.12-241023-0001", "000.00.12.H29-241023-0000",
        "000.00.12.H29/../x-241023-0001"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseDossierCode(bad));
  }
}

TEST_CASE("submit request round trip and field errors") {
  SubmitRequest r;
  r.procedure_code = "1.001193";
  r.agency_code = "000.00.12.H29";
  r.applicant = {"Nguyễn Văn An", "001090000001", "0912000001", ""};
  r.form_fields = {{"child_name", "Nguyễn Văn Bé"}};
  r.channel = "zalo";
  r.citizen_ref = "42";
  auto back = SubmitRequestFromJson(ToJson(r));
  REQUIRE(back.ok());
  CHECK(back->applicant.name == "Nguyễn Văn An");
  CHECK(back->form_fields["child_name"] == "Nguyễn Văn Bé");
  CHECK_FALSE(ToJson(r)["applicant"].contains("email"));

  json j = ToJson(r);
  j["applicant"]["cccd"] = 12;
  auto bad = SubmitRequestFromJson(j);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "applicant.cccd: expected a string");
  j.erase("applicant");
  CHECK(SubmitRequestFromJson(j).error().message == "applicant: is required");
  CHECK(SubmitRequestFromJson(json::array()).error().message == "body: expected an object");
}

TEST_CASE("complaint request round trip and field errors") {
  ComplaintRequest r;
  r.kind = ComplaintKind::kComplaint;
  r.agency_code = "000.00.12.H29";
  r.dossier_code = "000.00.12.H29-241023-0001";
  r.applicant = {"Trần Thị Bình", "001190000002", "", "binh@example.vn"};
  r.text = "Hồ sơ của tôi đã quá hạn mà chưa có kết quả.";
  auto back = ComplaintRequestFromJson(ToJson(r));
  REQUIRE(back.ok());
  CHECK(back->kind == ComplaintKind::kComplaint);
  CHECK(back->applicant.cccd == "001190000002");
  CHECK(back->applicant.email == "binh@example.vn");
  CHECK(back->text == r.text);

  json j = ToJson(r);
  j["applicant"]["name"] = json::array();
  CHECK(ComplaintRequestFromJson(j).error().message == "applicant.name: expected a string");
  j.erase("applicant");
  CHECK(ComplaintRequestFromJson(j).error().message == "applicant: is required");
  j = ToJson(r);
  j["kind"] = "praise";
  CHECK(ComplaintRequestFromJson(j).error().message ==
        "kind: expected \"complaint\" or \"feedback\"");
}

TEST_CASE("a status that refuses, asks, stops or apologises must carry its reason") {
  json j = {{"dossier_code", "000.00.12.H29-241023-0001"},
            {"status", "rejected"},
            {"received_at", "2024-10-23T01:15:00Z"},
            {"history", json::array()}};
  CHECK(DossierStatusFromJson(j).error().message ==
        "reason: is required when the status is rejected");
  j["reason"] = "Không thuộc thẩm quyền";
  CHECK(DossierStatusFromJson(j).ok());
  j["status"] = "delayed";
  CHECK(DossierStatusFromJson(j).error().message ==
        "new_due_date: is required when the status is delayed");
  j["status"] = "finished";
  CHECK(DossierStatusFromJson(j).error().message == "status: unknown status \"finished\"");
  j["status"] = "processing";
  j["history"] = json::array({{{"status", "received"}, {"at", "yesterday"}}});
  CHECK(DossierStatusFromJson(j).error().message ==
        "history[0].at: expected an RFC 3339 timestamp");
}

TEST_CASE("state names round trip") {
  for (auto s : kAllDossierStates) CHECK(ParseState(StateName(s)) == s);
  CHECK(StateName(DossierState::kSupplementRequired) == "supplement_required");
  CHECK(StateNeedsReason(DossierState::kStopped));
  CHECK_FALSE(StateNeedsReason(DossierState::kResultReady));
}

}  // namespace
}  // namespace gw::backends
