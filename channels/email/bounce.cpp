// Delivery status notifications. GMime parses the MIME structure and the returned headers; it has
// no reader for the message/delivery-status fields, so those few "Name: value" lines are read here.
#include "channels/email/bounce.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "channels/email/mime_compose.hpp"

namespace gw::channels::email {
namespace {

using Fields = std::map<std::string, std::string>;  // lower-cased name -> value

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The groups of fields of a message/delivery-status body: the per-message group first, then one
// per recipient. Groups are separated by blank lines; a line starting with white space continues
// the field above it.
std::vector<Fields> FieldGroups(std::string_view text) {
  std::vector<Fields> groups(1);
  std::string last;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) {
      if (!groups.back().empty()) groups.emplace_back();
      last.clear();
      continue;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !last.empty()) {
      groups.back()[last] += " " + std::string(Trim(line));
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    last = Lower(std::string(Trim(line.substr(0, colon))));
    groups.back()[last] = std::string(Trim(line.substr(colon + 1)));
  }
  if (groups.back().empty()) groups.pop_back();
  return groups;
}

// "rfc822; an@example.vn" -> "an@example.vn".
std::string AfterType(const std::string& value) {
  auto semi = value.find(';');
  return std::string(Trim(semi == std::string::npos ? value : value.substr(semi + 1)));
}

// The Message-ID of the returned mail or of its returned headers.
std::string OriginalMessageId(GMimeObject* part) {
  if (GMIME_IS_MESSAGE_PART(part)) {
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
    const char* id = inner == nullptr ? nullptr : g_mime_message_get_message_id(inner);
    return id == nullptr ? "" : BareMessageId(id);
  }
  if (!GMIME_IS_PART(part)) return {};
  // text/rfc822-headers: a header block; GMime reads it as a message without a body.
  std::string headers = DecodedBytes(GMIME_PART(part)) + "\n\n";
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(headers.data(), headers.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  const char* id = message == nullptr ? nullptr : g_mime_message_get_message_id(message.get());
  return id == nullptr ? "" : BareMessageId(id);
}

}  // namespace

std::optional<MailBounce> ReadBounce(GMimeObject* body) {
  if (body == nullptr || !GMIME_IS_MULTIPART(body)) return std::nullopt;
  GMimeContentType* type = g_mime_object_get_content_type(body);
  const char* report_type = g_mime_content_type_get_parameter(type, "report-type");
  if (!g_mime_content_type_is_type(type, "multipart", "report") || report_type == nullptr ||
      Lower(report_type) != "delivery-status") {
    return std::nullopt;
  }
  auto* multipart = GMIME_MULTIPART(body);
  std::vector<Fields> groups;
  std::string original;
  for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
    GMimeObject* part = g_mime_multipart_get_part(multipart, i);
    GMimeContentType* t = g_mime_object_get_content_type(part);
    if (g_mime_content_type_is_type(t, "message", "delivery-status") && GMIME_IS_PART(part)) {
      groups = FieldGroups(DecodedBytes(GMIME_PART(part)));
    } else if (g_mime_content_type_is_type(t, "message", "rfc822") ||
               g_mime_content_type_is_type(t, "text", "rfc822-headers")) {
      original = OriginalMessageId(part);
    }
  }
  if (original.empty() || groups.size() < 2) return std::nullopt;
  const Fields* chosen = &groups[1];
  for (std::size_t i = 1; i < groups.size(); ++i) {
    auto action = groups[i].find("action");
    if (action != groups[i].end() && Lower(action->second) == "failed") {
      chosen = &groups[i];
      break;
    }
  }
  auto get = [&](const char* name) {
    auto it = chosen->find(name);
    return it == chosen->end() ? std::string() : it->second;
  };
  MailBounce bounce;
  bounce.original_message_id = original;
  bounce.action = Lower(get("action"));
  bounce.status = get("status");
  bounce.recipient = AfterType(get("final-recipient"));
  bounce.diagnostic = get("diagnostic-code");
  if (bounce.action.empty()) return std::nullopt;
  return bounce;
}

}  // namespace gw::channels::email
