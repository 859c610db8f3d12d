// Parsing of Kannel's MO get-url and dlr-url calls.
#include "channels/sms/kannel_mo.hpp"

#include <fmt/format.h>

#include <charconv>
#include <initializer_list>
#include <map>

#include "channels/sms/sms_address.hpp"
#include "channels/sms/sms_text.hpp"
#include "net/url.hpp"

namespace gw::channels::sms {
namespace {

using core::ErrorCode;
using core::MakeError;

// Kannel's query strings are short; anything near this is not Kannel.
constexpr std::size_t kMaxQueryBytes = 32 * 1024;

using Params = std::map<std::string, std::string, std::less<>>;

core::Error Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

// Admits the caller and splits the query into known parameters, each given at most once.
core::Result<Params> Admit(const KannelWebhookCall& call, const common::WebhookGuard& guard,
                           std::initializer_list<std::string_view> known) {
  // The address is checked before anything is parsed, so outsiders learn nothing.
  if (!guard.allow_from.Allows(call.remote_addr)) {
    return MakeError(ErrorCode::kForbidden, "source address not allowed",
                     fmt::format("kannel webhook call from {}", call.remote_addr));
  }
  if (call.query.size() > kMaxQueryBytes) {
    return MakeError(ErrorCode::kPayloadTooLarge,
                     fmt::format("query longer than {} bytes", kMaxQueryBytes));
  }
  auto parsed = net::ParseQuery(call.query);
  if (!parsed.ok()) return parsed.error();
  Params params;
  std::optional<std::string> secret;
  std::optional<core::Error> first_error;  // reported only to a caller with the secret
  for (auto& p : *parsed) {
    if (p.name == "secret") {
      if (secret && !first_error) first_error = Invalid("secret: given more than once");
      if (!secret) secret = std::move(p.value);
      continue;
    }
    bool is_known = false;
    for (auto k : known) is_known |= (k == p.name);
    if (!is_known) {
      std::string name = IsValidUtf8(p.name) ? p.name : "(not UTF-8)";
      if (!first_error) first_error = Invalid(fmt::format("{}: unknown parameter", name));
    } else if (!params.emplace(p.name, std::move(p.value)).second && !first_error) {
      first_error = Invalid(fmt::format("{}: given more than once", p.name));
    }
  }
  if (auto st = common::CheckWebhook(guard, call.remote_addr, secret); !st.ok()) {
    return st.error();
  }
  if (first_error) return *first_error;
  return params;
}

// The query as received without the secret parameter: the message data stays byte for byte,
// the credential does not go into the data-message log.
std::string WithoutSecret(std::string_view query) {
  std::string out;
  for (std::string_view segment : net::QuerySegments(query)) {
    if (segment == "secret" || segment.starts_with("secret=")) continue;
    if (!out.empty()) out.push_back('&');
    out.append(segment);
  }
  return out;
}

const std::string* Find(const Params& params, std::string_view name) {
  auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

core::Result<std::string> Required(const Params& params, std::string_view name,
                                   std::size_t max_len) {
  const std::string* v = Find(params, name);
  if (v == nullptr || v->empty()) return Invalid(fmt::format("{}: required", name));
  if (v->size() > max_len || !IsValidUtf8(*v)) {
    return Invalid(fmt::format("{}: expected at most {} characters of UTF-8", name, max_len));
  }
  return *v;
}

core::Result<std::optional<core::TimePoint>> UnixTime(const Params& params, std::string_view name) {
  const std::string* v = Find(params, name);
  if (v == nullptr || v->empty()) return std::optional<core::TimePoint>();
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), seconds);
  if (ec != std::errc() || ptr != v->data() + v->size() || seconds < 0) {
    return Invalid(fmt::format("{}: expected Unix seconds", name));
  }
  return std::optional<core::TimePoint>(core::TimePoint(std::chrono::seconds(seconds)));
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// The message text from %b by %C (charset) and %c (coding: 0 7-bit, 1 8-bit, 2 UCS-2).
core::Result<std::string> DecodeText(const Params& params) {
  const std::string* raw = Find(params, "text");
  if (raw == nullptr) return Invalid("text: required");
  const std::string* coding_p = Find(params, "coding");
  std::string coding = coding_p ? *coding_p : "0";
  if (coding.empty()) coding = "0";
  if (coding == "1") return Invalid("coding=1: 8-bit binary messages are not text");
  if (coding != "0" && coding != "2") return Invalid("coding: expected 0, 1 or 2");
  const std::string* charset_p = Find(params, "charset");
  std::string charset = Upper(charset_p ? *charset_p : "");
  if (charset.empty()) charset = coding == "2" ? "UTF-16BE" : "UTF-8";

  std::string text;
  if (charset == "UTF-8" || charset == "UTF8") {
    if (!IsValidUtf8(*raw)) return Invalid("text: not valid UTF-8");
    text = *raw;
  } else if (charset == "UTF-16BE" || charset == "UTF-16" || charset == "UCS-2" ||
             charset == "UCS-2BE") {
    auto decoded = Utf16BeToUtf8(*raw);
    if (!decoded) return Invalid("text: not valid UTF-16BE");
    text = std::move(*decoded);
  } else if (charset == "ISO-8859-1" || charset == "LATIN1") {
    text = Latin1ToUtf8(*raw);
  } else {
    std::string shown = IsValidUtf8(charset) ? charset : "(not UTF-8)";
    return Invalid(fmt::format("charset: {} is not supported", shown));
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Invalid("text: empty message");
  }
  return text;
}

}  // namespace

core::Result<core::InboundMessage> ParseKannelMo(const KannelWebhookCall& call,
                                                 const common::WebhookGuard& guard) {
  auto params = Admit(call, guard, {"id", "from", "to", "smsc", "ts", "coding", "charset", "text"});
  if (!params.ok()) return params.error();
  auto id = Required(*params, "id", 128);
  if (!id.ok()) return id.error();
  auto from = Required(*params, "from", 32);
  if (!from.ok()) return from.error();
  auto to = Required(*params, "to", 32);
  if (!to.ok()) return to.error();
  auto sent_at = UnixTime(*params, "ts");
  if (!sent_at.ok()) return sent_at.error();
  auto text = DecodeText(*params);
  if (!text.ok()) return text.error();
  auto e164 = ToE164(*from);
  if (!e164) return Invalid("from: not a phone number");
  const std::string* smsc = Find(*params, "smsc");
  if (smsc != nullptr && (smsc->size() > 64 || !IsValidUtf8(*smsc))) {
    return Invalid("smsc: expected at most 64 characters of UTF-8");
  }

  core::InboundMessage m;
  m.channel = core::ChannelKind::kSms;
  m.provider_message_id = std::move(*id);
  m.sender = std::move(*e164);
  m.receiver = std::move(*to);
  m.origin = fmt::format("kannel smsc={} addr={}", smsc ? *smsc : "", call.remote_addr);
  m.text = std::move(*text);
  m.raw_payload = WithoutSecret(call.query);
  m.content_type = "application/x-www-form-urlencoded";
  m.sent_at = *sent_at;
  m.received_at = call.received_at;
  return m;
}

std::string_view DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kDelivered:
      return "delivered";
    case DeliveryState::kFailed:
      return "failed";
    case DeliveryState::kBuffered:
      return "buffered";
    case DeliveryState::kSmscAccepted:
      return "smsc_accepted";
    case DeliveryState::kSmscRejected:
      return "smsc_rejected";
  }
  return "unknown";
}

bool IsFinal(DeliveryState state) {
  return state == DeliveryState::kDelivered || state == DeliveryState::kFailed ||
         state == DeliveryState::kSmscRejected;
}

core::Result<DeliveryReport> ParseKannelDlr(const KannelWebhookCall& call,
                                            const common::WebhookGuard& guard) {
  auto params = Admit(call, guard, {"id", "status", "smsc", "answer", "ts"});
  if (!params.ok()) return params.error();
  auto id = Required(*params, "id", 256);
  if (!id.ok()) return id.error();
  const std::string* status = Find(*params, "status");
  if (status == nullptr || status->empty()) return Invalid("status: required");
  DeliveryReport r;
  if (*status == "1") {
    r.state = DeliveryState::kDelivered;
  } else if (*status == "2") {
    r.state = DeliveryState::kFailed;
  } else if (*status == "4") {
    r.state = DeliveryState::kBuffered;
  } else if (*status == "8") {
    r.state = DeliveryState::kSmscAccepted;
  } else if (*status == "16") {
    r.state = DeliveryState::kSmscRejected;
  } else {
    return Invalid("status: expected one of 1, 2, 4, 8, 16");
  }
  auto at = UnixTime(*params, "ts");
  if (!at.ok()) return at.error();
  r.delivery_id = std::move(*id);
  if (const std::string* smsc = Find(*params, "smsc")) {
    r.smsc_id = IsValidUtf8(*smsc) ? *smsc : Latin1ToUtf8(*smsc);
  }
  if (const std::string* answer = Find(*params, "answer")) {
    // SMSC answers are meant to be ASCII; keep whatever comes, readable.
    r.smsc_detail = IsValidUtf8(*answer) ? *answer : Latin1ToUtf8(*answer);
  }
  r.reported_at = *at;
  r.raw_query = WithoutSecret(call.query);
  return r;
}

}  // namespace gw::channels::sms
