// The supervisor dashboard's figures, read from the inbox's store.
#include "gateway/inbox/inbox_store.hpp"

#include "gateway/inbox/dashboard.hpp"
#include "gateway/inbox/inbox_store_internal.hpp"

namespace gw::gateway::inbox {

using namespace detail;

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

}  // namespace gw::gateway::inbox
