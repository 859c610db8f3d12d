// Parsing a fetched e-mail with GMime into an InboundMail.
#pragma once

#include <string_view>

#include "channels/email/email_config.hpp"
#include "channels/email/inbound_mail.hpp"
#include "core/result.hpp"

namespace gw::channels::email {

// Walks the MIME tree: in a multipart/alternative the text/plain branch is preferred, else the
// HTML one (turned into text); in other multiparts every inline text part counts, in order.
// Every other leaf (and every part marked as an attachment, a forwarded message/rfc822 too) is
// an attachment, kept when `policy` allows its type and size and listed as dropped otherwise.
// Text of any charset becomes UTF-8; quotes and the signature are stripped (StripQuotedReply).
// Errors (kInvalidArgument, naming the problem) when the bytes are not a message with a From
// mailbox.
core::Result<InboundMail> ParseMail(std::string_view raw, const AttachmentPolicy& policy);

}  // namespace gw::channels::email
