// Unit tests of password hashing, sessions and login throttling.
#include "gateway/inbox/auth.hpp"

#include <doctest/doctest.h>

namespace gw::gateway::inbox {
namespace {

using namespace std::chrono_literals;

TEST_CASE("argon2id hashes verify only the right password and are salted") {
  REQUIRE(InitCrypto());
  auto h1 = HashPassword("mật khẩu đúng");
  auto h2 = HashPassword("mật khẩu đúng");
  REQUIRE(h1.ok());
  REQUIRE(h2.ok());
  CHECK(h1->starts_with("$argon2id$"));
  CHECK(*h1 != *h2);
  CHECK(VerifyPassword(*h1, "mật khẩu đúng"));
  CHECK_FALSE(VerifyPassword(*h1, "mật khẩu sai"));
  CHECK_FALSE(VerifyPassword("garbage", "mật khẩu đúng"));
}

TEST_CASE("tokens are random hex and compare in constant time") {
  REQUIRE(InitCrypto());
  auto a = RandomToken();
  CHECK(a.size() == 64);
  CHECK(a != RandomToken());
  CHECK(ConstantTimeEquals(a, a));
  CHECK_FALSE(ConstantTimeEquals(a, RandomToken()));
  CHECK_FALSE(ConstantTimeEquals("", ""));  // an absent token never matches an absent header
  CHECK_FALSE(ConstantTimeEquals(a, a.substr(1)));
}

TEST_CASE("sessions get fresh ids and expire") {
  REQUIRE(InitCrypto());
  core::FakeClock clock(core::TimePoint(std::chrono::hours(1000)));
  SessionTable table(clock, 1h);
  Session s;
  s.officer_id = 7;
  const auto id1 = table.Create(s);
  const auto id2 = table.Create(s);
  CHECK(id1 != id2);
  REQUIRE(table.Find(id1));
  CHECK(table.Find(id1)->officer_id == 7);
  CHECK_FALSE(table.Find("not-a-session"));
  table.Remove(id2);
  CHECK_FALSE(table.Find(id2));
  clock.Advance(61min);
  CHECK_FALSE(table.Find(id1));
}

TEST_CASE("login throttle blocks after the limit, doubles, caps and clears on success") {
  core::FakeClock clock(core::TimePoint(std::chrono::hours(1000)));
  LoginThrottle t(clock, ThrottleSettings{3, 10s, 30s});
  for (int i = 0; i < 2; ++i) t.RecordFailure("user:a");
  CHECK(t.RetryAfter("user:a") == 0ms);
  t.RecordFailure("user:a");
  CHECK(t.RetryAfter("user:a") == 10s);
  t.RecordFailure("user:a");
  CHECK(t.RetryAfter("user:a") == 20s);
  t.RecordFailure("user:a");
  CHECK(t.RetryAfter("user:a") == 30s);  // capped
  CHECK(t.RetryAfter("user:b") == 0ms);
  clock.Advance(31s);
  CHECK(t.RetryAfter("user:a") == 0ms);
  t.RecordSuccess("user:a");
  t.RecordFailure("user:a");
  CHECK(t.RetryAfter("user:a") == 0ms);
}

}  // namespace
}  // namespace gw::gateway::inbox
