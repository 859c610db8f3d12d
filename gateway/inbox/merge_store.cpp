// Contact merges between citizens and their exact un-merge.
#include "gateway/inbox/inbox_store.hpp"

#include "gateway/inbox/inbox_store_internal.hpp"

namespace gw::gateway::inbox {

using namespace detail;

namespace detail {

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

}  // namespace detail

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
