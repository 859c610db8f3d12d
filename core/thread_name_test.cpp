// Thread names as the kernel keeps them.
#include "core/thread_name.hpp"

#include <doctest/doctest.h>
#include <pthread.h>

#include <string>
#include <thread>

namespace {

std::string NameOf(std::string_view wanted) {
  std::string seen;
  std::thread t([&] {
    gw::core::NameThisThread(wanted);
    char buf[32] = {};
    REQUIRE(pthread_getname_np(pthread_self(), buf, sizeof buf) == 0);
    seen = buf;
  });
  t.join();
  return seen;
}

}  // namespace

TEST_CASE("StartNamedThread runs its body under its name") {
  std::string seen;
  auto t = gw::core::StartNamedThread("dispatcher", [&seen] {
    char buf[32] = {};
    REQUIRE(pthread_getname_np(pthread_self(), buf, sizeof buf) == 0);
    seen = buf;
  });
  t.join();
  CHECK(seen == "dispatcher");
}

TEST_CASE("a thread is named, and a name past Linux's 15 bytes is cut there") {
  CHECK(NameOf("store-writer") == "store-writer");
  CHECK(NameOf("a-name-longer-than-fifteen") == "a-name-longer-t");
  CHECK(NameOf("") == "");
}
