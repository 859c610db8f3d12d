// JSON of a queued reply.
#include "gateway/delivery/outbound_codec.hpp"

#include <nlohmann/json.hpp>

namespace gw::gateway::delivery {

std::string EncodeOutbound(const core::OutboundMessage& m) {
  nlohmann::json j = {{"channel", core::ChannelName(m.to.channel)},
                      {"address", m.to.address},
                      {"subject", m.subject},
                      {"text", m.text},
                      {"in_reply_to", m.in_reply_to}};
  if (m.rejection) j["reason_code"] = m.rejection->code_name();
  return j.dump();
}

core::Result<core::OutboundMessage> DecodeOutbound(std::string_view json) {
  auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  auto bad = [](std::string_view field) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        std::string("queued reply: ") + std::string(field) + " is missing or not a string");
  };
  if (!j.is_object()) return bad("the payload");
  for (const char* f : {"channel", "address", "text"}) {
    if (!j.contains(f) || !j[f].is_string()) return bad(f);
  }
  auto channel = core::ParseChannel(j["channel"].get<std::string>());
  if (!channel) return bad("channel");
  core::OutboundMessage m;
  m.to = {*channel, j["address"].get<std::string>()};
  m.text = j["text"].get<std::string>();
  m.subject = j.value("subject", std::string());
  m.in_reply_to = j.value("in_reply_to", std::string());
  if (auto code = j.find("reason_code"); code != j.end() && code->is_string()) {
    if (auto reason = core::ParseReasonCode(code->get<std::string>()))
      m.rejection.emplace(*reason, m.text);
  }
  return m;
}

}  // namespace gw::gateway::delivery
