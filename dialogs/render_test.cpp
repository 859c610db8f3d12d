// Tests of channel-aware rendering.
#include "dialogs/render.hpp"

#include <doctest/doctest.h>

#include "locales/text.hpp"

using gw::core::Reply;

namespace {

const gw::locales::Catalogs& Cats() {
  static auto c = gw::locales::Catalogs::LoadEmbedded();
  return *c;
}

Reply R(std::string text, std::vector<gw::core::ReplyOption> options = {}) {
  Reply r;
  r.text = std::move(text);
  r.options = std::move(options);
  return r;
}

}  // namespace

TEST_CASE("SMS: numbered options, no markup, short; a refusal's reason is never cut") {
  auto sms = gw::dialogs::RenderSms(
      {R("Chọn việc cần làm:", {{"lookup", "Tra cứu"}, {"officer", "Gặp cán bộ"}})}, Cats().vi());
  CHECK(sms.text == "Chọn việc cần làm: 1. Tra cứu 2. Gặp cán bộ");
  Reply refusal = R("Thủ tục này chưa thực hiện trực tuyến toàn trình.");
  refusal.rejection.emplace(gw::core::ReasonCode::kNotFullyOnline, refusal.text);
  std::string long_text(400, 'x');
  auto cut = gw::dialogs::RenderSms({refusal, R("Giấy tờ:\n• Tờ khai. " + long_text)}, Cats().vi());
  CHECK(cut.text.find("Thủ tục này chưa thực hiện trực tuyến toàn trình.") == 0);
  CHECK(cut.text.find("menu") != std::string::npos);
  CHECK(gw::locales::CodePointCount(cut.text) <= 134);
  CHECK(cut.text.find('\n') == std::string::npos);
}

TEST_CASE("Zalo quick replies, e-mail subject and footer") {
  auto zalo = gw::dialogs::RenderZalo(
      {R("Xin chào", {{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}, {"f", "6"}})});
  CHECK(zalo.buttons.size() == 5);
  Reply refusal = R("Không tìm thấy hồ sơ.");
  refusal.rejection.emplace(gw::core::ReasonCode::kDossierNotFound, refusal.text);
  auto mail = gw::dialogs::RenderEmail({refusal}, Cats().vi());
  CHECK(mail.subject == "Thông báo: yêu cầu chưa được tiếp nhận (có nêu lý do)");
  CHECK(mail.text.find("Trân trọng") != std::string::npos);
}

TEST_CASE("IVR: a DTMF menu, and codes read digit by digit") {
  CHECK(
      gw::dialogs::SpeakDigits("Mã hồ sơ 000.00.12.H29-241023-0001.", Cats().vi()) ==
      "Mã hồ sơ không không không chấm không không chấm một hai chấm hắt hai chín gạch hai bốn một "
      "không hai ba gạch không không không một.");
  auto ivr = gw::dialogs::RenderIvr(
      {R("Xin chào.", {{"lookup", "tra cứu hồ sơ"}, {"officer", "gặp cán bộ"}})}, Cats().vi());
  CHECK(ivr.text == "Xin chào. Bấm phím 1 để chọn tra cứu hồ sơ. Bấm phím 2 để chọn gặp cán bộ.");
}
