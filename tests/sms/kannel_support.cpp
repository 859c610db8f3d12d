// Readers of fakesmsc's and bearerbox's output for the real-Kannel tests.
#include "tests/sms/kannel_support.hpp"

#include <cstdlib>
#include <sstream>

#include "net/url.hpp"
#include "tests/support/files.hpp"

namespace gw::testing::kannel {

std::vector<FakeSms> FakeSmscMessages(const std::string& path) {
  std::vector<FakeSms> out;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    auto at = line.find("Got message ");
    if (at == std::string::npos) continue;
    auto open = line.find(": <", at);
    if (open == std::string::npos || line.back() != '>') continue;
    std::string body = line.substr(open + 3, line.size() - open - 4);
    FakeSms sms;
    std::istringstream words(body);
    words >> sms.sender >> sms.receiver >> sms.type;
    std::string rest;
    std::getline(words, rest);
    if (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    if (sms.type == "text") {
      sms.data = rest;
    } else if (sms.type == "udh") {
      // "UDH data DATA"
      auto space = rest.find(' ');
      sms.udh = net::FormDecode(rest.substr(0, space)).value_or("");
      auto data = rest.find(' ', space + 1);
      sms.data = net::FormDecode(rest.substr(data + 1)).value_or("");
    } else {
      sms.data = net::FormDecode(rest).value_or("");
    }
    out.push_back(std::move(sms));
  }
  return out;
}

std::vector<int> SentCodings(const std::string& path) {
  std::vector<int> out;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("Sent SMS") == std::string::npos) continue;
    auto flags = line.find("[flags:");
    if (flags == std::string::npos) continue;
    // [flags:MCLASS:CODING:MWI:COMPRESS:DLRMASK]
    auto first = line.find(':', flags + 7);
    out.push_back(std::atoi(line.c_str() + first + 1));
  }
  return out;
}

std::string Utf8ToUtf16Be(const std::string& utf8) {
  std::string out;
  auto put = [&](unsigned u) {
    out.push_back(static_cast<char>(u >> 8));
    out.push_back(static_cast<char>(u & 0xFF));
  };
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    unsigned cp = 0;
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xD800 + (cp >> 10));
      put(0xDC00 + (cp & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

}  // namespace gw::testing::kannel
