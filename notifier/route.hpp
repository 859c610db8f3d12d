// The ways a notice can reach a citizen. Finer than core::ChannelKind: Zalo has two, an OA message
// (free, only inside the window after the citizen last wrote) and ZNS (a paid template to a phone).
#pragma once

#include <optional>
#include <string_view>

#include "core/types.hpp"

namespace gw::notifier {

enum class Route {
  kZalo,   // Zalo OA consultation message to the follower's Zalo user id
  kZns,    // Zalo Notification Service template to the citizen's phone number
  kSms,    // SMS to the phone number
  kEmail,  // e-mail to the address
  kApp,    // app push / in-app message to the app user id
  kIvr,    // an outbound call read aloud (for citizens who cannot read a screen)
};

inline constexpr Route kAllRoutes[] = {Route::kZalo,  Route::kZns, Route::kSms,
                                       Route::kEmail, Route::kApp, Route::kIvr};

std::string_view RouteName(Route route);  // "zalo", "zns", "sms", "email", "app", "ivr"
std::optional<Route> ParseRoute(std::string_view name);

// The channel adapter that carries a route (ZNS goes through the Zalo adapter).
core::ChannelKind ChannelFor(Route route);

// The route that answers on the channel a citizen wrote from: a message on Zalo is answered by an
// OA message, everything else by its own channel.
Route RouteForOrigin(core::ChannelKind channel);

}  // namespace gw::notifier
