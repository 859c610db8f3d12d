// Status notice rendering: field checks per status, catalog lookup per style, SMS fitting.
#include "locales/notice_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "locales/text.hpp"

namespace gw::locales {
namespace {

// What each status's templates use, so a missing field is caught here with its name instead of
// surfacing as a literal "{reason}" in a citizen's inbox.
struct StatusNeeds {
  std::string_view status;
  bool reason = false;
  bool due_date = false;
  bool collect = false;
};

constexpr StatusNeeds kNeeds[] = {
    {"received"},
    {"processing"},
    {"supplement_required", true},
    {"payment_required"},
    {"delayed", true, true},
    {"rejected", true},
    {"stopped", true},
    {"result_ready", false, false, true},
    {"returned"},
    {"withdrawn"},
};

const StatusNeeds* FindNeeds(std::string_view status) {
  for (const auto& n : kNeeds) {
    if (n.status == status) return &n;
  }
  return nullptr;
}

std::string_view StyleKey(NoticeStyle style) {
  switch (style) {
    case NoticeStyle::kSms:
      return "sms";
    case NoticeStyle::kChat:
      return "chat";
    case NoticeStyle::kEmail:
      return "email";
  }
  return "chat";
}

std::string_view DeliveryKey(ResultDelivery d) {
  switch (d) {
    case ResultDelivery::kCounter:
      return "counter";
    case ResultDelivery::kPost:
      return "post";
    case ResultDelivery::kOnline:
      return "online";
  }
  return "counter";
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Trims spaces and the final full stop(s): backends write "Thiếu giấy chứng sinh." and the
// templates add their own ".", which would otherwise print "..".
std::string TidyReason(std::string_view s) {
  std::size_t end = s.find_last_not_of(" \t\r\n.");
  if (end == std::string_view::npos) return {};
  std::size_t begin = s.find_first_not_of(" \t\r\n");
  return std::string(s.substr(begin, end + 1 - begin));
}

std::string Pad2(int n) {
  return fmt::format("{:02}", n);
}

core::Error Missing(std::string_view status, std::string_view field) {
  return core::MakeError(core::ErrorCode::kUnprocessable,
                         fmt::format("a {} notice needs {}", status, field));
}

bool ValidDate(CivilDate d) {
  using namespace std::chrono;
  year_month_day ymd{year(d.year), month(static_cast<unsigned>(d.month)),
                     day(static_cast<unsigned>(d.day))};
  return d.year >= 1900 && d.year <= 9999 && d.month >= 1 && d.day >= 1 && ymd.ok();
}

}  // namespace

NoticeStyle StyleFor(core::ChannelKind channel) {
  switch (channel) {
    case core::ChannelKind::kSms:
    case core::ChannelKind::kIvr:
      return NoticeStyle::kSms;
    case core::ChannelKind::kEmail:
      return NoticeStyle::kEmail;
    case core::ChannelKind::kZalo:
    case core::ChannelKind::kApp:
      return NoticeStyle::kChat;
  }
  return NoticeStyle::kChat;
}

std::string FormatNoticeDate(const Catalogs& catalogs, std::string_view lang, CivilDate date) {
  const Catalog& catalog = catalogs.For(lang);
  std::string d = std::to_string(date.day);
  std::string m = std::to_string(date.month);
  if (catalog.lang() == "vi") {
    // NĐ 30/2020/NĐ-CP: days below 10 and months 1 and 2 take a leading zero, so that a digit
    // cannot be added in front later ("tháng 1" -> "tháng 11").
    if (date.day < 10) d = Pad2(date.day);
    if (date.month < 3) m = Pad2(date.month);
  } else {
    d = Pad2(date.day);
    m = Pad2(date.month);
  }
  return catalog.Format("date.long", {{"d", d}, {"m", m}, {"y", std::to_string(date.year)}});
}

core::Result<NoticeText> RenderNotice(const Catalogs& catalogs, std::string_view lang,
                                      core::ChannelKind channel, const NoticeFields& fields,
                                      const SmsOptions& sms) {
  const StatusNeeds* needs = FindNeeds(fields.status);
  if (needs == nullptr) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("unknown notice status \"{}\"", fields.status));
  }
  for (const std::string* s : {&fields.dossier_code, &fields.procedure_name, &fields.reason,
                               &fields.collect_at, &fields.result_summary, &fields.agency}) {
    if (!IsValidUtf8(*s)) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "a notice field is not valid UTF-8");
    }
  }
  const std::string_view status = fields.status;
  if (IsBlank(fields.dossier_code)) return Missing(status, "a dossier code");
  if (IsBlank(fields.procedure_name)) return Missing(status, "a procedure name");
  std::string reason = TidyReason(fields.reason);
  if (needs->reason && reason.empty()) return Missing(status, "a reason");
  if (needs->due_date && !fields.new_due_date) return Missing(status, "a new due date");
  if (fields.new_due_date && !ValidDate(*fields.new_due_date)) {
    const CivilDate& d = *fields.new_due_date;
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        fmt::format("new due date {}-{}-{} does not exist", d.year, d.month, d.day));
  }
  if (needs->collect && fields.delivery != ResultDelivery::kPost && IsBlank(fields.collect_at)) {
    return Missing(status, fields.delivery == ResultDelivery::kOnline
                               ? "the address where the result can be downloaded"
                               : "the place where the result is collected");
  }

  const Catalog& catalog = catalogs.For(lang);
  std::string agency =
      IsBlank(fields.agency) ? catalog.Format("notice.agency_default") : fields.agency;
  MessageArgs args = {
      {"code", fields.dossier_code},
      {"procedure", fields.procedure_name},
      {"reason", reason},
      {"has_reason", std::string(reason.empty() ? "no" : "yes")},
      {"due", fields.new_due_date ? FormatNoticeDate(catalogs, lang, *fields.new_due_date)
                                  : std::string()},
      {"delivery", std::string(DeliveryKey(fields.delivery))},
      {"where", fields.collect_at},
      {"result", TidyReason(fields.result_summary)},
      {"has_result", std::string(IsBlank(fields.result_summary) ? "no" : "yes")},
      {"agency", agency},
  };

  const NoticeStyle style = StyleFor(channel);
  NoticeText out;
  std::string key = fmt::format("notice.{}.{}", StyleKey(style), status);
  if (style == NoticeStyle::kEmail) {
    out.subject = ToNfc(catalog.Format(fmt::format("notice.email_subject.{}", status), args));
    out.body =
        ToNfc(catalog.Format("notice.email.greeting", args) + "\n\n" + catalog.Format(key, args) +
              "\n\n" + catalog.Format("notice.email.closing", args));
    return out;
  }
  out.body = ToNfc(catalog.Format(key, args));
  if (channel == core::ChannelKind::kSms) {
    auto plan = PlanSms(out.body, sms);
    if (!plan.ok()) {
      core::Error e = plan.error();
      e.message = fmt::format("{} notice: {}", status, e.message);
      return e;
    }
    out.body = plan->text;
    out.sms = std::move(plan).value();
  }
  return out;
}

}  // namespace gw::locales
