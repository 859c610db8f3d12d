// A fixed set of threads that run one batch of blocking sends at a time: the dispatcher hands
// it a batch and waits for all of it, so a slow provider holds one thread, not the loop.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gw::gateway::delivery {

class SendPool {
 public:
  explicit SendPool(int threads);
  ~SendPool();
  SendPool(const SendPool&) = delete;
  SendPool& operator=(const SendPool&) = delete;

  // Runs fn(i) for every i in [0, n), spread over the threads (the caller's included), and
  // returns when all have returned. One caller at a time. `fn` must not throw.
  void ForEach(std::size_t n, const std::function<void(std::size_t)>& fn);

 private:
  void Work();
  // Takes and runs items of the current batch until none is left.
  void Drain(std::unique_lock<std::mutex>& lock);

  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(std::size_t)>* fn_ = nullptr;
  std::size_t next_ = 0;
  std::size_t size_ = 0;
  std::size_t finished_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gw::gateway::delivery
