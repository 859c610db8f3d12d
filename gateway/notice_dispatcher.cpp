// Status pushes to the citizen's app conversation.
#include "gateway/notice_dispatcher.hpp"

#include "channels/app/app_channel.hpp"
#include "core/log.hpp"
#include "gateway/status_push.hpp"

namespace gw::gateway {
namespace {
const core::Logger kLog("gateway.notices");
}

NoticeDispatcher::NoticeDispatcher(core::OutboxStore& outbox, const dialogs::Engine& engine,
                                   const routing::Catalog& catalog, const core::Clock& clock)
    : outbox_(outbox), engine_(engine), catalog_(catalog), clock_(clock) {}

int NoticeDispatcher::RunOnce() {
  const auto now = clock_.Now();
  auto due = outbox_.DueOutbox("notification", now, 100);
  if (!due.ok()) return 0;
  int closed = 0;
  for (const auto& item : *due) {
    auto push = ParseStatusPush(item.payload);
    if (!push.ok()) {
      (void)outbox_.FinishOutbox(item.id, "expired", {}, {}, "", now);
      continue;
    }
    // The citizen's app contact: named directly, or as the "<channel>:<address>" reference the
    // gateway gives backends with each submission.
    std::string app_user = push->recipient.app_user_id;
    if (app_user.empty() && push->recipient.citizen_id.starts_with("app:")) {
      app_user = push->recipient.citizen_id.substr(4);
    }
    if (app_user.empty()) {
      kLog.Info("notice has no reachable channel yet", {{"id", std::to_string(item.id)}});
      if (outbox_.FinishOutbox(item.id, "undeliverable", {}, {}, "", now).ok()) ++closed;
      continue;
    }
    // The same wording as a lookup, so citizens read one voice.
    const auto* procedure = catalog_.ByCode(push->procedure_code);
    dialogs::ActionOutcome outcome{
        dialogs::ActionKind::kLookupDossier,
        dialogs::ActionOutcome::Status::kOk,
        {{"dossier_code", push->dossier_code},
         {"procedure", procedure ? procedure->name_vi : push->procedure_code},
         {"status", push->status},
         {"reason", push->reason},
         {"due_date", push->new_due_date}}};
    auto replies = engine_.DescribeOutcome(outcome);
    auto st = outbox_.FinishOutbox(item.id, "delivered", {core::ChannelKind::kApp, app_user},
                                   replies, channels::app::RenderReplies(replies), now);
    if (st.ok()) ++closed;
  }
  return closed;
}

}  // namespace gw::gateway
