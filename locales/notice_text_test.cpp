// Tests of status notices: every status and style in both languages, required fields, SMS fitting.
#include "locales/notice_text.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

#include "locales/text.hpp"

using gw::core::ChannelKind;
using gw::core::ErrorCode;
using gw::locales::Catalogs;
using gw::locales::CivilDate;
using gw::locales::FoldDiacritics;
using gw::locales::NoticeFields;
using gw::locales::RenderNotice;
using gw::locales::ResultDelivery;
using gw::locales::SmsEncoding;
using gw::locales::SmsFold;

namespace {

// Loaded once for the whole binary: the catalogs are immutable and cost a parse each.
const Catalogs kCatalogs = [] {
  auto r = Catalogs::LoadEmbedded();
  if (!r.ok()) std::abort();
  return std::move(r).value();
}();

const Catalogs& TheCatalogs() {
  return kCatalogs;
}

NoticeFields Fields(std::string status) {
  NoticeFields f;
  f.status = std::move(status);
  f.dossier_code = "000.00.12.H29-241023-0001";
  f.procedure_name = "Đăng ký khai sinh";
  f.reason = "Thiếu bản sao giấy chứng sinh.";
  f.new_due_date = CivilDate{2026, 11, 23};
  f.collect_at = "Bộ phận Một cửa UBND phường Bến Thành";
  f.agency = "UBND phường Bến Thành";
  return f;
}

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("every status renders in every style and language, with its code and no placeholder") {
  const ChannelKind channels[] = {ChannelKind::kSms, ChannelKind::kZalo, ChannelKind::kApp,
                                  ChannelKind::kEmail, ChannelKind::kIvr};
  for (auto status : gw::locales::kNoticeStatuses) {
    for (std::string lang : {"vi", "en"}) {
      for (auto channel : channels) {
        CAPTURE(status);
        CAPTURE(lang);
        CAPTURE(gw::core::ChannelName(channel));
        auto n = RenderNotice(TheCatalogs(), lang, channel, Fields(std::string(status)));
        REQUIRE(n.ok());
        CHECK(Contains(n->body, "000.00.12.H29-241023-0001"));
        CHECK_FALSE(Contains(n->body, "{"));
        CHECK_FALSE(Contains(n->body, "notice."));  // a missing key prints itself
        CHECK_FALSE(Contains(n->body, ".."));
        CHECK(n->subject.empty() == (channel != ChannelKind::kEmail));
        CHECK(n->sms.has_value() == (channel == ChannelKind::kSms));
        if (channel == ChannelKind::kEmail) {
          CHECK(Contains(n->subject, "000.00.12.H29-241023-0001"));
          CHECK_FALSE(Contains(n->subject, "\n"));
          CHECK(Contains(n->body, "UBND phường Bến Thành"));  // signed
        }
        if (channel == ChannelKind::kSms || channel == ChannelKind::kIvr) {
          CHECK_FALSE(Contains(n->body, "\n"));
        }
      }
    }
  }
}

TEST_CASE("statuses that refuse, stop, apologise or ask for more state their reason") {
  for (std::string status : {"supplement_required", "delayed", "rejected", "stopped"}) {
    CAPTURE(status);
    for (auto channel : {ChannelKind::kSms, ChannelKind::kZalo, ChannelKind::kEmail}) {
      auto n = RenderNotice(TheCatalogs(), "vi", channel, Fields(status));
      REQUIRE(n.ok());
      // SMS may be folded; compare without diacritics so both forms are checked alike.
      CHECK(Contains(FoldDiacritics(n->body), "thieu ban sao giay chung sinh"));
    }
    NoticeFields f = Fields(status);
    f.reason = "  . ";
    auto missing = RenderNotice(TheCatalogs(), "vi", ChannelKind::kZalo, f);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::kUnprocessable);
    CHECK(missing.error().message == "a " + status + " notice needs a reason");
  }
}

TEST_CASE("a delayed notice apologises and gives the new date in words") {
  auto vi = RenderNotice(TheCatalogs(), "vi", ChannelKind::kZalo, Fields("delayed"));
  REQUIRE(vi.ok());
  CHECK(vi->body ==
        "Chúng tôi thành thật xin lỗi Ông/Bà vì hồ sơ Đăng ký khai sinh (mã "
        "000.00.12.H29-241023-0001) chưa được giải quyết xong đúng hẹn.\n"
        "Lý do: Thiếu bản sao giấy chứng sinh.\n"
        "Ngày hẹn trả kết quả mới: ngày 23 tháng 11 năm 2026.\n"
        "Rất mong Ông/Bà thông cảm.");
  auto en = RenderNotice(TheCatalogs(), "en", ChannelKind::kEmail, Fields("delayed"));
  REQUIRE(en.ok());
  CHECK(en->subject == "Apology and new result date for dossier 000.00.12.H29-241023-0001");
  CHECK(Contains(en->body, "New result date: 23/11/2026."));
  CHECK(en->body.rfind("Dear Sir or Madam,\n\nUBND phường Bến Thành sincerely apologises", 0) == 0);

  NoticeFields no_date = Fields("delayed");
  no_date.new_due_date.reset();
  auto missing = RenderNotice(TheCatalogs(), "vi", ChannelKind::kApp, no_date);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "a delayed notice needs a new due date");

  NoticeFields bad_date = Fields("delayed");
  bad_date.new_due_date = CivilDate{2026, 2, 30};
  auto bad = RenderNotice(TheCatalogs(), "vi", ChannelKind::kApp, bad_date);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kInvalidArgument);
  CHECK(bad.error().message == "new due date 2026-2-30 does not exist");
}

TEST_CASE("dates follow NĐ 30/2020 in Vietnamese and dd/mm/yyyy in English") {
  const auto& cs = TheCatalogs();
  CHECK(gw::locales::FormatNoticeDate(cs, "vi", {2026, 11, 23}) == "ngày 23 tháng 11 năm 2026");
  CHECK(gw::locales::FormatNoticeDate(cs, "vi", {2026, 2, 5}) == "ngày 05 tháng 02 năm 2026");
  CHECK(gw::locales::FormatNoticeDate(cs, "vi", {2026, 3, 9}) == "ngày 09 tháng 3 năm 2026");
  CHECK(gw::locales::FormatNoticeDate(cs, "en", {2026, 3, 9}) == "09/03/2026");
  CHECK(gw::locales::FormatNoticeDate(cs, "fr", {2026, 3, 9}) == "ngày 09 tháng 3 năm 2026");
}

TEST_CASE("a result-ready notice says where and how to collect the result") {
  NoticeFields f = Fields("result_ready");
  f.result_summary = "Giấy khai sinh (bản chính)";
  auto counter = RenderNotice(TheCatalogs(), "vi", ChannelKind::kApp, f);
  REQUIRE(counter.ok());
  CHECK(counter->body ==
        "Hồ sơ Đăng ký khai sinh (mã 000.00.12.H29-241023-0001) của Ông/Bà đã có kết quả: Giấy "
        "khai sinh (bản chính).\nMời Ông/Bà đến nhận kết quả tại Bộ phận Một cửa UBND phường Bến "
        "Thành, nhớ mang theo giấy tiếp nhận hồ sơ và hẹn trả kết quả.");

  f.delivery = ResultDelivery::kOnline;
  f.collect_at = "https://dichvucong.gov.vn/kq/abc";
  auto online = RenderNotice(TheCatalogs(), "en", ChannelKind::kSms, f);
  REQUIRE(online.ok());
  CHECK(online->body ==
        "The result of your dossier 000.00.12.H29-241023-0001 is ready. You can get it online at "
        "https://dichvucong.gov.vn/kq/abc");

  f.delivery = ResultDelivery::kPost;
  f.collect_at.clear();
  auto post = RenderNotice(TheCatalogs(), "vi", ChannelKind::kZalo, f);
  REQUIRE(post.ok());
  CHECK(Contains(post->body, "qua dịch vụ bưu chính"));

  f.delivery = ResultDelivery::kCounter;
  auto nowhere = RenderNotice(TheCatalogs(), "vi", ChannelKind::kZalo, f);
  REQUIRE_FALSE(nowhere.ok());
  CHECK(nowhere.error().message ==
        "a result_ready notice needs the place where the result is collected");
}

TEST_CASE("a payment notice mentions the detail only when there is one") {
  NoticeFields f = Fields("payment_required");
  f.reason = "Lệ phí 8.000 đồng";
  auto with = RenderNotice(TheCatalogs(), "vi", ChannelKind::kSms, f);
  REQUIRE(with.ok());
  CHECK(Contains(with->body, "cần nộp phí, lệ phí: Lệ phí 8.000 đồng. Đề nghị"));
  f.reason.clear();
  auto without = RenderNotice(TheCatalogs(), "vi", ChannelKind::kSms, f);
  REQUIRE(without.ok());
  CHECK(Contains(without->body, "cần nộp phí, lệ phí. Đề nghị"));
}

TEST_CASE("SMS notices keep their diacritics when they fit and are folded when they must") {
  auto fits = RenderNotice(TheCatalogs(), "vi", ChannelKind::kSms, Fields("processing"),
                           {2, SmsFold::kIfNeeded});
  REQUIRE(fits.ok());
  CHECK(fits->body ==
        "Hồ sơ 000.00.12.H29-241023-0001 (Đăng ký khai sinh) của Ông/Bà đang được giải quyết.");
  CHECK_FALSE(fits->sms->folded);
  CHECK(fits->sms->count.encoding == SmsEncoding::kUcs2);
  CHECK(fits->sms->count.parts == 2);

  auto folded = RenderNotice(TheCatalogs(), "vi", ChannelKind::kSms, Fields("processing"),
                             {1, SmsFold::kIfNeeded});
  REQUIRE(folded.ok());
  CHECK(folded->body ==
        "Ho so 000.00.12.H29-241023-0001 (Dang ky khai sinh) cua Ong/Ba dang duoc giai quyet.");
  CHECK(folded->sms->folded);
  CHECK(folded->sms->count.encoding == SmsEncoding::kGsm7);
  CHECK(folded->sms->count.parts == 1);

  auto refused = RenderNotice(TheCatalogs(), "vi", ChannelKind::kSms, Fields("processing"),
                              {1, SmsFold::kNever});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::kUnprocessable);
  CHECK(refused.error().message.rfind("processing notice: SMS needs 2 parts", 0) == 0);

  // English templates are GSM-7, but a Vietnamese procedure name or reason still forces UCS-2.
  auto en2 = RenderNotice(TheCatalogs(), "en", ChannelKind::kSms, Fields("rejected"),
                          {2, SmsFold::kIfNeeded});
  REQUIRE(en2.ok());
  CHECK_FALSE(en2->sms->folded);
  CHECK(en2->sms->count.encoding == SmsEncoding::kUcs2);
  CHECK(en2->sms->count.parts == 2);
  auto en1 = RenderNotice(TheCatalogs(), "en", ChannelKind::kSms, Fields("rejected"),
                          {1, SmsFold::kIfNeeded});
  REQUIRE(en1.ok());
  CHECK(en1->sms->folded);
  CHECK(Contains(en1->body, "(Dang ky khai sinh) has been refused. Reason: Thieu ban sao"));
  auto& en3 = en2;
  CHECK(Contains(en3->body, "Reason: Thiếu bản sao giấy chứng sinh."));
}

TEST_CASE("a long reason is never cut: the caller gets an error naming the parts") {
  NoticeFields f = Fields("rejected");
  f.reason.clear();
  for (int i = 0; i < 20; ++i) f.reason += "Thiếu bản sao giấy chứng sinh có chứng thực; ";
  auto n = RenderNotice(TheCatalogs(), "vi", ChannelKind::kSms, f, {3, SmsFold::kIfNeeded});
  REQUIRE_FALSE(n.ok());
  CHECK(Contains(n.error().message, "diacritics folded"));
  CHECK(Contains(n.error().message, "more than the maximum of 3"));
  // The same notice by e-mail is fine: no segment limit there.
  CHECK(RenderNotice(TheCatalogs(), "vi", ChannelKind::kEmail, f).ok());
}

TEST_CASE("bad fields are refused with the field named") {
  NoticeFields f = Fields("unknown_status");
  auto unknown = RenderNotice(TheCatalogs(), "vi", ChannelKind::kApp, f);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message == "unknown notice status \"unknown_status\"");

  f = Fields("received");
  f.dossier_code = " ";
  CHECK(RenderNotice(TheCatalogs(), "vi", ChannelKind::kApp, f).error().message ==
        "a received notice needs a dossier code");
  f = Fields("received");
  f.procedure_name.clear();
  CHECK(RenderNotice(TheCatalogs(), "vi", ChannelKind::kApp, f).error().message ==
        "a received notice needs a procedure name");
  f = Fields("received");
  f.procedure_name = "\xC3\x28";
  CHECK(RenderNotice(TheCatalogs(), "vi", ChannelKind::kApp, f).error().code ==
        ErrorCode::kInvalidArgument);
}

TEST_CASE("e-mails greet, explain and sign; the agency defaults to the one-stop desk") {
  NoticeFields f = Fields("received");
  f.agency.clear();
  auto vi = RenderNotice(TheCatalogs(), "vi", ChannelKind::kEmail, f);
  REQUIRE(vi.ok());
  CHECK(vi->subject == "Hồ sơ 000.00.12.H29-241023-0001 đã được tiếp nhận");
  CHECK(vi->body ==
        "Kính gửi Ông/Bà,\n\nBộ phận Một cửa đã tiếp nhận hồ sơ Đăng ký khai sinh của Ông/Bà.\n"
        "Mã hồ sơ: 000.00.12.H29-241023-0001.\n\nChúng tôi sẽ gửi thông báo cho Ông/Bà mỗi khi hồ "
        "sơ có tiến triển.\n\nÔng/Bà có thể tra cứu tình trạng hồ sơ bằng mã "
        "000.00.12.H29-241023-0001 hoặc trả lời thư này nếu cần hỗ trợ.\n\nTrân trọng,\nBộ phận "
        "Một cửa");
  CHECK(FoldDiacritics(vi->body).find("kinh gui ong/ba") == 0);
}
