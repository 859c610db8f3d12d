// Config of the store (store.*): which implementation, and its settings.
#pragma once

#include <chrono>
#include <string>

#include "core/config_reader.hpp"

namespace gw::gateway::store {

struct SqliteConfig {
  std::string path = "data/caunoi.db";
  std::size_t max_batch = 512;  // jobs per group commit
  std::chrono::milliseconds busy_timeout{5000};
  int readers = 4;  // read connections (WAL lets them run beside the writer)
  // WAL pages after which a commit copies the log back into the database (SQLite's
  // wal_autocheckpoint). The copy runs inside that commit, so its size is the tail latency of
  // the requests that wait on it; fewer pages, more copies. See docs/PERFORMANCE.md.
  int checkpoint_pages = 300;
  // The writer thread's nice value (-20..0): every write waits on that one thread, and under load
  // it queued for the CPU behind the request threads waiting on it. Applied when the process may
  // (root, CAP_SYS_NICE, or systemd's LimitNICE=); otherwise logged. See docs/PERFORMANCE.md.
  int writer_nice = -10;
  bool auto_migrate = true;
};

struct StoreConfig {
  std::string driver = "sqlite";  // "postgresql" arrives with scale-out
  SqliteConfig sqlite;
};

StoreConfig ParseStoreConfig(core::ConfigNode& node);

}  // namespace gw::gateway::store
