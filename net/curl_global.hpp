// libcurl's process-wide set-up, shared by every part of net/ that makes easy handles.
#pragma once

namespace gw::net::detail {

// Runs curl_global_init once per process (it is not thread-safe before libcurl 7.84). It is never
// undone: curl_global_cleanup at exit would race with threads still finishing a call.
void InitCurlOnce();

}  // namespace gw::net::detail
