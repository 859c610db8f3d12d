// Officer accounts and the audit log in the inbox's store.
#include "gateway/inbox/inbox_store.hpp"

#include "gateway/inbox/auth.hpp"
#include "gateway/inbox/inbox_store_internal.hpp"

namespace gw::gateway::inbox {

using namespace detail;

namespace detail {

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

}  // namespace detail

namespace {

std::optional<Officer> ReadOfficer(Stmt& s) {
  if (!s.Step()) return std::nullopt;
  Officer o{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Int(6) != 0};
  s.Reset();
  return o;
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

void AppendAudit(store::Db& db, const Audit& audit, core::TimePoint at) {
  WriteAudit(db, audit, core::ToUnixMillis(at));
}

}  // namespace gw::gateway::inbox
