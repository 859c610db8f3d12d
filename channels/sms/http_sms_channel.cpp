// Outbound SMS through a brandname provider's HTTP API described in config.
#include "channels/sms/http_sms_channel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "core/mask.hpp"
#include "net/url.hpp"

namespace gw::channels::sms {
namespace {

std::string JsonEscape(std::string_view s) {
  std::string quoted =
      nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

const std::string* Lookup(const TemplateValues& v, std::string_view name) {
  if (name == "to") return &v.to;
  if (name == "text") return &v.text;
  if (name == "brandname") return &v.brandname;
  if (name == "id") return &v.id;
  if (name == "unicode") return &v.unicode;
  if (name == "parts") return &v.parts;
  return nullptr;
}

bool UsesId(std::string_view tmpl) {
  return tmpl.find("{id}") != std::string_view::npos;
}

// A JSON scalar as the string the config lists: "0" for 0 and "0", "true" for true.
std::optional<std::string> ScalarText(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number() || j.is_boolean()) return j.dump();
  return std::nullopt;
}

bool Contains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

std::string RenderTemplate(std::string_view tmpl, const TemplateValues& values,
                           TemplateEscape escape) {
  std::string out;
  out.reserve(tmpl.size() + values.text.size());
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      std::size_t j = i + 1;
      while (j < tmpl.size() && ((tmpl[j] >= 'a' && tmpl[j] <= 'z') || tmpl[j] == '_')) ++j;
      if (j > i + 1 && j < tmpl.size() && tmpl[j] == '}') {
        if (const std::string* v = Lookup(values, tmpl.substr(i + 1, j - i - 1))) {
          switch (escape) {
            case TemplateEscape::kNone:
              out += *v;
              break;
            case TemplateEscape::kPercent:
              out += net::PercentEncode(*v);
              break;
            case TemplateEscape::kJson:
              out += JsonEscape(*v);
              break;
          }
          i = j;
          continue;
        }
      }
    }
    out.push_back(tmpl[i]);
  }
  return out;
}

std::variant<net::HttpRequest, core::SendResult> BuildProviderRequest(
    const HttpSmsConfig& config, const PreparedSms& sms, std::string_view idempotency_key) {
  auto malformed = [](std::string detail) {
    core::SendResult r;
    r.outcome = core::SendOutcome::kMalformed;
    r.detail = std::move(detail);
    r.safe_text = "internal error";
    return r;
  };
  bool id_used = UsesId(config.url) || UsesId(config.body);
  for (const auto& [name, value] : config.headers) id_used |= UsesId(value);
  if (id_used && idempotency_key.empty()) {
    return malformed("no idempotency key, but the provider request uses {id}");
  }
  TemplateValues v{sms.to,
                   sms.text,
                   config.brandname,
                   std::string(idempotency_key),
                   sms.segments.coding == SmsCoding::kUcs2 ? "1" : "0",
                   std::to_string(sms.segments.parts)};
  net::HttpRequest req;
  req.method = config.method;
  req.url = RenderTemplate(config.url, v, TemplateEscape::kPercent);
  bool has_content_type = false;
  for (const auto& [name, value] : config.headers) {
    std::string rendered = RenderTemplate(value, v, TemplateEscape::kNone);
    if (rendered.find_first_of("\r\n") != std::string::npos) {
      return malformed(fmt::format("header {} would contain a line break", name));
    }
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    has_content_type |= lower == "content-type";
    req.headers.emplace_back(name, std::move(rendered));
  }
  if (!config.body.empty()) {
    bool json = config.format == BodyFormat::kJson;
    req.body =
        RenderTemplate(config.body, v, json ? TemplateEscape::kJson : TemplateEscape::kPercent);
    if (!has_content_type) {
      req.headers.emplace_back("Content-Type", json ? "application/json; charset=utf-8"
                                                    : "application/x-www-form-urlencoded");
    }
  }
  return req;
}

core::SendResult MapProviderReply(const HttpSmsConfig& config, const net::HttpResult& result,
                                  core::TimePoint now, std::string_view idempotency_key) {
  core::SendResult out = common::MapHttpOutcome(result, now);
  if (result.error != net::TransportError::kNone) return out;
  const long status = result.response.status;
  if (status == 401 || status == 403) {
    out.outcome = core::SendOutcome::kMalformed;
    out.detail += "; check the provider credentials in channels.sms.http.request";
    out.safe_text = "SMS provider credentials rejected";
    return out;
  }
  const bool ok_status = out.outcome == core::SendOutcome::kAccepted;
  nlohmann::json body = nlohmann::json::parse(result.response.body, nullptr, false);
  const bool is_json = !body.is_discarded();
  std::optional<std::string> code;
  if (is_json && !config.status_pointer.empty()) {
    nlohmann::json::json_pointer ptr(config.status_pointer);
    if (body.contains(ptr)) code = ScalarText(body.at(ptr));
  }
  if (code) out.provider_code = *code;
  if (!ok_status || config.status_pointer.empty()) {
    if (ok_status) out.provider_message_id = std::string(idempotency_key);
  } else if (!is_json || !code) {
    out.outcome = core::SendOutcome::kRetryable;
    out.provider_code = is_json ? "no_status" : "not_json";
    out.detail = fmt::format("HTTP {} but {} (body: {})", status,
                             is_json ? "no status at " + config.status_pointer : "not JSON",
                             std::string_view(result.response.body).substr(0, 200));
    out.safe_text = "provider answered unclearly, will retry";
    return out;
  } else if (Contains(config.accepted, *code)) {
    out.outcome = core::SendOutcome::kAccepted;
    out.provider_message_id = std::string(idempotency_key);
  } else if (Contains(config.retryable, *code)) {
    out.outcome = core::SendOutcome::kRetryable;
    out.detail = fmt::format("provider status {} (retryable)", *code);
    out.safe_text = "provider busy, will retry";
    return out;
  } else {
    out.outcome = core::SendOutcome::kRejected;
    out.detail = fmt::format("provider status {}{}", *code,
                             Contains(config.rejected, *code) ? "" : " (not a listed value)");
    out.safe_text = "provider refused the message";
    return out;
  }
  if (ok_status && is_json && !config.message_id_pointer.empty()) {
    nlohmann::json::json_pointer ptr(config.message_id_pointer);
    if (body.contains(ptr)) {
      if (auto id = ScalarText(body.at(ptr)); id && !id->empty()) out.provider_message_id = *id;
    }
  }
  return out;
}

HttpSmsChannel::HttpSmsChannel(HttpSmsConfig config, const core::Clock& clock)
    : config_(std::move(config)),
      clock_(clock),
      http_(common::ProviderHttpOptions(config_, 1 << 20)) {}

core::SendResult HttpSmsChannel::Send(const core::OutboundMessage& message) {
  SmsLimits limits{config_.fold_diacritics, config_.max_parts, "channels.sms.http.max_parts",
                   config_.number_format};
  auto prepared = PrepareSms(message, limits);
  core::SendResult out;
  std::string to = core::MaskPhone(message.to.address);
  if (auto* refusal = std::get_if<core::SendResult>(&prepared)) {
    out = *refusal;
  } else {
    auto request =
        BuildProviderRequest(config_, std::get<PreparedSms>(prepared), message.idempotency_key);
    if (auto* bad = std::get_if<core::SendResult>(&request)) {
      out = *bad;
    } else {
      out = MapProviderReply(config_, http_.Perform(std::get<net::HttpRequest>(request)),
                             clock_.Now(), message.idempotency_key);
    }
  }
  if (out.outcome == core::SendOutcome::kAccepted) {
    log_.Info("sms accepted by provider", {{"to", to},
                                           {"delivery_id", message.idempotency_key},
                                           {"provider_id", out.provider_message_id}});
  } else {
    log_.Warn("sms not accepted by provider", {{"to", to},
                                               {"delivery_id", message.idempotency_key},
                                               {"code", out.provider_code},
                                               {"detail", out.detail}});
  }
  return out;
}

}  // namespace gw::channels::sms
