// What the benches' own HTTP servers (bench_bare_http, bench_notify_sink) share: the gateway's
// HTTP edge, served until SIGTERM or SIGINT, announcing its port the way caunoi does so that
// bench/lib.sh's wait_port finds it.
#pragma once

#include <signal.h>

#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "gateway/http/server.hpp"

namespace gw::bench {

// Blocks SIGTERM and SIGINT in this thread and in every thread made after it; call first in main.
inline sigset_t BlockStopSignals() {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  return stop;
}

// Binds, prints "caunoi: listening on http://127.0.0.1:PORT", serves until one of `stop` arrives.
// Returns main's exit code: 1 when the port cannot be bound.
inline int ServeUntilStopped(gateway::http::HttpServer& server, const sigset_t& stop) {
  auto port = server.Bind();
  if (!port.ok()) return 1;
  fmt::print("caunoi: listening on http://127.0.0.1:{}\n", *port);
  std::fflush(stdout);
  std::thread watcher([&server, &stop] {
    int sig = 0;
    sigwait(&stop, &sig);
    server.Stop();
  });
  server.Run();
  watcher.join();
  return 0;
}

}  // namespace gw::bench
