// InboundMail to the intake's InboundMessage.
#include "channels/email/inbound_mail.hpp"

#include <glib.h>

namespace gw::channels::email {

std::string InboundMail::DedupId() const {
  if (!message_id.empty()) return message_id;
  gchar* hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
                                           reinterpret_cast<const guchar*>(raw.data()), raw.size());
  std::string out = std::string("sha256:") + hex;
  g_free(hex);
  return out;
}

core::InboundMessage ToInboundMessage(const InboundMail& mail, std::string_view mailbox,
                                      core::TimePoint received_at) {
  core::InboundMessage m;
  m.channel = core::ChannelKind::kEmail;
  m.provider_message_id = mail.DedupId();
  m.sender = mail.from_address;
  m.receiver = std::string(mailbox);
  m.origin = "imap";
  m.text = mail.text;
  m.raw_payload = mail.raw;
  m.content_type = "message/rfc822";
  m.sent_at = mail.date;
  m.received_at = received_at;
  for (const auto& a : mail.attachments) {
    m.attachments.push_back({a.filename, a.content_type, a.bytes, a.bytes.size(), {}});
  }
  // Dropped ones after the kept: the mail parser sorted them into two lists, their order across
  // the lists is not known any more.
  for (const auto& d : mail.dropped_attachments) {
    m.attachments.push_back({d.filename, d.content_type, {}, d.size, d.reason});
  }
  return m;
}

}  // namespace gw::channels::email
