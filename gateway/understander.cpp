// Classifier and extractors combined.
#include "gateway/understander.hpp"

#include "dialogs/nlu/extract.hpp"

namespace gw::gateway {

dialogs::Understanding Understander::Understand(const std::string& text,
                                                std::map<std::string, std::string> known) const {
  dialogs::Understanding u;
  u.text = text;
  const auto p = classifier_.Predict(text);
  u.intent = p.intent;
  u.intent_confidence = p.intent_confidence;
  u.procedure = p.procedure;
  u.procedure_confidence = p.procedure_confidence;
  u.entities = dialogs::nlu::Extract(text);
  u.known = std::move(known);
  return u;
}

}  // namespace gw::gateway
