// Agencies, localities and routing exceptions of config/catalog/agencies.json, as typed data.
#pragma once

#include <string>

#include "routing/procedure.hpp"

namespace gw::routing {

// How a citizen reaches an agency: what the dialog says when it redirects them.
struct Contact {
  std::string address;
  std::string hotline;
  std::string hours;
  std::string website;
  std::string email;  // may be empty
};

// A province (tỉnh, thành phố trực thuộc trung ương) or a commune (xã, phường, đặc khu) in it.
// Since 1 July 2025 there is no district level between them.
struct Locality {
  std::string code;           // "79", "79.ben_thanh"
  std::string name;           // "Thành phố Hồ Chí Minh", "Phường Bến Thành"
  std::string province_code;  // the province of a commune; empty for a province
  bool IsProvince() const { return province_code.empty(); }
};

struct Agency {
  std::string code;  // electronic identifier, the unit code of its dossier codes: "000.00.12.H29"
  std::string name;  // "UBND phường Bến Thành"
  std::string kind;  // matched with Procedure::resolving.agency_kind: "ubnd", "cong_an", ...
  Level level = Level::kXa;
  std::string locality;    // a commune (level xa), a province (tinh); empty for a ministry (bo)
  std::string backend_id;  // the one-stop backend that receives its dossiers
  Contact contact;
};

// An exception to the rule by level: `procedure` in `locality` (a commune, or a province and
// all its communes) goes to `agency`.
struct RouteOverride {
  std::string procedure;
  std::string locality;
  std::string agency;
  std::string note;
};

}  // namespace gw::routing
