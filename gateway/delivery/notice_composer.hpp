// A status push turned into the message one route sends: the catalog's notice templates
// (locales/notice_text.hpp) for the route's channel style, with the procedure's name from the
// catalogue and the SMS segment rules applied (never a silent cut).
#pragma once

#include <string>

#include "core/channel.hpp"
#include "core/result.hpp"
#include "gateway/status_push.hpp"
#include "locales/catalog.hpp"
#include "locales/sms_segments.hpp"
#include "notifier/route.hpp"
#include "routing/catalog.hpp"

namespace gw::gateway::delivery {

struct ComposerSettings {
  std::string lang = "vi";
  std::string agency;       // signs e-mails, and is where results are collected by default
  locales::SmsOptions sms;  // segments and folding for SMS notices
};

class NoticeComposer {
 public:
  // References are borrowed and must outlive the composer.
  NoticeComposer(const locales::Catalogs& catalogs, const routing::Catalog& catalog,
                 ComposerSettings settings);

  // Errors: kUnprocessable when the push cannot be told on this route (an SMS over the maximum
  // number of parts, a field the status needs); the dispatcher treats that as a permanent failure
  // of the route and falls back to the next.
  core::Result<core::OutboundMessage> Compose(const StatusPush& push, notifier::Route route,
                                              const std::string& address) const;

  // The subject of an e-mail answer that was queued without one (an officer's reply).
  std::string ReplySubject(bool refusal) const;

 private:
  const locales::Catalogs& catalogs_;
  const routing::Catalog& catalog_;
  ComposerSettings settings_;
};

}  // namespace gw::gateway::delivery
