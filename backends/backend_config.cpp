// Parsing of backends.<id>.
#include "backends/backend_config.hpp"

#include <algorithm>

#include "backends/webhook_signature.hpp"

namespace gw::backends {
namespace {

using std::chrono::milliseconds;

bool IsLoopbackUrl(const std::string& url) {
  for (const char* prefix : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    std::string p(prefix);
    if (url.starts_with(p) &&
        (url.size() == p.size() || url[p.size()] == ':' || url[p.size()] == '/')) {
      return true;
    }
  }
  return false;
}

bool IsValidId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace

BackendConfig ParseBackendConfig(core::ConfigNode& node, const std::string& id) {
  BackendConfig c;
  c.id = id;
  auto& errors = node.errors();
  const std::string& path = node.path();

  c.url = node.String("url", "", true);
  while (c.url.ends_with('/')) c.url.pop_back();
  if (!c.url.empty() && !c.url.starts_with("https://") && !c.url.starts_with("http://")) {
    errors.Add(path + ".url", "expected an http:// or https:// URL, got \"" + c.url + "\"");
  }
  c.ca_file = node.String("ca_file", "");

  auto auth = node.Object("auth");
  std::string kind = auth.Enum("kind", "bearer", {"none", "bearer", "hmac"});
  if (kind == "bearer") {
    c.auth = AuthKind::kBearer;
    c.token = auth.String("token", "", true);
    if (!c.token.empty() && c.token.size() < 16) {
      errors.Add(path + ".auth.token", "a token must have at least 16 characters");
    }
  } else if (kind == "hmac") {
    c.auth = AuthKind::kHmac;
    std::string secret = auth.String("secret", "", true);
    auto key = ParseWebhookSecret(secret);
    if (!secret.empty() && !key) {
      errors.Add(path + ".auth.secret", "expected whsec_ followed by base64");
    } else if (key) {
      c.hmac_key = *key;
      if (c.hmac_key.size() < 16) {
        errors.Add(path + ".auth.secret", "the key must have at least 16 bytes");
      }
    }
  } else {
    c.auth = AuthKind::kNone;
    if (!c.url.empty() && !IsLoopbackUrl(c.url)) {
      errors.Add(path + ".auth.kind",
                 "\"none\" is only allowed for a loopback http URL (the demo simulator)");
    }
  }
  auth.Finish();

  auto timeouts = node.Object("timeouts");
  c.connect_timeout =
      timeouts.Duration("connect", c.connect_timeout, milliseconds(10), milliseconds(60000));
  c.total_timeout =
      timeouts.Duration("total", c.total_timeout, milliseconds(10), milliseconds(300000));
  timeouts.Finish();
  if (c.connect_timeout > c.total_timeout) {
    errors.Add(path + ".timeouts.connect", "must not exceed timeouts.total");
  }

  auto retries = node.Object("retries");
  c.max_attempts = static_cast<int>(retries.Int("max_attempts", c.max_attempts, 1, 10));
  c.initial_backoff =
      retries.Duration("initial_backoff", c.initial_backoff, milliseconds(1), milliseconds(60000));
  c.max_backoff =
      retries.Duration("max_backoff", c.max_backoff, milliseconds(1), milliseconds(300000));
  retries.Finish();
  if (c.initial_backoff > c.max_backoff) {
    errors.Add(path + ".retries.initial_backoff", "must not exceed retries.max_backoff");
  }

  auto breaker = node.Object("circuit_breaker");
  c.failure_threshold =
      static_cast<int>(breaker.Int("failure_threshold", c.failure_threshold, 1, 1000));
  c.cool_down = breaker.Duration("cool_down", c.cool_down, milliseconds(1), milliseconds(3600000));
  breaker.Finish();

  c.max_concurrency = static_cast<int>(node.Int("max_concurrency", c.max_concurrency, 1, 1024));
  c.concurrency_wait =
      node.Duration("concurrency_wait", c.concurrency_wait, milliseconds(0), milliseconds(60000));
  return c;
}

std::vector<BackendConfig> ParseBackendsConfig(core::ConfigNode& backends) {
  std::vector<BackendConfig> out;
  for (const auto& id : backends.Keys()) {
    if (id.starts_with("//")) continue;
    const std::string path = backends.path().empty() ? id : backends.path() + "." + id;
    if (!IsValidId(id)) {
      backends.errors().Add(path, "a backend id must match [a-z0-9_-]+");
      continue;
    }
    auto node = backends.Object(id);
    out.push_back(ParseBackendConfig(node, id));
    node.Finish();
  }
  return out;
}

std::chrono::milliseconds MaxCallDuration(const BackendConfig& c) {
  // A Retry-After may stretch any one gap up to max_backoff, so count every gap at that.
  return c.max_attempts * (c.concurrency_wait + c.total_timeout) +
         (c.max_attempts - 1) * c.max_backoff;
}

}  // namespace gw::backends
