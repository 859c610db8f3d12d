// The IMAP poller's cursors (channels/email/mail_cursor.hpp) in the gateway's SQLite store.
#pragma once

#include "channels/email/mail_cursor.hpp"
#include "gateway/store/sqlite_store.hpp"

namespace gw::gateway::store {

class SqliteMailCursorStore final : public channels::email::MailCursorStore {
 public:
  explicit SqliteMailCursorStore(SqliteStore& store) : store_(store) {}

  core::Result<std::optional<channels::email::MailCursor>> Load(const std::string& key) override;
  // Durable when it returns ok: it goes through the group writer like every write.
  core::Status Save(const std::string& key, const channels::email::MailCursor& cursor) override;

 private:
  SqliteStore& store_;
};

}  // namespace gw::gateway::store
