// The SLA escalation pass over every agency's conversations and complaints.
#include "gateway/inbox/inbox_store.hpp"

#include <algorithm>

#include "gateway/inbox/inbox_store_internal.hpp"

namespace gw::gateway::inbox {

using namespace detail;

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

}  // namespace gw::gateway::inbox
