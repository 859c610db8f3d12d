// Line rules behind StripQuotedReply.
#include "channels/email/quote_strip.hpp"

#include <vector>

namespace gw::channels::email {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (line.ends_with("\r")) line.remove_suffix(1);  // CRLF text too
    if (nl == std::string_view::npos) {
      if (!line.empty()) lines.push_back(line);
      break;
    }
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

bool IsQuoted(std::string_view line) {
  return Trim(line).starts_with(">");
}

bool IsLeadInEnd(std::string_view line) {
  line = Trim(line);
  return line.ends_with("wrote:") || line.ends_with("đã viết:") || line.ends_with("viết:");
}

bool IsLeadInStart(std::string_view line) {
  line = Trim(line);
  return line.starts_with("On ") || line.starts_with("Vào ") || line.starts_with("Le ") ||
         line.starts_with("Am ");
}

bool IsOriginalMessage(std::string_view line) {
  line = Trim(line);
  return (line.starts_with("-----") || line.starts_with("----- ")) &&
         (line.find("Original Message") != line.npos || line.find("Thư gốc") != line.npos ||
          line.find("Forwarded message") != line.npos ||
          line.find("Thư đã chuyển tiếp") != line.npos);
}

bool StartsWithField(std::string_view line, std::initializer_list<std::string_view> names) {
  line = Trim(line);
  for (auto n : names) {
    if (line.starts_with(n)) return true;
  }
  return false;
}

bool IsOutlookHeaderBlock(const std::vector<std::string_view>& lines, std::size_t i) {
  if (!StartsWithField(lines[i], {"From:", "Từ:", "*From:*"})) return false;
  for (std::size_t k = i + 1; k < lines.size() && k <= i + 4; ++k) {
    if (StartsWithField(lines[k], {"Sent:", "Đã gửi:", "Date:", "Ngày:", "*Sent:*"})) return true;
  }
  return false;
}

bool IsUnderscoreRule(std::string_view line) {
  line = Trim(line);
  return line.size() >= 10 && line.find_first_not_of('_') == std::string_view::npos;
}

// The index of the first line that is not blank at or after i (lines.size() if none).
std::size_t NextNonBlank(const std::vector<std::string_view>& lines, std::size_t i) {
  while (i < lines.size() && Trim(lines[i]).empty()) ++i;
  return i;
}

}  // namespace

std::string StripQuotedReply(std::string_view text) {
  auto lines = Lines(text);
  std::size_t end = lines.size();
  for (std::size_t i = 0; i < end; ++i) {
    std::string_view line = lines[i];
    if (line == "-- " || line == "--" || IsOriginalMessage(line) ||
        IsOutlookHeaderBlock(lines, i) ||
        (IsUnderscoreRule(line) && i + 1 < lines.size() &&
         IsOutlookHeaderBlock(lines, NextNonBlank(lines, i + 1)))) {
      end = i;
      break;
    }
  }
  std::vector<bool> drop(end, false);
  for (std::size_t i = 0; i < end; ++i) {
    if (IsQuoted(lines[i])) {
      drop[i] = true;
      continue;
    }
    if (!IsLeadInStart(lines[i]) && !IsLeadInEnd(lines[i])) continue;
    // A lead-in is one line ending in "wrote:", or two when the client wrapped it; it counts
    // only when a quote follows.
    std::size_t last = IsLeadInEnd(lines[i]) ? i : i + 1;
    if (last >= end || !IsLeadInEnd(lines[last]) || (last != i && !IsLeadInStart(lines[i]))) {
      continue;
    }
    std::size_t next = NextNonBlank(lines, last + 1);
    if (next < end && IsQuoted(lines[next])) {
      for (std::size_t k = i; k <= last; ++k) drop[k] = true;
    }
  }
  std::string out;
  for (std::size_t i = 0; i < end; ++i) {
    if (drop[i]) continue;
    out.append(lines[i]);
    out.push_back('\n');
  }
  // Trim blank lines at both ends; collapse the blank runs that dropping quotes leaves.
  std::string tidy;
  int blank_run = 0;
  for (auto line : Lines(out)) {
    if (Trim(line).empty()) {
      if (!tidy.empty() && ++blank_run == 1) tidy += "\n";
      continue;
    }
    blank_run = 0;
    tidy.append(line);
    tidy.push_back('\n');
  }
  while (tidy.ends_with("\n")) tidy.pop_back();
  if (tidy.empty()) {
    std::string_view whole = Trim(text);
    while (!whole.empty() && (whole.front() == '\n' || whole.back() == '\n')) {
      whole = whole.front() == '\n' ? whole.substr(1) : whole.substr(0, whole.size() - 1);
    }
    return std::string(whole);
  }
  return tidy;
}

}  // namespace gw::channels::email
