// `caunoi classify`: streams lines of text (or JSON objects with "text") through normalisation,
// the classifier and the extractors, one JSON object out per line in.
#pragma once

#include <iosfwd>
#include <string>

#include "core/result.hpp"
#include "dialogs/nlu/classifier.hpp"

namespace gw::gateway {

struct ClassifyOptions {
  bool jsonl = false;     // input lines are JSON objects with a "text" field
  std::string cache_dir;  // where trained models are cached ("" = the default cache folder)
};

// The default model cache: $CAUNOI_CACHE_DIR, else $XDG_CACHE_HOME/caunoi, else ~/.cache/caunoi.
std::string DefaultModelCacheDir();

// Trains or loads the classifier from the embedded training data.
core::Result<dialogs::nlu::Classifier> LoadEmbeddedClassifier(const std::string& cache_dir);

// One output line (without the newline) for one input line. In JSONL mode the input object's
// other fields are passed through; a line that is not a JSON object with a string "text" gives
// {"error": "..."} in its place, so output lines stay aligned with input lines.
std::string ClassifyLine(const dialogs::nlu::Classifier& classifier, std::string_view line,
                         bool jsonl, bool* ok);

// Reads `in` to the end, writes to `out`; returns the exit code (0, or 1 if any line failed).
int RunClassify(const dialogs::nlu::Classifier& classifier, std::istream& in, std::ostream& out,
                bool jsonl);

}  // namespace gw::gateway
