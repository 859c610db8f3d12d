// What every GMime user in this folder needs: the library initialised once per process, and
// GObject references released by scope.
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <string>

namespace gw::channels::email {

// g_mime_init is not thread-safe and must run before any other GMime call; this runs it once.
void EnsureGMime();

struct GObjectUnref {
  void operator()(void* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
// Owns one reference to a GObject (GMimeMessage, GMimePart, GMimeStream...).
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFreeDeleter {
  void operator()(void* p) const { g_free(p); }
};
// Takes a g_malloc'ed string (NULL gives "").
std::string TakeGString(char* s);

// The content of a leaf part with its transfer encoding (base64, quoted-printable) undone.
std::string DecodedBytes(GMimePart* part);

}  // namespace gw::channels::email
