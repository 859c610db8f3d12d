// GMime behind ComposeMime.
#include "channels/email/mime_compose.hpp"

#include <fmt/format.h>

#include <chrono>

#include "channels/email/gmime_support.hpp"

namespace gw::channels::email {
namespace {

core::Error Invalid(std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
}

bool IsUtf8(std::string_view s) {
  return g_utf8_validate(s.data(), s.size(), nullptr);
}

// An id we can put between angle brackets in a header.
bool IsHeaderSafeId(std::string_view id) {
  if (id.empty() || id.size() > 250) return false;
  for (char c : id) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>') return false;
  }
  return true;
}

std::string WithoutCr(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      out.push_back('\n');  // a lone CR is a line break too
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

GPtr<GMimeObject> TextPart(const char* subtype, std::string_view text) {
  GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
  std::string body = WithoutCr(text);
  if (!body.ends_with("\n")) body.push_back('\n');
  // Always UTF-8: g_mime_text_part_set_text would pick the "best" charset, iso-8859-1 for
  // "Xin chào", which the clients of some citizens mis-guess when replying.
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(body.data(), body.size()));
  GPtr<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(GMIME_PART(part), content.get());
  g_mime_text_part_set_charset(part, "utf-8");
  // 7-bit safe for any relay: quoted-printable for Vietnamese text, base64 if that is shorter.
  g_mime_part_set_content_encoding(
      GMIME_PART(part),
      g_mime_part_get_best_content_encoding(GMIME_PART(part), GMIME_ENCODING_CONSTRAINT_7BIT));
  return GPtr<GMimeObject>(GMIME_OBJECT(part));
}

core::Result<GPtr<GMimeObject>> AttachmentPart(const OutgoingAttachment& a) {
  auto slash = a.content_type.find('/');
  if (slash == 0 || slash == std::string::npos || slash + 1 == a.content_type.size() ||
      a.content_type.find_first_of(" ;\r\n") != std::string::npos) {
    return Invalid(fmt::format("attachment type \"{}\" is not type/subtype", a.content_type));
  }
  if (!IsUtf8(a.filename) || a.filename.find_first_of("\r\n") != std::string::npos) {
    return Invalid("attachment file name is not one line of UTF-8");
  }
  std::string type = a.content_type.substr(0, slash);
  std::string subtype = a.content_type.substr(slash + 1);
  GPtr<GMimeObject> part(GMIME_OBJECT(g_mime_part_new_with_type(type.c_str(), subtype.c_str())));
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(a.bytes.data(), a.bytes.size()));
  GPtr<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(GMIME_PART(part.get()), content.get());
  g_mime_part_set_content_encoding(GMIME_PART(part.get()), GMIME_CONTENT_ENCODING_BASE64);
  g_mime_object_set_disposition(part.get(), GMIME_DISPOSITION_ATTACHMENT);
  if (!a.filename.empty()) g_mime_part_set_filename(GMIME_PART(part.get()), a.filename.c_str());
  return part;
}

}  // namespace

std::string BareMessageId(std::string_view id) {
  while (!id.empty() && (id.front() == ' ' || id.front() == '\t')) id.remove_prefix(1);
  while (!id.empty() && (id.back() == ' ' || id.back() == '\t')) id.remove_suffix(1);
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  return std::string(id);
}

std::string MessageIdFor(std::string_view idempotency_key, std::string_view from_address) {
  std::string hex = TakeGString(g_compute_checksum_for_data(
      G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(idempotency_key.data()),
      idempotency_key.size()));
  auto at = from_address.rfind('@');
  std::string_view domain =
      at == std::string_view::npos ? "caunoi.invalid" : from_address.substr(at + 1);
  return hex.substr(0, 32) + "@" + std::string(domain);
}

core::Result<std::string> ComposeMime(const OutgoingMail& mail) {
  EnsureGMime();
  if (!IsUtf8(mail.subject) || !IsUtf8(mail.text) || !IsUtf8(mail.html) ||
      !IsUtf8(mail.from_name)) {
    return Invalid("subject, text or sender name is not valid UTF-8");
  }
  if (!IsHeaderSafeId(mail.message_id)) return Invalid("Message-ID missing or unusable");
  if (!mail.in_reply_to.empty() && !IsHeaderSafeId(mail.in_reply_to)) {
    return Invalid("In-Reply-To id unusable");
  }
  for (const auto& r : mail.references) {
    if (!IsHeaderSafeId(r)) return Invalid("a References id is unusable");
  }

  GPtr<GMimeMessage> message(g_mime_message_new(TRUE));
  GMimeObject* obj = GMIME_OBJECT(message.get());
  g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_FROM,
                             mail.from_name.empty() ? nullptr : mail.from_name.c_str(),
                             mail.from_address.c_str());
  g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_TO, nullptr,
                             mail.to_address.c_str());
  // A subject is one line: a newline in it would end the header (or fold oddly).
  std::string subject = mail.subject;
  for (char& c : subject) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  g_mime_message_set_subject(message.get(), subject.c_str(), "utf-8");
  auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(mail.date.time_since_epoch()).count();
  GDateTime* date = g_date_time_new_from_unix_utc(seconds);
  g_mime_message_set_date(message.get(), date);
  g_date_time_unref(date);
  g_mime_message_set_message_id(message.get(), mail.message_id.c_str());
  if (!mail.in_reply_to.empty()) {
    g_mime_object_set_header(obj, "In-Reply-To", ("<" + mail.in_reply_to + ">").c_str(), nullptr);
  }
  if (!mail.references.empty()) {
    std::string refs;
    for (const auto& r : mail.references) refs += (refs.empty() ? "<" : " <") + r + ">";
    g_mime_object_set_header(obj, "References", refs.c_str(), nullptr);
  }

  GPtr<GMimeObject> body = TextPart("plain", mail.text);
  if (!mail.html.empty()) {
    GPtr<GMimeObject> alt(GMIME_OBJECT(g_mime_multipart_new_with_subtype("alternative")));
    g_mime_multipart_add(GMIME_MULTIPART(alt.get()), body.get());  // plain first: least preferred
    g_mime_multipart_add(GMIME_MULTIPART(alt.get()), TextPart("html", mail.html).get());
    body = std::move(alt);
  }
  if (!mail.attachments.empty()) {
    GPtr<GMimeObject> mixed(GMIME_OBJECT(g_mime_multipart_new_with_subtype("mixed")));
    g_mime_multipart_add(GMIME_MULTIPART(mixed.get()), body.get());
    for (const auto& a : mail.attachments) {
      auto part = AttachmentPart(a);
      if (!part.ok()) return part.error();
      g_mime_multipart_add(GMIME_MULTIPART(mixed.get()), part->get());
    }
    body = std::move(mixed);
  }
  g_mime_message_set_mime_part(message.get(), body.get());

  GMimeFormatOptions* options = g_mime_format_options_clone(nullptr);
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  std::string out = TakeGString(g_mime_object_to_string(obj, options));
  g_mime_format_options_free(options);
  return out;
}

}  // namespace gw::channels::email
