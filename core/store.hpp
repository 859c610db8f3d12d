// Store ports: what the domain asks of durable storage. Implementations live in gateway/store/
// (SQLite now, PostgreSQL for scale-out).
//
// Contract for every method here:
// - it MAY block (disk, network) and MUST be safe to call from any thread at once;
// - a method that writes returns only after its write is durable (committed and synced), so a
//   caller may acknowledge the citizen or provider as soon as it returns success;
// - expected failures (busy, disk full, closed) come back as Result errors, never exceptions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/channel.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace gw::core {

// Local effects of a turn, written in the same transaction as the turn itself (so a provider
// retry, deduplicated, never applies them twice).
struct RatingRecord {
  std::string score;  // rat_hai_long | hai_long | khong_hai_long
  std::string comment;
  std::string procedure_code;
};
struct SubscriptionChange {
  ChannelKind channel = ChannelKind::kSms;
  bool opted_in = true;
};
struct TicketRecord {
  std::string number;  // shown to the citizen
  std::string kind;    // "complaint"
  std::string content;
  std::string dossier_code;
  TimePoint due_at{};
};
// A request to a one-stop backend that could not be made now; retried from the outbox.
struct PendingBackendRequest {
  std::string kind;             // "submit", "supplement", "withdraw"
  std::string idempotency_key;  // the same on every retry
  std::string payload;          // JSON
};

// One exchange: what a citizen sent and what we answered, stored atomically.
struct TurnRecord {
  InboundMessage inbound;
  std::vector<Reply> replies;
  // The replies exactly as the channel renders them on the wire, for the data-message log.
  std::string outbound_payload;
  std::string outbound_content_type;
  // The agency a new conversation belongs to (officers see only their agency's conversations).
  std::string agency_code;
  // The conversation's dialog state after this turn (JSON); empty leaves it unchanged.
  std::string dialog_state;
  std::optional<RatingRecord> rating;
  std::vector<SubscriptionChange> subscriptions;
  std::optional<TicketRecord> ticket;
  std::optional<PendingBackendRequest> pending_request;
  bool hand_off = false;  // the conversation moves to the officer inbox
  // For channels that answer by a separate send (SMS, e-mail, Zalo): the replies as one outbound
  // message, queued in the same transaction as the turn and sent by the dispatcher.
  std::optional<OutboundMessage> queued_reply;
  // Set by a caller that already looked the provider id up for a retry while holding the
  // contact's lock (intake, when TurnLookup::retry_checked): the writer then skips its own
  // lookup. A provider retry comes from the same contact, so it cannot slip in between.
  bool retry_checked = false;
};

struct TurnReceipt {
  std::int64_t conversation_id = 0;
  std::int64_t citizen_id = 0;
  std::int64_t inbound_message_id = 0;
  // True when the inbound message was a provider retry already stored: nothing new was written
  // and `replies` are the ones stored the first time.
  bool duplicate = false;
  std::vector<Reply> replies;
};

// One message of a conversation's history, as the channels and the inbox show it.
struct StoredMessage {
  std::int64_t id = 0;
  std::int64_t conversation_id = 0;
  std::string direction;  // "in" or "out"
  ChannelKind channel = ChannelKind::kApp;
  std::string text;
  std::optional<std::string> reason_code;
  std::vector<ReplyOption> options;
  TimePoint at;
};

// What intake needs to know before it answers: the open conversation's dialog state, and what
// is known of the citizen (once-only principle).
struct ConversationSnapshot {
  std::int64_t conversation_id = 0;          // 0 when the contact has no open conversation yet
  std::string dialog_state;                  // JSON, empty when none
  std::string status;                        // "bot", "officer"
  std::map<std::string, std::string> known;  // "phone", "email", ...: the citizen's other contacts
};

// What intake reads before it answers, in one read: the turn already stored under this provider
// id (a provider's retry), or else the contact's open conversation.
struct TurnLookup {
  std::optional<TurnReceipt> earlier;  // set for a retry, and then `snapshot` is left empty
  ConversationSnapshot snapshot;
  // False when the snapshot came from memory and the provider id was not looked up: a retry is
  // then found by FindRetry (before anything leaves the process) or by RecordTurn (which answers
  // with the first receipt, marked duplicate, and writes nothing).
  bool retry_checked = true;
};

class ConversationStore {
 public:
  virtual ~ConversationStore() = default;

  // The receipt stored under (contact's channel, provider_message_id) if any, else the open
  // conversation of this contact and what is known of its citizen. An empty provider id is never
  // a retry. A store may answer the snapshot from memory without looking the id up, and then
  // says so (`retry_checked`).
  virtual Result<TurnLookup> LookUpTurn(const Contact& contact,
                                        const std::string& provider_message_id) = 0;

  // The receipt stored under (contact's channel, provider_message_id), if any: a retry.
  virtual Result<std::optional<TurnReceipt>> FindRetry(const Contact& contact,
                                                       const std::string& provider_message_id) = 0;

  // Links the sender to a citizen (creating both if new), finds the open conversation on that
  // contact or opens one, appends the inbound message and the replies to it and to the
  // data-message log. Deduplicates by (channel, provider_message_id) when the id is not empty.
  virtual Result<TurnReceipt> RecordTurn(const TurnRecord& turn) = 0;

  // The messages of the newest conversation of this contact with id > after_id, oldest first.
  virtual Result<std::vector<StoredMessage>> RecentMessages(const Contact& contact,
                                                            std::int64_t after_id, int limit) = 0;

  // Succeeds when the store can serve reads and writes now (for /readyz).
  virtual Status Ping() = 0;
};

// Work kept in the outbox until done: backend requests made while a backend was down (and, with
// the notifier, notices). Same threading and durability contract as ConversationStore.
struct OutboxItem {
  std::int64_t id = 0;
  std::string kind;  // "backend_submit", ...
  std::string idempotency_key;
  std::string payload;  // JSON
  int attempts = 0;
  TimePoint created_at{};
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  // Pending items of kinds starting with `kind_prefix` whose next attempt is due, oldest first.
  virtual Result<std::vector<OutboxItem>> DueOutbox(std::string_view kind_prefix, TimePoint now,
                                                    int limit) = 0;
  // Counts a failed attempt and sets when to try again.
  virtual Status RescheduleOutbox(std::int64_t id, TimePoint next_attempt,
                                  const std::string& detail) = 0;
  // Closes the item (state "done", "refused" or "expired") and, in the same transaction, tells
  // the citizen: `replies` go to the open conversation of `notify` and to the data-message log.
  virtual Status FinishOutbox(std::int64_t id, const std::string& state, const Contact& notify,
                              const std::vector<Reply>& replies, const std::string& payload,
                              TimePoint now) = 0;
};

// Status pushes from one-stop backends, kept in the outbox under their webhook-id.
struct NotificationReceipt {
  std::string public_id;  // "ntf_<random hex>": unguessable, safe to hand back
  bool duplicate = false;
};
struct NotificationView {
  std::string public_id;
  std::string state;  // pending, delivered, undeliverable, expired
  std::string payload;
  int attempts = 0;
  TimePoint created_at{};
  std::optional<TimePoint> finished_at;
  std::string detail;
};

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;
  // Stores a push before it is acknowledged. The same webhook-id with the same body hash gives
  // the first receipt again (duplicate); with another body, kUnprocessable.
  virtual Result<NotificationReceipt> RecordNotification(const std::string& webhook_id,
                                                         const std::string& body_hash,
                                                         const std::string& payload,
                                                         TimePoint now) = 0;
  virtual Result<std::optional<NotificationView>> GetNotification(const std::string& public_id) = 0;
};

}  // namespace gw::core
