// JSON form of the dialog state.
#include "dialogs/engine/dialog_state.hpp"

#include <nlohmann/json.hpp>

namespace gw::dialogs {

std::string DialogState::ToJson() const {
  nlohmann::json j = {{"v", 1},
                      {"flow", flow},
                      {"step", step},
                      {"slots", slots},
                      {"asked", asked},
                      {"bad_answers", bad_answers},
                      {"with_officer", with_officer},
                      {"offered", offered},
                      {"updated_at", core::ToUnixMillis(updated_at)}};
  return j.dump();
}

DialogState DialogState::FromJson(std::string_view json) {
  DialogState s;
  if (json.empty()) return s;
  auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || j.value("v", 0) != 1) return s;
  try {
    s.flow = j.value("flow", "");
    s.step = j.value("step", "");
    s.slots = j.value("slots", std::map<std::string, std::string>{});
    s.asked = j.value("asked", std::vector<std::string>{});
    s.bad_answers = j.value("bad_answers", 0);
    s.with_officer = j.value("with_officer", false);
    s.offered = j.value("offered", std::vector<std::string>{});
    s.updated_at = core::FromUnixMillis(j.value("updated_at", std::int64_t{0}));
  } catch (const nlohmann::json::exception&) {
    return DialogState{};
  }
  return s;
}

}  // namespace gw::dialogs
