// Delivers stored status pushes to citizens. Today the app/web chat is the one channel with an
// adapter: a notice for an app user is appended to their conversation (the web chat shows it);
// other recipients are marked undeliverable until their channels' adapters land (notifier issue).
#pragma once

#include "core/clock.hpp"
#include "core/store.hpp"
#include "dialogs/engine/engine.hpp"
#include "routing/catalog.hpp"

namespace gw::gateway {

class NoticeDispatcher {
 public:
  NoticeDispatcher(core::OutboxStore& outbox, const dialogs::Engine& engine,
                   const routing::Catalog& catalog, const core::Clock& clock);
  // One pass over pending notices; returns how many it closed. Thread-safe with itself? No: one
  // caller (the runner's worker thread, or a test).
  int RunOnce();

 private:
  core::OutboxStore& outbox_;
  const dialogs::Engine& engine_;
  const routing::Catalog& catalog_;
  const core::Clock& clock_;
};

}  // namespace gw::gateway
