// Adapting routing::Procedure to the engine's ProcedureFacts.
#include "gateway/catalog_directory.hpp"

#include <algorithm>

#include "dialogs/engine/slots.hpp"
#include "locales/text.hpp"

namespace gw::gateway {
namespace {

dialogs::SlotType SlotTypeOf(routing::FieldType t) {
  switch (t) {
    case routing::FieldType::kText:
      return dialogs::SlotType::kText;
    case routing::FieldType::kDate:
      return dialogs::SlotType::kDate;
    case routing::FieldType::kPhone:
      return dialogs::SlotType::kPhone;
    case routing::FieldType::kCccd:
      return dialogs::SlotType::kCccd;
    case routing::FieldType::kChoice:
      return dialogs::SlotType::kChoice;
    case routing::FieldType::kDossierCode:
      return dialogs::SlotType::kDossierCode;
    case routing::FieldType::kEmail:
      return dialogs::SlotType::kEmail;
  }
  return dialogs::SlotType::kText;
}

// Other names citizens use, beyond the words of the slug ("so do" for đất đai). Matching rules,
// not texts shown to anyone, so they live here rather than in locales/.
const std::vector<std::pair<std::string, std::string>> kAliases = {
    {"dat_dai", "so do"},
    {"dat_dai", "so hong"},
    {"can_cuoc", "cccd"},
    {"can_cuoc", "can cuoc cong dan"},
    {"giay_phep_lai_xe", "gplx"},
    {"giay_phep_lai_xe", "bang lai"},
    {"bhyt", "bao hiem y te"},
    {"ly_lich_tu_phap", "lltp"},
    {"xac_nhan_hon_nhan", "tinh trang hon nhan"},
    {"thanh_lap_doanh_nghiep", "thanh lap cong ty"},
    {"giay_phep_xay_dung", "gpxd"},
    {"giay_phep_xay_dung", "xay nha"},
    {"tro_cap_that_nghiep", "that nghiep"},
    {"dang_ky_xe", "bien so"},
};

std::string LowerFirstWord(const std::string& text) {
  auto space = text.find(' ');
  return locales::ToLower(text.substr(0, space)) +
         (space == std::string::npos ? "" : text.substr(space));
}

std::string FeeText(const routing::Procedure& p, const locales::Catalog& texts) {
  if (p.fees.empty()) return texts.Format("info.fee_unknown");
  std::string out;
  for (const auto& f : p.fees) {
    if (!out.empty()) out += "; ";
    if (f.IsFree()) {
      out += texts.Format("info.fee_free");
    } else if (f.amount_vnd) {
      out += texts.Format("info.fee_amount", {{"label", f.label}, {"amount", *f.amount_vnd}});
    } else {
      out += f.label.empty() ? f.text : f.label + ": " + f.text;
    }
  }
  return out;
}

std::string TimeText(const routing::Procedure& p, const locales::Catalog& texts) {
  if (p.time.SameDay()) return texts.Format("info.same_day");
  if (p.time.working_days)
    return texts.Format("info.working_days", {{"days", std::int64_t{*p.time.working_days}}});
  if (p.time.calendar_days)
    return texts.Format("info.calendar_days", {{"days", std::int64_t{*p.time.calendar_days}}});
  return texts.Format("info.time_unknown");
}

}  // namespace

CatalogDirectory::CatalogDirectory(const std::vector<routing::Procedure>& procedures,
                                   const locales::Catalog& texts, const routing::RouteTable* routes,
                                   std::string agency_code)
    : texts_(texts), routes_(routes), agency_code_(std::move(agency_code)) {
  // The communes of this agency's province, for the question that decides who is competent.
  if (routes_ != nullptr) {
    const routing::Agency* self = routes_->FindAgency(agency_code_);
    const routing::Locality* where = self ? routes_->FindLocality(self->locality) : nullptr;
    const std::string province =
        where == nullptr ? "" : (where->province_code.empty() ? where->code : where->province_code);
    for (const auto& l : routes_->localities()) {
      if (province.empty() || l.province_code != province) continue;
      dialogs::ChoiceOption o;
      o.id = l.code;
      o.label = l.name;
      std::string simple = dialogs::Simplify(l.name);
      o.synonyms = {simple};
      for (std::string_view prefix : {"phuong ", "xa ", "dac khu "}) {
        if (simple.starts_with(prefix)) o.synonyms.push_back(simple.substr(prefix.size()));
      }
      communes_.push_back(std::move(o));
    }
  }
  for (const auto& p : procedures) {
    Entry e;
    auto& f = e.facts;
    f.slug = p.slug;
    f.code = p.code;
    f.name = texts.lang() == "en" && !p.name_en.empty() ? p.name_en : p.name_vi;
    f.fully_online = p.online.level == routing::OnlineLevel::kToanTrinh;
    for (const auto& step : p.online.in_person) {
      if (!f.in_person.empty()) f.in_person += "; ";
      f.in_person += LowerFirstWord(step.what);  // it follows "anh/chị cần trực tiếp ..."
      if (f.where.empty()) f.where = step.where;
    }
    if (f.where.empty()) f.where = p.resolving.body;
    f.documents = p.documents;
    f.fees = FeeText(p, texts);
    f.processing_time = TimeText(p, texts);
    f.commune_level = p.resolving.level == routing::Level::kXa;
    for (const auto& field : p.form) {
      dialogs::ProcedureField pf;
      pf.name = field.name;
      pf.type = SlotTypeOf(field.type);
      pf.label = field.label + (field.hint.empty() ? "" : " (" + field.hint + ")");
      pf.required = field.required;
      pf.min_length = field.min_length;
      pf.max_length = field.max_length > 0 ? field.max_length : 500;
      for (const auto& o : field.options) {
        dialogs::ChoiceOption co;
        co.id = o.value;
        co.label = o.label;
        co.synonyms = {dialogs::Simplify(o.label), dialogs::Simplify(o.value)};
        pf.options.push_back(std::move(co));
      }
      f.fields.push_back(std::move(pf));
    }
    std::string slug_words = p.slug;
    std::replace(slug_words.begin(), slug_words.end(), '_', ' ');
    e.phrases.push_back(slug_words);
    for (const auto& [slug, alias] : kAliases) {
      if (slug == p.slug) e.phrases.push_back(alias);
    }
    entries_.push_back(std::move(e));
  }
}

std::optional<std::string> CatalogDirectory::OtherCompetentAgency(std::string_view slug,
                                                                  std::string_view commune) const {
  if (routes_ == nullptr) return std::nullopt;
  auto r = routes_->Resolve(slug, commune, agency_code_);
  if (!r.ok() || r->kind != routing::ResolutionKind::kWrongJurisdiction || r->agency == nullptr) {
    return std::nullopt;
  }
  return texts_.Format("routing.agency_contact", {{"name", r->agency->name},
                                                  {"address", r->agency->contact.address},
                                                  {"hotline", r->agency->contact.hotline}});
}

const dialogs::ProcedureFacts* CatalogDirectory::BySlug(std::string_view slug) const {
  for (const auto& e : entries_) {
    if (e.facts.slug == slug) return &e.facts;
  }
  return nullptr;
}

const dialogs::ProcedureFacts* CatalogDirectory::Match(std::string_view text) const {
  const std::string simple = dialogs::Simplify(text);
  const Entry* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& e : entries_) {
    for (const auto& phrase : e.phrases) {
      if (phrase.size() > best_len && dialogs::HasWords(simple, phrase)) {
        best = &e;
        best_len = phrase.size();
      }
    }
  }
  return best == nullptr ? nullptr : &best->facts;
}

}  // namespace gw::gateway
