// Route registration: each group of endpoints is a function over the server and what its
// handlers need. Handlers parse, call the core, map the result (STYLE.md: about ten lines).
#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include "channels/app/app_config.hpp"
#include "core/clock.hpp"
#include "core/store.hpp"
#include "gateway/delivery/delivery_store.hpp"
#include "gateway/gateway_config.hpp"
#include "gateway/http/server.hpp"
#include "gateway/intake.hpp"
#include "gateway/metrics.hpp"

namespace gw::gateway::http {

// GET /healthz, /readyz, /metrics.
void RegisterOpsRoutes(HttpServer& server, core::ConversationStore& store, Metrics& metrics);

// POST and GET /api/v1/app/messages.
void RegisterAppRoutes(HttpServer& server, Intake& intake, core::ConversationStore& store,
                       const channels::app::AppConfig& config, const core::Clock& clock);

// POST /api/v1/notifications (Standard Webhooks signed) and GET /api/v1/notifications/{id}.
// `wake` tells the dispatcher a notice is queued.
void RegisterNotificationRoutes(HttpServer& server, core::NotificationStore& notifications,
                                delivery::DeliveryStore& deliveries,
                                const NotificationsConfig& config, std::function<void()> wake,
                                const core::Clock& clock);

// One leg of a delivery as the notification view and the dead-letter list show it.
nlohmann::json LegJson(const delivery::LegView& leg);

// GET /webhooks/kannel/mo and /webhooks/kannel/dlr (channels/sms/kannel_mo.hpp). `wake` tells the
// dispatcher a receipt arrived.
void RegisterKannelRoutes(HttpServer& server, Intake& intake, delivery::DeliveryStore& deliveries,
                          const channels::sms::KannelConfig& config, const locales::Catalog& texts,
                          std::function<void()> wake, const core::Clock& clock);

// The citizen web chat: /, /chat.css, /chat.js, /locales/{vi,en}/web.json.
void RegisterWebRoutes(HttpServer& server);

}  // namespace gw::gateway::http
