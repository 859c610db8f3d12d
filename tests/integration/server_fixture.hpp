// A real caunoi server for integration tests: its own temp dir, config and port.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/temp_dir.hpp"

namespace gw::testing {

inline constexpr const char* kAppToken = "test-app-token-0123456789";

class TestServer {
 public:
  // `extra_app` is spliced into channels.app (e.g. R"("demo_accept_bare_user_id": true,)").
  // `extra_root` is spliced into the top-level object (e.g. a "notifications" section).
  // `extra_channels` into "channels", before "app" (e.g. R"("sms": {...},)").
  explicit TestServer(const std::string& extra_app = "", const std::string& extra_root = "",
                      const std::string& extra_channels = "") {
    config_path_ = dir_.File("caunoi.json");
    WriteFile(config_path_, R"({
      "agency": {"code": "000.00.12.H29", "name": "UBND phường Thử Nghiệm", "hotline": "1900 0000",
                 "hours": "7:30–17:00", "address": "1 Đường Thử"},
      "http": {"listen": "127.0.0.1", "port": 0, "threads": 32, "max_body_bytes": 8192},
      "store": {"sqlite": {"path": ")" +
                                dir_.File("data/caunoi.db") + R"("}},
      "nlu": {"cache_dir": ")" GW_BUILD_DIR R"(/nlu-cache"},)" +
                                extra_root + R"(
      "channels": {)" + extra_channels +
                                R"("app": {)" + extra_app + R"( "tokens": [")" + kAppToken + R"("]}}
    })");
    Start();
  }

  void Start() {
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{CAUNOI_BINARY, "serve", "--config", config_path_}, log_path());
    port_ = ListeningPort(*process_);
  }
  // Sends `sig` and waits for the exit; returns the exit code (negative: killed by signal).
  int Stop(int sig) {
    process_->Signal(sig);
    return process_->Wait();
  }

  int port() const { return port_; }
  const std::string& config_path() const { return config_path_; }
  std::string log_path() const { return dir_.File("caunoi.log"); }
  std::string db_path() const { return dir_.File("data/caunoi.db"); }
  const TempDir& dir() const { return dir_; }

  std::unique_ptr<httplib::Client> Client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_connection_timeout(5);
    c->set_read_timeout(30);
    return c;
  }

  static httplib::Headers Auth() { return {{"Authorization", std::string("Bearer ") + kAppToken}}; }

 private:
  TempDir dir_;
  std::string config_path_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = -1;
};

}  // namespace gw::testing
