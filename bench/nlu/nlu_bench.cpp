// bench/nlu: accuracy and speed of the NLU pipeline (normalise, classify, extract codes) on a
// labelled set: ../shared/nlu/dev.jsonl (the yardstick, never trained on) or the project's own
// held-out slice (dialogs/nlu/data/heldout.tsv).
// Usage: bench_nlu CACHE_DIR FILE...   (.jsonl: {"text","intent","procedure","dossier_code"};
//                                       .tsv: intent<TAB>procedure-or-none<TAB>text)
// For the seed-variance check (dialogs/nlu/data/README.md): NLU_TRAIN=FILE trains on that TSV
// instead of the embedded train.tsv (e.g. a `generate.py --seed N --out FILE` draw), and
// NLU_SEED=N sets fastText's training seed of both models (default 7, the shipped one).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dialogs/nlu/classifier.hpp"
#include "dialogs/nlu/extract.hpp"
#include "gateway/classify_command.hpp"
#include "locales/normalize.hpp"

namespace {

struct Example {
  std::string text, intent, procedure, code;  // procedure/code "" for none
  bool has_code_label = false;
};

std::vector<Example> Load(const std::string& path) {
  std::vector<Example> out;
  std::ifstream in(path);
  std::string line;
  const bool jsonl = path.ends_with(".jsonl");
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    Example e;
    if (jsonl) {
      auto j = nlohmann::json::parse(line);
      e.text = j["text"];
      e.intent = j["intent"];
      e.procedure = j["procedure"].is_null() ? "" : j["procedure"].get<std::string>();
      e.has_code_label = j.contains("dossier_code");
      e.code = e.has_code_label && !j["dossier_code"].is_null()
                   ? j["dossier_code"].get<std::string>()
                   : "";
    } else {
      auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      if (t1 == std::string::npos || t2 == std::string::npos) continue;
      e.intent = line.substr(0, t1);
      e.procedure = line.substr(t1 + 1, t2 - t1 - 1);
      if (e.procedure == "none") e.procedure.clear();
      e.text = line.substr(t2 + 1);
    }
    out.push_back(std::move(e));
  }
  return out;
}

double MacroF1(const std::vector<std::pair<std::string, std::string>>& gold_pred) {
  std::map<std::string, int> tp, fp, fn;
  for (const auto& [g, p] : gold_pred) {
    if (g == p) {
      tp[g]++;
    } else {
      fp[p]++;
      fn[g]++;
    }
  }
  std::map<std::string, int> labels;
  for (const auto& [g, p] : gold_pred) labels[g] = 1;
  double sum = 0;
  for (const auto& [l, _] : labels) {
    double prec = tp[l] + fp[l] ? double(tp[l]) / (tp[l] + fp[l]) : 0;
    double rec = tp[l] + fn[l] ? double(tp[l]) / (tp[l] + fn[l]) : 0;
    sum += prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
  }
  return labels.empty() ? 0 : sum / static_cast<double>(labels.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: bench_nlu CACHE_DIR FILE...\n");
    return 2;
  }
  const std::string cache = argv[1];
  const auto t0 = std::chrono::steady_clock::now();
  auto classifier = [&]() -> gw::core::Result<gw::dialogs::nlu::Classifier> {
    const char* train = std::getenv("NLU_TRAIN");
    const char* seed = std::getenv("NLU_SEED");
    if (train == nullptr && seed == nullptr) return gw::gateway::LoadEmbeddedClassifier(cache);
    gw::dialogs::nlu::ClassifierParams params;
    if (seed != nullptr) params.intent.seed = params.procedure.seed = std::atoi(seed);
    std::string tsv;
    if (train != nullptr) {
      std::ifstream in(train);
      tsv.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } else {
      // Same bytes as the embedded file when run from the source tree (run.sh does).
      std::ifstream in("dialogs/nlu/data/train.tsv");
      tsv.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    auto data = gw::dialogs::nlu::TrainingData::Parse(tsv);
    if (!data.ok()) return data.error();
    fmt::print("training on {} with seed {}\n",
               train != nullptr ? train : "dialogs/nlu/data/train.tsv", params.intent.seed);
    return gw::dialogs::nlu::Classifier::TrainOrLoad(*data, cache, params);
  }();
  if (!classifier.ok()) {
    fmt::print(stderr, "bench_nlu: {} {}\n", classifier.error().message, classifier.error().detail);
    return 1;
  }
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::uintmax_t model_bytes = 0;
  for (const auto& f : std::filesystem::directory_iterator(cache)) {
    if (f.path().filename().string().starts_with(classifier->model_id()))
      model_bytes += f.file_size();
  }
  fmt::print("model {} ({}): {:.1f} MB on disk, {} in {:.2f} s\n\n", classifier->model_id(), cache,
             static_cast<double>(model_bytes) / 1e6,
             classifier->loaded_from_cache() ? "loaded" : "trained", load_s);

  for (int f = 2; f < argc; ++f) {
    const auto examples = Load(argv[f]);
    int intent_ok = 0, proc_ok = 0, code_ok = 0, code_total = 0;
    std::vector<std::pair<std::string, std::string>> intents;
    std::map<std::pair<std::string, std::string>, int> confusions;
    for (const auto& e : examples) {
      const auto p = classifier->Predict(e.text);
      intent_ok += p.intent == e.intent;
      proc_ok += p.procedure == e.procedure;
      intents.emplace_back(e.intent, p.intent);
      if (p.intent != e.intent) confusions[{e.intent, p.intent}]++;
      if (p.procedure != e.procedure) {
        confusions[{"proc:" + (e.procedure.empty() ? "none" : e.procedure),
                    "proc:" + (p.procedure.empty() ? "none" : p.procedure)}]++;
      }
      if (e.has_code_label) {
        auto codes = gw::dialogs::nlu::ExtractDossierCodes(e.text);
        code_total++;
        code_ok += (codes.empty() ? std::string() : codes.front()) == e.code;
      }
    }
    const double n = static_cast<double>(examples.size());
    fmt::print("{} ({} messages)\n", argv[f], examples.size());
    fmt::print("  intent accuracy     {:6.2f}%\n", 100 * intent_ok / n);
    fmt::print("  procedure accuracy  {:6.2f}%   (none counts as a class)\n", 100 * proc_ok / n);
    fmt::print("  intent macro-F1     {:6.3f}\n", MacroF1(intents));
    if (code_total > 0) {
      fmt::print("  dossier-code exact  {:6.2f}%   ({}/{})\n", 100.0 * code_ok / code_total,
                 code_ok, code_total);
    }
    std::vector<std::pair<int, std::pair<std::string, std::string>>> top;
    for (const auto& [k, v] : confusions) top.push_back({v, k});
    std::sort(top.rbegin(), top.rend());
    fmt::print("  most confused (gold -> predicted):\n");
    for (std::size_t i = 0; i < std::min<std::size_t>(8, top.size()); ++i) {
      fmt::print("    {:3}  {} -> {}\n", top[i].first, top[i].second.first, top[i].second.second);
    }

    // Speed of the per-message pipeline on one thread: classify (which normalises) and extract.
    std::vector<double> us;
    const int rounds =
        std::max(1, 20000 / static_cast<int>(std::max<std::size_t>(1, examples.size())));
    const auto s0 = std::chrono::steady_clock::now();
    std::size_t sink = 0;
    for (int r = 0; r < rounds; ++r) {
      for (const auto& e : examples) {
        const auto a = std::chrono::steady_clock::now();
        const auto p = classifier->Predict(e.text);
        const auto codes = gw::dialogs::nlu::ExtractDossierCodes(e.text);
        sink += p.intent.size() + codes.size();
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - a)
                         .count());
      }
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
    std::sort(us.begin(), us.end());
    fmt::print(
        "  speed (one thread)  {:.0f} messages/s, p50 {:.1f} us, p99 {:.1f} us  [{} msgs, sink "
        "{}]\n\n",
        static_cast<double>(us.size()) / secs, us[us.size() / 2], us[us.size() * 99 / 100],
        us.size(), sink % 10);
  }
  return 0;
}
