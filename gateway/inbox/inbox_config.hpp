// The officer inbox's config section: seeded accounts, session lifetime and login throttling.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/config_reader.hpp"

namespace gw::gateway::inbox {

struct SeedOfficer {
  std::string username;
  std::string display_name;
  std::string agency_code;
  std::string role;      // "officer", "supervisor" or "admin"
  std::string password;  // plain text from ${ENV} (or a DEMO ONLY fixed value); hashed at start
};

struct InboxConfig {
  bool enabled = false;
  std::vector<SeedOfficer> officers;
  std::chrono::milliseconds session_ttl{std::chrono::hours(8)};
  // Failures allowed per username and per source address before logins are refused with 429;
  // each further failure doubles the wait, starting at `lockout_base`, capped at `lockout_max`.
  int max_failures = 5;
  std::chrono::milliseconds lockout_base{std::chrono::seconds(30)};
  std::chrono::milliseconds lockout_max{std::chrono::hours(1)};
  // Add `Secure` to the session cookie. Set it when a TLS terminator fronts the gateway; a
  // request carrying `X-Forwarded-Proto: https` gets it regardless.
  bool secure_cookie = false;
  // Server-Sent Events: how many streams at once (each holds an HTTP worker thread) and how long
  // one lasts before the browser reconnects (bounds shutdown time).
  int max_event_streams = 8;
  std::chrono::milliseconds event_stream_lifetime{std::chrono::seconds(15)};
  // SLA clocks on the working-day calendar (office time): first officer answer and resolution
  // of a conversation handed to officers; how often the escalation pass runs.
  std::chrono::milliseconds sla_first_response{std::chrono::hours(4)};
  int sla_resolution_days = 3;
  std::chrono::milliseconds sla_check_interval{std::chrono::minutes(1)};
  // The key that seals officers' TOTP secrets at rest: 32 bytes, base64 (from ${ENV}). Empty:
  // nobody can enrol, and officers who did cannot log in until the key is back (fail closed).
  std::string totp_key;
  // Audit retention: entries older than this many days are appended to `audit_archive_path`
  // (JSON lines, fsync'ed) and then deleted, once a day and by `caunoi audit-archive`. Without a
  // path nothing is ever deleted.
  int audit_retention_days = 3650;
  std::string audit_archive_path;
};

// Parses the "inbox" object; errors go to node.errors(). The caller calls node.Finish().
InboxConfig ParseInboxConfig(core::ConfigNode& node);

}  // namespace gw::gateway::inbox
