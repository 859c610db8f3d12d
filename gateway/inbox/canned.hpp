// Canned replies' variables: which names a template may use, and filling them in.
//
// A variable is "{name}" where name is ASCII letters, digits and '_'; any other brace is text.
// Pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gw::gateway::inbox {

// {ten_cong_dan} the citizen's name, {ma_ho_so} the dossier code, {ten_can_bo} the officer's
// name, {ten_co_quan} the agency's name.
inline const std::vector<std::string>& CannedVariables() {
  static const std::vector<std::string> kNames = {"ten_cong_dan", "ma_ho_so", "ten_can_bo",
                                                  "ten_co_quan"};
  return kNames;
}

// The variables of `body` that are not in CannedVariables(), each once, in order of appearance.
std::vector<std::string> UnknownVariables(std::string_view body);

struct Rendered {
  std::string text;
  std::vector<std::string> unfilled;  // known variables with no value here; left as "{name}"
};

// Replaces each variable that has a non-empty value in `values`; the others stay as written so
// the officer sees what is missing before sending.
Rendered RenderCanned(std::string_view body, const std::map<std::string, std::string>& values);

}  // namespace gw::gateway::inbox
