// Login, logout and refusal texts for the officer inbox.
#include "gateway/inbox/inbox.hpp"

#include <fmt/format.h>

#include "core/log.hpp"
#include "core/thread_name.hpp"
#include "gateway/inbox/canned.hpp"

namespace gw::gateway::inbox {
namespace {

const core::Logger kLog("gateway.inbox");

SlaPolicy PolicyOf(const InboxConfig& c) {
  return SlaPolicy{std::chrono::duration_cast<std::chrono::seconds>(c.sla_first_response),
                   c.sla_resolution_days};
}

}  // namespace

Inbox::Inbox(const InboxConfig& config, store::SqliteStore& db, const locales::Catalogs& catalogs,
             std::string agency_name, const routing::Calendar& calendar, const core::Clock& clock)
    : config_(config),
      sla_(calendar, PolicyOf(config)),
      store_(db, clock, sla_),
      catalogs_(catalogs),
      agency_name_(std::move(agency_name)),
      clock_(clock),
      sessions_(clock, config.session_ttl),
      throttle_(clock,
                ThrottleSettings{config.max_failures, config.lockout_base, config.lockout_max}) {}

core::Result<std::unique_ptr<Inbox>> Inbox::Create(
    const InboxConfig& config, store::SqliteStore& db, const locales::Catalogs& catalogs,
    std::string agency_name, const routing::Calendar& calendar, const core::Clock& clock) {
  std::unique_ptr<Inbox> inbox(
      new Inbox(config, db, catalogs, std::move(agency_name), calendar, clock));
  if (!config.enabled) return inbox;
  if (!InitCrypto()) {
    return core::MakeError(core::ErrorCode::kInternal, "cannot start libsodium");
  }
  if (!config.totp_key.empty()) {
    inbox->totp_box_ = SecretBox::FromBase64Key(config.totp_key);
    if (!inbox->totp_box_) {  // the config parser checked it; an invariant, not input
      return core::MakeError(core::ErrorCode::kInternal, "inbox.totp_key: not 32 bytes in base64");
    }
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
                                          const std::optional<std::string>& totp_code,
                                          const std::string& remote_addr, Denial& denial) {
  const std::string user_key = "user:" + username;
  const std::string addr_key = "addr:" + remote_addr;
  const auto wait = std::max(throttle_.RetryAfter(user_key), throttle_.RetryAfter(addr_key));
  if (wait.count() > 0) {
    denial.retry_after = std::chrono::ceil<std::chrono::seconds>(wait);
    (void)store_.RecordAudit(
        Audit{std::nullopt, "login_throttled", "username:" + username, "", remote_addr});
    return core::MakeError(core::ErrorCode::kRateLimited,
                           "too many failed logins; try again later");
  }
  auto officer = store_.FindOfficer(username);
  if (!officer.ok()) return officer.error();
  const bool known = officer->has_value() && !(*officer)->disabled;
  const bool valid = VerifyPassword(known ? (*officer)->password_hash : dummy_hash_, password);
  auto fail = [&](std::optional<std::int64_t> id, const std::string& detail) -> core::Status {
    throttle_.RecordFailure(user_key);
    throttle_.RecordFailure(addr_key);
    return store_.RecordAudit(
        Audit{id, "login_failed", "username:" + username, detail, remote_addr});
  };
  if (!known || !valid) {
    std::optional<std::int64_t> id;
    if (officer->has_value()) id = (*officer)->id;
    if (auto a = fail(id, ""); !a.ok()) return a.error();
    return core::MakeError(core::ErrorCode::kUnauthorized, "wrong username or password");
  }
  const Officer& o = **officer;
  const Audit login{o.id, "login", "officer:" + std::to_string(o.id), "", remote_addr};
  auto state = store_.GetTotp(o.id);
  if (!state.ok()) return state.error();
  // Only a confirmed second factor is asked for; an unconfirmed enrolment changes nothing.
  if (*state && (*state)->enabled) {
    // The password was right: asking for the code is not a failure (the throttle already
    // counted every wrong password, so this reveals nothing a guess did not cost).
    if (!totp_code || totp_code->empty()) {
      denial.wire_code = "totp_required";
      return core::MakeError(core::ErrorCode::kUnauthorized,
                             "enter the 6-digit code from your authenticator app");
    }
    auto totp = LoadTotp(o.id, denial);
    if (!totp.ok()) return totp.error();
    const auto step = VerifyTotp(totp->secret, *totp_code, clock_.Now(), totp->state.last_step);
    Outcome used = Outcome::kConflict;
    if (step) {
      Audit a = login;
      a.detail = "totp";
      // The step is spent and the login audited in one write: the same code cannot open two
      // sessions, even from two requests at once.
      auto u = store_.UseTotpStep(o.id, *totp->state.sealed_secret, *step, TotpChange::kNone, a);
      if (!u.ok()) return u.error();
      used = *u;
    }
    if (used != Outcome::kOk) {
      if (auto a = fail(o.id, "totp"); !a.ok()) return a.error();
      denial.wire_code = "totp_invalid";
      return core::MakeError(core::ErrorCode::kUnauthorized, "wrong or already used code");
    }
  } else if (auto a = store_.RecordAudit(login); !a.ok()) {
    // Audit before the session exists: a login the audit log cannot record does not happen.
    return a.error();
  }
  throttle_.RecordSuccess(user_key);
  Session s{o.id, o.username, o.display_name, o.agency_code, o.role, RandomToken(), {}};
  std::string id = sessions_.Create(s);
  return LoginOk{std::move(id), std::move(s)};
}

core::Result<Inbox::OpenTotp> Inbox::LoadTotp(std::int64_t officer_id, Denial& denial) {
  auto state = store_.GetTotp(officer_id);
  if (!state.ok()) return state.error();
  if (!*state) return core::MakeError(core::ErrorCode::kNotFound, "no such officer");
  OpenTotp out{**state, {}};
  if (!out.state.sealed_secret) return out;
  std::optional<std::string> secret;
  if (totp_box_) secret = totp_box_->Open(*out.state.sealed_secret);
  if (!secret) {
    denial.wire_code = "totp_unavailable";
    kLog.Error("an officer's TOTP secret cannot be opened: inbox.totp_key is missing or changed",
               {{"officer_id", std::to_string(officer_id)}});
    return core::MakeError(core::ErrorCode::kUnavailable,
                           "the second factor cannot be checked now; contact the administrator");
  }
  out.secret = std::move(*secret);
  return out;
}

core::Result<Inbox::TotpEnrolment> Inbox::EnrolTotp(const Session& session,
                                                    const std::string& remote_addr,
                                                    Denial& denial) {
  if (!totp_box_) {
    denial.wire_code = "totp_unavailable";
    return core::MakeError(core::ErrorCode::kUnavailable,
                           "two-factor sign-in is not available: the server has no "
                           "inbox.totp_key configured");
  }
  const std::string secret = NewTotpSecret();
  const std::string b32 = Base32Encode(secret);
  auto set = store_.SetPendingTotp(
      session.officer_id, totp_box_->Seal(secret),
      Audit{session.officer_id, "totp_enrol", "officer:" + std::to_string(session.officer_id), "",
            remote_addr});
  if (!set.ok()) return set.error();
  if (*set != Outcome::kOk) {
    return core::MakeError(core::ErrorCode::kConflict,
                           "two-factor sign-in is already on; turn it off first");
  }
  return TotpEnrolment{TotpUri("Cầu Nối", session.username, b32), b32};
}

core::Status Inbox::UseCode(const Session& session, const std::string& code, TotpChange change,
                            const std::string& action, const std::string& remote_addr,
                            Denial& denial) {
  const std::string user_key = "user:" + session.username;
  const std::string addr_key = "addr:" + remote_addr;
  const auto wait = std::max(throttle_.RetryAfter(user_key), throttle_.RetryAfter(addr_key));
  if (wait.count() > 0) {
    denial.retry_after = std::chrono::ceil<std::chrono::seconds>(wait);
    return core::MakeError(core::ErrorCode::kRateLimited, "too many wrong codes; try again later");
  }
  auto totp = LoadTotp(session.officer_id, denial);
  if (!totp.ok()) return totp.error();
  if (change == TotpChange::kEnable && (totp->state.enabled || !totp->state.sealed_secret)) {
    return core::MakeError(core::ErrorCode::kConflict, totp->state.enabled
                                                           ? "two-factor sign-in is already on"
                                                           : "nothing to confirm: enrol first");
  }
  if (change == TotpChange::kDisable && !totp->state.enabled) {
    return core::MakeError(core::ErrorCode::kConflict, "two-factor sign-in is not on");
  }
  const Audit audit{session.officer_id, action, "officer:" + std::to_string(session.officer_id), "",
                    remote_addr};
  const auto step = VerifyTotp(totp->secret, code, clock_.Now(), totp->state.last_step);
  Outcome used = Outcome::kConflict;
  if (step) {
    auto u =
        store_.UseTotpStep(session.officer_id, *totp->state.sealed_secret, *step, change, audit);
    if (!u.ok()) return u.error();
    used = *u;
  }
  if (used != Outcome::kOk) {
    // Wrong codes count like wrong passwords, or a stolen session could search the code space.
    throttle_.RecordFailure(user_key);
    throttle_.RecordFailure(addr_key);
    Audit failed = audit;
    failed.action = action + "_failed";
    if (auto a = store_.RecordAudit(failed); !a.ok()) return a.error();
    denial.wire_code = "totp_invalid";
    return core::MakeError(core::ErrorCode::kUnprocessable, "wrong or already used code");
  }
  return core::Ok{};
}

core::Status Inbox::ConfirmTotp(const Session& session, const std::string& code,
                                const std::string& remote_addr, Denial& denial) {
  return UseCode(session, code, TotpChange::kEnable, "totp_confirm", remote_addr, denial);
}

core::Status Inbox::DisableTotp(const Session& session, const std::string& code,
                                const std::string& remote_addr, Denial& denial) {
  return UseCode(session, code, TotpChange::kDisable, "totp_disable", remote_addr, denial);
}

core::Result<nlohmann::json> Inbox::TotpStatus(const Session& session) {
  auto state = store_.GetTotp(session.officer_id);
  if (!state.ok()) return state.error();
  if (!*state) return core::MakeError(core::ErrorCode::kNotFound, "no such officer");
  return nlohmann::json{{"available", totp_box_.has_value()},
                        {"enabled", (*state)->enabled},
                        {"pending", !(*state)->enabled && (*state)->sealed_secret.has_value()}};
}

core::Result<ArchiveReport> Inbox::ArchiveAudit(core::TimePoint now) {
  return ArchiveAuditLog(
      store_.db(), AuditRetention{config_.audit_retention_days, config_.audit_archive_path}, now);
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

namespace gw::gateway::inbox {

Inbox::~Inbox() {
  Stop();
}

void Inbox::Start() {
  if (!config_.enabled || bg_thread_.joinable()) return;
  bg_thread_ = core::StartNamedThread("inbox-bg", [this] { RunBackground(); });
}

void Inbox::Stop() {
  {
    std::lock_guard lock(bg_mu_);
    bg_stop_ = true;
  }
  bg_cv_.notify_all();
  if (bg_thread_.joinable()) bg_thread_.join();
}

void Inbox::RunBackground() {
  if (config_.audit_archive_path.empty()) {
    kLog.Warn("audit retention is off: inbox.audit_archive_path is not set, nothing is deleted");
  }
  std::unique_lock lock(bg_mu_);
  // The first pass comes one interval after the start, like every later one.
  while (!bg_cv_.wait_for(lock, config_.sla_check_interval, [this] { return bg_stop_; })) {
    lock.unlock();
    try {
      if (auto r = EscalateOverdue(clock_.Now()); !r.ok()) {
        kLog.Warn("SLA escalation pass failed; retrying at the next one",
                  {{"error", r.error().message}});
      }
    } catch (const std::exception& e) {
      kLog.Error("SLA escalation pass threw", {{"error", e.what()}});
    }
    try {
      RunDailyArchive();
    } catch (const std::exception& e) {
      kLog.Error("audit retention pass threw", {{"error", e.what()}});
    }
    lock.lock();
  }
}

void Inbox::RunDailyArchive() {
  const auto now = clock_.Now();
  if (config_.audit_archive_path.empty() || now < next_archive_at_) return;
  auto r = ArchiveAudit(now);
  // A failed pass (disk full, path not writable) deleted nothing; try again in an hour.
  next_archive_at_ = now + (r.ok() ? std::chrono::hours(24) : std::chrono::hours(1));
  if (!r.ok()) {
    kLog.Error("audit retention pass failed; nothing deleted, retrying in an hour",
               {{"error", r.error().message}, {"detail", r.error().detail}});
  }
}

core::Result<std::vector<Escalation>> Inbox::EscalateOverdue(core::TimePoint now) {
  auto escalated = store_.EscalateOverdue(now);
  if (!escalated.ok()) return escalated;
  for (const Escalation& e : *escalated) {
    nlohmann::json data{{"conversation_id", e.conversation_id}, {"kind", e.kind}};
    if (e.ticket_id != 0) data["ticket_id"] = e.ticket_id;
    Publish(LiveEvent{0, e.agency_code, true, "escalation", std::move(data)});
  }
  if (!escalated->empty()) {
    kLog.Info("SLA breaches escalated to supervisors",
              {{"count", std::to_string(escalated->size())}});
  }
  return escalated;
}

void Inbox::Publish(LiveEvent event) {
  std::lock_guard lock(live_mu_);
  event.seq = ++live_seq_;
  live_.push_back(std::move(event));
  while (live_.size() > kMaxLiveEvents) live_.pop_front();
}

std::vector<LiveEvent> Inbox::LiveEventsAfter(std::int64_t seq, const Session& session) {
  std::vector<LiveEvent> out;
  const bool supervisor = session.role == "supervisor" || session.role == "admin";
  std::lock_guard lock(live_mu_);
  for (const LiveEvent& e : live_) {
    if (e.seq <= seq || e.agency_code != session.agency_code) continue;
    if (e.supervisors_only && !supervisor) continue;
    out.push_back(e);
  }
  return out;
}

std::int64_t Inbox::LatestLiveSeq() {
  std::lock_guard lock(live_mu_);
  return live_seq_;
}

core::Result<std::optional<nlohmann::json>> Inbox::PreviewCanned(const Session& session,
                                                                 std::int64_t conversation,
                                                                 std::int64_t canned_id) {
  auto body = store_.CannedBody(session.agency_code, canned_id);
  if (!body.ok()) return body.error();
  if (!*body) return std::optional<nlohmann::json>();
  auto ctx = store_.Context(session.agency_code, conversation);
  if (!ctx.ok()) return ctx.error();
  if (!*ctx) return std::optional<nlohmann::json>();
  const Rendered r = RenderCanned(**body, {{"ten_cong_dan", (*ctx)->citizen_name},
                                           {"ma_ho_so", (*ctx)->dossier_code},
                                           {"ten_can_bo", session.display_name},
                                           {"ten_co_quan", agency_name_}});
  return std::optional<nlohmann::json>(nlohmann::json{{"text", r.text}, {"unfilled", r.unfilled}});
}

}  // namespace gw::gateway::inbox
