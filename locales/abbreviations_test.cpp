// Tests for the abbreviation table (the shipped vi/abbreviations.tsv and the parser) and UndoTelex.
#include "locales/abbreviations.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "locales/normalize.hpp"

namespace gw::locales {
namespace {

// The table beside this file; the binary embeds the same text.
std::string ShippedTsv() {
  const auto path = std::filesystem::path(__FILE__).parent_path() / "vi" / "abbreviations.tsv";
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const AbbreviationTable& Shipped() {
  static const AbbreviationTable table = AbbreviationTable::Parse(ShippedTsv());
  return table;
}

struct Row {
  const char* in;
  const char* out;
};

}  // namespace

TEST_CASE("the shipped table parses cleanly and is normalised") {
  const AbbreviationTable& table = Shipped();
  for (const std::string& e : table.errors()) CAPTURE(e);
  CHECK(table.errors().empty());
  CHECK(table.size() >= 60);
  // Every key and reading is already in NormalizeForMatching form, so lookups cannot miss on
  // tone placement or case.
  std::istringstream lines(ShippedTsv());
  std::string line;
  int safe = 0;
  int ambiguous = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::string key = line.substr(0, line.find('\t'));
    CAPTURE(key);
    CHECK(NormalizeForMatching(key) == key);
    const Abbreviation* a = table.Find(key);
    REQUIRE(a != nullptr);
    for (const std::string& e : a->expansions) CHECK(NormalizeForMatching(e) == e);
    ++(a->safe ? safe : ambiguous);
  }
  CHECK(safe >= 60);
  CHECK(ambiguous >= 20);
}

TEST_CASE("safe abbreviations expand") {
  const Row rows[] = {
      {"ko", "không"},
      {"k0 dc", "không được"},
      {"hok bik", "không biết"},
      {"đc ko", "được không"},
      {"mik mún hỏi j", "mình muốn hỏi gì"},
      {"làm cccd ở đâu", "làm căn cước công dân ở đâu"},
      {"đổi gplx", "đổi giấy phép lái xe"},
      {"thẻ bhyt hết hạn r", "thẻ bảo hiểm y tế hết hạn rồi"},
      {"ubnd xã", "ủy ban nhân dân xã"},
      {"tthc nào", "thủ tục hành chính nào"},
      {"sdt của cán bộ", "số điện thoại của cán bộ"},
      {"sđt: 0912345678", "số điện thoại: 0912345678"},
      {"đi vs ng nhà", "đi với người nhà"},
      {"v/v cấp lại", "về việc cấp lại"},
      {"ko, dc!", "không, được!"},
      {"(ko)", "(không)"},
  };
  for (const Row& r : rows) {
    SUBCASE(r.in) {
      CHECK(Shipped().Expand(r.in) == r.out);
    }
  }
}

TEST_CASE("ambiguous abbreviations and partial tokens are left alone") {
  const char* texts[] = {
      "dk",            // được, đăng ký or điều kiện
      "đk khai sinh",  //
      "bn tiền",       // bao nhiêu or bạn
      "hs của tôi",    // hồ sơ or học sinh
      "ks",            // khai sinh, khách sạn, kỹ sư
      "phí 50 k",      // không or nghìn
      "hông",          // không, or the hip
      "mk",            // mình or mật khẩu
      "kong",          // not a key: whole tokens only
      "kodak",         //
      "50k",           //
      "dcm",           //
      "ko2",           //
      "khai sinh",
  };
  for (const char* t : texts) {
    SUBCASE(t) {
      CHECK(Shipped().Expand(t) == t);
    }
  }
  const Abbreviation* dk = Shipped().Find("dk");
  REQUIRE(dk != nullptr);
  CHECK_FALSE(dk->safe);
  CHECK(dk->expansions == std::vector<std::string>{"được", "đăng ký", "điều kiện"});
  CHECK(Shipped().Find("không") == nullptr);
}

TEST_CASE("parse reports each bad line") {
  const AbbreviationTable table = AbbreviationTable::Parse(
      "# comment\n"
      "\n"
      "ko\tkhông\tsafe\n"
      "ko\tkhong\tsafe\n"
      "xx\tmissing flags\n"
      "yy\tyes\tsure\n"
      "bn\tbao nhiêu|bạn\tsafe\n"
      "a b\tanh bạn\tsafe\n"
      "zz\t\tsafe\n"
      "HoÀ\tHOÀ BÌNH\tsafe\r\n");
  CHECK(table.errors() == std::vector<std::string>{
                              "line 4: duplicate abbreviation \"ko\" (first on line 3)",
                              "line 5: expected 3 tab-separated fields (abbrev, expansion, "
                              "flags), got 2",
                              "line 6: flags must be safe or ambiguous, got \"sure\"",
                              "line 7: a safe entry has exactly one expansion, \"bn\" has 2",
                              "line 8: the abbreviation must be one non-empty token",
                              "line 9: empty expansion for \"zz\"",
                          });
  CHECK(table.size() == 2);
  // Keys and expansions are normalised: "HoÀ" is found as "hòa" and expands to "hòa bình".
  CHECK(table.Expand("hòa") == "hòa bình");
  CHECK(table.Expand("ko") == "không");
}

TEST_CASE("Telex typed with the input method off is undone") {
  const Row rows[] = {
      {"ddawng kys", "đăng ký"},
      {"hoof sow", "hồ sơ"},
      {"Hoof sow", "Hồ sơ"},
      {"DDAWNG KYS", "ĐĂNG KÝ"},
      {"dduowcj khoong", "được không"},
      {"nguwowif daan", "người dân"},
      {"camr own", "cảm ơn"},
      {"toi muoons ddawng kys khai sinh", "toi muốn đăng ký khai sinh"},
      {"ko bik ddawng kys o ddaau", "ko bik đăng ký o đâu"},
      {"mã hồ sơ cuar tooi", "mã hồ sơ của tôi"},
      {"vieetj nam", "việt nam"},
      {"ddi ddaau", "đi đâu"},
      {"nhw thees", "như thế"},
  };
  for (const Row& r : rows) {
    SUBCASE(r.in) {
      CHECK(UndoTelex(r.in) == r.out);
    }
  }
}

TEST_CASE("UndoTelex leaves ordinary text alone") {
  const char* texts[] = {
      "khai sinh",
      "dang ky khai sinh",
      "toi muon hoi ve ho so",
      "đăng ký khai sinh",
      "how are you",
      "I see",
      "see you soon",
      "he has six cats",  // tone keys alone never start a rewrite
      "this is it",
      "what is the status of my application",
      "now or never",
      "kys",  // a tone key alone is not enough evidence
      "ho so 000.00.12.H29-241023-0001",
      "50k",
      "",
  };
  for (const char* t : texts) {
    SUBCASE(t) {
      CHECK(UndoTelex(t) == t);
    }
  }
}

}  // namespace gw::locales
