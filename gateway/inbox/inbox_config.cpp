// Parsing of the "inbox" config section.
#include "gateway/inbox/inbox_config.hpp"

#include <fmt/format.h>

#include <set>

#include "gateway/inbox/totp.hpp"

namespace gw::gateway::inbox {

InboxConfig ParseInboxConfig(core::ConfigNode& node) {
  using namespace std::chrono_literals;
  InboxConfig c;
  c.enabled = node.Bool("enabled", false);
  c.session_ttl = node.Duration("session_ttl", 8h, 5min, 24h);
  c.max_failures = static_cast<int>(node.Int("max_failures", 5, 1, 100));
  c.lockout_base = node.Duration("lockout_base", 30s, 1s, 1h);
  c.lockout_max = node.Duration("lockout_max", 1h, 1s, 24h);
  c.secure_cookie = node.Bool("secure_cookie", false);
  c.max_event_streams = static_cast<int>(node.Int("max_event_streams", 8, 1, 256));
  c.event_stream_lifetime = node.Duration("event_stream_lifetime", 15s, 1s, 10min);
  auto sla = node.Object("sla");
  c.sla_first_response = sla.Duration("first_response", 4h, 1min, 40h);
  c.sla_resolution_days = static_cast<int>(sla.Int("resolution_days", 3, 1, 60));
  c.sla_check_interval = sla.Duration("check_interval", 1min, 1s, 1h);
  sla.Finish();
  c.totp_key = node.String("totp_key", "");
  if (!c.totp_key.empty() && !SecretBox::FromBase64Key(c.totp_key)) {
    node.errors().Add(fmt::format("{}.totp_key", node.path()),
                      "expected 32 bytes in base64 (e.g. from `openssl rand -base64 32`)");
  }
  // A year at least: Zammad's one-year deletion is what the issue warns against; ten by default.
  c.audit_retention_days = static_cast<int>(node.Int("audit_retention_days", 3650, 365, 36500));
  c.audit_archive_path = node.String("audit_archive_path", "");
  std::set<std::string> seen;
  node.ObjectArray("officers", [&](core::ConfigNode& o) {
    SeedOfficer s;
    s.username = o.String("username", "", true);
    s.display_name = o.String("display_name", "", true);
    s.agency_code = o.String("agency_code", "", true);
    s.role = o.Enum("role", "officer", {"officer", "supervisor", "admin"});
    s.password = o.String("password", "", true);
    // Short passwords make argon2id pointless; the bound is NIST SP 800-63B's minimum.
    if (!s.password.empty() && s.password.size() < 8) {
      o.errors().Add(fmt::format("{}.password", o.path()), "expected at least 8 characters");
    }
    if (!s.username.empty() && !seen.insert(s.username).second) {
      o.errors().Add(fmt::format("{}.username", o.path()), "duplicate username");
    }
    c.officers.push_back(std::move(s));
  });
  if (c.enabled && c.officers.empty()) {
    node.errors().Add(fmt::format("{}.officers", node.path()), "at least one officer is needed");
  }
  return c;
}

}  // namespace gw::gateway::inbox
