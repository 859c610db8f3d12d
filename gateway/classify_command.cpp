// The classify command: normalise, classify, extract; stream JSON lines.
#include "gateway/classify_command.hpp"

#include <cstdlib>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "dialogs/nlu/extract.hpp"
#include "embedded/nlu.hpp"
#include "locales/normalize.hpp"
#include "locales/text.hpp"

namespace gw::gateway {

std::string DefaultModelCacheDir() {
  if (const char* dir = std::getenv("CAUNOI_CACHE_DIR"); dir != nullptr && *dir != '\0') return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::string(xdg) + "/caunoi";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.cache/caunoi";
  }
  return "/tmp/caunoi-cache";
}

core::Result<dialogs::nlu::Classifier> LoadEmbeddedClassifier(const std::string& cache_dir) {
  auto tsv = embedded::nlu::Find("train.tsv");
  if (!tsv)
    return core::MakeError(core::ErrorCode::kInternal, "the NLU training data is not embedded");
  auto data = dialogs::nlu::TrainingData::Parse(*tsv);
  if (!data.ok()) return data.error();
  return dialogs::nlu::Classifier::TrainOrLoad(*data, cache_dir);
}

std::string ClassifyLine(const dialogs::nlu::Classifier& classifier, std::string_view line,
                         bool jsonl, bool* ok) {
  *ok = true;
  nlohmann::json out = nlohmann::json::object();
  std::string text;
  if (jsonl) {
    auto in = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!in.is_object() || !in.contains("text") || !in["text"].is_string()) {
      *ok = false;
      return R"({"error":"expected a JSON object with a string field \"text\""})";
    }
    text = in["text"].get<std::string>();
    out = std::move(in);
    out.erase("text");
  } else {
    if (!locales::IsValidUtf8(line)) {
      *ok = false;
      return R"({"error":"the line is not valid UTF-8"})";
    }
    text = std::string(line);
  }
  const std::string normalized = locales::NormalizeVietnamese(text);
  const auto prediction = classifier.Predict(text);  // normalises for itself
  // The extractor reads codes in every form people write them; it needs no normalised text.
  const auto codes = dialogs::nlu::ExtractDossierCodes(text);
  if (jsonl) out["text"] = text;
  out["intent"] =
      prediction.intent.empty() ? nlohmann::json(nullptr) : nlohmann::json(prediction.intent);
  out["procedure"] =
      prediction.procedure.empty() ? nlohmann::json(nullptr) : nlohmann::json(prediction.procedure);
  out["confidence"] = prediction.intent_confidence;
  out["procedure_confidence"] = prediction.procedure_confidence;
  out["dossier_codes"] = codes;
  out["normalized"] = normalized;
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int RunClassify(const dialogs::nlu::Classifier& classifier, std::istream& in, std::ostream& out,
                bool jsonl) {
  int code = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    bool ok = true;
    out << ClassifyLine(classifier, line, jsonl, &ok) << '\n';
    if (!ok) code = 1;
  }
  out.flush();
  return code;
}

}  // namespace gw::gateway
