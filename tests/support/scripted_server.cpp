// The scripts/servers/*.sh protocol: start in the foreground, a ready line, `stop DIR`.
#include "tests/support/scripted_server.hpp"

#include <algorithm>
#include <filesystem>
#include <utility>

namespace gw::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> StartCommand(const std::string& script,
                                      const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/bin/bash", script, "start"};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

ScriptedServer::ScriptedServer(std::string script, const std::vector<std::string>& start_args,
                               const std::string& stderr_path)
    : script_(std::move(script)),
      ready_(std::filesystem::path(script_).stem().string() + ": ready"),
      supervisor_(StartCommand(script_, start_args), stderr_path, std::chrono::seconds(10)) {}

bool ScriptedServer::WaitReady(std::chrono::milliseconds timeout) {
  return supervisor_.WaitForLine(ready_, timeout).has_value();
}

bool ScriptedServer::Stop(const std::string& dir, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  const bool stopped = RunCommand({"/bin/bash", script_, "stop", dir}, timeout).exit_code == 0;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return supervisor_.Wait(std::max(left, std::chrono::milliseconds(0))) == 0 && stopped;
}

}  // namespace gw::testing
