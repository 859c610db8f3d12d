// The dispatcher's send threads.
#include "gateway/delivery/send_pool.hpp"

#include "core/thread_name.hpp"

namespace gw::gateway::delivery {

SendPool::SendPool(int threads) {
  for (int i = 0; i < threads; ++i)
    threads_.push_back(core::StartNamedThread("send-pool", [this] { Work(); }));
}

SendPool::~SendPool() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void SendPool::Post(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void SendPool::Work() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    auto task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace gw::gateway::delivery
