// A reply queued for a channel that answers by a separate send, as the outbox keeps it (JSON).
#pragma once

#include <string>
#include <string_view>

#include "core/channel.hpp"
#include "core/result.hpp"

namespace gw::gateway::delivery {

// {"channel","address","subject","text","in_reply_to","reason_code"?}; the idempotency key is
// not kept here: each leg has its own (delivery_store.hpp).
std::string EncodeOutbound(const core::OutboundMessage& message);
// kInvalidArgument naming the field when the JSON is not what EncodeOutbound writes.
core::Result<core::OutboundMessage> DecodeOutbound(std::string_view json);

}  // namespace gw::gateway::delivery
