// Tests of Standard Webhooks signing against the spec's published example.
#include "backends/webhook_signature.hpp"

#include <doctest/doctest.h>

namespace gw::backends {
namespace {

// The example of the Standard Webhooks reference libraries.
constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::int64_t kTs = 1614265330;
constexpr const char* kBody = R"({"test": 2432232314})";
constexpr const char* kSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

core::TimePoint At(std::int64_t s) {
  return core::TimePoint(std::chrono::seconds(s));
}

TEST_CASE("signatures match the Standard Webhooks example") {
  auto key = ParseWebhookSecret(kSecret);
  REQUIRE(key);
  CHECK(WebhookSignature(*key, kId, kTs, kBody) == kSignature);
}

TEST_CASE("verification") {
  auto key = *ParseWebhookSecret(kSecret);
  const auto five_min = std::chrono::seconds(300);
  SUBCASE("valid") {
    CHECK(VerifyWebhook(key, kId, "1614265330", kBody, kSignature, At(kTs + 10), five_min).ok());
  }
  SUBCASE("one of several signatures (rotation)") {
    std::string header = std::string("v1,AAAA ") + kSignature;
    CHECK(VerifyWebhook(key, kId, "1614265330", kBody, header, At(kTs), five_min).ok());
  }
  SUBCASE("changed body") {
    auto st =
        VerifyWebhook(key, kId, "1614265330", R"({"test": 1})", kSignature, At(kTs), five_min);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == core::ErrorCode::kUnauthorized);
    CHECK(st.error().message == "webhook-signature does not match");
  }
  SUBCASE("stale timestamp") {
    auto st = VerifyWebhook(key, kId, "1614265330", kBody, kSignature, At(kTs + 301), five_min);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message == "webhook-timestamp is outside the tolerance window");
  }
  SUBCASE("missing header") {
    CHECK_FALSE(VerifyWebhook(key, "", "1614265330", kBody, kSignature, At(kTs), five_min).ok());
  }
  SUBCASE("timestamp not a number") {
    CHECK_FALSE(VerifyWebhook(key, kId, "16142x", kBody, kSignature, At(kTs), five_min).ok());
  }
}

TEST_CASE("base64 and secrets") {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    auto back = Base64Decode(Base64Encode(s));
    REQUIRE(back);
    CHECK(*back == s);
  }
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK_FALSE(Base64Decode("Zm9"));
  CHECK_FALSE(Base64Decode("Zm=v"));
  CHECK_FALSE(Base64Decode("Zm9v!A=="));
  CHECK_FALSE(ParseWebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
  CHECK_FALSE(ParseWebhookSecret("whsec_"));
  CHECK(RandomId("evt_").size() == 4 + 32);
  CHECK(RandomId("evt_") != RandomId("evt_"));
}

}  // namespace
}  // namespace gw::backends
