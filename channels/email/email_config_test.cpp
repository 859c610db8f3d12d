// Tests of channels.email config parsing: defaults, and the exact error texts with paths.
#include "channels/email/email_config.hpp"

#include <doctest/doctest.h>

namespace email = gw::channels::email;

namespace {

struct Parsed {
  email::EmailConfig config;
  std::vector<std::string> errors;
};

Parsed Parse(const std::string& json) {
  auto j = nlohmann::json::parse(json);
  gw::core::ConfigErrors errors;
  gw::core::ConfigNode node(&j, "channels.email", &errors);
  Parsed p{email::ParseEmailConfig(node), {}};
  node.Finish();
  p.errors = errors.lines();
  return p;
}

}  // namespace

TEST_CASE("a minimal e-mail config takes the documented defaults") {
  auto p = Parse(R"({
    "smtp":{"url":"smtp://mail.phuong.gov.vn:587","username":"motcua","password":"pw",
            "from_address":"motcua@phuong.gov.vn","from_name":"UBND Phường"},
    "imap":{"url":"imaps://mail.phuong.gov.vn/","username":"motcua","password":"pw"}})");
  REQUIRE(p.errors.empty());
  CHECK(p.config.enabled);
  REQUIRE(p.config.smtp.has_value());
  const auto& s = *p.config.smtp;
  CHECK(s.server.url == "smtp://mail.phuong.gov.vn:587");
  CHECK(s.server.require_starttls);
  CHECK(s.server.timeout == std::chrono::milliseconds(30000));
  CHECK(s.server.connect_timeout == std::chrono::milliseconds(5000));
  CHECK(s.from_name == "UBND Phường");
  REQUIRE(p.config.imap.has_value());
  const auto& i = *p.config.imap;
  CHECK(i.server.url == "imaps://mail.phuong.gov.vn");  // the trailing slash dropped
  CHECK_FALSE(i.server.require_starttls);               // imaps: TLS from the start
  CHECK(i.mailbox == "INBOX");
  CHECK(i.poll_interval == std::chrono::milliseconds(60000));
  CHECK(i.max_message_bytes == 32u << 20);
  CHECK(p.config.attachments.max_bytes == 10u << 20);
  CHECK(p.config.attachments.Allows("application/pdf"));
  CHECK_FALSE(p.config.attachments.Allows("application/zip"));
}

TEST_CASE("attachment types accept type/* wildcards") {
  auto p = Parse(R"({"smtp":{"url":"smtp://127.0.0.1:2525","starttls":"none",
      "from_address":"a@b.vn"},"attachments":{"max_bytes":100,
      "allowed_types":["Image/*","application/pdf"]}})");
  REQUIRE(p.errors.empty());
  CHECK_FALSE(p.config.smtp->server.require_starttls);
  CHECK(p.config.attachments.max_bytes == 100);
  CHECK(p.config.attachments.Allows("image/heic"));
  CHECK(p.config.attachments.Allows("application/pdf"));
  CHECK_FALSE(p.config.attachments.Allows("imagex/png"));
}

TEST_CASE("e-mail config errors name their path") {
  auto p = Parse(R"({
    "smtp":{"url":"http://mail:25","starttls":"maybe","username":"u","from_address":"not an address",
            "from_name":"a\nb","timeout":"forever","bogus":1},
    "imap":{"url":"imap://user:pw@mail:143","mailbox":"Hộp thư","poll_interval":"10ms",
            "max_message_bytes":5},
    "attachments":{"max_bytes":-1,"allowed_types":["pdf"]}})");
  const std::vector<std::string> expected = {
      "channels.email.smtp.url: expected smtp://host[:port] or smtps://host[:port]",
      "channels.email.smtp.starttls: expected one of required, none, got \"maybe\"",
      "channels.email.smtp.password: is required with username",
      "channels.email.smtp.timeout: expected a duration 100ms..300000ms (like \"30s\", \"250ms\", "
      "\"5m\"), got \"forever\"",
      "channels.email.smtp.from_address: expected an address like name@example.gov.vn, got \"not "
      "an address\"",
      "channels.email.smtp.from_name: must be one line",
      "channels.email.smtp.bogus: unknown key",
      "channels.email.imap.url: expected imap://host[:port] or imaps://host[:port] (no path, query "
      "or credentials: use username and password)",
      "channels.email.imap.username: is required",
      "channels.email.imap.password: is required",
      "channels.email.imap.mailbox: expected a mailbox name in printable ASCII without \" \\ % *",
      "channels.email.imap.poll_interval: expected a duration 1000ms..3600000ms (like \"30s\", "
      "\"250ms\", \"5m\"), got \"10ms\"",
      "channels.email.imap.max_message_bytes: expected an integer 1024..1073741824, got 5",
      "channels.email.attachments.max_bytes: expected an integer 0..1073741824, got -1",
      "channels.email.attachments.allowed_types[0]: expected \"type/subtype\" or \"type/*\", got "
      "\"pdf\"",
  };
  CHECK(p.errors == expected);
}

TEST_CASE("an enabled e-mail channel needs smtp or imap, and a bad port is named") {
  auto p = Parse(R"({"attachments":{}})");
  CHECK(p.errors ==
        std::vector<std::string>{"channels.email: configure \"smtp\", \"imap\" or both"});
  auto q = Parse(R"({"smtp":{"url":"smtps://mail:99999","from_address":"a@b.vn"}})");
  CHECK(q.errors == std::vector<std::string>{"channels.email.smtp.url: expected smtp://host[:port] "
                                             "or smtps://host[:port] (port 1..65535)"});
  auto off = Parse(R"({"enabled":false})");
  CHECK(off.errors.empty());
}
