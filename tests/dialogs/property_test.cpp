// Property test over all flows and random input: every refusal carries a known reason code and
// a text, no turn throws, and the state is always one the engine can continue from.
#include <doctest/doctest.h>

#include <random>

#include "dialogs/engine/flow.hpp"
#include "tests/dialogs/harness.hpp"

using gw::dialogs::DialogState;

namespace {

const std::vector<std::string> kPool = {
    "xin chào",
    "menu",
    "hủy",
    "huy",
    "quay lại",
    "quay lai",
    "trợ giúp",
    "gặp cán bộ",
    "1",
    "2",
    "3",
    "4",
    "9",
    "có",
    "không",
    "bỏ qua",
    "đồng ý",
    "Tôi muốn tra cứu hồ sơ",
    "000.00.12.H29-241023-0001",
    "hồ sơ 38.98.H29-210519-0013 sao rồi",
    "Tôi muốn đăng ký khai sinh",
    "Tôi muốn làm hộ chiếu",
    "hộ chiếu cần giấy tờ gì",
    "Nguyễn Văn An",
    "05/03/2024",
    "31/02/2024",
    "0912345678",
    "001099012345",
    "abc@example.com",
    "Rất hài lòng",
    "không hài lòng",
    "Zalo",
    "SMS",
    "Tôi muốn phản ánh thái độ cán bộ",
    "Tôi muốn rút hồ sơ",
    "bổ sung hồ sơ",
    "đánh giá 5 sao",
    "đăng ký nhận thông báo",
    "thời tiết thế nào",
    "",
    "   ",
    "???",
    "🙂🙂",
    "ddawng kys khai sinh",
    "cho e hoi lam cccd can j",
    "Xin ch\xC3\xA0o",
    std::string(3000, 'a'),
    "quay lại quay lại",
};

const std::vector<std::string> kIntents = {
    "lookup_status", "submit_request", "procedure_info", "supplement",   "withdraw",
    "feedback",      "rate",           "human",          "subscribe",    "unsubscribe",
    "greeting",      "thanks",         "help",           "out_of_scope", ""};

void CheckTurn(const gw::dialogs::Turn& turn, const gw::dialogs::Flows& flows) {
  for (const auto& r : turn.replies) {
    CHECK_FALSE(r.text.empty());
    if (r.rejection) {
      bool known = false;
      for (auto c : gw::core::kAllReasonCodes) known |= c == r.rejection->code();
      CHECK(known);
      CHECK_FALSE(r.rejection->text().empty());
    }
  }
  const DialogState& s = turn.state;
  if (!s.flow.empty()) {
    const auto* flow = flows.ById(s.flow);
    REQUIRE(flow != nullptr);
    bool step_ok = s.step == "confirm" || s.step == "commune" || s.step.starts_with("field:");
    for (const auto& slot : flow->slots) step_ok |= slot.name == s.step;
    CHECK_MESSAGE(step_ok, s.flow << "/" << s.step);
    CHECK_FALSE(s.with_officer);
  }
  std::size_t offered = 0;
  for (const auto& r : turn.replies) offered += r.options.size();
  CHECK(s.offered.size() == offered);
}

}  // namespace

TEST_CASE("random conversations keep every invariant") {
  gw::testing::DialogHarness h;
  auto flows = gw::dialogs::Flows::LoadEmbedded();
  REQUIRE(flows.ok());
  std::mt19937 rng(20261123);
  for (int conversation = 0; conversation < 150; ++conversation) {
    h.state = {};
    for (int turn = 0; turn < 20; ++turn) {
      std::string text = kPool[rng() % kPool.size()];
      gw::dialogs::Understanding u = h.Understand(text);
      if (rng() % 3 == 0) {  // also feed understandings the classifier would never produce
        u.intent = kIntents[rng() % kIntents.size()];
        u.intent_confidence = static_cast<float>(rng() % 101) / 100.0F;
        u.procedure = rng() % 2 ? "khai_sinh" : (rng() % 2 ? "ho_chieu" : "not_a_procedure");
        u.procedure_confidence = static_cast<float>(rng() % 101) / 100.0F;
      }
      auto at = h.now + std::chrono::minutes(rng() % 3 == 0 ? 40 : 1) * turn;
      gw::dialogs::Turn t;
      CHECK_NOTHROW(t = h.engine().Handle(h.state, u, at));
      CheckTurn(t, *flows);
      h.state = t.state;
      if (h.state.with_officer) h.state.with_officer = rng() % 2 == 0;  // an officer hands back
    }
  }
}
