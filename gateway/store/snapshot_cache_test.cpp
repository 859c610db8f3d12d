// Tests of the snapshot cache's rules: what a turn changes, what a write clears, and that a read
// which raced a write is not kept.
#include "gateway/store/snapshot_cache.hpp"

#include <doctest/doctest.h>

using gw::core::ChannelKind;
using gw::core::Contact;
using gw::core::ConversationSnapshot;
using gw::gateway::store::SnapshotCache;

namespace {

ConversationSnapshot Snapshot(std::int64_t conversation, std::string state) {
  ConversationSnapshot s;
  s.conversation_id = conversation;
  s.dialog_state = std::move(state);
  s.status = "bot";
  s.known = {{"phone", "0912345678"}};
  return s;
}

gw::core::TurnRecord TurnOf(const Contact& c, std::string state, bool hand_off = false) {
  gw::core::TurnRecord t;
  t.inbound.channel = c.channel;
  t.inbound.sender = c.address;
  t.dialog_state = std::move(state);
  t.hand_off = hand_off;
  return t;
}

gw::core::TurnReceipt ReceiptIn(std::int64_t conversation, bool duplicate = false) {
  gw::core::TurnReceipt r;
  r.conversation_id = conversation;
  r.duplicate = duplicate;
  return r;
}

const Contact kAn{ChannelKind::kApp, "an"};
const Contact kBinh{ChannelKind::kApp, "binh"};

}  // namespace

TEST_CASE("a snapshot read is kept per contact and channel until a write clears it") {
  SnapshotCache cache;
  CHECK_FALSE(cache.Find(kAn).snapshot);
  cache.Put(kAn, Snapshot(7, "{\"flow\":\"info\"}"), cache.Find(kAn).stamp);
  auto found = cache.Find(kAn).snapshot;
  REQUIRE(found);
  CHECK(found->conversation_id == 7);
  CHECK(found->known.at("phone") == "0912345678");
  CHECK_FALSE(cache.Find({ChannelKind::kSms, "an"})
                  .snapshot);  // the same address on SMS is another contact
  cache.Clear();
  CHECK_FALSE(cache.Find(kAn).snapshot);
}

TEST_CASE("a read that began before a write was committed is not kept") {
  SnapshotCache cache;
  const auto before = cache.Find(kAn).stamp;
  cache.Clear();  // a write committed while the snapshot was being read
  cache.Put(kAn, Snapshot(7, "old"), before);
  CHECK_FALSE(cache.Find(kAn).snapshot);

  const auto before_notice = cache.Find(kAn).stamp;
  cache.Forget(kBinh);  // a notice appended to another contact: reads in flight are dropped too
  cache.Put(kAn, Snapshot(7, "old"), before_notice);
  CHECK_FALSE(cache.Find(kAn).snapshot);
  cache.Put(kAn, Snapshot(7, "new"), cache.Find(kAn).stamp);
  CHECK(cache.Find(kAn).snapshot->dialog_state == "new");
}

TEST_CASE("forgetting one contact leaves the others") {
  SnapshotCache cache;
  cache.Put(kAn, Snapshot(7, "a"), cache.Find(kAn).stamp);
  cache.Put(kBinh, Snapshot(8, "b"), cache.Find(kAn).stamp);
  cache.Forget(kAn);
  CHECK_FALSE(cache.Find(kAn).snapshot);
  CHECK(cache.Find(kBinh).snapshot->dialog_state == "b");
}

TEST_CASE("a committed turn updates its contact's snapshot as the database row changed") {
  SnapshotCache cache;
  cache.Put(kAn, Snapshot(7, "s1"), cache.Find(kAn).stamp);

  cache.ApplyTurn(TurnOf(kAn, "s2"), ReceiptIn(7));
  CHECK(cache.Find(kAn).snapshot->dialog_state == "s2");
  CHECK(cache.Find(kAn).snapshot->status == "bot");

  cache.ApplyTurn(TurnOf(kAn, ""), ReceiptIn(7));  // an empty state leaves the stored one
  CHECK(cache.Find(kAn).snapshot->dialog_state == "s2");

  cache.ApplyTurn(TurnOf(kAn, "s3", /*hand_off=*/true), ReceiptIn(7));
  CHECK(cache.Find(kAn).snapshot->dialog_state == "s3");
  CHECK(cache.Find(kAn).snapshot->status == "officer");

  cache.ApplyTurn(TurnOf(kAn, "retried"), ReceiptIn(7, /*duplicate=*/true));  // nothing written
  CHECK(cache.Find(kAn).snapshot->dialog_state == "s3");

  cache.ApplyTurn(TurnOf(kBinh, "b"), ReceiptIn(9));  // not cached: stays so
  CHECK_FALSE(cache.Find(kBinh).snapshot);
}

TEST_CASE("a turn that opened another conversation sends the next look-up to the database") {
  SnapshotCache cache;
  cache.Put(kAn, Snapshot(0, ""), cache.Find(kAn).stamp);  // a new contact: no conversation yet
  cache.ApplyTurn(TurnOf(kAn, "s1"), ReceiptIn(12));
  CHECK_FALSE(cache.Find(kAn).snapshot);
}

TEST_CASE("the cache is bounded") {
  SnapshotCache cache(2);
  cache.Put(kAn, Snapshot(1, "a"), cache.Find(kAn).stamp);
  cache.Put(kBinh, Snapshot(2, "b"), cache.Find(kAn).stamp);
  const Contact chi{ChannelKind::kApp, "chi"};
  cache.Put(chi, Snapshot(3, "c"), cache.Find(kAn).stamp);
  CHECK(cache.size() <= 2);
  CHECK(cache.Find(chi).snapshot->dialog_state == "c");
}
