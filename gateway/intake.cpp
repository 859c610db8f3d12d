// The inbound path shared by all channels.
#include "gateway/intake.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "core/log.hpp"
#include "core/mask.hpp"
#include "locales/text.hpp"

namespace gw::gateway {
namespace {
const core::Logger kLog("gateway.intake");

std::string RandomId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return fmt::format("{:016x}{:016x}", rng(), rng());
}

}  // namespace

std::string IdempotencyKey(const core::InboundMessage& m) {
  if (m.provider_message_id.empty()) return "caunoi-" + RandomId();
  return fmt::format("caunoi-{}-{}", core::ChannelName(m.channel), m.provider_message_id);
}

Intake::Intake(core::ConversationStore& store, const dialogs::Engine& engine,
               const Understander& understander, const ActionExecutor& actions, Metrics& metrics,
               const core::Clock& clock, std::string agency_code)
    : store_(store),
      engine_(engine),
      understander_(understander),
      actions_(actions),
      metrics_(metrics),
      clock_(clock),
      agency_code_(std::move(agency_code)) {}

class Intake::ContactGuard {
 public:
  ContactGuard(Intake& intake, std::string key) : intake_(intake), key_(std::move(key)) {
    {
      std::lock_guard lock(intake_.locks_mu_);
      auto& slot = intake_.contact_locks_[key_];
      if (!slot) slot = std::make_unique<ContactLock>();
      slot->users++;
      lock_ = slot.get();
    }
    lock_->mu.lock();
  }
  ~ContactGuard() {
    lock_->mu.unlock();
    std::lock_guard lock(intake_.locks_mu_);
    if (--lock_->users == 0) intake_.contact_locks_.erase(key_);
  }
  ContactGuard(const ContactGuard&) = delete;
  ContactGuard& operator=(const ContactGuard&) = delete;

 private:
  Intake& intake_;
  std::string key_;
  ContactLock* lock_ = nullptr;
};

core::Result<IntakeResult> Intake::Handle(core::InboundMessage message, const RenderPayload& render,
                                          std::string content_type, const QueueReply& queue) {
  // The raw payload stays byte for byte as received; only the text we reason about is normalised.
  message.text = locales::ToNfc(message.text);
  const std::string channel(core::ChannelName(message.channel));
  ContactGuard contact_lock(*this, channel + ":" + message.sender);

  // A provider retry of a stored message is answered as the first time, and nothing leaves the
  // process again: it is found by the look-up, else before a backend call, else by the write.
  auto answer_retry = [&](core::TurnReceipt earlier) {
    metrics_.CountInbound(channel, true);
    IntakeResult result{std::move(earlier), {}};
    result.rendered_replies = render(result.receipt.replies);
    return result;
  };
  const core::Contact contact{message.channel, message.sender};
  auto lookup = store_.LookUpTurn(contact, message.provider_message_id);
  if (!lookup.ok()) return lookup.error();
  if (lookup->earlier) return answer_retry(std::move(*lookup->earlier));

  const core::ConversationSnapshot& snapshot = lookup->snapshot;
  auto understanding = understander_.Understand(message.text, snapshot.known);
  const auto now = clock_.Now();
  auto turn =
      engine_.Handle(dialogs::DialogState::FromJson(snapshot.dialog_state), understanding, now);
  bool retry_checked = lookup->retry_checked;
  if (!retry_checked &&
      std::any_of(turn.actions.begin(), turn.actions.end(), ActionExecutor::CallsBackend)) {
    auto earlier = store_.FindRetry(contact, message.provider_message_id);
    if (!earlier.ok()) return earlier.error();
    if (*earlier) return answer_retry(std::move(**earlier));
    retry_checked = true;
  }

  core::TurnRecord record;
  record.inbound = std::move(message);
  record.replies = std::move(turn.replies);
  ActionContext ctx{&record.inbound, now, IdempotencyKey(record.inbound)};
  for (const auto& action : turn.actions) {
    auto done = actions_.Execute(action, ctx, record);
    if (done.describe) {
      auto words = engine_.DescribeOutcome(done.outcome);
      record.replies.insert(record.replies.end(), words.begin(), words.end());
    }
  }
  record.dialog_state = turn.state.ToJson();
  record.agency_code = agency_code_;
  record.retry_checked = retry_checked;  // if so, above and under this contact's lock
  record.outbound_payload = render(record.replies);
  record.outbound_content_type = std::move(content_type);
  if (queue && !record.replies.empty()) {
    record.queued_reply = queue(record.inbound, record.replies);
    record.queued_reply->idempotency_key = "reply-" + ctx.idempotency_key;
  }

  auto receipt = store_.RecordTurn(record);
  if (!receipt.ok()) {
    kLog.Error("turn not stored",
               {{"message", fmt::format("{}", record.inbound)}, {"error", receipt.error().detail}});
    return receipt.error();
  }
  metrics_.CountInbound(channel, receipt->duplicate);
  if (record.queued_reply && !receipt->duplicate && on_queued_) on_queued_();
  if (!receipt->duplicate) {
    for (const auto& r : receipt->replies) {
      if (r.rejection) metrics_.CountRefusal(std::string(r.rejection->code_name()));
    }
  }
  // The fields are built only when they will be written: this runs for every message.
  if (core::GetLogLevel() <= core::LogLevel::kDebug) {
    kLog.Debug("turn stored", {{"message", fmt::format("{}", record.inbound)},
                               {"conversation", std::to_string(receipt->conversation_id)},
                               {"intent", understanding.intent}});
  }
  IntakeResult result{std::move(receipt).value(), {}};
  result.rendered_replies = result.receipt.duplicate ? render(result.receipt.replies)
                                                     : std::move(record.outbound_payload);
  return result;
}

}  // namespace gw::gateway
