// Helpers shared by the routing tests: the shipped catalogue files and local Vietnam times.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "routing/civil_date.hpp"

#ifndef GW_SOURCE_DIR
#error "GW_SOURCE_DIR must name the source tree, e.g. -DGW_SOURCE_DIR=\"/work/main\""
#endif

namespace gw::routing::testing {

// A file of the source tree ("config/catalog/procedures.json"); empty when it cannot be read.
inline std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(GW_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The instant of a Vietnam local time.
inline core::TimePoint VnTime(int y, int m, int d, int hour, int minute) {
  return LocalTime(Date{y, m, d}, hour * 60 + minute);
}

}  // namespace gw::routing::testing
