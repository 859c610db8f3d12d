// Tests of the IMAP response readers.
#include "channels/email/imap_response.hpp"

#include <doctest/doctest.h>

namespace email = gw::channels::email;

TEST_CASE("EXAMINE answers give UIDVALIDITY, UIDNEXT and EXISTS") {
  auto s = email::ParseMailboxStatus(
      "* FLAGS (\\Answered \\Seen)\r\n* 2 EXISTS\r\n* 0 RECENT\r\n"
      "* OK [UIDVALIDITY 1795407558] UIDs valid\r\n* OK [UIDNEXT 3] Predicted next UID\r\n");
  REQUIRE(s.has_value());
  CHECK(s->uidvalidity == 1795407558u);
  CHECK(s->uidnext == 3u);
  CHECK(s->exists == 2u);
  CHECK_FALSE(email::ParseMailboxStatus("* 2 EXISTS\r\n").has_value());
  CHECK_FALSE(email::ParseMailboxStatus("* OK [UIDVALIDITY x]\r\n").has_value());
}

TEST_CASE("UID SEARCH answers") {
  CHECK(email::ParseSearch("* SEARCH 9 3 5\r\n") == std::vector<std::uint32_t>{3, 5, 9});
  CHECK(email::ParseSearch("* SEARCH\r\n") == std::vector<std::uint32_t>{});
  CHECK(email::ParseSearch("") == std::vector<std::uint32_t>{});
  CHECK(email::ParseSearch("* SEARCH 4\r\n* SEARCH 4 7\r\n") == std::vector<std::uint32_t>{4, 7});
  CHECK_FALSE(email::ParseSearch("* SEARCH 1 x\r\n").has_value());
  CHECK_FALSE(email::ParseSearch("* SEARCH 0\r\n").has_value());
  CHECK_FALSE(email::ParseSearch("* BYE\r\n").has_value());
}
