// The inbound path shared by all channels.
#include "gateway/intake.hpp"

#include <fmt/format.h>

#include "core/log.hpp"
#include "core/mask.hpp"
#include "locales/text.hpp"

namespace gw::gateway {
namespace {
const core::Logger kLog("gateway.intake");
}

Intake::Intake(core::ConversationStore& store, const locales::Catalogs& catalogs,
               dialogs::AgencyContact agency, Metrics& metrics)
    : store_(store), catalogs_(catalogs), agency_(std::move(agency)), metrics_(metrics) {}

core::Result<core::TurnReceipt> Intake::Handle(core::InboundMessage message,
                                               const RenderPayload& render,
                                               std::string content_type) {
  // The raw payload stays byte for byte as received; only the text we reason about is normalised.
  message.text = locales::ToNfc(message.text);
  auto choice = dialogs::ChooseMenuItem(message.text);
  core::TurnRecord turn;
  turn.replies = dialogs::MenuReplies(choice, catalogs_.vi(), agency_);
  turn.outbound_payload = render(turn.replies);
  turn.outbound_content_type = std::move(content_type);
  turn.inbound = std::move(message);

  auto receipt = store_.RecordTurn(turn);
  if (!receipt.ok()) {
    kLog.Error("turn not stored",
               {{"message", fmt::format("{}", turn.inbound)}, {"error", receipt.error().detail}});
    return receipt;
  }
  const std::string channel(core::ChannelName(turn.inbound.channel));
  metrics_.CountInbound(channel, receipt->duplicate);
  if (!receipt->duplicate) {
    for (const auto& r : receipt->replies) {
      if (r.rejection) metrics_.CountRefusal(std::string(r.rejection->code_name()));
    }
  }
  kLog.Debug("turn stored", {{"message", fmt::format("{}", turn.inbound)},
                             {"conversation", std::to_string(receipt->conversation_id)},
                             {"duplicate", receipt->duplicate ? "true" : "false"}});
  return receipt;
}

}  // namespace gw::gateway
