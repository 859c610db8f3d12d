// Names the calling thread, so that `top -H`, `ps -L`, perf and gdb tell the store's writer,
// the dispatcher and the other long-lived threads apart from the HTTP pool.
#pragma once

#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace gw::core {

// Linux keeps at most 15 bytes of a thread's name; a longer name is cut there. Never fails.
void NameThisThread(std::string_view name);

// A std::thread that names itself before it runs `body`: how every long-lived thread starts.
template <typename Body>
std::thread StartNamedThread(std::string name, Body body) {
  return std::thread([name = std::move(name), body = std::move(body)]() mutable {
    NameThisThread(name);
    body();
  });
}

}  // namespace gw::core
