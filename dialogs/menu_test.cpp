// Tests of the main menu: choices with and without diacritics, replies from the catalog.
#include "dialogs/menu.hpp"

#include <doctest/doctest.h>

using gw::dialogs::ChooseMenuItem;
using gw::dialogs::MenuChoice;

TEST_CASE("choices are recognised with and without diacritics") {
  struct Case {
    const char* text;
    MenuChoice want;
  };
  const Case cases[] = {
      {"Xin chào", MenuChoice::kMenu},
      {"xin chao", MenuChoice::kMenu},
      {"menu", MenuChoice::kMenu},
      {"Gặp cán bộ", MenuChoice::kOfficer},
      {"gap can bo", MenuChoice::kOfficer},
      {"cho tôi nói chuyện với tổng đài viên", MenuChoice::kOfficer},
      {"officer", MenuChoice::kOfficer},
      {"Cầu Nối giúp được gì?", MenuChoice::kCapabilities},
      {"cau noi giup duoc gi", MenuChoice::kCapabilities},
      {"trợ giúp", MenuChoice::kCapabilities},
      {"Cảm ơn nhiều!", MenuChoice::kThanks},
      {"cam on", MenuChoice::kThanks},
      {"thời tiết hôm nay thế nào", MenuChoice::kNotUnderstood},
      {"chi", MenuChoice::kNotUnderstood},  // "hi" must match a whole word only
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(ChooseMenuItem(c.text) == c.want);
  }
}

TEST_CASE("replies come from the catalog with the agency's facts and options") {
  auto cs = gw::locales::Catalogs::LoadEmbedded();
  REQUIRE(cs.ok());
  gw::dialogs::AgencyContact agency{"UBND phường Bến Thành", "1900 1234", "7:30–17:00",
                                    "92 Nam Kỳ Khởi Nghĩa"};
  auto menu = gw::dialogs::MenuReplies(MenuChoice::kMenu, cs->vi(), agency);
  REQUIRE(menu.size() == 1);
  CHECK(menu[0].text.find("UBND phường Bến Thành") != std::string::npos);
  REQUIRE(menu[0].options.size() == 2);
  CHECK(menu[0].options[1].id == "officer");
  CHECK(menu[0].options[1].label == "Gặp cán bộ");
  CHECK_FALSE(menu[0].rejection.has_value());

  auto officer = gw::dialogs::MenuReplies(MenuChoice::kOfficer, cs->vi(), agency);
  CHECK(officer[0].text.find("1900 1234") != std::string::npos);
  CHECK(officer[0].text.find("92 Nam Kỳ Khởi Nghĩa") != std::string::npos);

  auto en = gw::dialogs::MenuReplies(MenuChoice::kOfficer, cs->For("en"), agency);
  CHECK(en[0].text.find("call the hotline 1900 1234") != std::string::npos);
}
