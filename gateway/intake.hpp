// Intake: the one path every inbound message takes, whatever its channel. Normalise, answer
// (dialogs), store the turn durably with its data-message log records, count, log.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/store.hpp"
#include "dialogs/menu.hpp"
#include "gateway/metrics.hpp"
#include "locales/catalog.hpp"

namespace gw::gateway {

// Renders replies the way the channel puts them on the wire (for the data-message log).
using RenderPayload = std::function<std::string(const std::vector<core::Reply>&)>;

struct IntakeResult {
  core::TurnReceipt receipt;
  // The replies as the channel rendered them (for a provider retry: the stored replies, rendered
  // again), so the edge need not render them a second time.
  std::string rendered_replies;
};

class Intake {
 public:
  Intake(core::ConversationStore& store, const locales::Catalogs& catalogs,
         dialogs::AgencyContact agency, Metrics& metrics);

  // Blocks until the turn is durable. Thread-safe.
  core::Result<IntakeResult> Handle(core::InboundMessage message, const RenderPayload& render,
                                    std::string content_type);

 private:
  core::ConversationStore& store_;
  const locales::Catalogs& catalogs_;
  Metrics& metrics_;
  // The menu's replies depend only on the choice (the agency's facts are fixed at start), so
  // they are formatted once here instead of through ICU on every message.
  std::map<dialogs::MenuChoice, std::vector<core::Reply>> menu_replies_;
};

}  // namespace gw::gateway
