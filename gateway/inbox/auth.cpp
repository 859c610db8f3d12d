// Passwords, sessions and login throttling for the officer inbox.
#include "gateway/inbox/auth.hpp"

#include <sodium.h>

#include <algorithm>

namespace gw::gateway::inbox {

bool InitCrypto() {
  return sodium_init() >= 0;
}

core::Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return core::MakeError(core::ErrorCode::kInternal, "cannot hash a password",
                           "crypto_pwhash_str failed (out of memory?)");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex, sizeof bytes * 2);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SessionTable::Create(Session session) {
  std::lock_guard lock(mu_);
  const auto now = clock_.Now();
  PurgeExpiredLocked(now);
  session.expires_at = now + ttl_;
  std::string id = RandomToken();
  sessions_[id] = std::move(session);
  return id;
}

std::optional<Session> SessionTable::Find(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires_at <= clock_.Now()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void SessionTable::Remove(const std::string& id) {
  std::lock_guard lock(mu_);
  sessions_.erase(id);
}

std::size_t SessionTable::size() {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

void SessionTable::PurgeExpiredLocked(core::TimePoint now) {
  std::erase_if(sessions_, [now](const auto& kv) { return kv.second.expires_at <= now; });
}

std::chrono::milliseconds LoginThrottle::RetryAfter(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::chrono::milliseconds(0);
  const auto now = clock_.Now();
  if (it->second.blocked_until <= now) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(it->second.blocked_until - now);
}

void LoginThrottle::RecordFailure(const std::string& key) {
  std::lock_guard lock(mu_);
  const auto now = clock_.Now();
  if (entries_.size() >= kMaxKeys && !entries_.contains(key)) {
    auto stalest = std::min_element(
        entries_.begin(), entries_.end(),
        [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
    entries_.erase(stalest);
  }
  Entry& e = entries_[key];
  e.failures += 1;
  e.last = now;
  if (e.failures >= settings_.max_failures) {
    const int doublings = std::min(e.failures - settings_.max_failures, 20);
    auto wait = settings_.base * (std::int64_t{1} << doublings);
    e.blocked_until = now + std::min(wait, settings_.max);
  }
}

void LoginThrottle::RecordSuccess(const std::string& key) {
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

}  // namespace gw::gateway::inbox
