// Intent and procedure classifier over fastText 0.9.2 (Debian libfasttext-dev).
#include "dialogs/nlu/classifier.hpp"

#include <fasttext/fasttext.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/log.hpp"
#include "locales/normalize.hpp"
#include "locales/text.hpp"

namespace gw::dialogs::nlu {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kLabelPrefix = "__label__";
constexpr std::string_view kNoneLabel = "none";
constexpr std::size_t kMaxPredictBytes = 16 * 1024;
// Part of the cache key: bump when the training-file layout or the library changes meaning.
constexpr std::string_view kCacheFormat = "caunoi-nlu-1 fasttext-0.9.2 softmax";

// ---------------------------------------------------------------------------------------------
// Training and caching.

std::uint64_t Fnv1a(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string Describe(const ModelParams& p) {
  std::ostringstream o;
  o << "dim=" << p.dim << " epoch=" << p.epoch << " lr=" << p.lr << " wordNgrams=" << p.word_ngrams
    << " minn=" << p.minn << " maxn=" << p.maxn << " bucket=" << p.bucket << " seed=" << p.seed;
  return o.str();
}

fasttext::Args MakeArgs(const ModelParams& p, const std::string& input) {
  // Set every field supervised training reads: Args() holds the skipgram defaults (minCount 5,
  // ns loss, lr 0.05), which the CLI's "supervised" command overrides and we must too.
  fasttext::Args a;
  a.input = input;
  a.model = fasttext::model_name::sup;
  a.loss = fasttext::loss_name::softmax;
  a.dim = p.dim;
  a.epoch = p.epoch;
  a.lr = p.lr;
  a.lrUpdateRate = 100;
  a.wordNgrams = p.word_ngrams;
  a.minCount = 1;
  a.minCountLabel = 0;
  a.minn = p.minn;
  a.maxn = p.maxn;
  a.bucket = p.bucket;
  a.thread = 1;  // with one thread the run is deterministic for a given seed
  a.seed = p.seed;
  a.verbose = 0;
  a.saveOutput = false;
  return a;
}

// Removes a file when it goes out of scope (temporary training input).
class TempFile {
 public:
  explicit TempFile(fs::path path) : path_(std::move(path)) {}
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path UniqueTempPath(const fs::path& dir, const std::string& stem, std::string_view suffix) {
  static std::atomic<unsigned> counter{0};  // with the pid: unique across threads and processes
  return dir / (stem + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++) +
                std::string(suffix));
}

core::Result<std::unique_ptr<fasttext::FastText>> TrainOne(const std::string& text,
                                                           const ModelParams& params,
                                                           const fs::path& work_dir,
                                                           const std::string& stem) {
  TempFile input(UniqueTempPath(work_dir, stem, ".txt"));
  {
    std::ofstream out(input.path(), std::ios::binary);
    out << text;
    out.close();
    if (!out) {
      return core::MakeError(core::ErrorCode::kUnavailable,
                             "cannot write the classifier's training file", input.path().string());
    }
  }
  auto model = std::make_unique<fasttext::FastText>();
  try {
    model->train(MakeArgs(params, input.path().string()));
  } catch (const std::exception& e) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "training the classifier failed",
                           e.what());
  }
  return model;
}

core::Result<std::unique_ptr<fasttext::FastText>> LoadOne(const fs::path& path) {
  auto model = std::make_unique<fasttext::FastText>();
  try {
    model->loadModel(path.string());
  } catch (const std::exception& e) {
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot load a cached classifier model",
                           path.string() + ": " + e.what());
  }
  return model;
}

core::Status SaveOne(fasttext::FastText& model, const fs::path& path) {
  const fs::path tmp = UniqueTempPath(path.parent_path(), path.filename().string(), "");
  try {
    model.saveModel(tmp.string());
  } catch (const std::exception& e) {
    std::error_code ec;
    fs::remove(tmp, ec);
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot write the classifier cache",
                           tmp.string() + ": " + e.what());
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);  // atomic: a concurrent reader sees the old file or the whole new one
  if (ec) {
    fs::remove(tmp, ec);
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot write the classifier cache",
                           path.string() + ": " + ec.message());
  }
  return core::Ok{};
}

std::pair<std::string, float> Top(const fasttext::FastText& model, std::istringstream& in) {
  std::vector<std::pair<fasttext::real, std::string>> out;
  in.clear();
  in.seekg(0);
  model.predictLine(in, out, 1, 0.0);
  if (out.empty()) return {"", 0.0F};
  std::string label = std::move(out[0].second);
  if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
  return {std::move(label), static_cast<float>(out[0].first)};
}

bool IsLabel(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

core::Result<TrainingData> TrainingData::Parse(std::string_view tsv) {
  TrainingData data;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  auto bad = [&](std::string_view what) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        "training data line " + std::to_string(line_no) + ": " + std::string(what));
  };
  while (pos < tsv.size()) {
    std::size_t eol = tsv.find('\n', pos);
    if (eol == std::string_view::npos) eol = tsv.size();
    std::string_view line = tsv.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos || line.find('\t', t2 + 1) != std::string_view::npos) {
      return bad("expected intent<TAB>procedure-or-none<TAB>text");
    }
    const std::string_view intent = line.substr(0, t1);
    const std::string_view procedure = line.substr(t1 + 1, t2 - t1 - 1);
    const std::string_view text = line.substr(t2 + 1);
    if (!IsLabel(intent)) return bad("the intent must be [a-z0-9_]+");
    if (!IsLabel(procedure)) return bad("the procedure must be [a-z0-9_]+ or none");
    if (text.find_first_not_of(' ') == std::string_view::npos) return bad("empty text");
    data.examples.push_back({std::string(intent),
                             procedure == kNoneLabel ? std::string() : std::string(procedure),
                             std::string(text)});
  }
  if (data.examples.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "training data has no examples");
  }
  const std::string& first = data.examples.front().intent;
  bool two_intents = false;
  for (const auto& e : data.examples) two_intents |= e.intent != first;
  if (!two_intents) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "training data needs at least two intents");
  }
  return data;
}

Classifier::Classifier() = default;
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;
Classifier::~Classifier() = default;

core::Result<Classifier> Classifier::TrainOrLoad(const TrainingData& data,
                                                 const std::string& cache_dir) {
  return TrainOrLoad(data, cache_dir, ClassifierParams{});
}

core::Result<Classifier> Classifier::TrainOrLoad(const TrainingData& data,
                                                 const std::string& cache_dir,
                                                 const ClassifierParams& params) {
  const core::Logger log("dialogs.nlu");
  if (data.examples.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "training data has no examples");
  }
  for (const auto& e : data.examples) {
    if (!IsLabel(e.intent) || !(e.procedure.empty() || IsLabel(e.procedure))) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "training data has a label that is not [a-z0-9_]+");
    }
  }

  // The training files are the prepared text, so the key changes with the data, the
  // preprocessing and the parameters alike.
  std::string intent_text, procedure_text;
  for (const auto& e : data.examples) {
    const std::string prepared = PrepareForClassifier(e.text);
    intent_text.append(kLabelPrefix).append(e.intent).append(" ").append(prepared).append("\n");
    procedure_text.append(kLabelPrefix)
        .append(e.procedure.empty() ? kNoneLabel : std::string_view(e.procedure))
        .append(" ")
        .append(prepared)
        .append("\n");
  }
  // The parameter strings are named: string_views of temporaries in the range-for list below
  // would dangle (only the initializer_list's lifetime is extended before C++23).
  const std::string intent_params = Describe(params.intent);
  const std::string procedure_params = Describe(params.procedure);
  std::uint64_t h = 14695981039346656037ULL;
  for (std::string_view part :
       {kCacheFormat, std::string_view(intent_params), std::string_view("|"),
        std::string_view(procedure_params), std::string_view("|"), std::string_view(intent_text),
        std::string_view("|"), std::string_view(procedure_text)}) {
    h = Fnv1a(h, part);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));

  Classifier c;
  c.model_id_ = std::string("nlu-") + hex;

  fs::path work_dir;
  fs::path intent_path, procedure_path;
  if (cache_dir.empty()) {
    std::error_code ec;
    work_dir = fs::temp_directory_path(ec);
    if (ec) work_dir = "/tmp";
  } else {
    work_dir = cache_dir;
    std::error_code ec;
    fs::create_directories(work_dir, ec);
    if (ec) {
      return core::MakeError(core::ErrorCode::kUnavailable,
                             "cannot create the classifier cache directory",
                             cache_dir + ": " + ec.message());
    }
    intent_path = work_dir / (c.model_id_ + "-intent.bin");
    procedure_path = work_dir / (c.model_id_ + "-procedure.bin");
    if (fs::exists(intent_path, ec) && fs::exists(procedure_path, ec)) {
      auto intent = LoadOne(intent_path);
      if (intent) {
        auto procedure = LoadOne(procedure_path);
        if (procedure) {
          c.intent_model_ = std::move(intent).value();
          c.procedure_model_ = std::move(procedure).value();
          c.loaded_from_cache_ = true;
          log.Info("loaded classifier models from cache", {{"model", c.model_id_}});
          return c;
        }
        intent = procedure.error();
      }
      // A truncated or foreign file: retrain and overwrite it rather than refuse to start.
      log.Warn("cached classifier model unusable, retraining", {{"detail", intent.error().detail}});
    }
  }

  const auto started = std::chrono::steady_clock::now();
  auto intent = TrainOne(intent_text, params.intent, work_dir, c.model_id_);
  if (!intent) return intent.error();
  auto procedure = TrainOne(procedure_text, params.procedure, work_dir, c.model_id_);
  if (!procedure) return procedure.error();
  c.intent_model_ = std::move(intent).value();
  c.procedure_model_ = std::move(procedure).value();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  log.Info("trained classifier models", {{"model", c.model_id_},
                                         {"examples", std::to_string(data.examples.size())},
                                         {"ms", std::to_string(ms)}});

  if (!cache_dir.empty()) {
    if (auto s = SaveOne(*c.intent_model_, intent_path); !s) return s.error();
    if (auto s = SaveOne(*c.procedure_model_, procedure_path); !s) return s.error();
  }
  return c;
}

Prediction Classifier::Predict(std::string_view text) const {
  // Bounds the work for a pathological input (a pasted document): the request is near the
  // start of every message we have seen, and cost is linear in the tokens.
  if (text.size() > kMaxPredictBytes) {
    std::size_t cut = kMaxPredictBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  Prediction p;
  std::string prepared = PrepareForClassifier(text);
  if (prepared.empty()) return p;
  prepared.push_back('\n');
  std::istringstream in(std::move(prepared));
  auto [intent, intent_conf] = Top(*intent_model_, in);
  auto [procedure, procedure_conf] = Top(*procedure_model_, in);
  p.intent = std::move(intent);
  p.intent_confidence = intent_conf;
  p.procedure = procedure == kNoneLabel ? std::string() : std::move(procedure);
  p.procedure_confidence = procedure_conf;
  return p;
}

}  // namespace gw::dialogs::nlu
