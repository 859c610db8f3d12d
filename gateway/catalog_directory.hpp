// The routing catalogue seen through the dialog engine's ProcedureDirectory port: procedure facts
// worded in the conversation's language, form fields as slots, and matching by name in free text.
#pragma once

#include <string>
#include <vector>

#include "dialogs/engine/engine.hpp"
#include "locales/catalog.hpp"
#include "routing/procedure.hpp"

namespace gw::gateway {

class CatalogDirectory final : public dialogs::ProcedureDirectory {
 public:
  CatalogDirectory(const std::vector<routing::Procedure>& procedures,
                   const locales::Catalog& texts);
  const dialogs::ProcedureFacts* BySlug(std::string_view slug) const override;
  const dialogs::ProcedureFacts* Match(std::string_view text) const override;

 private:
  struct Entry {
    dialogs::ProcedureFacts facts;
    std::vector<std::string> phrases;  // folded phrases that name it
  };
  std::vector<Entry> entries_;
};

}  // namespace gw::gateway
