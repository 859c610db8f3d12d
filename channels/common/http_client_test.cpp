// Tests of the libcurl client against a cpp-httplib server on port 0: bodies, timeouts, refused
// connections, connection reuse, and the mapping onto SendOutcome.
#include "channels/common/http_client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "channels/common/test_http_server.hpp"

namespace common = gw::channels::common;
using gw::channels::testing::ClosedPort;
using gw::channels::testing::TestHttpServer;
using gw::core::SendOutcome;
using namespace std::chrono_literals;

namespace {

const gw::core::TimePoint kNow = std::chrono::system_clock::from_time_t(1700000000);

common::HttpResult Status(long status, std::string body = "", std::string retry_after = "") {
  common::HttpResult r;
  r.response.status = status;
  r.response.body = std::move(body);
  r.response.retry_after = std::move(retry_after);
  return r;
}

}  // namespace

TEST_CASE("GET and POST reach the server with headers and body") {
  TestHttpServer server([](httplib::Server& s) {
    s.Get("/hello", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("hi " + req.get_param_value("name"), "text/plain");
    });
    s.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Retry-After", "3");
      res.set_content(req.get_header_value("X-Test") + ":" + req.body, "application/json");
    });
  });
  common::HttpClient client;
  auto r = client.Perform({"GET", server.Url("/hello?name=Lan"), {}, ""});
  REQUIRE(r.error == common::TransportError::kNone);
  CHECK(r.response.status == 200);
  CHECK(r.response.body == "hi Lan");
  r = client.Perform(
      {"POST", server.Url("/echo"), {{"X-Test", "a"}, {"Content-Type", "text/plain"}}, "Xin chào"});
  REQUIRE(r.error == common::TransportError::kNone);
  CHECK(r.response.body == "a:Xin chào");
  CHECK(r.response.retry_after == "3");
  CHECK(r.response.content_type == "application/json");
}

TEST_CASE("pooled handles reuse the connection") {
  std::set<int> ports;
  std::mutex mu;
  TestHttpServer server([&](httplib::Server& s) {
    s.Get("/", [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu);
      ports.insert(req.remote_port);
      res.set_content("ok", "text/plain");
    });
  });
  common::HttpClient client;
  for (int i = 0; i < 3; ++i) {
    CHECK(client.Perform({"GET", server.Url("/"), {}, ""}).response.status == 200);
  }
  CHECK(ports.size() == 1);  // one TCP connection for three calls
}

TEST_CASE("one client serves several threads at once") {
  TestHttpServer server([](httplib::Server& s) {
    s.Get("/n", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.get_param_value("i"), "text/plain");
    });
  });
  common::HttpClientOptions options;
  options.max_idle_handles = 2;  // fewer than threads: extra handles are made and dropped
  common::HttpClient client(options);
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        std::string id = std::to_string(t * 10 + i);
        auto r = client.Perform({"GET", server.Url("/n?i=" + id), {}, ""});
        if (r.error == common::TransportError::kNone && r.response.body == id) ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(good == 30);
}

TEST_CASE("transport failures: timeout, refused, bad URL, oversized answers") {
  TestHttpServer server([](httplib::Server& s) {
    s.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(600ms);
      res.set_content("late", "text/plain");
    });
    s.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(5000, 'x'), "text/plain");
    });
  });
  common::HttpClientOptions options;
  options.timeout = 200ms;
  options.max_response_bytes = 1000;
  common::HttpClient client(options);

  auto r = client.Perform({"GET", server.Url("/slow"), {}, ""});
  CHECK(r.error == common::TransportError::kTimeout);
  auto mapped = common::MapHttpOutcome(r, kNow);
  CHECK(mapped.outcome == SendOutcome::kRetryable);
  CHECK(mapped.provider_code == "timeout");

  r = client.Perform({"GET", "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/", {}, ""});
  CHECK(r.error == common::TransportError::kConnect);
  CHECK(common::MapHttpOutcome(r, kNow).outcome == SendOutcome::kRetryable);

  r = client.Perform({"GET", "ftp://127.0.0.1/x", {}, ""});
  CHECK(r.error == common::TransportError::kBadUrl);
  CHECK(common::MapHttpOutcome(r, kNow).outcome == SendOutcome::kMalformed);

  r = client.Perform({"GET", server.Url("/big"), {}, ""});
  CHECK(r.error == common::TransportError::kTooLarge);
}

TEST_CASE("HTTP statuses map onto outcomes") {
  struct Case {
    long status;
    SendOutcome outcome;
  };
  const Case cases[] = {
      {200, SendOutcome::kAccepted},  {202, SendOutcome::kAccepted},
      {301, SendOutcome::kMalformed}, {400, SendOutcome::kRejected},
      {404, SendOutcome::kRejected},  {408, SendOutcome::kRetryable},
      {429, SendOutcome::kRetryable}, {500, SendOutcome::kRetryable},
      {503, SendOutcome::kRetryable},
  };
  for (const auto& c : cases) {
    CAPTURE(c.status);
    auto r = common::MapHttpOutcome(Status(c.status, "reason"), kNow);
    CHECK(r.outcome == c.outcome);
    CHECK(r.provider_code == "http " + std::to_string(c.status));
  }
  auto r = common::MapHttpOutcome(Status(429, "", "120"), kNow);
  CHECK(r.retry_after == std::chrono::milliseconds(120000));
  CHECK(common::MapHttpOutcome(Status(503, "", "soon"), kNow).retry_after == std::nullopt);
}

TEST_CASE("Retry-After: seconds or an HTTP-date") {
  CHECK(common::ParseRetryAfter("30", kNow) == std::chrono::milliseconds(30000));
  CHECK(common::ParseRetryAfter(" 5 ", kNow) == std::chrono::milliseconds(5000));
  // 1700000000 is Tue, 14 Nov 2023 22:13:20 GMT.
  CHECK(common::ParseRetryAfter("Tue, 14 Nov 2023 22:14:20 GMT", kNow) ==
        std::chrono::milliseconds(60000));
  CHECK(common::ParseRetryAfter("Tue, 14 Nov 2023 22:00:00 GMT", kNow) ==
        std::chrono::milliseconds(0));
  CHECK_FALSE(common::ParseRetryAfter("", kNow).has_value());
  CHECK_FALSE(common::ParseRetryAfter("10s", kNow).has_value());
  CHECK_FALSE(common::ParseRetryAfter("whenever", kNow).has_value());
  CHECK(common::ParseRetryAfter("999999999999999999", kNow) == std::chrono::milliseconds(86400000));
}
