// Reading the IMAP untagged responses the poller needs (EXAMINE, UID SEARCH) as libcurl hands
// them over: one "* ..." line per response, CRLF ends.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace gw::channels::email {

struct MailboxStatus {
  std::uint32_t uidvalidity = 0;
  std::optional<std::uint32_t> uidnext;
  std::optional<std::uint32_t> exists;
};

// From the lines of `EXAMINE`/`SELECT`: "* OK [UIDVALIDITY n]", "* OK [UIDNEXT n]",
// "* n EXISTS". nullopt when no UIDVALIDITY was given (RFC 3501 makes it mandatory).
std::optional<MailboxStatus> ParseMailboxStatus(std::string_view lines);

// The numbers of "* SEARCH 3 5 9" lines, ascending and without duplicates; nullopt when a line
// of the answer is not a SEARCH line or a number is not a valid UID.
std::optional<std::vector<std::uint32_t>> ParseSearch(std::string_view lines);

}  // namespace gw::channels::email
