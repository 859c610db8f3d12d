// Route names and their channels.
#include "notifier/route.hpp"

namespace gw::notifier {

std::string_view RouteName(Route route) {
  switch (route) {
    case Route::kZalo:
      return "zalo";
    case Route::kZns:
      return "zns";
    case Route::kSms:
      return "sms";
    case Route::kEmail:
      return "email";
    case Route::kApp:
      return "app";
    case Route::kIvr:
      return "ivr";
  }
  return "app";
}

std::optional<Route> ParseRoute(std::string_view name) {
  for (Route r : kAllRoutes) {
    if (RouteName(r) == name) return r;
  }
  return std::nullopt;
}

core::ChannelKind ChannelFor(Route route) {
  switch (route) {
    case Route::kZalo:
    case Route::kZns:
      return core::ChannelKind::kZalo;
    case Route::kSms:
      return core::ChannelKind::kSms;
    case Route::kEmail:
      return core::ChannelKind::kEmail;
    case Route::kApp:
      return core::ChannelKind::kApp;
    case Route::kIvr:
      return core::ChannelKind::kIvr;
  }
  return core::ChannelKind::kApp;
}

Route RouteForOrigin(core::ChannelKind channel) {
  switch (channel) {
    case core::ChannelKind::kZalo:
      return Route::kZalo;
    case core::ChannelKind::kSms:
      return Route::kSms;
    case core::ChannelKind::kEmail:
      return Route::kEmail;
    case core::ChannelKind::kApp:
      return Route::kApp;
    case core::ChannelKind::kIvr:
      return Route::kIvr;
  }
  return Route::kApp;
}

}  // namespace gw::notifier
