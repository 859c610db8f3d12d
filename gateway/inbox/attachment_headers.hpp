// How the inbox serves a citizen's file: the headers that let an officer download it without the
// browser ever rendering it as part of the inbox (a citizen's file is untrusted content).
#pragma once

#include <string>
#include <string_view>

namespace gw::gateway::inbox {

// `stored` if it is one of the types a browser shows harmlessly (application/pdf, image/png,
// image/jpeg, image/gif, text/plain; parameters and case ignored), else application/octet-stream.
// text/plain is served with charset=utf-8 so no browser guesses another charset.
std::string SafeContentType(std::string_view stored);

// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 with
// RFC 5987's extended value, so Vietnamese names survive). Path separators, quotes and control
// characters never reach the header; an empty name becomes "tep-dinh-kem".
std::string ContentDisposition(std::string_view filename);

}  // namespace gw::gateway::inbox
