// What a citizen wrote in a reply, without what they quoted or signed: the text to understand.
#pragma once

#include <string>
#include <string_view>

namespace gw::channels::email {

// Removes, from UTF-8 text with LF line ends:
// - quoted lines ("> ...", also nested and indented), wherever they are, so inline answers
//   between quotes are kept;
// - the lead-in line before a quote, when a quote follows it: "On <date>, <name> wrote:"
//   (possibly wrapped over two lines) and "Vào <date>, <name> đã viết:";
// - an Outlook quoted block and everything after it: "-----Original Message-----",
//   "-----Thư gốc-----", or a "From:"/"Từ:" line followed within four lines by a
//   "Sent:"/"Đã gửi:"/"Date:" line (also when a line of underscores stands before it);
// - the signature: the "-- " delimiter line and everything after it.
// Leading and trailing blank lines are trimmed. When nothing would be left (a citizen who only
// forwarded a quote), the text is returned unstripped rather than empty.
std::string StripQuotedReply(std::string_view text);

}  // namespace gw::channels::email
