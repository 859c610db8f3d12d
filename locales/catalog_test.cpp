// Tests of the message catalogs: formatting, parity between languages, every reason has a text.
#include "locales/catalog.hpp"

#include <doctest/doctest.h>

#include "core/rejection.hpp"
#include "locales/text.hpp"

using gw::locales::Catalog;
using gw::locales::Catalogs;

TEST_CASE("patterns format named arguments; plain texts pass through") {
  auto c = Catalog::Parse(
      "vi", R"({"a":"Mã hồ sơ: {code}.","b":"Xin chào","n":"{count, plural, other {# hồ sơ}}"})");
  REQUIRE(c.ok());
  CHECK(c->Format("a", {{"code", std::string("000.00.12.H29-241023-0001")}}) ==
        "Mã hồ sơ: 000.00.12.H29-241023-0001.");
  CHECK(c->Format("b") == "Xin chào");
  CHECK(c->Format("n", {{"count", std::int64_t{3}}}) == "3 hồ sơ");
  CHECK(c->Format("missing.key") == "missing.key");
}

TEST_CASE("bad catalogs are refused with the key named") {
  auto bad = Catalog::Parse("vi", R"({"a":"unclosed {code"})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("locales/vi: a: bad MessageFormat pattern") == 0);
  CHECK_FALSE(Catalog::Parse("vi", R"(["x"])").ok());
  CHECK_FALSE(Catalog::Parse("vi", R"({"a":1})").ok());
}

TEST_CASE("the embedded vi and en catalogs have the same keys, in NFC") {
  auto cs = Catalogs::LoadEmbedded();
  REQUIRE(cs.ok());
  CHECK(cs->For("vi").Keys() == cs->For("en").Keys());
  CHECK(&cs->For("fr") == &cs->vi());
  for (const auto& key : cs->vi().Keys()) {
    CAPTURE(key);
    std::string text = cs->vi().Format(key);
    CHECK(gw::locales::ToNfc(text) == text);
  }
}

TEST_CASE("every reason code has a text and a legal basis in both languages") {
  auto cs = Catalogs::LoadEmbedded();
  REQUIRE(cs.ok());
  for (auto code : gw::core::kAllReasonCodes) {
    std::string name(gw::core::ReasonCodeName(code));
    CAPTURE(name);
    for (const char* lang : {"vi", "en"}) {
      CHECK(cs->For(lang).Has("reason." + name));
      CHECK(cs->For(lang).Has("reason_basis." + name));
    }
  }
}

TEST_CASE("the Vietnamese menu texts read naturally with and without diacritics") {
  auto cs = Catalogs::LoadEmbedded();
  REQUIRE(cs.ok());
  std::string greeting =
      cs->vi().Format("menu.greeting", {{"agency", std::string("UBND phường Bến Thành")}});
  CHECK(greeting.find("Xin chào") == 0);
  CHECK(gw::locales::FoldDiacritics(greeting).find("xin chao anh/chi! toi la cau noi") == 0);
  CHECK(
      gw::locales::FoldDiacritics(cs->vi().Format("reason.state_secret")).find("bi mat nha nuoc") !=
      std::string::npos);
}

TEST_CASE("catalogs loaded and destroyed one after another each format their own patterns") {
  // Regression: per-thread formatter clones were keyed by address and outlived their catalog.
  for (int round = 0; round < 5; ++round) {
    auto a = Catalog::Parse("vi", R"({"k":"A {x}"})");
    REQUIRE(a.ok());
    CHECK(a->Format("k", {{"x", std::string("1")}}) == "A 1");
  }
  for (int round = 0; round < 5; ++round) {
    auto b = Catalog::Parse("vi", R"({"k":"B {x}"})");
    REQUIRE(b.ok());
    CHECK(b->Format("k", {{"x", std::string("2")}}) == "B 2");
  }
}
