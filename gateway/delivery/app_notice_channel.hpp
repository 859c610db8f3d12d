// The app channel's outbound side for the dispatcher: the app and the web chat read their
// conversation, so "sending" a notice or a reply there is appending it to that conversation,
// deduplicated by the leg's idempotency key (a resend after a crash cannot show it twice).
#pragma once

#include "core/channel.hpp"
#include "core/clock.hpp"
#include "gateway/store/sqlite_store.hpp"

namespace gw::gateway::delivery {

class AppNoticeChannel final : public core::Channel {
 public:
  AppNoticeChannel(store::SqliteStore& store, const core::Clock& clock)
      : store_(store), clock_(clock) {}

  core::ChannelKind kind() const override { return core::ChannelKind::kApp; }
  core::SendResult Send(const core::OutboundMessage& message) override;

 private:
  store::SqliteStore& store_;
  const core::Clock& clock_;
};

}  // namespace gw::gateway::delivery
