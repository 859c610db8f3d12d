// SQL for the officer inbox.
#include "gateway/inbox/inbox_store.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "gateway/delivery/outbound_codec.hpp"
#include "gateway/inbox/auth.hpp"
#include "gateway/inbox/dashboard.hpp"
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
  std::int64_t citizen_id = 0;
  std::int64_t contact_id = 0;
};

// The conversation if it belongs to `agency`; the scope check every action goes through.
std::optional<ConvRow> FindScoped(Db& db, const std::string& agency, std::int64_t id) {
  Stmt& s = db.Prepare(
      "SELECT c.status, c.channel, k.address, c.citizen_id, c.contact_id FROM conversations c "
      "JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?1 AND c.agency_code = ?2");
  s.Bind(1, id).Bind(2, agency);
  if (!s.Step()) return std::nullopt;
  ConvRow r{s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4)};
  s.Reset();
  return r;
}

std::optional<Officer> ReadOfficer(Stmt& s) {
  if (!s.Step()) return std::nullopt;
  Officer o{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Int(6) != 0};
  s.Reset();
  return o;
}

std::optional<std::int64_t> OptInt(Stmt& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.Int(col);
}

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

namespace {

// At most this many other conversations, and this many newest messages of each, in the history.
constexpr std::int64_t kHistoryConversations = 20;
constexpr std::int64_t kHistoryMessages = 200;

// Adds "attachments" to each message of `messages` (all of one conversation): what the citizen
// sent with it, kept ({id, filename, content_type, size}) or dropped (with "dropped_reason" and
// no id to download). Never the bytes.
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

// Merges into `citizen` made in `agency` and not undone: what an officer may un-merge here.
Json ActiveMerges(Db& db, const std::string& agency, std::int64_t citizen) {
  Json out = Json::array();
  Stmt& g = db.Prepare(
      "SELECT g.id, g.from_citizen_id, g.merged_at, coalesce(o.display_name, '') "
      "FROM contact_merges g LEFT JOIN officers o ON o.id = g.merged_by "
      "WHERE g.into_citizen_id = ?1 AND g.agency_code = ?2 AND g.unmerged_at IS NULL "
      "ORDER BY g.id");
  g.Bind(1, citizen).Bind(2, agency);
  while (g.Step()) {
    out.push_back({{"id", g.Int(0)},
                   {"from_citizen_id", g.Int(1)},
                   {"merged_at", g.Int(2)},
                   {"merged_by", g.Text(3)},
                   {"contacts", Json::array()}});
  }
  g.Reset();
  for (Json& merge : out) {
    Stmt& k = db.Prepare(
        "SELECT k.channel, k.address FROM contact_merge_items i JOIN contacts k "
        "ON k.id = i.contact_id WHERE i.merge_id = ?1 ORDER BY k.id");
    k.Bind(1, merge["id"].get<std::int64_t>());
    while (k.Step()) merge["contacts"].push_back({{"channel", k.Text(0)}, {"address", k.Text(1)}});
  }
  return out;
}

}  // namespace

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

core::Result<Json> InboxStore::Dashboard(const std::optional<std::string>& agency) {
  Json by_status = Json::object(), by_channel = Json::object(), by_procedure = Json::object();
  Json refusals = Json::object(), sat_channel = Json::object(), sat_procedure = Json::object();
  std::int64_t overdue = 0;
  std::vector<std::int64_t> first_times, resolution_times;
  std::int64_t first_on_time = 0, resolution_on_time = 0;
  const std::int64_t now = Ms(clock_.Now());
  auto add_rating = [](Json& by, const std::string& key, const std::string& score, std::int64_t n) {
    Json& row = by[key];
    if (row.is_null())
      row = {{"rat_hai_long", 0}, {"hai_long", 0}, {"khong_hai_long", 0}, {"total", 0}};
    row[score] = row[score].get<std::int64_t>() + n;
    row["total"] = row["total"].get<std::int64_t>() + n;
  };
  auto st = db_.RunRead([&](Db& db) {
    // The procedure is what the dialog identified ("procedure" slot), when it did.
    Stmt& s = db.Prepare(
        "SELECT status, channel, coalesce(json_extract(dialog_state, '$.slots.procedure'), ''), "
        "count(*) FROM conversations WHERE (?1 IS NULL OR agency_code = ?1) "
        "AND agency_code IS NOT NULL GROUP BY 1, 2, 3");
    s.Bind(1, agency);
    while (s.Step()) {
      const std::int64_t n = s.Int(3);
      std::string procedure = s.Text(2);
      if (procedure.empty()) procedure = "unknown";
      by_status[s.Text(0)] = by_status.value(s.Text(0), std::int64_t{0}) + n;
      by_channel[s.Text(1)] = by_channel.value(s.Text(1), std::int64_t{0}) + n;
      by_procedure[procedure] = by_procedure.value(procedure, std::int64_t{0}) + n;
    }
    Stmt& o = db.Prepare(
        "SELECT count(*) FROM tickets t JOIN conversations c ON c.id = t.conversation_id "
        "WHERE (?1 IS NULL OR c.agency_code = ?1) AND c.agency_code IS NOT NULL "
        "AND t.status = 'open' AND t.due_at < ?2");
    o.Bind(1, agency).Bind(2, now);
    if (o.Step()) overdue = o.Int(0);
    o.Reset();
    Stmt& r = db.Prepare(
        "SELECT m.reason_code, count(*) FROM messages m JOIN conversations c "
        "ON c.id = m.conversation_id WHERE (?1 IS NULL OR c.agency_code = ?1) "
        "AND c.agency_code IS NOT NULL AND m.reason_code IS NOT NULL GROUP BY m.reason_code");
    r.Bind(1, agency);
    while (r.Step()) refusals[r.Text(0)] = r.Int(1);
    Stmt& t = db.Prepare(
        "SELECT s.started_at, s.first_response_at, s.resolved_at FROM inbox_sla s "
        "JOIN conversations c ON c.id = s.conversation_id "
        "WHERE (?1 IS NULL OR c.agency_code = ?1) AND c.agency_code IS NOT NULL "
        "AND (s.first_response_at IS NOT NULL OR s.resolved_at IS NOT NULL)");
    t.Bind(1, agency);
    while (t.Step()) {
      const auto started = core::FromUnixMillis(t.Int(0));
      if (!t.IsNull(1)) {
        const auto at = core::FromUnixMillis(t.Int(1));
        first_times.push_back(sla_.WorkingTimeBetween(started, at).count());
        if (at <= sla_.FirstResponseDue(started)) ++first_on_time;
      }
      if (!t.IsNull(2)) {
        const auto at = core::FromUnixMillis(t.Int(2));
        resolution_times.push_back(sla_.WorkingTimeBetween(started, at).count());
        if (at <= sla_.ResolutionDue(started)) ++resolution_on_time;
      }
    }
    Stmt& g = db.Prepare(
        "SELECT r.channel, coalesce(r.procedure_code, ''), r.score, count(*) FROM ratings r "
        "JOIN conversations c ON c.id = r.conversation_id "
        "WHERE (?1 IS NULL OR c.agency_code = ?1) AND c.agency_code IS NOT NULL "
        "GROUP BY 1, 2, 3");
    g.Bind(1, agency);
    while (g.Step()) {
      std::string procedure = g.Text(1);
      if (procedure.empty()) procedure = "unknown";
      add_rating(sat_channel, g.Text(0), g.Text(2), g.Int(3));
      add_rating(sat_procedure, procedure, g.Text(2), g.Int(3));
    }
  });
  if (!st.ok()) return st.error();
  auto times = [](const std::vector<std::int64_t>& v, std::int64_t on_time) {
    const auto median = Percentile(v, 50);
    const auto p90 = Percentile(v, 90);
    return Json{
        {"count", v.size()},
        {"median_s", median ? Json(*median) : Json()},
        {"p90_s", p90 ? Json(*p90) : Json()},
        {"on_time", on_time},
        {"on_time_rate",
         v.empty() ? Json() : Json(static_cast<double>(on_time) / static_cast<double>(v.size()))}};
  };
  return Json{{"scope", agency ? Json(*agency) : Json("all")},
              {"by_status", by_status},
              {"by_channel", by_channel},
              {"by_procedure", by_procedure},
              {"overdue_tickets", overdue},
              {"refusals_by_reason", refusals},
              {"first_response", times(first_times, first_on_time)},
              {"resolution", times(resolution_times, resolution_on_time)},
              {"satisfaction_by_channel", sat_channel},
              {"satisfaction_by_procedure", sat_procedure},
              {"sla",
               {{"first_response_s", sla_.policy().first_response.count()},
                {"resolution_days", sla_.policy().resolution_days}}}};
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

// The officers' part of the conversation ends (closed or back to the bot): the SLA cycle stops.
void MarkResolved(Db& db, std::int64_t conversation, std::int64_t now) {
  db.Prepare(
        "UPDATE inbox_sla SET resolved_at = coalesce(resolved_at, ?1) WHERE conversation_id = ?2")
      .Bind(1, now)
      .Bind(2, conversation)
      .Run();
}

// One officer action on a conversation, in one write: find it within `agency` (another agency's
// reads as absent), refuse a closed one when `open_only`, apply `change`, write the audit row.
// `change` may refuse (an outcome other than kOk) before it writes anything: then nothing is
// audited either.
core::Result<Outcome> ActChecked(
    store::SqliteStore& db_store, const core::Clock& clock, const std::string& agency,
    std::int64_t conversation, bool open_only, const Audit& audit,
    const std::function<Outcome(Db&, const ConvRow&, std::int64_t now)>& change) {
  Outcome outcome = Outcome::kOk;
  const std::int64_t now = Ms(clock.Now());
  auto st = db_store.RunWrite([&](Db& db) {
    auto conv = FindScoped(db, agency, conversation);
    if (!conv) return void(outcome = Outcome::kNotFound);
    if (open_only && conv->status == "closed") return void(outcome = Outcome::kClosed);
    outcome = change(db, *conv, now);
    if (outcome == Outcome::kOk) WriteAudit(db, audit, now);
  });
  if (!st.ok()) return st.error();
  return outcome;
}

core::Result<Outcome> Act(
    store::SqliteStore& db_store, const core::Clock& clock, const std::string& agency,
    std::int64_t conversation, bool open_only, const Audit& audit,
    const std::function<void(Db&, const ConvRow&, std::int64_t now)>& change) {
  return ActChecked(db_store, clock, agency, conversation, open_only, audit,
                    [&](Db& db, const ConvRow& conv, std::int64_t now) {
                      change(db, conv, now);
                      return Outcome::kOk;
                    });
}

// The citizen's address on `channel`: the conversation's own contact on its channel, else the
// citizen's oldest contact on it (merged contacts included); nullopt when there is none.
std::optional<std::string> ContactOn(Db& db, const ConvRow& conv, std::string_view channel) {
  if (channel == conv.channel) return conv.address;
  Stmt& k = db.Prepare(
      "SELECT address FROM contacts WHERE citizen_id = ?1 AND channel = ?2 ORDER BY id LIMIT 1");
  k.Bind(1, conv.citizen_id).Bind(2, channel);
  std::optional<std::string> out;
  if (k.Step()) out = k.Text(0);
  k.Reset();
  return out;
}

// An outbox "reply" to `to` for the officer's message just inserted (its id is the idempotency
// key). E-mail on an e-mail conversation answers the citizen's latest mail (In-Reply-To); the
// dispatcher fills the subject.
void QueueOfficerReply(Db& db, const ConvRow& conv, const core::Contact& to,
                       std::int64_t conversation, std::int64_t message_id, const std::string& text,
                       const std::optional<std::string>& reason_code, std::int64_t now) {
  core::OutboundMessage out;
  out.to = to;
  out.text = text;
  if (reason_code) {
    if (auto code = core::ParseReasonCode(*reason_code)) out.rejection.emplace(*code, text);
  }
  Stmt& last = db.Prepare(
      "SELECT provider_message_id FROM messages WHERE conversation_id = ?1 AND direction = 'in' "
      "AND provider_message_id IS NOT NULL ORDER BY id DESC LIMIT 1");
  last.Bind(1, conversation);
  if (last.Step() && conv.channel == "email" && to.channel == core::ChannelKind::kEmail) {
    out.in_reply_to = last.Text(0);
  }
  last.Reset();
  Stmt& agency = db.Prepare("SELECT agency_code FROM conversations WHERE id = ?1");
  agency.Bind(1, conversation);
  std::optional<std::string> agency_code;
  if (agency.Step()) agency_code = agency.OptText(0);
  agency.Reset();
  db.Prepare(
        "INSERT INTO outbox (kind, idempotency_key, request_hash, payload, state, created_at, "
        "agency_code) VALUES ('reply', ?1, ?1, ?2, 'pending', ?3, ?4)")
      .Bind(1, "officer-reply-" + std::to_string(message_id))
      .Bind(2, delivery::EncodeOutbound(out))
      .Bind(3, now)
      .Bind(4, agency_code)
      .Run();
}

}  // namespace

core::Result<Outcome> InboxStore::AppendOfficerMessage(
    const std::string& agency, std::int64_t conversation, std::int64_t officer_id,
    const std::string& text, const std::optional<std::string>& reason_code, const Audit& audit,
    const std::optional<core::ChannelKind>& via) {
  return ActChecked(
      db_, clock_, agency, conversation, true, audit,
      [&](Db& db, const ConvRow& conv, std::int64_t now) {
        const std::string channel = via ? std::string(core::ChannelName(*via)) : conv.channel;
        const auto address = ContactOn(db, conv, channel);
        if (!address) return Outcome::kNoContact;
        Json payload{{"text", text}, {"officer_id", officer_id}};
        if (reason_code) payload["reason_code"] = *reason_code;
        const std::int64_t seq = store::AppendToLog(
            db, store::LogEntry{"out", channel, "caunoi", "officer:" + std::to_string(officer_id),
                                *address, now, now, "application/json",
                                payload.dump(-1, ' ', false, Json::error_handler_t::replace)});
        db.Prepare(
              "INSERT INTO messages (conversation_id, direction, channel, text, reason_code, "
              "log_seq, at) VALUES (?1, 'out', ?2, ?3, ?4, ?5, ?6)")
            .Bind(1, conversation)
            .Bind(2, channel)
            .Bind(3, text)
            .Bind(4, reason_code)
            .Bind(5, seq)
            .Bind(6, now)
            .Run();
        const std::int64_t message_id = db.LastInsertId();
        db.Prepare(
              "UPDATE conversations SET last_message_at = ?1, status = 'officer', "
              "assigned_officer_id = coalesce(assigned_officer_id, ?2) WHERE id = ?3")
            .Bind(1, now)
            .Bind(2, officer_id)
            .Bind(3, conversation)
            .Run();
        // The app conversation itself is what the app reads. Anything else leaves by a separate
        // send, queued for the dispatcher in this transaction: stored means it will leave (or
        // become a dead letter officers see). That includes an app reply from another channel's
        // conversation: the dispatcher's app route puts it in the citizen's app conversation.
        if (channel != "app" || conv.channel != "app") {
          const core::Contact to{core::ParseChannel(channel).value_or(core::ChannelKind::kSms),
                                 *address};
          QueueOfficerReply(db, conv, to, conversation, message_id, text, reason_code, now);
        }
        // The trigger inbox_sla_start opened the SLA cycle if the bot had the conversation.
        db.Prepare(
              "UPDATE inbox_sla SET first_response_at = coalesce(first_response_at, ?1) "
              "WHERE conversation_id = ?2")
            .Bind(1, now)
            .Bind(2, conversation)
            .Run();
        return Outcome::kOk;
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
             [&](Db& db, const ConvRow& conv, std::int64_t now) {
               db.Prepare(
                     "UPDATE conversations SET assigned_officer_id = ?1, status = 'officer' "
                     "WHERE id = ?2")
                   .Bind(1, officer_id)
                   .Bind(2, conversation)
                   .Run();
               // Taken from the bot: nobody asked for an officer, so the clock starts now
               // (the trigger started it at the citizen's last message).
               if (conv.status == "bot") {
                 db.Prepare("UPDATE inbox_sla SET started_at = ?1 WHERE conversation_id = ?2")
                     .Bind(1, now)
                     .Bind(2, conversation)
                     .Run();
               }
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
        MarkResolved(db, conversation, now);
      });
}

core::Result<Outcome> InboxStore::HandBack(const std::string& agency, std::int64_t conversation,
                                           const Audit& audit) {
  return Act(db_, clock_, agency, conversation, true, audit,
             [&](Db& db, const ConvRow&, std::int64_t now) {
               db.Prepare(
                     "UPDATE conversations SET status = 'bot', dialog_state = NULL, "
                     "assigned_officer_id = NULL WHERE id = ?1")
                   .Bind(1, conversation)
                   .Run();
               MarkResolved(db, conversation, now);
             });
}

core::Result<std::vector<Escalation>> InboxStore::EscalateOverdue(core::TimePoint now_tp) {
  std::vector<Escalation> out;
  const std::int64_t now = Ms(now_tp);
  const std::int64_t fr_cutoff = sla_.FirstResponseCutoff(now_tp);
  const std::int64_t res_cutoff = sla_.ResolutionCutoff(now_tp);
  auto st = db_.RunWrite([&](Db& db) {
    out.clear();  // the writer may rerun a job whose batch failed
    // Officers' clocks: only conversations officers still hold; each breach escalates once
    // per SLA cycle (a new hand-off starts a new cycle, see migration 7's trigger).
    Stmt& s = db.Prepare(
        "SELECT c.id, c.agency_code, "
        "s.first_response_at IS NULL AND s.started_at <= ?1 AND NOT EXISTS (SELECT 1 FROM "
        "inbox_escalations e WHERE e.conversation_id = c.id AND e.kind = 'first_response'), "
        "s.started_at <= ?2 AND NOT EXISTS (SELECT 1 FROM inbox_escalations e "
        "WHERE e.conversation_id = c.id AND e.kind = 'resolution') "
        "FROM inbox_sla s JOIN conversations c ON c.id = s.conversation_id "
        "WHERE c.status = 'officer' AND s.resolved_at IS NULL AND s.started_at <= ?3 "
        "AND c.agency_code IS NOT NULL ORDER BY c.id");
    // ?3, the later cut-off, keeps every candidate; the two columns decide.
    s.Bind(1, fr_cutoff).Bind(2, res_cutoff).Bind(3, std::max(fr_cutoff, res_cutoff));
    while (s.Step()) {
      if (s.Int(2) != 0) out.push_back({s.Int(0), s.Text(1), "first_response", 0});
      if (s.Int(3) != 0) out.push_back({s.Int(0), s.Text(1), "resolution", 0});
    }
    // Complaints keep their own due time, whoever holds the conversation.
    Stmt& t = db.Prepare(
        "SELECT c.id, c.agency_code, t.id FROM tickets t "
        "JOIN conversations c ON c.id = t.conversation_id "
        "WHERE t.status = 'open' AND t.due_at < ?1 AND c.agency_code IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM inbox_escalations e WHERE e.conversation_id = c.id "
        "AND e.kind = 'complaint' AND e.ticket_id = t.id) ORDER BY t.id");
    t.Bind(1, now);
    while (t.Step()) out.push_back({t.Int(0), t.Text(1), "complaint", t.Int(2)});
    for (const Escalation& e : out) {
      db.Prepare(
            "INSERT INTO inbox_escalations (conversation_id, kind, ticket_id, at) "
            "VALUES (?1, ?2, ?3, ?4)")
          .Bind(1, e.conversation_id)
          .Bind(2, e.kind)
          .Bind(3, e.ticket_id)
          .Bind(4, now)
          .Run();
      std::string detail = e.kind;
      if (e.ticket_id != 0) detail += ":ticket:" + std::to_string(e.ticket_id);
      WriteAudit(db,
                 Audit{std::nullopt, "sla_escalated",
                       "conversation:" + std::to_string(e.conversation_id), detail, ""},
                 now);
    }
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<Json> InboxStore::ListCanned(const std::string& agency) {
  Json items = Json::array();
  auto st = db_.RunRead([&](Db& db) {
    Stmt& s = db.Prepare(
        "SELECT id, title, body, updated_at FROM canned_replies WHERE agency_code = ?1 "
        "ORDER BY title COLLATE NOCASE, id");
    s.Bind(1, agency);
    while (s.Step()) {
      items.push_back(
          {{"id", s.Int(0)}, {"title", s.Text(1)}, {"body", s.Text(2)}, {"updated_at", s.Int(3)}});
    }
  });
  if (!st.ok()) return st.error();
  return Json{{"items", items}};
}

core::Result<std::optional<std::string>> InboxStore::CannedBody(const std::string& agency,
                                                                std::int64_t id) {
  std::optional<std::string> out;
  auto st = db_.RunRead([&](Db& db) {
    Stmt& s = db.Prepare("SELECT body FROM canned_replies WHERE id = ?1 AND agency_code = ?2");
    s.Bind(1, id).Bind(2, agency);
    if (s.Step()) out = s.Text(0);
    s.Reset();
  });
  if (!st.ok()) return st.error();
  return out;
}

namespace {

bool TitleTaken(Db& db, const std::string& agency, const std::string& title, std::int64_t except) {
  Stmt& s =
      db.Prepare("SELECT 1 FROM canned_replies WHERE agency_code = ?1 AND title = ?2 AND id <> ?3");
  s.Bind(1, agency).Bind(2, title).Bind(3, except);
  const bool taken = s.Step();
  s.Reset();
  return taken;
}

bool CannedExists(Db& db, const std::string& agency, std::int64_t id) {
  Stmt& s = db.Prepare("SELECT 1 FROM canned_replies WHERE id = ?1 AND agency_code = ?2");
  s.Bind(1, id).Bind(2, agency);
  const bool found = s.Step();
  s.Reset();
  return found;
}

}  // namespace

core::Result<Outcome> InboxStore::CreateCanned(const std::string& agency, const std::string& title,
                                               const std::string& body, const Audit& audit,
                                               std::int64_t& id) {
  Outcome outcome = Outcome::kOk;
  const std::int64_t now = Ms(clock_.Now());
  auto st = db_.RunWrite([&](Db& db) {
    if (TitleTaken(db, agency, title, 0)) return void(outcome = Outcome::kConflict);
    db.Prepare(
          "INSERT INTO canned_replies (agency_code, title, body, updated_by, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5)")
        .Bind(1, agency)
        .Bind(2, title)
        .Bind(3, body)
        .Bind(4, audit.officer_id)
        .Bind(5, now)
        .Run();
    id = db.LastInsertId();
    Audit a = audit;
    a.target = "canned_reply:" + std::to_string(id);
    WriteAudit(db, a, now);
  });
  if (!st.ok()) return st.error();
  return outcome;
}

core::Result<Outcome> InboxStore::UpdateCanned(const std::string& agency, std::int64_t id,
                                               const std::string& title, const std::string& body,
                                               const Audit& audit) {
  Outcome outcome = Outcome::kOk;
  const std::int64_t now = Ms(clock_.Now());
  auto st = db_.RunWrite([&](Db& db) {
    if (!CannedExists(db, agency, id)) return void(outcome = Outcome::kNotFound);
    if (TitleTaken(db, agency, title, id)) return void(outcome = Outcome::kConflict);
    db.Prepare(
          "UPDATE canned_replies SET title = ?1, body = ?2, updated_by = ?3, updated_at = ?4 "
          "WHERE id = ?5")
        .Bind(1, title)
        .Bind(2, body)
        .Bind(3, audit.officer_id)
        .Bind(4, now)
        .Bind(5, id)
        .Run();
    WriteAudit(db, audit, now);
  });
  if (!st.ok()) return st.error();
  return outcome;
}

core::Result<Outcome> InboxStore::DeleteCanned(const std::string& agency, std::int64_t id,
                                               const Audit& audit) {
  Outcome outcome = Outcome::kOk;
  const std::int64_t now = Ms(clock_.Now());
  auto st = db_.RunWrite([&](Db& db) {
    if (!CannedExists(db, agency, id)) return void(outcome = Outcome::kNotFound);
    db.Prepare("DELETE FROM canned_replies WHERE id = ?1").Bind(1, id).Run();
    WriteAudit(db, audit, now);
  });
  if (!st.ok()) return st.error();
  return outcome;
}

core::Result<std::optional<TemplateContext>> InboxStore::Context(const std::string& agency,
                                                                 std::int64_t conversation) {
  std::optional<TemplateContext> out;
  auto st = db_.RunRead([&](Db& db) {
    // The dossier a reply most likely concerns: the conversation's complaint's, else the
    // citizen's most recently updated dossier.
    Stmt& s = db.Prepare(
        "SELECT z.display_name, coalesce("
        "(SELECT t.dossier_code FROM tickets t WHERE t.conversation_id = c.id "
        "AND t.dossier_code IS NOT NULL ORDER BY t.id DESC LIMIT 1), "
        "(SELECT d.code FROM dossiers d WHERE d.citizen_id = c.citizen_id "
        "ORDER BY d.updated_at DESC LIMIT 1)) "
        "FROM conversations c JOIN citizens z ON z.id = c.citizen_id "
        "WHERE c.id = ?1 AND c.agency_code = ?2");
    s.Bind(1, conversation).Bind(2, agency);
    if (s.Step()) out = TemplateContext{s.OptText(0).value_or(""), s.OptText(1).value_or("")};
    s.Reset();
  });
  if (!st.ok()) return st.error();
  return out;
}

void AppendAudit(store::Db& db, const Audit& audit, core::TimePoint at) {
  WriteAudit(db, audit, core::ToUnixMillis(at));
}

core::Result<std::optional<TotpState>> InboxStore::GetTotp(std::int64_t officer_id) {
  std::optional<TotpState> out;
  auto st = db_.RunRead([&](Db& db) {
    Stmt& s =
        db.Prepare("SELECT totp_secret, totp_enabled, totp_last_step FROM officers WHERE id = ?1");
    s.Bind(1, officer_id);
    if (s.Step()) out = TotpState{s.OptText(0), s.Int(1) != 0, OptInt(s, 2)};
    s.Reset();
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<Outcome> InboxStore::SetPendingTotp(std::int64_t officer_id, const std::string& sealed,
                                                 const Audit& audit) {
  Outcome outcome = Outcome::kOk;
  const std::int64_t now = Ms(clock_.Now());
  auto st = db_.RunWrite([&](Db& db) {
    db.Prepare("UPDATE officers SET totp_secret = ?1 WHERE id = ?2 AND totp_enabled = 0")
        .Bind(1, sealed)
        .Bind(2, officer_id)
        .Run();
    if (db.Changes() != 1) return void(outcome = Outcome::kConflict);
    WriteAudit(db, audit, now);
  });
  if (!st.ok()) return st.error();
  return outcome;
}

core::Result<Outcome> InboxStore::UseTotpStep(std::int64_t officer_id, const std::string& sealed,
                                              std::int64_t step, TotpChange change,
                                              const Audit& audit) {
  Outcome outcome = Outcome::kOk;
  const std::int64_t now = Ms(clock_.Now());
  auto st = db_.RunWrite([&](Db& db) {
    // One statement decides: the writer is single, so of two requests with the same code only
    // the first finds the step unused.
    db.Prepare(
          "UPDATE officers SET totp_last_step = ?1, "
          "totp_enabled = CASE ?2 WHEN 1 THEN 1 WHEN 2 THEN 0 ELSE totp_enabled END, "
          "totp_secret = CASE ?2 WHEN 2 THEN NULL ELSE totp_secret END "
          "WHERE id = ?3 AND totp_secret = ?4 AND coalesce(totp_last_step, -1) < ?1 "
          "AND (?2 <> 1 OR totp_enabled = 0) AND (?2 = 1 OR totp_enabled = 1)")
        .Bind(1, step)
        .Bind(2, static_cast<std::int64_t>(change))
        .Bind(3, officer_id)
        .Bind(4, sealed)
        .Run();
    if (db.Changes() != 1) return void(outcome = Outcome::kConflict);
    WriteAudit(db, audit, now);
  });
  if (!st.ok()) return st.error();
  return outcome;
}

core::Result<MergeOutcome> InboxStore::MergeCitizens(const std::string& agency,
                                                     std::int64_t into_conversation,
                                                     std::int64_t from_conversation,
                                                     std::int64_t officer_id, const Audit& audit) {
  MergeOutcome out;
  const std::int64_t now = Ms(clock_.Now());
  auto st = db_.RunWrite([&](Db& db) {
    out = MergeOutcome{};  // the writer may rerun a job whose batch failed
    const auto into = FindScoped(db, agency, into_conversation);
    const auto from = FindScoped(db, agency, from_conversation);
    if (!into || !from) return void(out.outcome = Outcome::kNotFound);
    if (into->citizen_id == from->citizen_id) return void(out.outcome = Outcome::kSameCitizen);
    db.Prepare(
          "INSERT INTO contact_merges (into_citizen_id, from_citizen_id, agency_code, merged_by, "
          "merged_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .Bind(1, into->citizen_id)
        .Bind(2, from->citizen_id)
        .Bind(3, agency)
        .Bind(4, officer_id)
        .Bind(5, now)
        .Run();
    out.merge_id = db.LastInsertId();
    // The record first, then the move it describes, both from the same rows.
    db.Prepare(
          "INSERT INTO contact_merge_items (merge_id, contact_id) "
          "SELECT ?1, id FROM contacts WHERE citizen_id = ?2")
        .Bind(1, out.merge_id)
        .Bind(2, from->citizen_id)
        .Run();
    out.moved_contacts = db.Changes();
    db.Prepare(
          "UPDATE contacts SET citizen_id = ?1 WHERE id IN "
          "(SELECT contact_id FROM contact_merge_items WHERE merge_id = ?2)")
        .Bind(1, into->citizen_id)
        .Bind(2, out.merge_id)
        .Run();
    // A conversation belongs to the citizen of its contact (intake opens it that way).
    db.Prepare(
          "UPDATE conversations SET citizen_id = ?1 WHERE contact_id IN "
          "(SELECT contact_id FROM contact_merge_items WHERE merge_id = ?2)")
        .Bind(1, into->citizen_id)
        .Bind(2, out.merge_id)
        .Run();
    Audit a = audit;
    a.detail = "merge:" + std::to_string(out.merge_id) +
               " citizen:" + std::to_string(from->citizen_id) + "->" +
               std::to_string(into->citizen_id) + " contacts:" + std::to_string(out.moved_contacts);
    WriteAudit(db, a, now);
  });
  if (!st.ok()) return st.error();
  return out;
}

core::Result<Outcome> InboxStore::Unmerge(const std::string& agency, std::int64_t conversation,
                                          std::int64_t merge_id, std::int64_t officer_id,
                                          const Audit& audit) {
  Outcome outcome = Outcome::kOk;
  const std::int64_t now = Ms(clock_.Now());
  auto st = db_.RunWrite([&](Db& db) {
    const auto conv = FindScoped(db, agency, conversation);
    if (!conv) return void(outcome = Outcome::kNotFound);
    // The merge must be the agency's and about this conversation: into its citizen, or one
    // that moved its contact.
    Stmt& g = db.Prepare(
        "SELECT from_citizen_id, into_citizen_id, unmerged_at IS NOT NULL FROM contact_merges g "
        "WHERE id = ?1 AND agency_code = ?2 AND (into_citizen_id = ?3 OR EXISTS (SELECT 1 FROM "
        "contact_merge_items i WHERE i.merge_id = g.id AND i.contact_id = ?4))");
    g.Bind(1, merge_id).Bind(2, agency).Bind(3, conv->citizen_id).Bind(4, conv->contact_id);
    if (!g.Step()) {
      g.Reset();
      return void(outcome = Outcome::kNotFound);
    }
    const std::int64_t from_citizen = g.Int(0);
    const std::int64_t into_citizen = g.Int(1);
    const bool undone = g.Int(2) != 0;
    g.Reset();
    if (undone) return void(outcome = Outcome::kConflict);
    // Exactly what moved must still be where the merge put it; a later merge took it further.
    Stmt& moved = db.Prepare(
        "SELECT count(*) FROM contact_merge_items i JOIN contacts k ON k.id = i.contact_id "
        "WHERE i.merge_id = ?1 AND k.citizen_id <> ?2");
    moved.Bind(1, merge_id).Bind(2, into_citizen);
    const bool moved_on = moved.Step() && moved.Int(0) != 0;
    moved.Reset();
    if (moved_on) return void(outcome = Outcome::kConflict);
    db.Prepare(
          "UPDATE contacts SET citizen_id = ?1 WHERE id IN "
          "(SELECT contact_id FROM contact_merge_items WHERE merge_id = ?2)")
        .Bind(1, from_citizen)
        .Bind(2, merge_id)
        .Run();
    db.Prepare(
          "UPDATE conversations SET citizen_id = ?1 WHERE contact_id IN "
          "(SELECT contact_id FROM contact_merge_items WHERE merge_id = ?2)")
        .Bind(1, from_citizen)
        .Bind(2, merge_id)
        .Run();
    db.Prepare("UPDATE contact_merges SET unmerged_by = ?1, unmerged_at = ?2 WHERE id = ?3")
        .Bind(1, officer_id)
        .Bind(2, now)
        .Bind(3, merge_id)
        .Run();
    WriteAudit(db, audit, now);
  });
  if (!st.ok()) return st.error();
  return outcome;
}

}  // namespace gw::gateway::inbox
