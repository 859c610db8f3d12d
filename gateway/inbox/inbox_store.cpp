// SQL for the officer inbox.
#include "gateway/inbox/inbox_store.hpp"

#include <functional>

#include "gateway/inbox/auth.hpp"
#include "gateway/store/message_log.hpp"

namespace gw::gateway::inbox {
namespace {

using store::Db;
using store::Stmt;
using Json = nlohmann::json;

std::int64_t Ms(core::TimePoint t) {
  return core::ToUnixMillis(t);
}

void WriteAudit(Db& db, const Audit& a, std::int64_t at) {
  db.Prepare(
        "INSERT INTO audit_log (officer_id, action, target, detail, remote_addr, at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .Bind(1, a.officer_id)
      .Bind(2, a.action)
      .Bind(3, a.target)
      .Bind(4, a.detail)
      .Bind(5, a.remote_addr)
      .Bind(6, at)
      .Run();
}

struct ConvRow {
  std::string status;
  std::string channel;
  std::string address;
};

// The conversation if it belongs to `agency`; the scope check every action goes through.
std::optional<ConvRow> FindScoped(Db& db, const std::string& agency, std::int64_t id) {
  Stmt& s = db.Prepare(
      "SELECT c.status, c.channel, k.address FROM conversations c "
      "JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?1 AND c.agency_code = ?2");
  s.Bind(1, id).Bind(2, agency);
  if (!s.Step()) return std::nullopt;
  ConvRow r{s.Text(0), s.Text(1), s.Text(2)};
  s.Reset();
  return r;
}

std::optional<Officer> ReadOfficer(Stmt& s) {
  if (!s.Step()) return std::nullopt;
  Officer o{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Int(6) != 0};
  s.Reset();
  return o;
}

Json ConversationSummary(Stmt& s) {
  return Json{{"id", s.Int(0)},
              {"channel", s.Text(1)},
              {"status", s.Text(2)},
              {"assigned_officer_id", s.IsNull(3) ? Json() : Json(s.Int(3))},
              {"citizen_name", s.OptText(4).value_or("")},
              {"address", s.Text(5)},
              {"last_message_at", s.Int(6)},
              {"last_text", s.OptText(7).value_or("")},
              {"overdue", s.Int(8) != 0},
              {"unread", s.Int(9)}};
}

std::string LikePattern(const std::string& q) {
  std::string out = "%";
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

}  // namespace

core::Status InboxStore::SeedOfficers(const std::vector<SeedOfficer>& officers) {
  std::vector<std::string> hashes;
  for (const auto& o : officers) {
    auto h = HashPassword(o.password);
    if (!h.ok()) return h.error();
    hashes.push_back(*h);
  }
  const std::int64_t now = Ms(clock_.Now());
  return db_.RunWrite([&](Db& db) {
    for (std::size_t i = 0; i < officers.size(); ++i) {
      const auto& o = officers[i];
      db.Prepare(
            "INSERT INTO officers (agency_code, username, display_name, role, password_hash, "
            "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (username) DO UPDATE SET "
            "agency_code = excluded.agency_code, display_name = excluded.display_name, "
            "role = excluded.role, password_hash = excluded.password_hash, disabled = 0")
          .Bind(1, o.agency_code)
          .Bind(2, o.username)
          .Bind(3, o.display_name)
          .Bind(4, o.role)
          .Bind(5, hashes[i])
          .Bind(6, now)
          .Run();
    }
  });
}

core::Result<std::optional<Officer>> InboxStore::FindOfficer(const std::string& username) {
  std::optional<Officer> out;
  auto st = db_.RunRead([&](Db& db) {
    Stmt& s = db.Prepare(
        "SELECT id, username, display_name, agency_code, role, password_hash, disabled "
        "FROM officers WHERE username = ?1");
    out = ReadOfficer(s.Bind(1, username));
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<std::optional<Officer>> InboxStore::FindOfficerById(std::int64_t id) {
  std::optional<Officer> out;
  auto st = db_.RunRead([&](Db& db) {
    Stmt& s = db.Prepare(
        "SELECT id, username, display_name, agency_code, role, password_hash, disabled "
        "FROM officers WHERE id = ?1");
    out = ReadOfficer(s.Bind(1, id));
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Status InboxStore::RecordAudit(const Audit& audit) {
  const std::int64_t now = Ms(clock_.Now());
  return db_.RunWrite([&](Db& db) { WriteAudit(db, audit, now); });
}

core::Result<Json> InboxStore::ListConversations(const std::string& agency, const ListFilter& f) {
  Json items = Json::array();
  std::int64_t total = 0;
  const std::int64_t now = Ms(clock_.Now());
  std::optional<std::string> like;
  if (f.query) like = LikePattern(*f.query);
  auto st = db_.RunRead([&](Db& db) {
    // One statement with optional filters (NULL = no filter) keeps the statement cache small.
    Stmt& s = db.Prepare(
        "SELECT c.id, c.channel, c.status, c.assigned_officer_id, z.display_name, k.address, "
        "c.last_message_at, "
        "(SELECT text FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1), "
        "EXISTS (SELECT 1 FROM tickets t WHERE t.conversation_id = c.id AND t.status = 'open' "
        "AND t.due_at < ?1), "
        "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in' "
        "AND m.id > coalesce((SELECT max(id) FROM messages o WHERE o.conversation_id = c.id "
        "AND o.direction = 'out'), 0)), "
        "count(*) OVER () "
        "FROM conversations c JOIN contacts k ON k.id = c.contact_id "
        "JOIN citizens z ON z.id = c.citizen_id "
        "WHERE c.agency_code = ?2 AND (?3 IS NULL OR c.channel = ?3) "
        "AND (?4 IS NULL OR c.status = ?4) AND (?5 IS NULL OR c.assigned_officer_id = ?5) "
        "AND (?6 = 0 OR EXISTS (SELECT 1 FROM tickets t WHERE t.conversation_id = c.id "
        "AND t.status = 'open' AND t.due_at < ?1)) "
        "AND (?7 IS NULL OR z.display_name LIKE ?7 ESCAPE '\\' OR k.address LIKE ?7 ESCAPE '\\' "
        "OR EXISTS (SELECT 1 FROM tickets t WHERE t.conversation_id = c.id "
        "AND t.dossier_code LIKE ?7 ESCAPE '\\') "
        "OR EXISTS (SELECT 1 FROM dossiers d WHERE d.citizen_id = c.citizen_id "
        "AND d.code LIKE ?7 ESCAPE '\\')) "
        "ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?8 OFFSET ?9");
    s.Bind(1, now)
        .Bind(2, agency)
        .Bind(3, f.channel)
        .Bind(4, f.status)
        .Bind(5, f.assigned_to)
        .Bind(6, std::int64_t{f.overdue ? 1 : 0})
        .Bind(7, like)
        .Bind(8, f.limit)
        .Bind(9, f.offset);
    while (s.Step()) {
      items.push_back(ConversationSummary(s));
      total = s.Int(10);
    }
  });
  if (!st.ok()) return st.error();
  return Json{{"items", items}, {"total", total}, {"limit", f.limit}, {"offset", f.offset}};
}

core::Result<std::optional<Json>> InboxStore::GetConversation(const std::string& agency,
                                                              std::int64_t id) {
  std::optional<Json> out;
  auto st = db_.RunRead([&](Db& db) {
    Stmt& c = db.Prepare(
        "SELECT c.id, c.channel, c.status, c.assigned_officer_id, z.display_name, k.address, "
        "c.last_message_at, c.citizen_id, c.opened_at FROM conversations c "
        "JOIN contacts k ON k.id = c.contact_id JOIN citizens z ON z.id = c.citizen_id "
        "WHERE c.id = ?1 AND c.agency_code = ?2");
    c.Bind(1, id).Bind(2, agency);
    if (!c.Step()) return;
    Json j{{"id", c.Int(0)},
           {"channel", c.Text(1)},
           {"status", c.Text(2)},
           {"assigned_officer_id", c.IsNull(3) ? Json() : Json(c.Int(3))},
           {"citizen_name", c.OptText(4).value_or("")},
           {"address", c.Text(5)},
           {"last_message_at", c.Int(6)},
           {"opened_at", c.Int(8)}};
    const std::int64_t citizen = c.Int(7);
    c.Reset();
    Json contacts = Json::array();
    Stmt& k = db.Prepare("SELECT channel, address FROM contacts WHERE citizen_id = ?1 ORDER BY id");
    k.Bind(1, citizen);
    while (k.Step()) contacts.push_back({{"channel", k.Text(0)}, {"address", k.Text(1)}});
    Json messages = Json::array();
    Stmt& m = db.Prepare(
        "SELECT id, direction, channel, text, reason_code, at FROM messages "
        "WHERE conversation_id = ?1 ORDER BY id");
    m.Bind(1, id);
    while (m.Step()) {
      messages.push_back({{"id", m.Int(0)},
                          {"direction", m.Text(1)},
                          {"channel", m.Text(2)},
                          {"text", m.Text(3)},
                          {"reason_code", m.IsNull(4) ? Json() : Json(m.Text(4))},
                          {"at", m.Int(5)}});
    }
    Json notes = Json::array();
    Stmt& n = db.Prepare(
        "SELECT n.id, n.officer_id, o.display_name, n.text, n.at FROM inbox_notes n "
        "JOIN officers o ON o.id = n.officer_id WHERE n.conversation_id = ?1 ORDER BY n.id");
    n.Bind(1, id);
    while (n.Step()) {
      notes.push_back({{"id", n.Int(0)},
                       {"officer_id", n.Int(1)},
                       {"officer_name", n.Text(2)},
                       {"text", n.Text(3)},
                       {"at", n.Int(4)}});
    }
    j["contacts"] = contacts;
    j["messages"] = messages;
    j["notes"] = notes;
    out = std::move(j);
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<Json> InboxStore::Dashboard(const std::string& agency) {
  Json by_status = Json::object(), by_channel = Json::object(), refusals = Json::object();
  std::int64_t overdue = 0;
  const std::int64_t now = Ms(clock_.Now());
  auto st = db_.RunRead([&](Db& db) {
    Stmt& s = db.Prepare(
        "SELECT status, channel, count(*) FROM conversations WHERE agency_code = ?1 "
        "GROUP BY status, channel");
    s.Bind(1, agency);
    while (s.Step()) {
      by_status[s.Text(0)] = by_status.value(s.Text(0), 0) + s.Int(2);
      by_channel[s.Text(1)] = by_channel.value(s.Text(1), 0) + s.Int(2);
    }
    Stmt& o = db.Prepare(
        "SELECT count(*) FROM tickets t JOIN conversations c ON c.id = t.conversation_id "
        "WHERE c.agency_code = ?1 AND t.status = 'open' AND t.due_at < ?2");
    o.Bind(1, agency).Bind(2, now);
    if (o.Step()) overdue = o.Int(0);
    o.Reset();
    Stmt& r = db.Prepare(
        "SELECT m.reason_code, count(*) FROM messages m JOIN conversations c "
        "ON c.id = m.conversation_id WHERE c.agency_code = ?1 AND m.reason_code IS NOT NULL "
        "GROUP BY m.reason_code");
    r.Bind(1, agency);
    while (r.Step()) refusals[r.Text(0)] = r.Int(1);
  });
  if (!st.ok()) return st.error();
  return Json{{"by_status", by_status},
              {"by_channel", by_channel},
              {"overdue_tickets", overdue},
              {"refusals_by_reason", refusals}};
}

core::Result<Json> InboxStore::MessagesSince(const std::string& agency, std::int64_t after_id,
                                             int limit) {
  Json out = Json::array();
  auto st = db_.RunRead([&](Db& db) {
    Stmt& s = db.Prepare(
        "SELECT m.id, m.conversation_id, m.direction, m.channel FROM messages m "
        "JOIN conversations c ON c.id = m.conversation_id "
        "WHERE c.agency_code = ?1 AND m.id > ?2 ORDER BY m.id LIMIT ?3");
    s.Bind(1, agency).Bind(2, after_id).Bind(3, static_cast<std::int64_t>(limit));
    while (s.Step()) {
      out.push_back({{"message_id", s.Int(0)},
                     {"conversation_id", s.Int(1)},
                     {"direction", s.Text(2)},
                     {"channel", s.Text(3)}});
    }
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<std::int64_t> InboxStore::LatestMessageId(const std::string& agency) {
  std::int64_t id = 0;
  auto st = db_.RunRead([&](Db& db) {
    Stmt& s = db.Prepare(
        "SELECT coalesce(max(m.id), 0) FROM messages m JOIN conversations c "
        "ON c.id = m.conversation_id WHERE c.agency_code = ?1");
    s.Bind(1, agency);
    if (s.Step()) id = s.Int(0);
    s.Reset();
  });
  if (!st.ok()) return st.error();
  return id;
}

namespace {

// One officer action on a conversation, in one write: find it within `agency` (another agency's
// reads as absent), refuse a closed one when `open_only`, apply `change`, write the audit row.
core::Result<Outcome> Act(
    store::SqliteStore& db_store, const core::Clock& clock, const std::string& agency,
    std::int64_t conversation, bool open_only, const Audit& audit,
    const std::function<void(Db&, const ConvRow&, std::int64_t now)>& change) {
  Outcome outcome = Outcome::kOk;
  const std::int64_t now = Ms(clock.Now());
  auto st = db_store.RunWrite([&](Db& db) {
    auto conv = FindScoped(db, agency, conversation);
    if (!conv) return void(outcome = Outcome::kNotFound);
    if (open_only && conv->status == "closed") return void(outcome = Outcome::kClosed);
    change(db, *conv, now);
    WriteAudit(db, audit, now);
  });
  if (!st.ok()) return st.error();
  return outcome;
}

}  // namespace

core::Result<Outcome> InboxStore::AppendOfficerMessage(
    const std::string& agency, std::int64_t conversation, std::int64_t officer_id,
    const std::string& text, const std::optional<std::string>& reason_code, const Audit& audit) {
  return Act(
      db_, clock_, agency, conversation, true, audit,
      [&](Db& db, const ConvRow& conv, std::int64_t now) {
        Json payload{{"text", text}, {"officer_id", officer_id}};
        if (reason_code) payload["reason_code"] = *reason_code;
        const std::int64_t seq = store::AppendToLog(
            db,
            store::LogEntry{"out", conv.channel, "caunoi", "officer:" + std::to_string(officer_id),
                            conv.address, now, now, "application/json",
                            payload.dump(-1, ' ', false, Json::error_handler_t::replace)});
        db.Prepare(
              "INSERT INTO messages (conversation_id, direction, channel, text, reason_code, "
              "log_seq, at) VALUES (?1, 'out', ?2, ?3, ?4, ?5, ?6)")
            .Bind(1, conversation)
            .Bind(2, conv.channel)
            .Bind(3, text)
            .Bind(4, reason_code)
            .Bind(5, seq)
            .Bind(6, now)
            .Run();
        db.Prepare(
              "UPDATE conversations SET last_message_at = ?1, status = 'officer', "
              "assigned_officer_id = coalesce(assigned_officer_id, ?2) WHERE id = ?3")
            .Bind(1, now)
            .Bind(2, officer_id)
            .Bind(3, conversation)
            .Run();
      });
}

core::Result<Outcome> InboxStore::AddNote(const std::string& agency, std::int64_t conversation,
                                          std::int64_t officer_id, const std::string& text,
                                          const Audit& audit) {
  // Notes are allowed on closed conversations too (an officer may document after closing).
  return Act(db_, clock_, agency, conversation, false, audit,
             [&](Db& db, const ConvRow&, std::int64_t now) {
               db.Prepare(
                     "INSERT INTO inbox_notes (conversation_id, officer_id, text, at) "
                     "VALUES (?1, ?2, ?3, ?4)")
                   .Bind(1, conversation)
                   .Bind(2, officer_id)
                   .Bind(3, text)
                   .Bind(4, now)
                   .Run();
             });
}

core::Result<Outcome> InboxStore::Assign(const std::string& agency, std::int64_t conversation,
                                         std::int64_t officer_id, const Audit& audit) {
  return Act(db_, clock_, agency, conversation, true, audit,
             [&](Db& db, const ConvRow&, std::int64_t) {
               db.Prepare(
                     "UPDATE conversations SET assigned_officer_id = ?1, status = 'officer' "
                     "WHERE id = ?2")
                   .Bind(1, officer_id)
                   .Bind(2, conversation)
                   .Run();
             });
}

core::Result<Outcome> InboxStore::Close(const std::string& agency, std::int64_t conversation,
                                        const Audit& audit) {
  return Act(
      db_, clock_, agency, conversation, true, audit,
      [&](Db& db, const ConvRow&, std::int64_t now) {
        db.Prepare("UPDATE conversations SET status = 'closed', closed_at = ?1 WHERE id = ?2")
            .Bind(1, now)
            .Bind(2, conversation)
            .Run();
      });
}

core::Result<Outcome> InboxStore::HandBack(const std::string& agency, std::int64_t conversation,
                                           const Audit& audit) {
  return Act(db_, clock_, agency, conversation, true, audit,
             [&](Db& db, const ConvRow&, std::int64_t) {
               db.Prepare(
                     "UPDATE conversations SET status = 'bot', dialog_state = NULL, "
                     "assigned_officer_id = NULL WHERE id = ?1")
                   .Bind(1, conversation)
                   .Run();
             });
}

}  // namespace gw::gateway::inbox
