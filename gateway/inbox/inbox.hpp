// The officer inbox as one object the runner builds: its store, sessions, login throttle, and the
// rules that are not HTTP (login, who may assign whom, the text of a refusal).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/rejection.hpp"
#include "core/result.hpp"
#include "gateway/http/server.hpp"
#include "gateway/inbox/auth.hpp"
#include "gateway/inbox/inbox_config.hpp"
#include "gateway/inbox/inbox_store.hpp"
#include "locales/catalog.hpp"

namespace gw::gateway::inbox {

class Inbox {
 public:
  // Seeds the configured officers (hashing their passwords) when the inbox is enabled.
  static core::Result<std::unique_ptr<Inbox>> Create(const InboxConfig& config,
                                                     store::SqliteStore& db,
                                                     const locales::Catalogs& catalogs,
                                                     std::string agency_name,
                                                     const core::Clock& clock);

  struct LoginOk {
    std::string session_id;
    Session session;
  };
  // kUnauthorized for a wrong name or password (the same answer for both); kRateLimited when
  // throttled, with `retry_after` set to the wait.
  core::Result<LoginOk> Login(const std::string& username, const std::string& password,
                              const std::string& remote_addr, std::chrono::seconds& retry_after);
  std::optional<Session> FindSession(const std::string& session_id) {
    return sessions_.Find(session_id);
  }
  void Logout(const std::string& session_id, const Session& session,
              const std::string& remote_addr);

  // The citizen-facing refusal: the catalogue's Vietnamese "reason.<code>" text with the
  // officer's words, which fill the reason's slot when it has one and follow it otherwise.
  std::string RejectionText(core::ReasonCode code, const std::string& officer_text) const;

  const InboxConfig& config() const { return config_; }
  InboxStore& store() { return store_; }
  const core::Clock& clock() const { return clock_; }
  // Live event streams now open; bounded by config().max_event_streams.
  std::atomic<int>& event_streams() { return event_streams_; }

 private:
  Inbox(const InboxConfig& config, store::SqliteStore& db, const locales::Catalogs& catalogs,
        std::string agency_name, const core::Clock& clock);

  InboxConfig config_;
  InboxStore store_;
  const locales::Catalogs& catalogs_;
  std::string agency_name_;
  const core::Clock& clock_;
  SessionTable sessions_;
  LoginThrottle throttle_;
  std::string dummy_hash_;  // verified against for unknown usernames, so timing tells nothing
  std::atomic<int> event_streams_{0};
};

// /inbox (the web UI) and /api/v1/inbox/... ; does nothing when the inbox is disabled.
void RegisterInboxRoutes(http::HttpServer& server, Inbox& inbox);

}  // namespace gw::gateway::inbox
