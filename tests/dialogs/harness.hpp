// Test harness for dialog transcripts: the real NLU (classifier trained from the embedded
// examples, cached in the build folder) and extractors feeding the real engine, with a small
// procedure directory of two procedures (one fully online, one partly online).
#pragma once

#include <memory>
#include <string>

#include "dialogs/engine/engine.hpp"
#include "dialogs/nlu/classifier.hpp"

namespace gw::testing {

class TestProcedures : public dialogs::ProcedureDirectory {
 public:
  TestProcedures();
  const dialogs::ProcedureFacts* BySlug(std::string_view slug) const override;
  const dialogs::ProcedureFacts* Match(std::string_view text) const override;
  std::vector<dialogs::ChoiceOption> Communes() const override;
  std::optional<std::string> OtherCompetentAgency(std::string_view slug,
                                                  std::string_view commune) const override;

 private:
  std::vector<dialogs::ProcedureFacts> all_;
};

class DialogHarness {
 public:
  DialogHarness();
  dialogs::Understanding Understand(const std::string& text) const;
  // One turn; the state is kept between calls.
  dialogs::Turn Say(const std::string& text);
  dialogs::Turn SayAt(const std::string& text, core::TimePoint now);
  const dialogs::Engine& engine() const { return *engine_; }
  dialogs::DialogState state;
  core::TimePoint now = core::FromUnixMillis(1'795'000'000'000);

 private:
  std::unique_ptr<locales::Catalogs> catalogs_;
  std::unique_ptr<dialogs::Flows> flows_;
  std::unique_ptr<dialogs::nlu::Classifier> classifier_;
  TestProcedures procedures_;
  std::unique_ptr<dialogs::Engine> engine_;
};

// The message without diacritics ("Tôi muốn tra cứu" -> "Toi muon tra cuu"), case kept.
std::string WithoutDiacritics(const std::string& text);
// The message as teencode: diacritics dropped, common words abbreviated (không -> ko, được -> dc).
std::string AsTeencode(const std::string& text);

}  // namespace gw::testing
