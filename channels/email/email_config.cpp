// Parsing of channels.email.
#include "channels/email/email_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace gw::channels::email {
namespace {

using std::chrono::milliseconds;

// nullopt when `url` is "<scheme>://host[:port][/]" with one of the two schemes; else the reason.
std::optional<std::string> UrlError(std::string_view url, std::string_view plain,
                                    std::string_view tls) {
  std::string_view rest;
  std::string expected = fmt::format("expected {}://host[:port] or {}://host[:port]", plain, tls);
  for (auto scheme : {plain, tls}) {
    std::string prefix = std::string(scheme) + "://";
    if (url.starts_with(prefix)) rest = url.substr(prefix.size());
  }
  if (rest.empty()) return expected;
  if (rest.ends_with("/")) rest.remove_suffix(1);
  if (rest.find_first_of("/?#@ ") != rest.npos) {
    return expected + " (no path, query or credentials: use username and password)";
  }
  std::string_view host = rest;
  if (rest.starts_with("[")) {  // [IPv6]:port
    auto close = rest.find(']');
    if (close == rest.npos) return expected;
    host = rest.substr(0, close + 1);
    rest = rest.substr(close + 1);
  } else {
    auto colon = rest.find(':');
    host = rest.substr(0, colon);
    rest = colon == rest.npos ? std::string_view() : rest.substr(colon);
  }
  if (host.empty()) return expected;
  if (!rest.empty()) {
    if (rest.front() != ':') return expected;
    int port = 0;
    auto digits = rest.substr(1);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || p != digits.data() + digits.size() || port < 1 || port > 65535) {
      return expected + " (port 1..65535)";
    }
  }
  return std::nullopt;
}

net::MailServer ParseServer(core::ConfigNode& node, std::string_view plain, std::string_view tls,
                            bool login_required) {
  net::MailServer s;
  const std::string& p = node.path();
  s.url = node.String("url", "", true);
  if (!s.url.empty()) {
    if (auto e = UrlError(s.url, plain, tls)) node.errors().Add(p + ".url", *e);
    if (s.url.ends_with("/")) s.url.pop_back();
  }
  s.require_starttls = node.Enum("starttls", "required", {"required", "none"}) == "required";
  if (s.url.starts_with(std::string(tls) + "://")) s.require_starttls = false;  // TLS already
  s.username = node.String("username", "", login_required);
  s.password = node.String("password", "", login_required);
  if (!s.username.empty() && s.password.empty() && !login_required) {
    node.errors().Add(p + ".password", "is required with username");
  }
  s.ca_file = node.String("ca_file");
  s.connect_timeout =
      node.Duration("connect_timeout", milliseconds(5000), milliseconds(100), milliseconds(60000));
  s.timeout =
      node.Duration("timeout", milliseconds(30000), milliseconds(100), milliseconds(300000));
  return s;
}

SmtpConfig ParseSmtp(core::ConfigNode& node) {
  SmtpConfig c;
  c.server = ParseServer(node, "smtp", "smtps", false);
  c.from_address = node.String("from_address", "", true);
  if (!c.from_address.empty() && !IsPlainAddress(c.from_address)) {
    node.errors().Add(
        node.path() + ".from_address",
        fmt::format("expected an address like name@example.gov.vn, got \"{}\"", c.from_address));
  }
  c.from_name = node.String("from_name");
  if (c.from_name.find_first_of("\r\n") != std::string::npos) {
    node.errors().Add(node.path() + ".from_name", "must be one line");
  }
  return c;
}

ImapConfig ParseImap(core::ConfigNode& node) {
  ImapConfig c;
  c.server = ParseServer(node, "imap", "imaps", true);
  c.mailbox = node.String("mailbox", c.mailbox);
  bool bad = c.mailbox.empty() || std::any_of(c.mailbox.begin(), c.mailbox.end(), [](char ch) {
               auto u = static_cast<unsigned char>(ch);
               return u < 0x20 || u >= 0x7F || ch == '"' || ch == '\\' || ch == '%' || ch == '*';
             });
  if (bad) {
    node.errors().Add(node.path() + ".mailbox",
                      "expected a mailbox name in printable ASCII without \" \\ % *");
  }
  c.poll_interval =
      node.Duration("poll_interval", c.poll_interval, milliseconds(1000), milliseconds(3600000));
  c.max_message_bytes = static_cast<std::size_t>(node.Int(
      "max_message_bytes", static_cast<std::int64_t>(c.max_message_bytes), 1024, 1ll << 30));
  return c;
}

AttachmentPolicy ParseAttachments(core::ConfigNode& node) {
  AttachmentPolicy a;
  a.max_bytes = static_cast<std::size_t>(
      node.Int("max_bytes", static_cast<std::int64_t>(a.max_bytes), 0, 1ll << 30));
  if (node.Has("allowed_types")) {
    a.allowed_types = node.StringList("allowed_types");
    for (std::size_t i = 0; i < a.allowed_types.size(); ++i) {
      std::string& t = a.allowed_types[i];
      std::transform(t.begin(), t.end(), t.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      auto slash = t.find('/');
      if (slash == 0 || slash == std::string::npos || slash + 1 == t.size() ||
          t.find_first_of(" ;,", 0) != std::string::npos) {
        node.errors().Add(fmt::format("{}.allowed_types[{}]", node.path(), i),
                          fmt::format("expected \"type/subtype\" or \"type/*\", got \"{}\"", t));
      }
    }
  } else {
    node.Claim("allowed_types");
  }
  return a;
}

}  // namespace

bool AttachmentPolicy::Allows(std::string_view content_type) const {
  for (const auto& t : allowed_types) {
    if (t == content_type) return true;
    if (t.ends_with("/*") && content_type.starts_with(t.substr(0, t.size() - 1))) return true;
  }
  return false;
}

bool IsPlainAddress(std::string_view address) {
  auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  if (address.size() > 254 || address.find('@') != at) return false;
  for (char ch : address) {
    auto u = static_cast<unsigned char>(ch);
    if (u <= 0x20 || u >= 0x7F) return false;
    if (std::string_view("<>()[],;:\\\"").find(ch) != std::string_view::npos) return false;
  }
  return address.substr(at + 1).find('.') != std::string_view::npos ||
         address.substr(at + 1) == "localhost";
}

EmailConfig ParseEmailConfig(core::ConfigNode& node) {
  EmailConfig c;
  c.enabled = node.Bool("enabled", true);
  if (node.Has("smtp")) {
    core::ConfigNode s = node.Object("smtp");
    c.smtp = ParseSmtp(s);
    s.Finish();
  } else {
    node.Claim("smtp");
  }
  if (node.Has("imap")) {
    core::ConfigNode i = node.Object("imap");
    c.imap = ParseImap(i);
    i.Finish();
  } else {
    node.Claim("imap");
  }
  core::ConfigNode a = node.Object("attachments");
  c.attachments = ParseAttachments(a);
  a.Finish();
  if (c.enabled && !c.smtp && !c.imap) {
    node.errors().Add(node.path(), "configure \"smtp\", \"imap\" or both");
  }
  return c;
}

}  // namespace gw::channels::email
