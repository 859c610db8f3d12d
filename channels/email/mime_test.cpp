// Tests of composing and parsing e-mail: a round trip with Vietnamese text, the body choice in
// multiparts, HTML-only mail, windows-1258, attachments kept and dropped, malformed input.
#include <doctest/doctest.h>

#include <string>

#include "channels/email/mime_compose.hpp"
#include "channels/email/mime_parse.hpp"

namespace email = gw::channels::email;
using gw::core::ErrorCode;

namespace {

const std::string kSubject = "Thông báo: hồ sơ 000.00.12.H29-241023-0001 đã được tiếp nhận";

email::OutgoingMail Sample() {
  email::OutgoingMail m;
  m.from_address = "motcua@phuong-bennghe.gov.vn";
  m.from_name = "UBND Phường Bến Nghé";
  m.to_address = "nguyen.van.a@example.vn";
  m.subject = kSubject;
  m.text = "Kính gửi ông Nguyễn Văn A,\nHồ sơ của ông đã được tiếp nhận.\n";
  m.message_id = email::MessageIdFor("notice-42", m.from_address);
  m.in_reply_to = "CAF=abc123@mail.gmail.com";
  m.references = {"first@example.vn", "CAF=abc123@mail.gmail.com"};
  m.date = gw::core::TimePoint(std::chrono::seconds(1795400000));
  return m;
}

email::AttachmentPolicy Policy(std::size_t max_bytes = 1000) {
  email::AttachmentPolicy p;
  p.max_bytes = max_bytes;
  p.allowed_types = {"application/pdf", "image/*"};
  return p;
}

std::string HeaderLine(const std::string& raw, const std::string& name) {
  auto at = raw.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  auto end = raw.find("\r\n", at + 2);
  return raw.substr(at + 2, end - at - 2);
}

}  // namespace

TEST_CASE("Message-ID comes from the idempotency key and the sender's domain") {
  auto a = email::MessageIdFor("notice-42", "motcua@phuong.gov.vn");
  CHECK(a == email::MessageIdFor("notice-42", "motcua@phuong.gov.vn"));
  CHECK(a != email::MessageIdFor("notice-43", "motcua@phuong.gov.vn"));
  CHECK(a.size() == 32 + 1 + 13);
  CHECK(a.ends_with("@phuong.gov.vn"));
  CHECK(email::BareMessageId(" <x@y> ") == "x@y");
}

TEST_CASE("a composed mail parses back to the same fields") {
  auto m = Sample();
  m.html = "<p>Kính gửi ông <b>Nguyễn Văn A</b>,</p><p>Hồ sơ đã được tiếp nhận.</p>";
  m.attachments = {
      {"Giấy biên nhận.pdf", "application/pdf", std::string("%PDF-1.4\n\x00\xff", 11)}};
  auto raw = email::ComposeMime(m);
  REQUIRE_MESSAGE(raw.ok(), raw.error().message);

  SUBCASE("the wire form: encoded words, CRLF, threading headers") {
    CHECK(HeaderLine(*raw, "Subject").starts_with("Subject: =?UTF-8?B?"));
    CHECK(raw->find("Content-Type: text/plain; charset=utf-8") != std::string::npos);
    CHECK(raw->find("Thông") == std::string::npos);  // 7-bit on the wire
    CHECK(HeaderLine(*raw, "Message-Id") == "Message-Id: <" + m.message_id + ">");
    CHECK(HeaderLine(*raw, "In-Reply-To") == "In-Reply-To: <CAF=abc123@mail.gmail.com>");
    CHECK(HeaderLine(*raw, "References") ==
          "References: <first@example.vn> <CAF=abc123@mail.gmail.com>");
    CHECK(raw->find("multipart/mixed") != std::string::npos);
    CHECK(raw->find("multipart/alternative") != std::string::npos);
    for (std::size_t i = 0; i < raw->size(); ++i) {
      if ((*raw)[i] == '\n') REQUIRE((i > 0 && (*raw)[i - 1] == '\r'));
      REQUIRE(static_cast<unsigned char>((*raw)[i]) < 0x80);
    }
  }
  SUBCASE("parsed back") {
    auto mail = email::ParseMail(*raw, Policy());
    REQUIRE_MESSAGE(mail.ok(), mail.error().message);
    CHECK(mail->subject == kSubject);
    CHECK(mail->from_address == "motcua@phuong-bennghe.gov.vn");
    CHECK(mail->from_name == "UBND Phường Bến Nghé");
    CHECK(mail->to_address == "nguyen.van.a@example.vn");
    CHECK(mail->message_id == m.message_id);
    CHECK(mail->in_reply_to == "CAF=abc123@mail.gmail.com");
    CHECK(mail->references == m.references);
    CHECK(mail->text == "Kính gửi ông Nguyễn Văn A,\nHồ sơ của ông đã được tiếp nhận.");
    REQUIRE(mail->date.has_value());
    CHECK(*mail->date == m.date);
    REQUIRE(mail->attachments.size() == 1);
    CHECK(mail->attachments[0].filename == "Giấy biên nhận.pdf");
    CHECK(mail->attachments[0].content_type == "application/pdf");
    CHECK(mail->attachments[0].bytes == m.attachments[0].bytes);
    CHECK(mail->attachments[0].size == 11);
    CHECK(mail->dropped_attachments.empty());
    CHECK_FALSE(mail->auto_submitted);
    CHECK(mail->raw == *raw);
    CHECK(mail->DedupId() == m.message_id);
  }
}

TEST_CASE("compose refuses what cannot go in a mail") {
  auto m = Sample();
  SUBCASE("text that is not UTF-8") {
    m.text = "\xff\xfe";
  }
  SUBCASE("no Message-ID") {
    m.message_id.clear();
  }
  SUBCASE("an id with a space") {
    m.in_reply_to = "a b@c";
  }
  SUBCASE("an attachment type without subtype") {
    m.attachments = {{"a", "pdf", "x"}};
  }
  auto raw = email::ComposeMime(m);
  REQUIRE_FALSE(raw.ok());
  CHECK(raw.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("a subject newline cannot inject a header") {
  auto m = Sample();
  m.subject = "Hồ sơ\r\nBcc: victim@example.vn";
  auto raw = email::ComposeMime(m);
  REQUIRE(raw.ok());
  CHECK(raw->find("\r\nBcc:") == std::string::npos);
  auto mail = email::ParseMail(*raw, Policy());
  REQUIRE(mail.ok());
  CHECK(mail->subject == "Hồ sơ  Bcc: victim@example.vn");
}

TEST_CASE("multipart/alternative: the text/plain branch wins, HTML images are not attachments") {
  const std::string raw =
      "From: =?UTF-8?B?Tmd1eeG7hW4gVsSDbiBB?= <A@Example.VN>\r\n"
      "To: motcua@phuong.gov.vn\r\n"
      "Subject: =?UTF-8?Q?H=E1=BB=8Fi_h=E1=BB=93_s=C6=A1?=\r\n"
      "Message-ID: <m1@example.vn>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
      "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
      "T=C3=B4i mu=E1=BB=91n h=E1=BB=8Fi h=E1=BB=93 s=C6=A1.\r\n"
      "--b1\r\nContent-Type: multipart/related; boundary=\"b2\"\r\n\r\n"
      "--b2\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>HTML version</p>\r\n"
      "--b2\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b2--\r\n"
      "--b1--\r\n";
  auto mail = email::ParseMail(raw, Policy());
  REQUIRE_MESSAGE(mail.ok(), mail.error().message);
  CHECK(mail->from_name == "Nguyễn Văn A");
  CHECK(mail->from_address == "A@example.vn");  // the domain lower-cased, the local part kept
  CHECK(mail->subject == "Hỏi hồ sơ");
  CHECK(mail->text == "Tôi muốn hỏi hồ sơ.");
  CHECK(mail->attachments.empty());
  CHECK(mail->dropped_attachments.empty());
}

TEST_CASE("HTML-only mail becomes readable text") {
  const std::string raw =
      "From: a@example.vn\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/html; charset=utf-8\r\n\r\n"
      "<html><head><title>t</title><style>p{color:red}</style></head><body>"
      "<script>alert('x')</script><div>Xin ch&agrave;o,</div><p>H&#7891; s&#x01A1; "
      "&lt;s&#7889; 12&gt; &amp; gi&#7845;y t&#7901;</p><ul><li>M&#7897;t</li><li>Hai</li></ul>"
      "<div class=\"gmail_quote\">On Mon, 1 Jan 2024, Officer &lt;o@gov.vn&gt; wrote:<br>"
      "<blockquote>Please send the form.<br>Thanks</blockquote></div></body></html>\r\n";
  auto mail = email::ParseMail(raw, Policy());
  REQUIRE_MESSAGE(mail.ok(), mail.error().message);
  CHECK(mail->text == "Xin chào,\n\nHồ sơ <số 12> & giấy tờ\n\n- Một\n- Hai");
}

TEST_CASE("a windows-1258 body comes out as UTF-8, precomposed") {
  // "Việt Nam, Hồ sơ đăng ký" with windows-1258's separate tone marks (0xF2 dot below, 0xCC
  // grave), in quoted-printable.
  const std::string raw =
      "From: a@example.vn\r\nSubject: =?windows-1258?Q?H=F4=CCi?=\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=windows-1258\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
      "Vi=EA=F2t Nam, H=F4=CC s=F5 =F0=E3ng ky=EC\r\n";
  auto mail = email::ParseMail(raw, Policy());
  REQUIRE_MESSAGE(mail.ok(), mail.error().message);
  CHECK(mail->text == "Việt Nam, Hồ sơ đăng ký");
  CHECK(mail->text.find("\xCC\x80") == std::string::npos);  // no combining grave left
  CHECK(mail->subject == "Hồi");
}

TEST_CASE("undeclared 8-bit text is read as windows-1258 unless it is UTF-8") {
  auto parse = [](const std::string& body) {
    auto mail = email::ParseMail("From: a@example.vn\r\nSubject: x\r\n\r\n" + body, Policy());
    REQUIRE(mail.ok());
    return mail->text;
  };
  CHECK(parse("H\xf4\xcc s\xf5") == "Hồ sơ");
  CHECK(parse("Hồ sơ") == "Hồ sơ");
}

TEST_CASE("attachments outside the allow-list or the size limit are dropped with a reason") {
  auto m = Sample();
  m.attachments = {{"scan.jpg", "image/jpeg", std::string(40, 'j')},
                   {"big.pdf", "application/pdf", std::string(2000, 'p')},
                   {"setup.exe", "application/x-msdownload", "MZ"}};
  auto raw = email::ComposeMime(m);
  REQUIRE(raw.ok());
  auto mail = email::ParseMail(*raw, Policy(1000));
  REQUIRE(mail.ok());
  REQUIRE(mail->attachments.size() == 1);
  CHECK(mail->attachments[0].filename == "scan.jpg");
  CHECK(mail->attachments[0].size == 40);
  REQUIRE(mail->dropped_attachments.size() == 2);
  CHECK(mail->dropped_attachments[0].filename == "big.pdf");
  CHECK(mail->dropped_attachments[0].size == 2000);
  CHECK(mail->dropped_attachments[0].reason == "larger than 1000 bytes");
  CHECK(mail->dropped_attachments[1].filename == "setup.exe");
  CHECK(mail->dropped_attachments[1].content_type == "application/x-msdownload");
  CHECK(mail->dropped_attachments[1].reason == "type not allowed");
  // Intake gets them all: the kept one with its bytes, the dropped ones with why and no bytes.
  auto im = email::ToInboundMessage(*mail, "motcua@phuong.gov.vn", gw::core::TimePoint{});
  REQUIRE(im.attachments.size() == 3);
  CHECK(im.attachments[0].filename == "scan.jpg");
  CHECK(im.attachments[0].content_type == "image/jpeg");
  CHECK(im.attachments[0].bytes == std::string(40, 'j'));
  CHECK(im.attachments[0].size == 40);
  CHECK(im.attachments[0].dropped_reason.empty());
  CHECK(im.attachments[1].filename == "big.pdf");
  CHECK(im.attachments[1].bytes.empty());
  CHECK(im.attachments[1].size == 2000);
  CHECK(im.attachments[1].dropped_reason == "larger than 1000 bytes");
  CHECK(im.attachments[2].filename == "setup.exe");
  CHECK(im.attachments[2].dropped_reason == "type not allowed");
}

TEST_CASE("auto-replies are flagged") {
  auto mail = email::ParseMail(
      "From: a@example.vn\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nx",
      Policy());
  REQUIRE(mail.ok());
  CHECK(mail->auto_submitted);
}

TEST_CASE("malformed mail is an error naming the problem") {
  struct Case {
    std::string raw;
    std::string message;
  };
  const Case cases[] = {
      {"", "not a message: no header found"},
      {"just some bytes\r\n\r\nno headers here", "not a message: no header found"},
      {"Subject: no sender\r\n\r\nbody", "no sender: the From header is missing or has no address"},
      {"From: Nobody\r\nSubject: x\r\n\r\nbody",
       "no sender: the From header is missing or has no address"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.raw);
    auto mail = email::ParseMail(c.raw, Policy());
    REQUIRE_FALSE(mail.ok());
    CHECK(mail.error().code == ErrorCode::kInvalidArgument);
    CHECK(mail.error().message == c.message);
  }
}

TEST_CASE("a mail without Message-ID gets a content hash as its dedup id") {
  auto mail = email::ParseMail("From: a@example.vn\r\nSubject: x\r\n\r\nbody", Policy());
  REQUIRE(mail.ok());
  CHECK(mail->message_id.empty());
  CHECK(mail->DedupId().starts_with("sha256:"));
  CHECK(mail->DedupId().size() == 7 + 64);
  auto im = email::ToInboundMessage(*mail, "motcua@phuong.gov.vn", gw::core::TimePoint{});
  CHECK(im.channel == gw::core::ChannelKind::kEmail);
  CHECK(im.provider_message_id == mail->DedupId());
  CHECK(im.sender == "a@example.vn");
  CHECK(im.content_type == "message/rfc822");
  CHECK(im.raw_payload == mail->raw);
}
