// The route table: which agency (and so which one-stop backend) resolves a procedure for a
// citizen of a locality, and whether this gateway's agency is that agency.
//
// Rule by level, from the procedure's catalogue entry: "xa" goes to the agency of the
// procedure's kind in the citizen's commune, "tinh" to the one in the commune's province, "bo" to
// the ministry of that kind; an explicit route for the commune, else for its province, wins.
// When the competent agency is not `this_agency_code`, the answer is kWrongJurisdiction naming
// the right agency and its contact, so the dialog can tell the citizen where to go (an empty
// `this_agency_code` means a multi-agency gateway that routes everything).
//
// Immutable; Resolve is const and thread-safe. A RouteTable shares ownership of the catalogue it
// was checked against; after a catalogue refresh make a new table with WithCatalog().
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "routing/agency.hpp"
#include "routing/catalog.hpp"

namespace gw::core {
class ConfigErrors;
}

namespace gw::routing {

enum class ResolutionKind { kRoute, kWrongJurisdiction };

// Pointers stay valid as long as the RouteTable that returned them.
struct Resolution {
  ResolutionKind kind = ResolutionKind::kRoute;
  const Procedure* procedure = nullptr;
  const Locality* locality = nullptr;   // the citizen's locality, as given
  const Agency* agency = nullptr;       // the competent agency: the route, or where to redirect
  const Agency* this_agency = nullptr;  // null when `this_agency_code` was empty
  std::string note;                     // the route exception's note, if one applied
  const std::string& backend_id() const { return agency->backend_id; }
};

class RouteTable {
 public:
  // `backend_ids` are the connectors the gateway has; the file may declare more ("backends").
  // Cross-references are checked: agencies' localities and backends, routes' procedures,
  // localities and agencies, and that every procedure's kind has an agency at its level.
  static core::Result<RouteTable> Parse(std::string_view json_text, std::string_view source_name,
                                        std::shared_ptr<const Catalog> catalog,
                                        const std::vector<std::string>& backend_ids = {});
  // The same table over a refreshed catalogue, re-checked; errors if a route names a procedure
  // the new catalogue dropped or a procedure's kind has no agency.
  core::Result<RouteTable> WithCatalog(std::shared_ptr<const Catalog> catalog) const;

  // Errors: kNotFound for an unknown procedure, locality or agency code, or when no agency of the
  // procedure's kind serves the locality; kInvalidArgument when a commune-level procedure is
  // asked for a whole province (the dialog should ask for the phường/xã).
  core::Result<Resolution> Resolve(std::string_view procedure_slug, std::string_view locality_code,
                                   std::string_view this_agency_code) const;

  const Agency* FindAgency(std::string_view code) const;
  const Locality* FindLocality(std::string_view code) const;
  const std::vector<Agency>& agencies() const { return agencies_; }
  const std::vector<Locality>& localities() const { return localities_; }
  const std::vector<std::string>& backend_ids() const { return backend_ids_; }
  const Catalog& catalog() const { return *catalog_; }
  bool demo() const { return demo_; }

 private:
  // Checks what depends on the catalogue; "path: reason" lines into `errors`.
  void CheckAgainstCatalog(core::ConfigErrors& errors) const;
  const Agency* Competent(const Procedure& p, const Locality& loc, std::string& note,
                          core::Error& error) const;

  std::shared_ptr<const Catalog> catalog_;
  bool demo_ = false;
  std::string source_name_;
  std::vector<std::string> backend_ids_;
  std::vector<Locality> localities_;
  std::vector<Agency> agencies_;
  std::vector<RouteOverride> routes_;
  std::map<std::string, std::size_t, std::less<>> locality_index_;
  std::map<std::string, std::size_t, std::less<>> agency_index_;
  // "kind|level|locality" -> the first such agency in file order (the rule by level).
  std::map<std::string, std::size_t, std::less<>> by_kind_;
  // "procedure|locality" -> index into routes_.
  std::map<std::string, std::size_t, std::less<>> route_index_;
};

}  // namespace gw::routing
