// The DossierBackend port over a one-stop backend connector (backends/): maps the engine's action
// parameters to the backend contract and the connector's results to the engine's outcomes.
#pragma once

#include <functional>
#include <string>

#include "backends/connector.hpp"
#include "gateway/dossier_backend.hpp"

namespace gw::gateway {

class ConnectorBackend final : public DossierBackend {
 public:
  // `procedure_name` names a procedure by its national code (for wording lookups); `agency_code`
  // is the receiving unit. The connector is borrowed and must outlive this.
  ConnectorBackend(backends::Connector& connector, std::string agency_code,
                   std::function<std::string(const std::string& code)> procedure_name);

  dialogs::ActionOutcome Lookup(const std::string& dossier_code) override;
  dialogs::ActionOutcome Submit(const std::map<std::string, std::string>& params,
                                const std::string& idempotency_key) override;
  dialogs::ActionOutcome Supplement(const std::string& dossier_code, const std::string& content,
                                    const std::string& idempotency_key) override;
  dialogs::ActionOutcome Withdraw(const std::string& dossier_code, const std::string& reason,
                                  const std::string& idempotency_key) override;

 private:
  backends::Connector& connector_;
  std::string agency_code_;
  std::function<std::string(const std::string&)> procedure_name_;
};

}  // namespace gw::gateway
