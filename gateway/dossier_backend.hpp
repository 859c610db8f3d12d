// The port through which the gateway's actions reach the one-stop backends. The connector in
// backends/ implements it (gateway/connector_backend.cpp); tests use a scripted fake.
#pragma once

#include <map>
#include <string>

#include "dialogs/engine/engine.hpp"

namespace gw::gateway {

class DossierBackend {
 public:
  virtual ~DossierBackend() = default;
  // Each call MAY block up to the backend's configured timeouts, MUST be thread-safe, and
  // returns the outcome in the engine's terms. `idempotency_key` is the same on every retry of
  // the same request. kQueued is never returned here: the caller decides to queue on kFailed.
  virtual dialogs::ActionOutcome Lookup(const std::string& dossier_code) = 0;
  virtual dialogs::ActionOutcome Submit(const std::map<std::string, std::string>& params,
                                        const std::string& idempotency_key) = 0;
  virtual dialogs::ActionOutcome Supplement(const std::string& dossier_code,
                                            const std::string& content,
                                            const std::string& idempotency_key) = 0;
  virtual dialogs::ActionOutcome Withdraw(const std::string& dossier_code,
                                          const std::string& reason,
                                          const std::string& idempotency_key) = 0;
};

}  // namespace gw::gateway
