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
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/types.hpp"

namespace gw::core {

// One exchange: what a citizen sent and what we answered, stored atomically.
struct TurnRecord {
  InboundMessage inbound;
  std::vector<Reply> replies;
  // The replies exactly as the channel renders them on the wire, for the data-message log.
  std::string outbound_payload;
  std::string outbound_content_type;
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

class ConversationStore {
 public:
  virtual ~ConversationStore() = default;

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

}  // namespace gw::core
