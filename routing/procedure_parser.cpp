// Parsing of a procedure object: names, code, level, online level, documents, fees, time, form.
#include "routing/procedure_parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "routing/json_text.hpp"

namespace gw::routing {
namespace {

const std::vector<std::string> kUnverifiableParts = {"resolving", "online", "documents",
                                                     "fees",      "time",   "form"};

bool IsSnake(std::string_view s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// "1.001193": one digit, a dot, six digits (the national database's format).
bool IsProcedureCode(std::string_view s) {
  if (s.size() != 8 || s[1] != '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i != 1 && (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

void AddError(core::ConfigNode& node, std::string_view key, std::string_view reason) {
  node.errors().Add(KeyPath(node, key), reason);
}

void ParseCode(core::ConfigNode& node, Procedure& p) {
  p.code = node.String("code");
  p.code_source = node.String("code_source", "", true);
  if (!p.code.empty() && !IsProcedureCode(p.code)) {
    AddError(node, "code",
             fmt::format("expected a national procedure code like 1.001193, got \"{}\"", p.code));
  }
  const std::string_view src = p.code_source;
  if (src.starts_with("verified: ") && src.size() > 10) {
    p.code_verified = true;
    if (p.code.empty()) AddError(node, "code", "is required when code_source is verified");
  } else if (!src.empty() && src != "unverified" &&
             !(src.starts_with("unverified: ") && src.size() > 12)) {
    AddError(
        node, "code_source",
        fmt::format("expected \"verified: <where>\", \"unverified\" or \"unverified: <note>\", "
                    "got \"{}\"",
                    p.code_source));
  }
}

void ParseResolving(core::ConfigNode& node, Procedure& p) {
  auto r = node.Object("resolving");
  auto level = RequiredEnum(r, "level", {"xa", "tinh", "bo"});
  p.resolving.level = level == "tinh" ? Level::kTinh : level == "bo" ? Level::kBo : Level::kXa;
  p.resolving.body = r.String("body", "", true);
  p.resolving.agency_kind = r.String("agency_kind", "", true);
  if (!p.resolving.agency_kind.empty() && !IsSnake(p.resolving.agency_kind)) {
    AddError(r, "agency_kind", "expected lower-case letters, digits and _");
  }
  p.resolving.note = r.String("note");
  r.Finish();
}

void ParseOnline(core::ConfigNode& node, Procedure& p) {
  auto o = node.Object("online");
  auto level = RequiredEnum(o, "level", {"toan_trinh", "mot_phan"});
  p.online.level = level == "mot_phan" ? OnlineLevel::kMotPhan : OnlineLevel::kToanTrinh;
  o.ObjectArray("in_person", [&](core::ConfigNode& s) {
    p.online.in_person.push_back(
        InPersonStep{s.String("what", "", true), s.String("where", "", true)});
  });
  p.online.note = o.String("note");
  if (level == "mot_phan" && p.online.in_person.empty()) {
    AddError(o, "in_person", "is required for mot_phan: what the citizen must do in person, where");
  } else if (level == "toan_trinh" && !p.online.in_person.empty()) {
    AddError(o, "in_person", "is only for mot_phan");
  }
  o.Finish();
}

void ParseDocuments(core::ConfigNode& node, Procedure& p) {
  p.documents = node.StringList("documents");
  if (p.documents.empty()) AddError(node, "documents", "needs at least one document");
  for (std::size_t i = 0; i < p.documents.size(); ++i) {
    if (p.documents[i].empty()) {
      node.errors().Add(fmt::format("{}[{}]", KeyPath(node, "documents"), i), "must not be empty");
    }
  }
}

void ParseFees(core::ConfigNode& node, Procedure& p) {
  node.ObjectArray("fees", [&](core::ConfigNode& f) {
    Fee fee;
    fee.label = f.String("label", "", true);
    if (f.Has("amount_vnd")) {
      const auto before = f.errors().lines().size();
      auto amount = f.Int("amount_vnd", -1, 0, 1'000'000'000);
      if (f.errors().lines().size() == before && amount >= 0) fee.amount_vnd = amount;
    }
    fee.text = f.String("text");
    fee.basis = f.String("basis");
    if (!f.Has("amount_vnd") && fee.text.empty()) {
      f.errors().Add(f.path(), "needs amount_vnd (0 = miễn phí) or text");
    }
    p.fees.push_back(std::move(fee));
  });
  if (p.fees.empty()) AddError(node, "fees", "needs at least one entry (amount_vnd 0 = miễn phí)");
}

void ParseTime(core::ConfigNode& node, Procedure& p) {
  auto t = node.Object("time");
  if (t.Has("working_days") == t.Has("calendar_days")) {
    t.errors().Add(t.path(), "needs exactly one of working_days and calendar_days");
    t.Claim("working_days");
    t.Claim("calendar_days");
  } else {
    // A bad value stays unset, so it does not also trip the same-day rule below.
    const bool working = t.Has("working_days");
    const auto before = t.errors().lines().size();
    const auto days =
        working ? t.Int("working_days", -1, 0, 365) : t.Int("calendar_days", -1, 1, 365);
    if (t.errors().lines().size() == before && days >= 0) {
      (working ? p.time.working_days : p.time.calendar_days) = static_cast<int>(days);
    } else if (t.errors().lines().size() == before) {  // present but null
      AddError(t, working ? "working_days" : "calendar_days", "expected an integer, got null");
    }
  }
  p.time.note = t.String("note");
  p.time.basis = t.String("basis");
  if (p.time.SameDay() && p.time.note.empty()) {
    AddError(t, "note", "is required when working_days is 0 (ngay trong ngày)");
  }
  t.Finish();
}

void ParseField(core::ConfigNode& f, std::set<std::string>& names, FormField& field) {
  field.name = f.String("name", "", true);
  if (!field.name.empty() && !IsSnake(field.name)) {
    AddError(f, "name", "expected lower-case letters, digits and _");
  } else if (!field.name.empty() && !names.insert(field.name).second) {
    AddError(f, "name", fmt::format("duplicate field name \"{}\"", field.name));
  }
  field.label = f.String("label", "", true);
  auto type =
      RequiredEnum(f, "type", {"text", "date", "phone", "cccd", "choice", "dossier_code", "email"});
  static const std::vector<std::pair<std::string, FieldType>> kTypes = {
      {"text", FieldType::kText},     {"date", FieldType::kDate},
      {"phone", FieldType::kPhone},   {"cccd", FieldType::kCccd},
      {"choice", FieldType::kChoice}, {"dossier_code", FieldType::kDossierCode},
      {"email", FieldType::kEmail}};
  for (const auto& [n, t] : kTypes) {
    if (n == type) field.type = t;
  }
  field.required = f.Bool("required", true);
  field.hint = f.String("hint");
  // Each validation key belongs to one type; elsewhere it is an error, not silently ignored.
  auto only_for = [&](std::string_view key, std::string_view for_type) {
    if (!f.Has(key) || type == for_type || type.empty()) return true;
    AddError(f, key, fmt::format("is only for type {}", for_type));
    f.Claim(key);
    return false;
  };
  if (only_for("min_length", "text"))
    field.min_length = static_cast<int>(f.Int("min_length", 0, 0, 10000));
  if (only_for("max_length", "text"))
    field.max_length = static_cast<int>(f.Int("max_length", 0, 0, 10000));
  if (field.max_length > 0 && field.min_length > field.max_length) {
    AddError(f, "min_length", "must not exceed max_length");
  }
  if (only_for("not_after_today", "date")) field.not_after_today = f.Bool("not_after_today", false);
  if (only_for("not_before_today", "date"))
    field.not_before_today = f.Bool("not_before_today", false);
  if (field.not_after_today && field.not_before_today) {
    f.errors().Add(f.path(), "not_after_today and not_before_today exclude each other");
  }
  if (only_for("options", "choice")) {
    std::set<std::string> values;
    f.ObjectArray("options", [&](core::ConfigNode& o) {
      ChoiceOption opt{o.String("value", "", true), o.String("label", "", true)};
      if (!opt.value.empty() && !values.insert(opt.value).second) {
        AddError(o, "value", fmt::format("duplicate option \"{}\"", opt.value));
      }
      field.options.push_back(std::move(opt));
    });
    if (type == "choice" && field.options.size() < 2) {
      AddError(f, "options", "a choice needs at least two options");
    }
  }
}

void ParseForm(core::ConfigNode& node, Procedure& p) {
  std::set<std::string> names;
  node.ObjectArray("form", [&](core::ConfigNode& f) {
    FormField field;
    ParseField(f, names, field);
    p.form.push_back(std::move(field));
  });
  if (p.form.empty()) AddError(node, "form", "needs at least one field");
}

void ParseUnverified(core::ConfigNode& node, Procedure& p) {
  p.unverified = node.StringList("unverified");
  for (std::size_t i = 0; i < p.unverified.size(); ++i) {
    if (std::find(kUnverifiableParts.begin(), kUnverifiableParts.end(), p.unverified[i]) ==
        kUnverifiableParts.end()) {
      node.errors().Add(fmt::format("{}[{}]", KeyPath(node, "unverified"), i),
                        fmt::format("expected one of {}, got \"{}\"",
                                    fmt::join(kUnverifiableParts, ", "), p.unverified[i]));
    }
  }
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kXa:
      return "xa";
    case Level::kTinh:
      return "tinh";
    case Level::kBo:
      return "bo";
  }
  return "xa";
}

std::string_view OnlineLevelName(OnlineLevel level) {
  return level == OnlineLevel::kMotPhan ? "mot_phan" : "toan_trinh";
}

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kText:
      return "text";
    case FieldType::kDate:
      return "date";
    case FieldType::kPhone:
      return "phone";
    case FieldType::kCccd:
      return "cccd";
    case FieldType::kChoice:
      return "choice";
    case FieldType::kDossierCode:
      return "dossier_code";
    case FieldType::kEmail:
      return "email";
  }
  return "text";
}

bool Procedure::IsUnverified(std::string_view part) const {
  return std::find(unverified.begin(), unverified.end(), part) != unverified.end();
}

Procedure ParseProcedure(core::ConfigNode& node) {
  Procedure p;
  p.slug = node.String("slug", "", true);
  if (!p.slug.empty() && !IsSnake(p.slug)) {
    AddError(node, "slug", "expected lower-case letters, digits and _");
  }
  ParseCode(node, p);
  auto name = node.Object("name");
  p.name_vi = name.String("vi", "", true);
  p.name_en = name.String("en", "", true);
  name.Finish();
  p.domain = node.String("domain");
  ParseResolving(node, p);
  ParseOnline(node, p);
  ParseDocuments(node, p);
  ParseFees(node, p);
  ParseTime(node, p);
  ParseForm(node, p);
  ParseUnverified(node, p);
  p.notes = node.String("notes");
  return p;
}

}  // namespace gw::routing
