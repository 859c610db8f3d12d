// Helpers of the real-Kannel tests: readers of what fakesmsc and bearerbox write, and the UTF-16
// that fakesmsc takes. Kannel itself is a gw::testing::ScriptedServer (scripts/servers/kannel.sh).
#pragma once

#include <string>
#include <vector>

namespace gw::testing::kannel {

// One SMS part as fakesmsc printed it: "Got message N: <SENDER RECEIVER TYPE ...>".
struct FakeSms {
  std::string sender;
  std::string receiver;
  std::string type;  // "text", "ucs-2", "data" or "udh"
  std::string udh;   // decoded bytes, for type "udh"
  std::string data;  // decoded bytes ("text": as printed)
};
std::vector<FakeSms> FakeSmscMessages(const std::string& fakesmsc_out_path);

// The data coding (0 7-bit, 1 8-bit, 2 UCS-2) of each "Sent SMS" in bearerbox's access log.
std::vector<int> SentCodings(const std::string& access_log_path);

// UTF-16BE bytes of UTF-8 text (what fakesmsc's "ucs2" MO type takes, %-encoded).
std::string Utf8ToUtf16Be(const std::string& utf8);

}  // namespace gw::testing::kannel
