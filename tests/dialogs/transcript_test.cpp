// Transcript tests, one or more per flow. Each is replayed as written, without diacritics and in
// teencode, asserting the replies, the actions and the final state.
#include <doctest/doctest.h>

#include <optional>

#include "tests/dialogs/harness.hpp"

using gw::dialogs::ActionKind;
using gw::testing::DialogHarness;

namespace {

struct Step {
  std::string say;
  std::string reply_contains;                 // in the last reply ("" = no check)
  std::optional<ActionKind> action;           // the action taken this turn, if any
  std::string reason_code;                    // a refusal this turn carries ("" = none)
  std::map<std::string, std::string> params;  // expected action params (subset)
};

struct Transcript {
  std::string name;
  std::vector<Step> steps;
  std::string final_flow;  // "" = idle
  bool final_with_officer = false;
};

enum class Variant { kAsWritten, kNoDiacritics, kTeencode };

void Run(DialogHarness& h, const Transcript& t, Variant v) {
  h.state = {};
  for (const auto& step : t.steps) {
    std::string say = v == Variant::kAsWritten      ? step.say
                      : v == Variant::kNoDiacritics ? gw::testing::WithoutDiacritics(step.say)
                                                    : gw::testing::AsTeencode(step.say);
    CAPTURE(say);
    auto turn = h.Say(say);
    if (!step.reply_contains.empty()) {
      REQUIRE_FALSE(turn.replies.empty());
      CHECK_MESSAGE(turn.replies.back().text.find(step.reply_contains) != std::string::npos,
                    turn.replies.back().text);
    }
    std::string reason;
    for (const auto& r : turn.replies) {
      if (r.rejection) reason = std::string(r.rejection->code_name());
    }
    CHECK(reason == step.reason_code);
    if (step.action) {
      REQUIRE(turn.actions.size() == 1);
      CHECK(turn.actions[0].kind == *step.action);
      for (const auto& [k, val] : step.params) {
        CAPTURE(k);
        CHECK(turn.actions[0].params[k] == val);
      }
    } else {
      CHECK(turn.actions.empty());
    }
  }
  CHECK(h.state.flow == t.final_flow);
  CHECK(h.state.with_officer == t.final_with_officer);
}

const char* kCode = "000.00.12.H29-241023-0001";

std::vector<Transcript> Transcripts() {
  return {
      {"greeting and menu",
       {{"Xin chào", "Xin chào anh/chị", {}, "", {}}, {"menu", "Xin chào anh/chị", {}, "", {}}},
       ""},
      {"lookup with a code in the first message",
       {{"Cho tôi tra cứu hồ sơ 000.00.12.H29-241023-0001",
         "",
         ActionKind::kLookupDossier,
         "",
         {{"dossier_code", kCode}}}},
       ""},
      {"lookup: asked for the code, a bad answer refused with the expected form",
       {{"Tôi muốn tra cứu tình trạng hồ sơ", "mã hồ sơ", {}, "", {}},
        {"mã của tôi là abc", "mã hồ sơ", {}, "invalid_input", {}},
        {"000.00.12.h29 - 241023 - 0001",
         "",
         ActionKind::kLookupDossier,
         "",
         {{"dossier_code", kCode}}}},
       ""},
      {"procedure info for a partly-online procedure tells what to do in person",
       {{"Làm hộ chiếu cần những giấy tờ gì?", "chụp ảnh và lấy vân tay", {}, "", {}}},
       ""},
      {"submit a birth registration: fields, confirmation, submission",
       {{"Tôi muốn đăng ký khai sinh cho con", "phường/xã nào", {}, "", {}},
        {"Phường Bến Thành", "Họ và tên của trẻ", {}, "", {}},
        {"Nguyễn Văn An", "Ngày sinh", {}, "", {}},
        {"05/03/2024", "Số điện thoại", {}, "", {}},
        {"0912 345 678", "xác nhận nộp hồ sơ", {}, "", {}},
        {"Có",
         "",
         ActionKind::kSubmitDossier,
         "",
         {{"procedure", "khai_sinh"},
          {"procedure_code", "1.001193"},
          {"field:birth_date", "2024-03-05"},
          {"field:phone", "+84912345678"}}}},
       ""},
      {"a commune served by another agency is refused, naming it and how to reach it",
       {{"Tôi muốn đăng ký khai sinh cho con", "phường/xã nào", {}, "", {}},
        {"phường Sài Gòn", "UBND phường Sài Gòn (1900 1111)", {}, "wrong_jurisdiction", {}}},
       ""},
      {"submit a partly-online procedure is refused with the reason and what to do",
       {{"Tôi muốn làm hộ chiếu", "chụp ảnh và lấy vân tay", {}, "not_fully_online", {}}},
       ""},
      {"out of scope is refused with a reason",
       {{"Thời tiết hôm nay thế nào?", "ngoài phạm vi", {}, "out_of_scope", {}}},
       ""},
      {"complaint with an optional dossier code skipped",
       {{"Tôi muốn phản ánh", "nội dung phản ánh", {}, "", {}},
        {"Cán bộ tiếp nhận hồ sơ thái độ không tốt, hẹn nhiều lần mà không trả kết quả",
         "mã hồ sơ",
         {},
         "",
         {}},
        {"bỏ qua", "", ActionKind::kFileComplaint, "", {{"dossier_code", ""}}}},
       ""},
      {"rating with a score and no comment",
       {{"Tôi muốn đánh giá dịch vụ", "đánh giá", {}, "", {}},
        {"Rất hài lòng", "góp ý", {}, "", {}},
        {"bỏ qua", "", ActionKind::kRecordRating, "", {{"score", "rat_hai_long"}}}},
       ""},
      {"withdraw asks for confirmation first",
       {{"Tôi muốn rút hồ sơ 000.00.12.H29-241023-0001", "lý do", {}, "", {}},
        {"bỏ qua", "chắc chắn muốn rút", {}, "", {}},
        {"Có", "", ActionKind::kWithdraw, "", {{"dossier_code", kCode}}}},
       ""},
      {"supplement",
       {{"Tôi cần bổ sung hồ sơ 000.00.12.H29-241023-0001", "nội dung bổ sung", {}, "", {}},
        {"Tôi gửi bổ sung bản sao giấy chứng sinh của cháu", "xác nhận gửi", {}, "", {}},
        {"Đồng ý", "", ActionKind::kSupplement, "", {{"dossier_code", kCode}}}},
       ""},
      {"rating with the score in the first message",
       {{"Đánh giá: rất hài lòng, cán bộ nhiệt tình", "góp ý", {}, "", {}},
        {"bỏ qua", "", ActionKind::kRecordRating, "", {{"score", "rat_hai_long"}}}},
       ""},
      {"subscribe with the channel named in the first message",
       {{"Đăng ký nhận thông báo kết quả qua Zalo",
         "",
         ActionKind::kSubscribe,
         "",
         {{"channel", "zalo"}}}},
       ""},
      {"unsubscribe asks which channel",
       {{"Tôi muốn hủy đăng ký nhận thông báo", "ngừng nhận thông báo", {}, "", {}},
        {"SMS", "", ActionKind::kUnsubscribe, "", {{"channel", "sms"}}}},
       ""},
      {"officer hand-off: the bot then stays quiet",
       {{"Cho tôi gặp cán bộ", "chuyển cuộc trò chuyện", ActionKind::kHandOff, "", {}},
        {"Alo, có ai không?", "", {}, "", {}}},
       "",
       true},
      {"global commands: back one step, then cancel",
       {{"Tôi muốn đăng ký khai sinh", "phường/xã nào", {}, "", {}},
        {"Bến Thành", "Họ và tên của trẻ", {}, "", {}},
        {"Nguyễn Văn An", "Ngày sinh", {}, "", {}},
        {"quay lại", "Họ và tên của trẻ", {}, "", {}},
        {"hủy", "Đã hủy", {}, "", {}}},
       ""},
      {"a number picks an offered option",
       {{"Xin chào", "", {}, "", {}}, {"1", "mã hồ sơ", {}, "", {}}},
       "lookup"},
  };
}

}  // namespace

TEST_CASE("transcripts, as written, without diacritics and in teencode") {
  DialogHarness h;
  for (const auto& t : Transcripts()) {
    for (auto v : {Variant::kAsWritten, Variant::kNoDiacritics, Variant::kTeencode}) {
      CAPTURE(t.name);
      CAPTURE(static_cast<int>(v));
      Run(h, t, v);
    }
  }
}

TEST_CASE("two bad answers in a row bring the offer of an officer") {
  DialogHarness h;
  h.Say("Tôi muốn tra cứu tình trạng hồ sơ");
  REQUIRE(h.state.flow == "lookup");
  auto first = h.Say("không nhớ");
  auto second = h.Say("vẫn không nhớ");
  bool offered = false;
  for (const auto& o : second.replies.back().options) offered |= o.id == "officer";
  CHECK(offered);
  CHECK(second.replies.front().rejection->code() == gw::core::ReasonCode::kInvalidInput);
}

TEST_CASE("an idle conversation expires with a note") {
  DialogHarness h;
  h.Say("Tôi muốn tra cứu tình trạng hồ sơ");
  REQUIRE(h.state.flow == "lookup");
  auto later = h.SayAt("xin chào", h.now + std::chrono::minutes(31));
  REQUIRE(later.replies.size() >= 2);
  CHECK(later.replies.front().text.find("hết hạn") != std::string::npos);
  CHECK(h.state.flow.empty());
}

TEST_CASE("the state survives a round trip through its stored form") {
  DialogHarness h;
  h.Say("Tôi muốn đăng ký khai sinh");
  h.Say("Bến Thành");
  h.Say("Nguyễn Văn An");
  auto restored = gw::dialogs::DialogState::FromJson(h.state.ToJson());
  CHECK(restored.flow == h.state.flow);
  CHECK(restored.step == h.state.step);
  CHECK(restored.slots == h.state.slots);
  CHECK(restored.asked == h.state.asked);
  CHECK(gw::dialogs::DialogState::FromJson("not json").idle());
  CHECK(gw::dialogs::DialogState::FromJson("").idle());
}

TEST_CASE("outcomes are worded, refusals carry their reason") {
  DialogHarness h;
  gw::dialogs::ActionOutcome ok{
      ActionKind::kLookupDossier,
      gw::dialogs::ActionOutcome::Status::kOk,
      {{"dossier_code", kCode},
       {"procedure", "Đăng ký khai sinh"},
       {"status", "result_ready"},
       {"due_date", "2026-11-23"},
       {"history", "2026-11-20|received|\n2026-11-23|result_ready|Đã ký"}}};
  auto replies = h.engine().DescribeOutcome(ok);
  REQUIRE(replies.size() == 2);  // the status, then the rating offer after a result
  CHECK(replies[0].text.find("đã có kết quả") != std::string::npos);
  CHECK(replies[0].text.find("ngày 23 tháng 11 năm 2026") != std::string::npos);
  CHECK(replies[0].text.find("• ngày 20 tháng 11 năm 2026: đã tiếp nhận") != std::string::npos);
  CHECK(replies[1].options.size() == 3);

  auto nf = h.engine().DescribeOutcome({ActionKind::kLookupDossier,
                                        gw::dialogs::ActionOutcome::Status::kNotFound,
                                        {{"dossier_code", kCode}}});
  CHECK(nf[0].rejection->code() == gw::core::ReasonCode::kDossierNotFound);
  CHECK(nf[0].text.find(kCode) != std::string::npos);
  auto refused = h.engine().DescribeOutcome({ActionKind::kSubmitDossier,
                                             gw::dialogs::ActionOutcome::Status::kRefused,
                                             {{"reason", "Thiếu giấy chứng sinh"}}});
  CHECK(refused[0].rejection->code() == gw::core::ReasonCode::kBackendRefused);
  CHECK(refused[0].text.find("Thiếu giấy chứng sinh") != std::string::npos);
  auto queued = h.engine().DescribeOutcome({ActionKind::kSubmitDossier,
                                            gw::dialogs::ActionOutcome::Status::kQueued,
                                            {{"why", "mất kết nối"}}});
  CHECK_FALSE(queued[0].rejection.has_value());
  CHECK(queued[0].text.find("tự động gửi lại") != std::string::npos);
}
