// GMime behind ParseMail.
#include "channels/email/mime_parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "channels/email/bounce.hpp"
#include "channels/email/charset.hpp"
#include "channels/email/gmime_support.hpp"
#include "channels/email/html_text.hpp"
#include "channels/email/mime_compose.hpp"
#include "channels/email/quote_strip.hpp"

namespace gw::channels::email {
namespace {

struct OptionsFree {
  void operator()(GMimeParserOptions* o) const { g_mime_parser_options_free(o); }
};
using OptionsPtr = std::unique_ptr<GMimeParserOptions, OptionsFree>;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string MimeType(GMimeObject* obj) {
  GMimeContentType* ct = g_mime_object_get_content_type(obj);
  return ct == nullptr ? "application/octet-stream"
                       : Lower(TakeGString(g_mime_content_type_get_mime_type(ct)));
}

std::string Crlf2Lf(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
  return s;
}

std::string DecodedText(GMimePart* part) {
  const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  return Crlf2Lf(ToUtf8(DecodedBytes(part), charset == nullptr ? "" : charset));
}

struct Leaf {
  std::string filename;
  std::string content_type;
  std::string bytes;
};

struct Collected {
  std::vector<std::string> plain;
  std::vector<std::string> html;
  std::vector<Leaf> others;
};

bool IsBodyText(GMimeObject* obj, const char* subtype) {
  if (!GMIME_IS_PART(obj) || g_mime_part_is_attachment(GMIME_PART(obj))) return false;
  return g_mime_content_type_is_type(g_mime_object_get_content_type(obj), "text", subtype);
}

bool Contains(GMimeObject* obj, const char* subtype) {
  if (GMIME_IS_MULTIPART(obj)) {
    auto* mp = GMIME_MULTIPART(obj);
    for (int i = 0; i < g_mime_multipart_get_count(mp); ++i) {
      if (Contains(g_mime_multipart_get_part(mp, i), subtype)) return true;
    }
    return false;
  }
  return IsBodyText(obj, subtype);
}

void Walk(GMimeObject* obj, Collected& out) {
  if (GMIME_IS_MULTIPART(obj)) {
    auto* mp = GMIME_MULTIPART(obj);
    int n = g_mime_multipart_get_count(mp);
    if (n == 0) return;
    if (g_mime_content_type_is_type(g_mime_object_get_content_type(obj), "multipart",
                                    "alternative")) {
      // One branch only: the others say the same in another form.
      int chosen = n - 1;
      for (const char* want : {"plain", "html"}) {
        int found = -1;
        for (int i = 0; i < n && found < 0; ++i) {
          if (Contains(g_mime_multipart_get_part(mp, i), want)) found = i;
        }
        if (found >= 0) {
          chosen = found;
          break;
        }
      }
      Walk(g_mime_multipart_get_part(mp, chosen), out);
      return;
    }
    for (int i = 0; i < n; ++i) Walk(g_mime_multipart_get_part(mp, i), out);
    return;
  }
  if (GMIME_IS_MESSAGE_PART(obj)) {  // a forwarded mail: kept whole, as an attachment
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
    Leaf leaf;
    leaf.content_type = "message/rfc822";
    const char* name = g_mime_object_get_content_disposition_parameter(obj, "filename");
    leaf.filename = name == nullptr ? "" : name;
    if (inner != nullptr) {
      leaf.bytes = TakeGString(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr));
    }
    out.others.push_back(std::move(leaf));
    return;
  }
  if (!GMIME_IS_PART(obj)) return;
  auto* part = GMIME_PART(obj);
  if (IsBodyText(obj, "plain")) {
    out.plain.push_back(DecodedText(part));
  } else if (IsBodyText(obj, "html")) {
    out.html.push_back(DecodedText(part));
  } else {
    const char* name = g_mime_part_get_filename(part);
    out.others.push_back({name == nullptr ? "" : name, MimeType(obj), DecodedBytes(part)});
  }
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty() && !out.ends_with("\n")) out.push_back('\n');
    out += p;
  }
  return out;
}

std::vector<std::string> ParseIds(GMimeObject* obj, const char* header, GMimeParserOptions* o) {
  std::vector<std::string> ids;
  const char* value = g_mime_object_get_header(obj, header);
  if (value == nullptr) return ids;
  GMimeReferences* refs = g_mime_references_parse(o, value);
  if (refs == nullptr) return ids;
  for (int i = 0; i < g_mime_references_length(refs); ++i) {
    ids.push_back(BareMessageId(g_mime_references_get_message_id(refs, i)));
  }
  g_mime_references_free(refs);
  return ids;
}

// The first mailbox of an address list (groups looked into), or nullptr.
InternetAddressMailbox* FirstMailbox(InternetAddressList* list) {
  if (list == nullptr) return nullptr;
  for (int i = 0; i < internet_address_list_length(list); ++i) {
    InternetAddress* a = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(a)) return INTERNET_ADDRESS_MAILBOX(a);
    if (INTERNET_ADDRESS_IS_GROUP(a)) {
      if (auto* m = FirstMailbox(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)))) {
        return m;
      }
    }
  }
  return nullptr;
}

std::string DomainLowered(std::string address) {
  auto at = address.rfind('@');
  if (at != std::string::npos) {
    std::transform(address.begin() + static_cast<std::ptrdiff_t>(at), address.end(),
                   address.begin() + static_cast<std::ptrdiff_t>(at),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  return address;
}

bool IsAutoSubmitted(GMimeObject* obj) {
  auto header = [&](const char* name) {
    const char* v = g_mime_object_get_header(obj, name);
    return v == nullptr ? std::string() : Lower(v);
  };
  std::string auto_submitted = header("Auto-Submitted");
  std::string precedence = header("Precedence");
  return (!auto_submitted.empty() && !auto_submitted.starts_with("no")) ||
         precedence.find("bulk") != std::string::npos ||
         precedence.find("junk") != std::string::npos ||
         precedence.find("list") != std::string::npos ||
         precedence.find("auto_reply") != std::string::npos ||
         g_mime_object_get_header(obj, "X-Autoreply") != nullptr;
}

void SortAttachments(std::vector<Leaf>& leaves, const AttachmentPolicy& policy, InboundMail& mail) {
  for (auto& leaf : leaves) {
    std::size_t size = leaf.bytes.size();
    std::string reason;
    if (!policy.Allows(leaf.content_type)) {
      reason = "type not allowed";
    } else if (size > policy.max_bytes) {
      reason = fmt::format("larger than {} bytes", policy.max_bytes);
    }
    if (reason.empty()) {
      mail.attachments.push_back(
          {std::move(leaf.filename), std::move(leaf.content_type), std::move(leaf.bytes), size});
    } else {
      mail.dropped_attachments.push_back(
          {std::move(leaf.filename), std::move(leaf.content_type), size, std::move(reason)});
    }
  }
}

}  // namespace

core::Result<InboundMail> ParseMail(std::string_view raw, const AttachmentPolicy& policy) {
  EnsureGMime();
  auto invalid = [](std::string message) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
  };
  if (raw.find(':') == std::string_view::npos) return invalid("not a message: no header found");
  OptionsPtr options(g_mime_parser_options_new());
  // Raw 8-bit header text (no RFC 2047) is tried as UTF-8, then as windows-1258.
  const char* fallback[] = {"utf-8", "windows-1258", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (message == nullptr) return invalid("not a MIME message: GMime could not parse it");
  GMimeObject* obj = GMIME_OBJECT(message.get());

  InboundMail mail;
  InternetAddressMailbox* from = FirstMailbox(g_mime_message_get_from(message.get()));
  const char* addr = from == nullptr ? nullptr : internet_address_mailbox_get_addr(from);
  if (addr == nullptr || std::string_view(addr).find('@') == std::string_view::npos) {
    return invalid("no sender: the From header is missing or has no address");
  }
  mail.from_address = DomainLowered(addr);
  const char* name = internet_address_get_name(INTERNET_ADDRESS(from));
  mail.from_name = name == nullptr ? "" : ToUtf8(name, "utf-8");
  if (auto* to = FirstMailbox(g_mime_message_get_to(message.get()))) {
    const char* to_addr = internet_address_mailbox_get_addr(to);
    mail.to_address = to_addr == nullptr ? "" : DomainLowered(to_addr);
  }
  const char* subject = g_mime_message_get_subject(message.get());
  mail.subject = subject == nullptr ? "" : ToUtf8(subject, "utf-8");
  const char* id = g_mime_message_get_message_id(message.get());
  mail.message_id = id == nullptr ? "" : BareMessageId(id);
  auto in_reply_to = ParseIds(obj, "In-Reply-To", options.get());
  if (!in_reply_to.empty()) mail.in_reply_to = in_reply_to.front();
  mail.references = ParseIds(obj, "References", options.get());
  if (GDateTime* date = g_mime_message_get_date(message.get())) {
    mail.date = core::TimePoint(std::chrono::seconds(g_date_time_to_unix(date)));
  }
  mail.auto_submitted = IsAutoSubmitted(obj);

  Collected collected;
  if (GMimeObject* body = g_mime_message_get_mime_part(message.get())) {
    mail.bounce = ReadBounce(body);
    Walk(body, collected);
  }
  std::string text =
      !collected.plain.empty() ? Join(collected.plain) : HtmlToText(Join(collected.html));
  mail.text = StripQuotedReply(text);
  SortAttachments(collected.others, policy, mail);
  mail.raw = std::string(raw);
  return mail;
}

}  // namespace gw::channels::email
