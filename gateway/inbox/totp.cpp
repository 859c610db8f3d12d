// TOTP codes (OpenSSL's HMAC-SHA1) and sealed secrets (libsodium's secretbox).
#include "gateway/inbox/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace gw::gateway::inbox {
namespace {

constexpr std::string_view kSealedPrefix = "v1:";

std::string ToBase64(const unsigned char* data, std::size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t n = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &n, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(n);
  return out;
}

std::string PercentEncode(std::string_view s) {
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += fmt::format("%{:02X}", ch);
    }
  }
  return out;
}

}  // namespace

std::string Hotp(std::string_view key, std::uint64_t counter, int digits) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg, sizeof msg, mac, &mac_len);
  // RFC 4226 §5.3 dynamic truncation.
  const int offset = mac[mac_len - 1] & 0x0f;
  const std::uint32_t bin = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                            (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                            (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                            static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  return fmt::format("{:0{}}", bin % mod, digits);
}

std::int64_t TotpStep(core::TimePoint t) {
  const std::int64_t ms = core::ToUnixMillis(t);
  const std::int64_t s = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  return s >= 0 ? s / kTotpStepSeconds : (s - kTotpStepSeconds + 1) / kTotpStepSeconds;
}

std::optional<std::int64_t> VerifyTotp(std::string_view key, std::string_view code,
                                       core::TimePoint now,
                                       std::optional<std::int64_t> last_used_step) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  for (char ch : code) {
    if (ch < '0' || ch > '9') return std::nullopt;
  }
  const std::int64_t current = TotpStep(now);
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, matched or not, so timing says nothing about
  // which step (if any) matched.
  for (std::int64_t step = current - kTotpWindow; step <= current + kTotpWindow; ++step) {
    if (step < 0) continue;
    const std::string expected = Hotp(key, static_cast<std::uint64_t>(step));
    const bool equal = sodium_memcmp(expected.data(), code.data(), expected.size()) == 0;
    const bool fresh = !last_used_step || step > *last_used_step;
    if (equal && fresh && !matched) matched = step;
  }
  return matched;
}

std::string Base32Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char ch : bytes) {
    buffer = (buffer << 8) | ch;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 0x1f];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 0x1f];
  return out;
}

std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view secret_base32) {
  const std::string i = PercentEncode(issuer);
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={}&period={}",
                     i, PercentEncode(account), secret_base32, i, kTotpDigits, kTotpStepSeconds);
}

std::string NewTotpSecret() {
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::optional<SecretBox> SecretBox::FromBase64Key(std::string_view base64) {
  if (sodium_init() < 0) return std::nullopt;  // idempotent; config parsing may come first
  auto raw = FromBase64(base64);
  if (!raw || raw->size() != kKeyBytes) return std::nullopt;
  SecretBox box;
  std::copy(raw->begin(), raw->end(), box.key_.begin());
  sodium_memzero(raw->data(), raw->size());
  return box;
}

std::string SecretBox::Seal(std::string_view plain) const {
  std::string buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(buf.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        key_.data());
  return std::string(kSealedPrefix) +
         ToBase64(reinterpret_cast<const unsigned char*>(buf.data()), buf.size());
}

std::optional<std::string> SecretBox::Open(std::string_view sealed) const {
  if (!sealed.starts_with(kSealedPrefix)) return std::nullopt;
  auto raw = FromBase64(sealed.substr(kSealedPrefix.size()));
  if (!raw || raw->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return std::nullopt;
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(raw->data());
  const auto* box = nonce + crypto_secretbox_NONCEBYTES;
  const std::size_t box_len = raw->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(box_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box, box_len,
                                 nonce, key_.data()) != 0) {
    return std::nullopt;
  }
  return plain;
}

}  // namespace gw::gateway::inbox
