// Nice values are per thread: setting one leaves the others alone.
#include "core/thread_priority.hpp"

#include <doctest/doctest.h>
#include <linux/capability.h>
#include <sys/resource.h>

#include <thread>

#include "tests/support/capabilities.hpp"

TEST_CASE("a thread's nice value changes that thread only") {
  const int before = gw::core::ThisThreadNice();
  int inside = 100;
  std::thread t([&] {
    // Lowering a priority is always allowed; raising it needs a privilege the tests may lack.
    REQUIRE(gw::core::SetThisThreadNice(before + 3).ok());
    inside = gw::core::ThisThreadNice();
  });
  t.join();
  CHECK(inside == before + 3);
  CHECK(gw::core::ThisThreadNice() == before);
}

TEST_CASE("raising a priority without the privilege is refused with the reason") {
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_NICE, &saved) == 0);
  rlimit none{0, saved.rlim_max};  // no nice limit that would allow it either
  REQUIRE(setrlimit(RLIMIT_NICE, &none) == 0);
  std::thread t([] {
    REQUIRE(gw::testing::DropCapabilityForThisThread(CAP_SYS_NICE));
    REQUIRE(gw::core::SetThisThreadNice(5).ok());
    const gw::core::Status raised = gw::core::SetThisThreadNice(-10);
    REQUIRE_FALSE(raised.ok());
    CHECK(raised.error().code == gw::core::ErrorCode::kUnavailable);
    CHECK(raised.error().message == "cannot set this thread's nice value to -10");
    CHECK(raised.error().detail.find("CAP_SYS_NICE") != std::string::npos);
    CHECK(gw::core::ThisThreadNice() == 5);  // unchanged
  });
  t.join();
  setrlimit(RLIMIT_NICE, &saved);
}
