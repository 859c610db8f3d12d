// Canned replies of an agency and the conversation facts their variables are filled from.
#include "gateway/inbox/inbox_store.hpp"

#include "gateway/inbox/inbox_store_internal.hpp"

namespace gw::gateway::inbox {

using namespace detail;

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

}  // namespace gw::gateway::inbox
