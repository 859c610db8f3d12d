// Where the IMAP poller keeps its place in a mailbox between polls and restarts.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace gw::channels::email {

// Every message with a UID above last_uid in the mailbox with this UIDVALIDITY is still to be
// read; the ones at or below it were handed over and accepted.
struct MailCursor {
  std::uint32_t uidvalidity = 0;
  std::uint32_t last_uid = 0;
  bool operator==(const MailCursor&) const = default;
};

// The poller's persistence port (the gateway implements it over its store). `key` names the
// mailbox ("user@host:port/INBOX"). Save MUST be durable when it returns ok: a mail accepted
// before a crash is otherwise read again (intake then deduplicates it by Message-ID). Called
// from the poller's thread only; implementations need not be thread-safe beyond that.
class MailCursorStore {
 public:
  virtual ~MailCursorStore() = default;
  // nullopt: nothing saved yet for this mailbox (the poller then starts from UID 1).
  virtual core::Result<std::optional<MailCursor>> Load(const std::string& key) = 0;
  virtual core::Status Save(const std::string& key, const MailCursor& cursor) = 0;
};

// For tests and for running without a store (a restart then re-reads the whole mailbox).
class InMemoryCursorStore final : public MailCursorStore {
 public:
  core::Result<std::optional<MailCursor>> Load(const std::string& key) override {
    std::lock_guard lock(mu_);
    auto it = cursors_.find(key);
    if (it == cursors_.end()) return std::optional<MailCursor>();
    return std::optional<MailCursor>(it->second);
  }
  core::Status Save(const std::string& key, const MailCursor& cursor) override {
    std::lock_guard lock(mu_);
    cursors_[key] = cursor;
    return core::Ok{};
  }

 private:
  std::mutex mu_;
  std::map<std::string, MailCursor> cursors_;
};

}  // namespace gw::channels::email
