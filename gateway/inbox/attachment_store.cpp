// Citizens' files in the inbox: the list per message and the download of a kept one.
#include "gateway/inbox/inbox_store.hpp"

#include <map>

#include "gateway/inbox/inbox_store_internal.hpp"

namespace gw::gateway::inbox {

using namespace detail;

namespace detail {

void AddAttachments(Db& db, std::int64_t conversation, Json& messages) {
  std::map<std::int64_t, Json> by_message;
  Stmt& a = db.Prepare(
      "SELECT a.id, a.message_id, a.filename, a.content_type, a.size, a.dropped_reason "
      "FROM attachments a JOIN messages m ON m.id = a.message_id "
      "WHERE m.conversation_id = ?1 ORDER BY a.id");
  a.Bind(1, conversation);
  while (a.Step()) {
    Json item{{"filename", a.Text(2)}, {"content_type", a.Text(3)}, {"size", a.Int(4)}};
    if (a.IsNull(5)) {
      item["id"] = a.Int(0);
    } else {
      item["dropped_reason"] = a.Text(5);
    }
    by_message[a.Int(1)].push_back(std::move(item));
  }
  for (Json& m : messages) {
    auto it = by_message.find(m["id"].get<std::int64_t>());
    m["attachments"] = it == by_message.end() ? Json::array() : std::move(it->second);
  }
}

}  // namespace detail

core::Result<std::optional<AttachmentFile>> InboxStore::GetAttachment(const std::string& agency,
                                                                      std::int64_t id) {
  std::optional<AttachmentFile> out;
  auto st = db_.RunRead([&](Db& db) {
    Stmt& a = db.Prepare(
        "SELECT a.filename, a.content_type, a.bytes FROM attachments a "
        "JOIN messages m ON m.id = a.message_id JOIN conversations c ON c.id = m.conversation_id "
        "WHERE a.id = ?1 AND c.agency_code = ?2 AND a.bytes IS NOT NULL");
    a.Bind(1, id).Bind(2, agency);
    if (a.Step()) out = AttachmentFile{a.Text(0), a.Text(1), a.Blob(2)};
    a.Reset();
  });
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace gw::gateway::inbox
