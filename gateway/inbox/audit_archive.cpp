// The audit log's retention pass: archive to a JSON-lines file, fsync, then delete.
#include "gateway/inbox/audit_archive.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/log.hpp"

namespace gw::gateway::inbox {
namespace {

using Json = nlohmann::json;
using store::Db;
using store::Stmt;

const core::Logger kLog("gateway.inbox.audit");

core::Error IoError(const std::string& what, const std::string& path) {
  return core::MakeError(core::ErrorCode::kUnavailable,
                         fmt::format("cannot write the audit archive {}", path),
                         fmt::format("{}: {}", what, std::strerror(errno)));
}

}  // namespace

core::Status AppendDurably(const std::string& path, const std::string& text) {
  const bool existed = std::filesystem::exists(path);
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("open", path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    auto e = IoError("fstat", path);
    ::close(fd);
    return e;
  }
  const off_t before = st.st_size;
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      auto e = IoError("write", path);
      // A half-written round would be archived again whole next time: cut it off first.
      if (::ftruncate(fd, before) == 0) (void)::fsync(fd);
      ::close(fd);
      return e;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    auto e = IoError("fsync", path);
    if (::ftruncate(fd, before) == 0) (void)::fsync(fd);
    ::close(fd);
    return e;
  }
  if (::close(fd) != 0) return IoError("close", path);
  if (!existed) {
    // A new file's name is durable only once its folder is.
    auto dir = std::filesystem::path(path).parent_path();
    if (dir.empty()) dir = ".";
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return IoError("open folder", dir.string());
    const int rc = ::fsync(dfd);
    ::close(dfd);
    if (rc != 0) return IoError("fsync folder", dir.string());
  }
  return core::Ok();
}

core::Result<ArchiveReport> ArchiveAuditLog(store::SqliteStore& db, const AuditRetention& policy,
                                            core::TimePoint now) {
  ArchiveReport report{0, policy.archive_path};
  if (policy.archive_path.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "inbox.audit_archive_path is not set: nothing is archived or deleted");
  }
  const std::int64_t now_ms = core::ToUnixMillis(now);
  const std::int64_t cutoff = now_ms - std::int64_t{policy.retention_days} * 86'400'000;
  for (;;) {
    std::string lines;
    std::int64_t count = 0, max_id = 0;
    auto read = db.RunRead([&](Db& d) {
      Stmt& s = d.Prepare(
          "SELECT id, officer_id, action, target, detail, remote_addr, at FROM audit_log "
          "WHERE at < ?1 ORDER BY id LIMIT ?2");
      s.Bind(1, cutoff).Bind(2, policy.batch);
      while (s.Step()) {
        const Json line{{"id", s.Int(0)},
                        {"officer_id", s.IsNull(1) ? Json() : Json(s.Int(1))},
                        {"action", s.Text(2)},
                        {"target", s.OptText(3) ? Json(*s.OptText(3)) : Json()},
                        {"detail", s.OptText(4) ? Json(*s.OptText(4)) : Json()},
                        {"remote_addr", s.OptText(5) ? Json(*s.OptText(5)) : Json()},
                        {"at", s.Int(6)}};
        lines += line.dump(-1, ' ', false, Json::error_handler_t::replace);
        lines += '\n';
        ++count;
        max_id = s.Int(0);
      }
    });
    if (!read.ok()) return read.error();
    if (count == 0) break;
    if (auto w = AppendDurably(policy.archive_path, lines); !w.ok()) {
      kLog.Error("audit archive write failed; nothing deleted",
                 {{"file", policy.archive_path}, {"error", w.error().detail}});
      return w.error();
    }
    bool mismatch = false;
    auto del = db.RunWrite([&](Db& d) {
      mismatch = false;
      // Exactly the rows just archived: old, and no newer id than the last one written (ids only
      // grow, so nothing committed since the read can fall in between).
      Stmt& c = d.Prepare("SELECT count(*) FROM audit_log WHERE at < ?1 AND id <= ?2");
      c.Bind(1, cutoff).Bind(2, max_id);
      const std::int64_t present = c.Step() ? c.Int(0) : -1;
      c.Reset();
      if (present != count) return void(mismatch = true);
      d.Prepare("DELETE FROM audit_log WHERE at < ?1 AND id <= ?2")
          .Bind(1, cutoff)
          .Bind(2, max_id)
          .Run();
      d.Prepare(
           "INSERT INTO audit_log (officer_id, action, target, detail, remote_addr, at) "
           "VALUES (NULL, 'audit_archived', 'audit_log', ?1, '', ?2)")
          .Bind(1, fmt::format("count:{} file:{}", count, policy.archive_path))
          .Bind(2, now_ms)
          .Run();
    });
    if (!del.ok()) return del.error();
    if (mismatch) {
      // Someone else deleted or changed old rows meanwhile (another pass?): delete nothing this
      // time; the rows already archived will be archived again by the next pass.
      return core::MakeError(core::ErrorCode::kConflict,
                             "the audit log changed during archiving; nothing deleted this round");
    }
    report.archived += count;
    if (count < policy.batch) break;
  }
  if (report.archived > 0) {
    kLog.Info("old audit entries archived and deleted",
              {{"count", std::to_string(report.archived)}, {"file", policy.archive_path}});
  }
  return report;
}

}  // namespace gw::gateway::inbox
