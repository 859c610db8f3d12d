// HTTP edge: cpp-httplib settings, routing wrapper, JSON errors.
#include "gateway/http/server.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <exception>

#include "core/log.hpp"
#include "gateway/http/errors.hpp"

namespace gw::gateway::http {
namespace {

const core::Logger kLog("gateway.http");

constexpr const char* kAllMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

std::string Join(const std::set<std::string>& s) {
  std::string out;
  for (const auto& m : s) {
    if (!out.empty()) out += ", ";
    out += m;
  }
  return out;
}

}  // namespace

HttpServer::HttpServer(const HttpConfig& config, Metrics& metrics)
    : config_(config), metrics_(metrics) {
  // Debian's 0.11 defaults: no TCP_NODELAY (each response then waits for the peer's delayed ACK,
  // ~40 ms), 5 requests per keep-alive connection, 8 threads. Set all three here.
  server_.set_tcp_nodelay(true);
  server_.set_keep_alive_max_count(static_cast<std::size_t>(config.keep_alive_max_requests));
  server_.set_keep_alive_timeout(
      std::chrono::duration_cast<std::chrono::seconds>(config.keep_alive_timeout).count());
  server_.set_read_timeout(
      std::chrono::duration_cast<std::chrono::seconds>(config.read_timeout).count(), 0);
  server_.set_write_timeout(
      std::chrono::duration_cast<std::chrono::seconds>(config.write_timeout).count(), 0);
  server_.set_payload_max_length(config.max_body_bytes);
  const int threads = config.threads;
  server_.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  // The listen backlog of 5 is compiled into the library. The socket-options hook runs on the
  // listening socket before bind(), so keep its fd (and the SO_REUSEADDR the default hook sets);
  // after bind_to_port() a second listen() on it raises the backlog, which Linux allows.
  server_.set_socket_options([this](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;
  });
  InstallErrorHandling();
}

void HttpServer::InstallErrorHandling() {
  server_.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        kLog.Error("handler threw", {{"path", req.path}, {"error", what}});
        res.status = 500;
        res.set_content(ErrorBody("internal", "internal error"), "application/json");
      });
  server_.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        // Only fill in bodies the handlers left empty (cpp-httplib's own 400/404/413/414...).
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string code = "error";
        std::string message = "HTTP error " + std::to_string(res.status);
        switch (res.status) {
          case 400:
            code = "invalid_argument";
            message = "malformed HTTP request";
            break;
          case 404:
            code = "not_found";
            message = "no route for " + req.method + " " + req.path;
            break;
          case 413:
            code = "payload_too_large";
            message = "request body too large";
            break;
          case 414:
            code = "uri_too_long";
            message = "request URI too long";
            break;
          case 416:
            code = "range_not_satisfiable";
            break;
          default:
            break;
        }
        res.set_content(ErrorBody(code, message), "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }));
}

void HttpServer::Route(const std::string& method, const std::string& pattern,
                       const std::string& route, Handler handler) {
  if (!methods_by_pattern_.contains(pattern)) pattern_order_.push_back(pattern);
  methods_by_pattern_[pattern].insert(method);
  auto wrapped = [this, route, method, handler = std::move(handler)](const httplib::Request& req,
                                                                     httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    metrics_.http_in_flight().Increment();
    try {
      handler(req, res);
    } catch (const std::exception& e) {
      kLog.Error("handler threw", {{"route", route}, {"error", e.what()}});
      res.status = 500;
      res.set_content(ErrorBody("internal", "internal error"), "application/json");
    } catch (...) {
      kLog.Error("handler threw a non-exception", {{"route", route}});
      res.status = 500;
      res.set_content(ErrorBody("internal", "internal error"), "application/json");
    }
    // cpp-httplib fills in 200 only after the handler returns; count what will be sent.
    if (res.status == -1) res.status = 200;
    metrics_.http_in_flight().Decrement();
    metrics_.ObserveRequest(
        route, method, res.status,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  if (method == "GET") {
    server_.Get(pattern, wrapped);
  } else if (method == "POST") {
    server_.Post(pattern, wrapped);
  } else if (method == "PUT") {
    server_.Put(pattern, wrapped);
  } else if (method == "PATCH") {
    server_.Patch(pattern, wrapped);
  } else if (method == "DELETE") {
    server_.Delete(pattern, wrapped);
  } else if (method == "OPTIONS") {
    server_.Options(pattern, wrapped);
  }
}

void HttpServer::InstallMethodNotAllowed() {
  // A known path asked with another method is 405 with Allow, not cpp-httplib's 404.
  for (const auto& pattern : pattern_order_) {
    const auto& allowed = methods_by_pattern_[pattern];
    std::set<std::string> allow = allowed;
    if (allow.contains("GET")) allow.insert("HEAD");
    const std::string allow_header = Join(allow);
    for (const char* m : kAllMethods) {
      if (allowed.contains(m)) continue;
      Handler h = [allow_header](const httplib::Request& req, httplib::Response& res) {
        res.status = 405;
        res.set_header("Allow", allow_header);
        res.set_content(ErrorBody("method_not_allowed",
                                  req.method + " is not allowed here; allowed: " + allow_header),
                        "application/json");
      };
      std::string method(m);
      if (method == "GET") server_.Get(pattern, h);
      if (method == "POST") server_.Post(pattern, h);
      if (method == "PUT") server_.Put(pattern, h);
      if (method == "PATCH") server_.Patch(pattern, h);
      if (method == "DELETE") server_.Delete(pattern, h);
      if (method == "OPTIONS") server_.Options(pattern, h);
    }
  }
}

core::Result<int> HttpServer::Bind() {
  InstallMethodNotAllowed();
  int port = 0;
  if (config_.port == 0) {
    port = server_.bind_to_any_port(config_.listen);
  } else {
    port = server_.bind_to_port(config_.listen, config_.port) ? config_.port : -1;
  }
  if (port <= 0) {
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot listen on " + config_.listen +
                                                              ":" + std::to_string(config_.port));
  }
  int fd = listen_fd_.load();
  if (fd >= 0 && ::listen(fd, config_.listen_backlog) != 0) {
    kLog.Warn("could not raise the listen backlog",
              {{"backlog", std::to_string(config_.listen_backlog)}});
  }
  return port;
}

void HttpServer::Run() {
  server_.listen_after_bind();
}

void HttpServer::Stop() {
  server_.stop();
}

}  // namespace gw::gateway::http
