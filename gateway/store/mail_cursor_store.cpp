// Mail cursors in SQLite.
#include "gateway/store/mail_cursor_store.hpp"

#include <chrono>

namespace gw::gateway::store {

core::Result<std::optional<channels::email::MailCursor>> SqliteMailCursorStore::Load(
    const std::string& key) {
  std::optional<channels::email::MailCursor> out;
  auto st = store_.RunRead([&](Db& db) {
    Stmt& s = db.Prepare("SELECT uidvalidity, last_uid FROM mail_cursors WHERE mailbox = ?1");
    s.Bind(1, key);
    if (s.Step()) {
      out = channels::email::MailCursor{static_cast<std::uint32_t>(s.Int(0)),
                                        static_cast<std::uint32_t>(s.Int(1))};
    }
    s.Reset();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Status SqliteMailCursorStore::Save(const std::string& key,
                                         const channels::email::MailCursor& cursor) {
  const auto now = core::ToUnixMillis(std::chrono::system_clock::now());
  return store_.RunWrite(
      [&](Db& db) {
        db.Prepare(
              "INSERT INTO mail_cursors (mailbox, uidvalidity, last_uid, updated_at) "
              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (mailbox) DO UPDATE SET "
              "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
              "updated_at = excluded.updated_at")
            .Bind(1, key)
            .Bind(2, std::int64_t{cursor.uidvalidity})
            .Bind(3, std::int64_t{cursor.last_uid})
            .Bind(4, now)
            .Run();
      },
      SqliteStore::Touches::kNoConversations);
}

}  // namespace gw::gateway::store
