// The officers' optional second factor: TOTP (RFC 6238 over RFC 4226's HOTP; HMAC-SHA1, 30-second
// steps, 6 digits, one step of clock drift either way) and the sealing of its secret at rest
// (libsodium crypto_secretbox under a key from config). Pure functions apart from the random
// secret; InitCrypto() (auth.hpp) must have run.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace gw::gateway::inbox {

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
// Steps accepted either side of the current one (RFC 6238 §5.2 recommends at most one).
inline constexpr int kTotpWindow = 1;

// RFC 4226 HOTP: HMAC-SHA1(key, counter), dynamic truncation, `digits` decimal digits (6..8).
std::string Hotp(std::string_view key, std::uint64_t counter, int digits = kTotpDigits);
// The RFC 6238 time step of `t`: floor(Unix seconds / 30).
std::int64_t TotpStep(core::TimePoint t);
// The step within ±kTotpWindow of `now` whose code is `code`, if any. Only steps after
// `last_used_step` count, so a code (and any older one) cannot be used twice. Compares in
// constant time; a code that is not exactly 6 ASCII digits never matches.
std::optional<std::int64_t> VerifyTotp(std::string_view key, std::string_view code,
                                       core::TimePoint now,
                                       std::optional<std::int64_t> last_used_step);

// RFC 4648 base32 without padding (what authenticator apps expect in otpauth:// URIs).
std::string Base32Encode(std::string_view bytes);
// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30 with
// issuer and account percent-encoded (Key Uri Format of Google Authenticator).
std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view secret_base32);
// A fresh 160-bit secret (RFC 4226 §4 recommends 160 bits), as raw bytes.
std::string NewTotpSecret();

// Seals and opens secrets with crypto_secretbox (XSalsa20-Poly1305) under a 32-byte key. The sealed
// form is "v1:" + base64(nonce ‖ box), a random nonce each time. Opening fails on any other key or
// any change to the text, so a copied database without the key yields no secret.
class SecretBox {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  // nullopt unless `base64` (standard alphabet, padded) decodes to exactly 32 bytes.
  static std::optional<SecretBox> FromBase64Key(std::string_view base64);

  std::string Seal(std::string_view plain) const;
  std::optional<std::string> Open(std::string_view sealed) const;

 private:
  std::array<unsigned char, kKeyBytes> key_{};
};

}  // namespace gw::gateway::inbox
