// Officers' TOTP second factor as stored: the sealed secret, enrolment and used steps.
#include "gateway/inbox/inbox_store.hpp"

#include "gateway/inbox/inbox_store_internal.hpp"

namespace gw::gateway::inbox {

using namespace detail;

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

}  // namespace gw::gateway::inbox
