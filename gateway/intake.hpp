// Intake: the one path every inbound message takes, whatever its channel. Deduplicate provider
// retries, understand, let the dialog engine answer, perform its actions, and store the turn with
// its effects and data-message log records durably, before the caller acknowledges.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/store.hpp"
#include "dialogs/engine/engine.hpp"
#include "gateway/actions.hpp"
#include "gateway/metrics.hpp"
#include "gateway/understander.hpp"

namespace gw::gateway {

// Renders replies the way the channel puts them on the wire (for the data-message log).
using RenderPayload = std::function<std::string(const std::vector<core::Reply>&)>;

// For channels that answer by a separate send (SMS, e-mail, Zalo): the replies as the one message
// to send back, queued durably with the turn. Its idempotency key is set by intake.
using QueueReply = std::function<core::OutboundMessage(const core::InboundMessage& inbound,
                                                       const std::vector<core::Reply>& replies)>;

struct IntakeResult {
  core::TurnReceipt receipt;
  // The replies as the channel rendered them (for a provider retry: the stored replies, rendered
  // again), so the edge need not render them a second time.
  std::string rendered_replies;
};

class Intake {
 public:
  // All references must outlive the intake.
  Intake(core::ConversationStore& store, const dialogs::Engine& engine,
         const Understander& understander, const ActionExecutor& actions, Metrics& metrics,
         const core::Clock& clock, std::string agency_code = "");

  // Blocks until the turn is durable (and any backend call made). Thread-safe; turns of one
  // contact are taken one at a time so the dialog state cannot fork.
  core::Result<IntakeResult> Handle(core::InboundMessage message, const RenderPayload& render,
                                    std::string content_type, const QueueReply& queue = {});

  // Called after a turn that queued a reply is durable (the dispatcher's Wake). Set before
  // serving; not thread-safe against Handle.
  void SetOnQueued(std::function<void()> on_queued) { on_queued_ = std::move(on_queued); }

 private:
  // One lock per contact with a turn in progress, so one citizen's turns cannot fork the dialog
  // state while different citizens never wait on each other. (Striped locks were tried first: a
  // stripe is held across the durable commit, so unrelated citizens on one stripe queued behind
  // each other's fsync and the p99 went from 9 ms to 70 ms.)
  class ContactGuard;

  core::ConversationStore& store_;
  const dialogs::Engine& engine_;
  const Understander& understander_;
  const ActionExecutor& actions_;
  Metrics& metrics_;
  const core::Clock& clock_;
  std::string agency_code_;
  std::function<void()> on_queued_;
  struct ContactLock {
    std::mutex mu;
    int users = 0;  // guarded by locks_mu_
  };
  std::mutex locks_mu_;
  std::unordered_map<std::string, std::unique_ptr<ContactLock>> contact_locks_;
};

// The idempotency key of what a message causes: stable across provider retries of it.
std::string IdempotencyKey(const core::InboundMessage& m);

}  // namespace gw::gateway
