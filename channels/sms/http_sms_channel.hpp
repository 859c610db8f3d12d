// The generic HTTP SMS provider adapter: one configured request per message to a brandname
// provider's JSON or form API, and the answer mapped by configured status values.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "channels/common/provider_http.hpp"
#include "channels/sms/http_sms_config.hpp"
#include "channels/sms/sms_outbound.hpp"
#include "core/channel.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"

namespace gw::channels::sms {

struct TemplateValues {
  std::string to;
  std::string text;
  std::string brandname;
  std::string id;
  std::string unicode;  // "1" or "0"
  std::string parts;
};

enum class TemplateEscape { kNone, kPercent, kJson };

// Replaces each known placeholder by its value, escaped; everything else is copied.
std::string RenderTemplate(std::string_view tmpl, const TemplateValues& values,
                           TemplateEscape escape);

// The provider request for a prepared message, or kMalformed when the idempotency key cannot
// be used (empty while a template asks for {id}, or a line break for a header). No I/O.
std::variant<net::HttpRequest, core::SendResult> BuildProviderRequest(
    const HttpSmsConfig& config, const PreparedSms& sms, std::string_view idempotency_key);

// HTTP first (MapHttpOutcome; 401/403 are kMalformed: our credentials), then for a 2xx the
// configured status field: accepted / retryable values, anything else kRejected. A 2xx whose
// body is not JSON or lacks the status field is kRetryable: we cannot tell whether it was taken.
// provider_message_id comes from response.message_id, else the idempotency key.
core::SendResult MapProviderReply(const HttpSmsConfig& config, const net::HttpResult& result,
                                  core::TimePoint now, std::string_view idempotency_key);

// Thread-safe (see core::Channel); blocks up to config.timeout per Send. The clock is borrowed.
class HttpSmsChannel final : public core::Channel {
 public:
  HttpSmsChannel(HttpSmsConfig config, const core::Clock& clock);

  core::ChannelKind kind() const override { return core::ChannelKind::kSms; }
  core::SendResult Send(const core::OutboundMessage& message) override;

 private:
  const HttpSmsConfig config_;
  const core::Clock& clock_;
  net::HttpClient http_;
  core::Logger log_{"channels.sms.http"};
};

}  // namespace gw::channels::sms
