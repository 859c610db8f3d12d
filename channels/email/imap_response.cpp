// Parsers of the IMAP responses the poller reads.
#include "channels/email/imap_response.hpp"

#include <algorithm>
#include <charconv>

namespace gw::channels::email {
namespace {

std::optional<std::uint32_t> Number(std::string_view s) {
  std::uint32_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return n;
}

// The number after `key` up to the next ']' or space, if the line has it.
std::optional<std::uint32_t> After(std::string_view line, std::string_view key) {
  auto at = line.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(at + key.size());
  return Number(rest.substr(0, rest.find_first_of("] ")));
}

template <typename F>
void ForEachLine(std::string_view text, F&& f) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (line.ends_with("\r")) line.remove_suffix(1);
    if (!line.empty()) f(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

}  // namespace

std::optional<MailboxStatus> ParseMailboxStatus(std::string_view lines) {
  MailboxStatus s;
  bool have_validity = false;
  ForEachLine(lines, [&](std::string_view line) {
    if (auto v = After(line, "[UIDVALIDITY ")) {
      s.uidvalidity = *v;
      have_validity = *v != 0;
    }
    if (auto v = After(line, "[UIDNEXT ")) s.uidnext = *v;
    if (line.starts_with("* ") && line.ends_with(" EXISTS")) {
      if (auto v = Number(line.substr(2, line.size() - 2 - 7))) s.exists = *v;
    }
  });
  if (!have_validity) return std::nullopt;
  return s;
}

std::optional<std::vector<std::uint32_t>> ParseSearch(std::string_view lines) {
  std::vector<std::uint32_t> uids;
  bool ok = true;
  ForEachLine(lines, [&](std::string_view line) {
    if (!line.starts_with("* SEARCH")) {
      ok = false;
      return;
    }
    std::string_view rest = line.substr(8);
    while (!rest.empty()) {
      while (rest.starts_with(" ")) rest.remove_prefix(1);
      if (rest.empty()) break;
      auto sp = rest.find(' ');
      auto n = Number(rest.substr(0, sp));
      if (!n || *n == 0) {
        ok = false;
        return;
      }
      uids.push_back(*n);
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp);
    }
  });
  if (!ok) return std::nullopt;
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

}  // namespace gw::channels::email
