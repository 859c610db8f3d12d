// Loading and cross-checking of agencies.json, and resolution of procedure x locality -> agency.
#include "routing/route_table.hpp"

#include <fmt/format.h>

#include <set>

#include "core/config_reader.hpp"
#include "routing/json_text.hpp"

namespace gw::routing {
namespace {

std::string KindKey(std::string_view kind, Level level, std::string_view locality) {
  return fmt::format("{}|{}|{}", kind, LevelName(level), locality);
}

std::string RouteKey(std::string_view procedure, std::string_view locality) {
  return fmt::format("{}|{}", procedure, locality);
}

}  // namespace

core::Result<RouteTable> RouteTable::Parse(std::string_view json_text, std::string_view source_name,
                                           std::shared_ptr<const Catalog> catalog,
                                           const std::vector<std::string>& backend_ids) {
  auto json = ParseJsonText(json_text, source_name);
  if (!json.ok()) return json.error();
  core::ConfigErrors errors;
  core::ConfigNode root(&*json, "", &errors);
  RouteTable t;
  t.catalog_ = std::move(catalog);
  t.source_name_ = std::string(source_name);
  t.demo_ = root.Bool("demo", false);

  // The gateway's connectors and the file's declarations may overlap; only a backend declared
  // twice in the file is an error (more likely a typo than intended).
  std::set<std::string, std::less<>> backends(backend_ids.begin(), backend_ids.end());
  std::set<std::string> declared;
  root.ObjectArray("backends", [&](core::ConfigNode& n) {
    std::string id = n.String("id", "", true);
    n.String("name");
    if (!id.empty() && !declared.insert(id).second) {
      n.errors().Add(KeyPath(n, "id"), fmt::format("duplicate backend id \"{}\"", id));
    }
    if (!id.empty()) backends.insert(id);
  });
  t.backend_ids_.assign(backends.begin(), backends.end());

  auto add_locality = [&](core::ConfigNode& n, std::string province_code) {
    Locality loc{n.String("code", "", true), n.String("name", "", true), std::move(province_code)};
    if (loc.code.empty()) return;
    if (!t.locality_index_.emplace(loc.code, t.localities_.size()).second) {
      n.errors().Add(KeyPath(n, "code"), fmt::format("duplicate locality code \"{}\"", loc.code));
      return;
    }
    t.localities_.push_back(std::move(loc));
  };
  root.ObjectArray("localities", [&](core::ConfigNode& n) {
    add_locality(n, "");
    const std::string province = n.String("code");
    n.ObjectArray("communes", [&](core::ConfigNode& c) { add_locality(c, province); });
  });

  root.ObjectArray("agencies", [&](core::ConfigNode& n) {
    Agency a;
    a.code = n.String("code", "", true);
    a.name = n.String("name", "", true);
    a.kind = n.String("kind", "", true);
    auto level = RequiredEnum(n, "level", {"xa", "tinh", "bo"});
    a.level = level == "tinh" ? Level::kTinh : level == "bo" ? Level::kBo : Level::kXa;
    a.locality = n.String("locality");
    a.backend_id = n.String("backend", "", true);
    auto c = n.Object("contact");
    a.contact = Contact{c.String("address", "", true), c.String("hotline", "", true),
                        c.String("hours", "", true), c.String("website"), c.String("email")};
    c.Finish();
    if (!a.backend_id.empty() && !backends.contains(a.backend_id)) {
      n.errors().Add(KeyPath(n, "backend"),
                     fmt::format("unknown backend \"{}\" (known: {})", a.backend_id,
                                 fmt::join(t.backend_ids_, ", ")));
    }
    const Locality* loc = t.FindLocality(a.locality);
    if (level == "bo" && !a.locality.empty()) {
      n.errors().Add(KeyPath(n, "locality"), "a ministry (level bo) has no locality");
    } else if (level == "xa" && (loc == nullptr || loc->IsProvince())) {
      n.errors().Add(KeyPath(n, "locality"),
                     fmt::format("expected a commune code for level xa, got \"{}\"", a.locality));
    } else if (level == "tinh" && (loc == nullptr || !loc->IsProvince())) {
      n.errors().Add(
          KeyPath(n, "locality"),
          fmt::format("expected a province code for level tinh, got \"{}\"", a.locality));
    }
    if (a.code.empty()) return;
    if (!t.agency_index_.emplace(a.code, t.agencies_.size()).second) {
      n.errors().Add(KeyPath(n, "code"), fmt::format("duplicate agency code \"{}\"", a.code));
      return;
    }
    t.by_kind_.emplace(KindKey(a.kind, a.level, a.locality), t.agencies_.size());
    t.agencies_.push_back(std::move(a));
  });

  root.ObjectArray("routes", [&](core::ConfigNode& n) {
    RouteOverride r{n.String("procedure", "", true), n.String("locality", "", true),
                    n.String("agency", "", true), n.String("note")};
    if (!r.locality.empty() && t.FindLocality(r.locality) == nullptr) {
      n.errors().Add(KeyPath(n, "locality"), fmt::format("unknown locality \"{}\"", r.locality));
    }
    if (!r.agency.empty() && t.FindAgency(r.agency) == nullptr) {
      n.errors().Add(KeyPath(n, "agency"), fmt::format("unknown agency \"{}\"", r.agency));
    }
    if (!t.route_index_.emplace(RouteKey(r.procedure, r.locality), t.routes_.size()).second) {
      n.errors().Add(n.path(),
                     fmt::format("duplicate route for {} in {}", r.procedure, r.locality));
    }
    t.routes_.push_back(std::move(r));
  });
  root.Finish();
  if (t.catalog_ == nullptr) {
    errors.Add("", "no procedure catalogue to check the routes against");
  } else {
    t.CheckAgainstCatalog(errors);
  }
  if (!errors.empty()) return ToError(errors, source_name);
  return t;
}

void RouteTable::CheckAgainstCatalog(core::ConfigErrors& errors) const {
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!routes_[i].procedure.empty() && catalog_->BySlug(routes_[i].procedure) == nullptr) {
      errors.Add(fmt::format("routes[{}].procedure", i),
                 fmt::format("unknown procedure \"{}\" (not in catalogue {})", routes_[i].procedure,
                             catalog_->version()));
    }
  }
  // A procedure whose kind has no agency at its level could never be routed anywhere: a
  // catalogue refresh that introduces one is refused rather than failing citizen by citizen.
  for (const auto& p : catalog_->procedures()) {
    bool found = false;
    for (const auto& a : agencies_) {
      found = found || (a.kind == p.resolving.agency_kind && a.level == p.resolving.level);
    }
    if (!found) {
      errors.Add(fmt::format("(catalogue) {}.resolving", p.slug),
                 fmt::format("no agency of kind \"{}\" at level {}", p.resolving.agency_kind,
                             LevelName(p.resolving.level)));
    }
  }
}

core::Result<RouteTable> RouteTable::WithCatalog(std::shared_ptr<const Catalog> catalog) const {
  RouteTable t = *this;
  t.catalog_ = std::move(catalog);
  core::ConfigErrors errors;
  t.CheckAgainstCatalog(errors);
  if (!errors.empty()) return ToError(errors, source_name_);
  return t;
}

const Agency* RouteTable::FindAgency(std::string_view code) const {
  auto it = agency_index_.find(code);
  return it == agency_index_.end() ? nullptr : &agencies_[it->second];
}

const Locality* RouteTable::FindLocality(std::string_view code) const {
  auto it = locality_index_.find(code);
  return it == locality_index_.end() ? nullptr : &localities_[it->second];
}

const Agency* RouteTable::Competent(const Procedure& p, const Locality& loc, std::string& note,
                                    core::Error& error) const {
  auto route = route_index_.find(RouteKey(p.slug, loc.code));
  if (route == route_index_.end() && !loc.IsProvince()) {
    route = route_index_.find(RouteKey(p.slug, loc.province_code));
  }
  if (route != route_index_.end()) {
    note = routes_[route->second].note;
    return FindAgency(routes_[route->second].agency);
  }
  std::string scope;
  switch (p.resolving.level) {
    case Level::kXa:
      if (loc.IsProvince()) {
        error = core::MakeError(
            core::ErrorCode::kInvalidArgument,
            fmt::format("{} is resolved at commune level ({}): {} is a province, a phường/xã is "
                        "needed",
                        p.slug, p.resolving.body, loc.name));
        return nullptr;
      }
      scope = loc.code;
      break;
    case Level::kTinh:
      scope = loc.IsProvince() ? loc.code : loc.province_code;
      break;
    case Level::kBo:
      break;
  }
  auto it = by_kind_.find(KindKey(p.resolving.agency_kind, p.resolving.level, scope));
  if (it == by_kind_.end()) {
    error = core::MakeError(
        core::ErrorCode::kNotFound,
        fmt::format("no agency of kind \"{}\" at level {} serves {} ({})", p.resolving.agency_kind,
                    LevelName(p.resolving.level), loc.name, loc.code));
    return nullptr;
  }
  return &agencies_[it->second];
}

core::Result<Resolution> RouteTable::Resolve(std::string_view procedure_slug,
                                             std::string_view locality_code,
                                             std::string_view this_agency_code) const {
  Resolution r;
  r.procedure = catalog_->BySlug(procedure_slug);
  if (r.procedure == nullptr) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           fmt::format("unknown procedure \"{}\"", procedure_slug));
  }
  r.locality = FindLocality(locality_code);
  if (r.locality == nullptr) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           fmt::format("unknown locality \"{}\"", locality_code));
  }
  if (!this_agency_code.empty()) {
    r.this_agency = FindAgency(this_agency_code);
    if (r.this_agency == nullptr) {
      return core::MakeError(core::ErrorCode::kNotFound,
                             fmt::format("unknown agency \"{}\": this gateway's agency code is not "
                                         "in the route table",
                                         this_agency_code));
    }
  }
  core::Error error;
  r.agency = Competent(*r.procedure, *r.locality, r.note, error);
  if (r.agency == nullptr) return error;
  r.kind = (r.this_agency == nullptr || r.this_agency == r.agency)
               ? ResolutionKind::kRoute
               : ResolutionKind::kWrongJurisdiction;
  return r;
}

}  // namespace gw::routing
