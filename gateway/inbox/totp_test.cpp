// Unit tests of TOTP against RFC 6238's SHA-1 vectors, the replay rule, base32, the otpauth URI and
// the sealing of secrets.
#include "gateway/inbox/totp.hpp"

#include <doctest/doctest.h>

#include "gateway/inbox/auth.hpp"

namespace gw::gateway::inbox {
namespace {

const std::string kRfcKey = "12345678901234567890";  // RFC 6238 Appendix B, SHA-1 seed

core::TimePoint At(std::int64_t unix_seconds) {
  return core::FromUnixMillis(unix_seconds * 1000);
}

TEST_CASE("RFC 6238 Appendix B test vectors (SHA-1)") {
  struct Vector {
    std::int64_t time;
    const char* totp8;
  };
  const Vector vectors[] = {{59, "94287082"},         {1111111109, "07081804"},
                            {1111111111, "14050471"}, {1234567890, "89005924"},
                            {2000000000, "69279037"}, {20000000000, "65353130"}};
  // The gateway's TimePoint (system_clock, nanoseconds) ends in 2262: the year-2603 vector is
  // checked on its step directly, the others through the clock as well.
  constexpr std::int64_t kLastRepresentable = 9'000'000'000;
  for (const Vector& v : vectors) {
    CAPTURE(v.time);
    const std::int64_t step = v.time / 30;
    CHECK(Hotp(kRfcKey, static_cast<std::uint64_t>(step), 8) == v.totp8);
    // Six digits are the last six of the eight (the same truncated number, mod 10^6).
    const std::string six = std::string(v.totp8).substr(2);
    CHECK(Hotp(kRfcKey, static_cast<std::uint64_t>(step)) == six);
    if (v.time > kLastRepresentable) continue;
    CHECK(TotpStep(At(v.time)) == step);
    CHECK(VerifyTotp(kRfcKey, six, At(v.time), std::nullopt) == step);
  }
}

TEST_CASE("RFC 4226 Appendix D HOTP values") {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t i = 0; i < 10; ++i) CHECK(Hotp(kRfcKey, i) == expected[i]);
}

TEST_CASE("verification: one step of drift either way, never a used step, only six digits") {
  const auto now = At(1111111111);  // step 37037037
  const auto step = TotpStep(now);
  const std::string prev = Hotp(kRfcKey, step - 1), cur = Hotp(kRfcKey, step),
                    next = Hotp(kRfcKey, step + 1), far = Hotp(kRfcKey, step + 2);
  CHECK(VerifyTotp(kRfcKey, prev, now, std::nullopt) == step - 1);
  CHECK(VerifyTotp(kRfcKey, next, now, std::nullopt) == step + 1);
  CHECK_FALSE(VerifyTotp(kRfcKey, far, now, std::nullopt).has_value());
  CHECK_FALSE(VerifyTotp(kRfcKey, Hotp(kRfcKey, step - 2), now, std::nullopt).has_value());
  SUBCASE("replay: the used step and any older one are refused") {
    CHECK_FALSE(VerifyTotp(kRfcKey, cur, now, step).has_value());
    CHECK_FALSE(VerifyTotp(kRfcKey, prev, now, step).has_value());
    CHECK(VerifyTotp(kRfcKey, next, now, step) == step + 1);
    CHECK(VerifyTotp(kRfcKey, cur, now, step - 1) == step);
  }
  SUBCASE("malformed codes never match") {
    CHECK_FALSE(VerifyTotp(kRfcKey, "", now, std::nullopt).has_value());
    CHECK_FALSE(VerifyTotp(kRfcKey, cur.substr(1), now, std::nullopt).has_value());
    CHECK_FALSE(VerifyTotp(kRfcKey, cur + "0", now, std::nullopt).has_value());
    CHECK_FALSE(VerifyTotp(kRfcKey, " " + cur.substr(1), now, std::nullopt).has_value());
    CHECK_FALSE(VerifyTotp(kRfcKey, "12345a", now, std::nullopt).has_value());
  }
  CHECK_FALSE(VerifyTotp("another key 123456789", cur, now, std::nullopt).has_value());
}

TEST_CASE("base32 (RFC 4648 section 10 vectors, unpadded) and the otpauth URI") {
  CHECK(Base32Encode("") == "");
  CHECK(Base32Encode("f") == "MY");
  CHECK(Base32Encode("fo") == "MZXQ");
  CHECK(Base32Encode("foo") == "MZXW6");
  CHECK(Base32Encode("foob") == "MZXW6YQ");
  CHECK(Base32Encode("fooba") == "MZXW6YTB");
  CHECK(Base32Encode("foobar") == "MZXW6YTBOI");
  CHECK(Base32Encode(kRfcKey) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  CHECK(
      TotpUri("Cầu Nối", "can bo", "GEZDGNBV") ==
      "otpauth://totp/C%E1%BA%A7u%20N%E1%BB%91i:can%20bo?secret=GEZDGNBV&issuer=C%E1%BA%A7u%20N%E1"
      "%BB%91i&algorithm=SHA1&digits=6&period=30");
  REQUIRE(InitCrypto());
  const auto a = NewTotpSecret();
  CHECK(a.size() == 20);
  CHECK(a != NewTotpSecret());
  CHECK(Base32Encode(a).size() == 32);
}

TEST_CASE("sealed secrets open only with their key and unchanged") {
  REQUIRE(InitCrypto());
  // 32 bytes: "0123456789abcdef0123456789abcdef".
  const auto box = SecretBox::FromBase64Key("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
  REQUIRE(box.has_value());
  const auto other = SecretBox::FromBase64Key("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=");
  REQUIRE(other.has_value());
  const std::string sealed = box->Seal(kRfcKey);
  CHECK(sealed.starts_with("v1:"));
  CHECK(sealed.find(kRfcKey) == std::string::npos);
  CHECK(sealed != box->Seal(kRfcKey));  // a fresh nonce each time
  CHECK(box->Open(sealed) == kRfcKey);
  CHECK_FALSE(other->Open(sealed).has_value());
  std::string tampered = sealed;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  CHECK_FALSE(box->Open(tampered).has_value());
  CHECK_FALSE(box->Open("v1:").has_value());
  CHECK_FALSE(box->Open(kRfcKey).has_value());
  CHECK_FALSE(box->Open("v1:not base64!").has_value());
  SUBCASE("keys must be base64 of exactly 32 bytes") {
    CHECK_FALSE(SecretBox::FromBase64Key("").has_value());
    CHECK_FALSE(SecretBox::FromBase64Key("c2hvcnQ=").has_value());
    CHECK_FALSE(SecretBox::FromBase64Key("not base64 at all, definitely not!!").has_value());
    CHECK_FALSE(
        SecretBox::FromBase64Key("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMQ==").has_value());
  }
}

}  // namespace
}  // namespace gw::gateway::inbox
