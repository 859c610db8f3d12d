// Dead letters in the officer inbox: notices and replies that no route could deliver (or that
// expired), with each route tried and why it failed, and a resend that starts a new round.
#pragma once

#include "gateway/delivery/delivery_store.hpp"
#include "gateway/http/server.hpp"
#include "gateway/inbox/inbox.hpp"

namespace gw::gateway::inbox {

// GET /api/v1/inbox/dead-letters and POST /api/v1/inbox/dead-letters/{id}/resend, scoped to the
// officer's agency like every inbox endpoint. Does nothing when the inbox is disabled. `wake`
// tells the dispatcher a job is due again.
void RegisterDeadLetterRoutes(http::HttpServer& server, Inbox& inbox,
                              delivery::DeliveryStore& deliveries, std::function<void()> wake);

}  // namespace gw::gateway::inbox
