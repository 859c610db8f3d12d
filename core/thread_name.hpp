// Names the calling thread, so that `top -H`, `ps -L`, perf and gdb tell the store's writer,
// the dispatcher and the other long-lived threads apart from the HTTP pool.
#pragma once

#include <string_view>

namespace gw::core {

// Linux keeps at most 15 bytes of a thread's name; a longer name is cut there. Never fails.
void NameThisThread(std::string_view name);

}  // namespace gw::core
