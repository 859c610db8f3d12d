// Login, logout and refusal texts for the officer inbox.
#include "gateway/inbox/inbox.hpp"

#include <fmt/format.h>

namespace gw::gateway::inbox {

Inbox::Inbox(const InboxConfig& config, store::SqliteStore& db, const locales::Catalogs& catalogs,
             std::string agency_name, const core::Clock& clock)
    : config_(config),
      store_(db, clock),
      catalogs_(catalogs),
      agency_name_(std::move(agency_name)),
      clock_(clock),
      sessions_(clock, config.session_ttl),
      throttle_(clock,
                ThrottleSettings{config.max_failures, config.lockout_base, config.lockout_max}) {}

core::Result<std::unique_ptr<Inbox>> Inbox::Create(const InboxConfig& config,
                                                   store::SqliteStore& db,
                                                   const locales::Catalogs& catalogs,
                                                   std::string agency_name,
                                                   const core::Clock& clock) {
  std::unique_ptr<Inbox> inbox(new Inbox(config, db, catalogs, std::move(agency_name), clock));
  if (!config.enabled) return inbox;
  if (!InitCrypto()) {
    return core::MakeError(core::ErrorCode::kInternal, "cannot start libsodium");
  }
  auto dummy = HashPassword(RandomToken());
  if (!dummy.ok()) return dummy.error();
  inbox->dummy_hash_ = *dummy;
  if (auto seeded = inbox->store_.SeedOfficers(config.officers); !seeded.ok()) {
    return seeded.error();
  }
  return inbox;
}

core::Result<Inbox::LoginOk> Inbox::Login(const std::string& username, const std::string& password,
                                          const std::string& remote_addr,
                                          std::chrono::seconds& retry_after) {
  const std::string user_key = "user:" + username;
  const std::string addr_key = "addr:" + remote_addr;
  const auto wait = std::max(throttle_.RetryAfter(user_key), throttle_.RetryAfter(addr_key));
  if (wait.count() > 0) {
    retry_after = std::chrono::ceil<std::chrono::seconds>(wait);
    (void)store_.RecordAudit(
        Audit{std::nullopt, "login_throttled", "username:" + username, "", remote_addr});
    return core::MakeError(core::ErrorCode::kRateLimited,
                           "too many failed logins; try again later");
  }
  auto officer = store_.FindOfficer(username);
  if (!officer.ok()) return officer.error();
  const bool known = officer->has_value() && !(*officer)->disabled;
  const bool valid = VerifyPassword(known ? (*officer)->password_hash : dummy_hash_, password);
  if (!known || !valid) {
    throttle_.RecordFailure(user_key);
    throttle_.RecordFailure(addr_key);
    std::optional<std::int64_t> id;
    if (officer->has_value()) id = (*officer)->id;
    if (auto a =
            store_.RecordAudit(Audit{id, "login_failed", "username:" + username, "", remote_addr});
        !a.ok()) {
      return a.error();
    }
    return core::MakeError(core::ErrorCode::kUnauthorized, "wrong username or password");
  }
  throttle_.RecordSuccess(user_key);
  const Officer& o = **officer;
  Session s{o.id, o.username, o.display_name, o.agency_code, o.role, RandomToken(), {}};
  // Audit before the session exists: a login the audit log cannot record does not happen.
  if (auto a = store_.RecordAudit(
          Audit{o.id, "login", "officer:" + std::to_string(o.id), "", remote_addr});
      !a.ok()) {
    return a.error();
  }
  std::string id = sessions_.Create(s);
  return LoginOk{std::move(id), std::move(s)};
}

void Inbox::Logout(const std::string& session_id, const Session& session,
                   const std::string& remote_addr) {
  sessions_.Remove(session_id);
  (void)store_.RecordAudit(Audit{session.officer_id, "logout",
                                 "officer:" + std::to_string(session.officer_id), "", remote_addr});
}

std::string Inbox::RejectionText(core::ReasonCode code, const std::string& officer_text) const {
  const std::string key = fmt::format("reason.{}", core::ReasonCodeName(code));
  // Every slot but {agency} is where a refusal names its particulars: the officer's words.
  const locales::MessageArgs args = {{"agency", agency_name_}, {"right_agency", officer_text},
                                     {"code", officer_text},   {"expected", officer_text},
                                     {"reason", officer_text}, {"minutes", officer_text},
                                     {"detail", officer_text}};
  std::string text = catalogs_.vi().Format(key, args);
  if (text.find(officer_text) == std::string::npos) text += "\n" + officer_text;
  return text;
}

}  // namespace gw::gateway::inbox
