// Tests of the procedure catalogue: the shipped file, errors with their paths, the backend merge.
#include "routing/catalog.hpp"

#include <doctest/doctest.h>

#include "routing/test_support.hpp"

using gw::routing::Catalog;
using gw::routing::Level;
using gw::routing::OnlineLevel;

namespace {

// The procedure slugs of shared/nlu/taxonomy.json, in its order.
const std::vector<std::string> kTaxonomySlugs = {"khai_sinh",
                                                 "khai_tu",
                                                 "ket_hon",
                                                 "xac_nhan_hon_nhan",
                                                 "thuong_tru",
                                                 "tam_tru",
                                                 "can_cuoc",
                                                 "ho_chieu",
                                                 "ly_lich_tu_phap",
                                                 "giay_phep_lai_xe",
                                                 "dang_ky_xe",
                                                 "ho_kinh_doanh",
                                                 "thanh_lap_doanh_nghiep",
                                                 "giay_phep_xay_dung",
                                                 "dat_dai",
                                                 "chung_thuc",
                                                 "tro_cap_that_nghiep",
                                                 "bhyt",
                                                 "thai_san",
                                                 "giam_ho"};

std::string ShippedText() {
  return gw::routing::testing::ReadSourceFile("config/catalog/procedures.json");
}

// One small valid procedure; cases below break one thing at a time.
nlohmann::json ValidProcedure() {
  return nlohmann::json::parse(R"({
    "slug": "khai_sinh", "code": "1.001193", "code_source": "verified: test",
    "name": {"vi": "Đăng ký khai sinh", "en": "Birth registration"},
    "resolving": {"level": "xa", "body": "UBND cấp xã", "agency_kind": "ubnd"},
    "online": {"level": "toan_trinh"},
    "documents": ["Tờ khai đăng ký khai sinh"],
    "fees": [{"label": "Lệ phí", "amount_vnd": 0}],
    "time": {"working_days": 0, "note": "Ngay trong ngày."},
    "form": [{"name": "child_full_name", "label": "Họ tên của trẻ", "type": "text",
              "min_length": 2, "max_length": 100}]
  })");
}

std::string Errors(const nlohmann::json& procedure) {
  nlohmann::json doc = {{"procedures", nlohmann::json::array({procedure})}};
  auto c = Catalog::Parse(doc.dump(), "test.json");
  return c.ok() ? std::string("(no error)") : c.error().message;
}

}  // namespace

TEST_CASE("the shipped catalogue loads: the 20 taxonomy procedures, with their facts") {
  auto c = Catalog::Parse(ShippedText(), "procedures.json");
  REQUIRE_MESSAGE(c.ok(), c.error().message);
  REQUIRE(c->procedures().size() == kTaxonomySlugs.size());
  for (std::size_t i = 0; i < kTaxonomySlugs.size(); ++i) {
    CHECK(c->procedures()[i].slug == kTaxonomySlugs[i]);
  }
  SUBCASE("the well-attested codes are verified, and found by code") {
    const std::vector<std::pair<std::string, std::string>> attested = {
        {"khai_sinh", "1.001193"},  {"khai_tu", "1.000656"},    {"ket_hon", "1.000894"},
        {"thuong_tru", "1.004222"}, {"chung_thuc", "2.000815"}, {"xac_nhan_hon_nhan", "1.004873"}};
    for (const auto& [slug, code] : attested) {
      CAPTURE(slug);
      const auto* p = c->BySlug(slug);
      REQUIRE(p != nullptr);
      CHECK(p->code == code);
      CHECK(p->code_verified);
      CHECK(c->ByCode(code) == p);
    }
    int verified = 0;
    for (const auto& p : c->procedures()) verified += p.code_verified ? 1 : 0;
    CHECK(verified == 6);
  }
  SUBCASE("every một phần procedure says what to do in person and where") {
    for (const auto& p : c->procedures()) {
      CAPTURE(p.slug);
      CHECK((p.online.level == OnlineLevel::kMotPhan) == !p.online.in_person.empty());
      for (const auto& step : p.online.in_person) {
        CHECK_FALSE(step.what.empty());
        CHECK_FALSE(step.where.empty());
      }
      CHECK_FALSE(p.form.empty());
      CHECK_FALSE(p.documents.empty());
    }
    CHECK(c->BySlug("ho_chieu")->online.in_person[0].what.find("vân tay") != std::string::npos);
    CHECK(c->BySlug("can_cuoc")->online.in_person[0].what.find("sinh trắc học") !=
          std::string::npos);
    CHECK(c->BySlug("chung_thuc")->online.in_person[0].what.find("bản chính") != std::string::npos);
    CHECK(c->BySlug("dang_ky_xe")->online.in_person[0].what.find("biển số") != std::string::npos);
  }
  SUBCASE("levels after 1 July 2025, fees and times") {
    CHECK(c->BySlug("khai_sinh")->resolving.level == Level::kXa);
    CHECK(c->BySlug("ho_chieu")->resolving.level == Level::kTinh);
    CHECK(c->BySlug("khai_sinh")->time.SameDay());
    CHECK(c->BySlug("khai_sinh")->fees[0].IsFree());
    CHECK(c->BySlug("thuong_tru")->time.working_days == 7);
    CHECK(c->BySlug("thuong_tru")->fees[0].amount_vnd == 20000);
    CHECK(c->BySlug("ly_lich_tu_phap")->time.calendar_days == 10);
    CHECK(c->BySlug("xac_nhan_hon_nhan")->IsUnverified("fees"));
    CHECK(c->BySlug("dang_ky_xe")->code.empty());
    CHECK(c->ByCode("") == nullptr);
    CHECK(c->BySlug("nope") == nullptr);
  }
}

TEST_CASE("catalogue errors name their JSON path") {
  struct Case {
    const char* name;
    std::function<void(nlohmann::json&)> mutate;
    std::string error;
  };
  const Case cases[] = {
      {"a bad online level", [](auto& p) { p["online"]["level"] = "x"; },
       R"(test.json: procedures[0].online.level: expected one of toan_trinh, mot_phan, got "x")"},
      {"an unknown key", [](auto& p) { p["colour"] = "blue"; },
       "test.json: procedures[0].colour: unknown key"},
      {"một phần without the in-person steps", [](auto& p) { p["online"]["level"] = "mot_phan"; },
       "test.json: procedures[0].online.in_person: is required for mot_phan: what the citizen must "
       "do in person, where"},
      {"in-person steps on a toàn trình procedure",
       [](auto& p) {
         p["online"]["in_person"] = {{{"what", "a"}, {"where", "b"}}};
       },
       "test.json: procedures[0].online.in_person: is only for mot_phan"},
      {"a district level", [](auto& p) { p["resolving"]["level"] = "huyen"; },
       R"(test.json: procedures[0].resolving.level: expected one of xa, tinh, bo, got "huyen")"},
      {"no level", [](auto& p) { p["resolving"].erase("level"); },
       "test.json: procedures[0].resolving.level: is required"},
      {"both kinds of days", [](auto& p) { p["time"]["calendar_days"] = 3; },
       "test.json: procedures[0].time: needs exactly one of working_days and calendar_days"},
      {"a same-day procedure without its note", [](auto& p) { p["time"].erase("note"); },
       "test.json: procedures[0].time.note: is required when working_days is 0 (ngay trong ngày)"},
      {"a malformed code", [](auto& p) { p["code"] = "1.1193"; },
       R"(test.json: procedures[0].code: expected a national procedure code like 1.001193, got "1.1193")"},
      {"a verified source without a code", [](auto& p) { p.erase("code"); },
       "test.json: procedures[0].code: is required when code_source is verified"},
      {"a vague code source", [](auto& p) { p["code_source"] = "internet"; },
       "test.json: procedures[0].code_source: expected \"verified: <where>\", \"unverified\" or "
       "\"unverified: <note>\", got \"internet\""},
      {"a fee with neither amount nor text", [](auto& p) { p["fees"][0].erase("amount_vnd"); },
       "test.json: procedures[0].fees[0]: needs amount_vnd (0 = miễn phí) or text"},
      {"a negative fee", [](auto& p) { p["fees"][0]["amount_vnd"] = -5; },
       "test.json: procedures[0].fees[0].amount_vnd: expected an integer 0..1000000000, got -5"},
      {"no documents", [](auto& p) { p["documents"] = nlohmann::json::array(); },
       "test.json: procedures[0].documents: needs at least one document"},
      {"a bad field type", [](auto& p) { p["form"][0]["type"] = "number"; },
       "test.json: procedures[0].form[0].type: expected one of text, date, phone, cccd, choice, "
       "dossier_code, email, got \"number\""},
      {"options on a text field",
       [](auto& p) {
         p["form"][0]["options"] = {{{"value", "a"}, {"label", "A"}}};
       },
       "test.json: procedures[0].form[0].options: is only for type choice"},
      {"a choice with one option",
       [](auto& p) {
         p["form"].push_back({{"name", "sex"},
                              {"label", "Giới tính"},
                              {"type", "choice"},
                              {"options", {{{"value", "nam"}, {"label", "Nam"}}}}});
       },
       "test.json: procedures[0].form[1].options: a choice needs at least two options"},
      {"min_length on a date",
       [](auto& p) {
         p["form"].push_back(
             {{"name", "d"}, {"label", "Ngày"}, {"type", "date"}, {"min_length", 2}});
       },
       "test.json: procedures[0].form[1].min_length: is only for type text"},
      {"a duplicate field name", [](auto& p) { p["form"].push_back(p["form"][0]); },
       R"(test.json: procedures[0].form[1].name: duplicate field name "child_full_name")"},
      {"min above max", [](auto& p) { p["form"][0]["min_length"] = 200; },
       "test.json: procedures[0].form[0].min_length: must not exceed max_length"},
      {"an unknown unverified part",
       [](auto& p) {
         p["unverified"] = {"fees", "colour"};
       },
       "test.json: procedures[0].unverified[1]: expected one of resolving, online, documents, "
       "fees, "
       "time, form, got \"colour\""},
      {"two errors at once",
       [](auto& p) {
         p["slug"] = "Khai Sinh";
         p["name"].erase("vi");
       },
       "test.json: procedures[0].slug: expected lower-case letters, digits and _\n"
       "test.json: procedures[0].name.vi: is required"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto p = ValidProcedure();
    c.mutate(p);
    CHECK(Errors(p) == c.error);
  }
  CHECK(Errors(ValidProcedure()) == "(no error)");
}

TEST_CASE("catalogue files: duplicates, shape and syntax") {
  auto error_of = [](std::string_view text) {
    auto c = Catalog::Parse(text, "test.json");
    return c.ok() ? std::string("(no error)") : c.error().message;
  };
  auto a = ValidProcedure();
  auto b = ValidProcedure();
  b["form"][0]["name"] = "x";
  SUBCASE("a duplicate slug and code") {
    nlohmann::json doc = {{"procedures", {a, b}}};
    CHECK(error_of(doc.dump()) ==
          "test.json: procedures[1].slug: duplicate slug \"khai_sinh\" (also procedures[0])\n"
          "test.json: procedures[1].code: duplicate code \"1.001193\" (also procedures[0])");
  }
  SUBCASE("a duplicate code only") {
    b["slug"] = "khai_sinh_2";
    nlohmann::json doc = {{"procedures", {a, b}}};
    CHECK(error_of(doc.dump()) ==
          "test.json: procedures[1].code: duplicate code \"1.001193\" (also procedures[0])");
  }
  SUBCASE("shape and syntax") {
    CHECK(error_of(R"({"procedures": []})") ==
          "test.json: procedures: needs at least one procedure");
    CHECK(error_of(R"({"version": "1"})") == "test.json: procedures: is required");
    CHECK(error_of(R"({"procedures": {}})") ==
          "test.json: procedures: expected an array of procedure objects");
    CHECK(error_of(R"({"procedures": [3]})") ==
          "test.json: procedures[0]: expected an object, got 3");
    CHECK(error_of(R"({"procedures": [], "extra": 1})") ==
          "test.json: extra: unknown key\ntest.json: procedures: needs at least one procedure");
    CHECK(error_of("[1,").starts_with("test.json: [json.exception.parse_error"));
  }
}

TEST_CASE("a backend's catalogue response refreshes the local copy") {
  auto base = Catalog::Parse(ShippedText(), "procedures.json");
  REQUIRE_MESSAGE(base.ok(), base.error().message);

  SUBCASE("a new code, fees and time for one procedure; the rest is kept") {
    auto merged = base->MergeFromBackend(R"({"version": "hcm-2026-03", "procedures": [
        {"slug": "dang_ky_xe", "code": "1.999001",
         "fees": [{"label": "Lệ phí đăng ký xe máy", "amount_vnd": 150000}],
         "time": {"working_days": 3}}]})",
                                         "backend:hcm-mot-cua");
    REQUIRE_MESSAGE(merged.ok(), merged.error().message);
    const auto* p = merged->BySlug("dang_ky_xe");
    CHECK(p->code == "1.999001");
    CHECK(p->code_verified);
    CHECK(p->code_source == "verified: backend:hcm-mot-cua");
    CHECK(p->fees.size() == 1);
    CHECK(p->fees[0].amount_vnd == 150000);
    CHECK(p->time.working_days == 3);
    CHECK(p->online.level == OnlineLevel::kMotPhan);  // kept from the local copy
    CHECK(merged->ByCode("1.999001") == p);
    CHECK(merged->version() == "hcm-2026-03");
    CHECK(merged->procedures().size() == 20);
    // The original is untouched: a refresh makes a new value.
    CHECK(base->BySlug("dang_ky_xe")->code.empty());
    CHECK(base->ByCode("1.999001") == nullptr);
  }
  SUBCASE("a changed code frees the old one") {
    auto merged = base->MergeFromBackend(
        R"({"procedures": [{"slug": "khai_tu", "code": "1.000657", "code_source": "verified: x"}]})",
        "backend");
    REQUIRE_MESSAGE(merged.ok(), merged.error().message);
    CHECK(merged->ByCode("1.000656") == nullptr);
    CHECK(merged->ByCode("1.000657")->slug == "khai_tu");
    CHECK(merged->version() == base->version());
  }
  SUBCASE("a new procedure must be complete") {
    auto p = ValidProcedure();
    p["slug"] = "nuoi_con_nuoi";
    p["code"] = "1.999002";
    nlohmann::json doc = {{"procedures", {p}}};
    auto merged = base->MergeFromBackend(doc.dump(), "backend");
    REQUIRE_MESSAGE(merged.ok(), merged.error().message);
    CHECK(merged->procedures().size() == 21);
    CHECK(merged->BySlug("nuoi_con_nuoi") != nullptr);

    auto partial = base->MergeFromBackend(
        R"({"procedures": [{"slug": "nuoi_con_nuoi", "code": "1.999002"}]})", "backend");
    REQUIRE_FALSE(partial.ok());
    CHECK(partial.error().message.starts_with(
        "backend: procedures[0].code_source: is required\nbackend: procedures[0].name.vi: is "
        "required"));
  }
  SUBCASE("errors carry the backend's paths and change nothing") {
    struct Case {
      const char* name;
      const char* json;
      std::string error;
    };
    const Case cases[] = {
        {"a bad value", R"({"procedures": [{"slug": "khai_sinh", "time": {"working_days": -1}}]})",
         "backend: procedures[0].time.working_days: expected an integer 0..365, got -1"},
        {"a code taken by another procedure",
         R"({"procedures": [{"slug": "thuong_tru"}, {"slug": "khai_tu", "code": "1.001193"}]})",
         "backend: procedures[1].code: duplicate code \"1.001193\" (also (local) procedures[0])"},
        {"an entry without slug", R"({"procedures": [{"code": "1.000001"}]})",
         "backend: procedures[0].slug: is required: it names the procedure to update"},
        {"an unknown key", R"({"procedures": [{"slug": "khai_sinh", "price": 5}]})",
         "backend: procedures[0].price: unknown key"},
        {"not an object", R"({"procedures": ["khai_sinh"]})",
         "backend: procedures[0]: expected an object, got \"khai_sinh\""},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      auto merged = base->MergeFromBackend(c.json, "backend");
      REQUIRE_FALSE(merged.ok());
      CHECK(merged.error().message == c.error);
    }
    CHECK(base->BySlug("khai_sinh")->time.SameDay());
  }
}
