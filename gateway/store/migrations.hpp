// Versioned schema migrations for the SQLite store, applied in order and recorded in
// PRAGMA user_version, each in its own transaction.
#pragma once

#include <string_view>
#include <vector>

#include "gateway/store/sqlite.hpp"

namespace gw::gateway::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& SqliteMigrations();
int LatestSchemaVersion();

// Brings the database to the latest version; returns the versions applied. A database newer than
// this binary is an error (an older binary must not write to a newer schema). Throws SqliteError.
std::vector<int> Migrate(Db& db);
int CurrentSchemaVersion(Db& db);

}  // namespace gw::gateway::store
