// Parsing of store.*.
#include "gateway/store/store_config.hpp"

namespace gw::gateway::store {

StoreConfig ParseStoreConfig(core::ConfigNode& node) {
  using namespace std::chrono_literals;
  StoreConfig c;
  c.driver = node.Enum("driver", "sqlite", {"sqlite"});
  auto s = node.Object("sqlite");
  c.sqlite.path = s.String("path", c.sqlite.path);
  if (c.sqlite.path.empty()) s.errors().Add(s.path() + ".path", "must not be empty");
  c.sqlite.max_batch = static_cast<std::size_t>(s.Int("max_batch", 512, 1, 100000));
  c.sqlite.busy_timeout = s.Duration("busy_timeout", 5000ms, 0ms, 600000ms);
  c.sqlite.readers = static_cast<int>(s.Int("readers", 4, 1, 64));
  c.sqlite.checkpoint_pages =
      static_cast<int>(s.Int("checkpoint_pages", c.sqlite.checkpoint_pages, 50, 1000000));
  c.sqlite.writer_nice = static_cast<int>(s.Int("writer_nice", c.sqlite.writer_nice, -20, 0));
  c.sqlite.auto_migrate = s.Bool("auto_migrate", true);
  s.Finish();
  return c;
}

}  // namespace gw::gateway::store
