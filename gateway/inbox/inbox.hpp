// The officer inbox as one object the runner builds: its store, sessions, login throttle, and the
// rules that are not HTTP (login, who may assign whom, the text of a refusal).
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/rejection.hpp"
#include "core/result.hpp"
#include "gateway/http/server.hpp"
#include "gateway/inbox/audit_archive.hpp"
#include "gateway/inbox/auth.hpp"
#include "gateway/inbox/inbox_config.hpp"
#include "gateway/inbox/inbox_store.hpp"
#include "gateway/inbox/sla.hpp"
#include "gateway/inbox/totp.hpp"
#include "locales/catalog.hpp"
#include "routing/calendar.hpp"

namespace gw::gateway::inbox {

// An event for the live streams (GET events) that is not a stored message: SLA escalations.
struct LiveEvent {
  std::int64_t seq = 0;
  std::string agency_code;
  bool supervisors_only = false;  // supervisors and admins of the agency
  std::string type;               // the SSE event name
  nlohmann::json data;
};

class Inbox {
 public:
  // Seeds the configured officers (hashing their passwords) when the inbox is enabled.
  // `catalogs`, `calendar`, `db` and `clock` must outlive the inbox.
  static core::Result<std::unique_ptr<Inbox>> Create(
      const InboxConfig& config, store::SqliteStore& db, const locales::Catalogs& catalogs,
      std::string agency_name, const routing::Calendar& calendar, const core::Clock& clock);
  ~Inbox();

  // Starts the background passes (SLA escalation every config().sla_check_interval; the audit
  // retention pass at the first tick and then daily); Stop() ends them and is idempotent.
  // Nothing runs when the inbox is disabled.
  void Start();
  void Stop();
  // One escalation pass at `now` (the background thread calls it with the clock's time): marks
  // each new SLA breach escalated once, audits it, and pushes an "escalation" event to the
  // agency's supervisors' live streams.
  core::Result<std::vector<Escalation>> EscalateOverdue(core::TimePoint now);

  // Live events after `seq` that `session` may see (its agency; supervisors-only ones for
  // supervisors and admins). Bounded: only the newest kMaxLiveEvents are kept.
  static constexpr std::size_t kMaxLiveEvents = 1000;
  std::vector<LiveEvent> LiveEventsAfter(std::int64_t seq, const Session& session);
  std::int64_t LatestLiveSeq();

  struct LoginOk {
    std::string session_id;
    Session session;
  };
  // Why a login or a TOTP call was refused, beyond its error: how long to wait (429), and the
  // wire code the API answers with when it is more specific than the error class's
  // ("totp_required", "totp_invalid", "totp_unavailable").
  struct Denial {
    std::chrono::seconds retry_after{0};
    std::string wire_code;
  };
  // kUnauthorized for a wrong name or password (the same answer for both); kRateLimited when
  // throttled, with `denial.retry_after` set to the wait. An officer with TOTP enabled must also
  // give `totp_code`: without one kUnauthorized with wire code "totp_required" (not a failure:
  // the password was right); a wrong or already used one "totp_invalid", counted by the
  // throttle like a wrong password. kUnavailable ("totp_unavailable") when the secret cannot be
  // opened (inbox.totp_key missing or changed): the second factor fails closed.
  core::Result<LoginOk> Login(const std::string& username, const std::string& password,
                              const std::optional<std::string>& totp_code,
                              const std::string& remote_addr, Denial& denial);

  // TOTP enrolment of the session's officer. Enrol: a new secret, kept sealed and inactive until
  // confirmed ({"uri", "secret"}); kConflict when already enabled; kUnavailable
  // ("totp_unavailable") without inbox.totp_key. Confirm and disable need a current code; a
  // wrong one is kUnprocessable ("totp_invalid") and counts in the login throttle (kRateLimited
  // while it blocks); kConflict when nothing is pending (confirm) or enabled (disable).
  struct TotpEnrolment {
    std::string uri;
    std::string secret;  // base32
  };
  core::Result<TotpEnrolment> EnrolTotp(const Session& session, const std::string& remote_addr,
                                        Denial& denial);
  core::Status ConfirmTotp(const Session& session, const std::string& code,
                           const std::string& remote_addr, Denial& denial);
  core::Status DisableTotp(const Session& session, const std::string& code,
                           const std::string& remote_addr, Denial& denial);
  // {"available": a key is configured, "enabled", "pending": enrolled, not yet confirmed}.
  core::Result<nlohmann::json> TotpStatus(const Session& session);

  // One audit retention pass at `now` (see audit_archive.hpp); the background thread runs it
  // once a day when inbox.audit_archive_path is set.
  core::Result<ArchiveReport> ArchiveAudit(core::TimePoint now);
  std::optional<Session> FindSession(const std::string& session_id) {
    return sessions_.Find(session_id);
  }
  void Logout(const std::string& session_id, const Session& session,
              const std::string& remote_addr);

  // The citizen-facing refusal: the catalogue's Vietnamese "reason.<code>" text with the
  // officer's words, which fill the reason's slot when it has one and follow it otherwise.
  std::string RejectionText(core::ReasonCode code, const std::string& officer_text) const;

  // A canned reply filled in for a conversation: 404-like nullopt when either is not the
  // agency's. {"text", "unfilled": [names without a value]}.
  core::Result<std::optional<nlohmann::json>> PreviewCanned(const Session& session,
                                                            std::int64_t conversation,
                                                            std::int64_t canned_id);

  const InboxConfig& config() const { return config_; }
  const SlaClock& sla() const { return sla_; }
  InboxStore& store() { return store_; }
  const core::Clock& clock() const { return clock_; }
  // Live event streams now open; bounded by config().max_event_streams.
  std::atomic<int>& event_streams() { return event_streams_; }

 private:
  Inbox(const InboxConfig& config, store::SqliteStore& db, const locales::Catalogs& catalogs,
        std::string agency_name, const routing::Calendar& calendar, const core::Clock& clock);
  void Publish(LiveEvent event);
  void RunBackground();
  void RunDailyArchive();
  // The officer's TOTP state with the secret opened; kUnavailable when it cannot be opened.
  struct OpenTotp {
    TotpState state;
    std::string secret;  // raw bytes; empty when none is stored
  };
  core::Result<OpenTotp> LoadTotp(std::int64_t officer_id, Denial& denial);
  // Checks `code` for a confirm or disable (throttle, verify, use the step, audit).
  core::Status UseCode(const Session& session, const std::string& code, TotpChange change,
                       const std::string& action, const std::string& remote_addr, Denial& denial);

  InboxConfig config_;
  SlaClock sla_;
  InboxStore store_;
  const locales::Catalogs& catalogs_;
  std::string agency_name_;
  const core::Clock& clock_;
  SessionTable sessions_;
  LoginThrottle throttle_;
  std::string dummy_hash_;  // verified against for unknown usernames, so timing tells nothing
  std::optional<SecretBox> totp_box_;  // from inbox.totp_key; none: TOTP cannot be enrolled
  std::atomic<int> event_streams_{0};

  std::mutex live_mu_;
  std::deque<LiveEvent> live_;
  std::int64_t live_seq_ = 0;

  std::mutex bg_mu_;
  std::condition_variable bg_cv_;
  bool bg_stop_ = false;
  core::TimePoint next_archive_at_{};  // the daily audit retention pass (background thread only)
  std::thread bg_thread_;
};

// /inbox (the web UI) and /api/v1/inbox/... ; does nothing when the inbox is disabled.
void RegisterInboxRoutes(http::HttpServer& server, Inbox& inbox);

}  // namespace gw::gateway::inbox
