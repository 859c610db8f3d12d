// A VFS shim that gathers the writes SQLite makes to a WAL file during a transaction into one
// write, made when SQLite syncs the WAL at commit.
//
// Why by hand: SQLite writes each WAL frame with two pwrite calls (its 24-byte header, then the
// page), so one group commit of a dozen turns makes ~100 system calls on the single writer's
// thread before its fdatasync; on a paravirtualised VM each call costs microseconds, and the
// writer is the one thread every request waits for. SQLite has no setting for this, no packaged
// library does it, and a VFS is SQLite's documented way to change how it does I/O.
//
// Why it is safe: a transaction's frames are appended at increasing offsets, and with
// `synchronous=FULL` SQLite syncs the WAL before it publishes the commit in the wal-index, so the
// buffer is on disk (xSync writes it first) before any reader can look for those frames. A read
// of the WAL through the same file writes out what it overlaps first. Nothing that was not yet
// synced was ever durable, buffer or not. Only connections with `synchronous=FULL` or `EXTRA` may
// use it (with NORMAL, SQLite publishes commits it never syncs): the store opens its writer so.
// Other files (the database, temporary files) are the base VFS's own, untouched.
#pragma once

namespace gw::gateway::store {

// The name of the shim over SQLite's default VFS, registered on first use (not as the default).
const char* WalWriteVfsName();

// Process-wide counts, for tests and benchmarks: WAL writes SQLite asked for, the writes
// actually made to the file, and temporary files (statement journals, temporary databases)
// opened on disk by connections that use the shim.
struct WalWriteCounts {
  long requested = 0;
  long made = 0;
  long temp_files = 0;
};
WalWriteCounts WalWriteVfsCounts();

}  // namespace gw::gateway::store
