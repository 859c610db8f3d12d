// Global command and yes/no recognition.
#include "dialogs/engine/commands.hpp"

#include <array>
#include <string>

namespace gw::dialogs {
namespace {

// Words that may surround a command without changing it ("cho tôi về menu ạ").
constexpr std::array kPoliteness = {
    "a",  "ah",   "oi",  "nhe", "nha", "di",  "cho", "toi",   "em",   "minh", "vui",  "long", "xin",
    "ve", "muon", "lai", "voi", "ban", "bot", "ad",  "admin", "giup", "can",  "duoc", "dc"};

bool IsPoliteness(std::string_view word) {
  for (const char* p : kPoliteness) {
    if (word == p) return true;
  }
  return false;
}

// True when `simple` is `phrase` plus only politeness words.
bool IsCommand(std::string_view simple, std::string_view phrase) {
  auto pos = simple.find(phrase);
  if (pos == std::string_view::npos) return false;
  bool start_ok = pos == 0 || simple[pos - 1] == ' ';
  bool end_ok = pos + phrase.size() == simple.size() || simple[pos + phrase.size()] == ' ';
  if (!start_ok || !end_ok) return false;
  std::string rest =
      std::string(simple.substr(0, pos)) + " " + std::string(simple.substr(pos + phrase.size()));
  std::size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && rest[i] == ' ') ++i;
    std::size_t j = i;
    while (j < rest.size() && rest[j] != ' ') ++j;
    if (j > i && !IsPoliteness(std::string_view(rest).substr(i, j - i))) return false;
    i = j;
  }
  return true;
}

template <std::size_t N>
bool AnyCommand(std::string_view simple, const std::array<const char*, N>& phrases) {
  for (const char* p : phrases) {
    if (IsCommand(simple, p)) return true;
  }
  return false;
}

constexpr std::array kCancel = {"huy",    "huy bo", "thoi",       "dung lai",
                                "cancel", "stop",   "huy yeu cau"};
constexpr std::array kBack = {"quay lai", "tro lai", "back", "lui lai"};
constexpr std::array kMenu = {"menu", "menu chinh", "trang chu", "bat dau lai"};
constexpr std::array kHelp = {"tro giup", "huong dan", "help"};
constexpr std::array kOfficer = {
    "gap can bo",    "noi chuyen voi can bo", "can bo",  "gap nguoi that", "nguoi that",
    "tong dai vien", "gap tong dai vien",     "officer", "nhan vien"};

}  // namespace

GlobalCommand ParseGlobalCommand(std::string_view simple) {
  if (simple.empty()) return GlobalCommand::kNone;
  if (AnyCommand(simple, kCancel)) return GlobalCommand::kCancel;
  if (AnyCommand(simple, kBack)) return GlobalCommand::kBack;
  if (AnyCommand(simple, kMenu)) return GlobalCommand::kMenu;
  if (AnyCommand(simple, kHelp)) return GlobalCommand::kHelp;
  if (AnyCommand(simple, kOfficer)) return GlobalCommand::kOfficer;
  return GlobalCommand::kNone;
}

YesNo ParseYesNo(std::string_view simple) {
  constexpr std::array kYes = {"co",   "dong y",   "xac nhan",  "ok",  "oke", "yes",
                               "dung", "dung roi", "chinh xac", "gui", "nop", "co a",
                               "vang", "u",        "uh",        "yes"};
  constexpr std::array kNo = {"khong", "ko", "k", "khong dong y", "no", "sai", "chua", "khong a"};
  for (const char* p : kNo) {
    if (IsCommand(simple, p)) return YesNo::kNo;
  }
  for (const char* p : kYes) {
    if (IsCommand(simple, p)) return YesNo::kYes;
  }
  return YesNo::kNone;
}

}  // namespace gw::dialogs
