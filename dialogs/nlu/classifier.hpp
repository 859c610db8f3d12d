// Intent and procedure classifier: two fastText models trained from the project's own examples.
//
// Threading: PrepareForClassifier and Classifier::Predict may be called from any number of threads
// at once. fastText 0.9.2's FastText::predictLine/predict are const and keep their scratch state
// (Model::State) on the caller's stack, and Dictionary::getLine is const, so a trained or loaded
// model is read-only and needs no lock (classifier_test.cpp checks concurrent callers agree with
// a sequential run). TrainOrLoad blocks for the training time (2-3 s on one core for the
// shipped data) or the load time (tens of milliseconds).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "dialogs/nlu/prepare.hpp"

namespace fasttext {
class FastText;
}

namespace gw::dialogs::nlu {

struct Prediction {
  std::string intent;     // "" when the text has nothing to classify (empty, only punctuation)
  std::string procedure;  // "" for none
  float intent_confidence = 0;     // softmax probability of `intent`, 0..1
  float procedure_confidence = 0;  // softmax probability of `procedure` (or of none), 0..1
};

// Below these the dialog engine should ask a clarifying question rather than act. Measured on
// the dev set (README.md): under 0.6 fall 1% of right intents and a fifth of wrong ones; under
// 0.5 fall 2% of right procedures and a third of wrong ones. Wrong answers are often confident,
// so a threshold catches only part of them.
inline constexpr float kIntentConfidenceThreshold = 0.6F;
inline constexpr float kProcedureConfidenceThreshold = 0.5F;

struct TrainingExample {
  std::string intent;
  std::string procedure;  // "" for none
  std::string text;
};

// Parsed training data. Format (dialogs/nlu/data/README.md): one example a line,
// `intent<TAB>procedure-or-none<TAB>text`; blank lines and lines starting with '#' are skipped.
struct TrainingData {
  std::vector<TrainingExample> examples;

  // Errors (kInvalidArgument) name the first bad line: wrong field count, a label that is not
  // [a-z0-9_]+, empty text; and no examples, or fewer than two intents, at all.
  static core::Result<TrainingData> Parse(std::string_view tsv);
};

// fastText hyper-parameters of one model. The defaults are the shipped choice, measured on the
// dev set and the held-out slice averaged over three draws of the generated data (README.md):
// word unigrams + bigrams without character n-grams. Character n-grams (minn/maxn 3..5, 4..6,
// 5..6, also for the procedure model alone) were tried and lost 1-2 points: Vietnamese syllables
// are short, so their n-grams mostly tie unrelated words together ("hon" in kết hôn, hồng,
// không); typos are better served by the Telex repair and the generated variants. 50k buckets
// lose nothing against 100k/200k and keep each model near 6.5 MB; dim 32 beats 16 and ties 64.
// Tests pass smaller numbers to train fast.
struct ModelParams {
  int dim = 32;
  int epoch = 30;
  double lr = 0.5;
  int word_ngrams = 2;
  int minn = 0;  // character n-grams off (fastText's supervised default; see above)
  int maxn = 0;
  int bucket = 50000;  // hash buckets for word bigrams; the default 2M would make ~256 MB
  int seed = 7;
};

struct ClassifierParams {
  ModelParams intent;
  ModelParams procedure;
};

class Classifier {
 public:
  // Trains both models (deterministic: fixed seed, one thread) or loads them from
  // `cache_dir/<hash>-intent.bin` and `cache_dir/<hash>-procedure.bin`, where <hash> covers the
  // prepared training text and the parameters, so changed data, parameters or preprocessing
  // retrain. Cache files are written to a temporary name and renamed. An empty `cache_dir` means
  // no caching (training files go to the system temp directory). Errors: kInvalidArgument when
  // training fails on the data, kUnavailable when cache_dir cannot be created or written.
  static core::Result<Classifier> TrainOrLoad(const TrainingData& data,
                                              const std::string& cache_dir);
  static core::Result<Classifier> TrainOrLoad(const TrainingData& data,
                                              const std::string& cache_dir,
                                              const ClassifierParams& params);

  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;
  ~Classifier();

  // Thread-safe (see the file comment). Never fails; see Prediction for the empty case. Only
  // the first 16 KiB of `text` are read.
  Prediction Predict(std::string_view text) const;

  // True when TrainOrLoad loaded cached models instead of training.
  bool loaded_from_cache() const { return loaded_from_cache_; }
  // The cache key, e.g. "nlu-3f2a9c0d1b2e4f56" (also the cache files' prefix).
  const std::string& model_id() const { return model_id_; }

 private:
  Classifier();

  std::unique_ptr<fasttext::FastText> intent_model_;
  std::unique_ptr<fasttext::FastText> procedure_model_;
  bool loaded_from_cache_ = false;
  std::string model_id_;
};

}  // namespace gw::dialogs::nlu
