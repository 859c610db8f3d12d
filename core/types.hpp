// Domain types shared by every module: channels, contacts, messages, replies, conversations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/rejection.hpp"

namespace gw::core {

enum class ChannelKind { kSms, kZalo, kEmail, kApp, kIvr };

inline constexpr ChannelKind kAllChannels[] = {ChannelKind::kSms, ChannelKind::kZalo,
                                               ChannelKind::kEmail, ChannelKind::kApp,
                                               ChannelKind::kIvr};

std::string_view ChannelName(ChannelKind kind);  // "sms", "zalo", "email", "app", "ivr"
std::optional<ChannelKind> ParseChannel(std::string_view name);

// A citizen's address on one channel (E.164 phone, e-mail address, Zalo user id, app user id).
// Several contacts link to one citizen.
struct Contact {
  ChannelKind channel = ChannelKind::kApp;
  std::string address;
};

// A file the citizen sent with a message (an e-mail attachment). One the channel's policy did
// not keep (type not allowed, too large) comes with its name, type and size, a `dropped_reason`
// and no bytes, so officers see what was sent and why it is missing.
struct Attachment {
  std::string filename;        // UTF-8 as the sender named it; may be empty
  std::string content_type;    // lower case "type/subtype", as the sender declared it
  std::string bytes;           // the decoded content; empty when dropped
  std::size_t size = 0;        // decoded size (of what was sent, also when dropped)
  std::string dropped_reason;  // empty when kept: "type not allowed", "larger than N bytes"
};

// A message as a channel adapter hands it to intake.
struct InboundMessage {
  ChannelKind channel = ChannelKind::kApp;
  // The provider's id for this message; retries with the same id are deduplicated. May be empty
  // when the provider gives none (then every delivery counts as new).
  std::string provider_message_id;
  std::string sender;        // the citizen's address on this channel
  std::string receiver;      // our address: short code, mailbox, OA id, "app"
  std::string origin;        // where it came from on the wire (remote address, SMSC id)
  std::string text;          // the body to understand, UTF-8 NFC
  std::string raw_payload;   // the bytes exactly as received (Luật GDĐT 2023, Điều 13)
  std::string content_type;  // of raw_payload
  std::optional<TimePoint> sent_at;  // when the sender says it sent it, if known
  TimePoint received_at;
  std::vector<Attachment> attachments;  // kept and dropped, in the order they were sent
};

// One choice offered with a reply: the id a client sends back, and the label shown.
struct ReplyOption {
  std::string id;
  std::string label;
};

// One reply turn from the bot or an officer. A refusal carries its Rejection; `text` is then
// the rejection's text (possibly with more guidance after it).
struct Reply {
  std::string text;
  std::optional<Rejection> rejection;
  std::vector<ReplyOption> options;
};

struct Conversation {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  ChannelKind channel = ChannelKind::kApp;
  std::string status;  // "bot", "officer", "closed"
};

}  // namespace gw::core
