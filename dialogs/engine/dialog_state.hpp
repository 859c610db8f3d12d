// A conversation's dialog state: which flow and step it is in, the slots filled so far. Stored
// per conversation as JSON, so it survives restarts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace gw::dialogs {

struct DialogState {
  std::string flow;  // "" when idle at the main menu
  std::string step;  // the slot being asked, "confirm", or "" when the flow has none left
  std::map<std::string, std::string> slots;
  std::vector<std::string> asked;  // steps asked so far in this flow, for "quay lại"
  int bad_answers = 0;             // consecutive answers the current step refused
  bool with_officer = false;       // handed off: the bot stays quiet until handed back
  // Option ids offered by the last reply, so "1", "2"... (SMS, IVR keypad) can pick them.
  std::vector<std::string> offered;
  core::TimePoint updated_at{};

  bool idle() const { return flow.empty(); }
  std::string ToJson() const;
  // An empty or unreadable text gives a fresh state (a corrupt row must not wedge a citizen).
  static DialogState FromJson(std::string_view json);
};

}  // namespace gw::dialogs
