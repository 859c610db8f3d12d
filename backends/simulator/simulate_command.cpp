// `caunoi simulate-backend`: flags to Options, then serve until a stop signal.
#include "backends/simulator/simulate_command.hpp"

#include <fmt/format.h>
#include <signal.h>

#include <cstdlib>

#include "backends/dossier_code.hpp"
#include "backends/webhook_signature.hpp"
#include "core/config_reader.hpp"

namespace gw::backends::sim {

const char* const kSimulateBackendHelp =
    R"(Usage: caunoi simulate-backend [--port N] [--listen ADDR] [--unit-code CODE[,CODE...]]
                               [--push-url URL --push-secret whsec_...] [--state FILE]
                               [--token TOKEN | --hmac-secret whsec_...] [--tick 1s] [--no-seed]

Runs a simulated one-stop system (Hệ thống thông tin giải quyết TTHC) that implements the backend
contract of docs/BACKEND_API.md at http://ADDR:N/api/v1. It issues dossier codes
<unit code>-YYMMDD-NNNN, walks each dossier through its lifecycle (NĐ 118/2025, TT 03/2025) and
pushes every status change, signed per Standard Webhooks, to URL/api/v1/notifications.
Demo dossiers such as 000.00.12.H29-241023-0001 are there to look up (unless --no-seed).
  --port N             port (default 8090; 0 picks a free one)
  --listen ADDR        address (default 127.0.0.1)
  --unit-code CODES    unit codes received for, comma-separated (default 000.00.12.H29)
  --push-url URL       the gateway's base URL for status pushes (none if absent)
  --push-secret S      whsec_ secret for the pushes (or $CAUNOI_SIM_PUSH_SECRET)
  --state FILE         keep dossiers in FILE across restarts (default: memory only)
  --token TOKEN        require "Authorization: Bearer TOKEN" (or $CAUNOI_SIM_TOKEN)
  --hmac-secret S      require Standard Webhooks signed requests (or $CAUNOI_SIM_HMAC_SECRET)
  --tick D             how often lifecycles advance and pushes go out (default 1s)
  --no-seed            start without the demo dossiers
Test controls: POST /_sim/mode {"mode":"slow","delay_ms":3000}, POST /_sim/tick,
POST /_sim/dossiers/CODE/transition {"status":"result_ready"}.
)";

const std::vector<std::string> kSimulateBackendFlags = {
    "--port",  "--listen", "--unit-code",   "--push-url", "--push-secret",
    "--state", "--token",  "--hmac-secret", "--tick"};
const std::vector<std::string> kSimulateBackendSwitches = {"--no-seed"};

namespace {

core::Error Bad(const std::string& message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, message);
}

std::string Opt(const std::map<std::string, std::string>& opts, const std::string& name,
                const std::function<const char*(const char*)>& getenv_fn, const char* env) {
  if (auto it = opts.find(name); it != opts.end()) return it->second;
  if (env != nullptr) {
    if (const char* v = getenv_fn(env)) return v;
  }
  return {};
}

}  // namespace

core::Result<Options> SimulateBackendOptions(
    const std::map<std::string, std::string>& opts,
    const std::function<const char*(const char*)>& getenv_fn) {
  Options o;
  o.port = 8090;
  o.seed_demo = !opts.contains("--no-seed");
  o.tick_interval = std::chrono::seconds(1);
  if (auto it = opts.find("--port"); it != opts.end()) {
    try {
      std::size_t used = 0;
      o.port = std::stoi(it->second, &used);
      if (used != it->second.size() || o.port < 0 || o.port > 65535) throw std::out_of_range("");
    } catch (...) {
      return Bad("--port: expected an integer 0..65535");
    }
  }
  if (auto it = opts.find("--listen"); it != opts.end()) o.listen = it->second;
  if (auto it = opts.find("--unit-code"); it != opts.end()) {
    o.unit_codes.clear();
    std::string list = it->second;
    for (std::size_t start = 0; start <= list.size();) {
      auto comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string code = list.substr(start, comma - start);
      if (!IsUnitCode(code)) return Bad("--unit-code: \"" + code + "\" is not a unit code");
      o.unit_codes.push_back(code);
      start = comma + 1;
    }
  }
  o.push_url = Opt(opts, "--push-url", getenv_fn, nullptr);
  o.push_secret = Opt(opts, "--push-secret", getenv_fn, "CAUNOI_SIM_PUSH_SECRET");
  if (!o.push_url.empty() && o.push_secret.empty()) {
    return Bad("--push-url needs --push-secret (or $CAUNOI_SIM_PUSH_SECRET)");
  }
  if (!o.push_secret.empty() && !ParseWebhookSecret(o.push_secret)) {
    return Bad("--push-secret: expected whsec_ followed by base64");
  }
  o.state_file = Opt(opts, "--state", getenv_fn, nullptr);
  o.bearer_token = Opt(opts, "--token", getenv_fn, "CAUNOI_SIM_TOKEN");
  o.hmac_secret = Opt(opts, "--hmac-secret", getenv_fn, "CAUNOI_SIM_HMAC_SECRET");
  if (!o.hmac_secret.empty() && !ParseWebhookSecret(o.hmac_secret)) {
    return Bad("--hmac-secret: expected whsec_ followed by base64");
  }
  if (auto it = opts.find("--tick"); it != opts.end()) {
    auto d = core::ParseDuration(it->second);
    if (!d || d->count() < 10) return Bad("--tick: expected a duration of at least 10ms");
    o.tick_interval = *d;
  }
  return o;
}

int RunSimulateBackendCommand(const std::map<std::string, std::string>& opts,
                              const std::vector<std::string>& args) {
  if (!args.empty()) {
    fmt::print(stderr, "caunoi: simulate-backend takes no arguments; see --help\n");
    return 2;
  }
  auto options = SimulateBackendOptions(opts, [](const char* n) { return std::getenv(n); });
  if (!options.ok()) {
    fmt::print(stderr, "caunoi: simulate-backend: {}\n", options.error().message);
    return 2;
  }
  // Signals are taken by this thread with sigwait; the threads started below inherit the mask.
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  core::SystemClock clock;
  Simulator simulator(*options, clock);
  auto port = simulator.Start();
  if (!port.ok()) {
    fmt::print(stderr, "caunoi: simulate-backend: {} {}\n", port.error().message,
               port.error().detail);
    return 1;
  }
  fmt::print("one-stop simulator: {}\n", simulator.base_url());
  fmt::print("  units: {}\n", fmt::join(options->unit_codes, ", "));
  fmt::print("  pushes: {}\n", options->push_url.empty()
                                   ? std::string("off")
                                   : options->push_url + "/api/v1/notifications");
  if (options->seed_demo) {
    fmt::print("  try: curl {}/dossiers/000.00.12.H29-241023-0001\n", simulator.base_url());
  }
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop_signals, &sig);
  simulator.Stop();
  return 0;
}

}  // namespace gw::backends::sim
