// Intake: the one path every inbound message takes, whatever its channel. Normalise, answer
// (dialogs), store the turn durably with its data-message log records, count, log.
#pragma once

#include <functional>
#include <string>

#include "core/store.hpp"
#include "dialogs/menu.hpp"
#include "gateway/metrics.hpp"
#include "locales/catalog.hpp"

namespace gw::gateway {

// Renders replies the way the channel puts them on the wire (for the data-message log).
using RenderPayload = std::function<std::string(const std::vector<core::Reply>&)>;

class Intake {
 public:
  Intake(core::ConversationStore& store, const locales::Catalogs& catalogs,
         dialogs::AgencyContact agency, Metrics& metrics);

  // Blocks until the turn is durable. Thread-safe.
  core::Result<core::TurnReceipt> Handle(core::InboundMessage message, const RenderPayload& render,
                                         std::string content_type);

 private:
  core::ConversationStore& store_;
  const locales::Catalogs& catalogs_;
  dialogs::AgencyContact agency_;
  Metrics& metrics_;
};

}  // namespace gw::gateway
