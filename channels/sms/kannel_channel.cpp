// Outbound SMS through Kannel's sendsms interface.
#include "channels/sms/kannel_channel.hpp"

#include <fmt/format.h>

#include "core/mask.hpp"
#include "net/url.hpp"

namespace gw::channels::sms {
namespace {

// Kannel writes "%%" as "%" when it expands a dlr-url, and reads any other %x as a placeholder.
std::string EscapeForKannelPattern(std::string_view s) {
  std::string out;
  for (char c : s) {
    out.push_back(c);
    if (c == '%') out.push_back('%');
  }
  return out;
}

std::string_view TrimBody(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string BuildDlrUrl(const KannelConfig& config, std::string_view delivery_id) {
  std::string url = config.dlr_url;
  url.push_back(url.find('?') == std::string::npos ? '?' : '&');
  url += "secret=" + config.webhook.secret;
  url += "&id=" + EscapeForKannelPattern(net::PercentEncode(delivery_id));
  url += "&status=%d&smsc=%i&answer=%A&ts=%T";
  return url;
}

std::variant<SendSmsCall, core::SendResult> PrepareSendSms(const KannelConfig& config,
                                                           const core::OutboundMessage& message) {
  SmsLimits limits{config.fold_diacritics, config.max_messages, "channels.sms.kannel.max_messages",
                   config.number_format};
  auto prepared = PrepareSms(message, limits);
  if (auto* refusal = std::get_if<core::SendResult>(&prepared)) return *refusal;
  SendSmsCall call;
  call.sms = std::get<PreparedSms>(std::move(prepared));
  if (!config.dlr_url.empty() && message.idempotency_key.empty()) {
    core::SendResult r;
    r.outcome = core::SendOutcome::kMalformed;
    r.detail = "no idempotency key: delivery reports could not be matched to the message";
    r.safe_text = "internal error";
    return r;
  }
  std::vector<std::pair<std::string, std::string>> q = {
      {"username", config.username},
      {"password", config.password},
      {"from", config.from},
      {"to", call.sms.to},
      {"text", call.sms.text},
      {"charset", "UTF-8"},
      {"coding", call.sms.segments.coding == SmsCoding::kUcs2 ? "2" : "0"},
  };
  if (!config.smsc_id.empty()) q.emplace_back("smsc", config.smsc_id);
  if (!config.dlr_url.empty()) {
    q.emplace_back("dlr-mask", std::to_string(kKannelDlrMask));
    q.emplace_back("dlr-url", BuildDlrUrl(config, message.idempotency_key));
  }
  call.url = config.SendSmsUrl() + "?" + net::BuildQuery(q);
  return call;
}

core::SendResult MapSendSmsReply(const net::HttpResult& result, core::TimePoint now) {
  core::SendResult out = common::MapHttpOutcome(result, now);
  if (result.error != net::TransportError::kNone) return out;
  const long status = result.response.status;
  std::string_view body = TrimBody(result.response.body);
  out.detail = fmt::format("Kannel answered {} \"{}\"", status, body.substr(0, 200));
  if (out.outcome == core::SendOutcome::kAccepted) {
    if (body.starts_with("3:")) out.detail += " (queued: no SMSC connected yet)";
    return out;
  }
  if (status == 400) {
    out.outcome = core::SendOutcome::kMalformed;
    out.safe_text = "SMS gateway refused the request";
  } else if ((status == 401 || status == 403) && body.find("Authorization failed") != body.npos) {
    out.outcome = core::SendOutcome::kMalformed;
    out.detail += "; check channels.sms.kannel.username/password against the sendsms-user group";
    out.safe_text = "SMS gateway credentials rejected";
  }
  return out;
}

KannelChannel::KannelChannel(KannelConfig config, const core::Clock& clock)
    : config_(std::move(config)),
      clock_(clock),
      http_(common::ProviderHttpOptions(config_, 1 << 16)) {}

core::SendResult KannelChannel::Send(const core::OutboundMessage& message) {
  auto prepared = PrepareSendSms(config_, message);
  if (auto* refusal = std::get_if<core::SendResult>(&prepared)) {
    log_.Warn("sms refused before sending", {{"to", core::MaskPhone(message.to.address)},
                                             {"outcome", "refused"},
                                             {"detail", refusal->detail}});
    return *refusal;
  }
  const auto& call = std::get<SendSmsCall>(prepared);
  net::HttpRequest request;
  request.method = "GET";
  request.url = call.url;
  core::SendResult out = MapSendSmsReply(http_.Perform(request), clock_.Now());
  if (out.outcome == core::SendOutcome::kAccepted) {
    out.provider_message_id = message.idempotency_key;
    log_.Info("sms accepted by kannel",
              {{"to", core::MaskPhone(call.sms.to)},
               {"delivery_id", message.idempotency_key},
               {"parts", std::to_string(call.sms.segments.parts)},
               {"coding", call.sms.segments.coding == SmsCoding::kUcs2 ? "ucs2" : "gsm7"}});
  } else {
    log_.Warn("sms not accepted by kannel", {{"to", core::MaskPhone(call.sms.to)},
                                             {"delivery_id", message.idempotency_key},
                                             {"code", out.provider_code},
                                             {"detail", out.detail}});
  }
  return out;
}

}  // namespace gw::channels::sms
