// Parsing notifications.delivery.
#include "gateway/delivery/delivery_config.hpp"

#include <fmt/format.h>

namespace gw::gateway::delivery {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

std::vector<std::string> RouteNames() {
  std::vector<std::string> names;
  for (auto r : notifier::kAllRoutes) names.emplace_back(notifier::RouteName(r));
  return names;
}

std::optional<notifier::Route> RouteKey(core::ConfigNode& node, const std::string& key) {
  auto route = notifier::ParseRoute(key);
  if (!route) {
    node.errors().Add(node.path() + "." + key, fmt::format("unknown route; expected one of {}",
                                                           fmt::join(RouteNames(), ", ")));
  }
  return route;
}

}  // namespace

DeliveryConfig ParseDeliveryConfig(core::ConfigNode& node) {
  DeliveryConfig c;
  auto& policy = c.dispatcher.policy;
  if (node.Has("chain")) {
    policy.fallback.chain.clear();
    for (const auto& name : node.StringList("chain")) {
      auto route = notifier::ParseRoute(name);
      if (!route) {
        node.errors().Add(node.path() + ".chain",
                          fmt::format("unknown route \"{}\"; expected one of {}", name,
                                      fmt::join(RouteNames(), ", ")));
        continue;
      }
      policy.fallback.chain.push_back(*route);
    }
  }
  policy.max_age = node.Duration("max_age", hours(24), minutes(1), hours(24 * 30));
  policy.fallback.zalo_window = node.Duration("zalo_window", hours(48), minutes(1), hours(24 * 7));
  auto retry = node.Object("retry");
  policy.retry.initial = retry.Duration("initial", seconds(1), milliseconds(10), hours(1));
  policy.retry.max_delay = retry.Duration("max_delay", minutes(15), milliseconds(10), hours(24));
  policy.retry.max_attempts = static_cast<int>(retry.Int("max_attempts", 8, 1, 100));
  retry.Finish();
  auto receipts = node.Object("receipt_timeout");
  for (const auto& key : receipts.Keys()) {
    if (auto route = RouteKey(receipts, key)) {
      policy.fallback.receipt_timeout[*route] =
          receipts.Duration(key, minutes(30), seconds(1), hours(24 * 7));
    }
  }
  receipts.Finish();
  auto limits = node.Object("rate_limits");
  for (const auto& key : limits.Keys()) {
    auto route = RouteKey(limits, key);
    auto one = limits.Object(key);
    notifier::RateLimit limit;
    limit.per_second = static_cast<double>(one.Int("per_second", 10, 1, 100000));
    limit.burst = static_cast<int>(one.Int("burst", 10, 1, 100000));
    one.Finish();
    if (route) c.dispatcher.limits[*route] = limit;
  }
  limits.Finish();
  auto sms = node.Object("sms");
  c.sms.max_parts = static_cast<int>(sms.Int("max_parts", 3, 1, locales::kMaxSmsParts));
  const std::string fold = sms.Enum("fold", "if_needed", {"never", "if_needed", "always"});
  c.sms.fold = fold == "never"    ? locales::SmsFold::kNever
               : fold == "always" ? locales::SmsFold::kAlways
                                  : locales::SmsFold::kIfNeeded;
  sms.Finish();
  c.dispatcher.batch = static_cast<int>(node.Int("batch", 256, 1, 10000));
  c.dispatcher.senders = static_cast<int>(node.Int("senders", 32, 1, 256));
  c.dispatcher.idle_poll =
      node.Duration("idle_poll", milliseconds(200), milliseconds(10), seconds(60));
  node.Finish();
  return c;
}

}  // namespace gw::gateway::delivery
