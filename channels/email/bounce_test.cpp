// Tests of reading delivery status notifications: a bounce with the returned mail, one with only
// its headers (folded fields, several recipients), a delay, and reports that are not bounces.
#include <doctest/doctest.h>

#include <string>

#include "channels/email/mime_compose.hpp"
#include "channels/email/mime_parse.hpp"

namespace email = gw::channels::email;

namespace {

const std::string kOurId = email::MessageIdFor("cn-42-email-0", "motcua@phuong-bennghe.gov.vn");

email::AttachmentPolicy Policy() {
  email::AttachmentPolicy p;
  p.max_bytes = 100000;
  p.allowed_types = {"application/pdf"};
  return p;
}

// The mail we sent, as a mail server returns it.
std::string OurMail() {
  email::OutgoingMail m;
  m.from_address = "motcua@phuong-bennghe.gov.vn";
  m.to_address = "khong.ton.tai@example.vn";
  m.subject = "Thông báo: hồ sơ đã có kết quả";
  m.text = "Kính gửi ông/bà,\nHồ sơ đã có kết quả.\n";
  m.message_id = kOurId;
  m.date = gw::core::TimePoint(std::chrono::seconds(1795400000));
  return email::ComposeMime(m).value();
}

std::string Report(const std::string& report_type, const std::string& status_fields,
                   const std::string& returned_type, const std::string& returned) {
  return "From: Mail Delivery System <MAILER-DAEMON@mx.example.vn>\r\n"
         "To: motcua@phuong-bennghe.gov.vn\r\n"
         "Subject: Undelivered Mail Returned to Sender\r\n"
         "Auto-Submitted: auto-replied\r\n"
         "Message-ID: <20261123.bounce.1@mx.example.vn>\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/report; report-type=" +
         report_type +
         "; boundary=\"b1\"\r\n"
         "\r\n"
         "--b1\r\n"
         "Content-Type: text/plain; charset=us-ascii\r\n"
         "\r\n"
         "This is the mail system at host mx.example.vn.\r\n"
         "I'm sorry to have to inform you that your message could not be delivered.\r\n"
         "\r\n"
         "--b1\r\n"
         "Content-Type: message/delivery-status\r\n"
         "\r\n" +
         status_fields +
         "\r\n"
         "--b1\r\n"
         "Content-Type: " +
         returned_type + "\r\n\r\n" + returned + "\r\n--b1--\r\n";
}

const std::string kFailed =
    "Reporting-MTA: dns; mx.example.vn\r\n"
    "Arrival-Date: Mon, 23 Nov 2026 11:40:02 +0700\r\n"
    "\r\n"
    "Final-Recipient: rfc822; khong.ton.tai@example.vn\r\n"
    "Original-Recipient: rfc822;khong.ton.tai@example.vn\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <khong.ton.tai@example.vn>: Recipient address\r\n"
    "    rejected: User unknown in virtual mailbox table\r\n";

}  // namespace

TEST_CASE("a bounce with the returned mail names our Message-ID and why it failed") {
  auto mail =
      email::ParseMail(Report("delivery-status", kFailed, "message/rfc822", OurMail()), Policy());
  REQUIRE(mail.ok());
  REQUIRE(mail->bounce.has_value());
  CHECK(mail->bounce->original_message_id == kOurId);
  CHECK(mail->bounce->failed());
  CHECK_FALSE(mail->bounce->arrived());
  CHECK(mail->bounce->status == "5.1.1");
  CHECK(mail->bounce->recipient == "khong.ton.tai@example.vn");
  // The folded line is one field.
  CHECK(mail->bounce->diagnostic ==
        "smtp; 550 5.1.1 <khong.ton.tai@example.vn>: Recipient address rejected: User unknown in "
        "virtual mailbox table");
  CHECK(mail->auto_submitted);
}

TEST_CASE("returned headers only, several recipients: the failed one is reported") {
  const std::string fields =
      "Reporting-MTA: dns; mx.example.vn\r\n"
      "\r\n"
      "Final-Recipient: rfc822; an@example.vn\r\n"
      "Action: delivered\r\n"
      "Status: 2.0.0\r\n"
      "\r\n"
      "Final-Recipient: RFC822; binh@example.vn\r\n"
      "Action: Failed\r\n"
      "Status: 5.2.2\r\n"
      "Diagnostic-Code: smtp; 552 mailbox full\r\n";
  const std::string headers =
      "From: motcua@phuong-bennghe.gov.vn\r\n"
      "To: binh@example.vn\r\n"
      "Subject: =?UTF-8?B?VGjDtG5nIGLDoW8=?=\r\n"
      "Message-ID:\r\n <" +
      kOurId + ">\r\n";
  auto mail =
      email::ParseMail(Report("delivery-status", fields, "text/rfc822-headers", headers), Policy());
  REQUIRE(mail.ok());
  REQUIRE(mail->bounce.has_value());
  CHECK(mail->bounce->original_message_id == kOurId);
  CHECK(mail->bounce->action == "failed");
  CHECK(mail->bounce->recipient == "binh@example.vn");
  CHECK(mail->bounce->status == "5.2.2");
}

TEST_CASE("a delay is reported but neither failed nor arrived") {
  const std::string fields =
      "Reporting-MTA: dns; mx.example.vn\r\n"
      "\r\n"
      "Final-Recipient: rfc822; an@example.vn\r\n"
      "Action: delayed\r\n"
      "Status: 4.4.1\r\n"
      "Will-Retry-Until: Wed, 25 Nov 2026 11:40:02 +0700\r\n";
  auto mail =
      email::ParseMail(Report("delivery-status", fields, "message/rfc822", OurMail()), Policy());
  REQUIRE(mail.ok());
  REQUIRE(mail->bounce.has_value());
  CHECK(mail->bounce->action == "delayed");
  CHECK_FALSE(mail->bounce->failed());
  CHECK_FALSE(mail->bounce->arrived());
}

TEST_CASE("reports that are not bounces about our mail are ordinary mail") {
  SUBCASE("a read receipt (report-type=disposition-notification)") {
    auto mail = email::ParseMail(
        Report("disposition-notification", kFailed, "message/rfc822", OurMail()), Policy());
    REQUIRE(mail.ok());
    CHECK_FALSE(mail->bounce.has_value());
  }
  SUBCASE("a bounce that does not return the mail or its headers cannot be matched") {
    auto mail = email::ParseMail(
        Report("delivery-status", kFailed, "text/plain", "the original is not included"), Policy());
    REQUIRE(mail.ok());
    CHECK_FALSE(mail->bounce.has_value());
  }
  SUBCASE("a citizen's plain mail") {
    auto mail = email::ParseMail(
        "From: an@example.vn\r\nTo: motcua@phuong-bennghe.gov.vn\r\nSubject: hoi\r\n\r\nxin "
        "chao\r\n",
        Policy());
    REQUIRE(mail.ok());
    CHECK_FALSE(mail->bounce.has_value());
  }
}
