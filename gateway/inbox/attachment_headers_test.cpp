// The download headers of citizens' files: only harmless types pass, names are encoded safely.
#include "gateway/inbox/attachment_headers.hpp"

#include <doctest/doctest.h>

using gw::gateway::inbox::ContentDisposition;
using gw::gateway::inbox::SafeContentType;

TEST_CASE("only the allow-listed types are served as themselves") {
  struct Case {
    const char* stored;
    const char* served;
  };
  const Case cases[] = {
      {"application/pdf", "application/pdf"},
      {"IMAGE/PNG", "image/png"},
      {"image/jpeg; name=x.jpg", "image/jpeg"},
      {"image/gif", "image/gif"},
      {"text/plain; charset=windows-1258", "text/plain; charset=utf-8"},
      {"text/html", "application/octet-stream"},
      {"image/svg+xml", "application/octet-stream"},
      {"application/x-msdownload", "application/octet-stream"},
      {"application/pdfx", "application/octet-stream"},
      {"", "application/octet-stream"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.stored);
    CHECK(SafeContentType(c.stored) == c.served);
  }
}

TEST_CASE("Content-Disposition: always attachment, RFC 5987 UTF-8 name, nothing unsafe") {
  CHECK(ContentDisposition("Giấy khai sinh.pdf") ==
        "attachment; filename=\"Gi___y khai sinh.pdf\"; "
        "filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh.pdf");
  CHECK(ContentDisposition("scan.jpg") ==
        "attachment; filename=\"scan.jpg\"; filename*=UTF-8''scan.jpg");
  // A header injection attempt and path tricks end as plain underscores.
  CHECK(ContentDisposition("a\"\r\nSet-Cookie: x=1/../b\\c") ==
        "attachment; filename=\"a___Set-Cookie: x=1_.._b_c\"; "
        "filename*=UTF-8''a___Set-Cookie%3A%20x%3D1_.._b_c");
  CHECK(ContentDisposition("") ==
        "attachment; filename=\"tep-dinh-kem\"; filename*=UTF-8''tep-dinh-kem");
  CHECK(ContentDisposition("..") ==
        "attachment; filename=\"tep-dinh-kem\"; filename*=UTF-8''tep-dinh-kem");
}
