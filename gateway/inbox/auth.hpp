// Officer authentication: argon2id password hashes (libsodium), server-side sessions with a CSRF
// token each, and login throttling per username and per source address.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace gw::gateway::inbox {

// Must run once before any other function here (sodium_init); false when libsodium cannot start.
bool InitCrypto();

// argon2id with libsodium's "interactive" limits: about 64 MiB and a fraction of a second, which
// bounds how fast a stolen table can be attacked while keeping logins quick. The result embeds
// salt and parameters ("$argon2id$v=19$...").
core::Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);

// 32 random bytes as 64 hex characters (session ids and CSRF tokens).
std::string RandomToken();
// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

struct Session {
  std::int64_t officer_id = 0;
  std::string username;
  std::string display_name;
  std::string agency_code;
  std::string role;
  std::string csrf_token;
  core::TimePoint expires_at{};
};

// In-memory sessions: a restart logs everyone out, which is acceptable for an inbox and keeps
// session ids out of the database (and its backups). Thread-safe.
class SessionTable {
 public:
  SessionTable(const core::Clock& clock, std::chrono::milliseconds ttl)
      : clock_(clock), ttl_(ttl) {}

  // A fresh random id for every login (never reuses one the client offers: no fixation).
  std::string Create(Session session);
  std::optional<Session> Find(const std::string& id);
  void Remove(const std::string& id);
  std::size_t size();

 private:
  void PurgeExpiredLocked(core::TimePoint now);
  const core::Clock& clock_;
  std::chrono::milliseconds ttl_;
  std::mutex mu_;
  std::map<std::string, Session, std::less<>> sessions_;
};

struct ThrottleSettings {
  int max_failures = 5;
  std::chrono::milliseconds base{std::chrono::seconds(30)};
  std::chrono::milliseconds max{std::chrono::hours(1)};
};

// Counts failed logins per key ("user:<name>", "addr:<ip>"). After `max_failures` failures the
// key is blocked for base, then 2×base, 4×base... up to `max`. A success clears the key.
// Bounded: at most kMaxKeys keys are kept, the stalest dropped first. Thread-safe.
class LoginThrottle {
 public:
  static constexpr std::size_t kMaxKeys = 10000;
  LoginThrottle(const core::Clock& clock, ThrottleSettings settings)
      : clock_(clock), settings_(settings) {}

  // How long `key` must still wait; zero when it may try now.
  std::chrono::milliseconds RetryAfter(const std::string& key);
  void RecordFailure(const std::string& key);
  void RecordSuccess(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    core::TimePoint blocked_until{};
    core::TimePoint last{};
  };
  const core::Clock& clock_;
  ThrottleSettings settings_;
  std::mutex mu_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace gw::gateway::inbox
