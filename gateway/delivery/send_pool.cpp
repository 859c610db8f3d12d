// The dispatcher's send threads.
#include "gateway/delivery/send_pool.hpp"

namespace gw::gateway::delivery {

SendPool::SendPool(int threads) {
  for (int i = 1; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

SendPool::~SendPool() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void SendPool::Drain(std::unique_lock<std::mutex>& lock) {
  while (fn_ != nullptr && next_ < size_) {
    const std::size_t i = next_++;
    const auto* fn = fn_;
    lock.unlock();
    (*fn)(i);
    lock.lock();
    if (++finished_ == size_) done_.notify_all();
  }
}

void SendPool::Work() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || (fn_ != nullptr && next_ < size_); });
    if (stop_) return;
    Drain(lock);
  }
}

void SendPool::ForEach(std::size_t n, const std::function<void(std::size_t)>& fn) {
  if (n == 0) return;
  std::unique_lock lock(mu_);
  fn_ = &fn;
  next_ = 0;
  size_ = n;
  finished_ = 0;
  wake_.notify_all();
  Drain(lock);
  done_.wait(lock, [this] { return finished_ == size_; });
  fn_ = nullptr;
}

}  // namespace gw::gateway::delivery
