// What the dispatcher keeps in SQLite: the outbox rows it delivers (status notices and replies
// queued for channels that answer by a separate send) and one row per route tried ("leg"), so
// that after a restart the pure dispatch policy decides exactly as it would have.
//
// Writes go through the store's one group writer: the dispatcher batches them (one write to mark
// a batch of attempts as started, one to record their outcomes), so a notice costs two shared
// commits, not two fsyncs of its own.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/channel.hpp"
#include "core/result.hpp"
#include "gateway/status_push.hpp"
#include "gateway/store/sqlite_store.hpp"
#include "notifier/fallback.hpp"

namespace gw::gateway::delivery {

// One route tried for one job, as persisted.
struct LegRecord {
  notifier::Leg leg;
  std::string address;
  std::string key;  // the idempotency key every send on this leg carries
  // An attempt was started and its outcome never recorded: the process died during the send.
  bool in_flight = false;
  bool possible_duplicate = false;
  std::string state;  // sending, accepted, retrying, failed, delivered
  std::string provider_message_id;
  std::string detail;
};

// A pending outbox row with this round's legs.
struct Job {
  std::int64_t outbox_id = 0;
  std::string kind;       // "notification" or "reply"
  std::string public_id;  // notifications only
  std::string payload;
  int round = 0;
  core::TimePoint queued_at;  // when queued, or when an officer last resent it
  std::vector<LegRecord> legs;
};

struct AttemptStart {
  std::int64_t outbox_id = 0;
  int round = 0;
  notifier::Route route = notifier::Route::kSms;
  std::string address;
  std::string key;
  bool possible_duplicate = false;  // resending after an attempt whose outcome is unknown
};

struct AttemptEnd {
  std::string key;
  core::SendResult result;
};

// Where a job stands after a pass.
struct JobUpdate {
  std::int64_t outbox_id = 0;
  std::string state;                               // pending, delivered, expired, dead
  std::optional<core::TimePoint> next_attempt_at;  // pending: when to look again
  // A retry time chosen by the policy, kept on the leg so a restart does not move it.
  std::string leg_key;
  std::optional<core::TimePoint> leg_next_attempt_at;
  std::string detail;  // the decision's reason ("retries_exhausted", "max_age", ...)
  // The receipts the decision knew of: a receipt recorded meanwhile (a fast DLR racing the
  // send's own outcome) makes the job due at once instead of at `next_attempt_at`.
  int round = 0;
  int receipts_seen = 0;
};

// One leg for the notification view and the dead-letter list.
struct LegView {
  int round = 0;
  std::string route;
  std::string address;
  std::string state;
  int attempts = 0;
  std::string last_outcome;
  std::string receipt;
  std::string detail;
  bool possible_duplicate = false;
  std::optional<core::TimePoint> last_attempt_at;
};

struct DeadLetter {
  std::int64_t outbox_id = 0;
  std::string kind;
  std::string public_id;
  std::string state;  // dead or expired
  std::string detail;
  std::string payload;
  core::TimePoint created_at;
  std::optional<core::TimePoint> finished_at;
  std::vector<LegView> legs;
};

class DeliveryStore {
 public:
  // `store` is borrowed; `agency_code` marks the jobs this gateway delivers (the officers of that
  // agency see its dead letters).
  DeliveryStore(store::SqliteStore& store, std::string agency_code);

  // Pending jobs whose next look is due, oldest first, with their current round's legs.
  core::Result<std::vector<Job>> Due(core::TimePoint now, int limit);

  // What is known of a notification's citizen: addresses from the push and from every contact of
  // the citizens it names, opt-outs, the last message to the Zalo OA, and the channel the request
  // came from (the "<channel>:<address>" reference the gateway gives backends).
  core::Result<notifier::Recipient> ResolveRecipient(const StatusPush::Recipient& recipient);

  // Marks attempts as started, durably, before anything is sent.
  core::Status BeginAttempts(const std::vector<AttemptStart>& starts, core::TimePoint now);
  // Records outcomes and where each job stands, in one write.
  core::Status Record(const std::vector<AttemptEnd>& ends, const std::vector<JobUpdate>& updates,
                      core::TimePoint now);
  // Both in one write: the outcomes and job states first, then the attempts about to start (the
  // dispatcher's loop commits once per turn).
  core::Status Advance(const std::vector<AttemptEnd>& ends, const std::vector<JobUpdate>& updates,
                       const std::vector<AttemptStart>& starts, core::TimePoint now);

  // A provider's receipt for the leg sent under `key`; wakes its job. kNotFound for an unknown
  // key. A leg's first final receipt wins; later ones are ignored (returns ok).
  core::Status RecordReceipt(const std::string& key, notifier::ReceiptStatus receipt,
                             const std::string& detail, core::TimePoint now);
  // The same for the e-mail leg that sent the mail with `message_id` (a bounce names it). A
  // failure also reopens a job already counted delivered on that leg (the mail server took the
  // mail, then returned it), so the policy moves on to the next route. False when no leg sent
  // that mail.
  core::Result<bool> RecordMailReceipt(const std::string& message_id,
                                       notifier::ReceiptStatus receipt, const std::string& detail,
                                       core::TimePoint now);

  // Every leg of a notification, all rounds, for GET /api/v1/notifications/{id}.
  core::Result<std::vector<LegView>> Legs(const std::string& public_id);

  // Jobs of `agency` that ended undelivered (dead letters and expired notices), newest first.
  core::Result<std::vector<DeadLetter>> DeadLetters(const std::string& agency, int limit);
  // Starts a new round for a dead or expired job of `agency`: its routes are tried again from
  // the first. `also` runs in the same transaction (the officer's audit record). kNotFound when
  // the agency has no such job; kConflict when it is not dead or expired.
  core::Status Resend(const std::string& agency, std::int64_t outbox_id, core::TimePoint now,
                      const std::function<void(store::Db&)>& also = {});

 private:
  store::SqliteStore& store_;
  std::string agency_code_;
};

// The idempotency key of a leg: stable across retries and restarts, distinct per route and round,
// and safe in a URL (Kannel puts it in the dlr-url).
std::string LegKey(std::int64_t outbox_id, notifier::Route route, int round);

}  // namespace gw::gateway::delivery
