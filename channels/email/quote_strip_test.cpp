// Tests of quote and signature stripping, in the styles of common mail clients in English and
// Vietnamese.
#include "channels/email/quote_strip.hpp"

#include <doctest/doctest.h>

using gw::channels::email::StripQuotedReply;

TEST_CASE("Gmail in English: lead-in wrapped over two lines, quote, signature") {
  const char* text =
      "Yes, my dossier code is 000.00.12.H29-241023-0001.\n"
      "\n"
      "-- \n"
      "Nguyen Van A\n"
      "0901234567\n";
  CHECK(StripQuotedReply(text) == "Yes, my dossier code is 000.00.12.H29-241023-0001.");
  const char* quoted =
      "Thank you.\n\nOn Mon, 23 Nov 2026 at 10:00, UBND Phuong <motcua@phuong.gov.vn>\n"
      "wrote:\n\n> Please send your dossier code.\n>\n> > older quote\n";
  CHECK(StripQuotedReply(quoted) == "Thank you.");
}

TEST_CASE("Gmail and Thunderbird in Vietnamese") {
  const char* gmail =
      "Dạ, mã hồ sơ của tôi là 000.00.12.H29-241023-0001.\n\n"
      "Vào Th 2, 23 thg 11, 2026 vào lúc 10:00 UBND Phường <motcua@phuong.gov.vn> đã viết:\n"
      "> Xin ông cho biết mã hồ sơ.\n";
  CHECK(StripQuotedReply(gmail) == "Dạ, mã hồ sơ của tôi là 000.00.12.H29-241023-0001.");
  const char* thunderbird =
      "Cảm ơn.\n\nVào 23/11/2026 10:00, UBND Phường đã viết:\n>\n> Xin ông cho biết mã hồ sơ.\n";
  CHECK(StripQuotedReply(thunderbird) == "Cảm ơn.");
}

TEST_CASE("inline answers between quotes are kept") {
  const char* text =
      "On Mon, 23 Nov 2026, Officer wrote:\n"
      "> What is your dossier code?\n"
      "000.00.12.H29-241023-0001\n"
      "> And your phone?\n"
      "0901234567\n";
  CHECK(StripQuotedReply(text) == "000.00.12.H29-241023-0001\n0901234567");
}

TEST_CASE("Outlook blocks: Original Message, From/Sent headers, underscore rule") {
  const char* original =
      "Tôi đã bổ sung giấy tờ.\n\n-----Original Message-----\nFrom: UBND\nSent: Monday\n"
      "Xin bổ sung.\n";
  CHECK(StripQuotedReply(original) == "Tôi đã bổ sung giấy tờ.");
  const char* vietnamese =
      "Đã nhận.\r\n\r\nTừ: UBND Phường <motcua@phuong.gov.vn>\r\nĐã gửi: Thứ Hai, 23/11/2026\r\n"
      "Đến: a@example.vn\r\nChủ đề: Hồ sơ\r\n\r\nNội dung cũ\r\n";
  CHECK(StripQuotedReply(vietnamese) == "Đã nhận.");
  const char* owa =
      "OK.\n\n________________________________\nFrom: UBND <motcua@phuong.gov.vn>\n"
      "Sent: Monday, November 23, 2026 10:00 AM\nTo: A\nSubject: x\n\nold text\n";
  CHECK(StripQuotedReply(owa) == "OK.");
}

TEST_CASE("what only looks like a quote is kept") {
  // "wrote:" with no quote after it, and a From: line with no Sent: near it.
  const char* text = "On Monday I wrote:\nthe form you sent.\nFrom: my village\nThanks";
  CHECK(StripQuotedReply(text) == text);
}

TEST_CASE("a mail that is only a quote is kept whole rather than emptied") {
  CHECK(StripQuotedReply("\n> forwarded question\n") == "> forwarded question");
}
