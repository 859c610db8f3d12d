// `caunoi demo` end to end, as a newcomer would try it: look up a simulator dossier, submit a
// birth registration and get a code, ask about a partly-online procedure, be refused with a reason.
#include <doctest/doctest.h>
#include <signal.h>
#include <stdlib.h>

#include <nlohmann/json.hpp>

#include "tests/integration/server_fixture.hpp"

using nlohmann::json;

namespace {

// `caunoi demo` on a port of its choosing, with its data in `dir`.
gw::testing::ChildProcess StartDemo(const gw::testing::TempDir& dir) {
  ::setenv("CAUNOI_CACHE_DIR", GW_BUILD_DIR "/nlu-cache", 1);
  return gw::testing::ChildProcess({CAUNOI_BINARY, "demo", "--port", "0", "--data", dir.path()},
                                   dir.File("demo.log"));
}

json Say(httplib::Client& c, const std::string& user, const std::string& text) {
  auto r = c.Post("/api/v1/app/messages", json{{"user_id", user}, {"text", text}}.dump(),
                  "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json::parse(r->body)["replies"];
}

std::string AllText(const json& replies) {
  std::string s;
  for (const auto& r : replies) s += r["text"].get<std::string>() + "\n";
  return s;
}

}  // namespace

TEST_CASE(
    "the demo: lookup, submission with a real code, partly-online advice, a reasoned refusal") {
  gw::testing::TempDir dir;
  auto demo = StartDemo(dir);
  int port = gw::testing::ListeningPort(demo);
  REQUIRE(port > 0);
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30);

  // A dossier the simulator seeds for the demo.
  auto lookup = Say(c, "newcomer-1", "tra cuu ho so 000.00.12.H29-241023-0001");
  CHECK(AllText(lookup).find("Hồ sơ 000.00.12.H29-241023-0001") != std::string::npos);
  CHECK(AllText(lookup).find("Quá trình xử lý") != std::string::npos);

  // A birth registration, field by field, confirmed, submitted: the simulator issues the code.
  Say(c, "newcomer-2", "Tôi muốn đăng ký khai sinh cho con");
  for (const char* answer :
       {"Phường Bến Thành", "Nguyễn Văn An", "05/03/2024", "Nam", "Bệnh viện Từ Dũ",
        "Trần Thị Bình", "bỏ qua", "Trần Thị Bình", "001099012345", "0912345678"}) {
    Say(c, "newcomer-2", answer);
  }
  auto submitted = Say(c, "newcomer-2", "Có");
  const std::string text = AllText(submitted);
  CAPTURE(text);
  CHECK(text.find("đã được tiếp nhận") != std::string::npos);
  CHECK(text.find("Mã hồ sơ: 000.00.12.H29-") != std::string::npos);

  // A partly-online procedure: what to do in person, and where.
  auto info = Say(c, "newcomer-3", "làm hộ chiếu cần giấy tờ gì");
  CHECK(AllText(info).find("trực tuyến một phần") != std::string::npos);
  CHECK(AllText(info).find("vân tay") != std::string::npos);

  // Out of scope: refused, with the reason code.
  auto weather = Say(c, "newcomer-4", "thời tiết hôm nay thế nào");
  REQUIRE(weather.size() == 1);
  CHECK(weather[0]["reason_code"] == "out_of_scope");

  demo.Signal(SIGTERM);
  CHECK(demo.Wait() == 0);
}

TEST_CASE("the demo answers a request for another commune with the competent agency") {
  gw::testing::TempDir dir;
  auto demo = StartDemo(dir);
  int port = gw::testing::ListeningPort(demo);
  REQUIRE(port > 0);
  httplib::Client c("127.0.0.1", port);
  Say(c, "newcomer-5", "Tôi muốn đăng ký khai sinh cho con");
  auto answer = Say(c, "newcomer-5", "phường Sài Gòn");
  REQUIRE(answer.size() == 1);
  CHECK(answer[0]["reason_code"] == "wrong_jurisdiction");
  CHECK(answer[0]["text"].get<std::string>().find("UBND phường Sài Gòn") != std::string::npos);
}
