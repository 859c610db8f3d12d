// A thin RAII layer over the SQLite C API: connections, cached prepared statements, and errors
// as exceptions inside the store only (the store turns them into Result errors at its boundary).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gw::gateway::store {

// SQLite's process-wide settings, applied once and before SQLite initialises (any sqlite3_*
// call but sqlite3_config initialises it, after which the settings are refused). Everything in
// the store that calls SQLite first calls this.
void ConfigureSqliteOnce();

// Thrown by this layer only; never crosses the store's public interface.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(stmt_); }

  // Binding is 1-based, as in SQLite. Text and blobs are copied (SQLITE_TRANSIENT) unless the
  // caller keeps them alive until Reset(): use BindTextRef for values that outlive the step.
  Stmt& Bind(int i, std::int64_t v);
  Stmt& Bind(int i, std::string_view text);
  Stmt& Bind(int i, const std::string& text) { return Bind(i, std::string_view(text)); }
  Stmt& Bind(int i, const char* text) { return Bind(i, std::string_view(text)); }
  Stmt& BindBlob(int i, std::string_view bytes);
  Stmt& BindNull(int i);
  Stmt& Bind(int i, const std::optional<std::string>& text);
  Stmt& Bind(int i, const std::optional<std::int64_t>& v);

  // Steps once: true when a row is available, false when done. Throws SqliteError.
  bool Step();
  // Steps to completion (for writes).
  void Run();
  // Resets and clears bindings so the statement can be reused.
  void Reset();

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;
  std::string Blob(int col) const;

 private:
  void Check(int rc) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// One connection. Not thread-safe: each thread uses its own (the writer owns one, readers pool).
class Db {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  // `vfs` names a registered SQLite VFS; null for the default.
  static std::unique_ptr<Db> Open(const std::string& path, Mode mode, const char* vfs = nullptr);
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  void Exec(std::string_view sql);
  // A statement from this connection's cache, reset and ready to bind. `sql` must be a string
  // literal or otherwise outlive the connection (it is the cache key).
  Stmt& Prepare(const char* sql);
  // Resets every statement of this connection. A statement stepped and left unreset keeps its
  // read transaction open, so the connection keeps reading an old snapshot (and the writer could
  // not upgrade to a write lock after another process wrote); the store calls this when a job or
  // a read lease ends, so no caller has to remember.
  void ResetStatements();
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, std::unique_ptr<Stmt>> cache_;
};

}  // namespace gw::gateway::store
