// Config of the connectors to agencies' one-stop backends (`backends.<id>`), parsed once into
// types with defaults and bounds beside each field.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/config_reader.hpp"

namespace gw::backends {

enum class AuthKind {
  kNone,    // DEMO ONLY: allowed for a loopback URL (the built-in simulator), never elsewhere
  kBearer,  // Authorization: Bearer <token>
  kHmac,    // Standard Webhooks headers signed with a shared whsec_ secret
};

struct BackendConfig {
  std::string id;  // the key under `backends`; names the backend in logs and metrics
  std::string
      url;  // base URL without a trailing slash, e.g. https://motcua.example.gov.vn/caunoi/v1
  AuthKind auth = AuthKind::kNone;
  std::string token;     // kBearer
  std::string hmac_key;  // kHmac: the decoded key bytes of the whsec_ secret
  std::string ca_file;   // extra CA bundle for an agency's private CA; empty = system store

  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds total_timeout{10000};  // one attempt, connect to last byte

  int max_attempts = 3;  // 1 = no retries
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{5000};  // also the longest Retry-After we wait for

  int failure_threshold = 5;  // consecutive failed attempts that open the circuit
  std::chrono::milliseconds cool_down{30000};

  int max_concurrency = 16;  // calls in flight to this backend at once
  std::chrono::milliseconds concurrency_wait{
      1000};  // how long a call queues for a slot; 0 = fail fast
};

// Parses one backend object; `node.path()` is "backends.<id>". Call node.Finish() after.
BackendConfig ParseBackendConfig(core::ConfigNode& node, const std::string& id);

// Parses the `backends` object: one entry per backend id ([a-z0-9_-]+).
std::vector<BackendConfig> ParseBackendsConfig(core::ConfigNode& backends);

// An upper bound on how long one connector call may block with this config: every attempt
// waiting for a slot and running to its total timeout, plus the longest gap between attempts.
std::chrono::milliseconds MaxCallDuration(const BackendConfig& config);

}  // namespace gw::backends
