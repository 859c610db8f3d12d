// Reading a delivery status notification (RFC 3464) out of a parsed mail.
#pragma once

#include <optional>

#include "channels/email/gmime_support.hpp"
#include "channels/email/inbound_mail.hpp"

namespace gw::channels::email {

// The report when `body` (a message's top MIME part) is multipart/report with
// report-type=delivery-status and names the mail it reports on (a message/rfc822 or
// text/rfc822-headers part with its Message-ID); nullopt otherwise. Of several recipients, the
// first that failed is reported, else the first.
std::optional<MailBounce> ReadBounce(GMimeObject* body);

}  // namespace gw::channels::email
