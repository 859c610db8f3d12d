// GMime initialisation and small ownership helpers.
#include "channels/email/gmime_support.hpp"

#include <mutex>

namespace gw::channels::email {

void EnsureGMime() {
  static std::once_flag once;
  // Never undone: g_mime_shutdown at exit would race with threads still parsing.
  std::call_once(once, [] { g_mime_init(); });
}

std::string TakeGString(char* s) {
  std::unique_ptr<char, GFreeDeleter> owned(s);
  return s == nullptr ? std::string() : std::string(s);
}

std::string DecodedBytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, mem.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

}  // namespace gw::channels::email
