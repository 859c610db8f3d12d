// The in-memory conversation snapshots; see snapshot_cache.hpp for when they are true.
#include "gateway/store/snapshot_cache.hpp"

namespace gw::gateway::store {

std::string SnapshotCache::Key(core::ChannelKind channel, const std::string& address) {
  std::string key(core::ChannelName(channel));
  key += '\n';
  key += address;
  return key;
}

SnapshotCache::Found SnapshotCache::Find(const core::Contact& contact) const {
  const std::string key = Key(contact.channel, contact.address);
  std::lock_guard lock(mu_);
  Found found;
  found.stamp = generation_;
  if (auto it = entries_.find(key); it != entries_.end()) found.snapshot = it->second;
  return found;
}

void SnapshotCache::Put(const core::Contact& contact, const core::ConversationSnapshot& snapshot,
                        std::uint64_t stamp) {
  std::string key = Key(contact.channel, contact.address);
  std::lock_guard lock(mu_);
  if (stamp != generation_) return;  // a write was committed after this was read
  // Bounded by forgetting everything at once: the entries are only a shortcut, and the
  // conversations active in the last minutes come back on their next message.
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_.insert_or_assign(std::move(key), snapshot);
}

void SnapshotCache::ApplyTurn(const core::TurnRecord& turn, const core::TurnReceipt& receipt) {
  if (receipt.duplicate) return;  // nothing was written
  const std::string key = Key(turn.inbound.channel, turn.inbound.sender);
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  core::ConversationSnapshot& s = it->second;
  if (s.conversation_id != receipt.conversation_id) {
    // A new contact, citizen or conversation: what is known of the citizen and the new row's
    // defaults are the database's to say.
    entries_.erase(it);
    return;
  }
  // As turn_writer.cpp's UPDATE: an empty dialog state leaves the stored one.
  if (!turn.dialog_state.empty()) s.dialog_state = turn.dialog_state;
  if (turn.hand_off) s.status = "officer";
}

void SnapshotCache::Forget(const core::Contact& contact) {
  const std::string key = Key(contact.channel, contact.address);
  std::lock_guard lock(mu_);
  ++generation_;
  entries_.erase(key);
}

void SnapshotCache::Clear() {
  std::lock_guard lock(mu_);
  ++generation_;
  entries_.clear();
}

std::size_t SnapshotCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace gw::gateway::store
