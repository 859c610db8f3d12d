// Tests of the route table: shipped demo data, routes by level, wrong jurisdiction, load errors.
#include "routing/route_table.hpp"

#include <doctest/doctest.h>

#include "routing/test_support.hpp"

using gw::core::ErrorCode;
using gw::routing::Catalog;
using gw::routing::ResolutionKind;
using gw::routing::RouteTable;
using gw::routing::testing::ReadSourceFile;

namespace {

std::shared_ptr<const Catalog> ShippedCatalog() {
  static const auto catalog = [] {
    auto c = Catalog::Parse(ReadSourceFile("config/catalog/procedures.json"), "procedures.json");
    REQUIRE_MESSAGE(c.ok(), c.error().message);
    return std::make_shared<const Catalog>(std::move(c).value());
  }();
  return catalog;
}

const RouteTable& Shipped() {
  static const RouteTable table = [] {
    auto t = RouteTable::Parse(ReadSourceFile("config/catalog/agencies.json"), "agencies.json",
                               ShippedCatalog());
    REQUIRE_MESSAGE(t.ok(), t.error().message);
    return std::move(t).value();
  }();
  return table;
}

constexpr const char* kBenThanhUbnd = "000.00.12.H29";

// A small table with `patch` (an RFC 7386 merge patch) applied; the catalogue is the shipped one,
// so every procedure kind needs an agency: one of each kind and level is declared.
std::string SmallTable(std::string_view patch = "{}") {
  auto j = nlohmann::json::parse(R"({
    "backends": [{"id": "b1"}],
    "localities": [{"code": "79", "name": "TP", "communes": [{"code": "79.a", "name": "Phường A"}]}],
    "agencies": [
      {"code": "U.A", "name": "UBND phường A", "kind": "ubnd", "level": "xa", "locality": "79.a",
       "backend": "b1", "contact": {"address": "a", "hotline": "1", "hours": "h"}},
      {"code": "C.A", "name": "Công an phường A", "kind": "cong_an", "level": "xa",
       "locality": "79.a", "backend": "b1", "contact": {"address": "a", "hotline": "1", "hours": "h"}},
      {"code": "C.T", "name": "Công an TP", "kind": "cong_an", "level": "tinh", "locality": "79",
       "backend": "b1", "contact": {"address": "a", "hotline": "1", "hours": "h"}},
      {"code": "S.T", "name": "Sở", "kind": "so_tai_chinh", "level": "tinh", "locality": "79",
       "backend": "b1", "contact": {"address": "a", "hotline": "1", "hours": "h"}},
      {"code": "V.T", "name": "VPĐK", "kind": "vpdk_dat_dai", "level": "tinh", "locality": "79",
       "backend": "b1", "contact": {"address": "a", "hotline": "1", "hours": "h"}},
      {"code": "D.T", "name": "DVVL", "kind": "dich_vu_viec_lam", "level": "tinh", "locality": "79",
       "backend": "b1", "contact": {"address": "a", "hotline": "1", "hours": "h"}},
      {"code": "B.T", "name": "BHXH", "kind": "bhxh", "level": "tinh", "locality": "79",
       "backend": "b1", "contact": {"address": "a", "hotline": "1", "hours": "h"}}
    ]})");
  j.merge_patch(nlohmann::json::parse(patch));
  return j.dump();
}

std::string LoadError(const std::string& text, const std::vector<std::string>& backends = {}) {
  auto t = RouteTable::Parse(text, "agencies.json", ShippedCatalog(), backends);
  return t.ok() ? std::string("(no error)") : t.error().message;
}

}  // namespace

TEST_CASE("the shipped demo table loads against the shipped catalogue") {
  const auto& t = Shipped();
  CHECK(t.demo());
  CHECK(t.FindAgency(kBenThanhUbnd)->name == "UBND phường Bến Thành");
  CHECK(t.FindLocality("79.sai_gon")->province_code == "79");
  CHECK(t.FindLocality("01")->IsProvince());
  CHECK(t.backend_ids() ==
        std::vector<std::string>{"bca-dvc", "bhxh-dvc", "dn-mot-cua", "hcm-mot-cua", "hn-mot-cua"});
}

TEST_CASE("routes by level, explicit routes and wrong jurisdiction") {
  const auto& t = Shipped();
  struct Case {
    const char* name;
    const char* procedure;
    const char* locality;
    const char* this_agency;
    ResolutionKind kind;
    const char* agency;
    const char* backend;
  };
  const Case cases[] = {
      {"a commune procedure in this commune", "khai_sinh", "79.ben_thanh", kBenThanhUbnd,
       ResolutionKind::kRoute, "UBND phường Bến Thành", "hcm-mot-cua"},
      {"the same in another commune", "khai_sinh", "79.sai_gon", kBenThanhUbnd,
       ResolutionKind::kWrongJurisdiction, "UBND phường Sài Gòn", "hcm-mot-cua"},
      {"a commune police procedure at the commune UBND", "thuong_tru", "79.ben_thanh",
       kBenThanhUbnd, ResolutionKind::kWrongJurisdiction, "Công an phường Bến Thành", "bca-dvc"},
      {"a provincial procedure at a commune UBND", "ho_chieu", "79.ben_thanh", kBenThanhUbnd,
       ResolutionKind::kWrongJurisdiction, "Công an TP. Hồ Chí Minh", "bca-dvc"},
      {"a provincial procedure at the provincial police", "ho_chieu", "79.thu_dau_mot",
       "000.00.30.H29", ResolutionKind::kRoute, "Công an TP. Hồ Chí Minh", "bca-dvc"},
      {"a provincial procedure asked for the province itself", "thanh_lap_doanh_nghiep", "01",
       "000.00.05.H24", ResolutionKind::kRoute,
       "Sở Tài chính TP. Hà Nội (Phòng Đăng ký kinh doanh)", "hn-mot-cua"},
      {"another province's department", "thanh_lap_doanh_nghiep", "01.hoan_kiem", "000.00.05.H29",
       ResolutionKind::kWrongJurisdiction, "Sở Tài chính TP. Hà Nội (Phòng Đăng ký kinh doanh)",
       "hn-mot-cua"},
      {"an explicit route for a commune", "dat_dai", "79.thu_dau_mot", "", ResolutionKind::kRoute,
       "Chi nhánh Văn phòng đăng ký đất đai khu vực Thủ Dầu Một", "hcm-mot-cua"},
      {"the rule elsewhere in the province", "dat_dai", "79.ben_thanh", "", ResolutionKind::kRoute,
       "Văn phòng đăng ký đất đai TP. Hồ Chí Minh", "hcm-mot-cua"},
      {"a multi-agency gateway routes everything", "bhyt", "01.ba_dinh", "", ResolutionKind::kRoute,
       "Bảo hiểm xã hội TP. Hà Nội", "bhxh-dvc"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto r = t.Resolve(c.procedure, c.locality, c.this_agency);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->kind == c.kind);
    CHECK(r->agency->name == c.agency);
    CHECK(r->backend_id() == c.backend);
    CHECK(r->procedure->slug == c.procedure);
    CHECK(r->locality->code == c.locality);
  }
}

TEST_CASE("a wrong-jurisdiction answer says where to go and how to reach it") {
  auto r = Shipped().Resolve("khai_sinh", "79.sai_gon", kBenThanhUbnd);
  REQUIRE(r.ok());
  REQUIRE(r->kind == ResolutionKind::kWrongJurisdiction);
  CHECK(r->this_agency->name == "UBND phường Bến Thành");
  CHECK(r->agency->code == "000.00.11.H29");
  CHECK_FALSE(r->agency->contact.address.empty());
  CHECK_FALSE(r->agency->contact.hotline.empty());
  CHECK_FALSE(r->agency->contact.hours.empty());
  CHECK(r->agency->contact.website == "https://dichvucong.hochiminhcity.gov.vn");
  auto override = Shipped().Resolve("dat_dai", "79.thu_dau_mot", kBenThanhUbnd);
  REQUIRE(override.ok());
  CHECK(override->kind == ResolutionKind::kWrongJurisdiction);
  CHECK_FALSE(override->note.empty());
}

TEST_CASE("resolution errors") {
  const auto& t = Shipped();
  struct Case {
    const char* name;
    const char* procedure;
    const char* locality;
    const char* this_agency;
    ErrorCode code;
    const char* message;
  };
  const Case cases[] = {
      {"an unknown procedure", "nuoi_ca", "79.ben_thanh", "", ErrorCode::kNotFound,
       R"(unknown procedure "nuoi_ca")"},
      {"an unknown locality", "khai_sinh", "79.quan_1", "", ErrorCode::kNotFound,
       R"(unknown locality "79.quan_1")"},
      {"an unknown gateway agency", "khai_sinh", "79.ben_thanh", "000.00.99.H29",
       ErrorCode::kNotFound,
       R"(unknown agency "000.00.99.H29": this gateway's agency code is not in the route table)"},
      {"a commune procedure for a whole province", "khai_sinh", "79", "",
       ErrorCode::kInvalidArgument,
       "khai_sinh is resolved at commune level (UBND cấp xã nơi cư trú của cha hoặc mẹ): Thành phố "
       "Hồ Chí Minh is a province, a phường/xã is needed"},
      {"no such agency in the demo province", "thanh_lap_doanh_nghiep", "48.hai_chau", "",
       ErrorCode::kNotFound,
       R"(no agency of kind "so_tai_chinh" at level tinh serves Phường Hải Châu (48.hai_chau))"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto r = t.Resolve(c.procedure, c.locality, c.this_agency);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().message == c.message);
  }
}

TEST_CASE("a ministry-level procedure goes to the ministry") {
  auto p = nlohmann::json::parse(R"j({"procedures": [{
    "slug": "quoc_tich", "code": "1.999003", "code_source": "unverified",
    "name": {"vi": "Thủ tục cấp bộ (thử)", "en": "A ministry procedure (test)"},
    "resolving": {"level": "bo", "body": "Bộ Công an", "agency_kind": "cong_an"},
    "online": {"level": "toan_trinh"}, "documents": ["Tờ khai"],
    "fees": [{"label": "Lệ phí", "amount_vnd": 0}], "time": {"working_days": 5},
    "form": [{"name": "full_name", "label": "Họ tên", "type": "text"}]}]})j");
  auto merged = ShippedCatalog()->MergeFromBackend(p.dump(), "backend");
  REQUIRE_MESSAGE(merged.ok(), merged.error().message);
  auto t = Shipped().WithCatalog(std::make_shared<const Catalog>(std::move(merged).value()));
  REQUIRE_MESSAGE(t.ok(), t.error().message);
  auto r = t->Resolve("quoc_tich", "48.hai_chau", "000.00.30.H15");
  REQUIRE(r.ok());
  CHECK(r->kind == ResolutionKind::kWrongJurisdiction);
  CHECK(r->agency->name == "Bộ Công an");
  CHECK(r->agency->code == "000.00.00.G01");
}

TEST_CASE("a refreshed catalogue whose procedure has no agency of its kind is refused") {
  auto merged = ShippedCatalog()->MergeFromBackend(
      R"({"procedures": [{"slug": "khai_sinh", "resolving": {"level": "bo", "body": "Bộ Tư pháp",
          "agency_kind": "tu_phap"}}]})",
      "backend");
  REQUIRE_MESSAGE(merged.ok(), merged.error().message);
  auto t = Shipped().WithCatalog(std::make_shared<const Catalog>(std::move(merged).value()));
  REQUIRE_FALSE(t.ok());
  CHECK(
      t.error().message ==
      "agencies.json: (catalogue) khai_sinh.resolving: no agency of kind \"tu_phap\" at level bo");
}

TEST_CASE("route table files with errors report every error with its path") {
  struct Case {
    const char* name;
    const char* patch;
    std::string error;
  };
  const Case cases[] = {
      {"an unknown backend",
       R"({"agencies": [{"code": "U.A", "name": "UBND", "kind": "ubnd", "level": "xa",
          "locality": "79.a", "backend": "b2", "contact": {"address": "a", "hotline": "1", "hours": "h"}}]})",
       "agencies.json: agencies[0].backend: unknown backend \"b2\" (known: b1)"},
      {"a commune agency on a province",
       R"({"agencies": [{"code": "U.A", "name": "UBND", "kind": "ubnd", "level": "xa",
          "locality": "79", "backend": "b1", "contact": {"address": "a", "hotline": "1", "hours": "h"}}]})",
       "agencies.json: agencies[0].locality: expected a commune code for level xa, got \"79\""},
      {"a missing hotline, an unknown key and a bad level",
       R"({"agencies": [{"code": "U.A", "name": "UBND", "kind": "ubnd", "level": "huyen",
          "locality": "79.a", "backend": "b1", "fax": "1", "contact": {"address": "a", "hours": "h"}}]})",
       "agencies.json: agencies[0].level: expected one of xa, tinh, bo, got \"huyen\"\n"
       "agencies.json: agencies[0].contact.hotline: is required\n"
       "agencies.json: agencies[0].fax: unknown key"},
      {"a route to an unknown agency, locality and procedure",
       R"({"routes": [{"procedure": "khai_sinhh", "locality": "79.b", "agency": "X.X"}]})",
       "agencies.json: routes[0].locality: unknown locality \"79.b\"\n"
       "agencies.json: routes[0].agency: unknown agency \"X.X\"\n"
       "agencies.json: routes[0].procedure: unknown procedure \"khai_sinhh\" (not in catalogue "
       "2026.1)"},
      {"a duplicate locality",
       R"({"localities": [{"code": "79", "name": "TP", "communes": [{"code": "79.a", "name": "A"},
          {"code": "79", "name": "B"}]}]})",
       "agencies.json: localities[0].communes[1].code: duplicate locality code \"79\""},
      {"a duplicate route",
       R"({"routes": [{"procedure": "khai_sinh", "locality": "79", "agency": "U.A"},
                      {"procedure": "khai_sinh", "locality": "79", "agency": "U.A"}]})",
       "agencies.json: routes[1]: duplicate route for khai_sinh in 79"},
      {"a procedure kind without agencies",
       R"({"agencies": [{"code": "U.A", "name": "UBND", "kind": "ubnd", "level": "xa",
          "locality": "79.a", "backend": "b1", "contact": {"address": "a", "hotline": "1", "hours": "h"}}]})",
       "agencies.json: (catalogue) thuong_tru.resolving: no agency of kind \"cong_an\" at level "
       "xa"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const std::string error = LoadError(SmallTable(c.patch));
    // The last case removes most agencies, which also orphans other kinds: check its first line.
    CHECK(error.substr(0, c.error.size()) == c.error);
  }
  CHECK(LoadError(SmallTable()) == "(no error)");
  SUBCASE("a backend id may come from the gateway instead of the file") {
    const char* patch = R"({"backends": null, "agencies": [{"code": "U.A", "name": "UBND",
        "kind": "ubnd", "level": "xa", "locality": "79.a", "backend": "simulator",
        "contact": {"address": "a", "hotline": "1", "hours": "h"}}]})";
    CHECK(LoadError(SmallTable(patch), {"simulator"}).find("unknown backend") == std::string::npos);
    CHECK(LoadError(SmallTable(patch)).find("unknown backend \"simulator\"") != std::string::npos);
  }
  CHECK(LoadError("{").starts_with("agencies.json: [json.exception.parse_error"));
}
