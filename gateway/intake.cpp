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
    : store_(store), catalogs_(catalogs), metrics_(metrics) {
  for (auto choice : {dialogs::MenuChoice::kMenu, dialogs::MenuChoice::kCapabilities,
                      dialogs::MenuChoice::kOfficer, dialogs::MenuChoice::kThanks,
                      dialogs::MenuChoice::kNotUnderstood}) {
    menu_replies_[choice] = dialogs::MenuReplies(choice, catalogs_.vi(), agency);
  }
}

core::Result<IntakeResult> Intake::Handle(core::InboundMessage message, const RenderPayload& render,
                                          std::string content_type) {
  // The raw payload stays byte for byte as received; only the text we reason about is normalised.
  message.text = locales::ToNfc(message.text);
  auto choice = dialogs::ChooseMenuItem(message.text);
  core::TurnRecord turn;
  turn.replies = menu_replies_.at(choice);
  turn.outbound_payload = render(turn.replies);
  turn.outbound_content_type = std::move(content_type);
  turn.inbound = std::move(message);

  auto receipt = store_.RecordTurn(turn);
  if (!receipt.ok()) {
    kLog.Error("turn not stored",
               {{"message", fmt::format("{}", turn.inbound)}, {"error", receipt.error().detail}});
    return receipt.error();
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
  IntakeResult result{std::move(receipt).value(), {}};
  result.rendered_replies =
      result.receipt.duplicate ? render(result.receipt.replies) : std::move(turn.outbound_payload);
  return result;
}

}  // namespace gw::gateway
