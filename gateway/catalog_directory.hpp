// The routing catalogue seen through the dialog engine's ProcedureDirectory port: procedure facts
// worded in the conversation's language, form fields as slots, and matching by name in free text.
#pragma once

#include <string>
#include <vector>

#include "dialogs/engine/engine.hpp"
#include "locales/catalog.hpp"
#include "routing/procedure.hpp"
#include "routing/route_table.hpp"

namespace gw::gateway {

class CatalogDirectory final : public dialogs::ProcedureDirectory {
 public:
  // `routes` may be null (no routing: no commune is asked); it must outlive this.
  CatalogDirectory(const std::vector<routing::Procedure>& procedures, const locales::Catalog& texts,
                   const routing::RouteTable* routes = nullptr, std::string agency_code = "");
  const dialogs::ProcedureFacts* BySlug(std::string_view slug) const override;
  const dialogs::ProcedureFacts* Match(std::string_view text) const override;
  std::vector<dialogs::ChoiceOption> Communes() const override { return communes_; }
  std::optional<std::string> OtherCompetentAgency(std::string_view slug,
                                                  std::string_view commune) const override;

 private:
  struct Entry {
    dialogs::ProcedureFacts facts;
    std::vector<std::string> phrases;  // folded phrases that name it
  };
  std::vector<Entry> entries_;
  const locales::Catalog& texts_;
  const routing::RouteTable* routes_;
  std::string agency_code_;
  std::vector<dialogs::ChoiceOption> communes_;
};

}  // namespace gw::gateway
