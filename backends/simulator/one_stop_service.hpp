// The simulated one-stop system's logic, without HTTP: it takes request bodies and answers wire
// replies, issues dossier codes, deduplicates by Idempotency-Key, walks dossiers through their
// scripts on an injected clock and queues a status push per change.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/contract.hpp"
#include "backends/simulator/lifecycle.hpp"
#include "backends/simulator/sim_state.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace gw::backends::sim {

// An HTTP status and a JSON body, as the contract answers.
struct Reply {
  int status = 200;
  std::string body;
  bool replayed = false;  // answered from the idempotency store
};

struct ServiceOptions {
  // Units this system receives dossiers for; empty = any well-formed unit code.
  std::vector<std::string> unit_codes;
  std::string catalog_json;               // empty = DefaultCatalogJson()
  std::map<std::string, Script> scripts;  // per procedure code, replacing DefaultScript
  bool push_enabled = false;              // queue a push for each status change
  std::string state_file;                 // empty = memory only
  bool seed_demo = false;                 // add DemoDossiers() when starting without a state file
};

// Thread-safe: one mutex around the state; no method does network I/O. With a state file, each
// mutation rewrites the file before the reply is returned (persist, then acknowledge).
class OneStopService {
 public:
  OneStopService(ServiceOptions options, const core::Clock& clock);

  // Parses the catalogue and loads the state file (or seeds). Call once before anything else.
  core::Status Load();

  // The contract's operations. Mutating ones need a non-empty idempotency key (400 otherwise); a
  // repeated key with the same route and body replays the first reply, with another body is 409.
  Reply Submit(std::string_view body, const std::string& idempotency_key);
  Reply GetStatus(const std::string& dossier_code) const;
  Reply Supplement(const std::string& dossier_code, std::string_view body,
                   const std::string& idempotency_key);
  Reply Withdraw(const std::string& dossier_code, std::string_view body,
                 const std::string& idempotency_key);
  Reply FileComplaint(std::string_view body, const std::string& idempotency_key);
  Reply Catalog() const;

  // Applies every scripted step due at the clock's now, each stamped with its scheduled time.
  // Returns how many were applied.
  std::size_t Advance();

  // Moves a dossier now, outside its script (for demos and tests). kNotFound, kConflict (closed
  // dossier) or kInvalidArgument (a reason missing, extend_due_days <= 0 for delayed).
  core::Status ForceTransition(const std::string& dossier_code, DossierState status,
                               const std::string& reason, int extend_due_days);
  // Replaces the dossier's remaining steps; offsets still count from its reception.
  core::Status SetDossierScript(const std::string& dossier_code, Script script);

  std::optional<DossierStatus> Find(const std::string& dossier_code) const;
  std::size_t dossier_count() const;

  // The push outbox, for the pusher: the oldest undelivered event of each dossier whose attempt
  // is due (later events of a dossier wait, so a citizen never hears "returned" before "ready").
  std::vector<PushEvent> DuePushes(core::TimePoint now) const;
  void PushDelivered(const std::string& event_id);
  // Counts the attempt; gives up (moves to the dead list) or schedules the next one.
  void PushFailed(const std::string& event_id, core::TimePoint next_attempt_at, bool give_up);
  std::size_t pending_pushes() const;
  std::vector<PushEvent> dead_pushes() const;

 private:
  struct Procedure {
    std::string name;
    int working_days = 0;   // 0 = the same day
    int calendar_days = 0;  // where the law counts plain days instead
  };

  Reply Idempotent(std::string_view route, std::string_view body, const std::string& key,
                   Reply (OneStopService::*op)(std::string_view, std::string_view),
                   std::string_view arg);
  Reply DoSubmit(std::string_view body, std::string_view unused);
  Reply DoSupplement(std::string_view body, std::string_view code);
  Reply DoWithdraw(std::string_view body, std::string_view code);
  Reply DoComplaint(std::string_view body, std::string_view unused);

  void Transition(SimDossier& d, DossierState status, const std::string& reason, core::TimePoint at,
                  const std::string& note, const std::string& unit, int extend_due_days);
  void QueuePush(const SimDossier& d, core::TimePoint at);
  void Persist();
  // Milliseconds, the wire's precision, so what is kept equals what is sent and saved.
  core::TimePoint Now() const {
    return std::chrono::floor<std::chrono::milliseconds>(clock_.Now());
  }
  std::int64_t NextSequence(const std::string& unit, core::TimePoint at);

  const ServiceOptions options_;
  const core::Clock& clock_;
  std::map<std::string, Procedure> procedures_;
  std::string catalog_;
  mutable std::mutex mu_;
  SimState state_;
};

}  // namespace gw::backends::sim
