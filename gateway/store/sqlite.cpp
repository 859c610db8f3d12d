// SQLite RAII wrappers.
#include "gateway/store/sqlite.hpp"

#include <fmt/format.h>

#include <mutex>

namespace gw::gateway::store {

// Before the first connection: no global memory statistics. With them on (SQLite's default),
// every allocation of every connection takes one process-wide mutex, which the writer and the
// readers then contend for (measured: ~7% of the writer's time in pthread_mutex_lock/unlock).
// Nothing here reads those statistics. sqlite3_config only works before SQLite initialises; if
// something initialised it first, the default stays and nothing else changes.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

void Stmt::Check(int rc) const {
  if (rc != SQLITE_OK) {
    throw SqliteError(rc, fmt::format("sqlite: {} ({})", sqlite3_errmsg(db_), sqlite3_sql(stmt_)));
  }
}

Stmt& Stmt::Bind(int i, std::int64_t v) {
  Check(sqlite3_bind_int64(stmt_, i, v));
  return *this;
}

Stmt& Stmt::Bind(int i, std::string_view text) {
  Check(sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Stmt& Stmt::BindBlob(int i, std::string_view bytes) {
  Check(sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  return *this;
}

Stmt& Stmt::BindNull(int i) {
  Check(sqlite3_bind_null(stmt_, i));
  return *this;
}

Stmt& Stmt::Bind(int i, const std::optional<std::string>& text) {
  return text ? Bind(i, std::string_view(*text)) : BindNull(i);
}

Stmt& Stmt::Bind(int i, const std::optional<std::int64_t>& v) {
  return v ? Bind(i, *v) : BindNull(i);
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = fmt::format("sqlite: {} ({})", sqlite3_errmsg(db_), sqlite3_sql(stmt_));
  sqlite3_reset(stmt_);
  throw SqliteError(rc, msg);
}

void Stmt::Run() {
  while (Step()) {
  }
  Reset();  // ready to bind again, so a loop can reuse the statement
}

void Db::ResetStatements() {
  for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s != nullptr;
       s = sqlite3_next_stmt(db_, s)) {
    if (sqlite3_stmt_busy(s)) sqlite3_reset(s);  // only those still holding a read open
  }
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Stmt::Text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::string> Stmt::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

std::string Stmt::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return {};
  return std::string(static_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::unique_ptr<Db> Db::Open(const std::string& path, Mode mode, const char* vfs) {
  ConfigureSqliteOnce();
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                       : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, vfs);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    throw SqliteError(rc, fmt::format("sqlite: cannot open {}: {}", path, msg));
  }
  sqlite3_extended_result_codes(raw, 1);
  return std::unique_ptr<Db>(new Db(raw));
}

Db::~Db() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close(db_);
}

void Db::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqliteError(rc, fmt::format("sqlite: {}", msg));
  }
}

Stmt& Db::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return *it->second;
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    throw SqliteError(rc, fmt::format("sqlite: cannot prepare: {} ({})", sqlite3_errmsg(db_), sql));
  }
  auto [pos, inserted] = cache_.emplace(sql, std::make_unique<Stmt>(db_, stmt));
  return *pos->second;
}

}  // namespace gw::gateway::store
