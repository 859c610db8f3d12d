// Notices per route from the catalog's templates.
#include "gateway/delivery/notice_composer.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "locales/notice_text.hpp"

namespace gw::gateway::delivery {
namespace {

std::optional<locales::CivilDate> ParseDate(const std::string& text) {
  locales::CivilDate d;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &d.year, &d.month, &d.day, &tail) != 3)
    return std::nullopt;
  return d;
}

// `result` is free text ("Giấy khai sinh (bản chính)") or the backend's ResultInfo object
// {"summary", "delivery": "counter|post|online", "pickup_location", "document_url"}
// (docs/BACKEND_API.md); online results are collected at the document's URL.
void ReadResult(const std::string& result, const std::string& agency, locales::NoticeFields& f) {
  f.delivery = locales::ResultDelivery::kCounter;
  f.collect_at = agency;
  auto j = nlohmann::json::parse(result, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) {
    f.result_summary = result;
    return;
  }
  const std::string delivery = j.value("delivery", std::string("counter"));
  if (delivery == "post") f.delivery = locales::ResultDelivery::kPost;
  if (delivery == "online") f.delivery = locales::ResultDelivery::kOnline;
  const char* where_fields[] = {"pickup_location", "document_url"};
  if (f.delivery == locales::ResultDelivery::kOnline) std::swap(where_fields[0], where_fields[1]);
  for (const char* where : where_fields) {
    if (j.contains(where) && j[where].is_string() && !j[where].get<std::string>().empty()) {
      f.collect_at = j[where].get<std::string>();
      break;
    }
  }
  f.result_summary = j.value("summary", std::string());
}

}  // namespace

NoticeComposer::NoticeComposer(const locales::Catalogs& catalogs, const routing::Catalog& catalog,
                               ComposerSettings settings)
    : catalogs_(catalogs), catalog_(catalog), settings_(std::move(settings)) {}

core::Result<core::OutboundMessage> NoticeComposer::Compose(const StatusPush& push,
                                                            notifier::Route route,
                                                            const std::string& address) const {
  locales::NoticeFields f;
  f.status = push.status;
  f.dossier_code = push.dossier_code;
  const auto* procedure = catalog_.ByCode(push.procedure_code);
  f.procedure_name = procedure != nullptr ? procedure->name_vi : push.procedure_code;
  f.reason = push.reason;
  if (!push.new_due_date.empty()) f.new_due_date = ParseDate(push.new_due_date);
  f.agency = settings_.agency;
  ReadResult(push.result, settings_.agency, f);
  const core::ChannelKind channel = notifier::ChannelFor(route);
  auto text = locales::RenderNotice(catalogs_, settings_.lang, channel, f, settings_.sms);
  if (!text.ok()) return text.error();
  core::OutboundMessage m;
  m.to = {channel, address};
  m.subject = text->subject;
  m.text = text->body;
  return m;
}

std::string NoticeComposer::ReplySubject(bool refusal) const {
  return catalogs_.For(settings_.lang)
      .Format(refusal ? "render.email_subject_refusal" : "render.email_subject");
}

}  // namespace gw::gateway::delivery
