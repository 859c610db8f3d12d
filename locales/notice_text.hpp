// Dossier status notices as citizens read them: one text per status and channel style, from the
// catalogs (keys notice.<style>.<status>), with SMS segment rules applied.
//
// Pure and thread-safe. A notice whose status needs a reason, a date or a place to collect the
// result and lacks it is an error, not a vaguer text: NĐ 137/2024 wants the reason stated.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/types.hpp"
#include "locales/catalog.hpp"
#include "locales/sms_segments.hpp"

namespace gw::locales {

// The statuses a backend may push, by their wire names (docs/API.md, POST /api/v1/notifications).
inline constexpr std::string_view kNoticeStatuses[] = {
    "received", "processing", "supplement_required", "payment_required", "delayed",
    "rejected", "stopped",    "result_ready",        "returned",         "withdrawn",
};

// Which catalog texts a channel gets.
enum class NoticeStyle {
  kSms,    // short, plain, one line: SMS, and the hotline (read aloud, so no markup either)
  kChat,   // a few lines: Zalo OA and ZNS, the app
  kEmail,  // subject line and a full letter with greeting and signature
};

NoticeStyle StyleFor(core::ChannelKind channel);

// A civil date. Passed to the catalog as strings: ICU would format a number year as "2.026".
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// How the result reaches the citizen (backends' ResultInfo.delivery).
enum class ResultDelivery { kCounter, kPost, kOnline };

struct NoticeFields {
  std::string status;          // one of kNoticeStatuses
  std::string dossier_code;    // required
  std::string procedure_name;  // required, e.g. "Đăng ký khai sinh"
  // Required for supplement_required (what to supplement), delayed, rejected and stopped;
  // optional detail for payment_required; ignored otherwise. A trailing full stop is dropped,
  // since the templates end the sentence themselves.
  std::string reason;
  std::optional<CivilDate> new_due_date;  // required for delayed
  // result_ready: where to collect (a counter's address, or the URL for kOnline); required
  // unless the result goes by post. `result_summary` is optional ("Giấy khai sinh (bản chính)").
  ResultDelivery delivery = ResultDelivery::kCounter;
  std::string collect_at;
  std::string result_summary;
  std::string agency;  // signs e-mails; the catalog's notice.agency_default when empty
};

struct NoticeText {
  std::string subject;         // e-mail only; empty for other styles
  std::string body;            // exactly what to send (for SMS: NFC, folded when sms->folded)
  std::optional<SmsPlan> sms;  // for ChannelKind::kSms: encoding, parts, whether folded
};

// Renders `fields` for `channel` in `lang` (the Vietnamese catalog when `lang` has none). For SMS
// the text is tried as written; when it needs more than `sms.max_parts` and folding is allowed it
// is folded (đ→d), and if it still does not fit that is an error, never a truncation.
// Errors: kInvalidArgument (unknown status, invalid UTF-8, impossible date), kUnprocessable (a
// field the status needs is missing; SMS over the maximum), each with a message naming the field.
core::Result<NoticeText> RenderNotice(const Catalogs& catalogs, std::string_view lang,
                                      core::ChannelKind channel, const NoticeFields& fields,
                                      const SmsOptions& sms = {});

// The date as the catalog's date.long writes it in `lang`. Vietnamese follows NĐ 30/2020 (a
// leading zero on days 1-9 and months 1-2: "ngày 05 tháng 02 năm 2026", "ngày 23 tháng 11 năm
// 2026"); other languages get dd/mm/yyyy.
std::string FormatNoticeDate(const Catalogs& catalogs, std::string_view lang, CivilDate date);

}  // namespace gw::locales
