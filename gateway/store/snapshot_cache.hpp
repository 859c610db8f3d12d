// The conversation snapshots intake needs before it answers, kept in memory by contact, so that a
// citizen's next message reads nothing from SQLite before its turn is written (a provider's retry
// is then found by the write itself, or by FindRetry before a backend call; see intake.cpp).
//
// Why: a reader connection drops its whole page cache whenever the writer has committed since
// its last read, which under load is every time, so each snapshot read its b-tree pages again
// with a pread apiece (~10 per message, measured with strace). This process is the only writer
// of the SQLite store (SQLite serves one node; the CLI does not write conversations), and every
// write goes through the store, which keeps this cache true:
//   - a committed turn updates its contact's entry (ApplyTurn), under intake's lock for that
//     contact, so no look-up of the same contact runs in between;
//   - a write that may change one contact's conversation (a notice appended) forgets that
//     contact (Forget); any other committed write clears everything (Clear), unless its caller
//     declares that it touches no contact or conversation (the dispatcher's outcomes);
//   - a read that raced a Clear is not kept (the stamp from Find, checked by Put).
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/store.hpp"

namespace gw::gateway::store {

class SnapshotCache {
 public:
  explicit SnapshotCache(std::size_t max_entries = 16384) : max_entries_(max_entries) {}

  struct Found {
    std::optional<core::ConversationSnapshot> snapshot;  // none: read it from the database...
    std::uint64_t stamp = 0;  // ...and hand this to Put with what was read
  };
  Found Find(const core::Contact& contact) const;
  // Keeps `snapshot` unless the cache was cleared since `stamp`.
  void Put(const core::Contact& contact, const core::ConversationSnapshot& snapshot,
           std::uint64_t stamp);
  // After `turn` was committed with `receipt`: the contact's entry, if any, takes its changes,
  // or goes when the turn opened a conversation (the next look-up reads it whole).
  void ApplyTurn(const core::TurnRecord& turn, const core::TurnReceipt& receipt);
  // After a write that may have changed this contact's conversation or citizen (a notice
  // appended to it). Reads in flight for any contact are not kept either.
  void Forget(const core::Contact& contact);
  // After any other write was committed.
  void Clear();

  std::size_t size() const;

 private:
  static std::string Key(core::ChannelKind channel, const std::string& address);

  const std::size_t max_entries_;
  mutable std::mutex mu_;
  std::uint64_t generation_ = 0;  // bumped by Clear and Forget
  std::unordered_map<std::string, core::ConversationSnapshot> entries_;
};

}  // namespace gw::gateway::store
