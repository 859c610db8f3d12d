// A fixed set of threads that run the dispatcher's blocking sends: the loop posts each send and
// goes on, so a slow provider holds one thread, never the loop or the other sends.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gw::gateway::delivery {

class SendPool {
 public:
  explicit SendPool(int threads);
  // Lets the running tasks finish; tasks still queued are dropped (the dispatcher waits for its
  // sends before it lets the pool go).
  ~SendPool();
  SendPool(const SendPool&) = delete;
  SendPool& operator=(const SendPool&) = delete;

  // Runs `task` on the next free thread. `task` must not throw.
  void Post(std::function<void()> task);

 private:
  void Work();

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gw::gateway::delivery
