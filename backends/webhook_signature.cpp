// Standard Webhooks signatures over OpenSSL's HMAC and base64.
#include "backends/webhook_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>

namespace gw::backends {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int Sextet(char c) {
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string Base64Encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned v =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view in) {
  if (in.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(in.size() / 4 * 3);
  for (std::size_t i = 0; i < in.size(); i += 4) {
    int a = Sextet(in[i]), b = Sextet(in[i + 1]);
    bool last = i + 4 == in.size();
    bool pad2 = last && in[i + 2] == '=' && in[i + 3] == '=';
    bool pad1 = last && !pad2 && in[i + 3] == '=';
    int c = pad2 ? 0 : Sextet(in[i + 2]);
    int d = (pad1 || pad2) ? 0 : Sextet(in[i + 3]);
    if (a < 0 || b < 0 || c < 0 || d < 0) return std::nullopt;
    unsigned v = (a << 18) | (b << 12) | (c << 6) | d;
    out += static_cast<char>((v >> 16) & 0xff);
    if (!pad2) out += static_cast<char>((v >> 8) & 0xff);
    if (!pad1 && !pad2) out += static_cast<char>(v & 0xff);
  }
  return out;
}

std::optional<std::string> ParseWebhookSecret(std::string_view secret) {
  constexpr std::string_view kPrefix = "whsec_";
  if (!secret.starts_with(kPrefix)) return std::nullopt;
  auto key = Base64Decode(secret.substr(kPrefix.size()));
  if (!key || key->empty()) return std::nullopt;
  return key;
}

std::string WebhookSignature(std::string_view key, std::string_view id, std::int64_t timestamp_s,
                             std::string_view body) {
  std::string content;
  content.reserve(id.size() + body.size() + 24);
  content.append(id).append(".").append(std::to_string(timestamp_s)).append(".").append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(content.data()), content.size(), mac, &len);
  return "v1," + Base64Encode(std::string_view(reinterpret_cast<const char*>(mac), len));
}

core::Status VerifyWebhook(std::string_view key, std::string_view id, std::string_view timestamp,
                           std::string_view body, std::string_view signature_header,
                           core::TimePoint now, std::chrono::seconds tolerance) {
  auto fail = [](std::string message) {
    return core::MakeError(core::ErrorCode::kUnauthorized, std::move(message));
  };
  if (id.empty() || timestamp.empty() || signature_header.empty()) {
    return fail("missing webhook-id, webhook-timestamp or webhook-signature");
  }
  std::int64_t ts = 0;
  auto [ptr, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), ts);
  if (ec != std::errc() || ptr != timestamp.data() + timestamp.size()) {
    return fail("webhook-timestamp is not an integer");
  }
  auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (ts < now_s - tolerance.count() || ts > now_s + tolerance.count()) {
    return fail("webhook-timestamp is outside the tolerance window");
  }
  const std::string expected = WebhookSignature(key, id, ts, body);
  bool match = false;
  std::size_t start = 0;
  while (start <= signature_header.size()) {
    auto end = signature_header.find(' ', start);
    if (end == std::string_view::npos) end = signature_header.size();
    std::string_view candidate = signature_header.substr(start, end - start);
    // Every candidate is compared, matching or not, so the time does not tell which one matched.
    if (candidate.size() == expected.size() &&
        CRYPTO_memcmp(candidate.data(), expected.data(), expected.size()) == 0) {
      match = true;
    }
    start = end + 1;
  }
  if (!match) return fail("webhook-signature does not match");
  return core::Ok{};
}

std::string RandomId(std::string_view prefix) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // The OpenSSL RNG failing means the process cannot make any secret; ids must stay unique.
    throw std::runtime_error("RAND_bytes failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(prefix);
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace gw::backends
