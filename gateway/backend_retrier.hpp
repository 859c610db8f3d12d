// Retries backend requests kept in the outbox because the backend could not take them when the
// citizen asked (nothing accepted is lost), with the original idempotency key so the backend
// files each request once, and tells the citizen the outcome in their conversation.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "core/store.hpp"
#include "dialogs/engine/engine.hpp"
#include "gateway/dossier_backend.hpp"
#include "notifier/retry_policy.hpp"

namespace gw::gateway {

struct RetrierSettings {
  std::chrono::milliseconds poll_interval{std::chrono::seconds(5)};
  // After this long without success the request expires and the citizen is told so.
  std::chrono::milliseconds max_age{std::chrono::hours(72)};
  notifier::RetryPolicy policy{std::chrono::seconds(30), std::chrono::minutes(30), 2.0, 100000};
};

class BackendRetrier {
 public:
  // All references must outlive the retrier.
  BackendRetrier(core::OutboxStore& outbox, DossierBackend& backend, const dialogs::Engine& engine,
                 const core::Clock& clock, RetrierSettings settings);
  ~BackendRetrier();

  // One pass over the due requests; returns how many it finished. Tests call it directly.
  int RunOnce();
  // A background thread calling RunOnce every poll interval until Stop().
  void Start();
  void Stop();

 private:
  core::OutboxStore& outbox_;
  DossierBackend& backend_;
  const dialogs::Engine& engine_;
  const core::Clock& clock_;
  RetrierSettings settings_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gw::gateway
