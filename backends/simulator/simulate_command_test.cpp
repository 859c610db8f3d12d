// Tests of `caunoi simulate-backend` flag parsing.
#include "backends/simulator/simulate_command.hpp"

#include <doctest/doctest.h>

namespace gw::backends::sim {
namespace {

const char* NoEnv(const char*) {
  return nullptr;
}

TEST_CASE("simulate-backend flags") {
  auto o = SimulateBackendOptions({}, &NoEnv);
  REQUIRE(o.ok());
  CHECK(o->port == 8090);
  CHECK(o->seed_demo);
  CHECK(o->unit_codes == std::vector<std::string>{"000.00.12.H29"});
  CHECK(o->tick_interval == std::chrono::seconds(1));

  o = SimulateBackendOptions({{"--port", "0"},
                              {"--unit-code", "000.00.12.H29,000.20.31.H29"},
                              {"--push-url", "http://127.0.0.1:8080"},
                              {"--tick", "250ms"},
                              {"--no-seed", "1"}},
                             [](const char* name) -> const char* {
                               return std::string_view(name) == "CAUNOI_SIM_PUSH_SECRET"
                                          ? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                                          : nullptr;
                             });
  REQUIRE(o.ok());
  CHECK(o->port == 0);
  CHECK(o->unit_codes.size() == 2);
  CHECK(o->push_secret == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  CHECK(o->tick_interval == std::chrono::milliseconds(250));
  CHECK_FALSE(o->seed_demo);

  auto error = [](std::map<std::string, std::string> opts) {
    auto r = SimulateBackendOptions(opts, &NoEnv);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
  };
  CHECK(error({{"--port", "80x"}}) == "--port: expected an integer 0..65535");
  CHECK(error({{"--unit-code", "H29"}}) == "--unit-code: \"H29\" is not a unit code");
  CHECK(error({{"--push-url", "http://x"}}) ==
        "--push-url needs --push-secret (or $CAUNOI_SIM_PUSH_SECRET)");
  CHECK(error({{"--hmac-secret", "secret"}}) ==
        "--hmac-secret: expected whsec_ followed by base64");
  CHECK(error({{"--tick", "1ms"}}) == "--tick: expected a duration of at least 10ms");
}

}  // namespace
}  // namespace gw::backends::sim
