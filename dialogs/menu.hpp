// The main menu: greeting, what Cầu Nối can do, and how to reach an officer. Pure: text in,
// replies out. The dialog engine (dialogs/engine) routes here for greetings, help and menu.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "locales/catalog.hpp"

namespace gw::dialogs {

// Facts about the agency that the menu tells citizens; from config.
struct AgencyContact {
  std::string agency_name;  // "UBND phường Bến Thành"
  std::string hotline;      // "1900 1234"
  std::string hours;        // "7:30–17:00, thứ Hai đến thứ Sáu"
  std::string address;      // where the one-stop desk is
};

enum class MenuChoice { kMenu, kCapabilities, kOfficer, kThanks, kNotUnderstood };

// Which menu item `text` asks for, diacritics and case ignored ("gap can bo" = "Gặp cán bộ").
MenuChoice ChooseMenuItem(std::string_view text);

// The replies for a choice, in the catalog's language, with the menu's options attached.
std::vector<core::Reply> MenuReplies(MenuChoice choice, const locales::Catalog& catalog,
                                     const AgencyContact& agency);

}  // namespace gw::dialogs
