// Audit retention: entries older than the retention period are appended to a JSON-lines archive
// file and made durable (fsync) before they are deleted from audit_log, and the purge is itself
// audited ("audit_archived"). Nothing is deleted that the archive did not take.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "gateway/store/sqlite_store.hpp"

namespace gw::gateway::inbox {

struct AuditRetention {
  int retention_days = 3650;
  std::string archive_path;  // required: an empty path archives (and deletes) nothing
  // Entries per round (one append + fsync, then one delete transaction); bounds memory.
  std::int64_t batch = 5000;
};

struct ArchiveReport {
  std::int64_t archived = 0;  // entries appended to the file and deleted from audit_log
  std::string file;
};

// Appends `text` to `path` (created 0600 when missing), fsyncs the file (and, when it created
// the file, its folder). On any failure the file is cut back to its former length and the error
// says what failed (errno in the detail). Blocks on the disk.
core::Status AppendDurably(const std::string& path, const std::string& text);

// One retention pass at `now`: in rounds of `batch`, the oldest entries with `at` before
// now - retention_days are written to the archive (one JSON object per line: id, officer_id,
// action, target, detail, remote_addr, at), fsync'ed, then deleted in one transaction with an
// audit row {officer_id NULL, action "audit_archived", target "audit_log",
// detail "count:N file:PATH"}. A failed append stops the pass before that round's delete. A
// crash between the fsync and the delete archives those entries again next time (the same ids
// twice in the file), never loses them. Safe beside the running server (writes go through
// `db`'s single writer).
core::Result<ArchiveReport> ArchiveAuditLog(store::SqliteStore& db, const AuditRetention& policy,
                                            core::TimePoint now);

}  // namespace gw::gateway::inbox
