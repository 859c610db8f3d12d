// The transcript harness: real NLU, real engine, two test procedures.
#include "tests/dialogs/harness.hpp"

#include <doctest/doctest.h>

#include "dialogs/engine/slots.hpp"
#include "embedded/nlu.hpp"
#include "locales/text.hpp"

namespace gw::testing {

TestProcedures::TestProcedures() {
  dialogs::ProcedureFacts ks;
  ks.slug = "khai_sinh";
  ks.code = "1.001193";
  ks.name = "Đăng ký khai sinh";
  ks.fully_online = true;
  ks.where = "UBND phường Bến Thành";
  ks.documents = {"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"};
  ks.fees = "Miễn phí";
  ks.commune_level = true;
  ks.processing_time = "ngay trong ngày làm việc";
  ks.fields = {
      {"child_name", dialogs::SlotType::kText, "Họ và tên của trẻ là gì ạ?", true, {}, 3, 100},
      {"birth_date",
       dialogs::SlotType::kDate,
       "Ngày sinh của trẻ (ngày/tháng/năm)?",
       true,
       {},
       0,
       100},
      {"phone", dialogs::SlotType::kPhone, "Số điện thoại liên hệ của anh/chị?", true, {}, 0, 100},
  };
  dialogs::ProcedureFacts hc;
  hc.slug = "ho_chieu";
  hc.code = "unverified";
  hc.name = "Cấp hộ chiếu phổ thông";
  hc.fully_online = false;
  hc.in_person = "chụp ảnh và lấy vân tay";
  hc.where = "Phòng Quản lý xuất nhập cảnh Công an tỉnh";
  hc.documents = {"Tờ khai TK01", "Căn cước công dân"};
  hc.fees = "200.000 đồng";
  hc.processing_time = "8 ngày làm việc";
  all_ = {ks, hc};
}

const dialogs::ProcedureFacts* TestProcedures::BySlug(std::string_view slug) const {
  for (const auto& p : all_) {
    if (p.slug == slug) return &p;
  }
  return nullptr;
}

std::vector<dialogs::ChoiceOption> TestProcedures::Communes() const {
  dialogs::ChoiceOption bt{
      "79.ben_thanh", "", "Phường Bến Thành", {"phuong ben thanh", "ben thanh"}};
  dialogs::ChoiceOption sg{"79.sai_gon", "", "Phường Sài Gòn", {"phuong sai gon", "sai gon"}};
  return {bt, sg};
}

std::optional<std::string> TestProcedures::OtherCompetentAgency(std::string_view slug,
                                                                std::string_view commune) const {
  // This gateway serves Bến Thành; Sài Gòn has its own UBND.
  if (slug == "khai_sinh" && commune == "79.sai_gon")
    return std::string("UBND phường Sài Gòn (1900 1111)");
  return std::nullopt;
}

const dialogs::ProcedureFacts* TestProcedures::Match(std::string_view text) const {
  const std::string simple = dialogs::Simplify(text);
  if (dialogs::HasWords(simple, "khai sinh")) return &all_[0];
  if (dialogs::HasWords(simple, "ho chieu")) return &all_[1];
  return nullptr;
}

DialogHarness::DialogHarness() {
  auto catalogs = locales::Catalogs::LoadEmbedded();
  REQUIRE(catalogs.ok());
  catalogs_ = std::make_unique<locales::Catalogs>(std::move(catalogs).value());
  auto flows = dialogs::Flows::LoadEmbedded();
  REQUIRE_MESSAGE(flows.ok(), (flows.ok() ? "" : flows.error().message));
  flows_ = std::make_unique<dialogs::Flows>(std::move(flows).value());
  auto data = dialogs::nlu::TrainingData::Parse(*embedded::nlu::Find("train.tsv"));
  REQUIRE(data.ok());
  auto classifier = dialogs::nlu::Classifier::TrainOrLoad(*data, GW_BUILD_DIR "/nlu-cache");
  REQUIRE(classifier.ok());
  classifier_ = std::make_unique<dialogs::nlu::Classifier>(std::move(classifier).value());
  dialogs::EngineSettings settings;
  settings.agency_name = "UBND phường Bến Thành";
  settings.hotline = "1900 0000";
  settings.officer_wait = "trong giờ hành chính";
  engine_ = std::make_unique<dialogs::Engine>(*flows_, catalogs_->vi(), procedures_, settings);
}

dialogs::Understanding DialogHarness::Understand(const std::string& text) const {
  dialogs::Understanding u;
  u.text = text;
  auto p = classifier_->Predict(text);
  u.intent = p.intent;
  u.intent_confidence = p.intent_confidence;
  u.procedure = p.procedure;
  u.procedure_confidence = p.procedure_confidence;
  u.entities = dialogs::nlu::Extract(text);
  return u;
}

dialogs::Turn DialogHarness::Say(const std::string& text) {
  return SayAt(text, now);
}

dialogs::Turn DialogHarness::SayAt(const std::string& text, core::TimePoint at) {
  auto turn = engine_->Handle(state, Understand(text), at);
  state = turn.state;
  return turn;
}

std::string WithoutDiacritics(const std::string& text) {
  // Fold, then restore the case of each ASCII letter position by position is not possible after
  // folding changes lengths; lower case is how people type without diacritics anyway.
  return locales::FoldDiacritics(text);
}

std::string AsTeencode(const std::string& text) {
  static const std::pair<const char*, const char*> kTeen[] = {
      {"khong", "ko"}, {"duoc", "dc"},  {"gi", "j"},        {"minh", "mk"}, {"voi", "vs"},
      {"roi", "r"},    {"biet", "bik"}, {"the nao", "ntn"}, {"nhe", "nha"}, {"vay", "z"},
  };
  std::string s = " " + locales::FoldDiacritics(text) + " ";
  for (const auto& [from, to] : kTeen) {
    std::string f = std::string(" ") + from + " ";
    std::string t = std::string(" ") + to + " ";
    for (auto pos = s.find(f); pos != std::string::npos; pos = s.find(f, pos + t.size() - 1)) {
      s.replace(pos, f.size(), t);
    }
  }
  return s.substr(1, s.size() - 2);
}

}  // namespace gw::testing
