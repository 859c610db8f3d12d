// Tests for the intent and procedure classifier: preprocessing, parsing, training, caching,
// concurrency, and a floor on the held-out slice so a broken model or broken data fails CI.
#include "dialogs/nlu/classifier.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef GW_SOURCE_DIR
#error "GW_SOURCE_DIR must name the source tree, e.g. -DGW_SOURCE_DIR=\"/work/main\""
#endif

namespace gw::dialogs::nlu {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("nlu_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string str() const { return path_.string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Small enough to train in well under a second.
ClassifierParams FastParams() {
  ClassifierParams p;
  p.intent.dim = p.procedure.dim = 8;
  p.intent.epoch = p.procedure.epoch = 100;
  p.intent.bucket = p.procedure.bucket = 2000;
  return p;
}

constexpr std::string_view kTinyData =
    "# tiny set for tests\n"
    "greeting\tnone\txin chào\n"
    "greeting\tnone\tchào bạn\n"
    "greeting\tnone\thello ad\n"
    "greeting\tnone\tchào anh chị\n"
    "thanks\tnone\tcảm ơn nhiều\n"
    "thanks\tnone\tcám ơn bạn\n"
    "thanks\tnone\tthanks ad\n"
    "thanks\tnone\tok cảm ơn\n"
    "lookup_status\tnone\thồ sơ 000.00.12.H29-241023-0001 đến đâu rồi\n"
    "lookup_status\tnone\ttra cứu hồ sơ 000.00.13.H29-241024-0002\n"
    "lookup_status\tnone\tkiểm tra hồ sơ 000.00.14.H29-241025-0003 giúp tôi\n"
    "lookup_status\tnone\thồ sơ 000.00.15.H29-241026-0004 xong chưa\n"
    "procedure_info\tho_chieu\tlàm hộ chiếu cần giấy tờ gì\n"
    "procedure_info\tho_chieu\tlệ phí hộ chiếu bao nhiêu\n"
    "procedure_info\tkhai_sinh\tđăng ký khai sinh cần giấy tờ gì\n"
    "procedure_info\tkhai_sinh\tlệ phí khai sinh bao nhiêu\r\n"
    "\n";

}  // namespace

TEST_CASE("PrepareForClassifier lower-cases, folds and splits off punctuation") {
  struct Case {
    std::string_view in, out;
  };
  const Case cases[] = {
      {"Đăng ký KHAI SINH cho bé!!", "dang ky khai sinh cho be !"},
      {"Hồ sơ đến đâu rồi ạ???", "ho so den dau roi a ?"},
      {"cho hỏi: phí, bao nhiêu?", "cho hoi phi bao nhieu ?"},
      {"  nhiều    khoảng\ttrắng\n ", "nhieu khoang trang"},
      {"ĐỨC Đạt đỗ", "duc dat do"},
      // NFD (decomposed) input, as some phones send it, comes out like NFC.
      {"\x44\xC4\x83\x6E\x67 \x6B\x79\xCC\x81", "dang ky"},
      // Emoji are dropped by the normaliser.
      {"5sao 👍👍", "5 sao"},
      {"", ""},
      {"?!...", "? !"},
      // Invalid UTF-8 does not break anything: the bad bytes are dropped.
      {"\xFF\xFE chào", "chao"},
      // A fastText label cannot be smuggled in: underscores are punctuation.
      {"__label__thanks xin chào", "label thanks xin chao"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(PrepareForClassifier(c.in) == c.out);
  }
}

TEST_CASE("PrepareForClassifier replaces codes, numbers, dates, e-mail and URLs") {
  struct Case {
    std::string_view in, out;
  };
  const Case cases[] = {
      {"hồ sơ 000.00.12.H29-241023-0001 sao rồi", "ho so __code__ sao roi"},
      {"ma 000,00,12,h29 - 241023 - 0001 nhe", "ma __code__ nhe"},
      {"000 00 12 h29-241023-0001", "__code__"},
      {"tra 123.45.H48-250401-17788", "tra __code__"},
      {"sdt 0912 345 678", "sdt __num__"},
      {"cccd 001203004567", "cccd __num__"},
      {"phí 500.000đ", "phi __num__ d"},
      {"ngày 12/3/2024", "ngay __date__"},
      {"chấm 9/10, 4/5 sao, 7h30", "cham 9 10 4 5 sao 7 h 30"},
      {"phiếu số 2", "phieu so 2"},
      {"gửi về abc.xyz@gmail.com nhé", "gui ve __email__ nhe"},
      {"xem https://dichvucong.gov.vn/p/123", "xem __url__"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(PrepareForClassifier(c.in) == c.out);
  }
}

TEST_CASE("PrepareForClassifier repairs Telex remnants and leaves English alone") {
  struct Case {
    std::string_view in, out;
  };
  const Case cases[] = {
      {"ddawng kys thuwowngf trus", "dang ky thuong tru"},
      {"xin chaof camr own", "xin chao cam on"},
      {"toi muoons rust hoof sow", "toi muon rut ho so"},
      {"ddangw kys kets hoon", "dang ky ket hon"},
      {"nhw vaayj ddc khoong", "nhu vay dc khong"},
      {"status visa test thanks error renew", "status visa test thanks error renew"},
      {"sms cccd gplx lltp bhyt", "sms cccd gplx lltp bhyt"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(PrepareForClassifier(c.in) == c.out);
  }
}

TEST_CASE("TrainingData::Parse reads the format and rejects bad lines") {
  SUBCASE("valid, with comments, blank lines and CRLF") {
    auto data = TrainingData::Parse(kTinyData);
    REQUIRE(data.ok());
    REQUIRE(data->examples.size() == 16);
    CHECK(data->examples[0].intent == "greeting");
    CHECK(data->examples[0].procedure.empty());
    CHECK(data->examples[12].procedure == "ho_chieu");
    CHECK(data->examples[15].text == "lệ phí khai sinh bao nhiêu");  // CR stripped
  }
  struct Case {
    std::string_view tsv, message;
  };
  const Case bad[] = {
      {"greeting\txin chào\n",
       "training data line 1: expected intent<TAB>procedure-or-none<TAB>text"},
      {"greeting\tnone\ta\tb\n",
       "training data line 1: expected intent<TAB>procedure-or-none<TAB>text"},
      {"# c\nGreeting\tnone\txin chào\n", "training data line 2: the intent must be [a-z0-9_]+"},
      {"greeting\tHộ chiếu\txin chào\n",
       "training data line 1: the procedure must be [a-z0-9_]+ or none"},
      {"greeting\tnone\t   \n", "training data line 1: empty text"},
      {"", "training data has no examples"},
      {"# only a comment\n\n", "training data has no examples"},
      {"greeting\tnone\tchào\ngreeting\tnone\thello\n", "training data needs at least two intents"},
  };
  for (const auto& c : bad) {
    CAPTURE(c.tsv);
    auto data = TrainingData::Parse(c.tsv);
    REQUIRE_FALSE(data.ok());
    CHECK(data.error().code == core::ErrorCode::kInvalidArgument);
    CHECK(data.error().message == c.message);
  }
}

TEST_CASE("a classifier trained on a tiny set predicts its own examples") {
  TempDir dir;
  auto data = TrainingData::Parse(kTinyData);
  REQUIRE(data.ok());
  auto c = Classifier::TrainOrLoad(*data, dir.str(), FastParams());
  REQUIRE(c.ok());
  CHECK_FALSE(c->loaded_from_cache());

  struct Case {
    std::string_view text, intent, procedure;
  };
  const Case cases[] = {
      {"xin chào", "greeting", ""},
      {"cảm ơn nhiều", "thanks", ""},
      {"hồ sơ 000.00.99.H29-250101-0042 đến đâu rồi", "lookup_status", ""},
      {"làm hộ chiếu cần giấy tờ gì", "procedure_info", "ho_chieu"},
      {"dang ky khai sinh can giay to gi", "procedure_info", "khai_sinh"},
  };
  for (const auto& k : cases) {
    CAPTURE(k.text);
    const Prediction p = c->Predict(k.text);
    CHECK(p.intent == k.intent);
    CHECK(p.procedure == k.procedure);
    CHECK(p.intent_confidence > 0.0F);
    CHECK(p.intent_confidence <= 1.0001F);
    CHECK(p.procedure_confidence > 0.0F);
  }

  SUBCASE("a huge message is cut, not refused") {
    std::string huge;
    while (huge.size() < 1024 * 1024) huge += "xin chào ";
    const Prediction p = c->Predict(huge);
    CHECK(p.intent == "greeting");
  }

  SUBCASE("nothing to classify") {
    for (std::string_view empty : {"", "   ", "...", "\n"}) {
      const Prediction p = c->Predict(empty);
      CHECK(p.intent.empty());
      CHECK(p.procedure.empty());
      CHECK(p.intent_confidence == 0.0F);
    }
  }
}

TEST_CASE("the second TrainOrLoad loads the cached models instead of training") {
  TempDir dir;
  auto data = TrainingData::Parse(kTinyData);
  REQUIRE(data.ok());
  auto first = Classifier::TrainOrLoad(*data, dir.str(), FastParams());
  REQUIRE(first.ok());
  CHECK_FALSE(first->loaded_from_cache());
  const fs::path intent_file = dir.path() / (first->model_id() + "-intent.bin");
  const fs::path procedure_file = dir.path() / (first->model_id() + "-procedure.bin");
  REQUIRE(fs::exists(intent_file));
  REQUIRE(fs::exists(procedure_file));
  const auto written = fs::last_write_time(intent_file);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
  CHECK(files == 2);  // no temporary training files left behind

  auto second = Classifier::TrainOrLoad(*data, dir.str(), FastParams());
  REQUIRE(second.ok());
  CHECK(second->loaded_from_cache());
  CHECK(second->model_id() == first->model_id());
  CHECK(fs::last_write_time(intent_file) == written);
  for (std::string_view text : {"xin chào", "lệ phí hộ chiếu bao nhiêu", "cảm ơn"}) {
    const Prediction a = first->Predict(text);
    const Prediction b = second->Predict(text);
    CHECK(a.intent == b.intent);
    CHECK(a.procedure == b.procedure);
    CHECK(a.intent_confidence == doctest::Approx(b.intent_confidence));
  }

  SUBCASE("other parameters or other data make another model") {
    ClassifierParams other = FastParams();
    other.intent.epoch = 101;
    auto third = Classifier::TrainOrLoad(*data, dir.str(), other);
    REQUIRE(third.ok());
    CHECK_FALSE(third->loaded_from_cache());
    CHECK(third->model_id() != first->model_id());

    TrainingData more = *data;
    more.examples.push_back({"thanks", "", "thank you"});
    auto fourth = Classifier::TrainOrLoad(more, dir.str(), FastParams());
    REQUIRE(fourth.ok());
    CHECK_FALSE(fourth->loaded_from_cache());
    CHECK(fourth->model_id() != first->model_id());
  }

  SUBCASE("a damaged cache file is replaced by a retrained model") {
    { std::ofstream(intent_file, std::ios::binary | std::ios::trunc) << "not a model"; }
    auto again = Classifier::TrainOrLoad(*data, dir.str(), FastParams());
    REQUIRE(again.ok());
    CHECK_FALSE(again->loaded_from_cache());
    CHECK(again->Predict("xin chào").intent == "greeting");
    auto reloaded = Classifier::TrainOrLoad(*data, dir.str(), FastParams());
    REQUIRE(reloaded.ok());
    CHECK(reloaded->loaded_from_cache());
  }
}

TEST_CASE("training is deterministic") {
  TempDir a, b;
  auto data = TrainingData::Parse(kTinyData);
  REQUIRE(data.ok());
  auto x = Classifier::TrainOrLoad(*data, a.str(), FastParams());
  auto y = Classifier::TrainOrLoad(*data, b.str(), FastParams());
  REQUIRE(x.ok());
  REQUIRE(y.ok());
  const std::string fx = ReadFile(a.path() / (x->model_id() + "-intent.bin"));
  const std::string fy = ReadFile(b.path() / (y->model_id() + "-intent.bin"));
  CHECK_FALSE(fx.empty());
  CHECK(fx == fy);
}

TEST_CASE("bad training data and an unusable cache directory are errors") {
  TempDir dir;
  SUBCASE("no examples") {
    auto c = Classifier::TrainOrLoad(TrainingData{}, dir.str(), FastParams());
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == core::ErrorCode::kInvalidArgument);
  }
  SUBCASE("a label fastText would misread") {
    TrainingData data;
    data.examples = {{"greeting", "", "chào"}, {"thanks now", "", "cảm ơn"}};
    auto c = Classifier::TrainOrLoad(data, dir.str(), FastParams());
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == core::ErrorCode::kInvalidArgument);
  }
  SUBCASE("the cache directory is a file") {
    const fs::path file = dir.path() / "plain-file";
    fs::create_directories(dir.path());
    { std::ofstream(file) << "x"; }
    auto data = TrainingData::Parse(kTinyData);
    REQUIRE(data.ok());
    auto c = Classifier::TrainOrLoad(*data, (file / "cache").string(), FastParams());
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == core::ErrorCode::kUnavailable);
  }
  SUBCASE("no cache directory at all still trains") {
    auto data = TrainingData::Parse(kTinyData);
    REQUIRE(data.ok());
    auto c = Classifier::TrainOrLoad(*data, "", FastParams());
    REQUIRE(c.ok());
    CHECK(c->Predict("xin chào").intent == "greeting");
  }
}

TEST_CASE("concurrent Predict calls agree with sequential ones") {
  TempDir dir;
  auto data = TrainingData::Parse(kTinyData);
  REQUIRE(data.ok());
  auto c = Classifier::TrainOrLoad(*data, dir.str(), FastParams());
  REQUIRE(c.ok());
  std::vector<std::string> texts;
  for (const auto& e : data->examples) texts.push_back(e.text);
  texts.emplace_back("hồ sơ 000.00.12.H29-241023-0001 xong chưa ạ");
  std::vector<Prediction> expected;
  for (const auto& t : texts) expected.push_back(c->Predict(t));

  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 200; ++round) {
        for (std::size_t i = 0; i < texts.size(); ++i) {
          const Prediction p = c->Predict(texts[i]);
          if (p.intent != expected[i].intent || p.procedure != expected[i].procedure ||
              p.intent_confidence != expected[i].intent_confidence) {
            ++mismatches;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(mismatches.load() == 0);
}

// The shipped data and parameters against the held-out slice (dialogs/nlu/data/heldout.tsv,
// never trained on). Measured at about 93% intent and 98% procedure accuracy; the floors leave
// room for edits to the data but fail a broken model, broken preprocessing or broken data.
TEST_CASE("the shipped model clears a floor on the held-out slice") {
  const fs::path data_dir = fs::path(GW_SOURCE_DIR) / "dialogs" / "nlu" / "data";
  auto train = TrainingData::Parse(ReadFile(data_dir / "train.tsv"));
  REQUIRE(train.ok());
  CHECK(train->examples.size() >= 2000);
  auto heldout = TrainingData::Parse(ReadFile(data_dir / "heldout.tsv"));
  REQUIRE(heldout.ok());
  REQUIRE(heldout->examples.size() >= 150);

  TempDir dir;
  auto c = Classifier::TrainOrLoad(*train, dir.str());
  REQUIRE(c.ok());
  std::size_t intents = 0, procedures = 0;
  for (const auto& e : heldout->examples) {
    const Prediction p = c->Predict(e.text);
    intents += p.intent == e.intent;
    procedures += p.procedure == e.procedure;
  }
  const double n = static_cast<double>(heldout->examples.size());
  MESSAGE("held-out intent accuracy " << intents / n << ", procedure accuracy " << procedures / n);
  CHECK(intents / n >= 0.88);
  CHECK(procedures / n >= 0.93);

  std::size_t models_bytes = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) models_bytes += e.file_size();
  CHECK(models_bytes <= 30u * 1000 * 1000);
}

}  // namespace gw::dialogs::nlu
