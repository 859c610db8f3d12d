// Parsing of channels.sms.kannel.
#include "channels/sms/kannel_config.hpp"

#include <fmt/format.h>

namespace gw::channels::sms {
namespace {

bool IsUrlSafeSecret(std::string_view s) {
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '_' || c == '~';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string KannelConfig::SendSmsUrl() const {
  return fmt::format("{}://{}:{}{}", tls ? "https" : "http", host, port, path);
}

NumberFormat ParseNumberFormat(core::ConfigNode& node, NumberFormat def) {
  static const std::vector<std::string> kNames = {"e164", "international", "national"};
  std::string d = def == NumberFormat::kE164            ? "e164"
                  : def == NumberFormat::kInternational ? "international"
                                                        : "national";
  std::string v = node.Enum("number_format", d, kNames);
  if (v == "international") return NumberFormat::kInternational;
  if (v == "national") return NumberFormat::kNational;
  return NumberFormat::kE164;
}

KannelConfig ParseKannelConfig(core::ConfigNode& node) {
  using std::chrono::milliseconds;
  KannelConfig c;
  const std::string& p = node.path();
  c.tls = node.Bool("tls", false);
  c.host = node.String("host", c.host);
  bool bad_host = c.host.empty() || c.host.find_first_of("/?#@ ") != std::string::npos;
  if (!bad_host && c.host.find(':') != std::string::npos) {
    bad_host = !(c.host.front() == '[' && c.host.back() == ']');
  }
  if (bad_host) {
    node.errors().Add(p + ".host", "expected a host name or IP address (IPv6 in brackets)");
  }
  c.port = static_cast<int>(node.Int("port", c.port, 1, 65535));
  c.path = node.String("path", c.path);
  if (!c.path.starts_with("/")) node.errors().Add(p + ".path", "must start with /");
  c.username = node.String("username", "", true);
  c.password = node.String("password", "", true);
  c.from = node.String("from", "", true);
  if (!c.from.empty()) {
    if (auto e = SenderError(c.from)) node.errors().Add(p + ".from", *e);
  }
  c.smsc_id = node.String("smsc_id");
  c.dlr_url = node.String("dlr_url");
  if (!c.dlr_url.empty()) {
    if (!c.dlr_url.starts_with("http://") && !c.dlr_url.starts_with("https://")) {
      node.errors().Add(p + ".dlr_url", "expected an http:// or https:// URL");
    } else if (c.dlr_url.find('%') != std::string::npos) {
      node.errors().Add(p + ".dlr_url", "must not contain '%' (Kannel reads %x as a placeholder)");
    } else if (c.dlr_url.find('#') != std::string::npos) {
      node.errors().Add(p + ".dlr_url", "must not contain a fragment (#)");
    }
  }
  // 255 is the most a concatenation header can number.
  c.max_messages = static_cast<int>(node.Int("max_messages", c.max_messages, 1, 255));
  c.fold_diacritics = node.Bool("fold_diacritics", false);
  c.number_format = ParseNumberFormat(node, NumberFormat::kE164);
  c.connect_timeout =
      node.Duration("connect_timeout", c.connect_timeout, milliseconds(100), milliseconds(60000));
  c.timeout = node.Duration("timeout", c.timeout, milliseconds(100), milliseconds(120000));
  c.max_connections = static_cast<int>(node.Int("max_connections", c.max_connections, 1, 64));

  c.webhook.secret = node.String("webhook_secret", "", true);
  if (!c.webhook.secret.empty()) {
    if (c.webhook.secret.size() < 16) {
      node.errors().Add(p + ".webhook_secret", "must have at least 16 characters");
    } else if (!IsUrlSafeSecret(c.webhook.secret)) {
      // It travels in URLs (get-url, dlr-url) where Kannel would mangle % and & in it.
      node.errors().Add(p + ".webhook_secret",
                        "use only letters, digits and - . _ ~ (it travels in URLs)");
    }
  }
  std::vector<std::string> allow = {"127.0.0.1", "::1"};
  if (node.Has("webhook_allow_from")) {
    allow = node.StringList("webhook_allow_from");
    if (allow.empty()) {
      node.errors().Add(p + ".webhook_allow_from", "must list at least one address or block");
    }
  } else {
    node.Claim("webhook_allow_from");
  }
  for (std::size_t i = 0; i < allow.size(); ++i) {
    if (auto e = c.webhook.allow_from.Add(allow[i])) {
      node.errors().Add(fmt::format("{}.webhook_allow_from[{}]", p, i), *e);
    }
  }
  return c;
}

}  // namespace gw::channels::sms
