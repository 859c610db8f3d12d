// Login, logout and refusal texts for the officer inbox.
#include "gateway/inbox/inbox.hpp"

#include <fmt/format.h>

#include "core/log.hpp"
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

namespace gw::gateway::inbox {

Inbox::~Inbox() {
  Stop();
}

void Inbox::Start() {
  if (!config_.enabled || bg_thread_.joinable()) return;
  bg_thread_ = std::thread([this] { RunBackground(); });
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
    lock.lock();
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
