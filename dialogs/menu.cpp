// Main-menu choice and rendering.
#include "dialogs/menu.hpp"

#include <array>

#include "locales/text.hpp"

namespace gw::dialogs {
namespace {

bool ContainsWord(std::string_view folded, std::string_view phrase) {
  std::size_t pos = 0;
  while ((pos = folded.find(phrase, pos)) != std::string_view::npos) {
    bool start_ok = pos == 0 || folded[pos - 1] == ' ';
    std::size_t end = pos + phrase.size();
    bool end_ok = end == folded.size() || folded[end] == ' ';
    if (start_ok && end_ok) return true;
    pos = end;
  }
  return false;
}

// Folds diacritics and case and turns punctuation into spaces, so phrases match whole words.
std::string Simplify(std::string_view text) {
  std::string folded = locales::FoldDiacritics(text);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    bool word =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (word) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

constexpr std::array kOfficerPhrases = {"gap can bo", "can bo",        "nguoi that",
                                        "tong dai",   "tong dai vien", "nhan vien",
                                        "officer",    "hotline",       "duong day nong"};
constexpr std::array kCapabilityPhrases = {"giup duoc gi", "lam duoc gi", "lam gi",   "huong dan",
                                           "tro giup",     "help",        "chuc nang"};
constexpr std::array kMenuPhrases = {"menu", "xin chao", "chao",    "hello",
                                     "hi",   "alo",      "bat dau", "start"};
constexpr std::array kThanksPhrases = {"cam on", "thank", "thanks", "cam ong"};

template <std::size_t N>
bool AnyPhrase(std::string_view simple, const std::array<const char*, N>& phrases) {
  for (const char* p : phrases) {
    if (ContainsWord(simple, p)) return true;
  }
  return false;
}

}  // namespace

MenuChoice ChooseMenuItem(std::string_view text) {
  std::string simple = Simplify(text);
  // Option ids sent back by clients that render the options as buttons.
  if (simple == "officer") return MenuChoice::kOfficer;
  if (simple == "capabilities") return MenuChoice::kCapabilities;
  if (AnyPhrase(simple, kOfficerPhrases)) return MenuChoice::kOfficer;
  if (AnyPhrase(simple, kCapabilityPhrases)) return MenuChoice::kCapabilities;
  if (AnyPhrase(simple, kThanksPhrases)) return MenuChoice::kThanks;
  if (AnyPhrase(simple, kMenuPhrases) || simple.empty()) return MenuChoice::kMenu;
  return MenuChoice::kNotUnderstood;
}

std::vector<core::Reply> MenuReplies(MenuChoice choice, const locales::Catalog& catalog,
                                     const AgencyContact& agency) {
  std::vector<core::ReplyOption> options = {
      {"capabilities", catalog.Format("menu.option.capabilities")},
      {"officer", catalog.Format("menu.option.officer")},
  };
  core::Reply reply;
  switch (choice) {
    case MenuChoice::kMenu:
      reply.text = catalog.Format("menu.greeting", {{"agency", agency.agency_name}});
      break;
    case MenuChoice::kCapabilities:
      reply.text = catalog.Format("menu.capabilities");
      options = {{"officer", catalog.Format("menu.option.officer")},
                 {"menu", catalog.Format("menu.option.menu")}};
      break;
    case MenuChoice::kOfficer:
      reply.text = catalog.Format(
          "menu.officer",
          {{"hotline", agency.hotline}, {"hours", agency.hours}, {"address", agency.address}});
      options = {{"menu", catalog.Format("menu.option.menu")}};
      break;
    case MenuChoice::kThanks:
      reply.text = catalog.Format("menu.thanks");
      options = {{"menu", catalog.Format("menu.option.menu")}};
      break;
    case MenuChoice::kNotUnderstood:
      reply.text = catalog.Format("menu.not_understood");
      break;
  }
  reply.options = std::move(options);
  return {std::move(reply)};
}

}  // namespace gw::dialogs
