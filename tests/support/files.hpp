// Whole files read and written by tests (configs, logs, what a fake server saved).
#pragma once

#include <string>

namespace gw::testing {

// The file's bytes; empty when it cannot be read.
std::string ReadFile(const std::string& path);
// Replaces the file's content.
void WriteFile(const std::string& path, const std::string& content);

}  // namespace gw::testing
