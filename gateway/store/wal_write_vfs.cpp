// The WAL write-gathering VFS shim; see wal_write_vfs.hpp for why and when it is safe.
#include "gateway/store/wal_write_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <new>
#include <string>

#include "gateway/store/sqlite.hpp"

namespace gw::gateway::store {
namespace {

// A buffer bigger than this is written out at once (a migration's transaction can be large).
constexpr std::size_t kMaxPending = 4 << 20;

std::atomic<long> g_requested{0};
std::atomic<long> g_made{0};
std::atomic<long> g_temp_files{0};

// An open WAL file: ours first, the base VFS's file object right after it in the same
// allocation (SQLite allocates szOsFile bytes for it, which we made big enough for both).
struct WalFile {
  sqlite3_file base{};               // pMethods = kWalMethods
  sqlite3_file* real = nullptr;      // the base VFS's open file
  std::string pending;               // bytes not yet written, contiguous
  sqlite3_int64 pending_offset = 0;  // where `pending` starts in the file
};

WalFile* AsWal(sqlite3_file* f) {
  return reinterpret_cast<WalFile*>(f);
}

constexpr std::size_t RealFileOffset() {
  return (sizeof(WalFile) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) *
         alignof(std::max_align_t);
}

// The most the unix VFS writes in one call: it masks a write's length to 17 bits
// (seekAndWriteFd), so a longer one would come out short and be reported as SQLITE_FULL.
constexpr std::size_t kMaxWrite = 0x1ffff & ~std::size_t{4095};

// Writes out what is pending, in as few writes as the base VFS takes. Returns SQLite's result
// code; the pending bytes are dropped either way (after a failed write SQLite rolls back).
int Flush(WalFile* w) {
  int rc = SQLITE_OK;
  for (std::size_t done = 0; done < w->pending.size() && rc == SQLITE_OK; done += kMaxWrite) {
    const std::size_t n = std::min(kMaxWrite, w->pending.size() - done);
    rc = w->real->pMethods->xWrite(w->real, w->pending.data() + done, static_cast<int>(n),
                                   w->pending_offset + static_cast<sqlite3_int64>(done));
    g_made.fetch_add(1, std::memory_order_relaxed);
  }
  w->pending.clear();
  return rc;
}

bool Overlaps(const WalFile* w, sqlite3_int64 offset, int amount) {
  if (w->pending.empty()) return false;
  sqlite3_int64 end = w->pending_offset + static_cast<sqlite3_int64>(w->pending.size());
  return offset < end && offset + amount > w->pending_offset;
}

int WalClose(sqlite3_file* f) {
  WalFile* w = AsWal(f);
  int rc = Flush(w);
  int rc_close = w->real->pMethods ? w->real->pMethods->xClose(w->real) : SQLITE_OK;
  w->~WalFile();
  return rc != SQLITE_OK ? rc : rc_close;
}

int WalRead(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  WalFile* w = AsWal(f);
  if (Overlaps(w, offset, amount)) {
    if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  }
  return w->real->pMethods->xRead(w->real, out, amount, offset);
}

int WalWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  WalFile* w = AsWal(f);
  g_requested.fetch_add(1, std::memory_order_relaxed);
  const sqlite3_int64 end = w->pending_offset + static_cast<sqlite3_int64>(w->pending.size());
  if (!w->pending.empty() && offset != end) {
    // Not an append (the header rewritten when the WAL restarts): keep the order of writes.
    if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  }
  if (w->pending.empty()) w->pending_offset = offset;
  w->pending.append(static_cast<const char*>(data), static_cast<std::size_t>(amount));
  if (w->pending.size() >= kMaxPending) return Flush(w);
  return SQLITE_OK;
}

int WalTruncate(sqlite3_file* f, sqlite3_int64 size) {
  WalFile* w = AsWal(f);
  if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xTruncate(w->real, size);
}

int WalSync(sqlite3_file* f, int flags) {
  WalFile* w = AsWal(f);
  if (int rc = Flush(w); rc != SQLITE_OK) return rc;
  return w->real->pMethods->xSync(w->real, flags);
}

int WalFileSize(sqlite3_file* f, sqlite3_int64* size) {
  WalFile* w = AsWal(f);
  int rc = w->real->pMethods->xFileSize(w->real, size);
  if (rc == SQLITE_OK && !w->pending.empty()) {
    *size = std::max(*size, w->pending_offset + static_cast<sqlite3_int64>(w->pending.size()));
  }
  return rc;
}

// The rest pass through to the base file.
int WalLock(sqlite3_file* f, int level) {
  sqlite3_file* r = AsWal(f)->real;
  return r->pMethods->xLock(r, level);
}
int WalUnlock(sqlite3_file* f, int level) {
  sqlite3_file* r = AsWal(f)->real;
  return r->pMethods->xUnlock(r, level);
}
int WalCheckReservedLock(sqlite3_file* f, int* out) {
  sqlite3_file* r = AsWal(f)->real;
  return r->pMethods->xCheckReservedLock(r, out);
}
int WalFileControl(sqlite3_file* f, int op, void* arg) {
  sqlite3_file* r = AsWal(f)->real;
  return r->pMethods->xFileControl(r, op, arg);
}
int WalSectorSize(sqlite3_file* f) {
  sqlite3_file* r = AsWal(f)->real;
  return r->pMethods->xSectorSize(r);
}
int WalDeviceCharacteristics(sqlite3_file* f) {
  sqlite3_file* r = AsWal(f)->real;
  return r->pMethods->xDeviceCharacteristics(r);
}

// Version 1: a WAL file has no shared memory or mmap of its own (those belong to the database
// file, which is the base VFS's file untouched).
const sqlite3_io_methods kWalMethods = {
    1,
    WalClose,
    WalRead,
    WalWrite,
    WalTruncate,
    WalSync,
    WalFileSize,
    WalLock,
    WalUnlock,
    WalCheckReservedLock,
    WalFileControl,
    WalSectorSize,
    WalDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

// The wrapped VFS, kept where SQLite keeps a VFS's own data.
sqlite3_vfs* BaseOf(sqlite3_vfs* vfs) {
  return static_cast<sqlite3_vfs*>(vfs->pAppData);
}

int ShimOpen(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
             int* out_flags) {
  sqlite3_vfs* base = BaseOf(vfs);
  // Every file but a WAL is the base VFS's own, opened in place: no indirection at all.
  if ((flags & SQLITE_OPEN_WAL) == 0) {
    if ((flags & (SQLITE_OPEN_SUBJOURNAL | SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL)) != 0) {
      g_temp_files.fetch_add(1, std::memory_order_relaxed);
    }
    return base->xOpen(base, name, file, flags, out_flags);
  }
  auto* w = new (file) WalFile();
  w->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + RealFileOffset());
  std::memset(w->real, 0, static_cast<std::size_t>(base->szOsFile));
  int rc = base->xOpen(base, name, w->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (w->real->pMethods != nullptr) w->real->pMethods->xClose(w->real);
    w->~WalFile();
    file->pMethods = nullptr;  // SQLite then does not call xClose
    return rc;
  }
  w->base.pMethods = &kWalMethods;
  return SQLITE_OK;
}

int ShimDelete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xDelete(base, name, sync_dir);
}
int ShimAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xAccess(base, name, flags, out);
}
int ShimFullPathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xFullPathname(base, name, n, out);
}
void* ShimDlOpen(sqlite3_vfs* vfs, const char* name) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xDlOpen(base, name);
}
void ShimDlError(sqlite3_vfs* vfs, int n, char* out) {
  sqlite3_vfs* base = BaseOf(vfs);
  base->xDlError(base, n, out);
}
void (*ShimDlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xDlSym(base, handle, symbol);
}
void ShimDlClose(sqlite3_vfs* vfs, void* handle) {
  sqlite3_vfs* base = BaseOf(vfs);
  base->xDlClose(base, handle);
}
int ShimRandomness(sqlite3_vfs* vfs, int n, char* out) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xRandomness(base, n, out);
}
int ShimSleep(sqlite3_vfs* vfs, int micros) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xSleep(base, micros);
}
int ShimCurrentTime(sqlite3_vfs* vfs, double* out) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xCurrentTime(base, out);
}
int ShimGetLastError(sqlite3_vfs* vfs, int n, char* out) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xGetLastError ? base->xGetLastError(base, n, out) : 0;
}
int ShimCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  sqlite3_vfs* base = BaseOf(vfs);
  return base->xCurrentTimeInt64(base, out);
}

// Built once, over the default VFS, and never freed: SQLite keeps a pointer to it.
sqlite3_vfs* MakeShim() {
  ConfigureSqliteOnce();  // before sqlite3_vfs_find initialises SQLite
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  auto* v = new sqlite3_vfs{};
  v->iVersion = std::min(base->iVersion, 2);  // xCurrentTimeInt64 only if the base has it
  v->szOsFile = static_cast<int>(RealFileOffset()) + base->szOsFile;  // a WalFile, then the base's
  v->mxPathname = base->mxPathname;
  v->zName = "caunoi-wal-gather";
  v->pAppData = base;
  v->xOpen = ShimOpen;
  v->xDelete = ShimDelete;
  v->xAccess = ShimAccess;
  v->xFullPathname = ShimFullPathname;
  v->xDlOpen = ShimDlOpen;
  v->xDlError = ShimDlError;
  v->xDlSym = ShimDlSym;
  v->xDlClose = ShimDlClose;
  v->xRandomness = ShimRandomness;
  v->xSleep = ShimSleep;
  v->xCurrentTime = ShimCurrentTime;
  v->xGetLastError = ShimGetLastError;
  v->xCurrentTimeInt64 = ShimCurrentTimeInt64;
  sqlite3_vfs_register(v, /*makeDflt=*/0);
  return v;
}

}  // namespace

const char* WalWriteVfsName() {
  static const sqlite3_vfs* shim = MakeShim();
  return shim->zName;
}

WalWriteCounts WalWriteVfsCounts() {
  return {g_requested.load(), g_made.load(), g_temp_files.load()};
}

}  // namespace gw::gateway::store
