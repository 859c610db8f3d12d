// The officer inbox's conversation reads: the filtered list, one conversation with the
// citizen's history, and the message ids behind live updates.
#include "gateway/inbox/inbox_store.hpp"

#include "gateway/inbox/inbox_store_internal.hpp"

namespace gw::gateway::inbox {

using namespace detail;

namespace {

Json OptJson(const std::optional<std::int64_t>& v) {
  return v ? Json(*v) : Json();
}

// The SLA clocks of one conversation as the API shows them; null when it never came to officers
// and has no complaint. The overdue flags match the SQL filter (see SlaClock's cut-offs).
Json SlaJson(const SlaClock& sla, std::int64_t now, const std::string& status,
             std::optional<std::int64_t> started, std::optional<std::int64_t> first_response,
             std::optional<std::int64_t> resolved, std::optional<std::int64_t> complaint_due,
             bool escalated) {
  if (!started && !complaint_due) return Json();
  Json j{{"started_at", OptJson(started)},   {"first_response_at", OptJson(first_response)},
         {"resolved_at", OptJson(resolved)}, {"complaint_due_at", OptJson(complaint_due)},
         {"first_response_due_at", nullptr}, {"resolution_due_at", nullptr},
         {"first_response_overdue", false},  {"resolution_overdue", false},
         {"complaint_overdue", false},       {"escalated", escalated}};
  const bool active = status == "officer" && !resolved;
  if (started) {
    const auto from = core::FromUnixMillis(*started);
    const std::int64_t fr_due = Ms(sla.FirstResponseDue(from));
    const std::int64_t res_due = Ms(sla.ResolutionDue(from));
    j["first_response_due_at"] = fr_due;
    j["resolution_due_at"] = res_due;
    j["first_response_overdue"] = active && !first_response && fr_due <= now;
    j["resolution_overdue"] = active && res_due <= now;
  }
  j["complaint_overdue"] = complaint_due.has_value() && *complaint_due < now;
  return j;
}

bool AnyOverdue(const Json& sla) {
  return sla.is_object() &&
         (sla["first_response_overdue"].get<bool>() || sla["resolution_overdue"].get<bool>() ||
          sla["complaint_overdue"].get<bool>());
}

// The columns every conversation read selects after its own, for SlaJson; `c` and `s` are the
// conversation and its inbox_sla row (LEFT JOIN).
#define GW_SLA_COLUMNS                                                                           \
  "s.started_at, s.first_response_at, s.resolved_at, "                                           \
  "(SELECT min(t.due_at) FROM tickets t WHERE t.conversation_id = c.id AND t.status = 'open'), " \
  "EXISTS (SELECT 1 FROM inbox_escalations e WHERE e.conversation_id = c.id) "

Json SlaFromRow(const SlaClock& sla, std::int64_t now, const std::string& status, Stmt& s,
                int col) {
  return SlaJson(sla, now, status, OptInt(s, col), OptInt(s, col + 1), OptInt(s, col + 2),
                 OptInt(s, col + 3), s.Int(col + 4) != 0);
}

Json ConversationSummary(const SlaClock& sla, std::int64_t now, Stmt& s) {
  Json j{{"id", s.Int(0)},
         {"channel", s.Text(1)},
         {"status", s.Text(2)},
         {"assigned_officer_id", s.IsNull(3) ? Json() : Json(s.Int(3))},
         {"citizen_name", s.OptText(4).value_or("")},
         {"address", s.Text(5)},
         {"last_message_at", s.Int(6)},
         {"last_text", s.OptText(7).value_or("")},
         {"unread", s.Int(8)}};
  j["sla"] = SlaFromRow(sla, now, s.Text(2), s, 10);
  j["overdue"] = AnyOverdue(j["sla"]);
  return j;
}

std::string LikePattern(const std::string& q) {
  std::string out = "%";
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

// At most this many other conversations, and this many newest messages of each, in the history.
constexpr std::int64_t kHistoryConversations = 20;
constexpr std::int64_t kHistoryMessages = 200;

// "The citizen's full history across channels": the citizen's other conversations in `agency`
// (on any of their contacts, merged ones included), newest first, each with its messages.
// Another agency's conversations with the same citizen are not shown: scope is per agency.
Json CitizenHistory(Db& db, const std::string& agency, std::int64_t citizen, std::int64_t except) {
  Json out = Json::array();
  Stmt& c = db.Prepare(
      "SELECT c.id, c.channel, c.status, k.address, c.opened_at, c.last_message_at "
      "FROM conversations c JOIN contacts k ON k.id = c.contact_id "
      "WHERE c.citizen_id = ?1 AND c.agency_code = ?2 AND c.id <> ?3 "
      "ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?4");
  c.Bind(1, citizen).Bind(2, agency).Bind(3, except).Bind(4, kHistoryConversations);
  while (c.Step()) {
    out.push_back({{"id", c.Int(0)},
                   {"channel", c.Text(1)},
                   {"status", c.Text(2)},
                   {"address", c.Text(3)},
                   {"opened_at", c.Int(4)},
                   {"last_message_at", c.Int(5)},
                   {"messages", Json::array()}});
  }
  c.Reset();
  for (Json& conv : out) {
    Stmt& m = db.Prepare(
        "SELECT id, direction, channel, text, reason_code, at FROM (SELECT * FROM messages "
        "WHERE conversation_id = ?1 ORDER BY id DESC LIMIT ?2) ORDER BY id");
    m.Bind(1, conv["id"].get<std::int64_t>()).Bind(2, kHistoryMessages);
    while (m.Step()) {
      conv["messages"].push_back({{"id", m.Int(0)},
                                  {"direction", m.Text(1)},
                                  {"channel", m.Text(2)},
                                  {"text", m.Text(3)},
                                  {"reason_code", m.IsNull(4) ? Json() : Json(m.Text(4))},
                                  {"at", m.Int(5)}});
    }
    AddAttachments(db, conv["id"].get<std::int64_t>(), conv["messages"]);
  }
  return out;
}

}  // namespace

core::Result<Json> InboxStore::ListConversations(const std::string& agency, const ListFilter& f) {
  Json items = Json::array();
  std::int64_t total = 0;
  const auto now_tp = clock_.Now();
  const std::int64_t now = Ms(now_tp);
  const std::int64_t fr_cutoff = sla_.FirstResponseCutoff(now_tp);
  const std::int64_t res_cutoff = sla_.ResolutionCutoff(now_tp);
  std::optional<std::string> like;
  if (f.query) like = LikePattern(*f.query);
  auto st = db_.RunRead([&](Db& db) {
    // One statement with optional filters (NULL = no filter) keeps the statement cache small.
    // Overdue: a first answer or a resolution past its deadline (start <= cut-off, see
    // SlaClock), or an open complaint past its own due time.
    Stmt& s = db.Prepare(
        "SELECT c.id, c.channel, c.status, c.assigned_officer_id, z.display_name, k.address, "
        "c.last_message_at, "
        "(SELECT text FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1), "
        "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in' "
        "AND m.id > coalesce((SELECT max(id) FROM messages o WHERE o.conversation_id = c.id "
        "AND o.direction = 'out'), 0)), "
        "count(*) OVER (), " GW_SLA_COLUMNS
        "FROM conversations c JOIN contacts k ON k.id = c.contact_id "
        "JOIN citizens z ON z.id = c.citizen_id "
        "LEFT JOIN inbox_sla s ON s.conversation_id = c.id "
        "WHERE c.agency_code = ?2 AND (?3 IS NULL OR c.channel = ?3) "
        "AND (?4 IS NULL OR c.status = ?4) AND (?5 IS NULL OR c.assigned_officer_id = ?5) "
        "AND (?6 = 0 OR (c.status = 'officer' AND s.resolved_at IS NULL AND "
        "((s.first_response_at IS NULL AND s.started_at <= ?10) OR s.started_at <= ?11)) "
        "OR EXISTS (SELECT 1 FROM tickets t WHERE t.conversation_id = c.id "
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
        .Bind(9, f.offset)
        .Bind(10, fr_cutoff)
        .Bind(11, res_cutoff);
    while (s.Step()) {
      items.push_back(ConversationSummary(sla_, now, s));
      total = s.Int(9);
    }
  });
  if (!st.ok()) return st.error();
  return Json{{"items", items}, {"total", total}, {"limit", f.limit}, {"offset", f.offset}};
}

core::Result<std::optional<Json>> InboxStore::GetConversation(const std::string& agency,
                                                              std::int64_t id) {
  std::optional<Json> out;
  const std::int64_t now = Ms(clock_.Now());
  auto st = db_.RunRead([&](Db& db) {
    Stmt& c = db.Prepare(
        "SELECT c.id, c.channel, c.status, c.assigned_officer_id, z.display_name, k.address, "
        "c.last_message_at, c.citizen_id, c.opened_at, " GW_SLA_COLUMNS
        "FROM conversations c "
        "JOIN contacts k ON k.id = c.contact_id JOIN citizens z ON z.id = c.citizen_id "
        "LEFT JOIN inbox_sla s ON s.conversation_id = c.id "
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
    j["sla"] = SlaFromRow(sla_, now, c.Text(2), c, 9);
    j["overdue"] = AnyOverdue(j["sla"]);
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
    AddAttachments(db, id, messages);
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
    j["citizen_id"] = citizen;
    j["history"] = CitizenHistory(db, agency, citizen, id);
    j["merges"] = ActiveMerges(db, agency, citizen);
    out = std::move(j);
  });
  if (!st.ok()) return st.error();
  return out;
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

}  // namespace gw::gateway::inbox
