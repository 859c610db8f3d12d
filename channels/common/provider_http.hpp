// HTTP to a provider's API as the channel adapters share it: the client options taken from an
// adapter's config, and the default mapping of a net::HttpResult onto SendOutcome, which
// adapters refine with what their provider's body says.
#pragma once

#include <cstddef>

#include "core/channel.hpp"
#include "core/clock.hpp"
#include "net/http_client.hpp"

namespace gw::channels::common {

// Client options from an adapter's config (its connect_timeout, timeout and max_connections),
// keeping one idle connection per allowed parallel send.
template <typename AdapterConfig>
net::HttpClientOptions ProviderHttpOptions(const AdapterConfig& config,
                                           std::size_t max_response_bytes) {
  net::HttpClientOptions options;
  options.connect_timeout = config.connect_timeout;
  options.timeout = config.timeout;
  options.max_idle_handles = static_cast<std::size_t>(config.max_connections);
  options.max_response_bytes = max_response_bytes;
  return options;
}

// The default mapping of an HTTP exchange onto the Channel outcomes:
//   timeouts, refused or broken connections, DNS, TLS, 408, 429, 5xx -> kRetryable (with the
//     Retry-After delay when given);
//   2xx -> kAccepted;  other 4xx -> kRejected;  3xx, a bad URL -> kMalformed (config error).
// provider_code is "http <status>" or the transport error's name.
core::SendResult MapHttpOutcome(const net::HttpResult& result, core::TimePoint now);

}  // namespace gw::channels::common
