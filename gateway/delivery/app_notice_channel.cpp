// Notices into the citizen's app conversation.
#include "gateway/delivery/app_notice_channel.hpp"

#include "channels/app/app_channel.hpp"

namespace gw::gateway::delivery {

core::SendResult AppNoticeChannel::Send(const core::OutboundMessage& message) {
  core::Reply reply;
  reply.text = message.text;
  reply.rejection = message.rejection;
  auto st = store_.AppendNotice(message.to, message.text, message.idempotency_key,
                                channels::app::RenderReplies({reply}), clock_.Now());
  core::SendResult r;
  if (st.ok()) {
    r.outcome = core::SendOutcome::kAccepted;
    r.provider_message_id = message.idempotency_key;
  } else {
    r.outcome = core::SendOutcome::kRetryable;
    r.detail = st.error().message;
    r.safe_text = "the store is unavailable";
  }
  return r;
}

}  // namespace gw::gateway::delivery
