// Tests of the libcurl client against a cpp-httplib server on port 0: bodies, timeouts, refused
// connections, connection reuse, Retry-After.
#include "net/http_client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "tests/support/test_http_server.hpp"

namespace net = gw::net;
using gw::testing::ClosedPort;
using gw::testing::TestHttpServer;
using namespace std::chrono_literals;

namespace {

const gw::core::TimePoint kNow = std::chrono::system_clock::from_time_t(1700000000);

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
  net::HttpClient client;
  auto r = client.Perform({"GET", server.Url("/hello?name=Lan"), {}, ""});
  REQUIRE(r.error == net::TransportError::kNone);
  CHECK(r.response.status == 200);
  CHECK(r.response.body == "hi Lan");
  r = client.Perform(
      {"POST", server.Url("/echo"), {{"X-Test", "a"}, {"Content-Type", "text/plain"}}, "Xin chào"});
  REQUIRE(r.error == net::TransportError::kNone);
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
  net::HttpClient client;
  for (int i = 0; i < 3; ++i) {
    CHECK(client.Perform({"GET", server.Url("/"), {}, ""}).response.status == 200);
  }
  CHECK(ports.size() == 1);  // one TCP connection for three calls
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("one client serves several threads at once") {
  TestHttpServer server([](httplib::Server& s) {
    s.Get("/n", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.get_param_value("i"), "text/plain");
    });
  });
  net::HttpClientOptions options;
  options.max_idle_handles = 2;  // fewer than threads: extra handles are made and dropped
  net::HttpClient client(options);
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        std::string id = std::to_string(t * 10 + i);
        auto r = client.Perform({"GET", server.Url("/n?i=" + id), {}, ""});
        if (r.error == net::TransportError::kNone && r.response.body == id) ++good;
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
  net::HttpClientOptions options;
  options.timeout = 200ms;
  options.max_response_bytes = 1000;
  net::HttpClient client(options);

  auto r = client.Perform({"GET", server.Url("/slow"), {}, ""});
  CHECK(r.error == net::TransportError::kTimeout);
  CHECK(net::TransportErrorName(r.error) == "timeout");
  CHECK(r.error_detail.starts_with("curl 28: "));

  r = client.Perform({"GET", "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/", {}, ""});
  CHECK(r.error == net::TransportError::kConnect);
  CHECK_FALSE(net::IsConfigurationError(r.error));

  r = client.Perform({"GET", "ftp://127.0.0.1/x", {}, ""});
  CHECK(r.error == net::TransportError::kBadUrl);
  CHECK(net::IsConfigurationError(r.error));

  r = client.Perform({"GET", server.Url("/big"), {}, ""});
  CHECK(r.error == net::TransportError::kTooLarge);
}

TEST_CASE("a CA file that cannot be read is a configuration error, not a network one") {
  TestHttpServer server([](httplib::Server&) {});
  net::HttpClientOptions options;
  options.ca_file = "/nonexistent/ca.pem";
  net::HttpClient client(options);
  auto r =
      client.Perform({"GET", "https://127.0.0.1:" + std::to_string(server.port()) + "/", {}, ""});
  CHECK(r.error == net::TransportError::kCertificate);
  CHECK(net::IsConfigurationError(r.error));
  CHECK(net::TransportErrorName(r.error) == "certificate_error");
}

TEST_CASE("path segments are percent-escaped") {
  CHECK(net::EscapePathSegment("000.00.12.H29-241023-0001") == "000.00.12.H29-241023-0001");
  CHECK(net::EscapePathSegment("a/b c") == "a%2Fb%20c");
  CHECK(net::EscapePathSegment("hồ sơ") == "h%E1%BB%93%20s%C6%A1");
  CHECK(net::EscapePathSegment("..") == "..");
}

TEST_CASE("Retry-After: seconds or an HTTP-date") {
  CHECK(net::ParseRetryAfter("30", kNow) == std::chrono::milliseconds(30000));
  CHECK(net::ParseRetryAfter(" 5 ", kNow) == std::chrono::milliseconds(5000));
  // 1700000000 is Tue, 14 Nov 2023 22:13:20 GMT.
  CHECK(net::ParseRetryAfter("Tue, 14 Nov 2023 22:14:20 GMT", kNow) ==
        std::chrono::milliseconds(60000));
  CHECK(net::ParseRetryAfter("Tue, 14 Nov 2023 22:00:00 GMT", kNow) ==
        std::chrono::milliseconds(0));
  CHECK_FALSE(net::ParseRetryAfter("", kNow).has_value());
  CHECK_FALSE(net::ParseRetryAfter("10s", kNow).has_value());
  CHECK_FALSE(net::ParseRetryAfter("whenever", kNow).has_value());
  CHECK(net::ParseRetryAfter("999999999999999999", kNow) == std::chrono::milliseconds(86400000));
}
