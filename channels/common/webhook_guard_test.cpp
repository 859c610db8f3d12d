// Tests of the address allow-list and the webhook secret check.
#include "channels/common/webhook_guard.hpp"

#include <doctest/doctest.h>

namespace common = gw::channels::common;
using gw::core::ErrorCode;

TEST_CASE("allow-list entries: addresses and CIDR blocks, with exact errors") {
  common::AddressAllowList list;
  CHECK_FALSE(list.Add("127.0.0.1").has_value());
  CHECK_FALSE(list.Add("10.8.0.0/16").has_value());
  CHECK_FALSE(list.Add("fd00::/8").has_value());
  CHECK_FALSE(list.Add("::1").has_value());
  CHECK(list.Add("10.0.0.1/8") == "\"10.0.0.1/8\" has bits set after the prefix length");
  CHECK(list.Add("10.0.0.0/33") == "prefix length must be 0..32, got \"10.0.0.0/33\"");
  CHECK(list.Add("localhost") ==
        "expected an IP address or a CIDR block like 10.0.0.0/8, got \"localhost\"");
  CHECK(list.Add("10.0.0.0/") ==
        "expected an IP address or a CIDR block like 10.0.0.0/8, got \"10.0.0.0/\"");

  SUBCASE("matching") {
    CHECK(list.Allows("127.0.0.1"));
    CHECK(list.Allows("::ffff:127.0.0.1"));  // dual-stack sockets report IPv4 peers this way
    CHECK(list.Allows("10.8.255.1"));
    CHECK_FALSE(list.Allows("10.9.0.1"));
    CHECK(list.Allows("fd12:3456::1"));
    CHECK(list.Allows("::1"));
    CHECK_FALSE(list.Allows("::2"));
    CHECK_FALSE(list.Allows("127.0.0.2"));
    CHECK_FALSE(list.Allows("not an address"));
    CHECK_FALSE(list.Allows(""));
  }
}

TEST_CASE("a /0 block admits every address of its family") {
  common::AddressAllowList list;
  REQUIRE_FALSE(list.Add("0.0.0.0/0").has_value());
  CHECK(list.Allows("203.0.113.9"));
  CHECK_FALSE(list.Allows("2001:db8::1"));
  CHECK_FALSE(common::AddressAllowList().Allows("127.0.0.1"));  // empty admits nobody
}

TEST_CASE("webhook check: address first, then the secret") {
  common::WebhookGuard guard;
  guard.secret = "s3cret-s3cret-s3cret";
  REQUIRE_FALSE(guard.allow_from.Add("127.0.0.1").has_value());
  CHECK(common::CheckWebhook(guard, "127.0.0.1", "s3cret-s3cret-s3cret").ok());
  CHECK(common::CheckWebhook(guard, "10.0.0.1", "s3cret-s3cret-s3cret").error().code ==
        ErrorCode::kForbidden);
  CHECK(common::CheckWebhook(guard, "127.0.0.1", std::nullopt).error().message == "missing secret");
  CHECK(common::CheckWebhook(guard, "127.0.0.1", "s3cret-s3cret-s3creX").error().message ==
        "wrong secret");
  CHECK(common::CheckWebhook(guard, "127.0.0.1", "").error().code == ErrorCode::kUnauthorized);
  guard.secret.clear();  // an unset secret never matches, not even an empty one
  CHECK_FALSE(common::CheckWebhook(guard, "127.0.0.1", "").ok());
}
