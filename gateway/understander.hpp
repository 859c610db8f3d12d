// Understanding a citizen's message: the classifier (intent, procedure) and the extractors
// (dossier codes, phones, ID numbers, dates), in the engine's terms.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "dialogs/engine/engine.hpp"
#include "dialogs/nlu/classifier.hpp"

namespace gw::gateway {

class Understander {
 public:
  explicit Understander(dialogs::nlu::Classifier classifier) : classifier_(std::move(classifier)) {}
  // Thread-safe.
  dialogs::Understanding Understand(const std::string& text,
                                    std::map<std::string, std::string> known) const;

 private:
  dialogs::nlu::Classifier classifier_;
};

}  // namespace gw::gateway
