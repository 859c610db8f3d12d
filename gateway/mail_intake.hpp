// The e-mail channel's inbound loop: polls the agency's mailbox every imap.poll_interval and
// hands each new mail to intake; the answer is queued with the turn as a reply in the same
// thread (In-Reply-To the citizen's Message-ID, "Re: <their subject>"), which the dispatcher
// sends through SMTP. Bounces of our own mails are not citizens' messages: each becomes a receipt
// for the leg that sent the mail.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "channels/email/imap_poller.hpp"
#include "gateway/intake.hpp"
#include "locales/catalog.hpp"
#include "notifier/fallback.hpp"

namespace gw::gateway {

// Records a bounce's receipt for the e-mail leg that sent `message_id`: true when a leg did, false
// when none did, an error when it could not be recorded (the mail is then offered again).
using MailReceiptSink = std::function<core::Result<bool>(
    const std::string& message_id, notifier::ReceiptStatus receipt, const std::string& detail)>;

class MailIntake {
 public:
  // References are borrowed and must outlive the loop. `mailbox` is our address (the receiver).
  // Without `receipts`, bounces are logged and taken.
  MailIntake(channels::email::ImapPoller& poller, Intake& intake, const locales::Catalog& texts,
             std::string mailbox, std::chrono::milliseconds interval, const core::Clock& clock,
             MailReceiptSink receipts = {});
  ~MailIntake();

  // One poll (tests call it directly); returns what the poller reported.
  core::Result<channels::email::PollReport> PollOnce();

  void Start();
  void Stop();

 private:
  bool Take(const channels::email::InboundMail& mail);
  bool TakeBounce(const channels::email::MailBounce& bounce);

  channels::email::ImapPoller& poller_;
  Intake& intake_;
  const locales::Catalog& texts_;
  std::string mailbox_;
  std::chrono::milliseconds interval_;
  const core::Clock& clock_;
  MailReceiptSink receipts_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// "Re: <subject>" unless it already is a reply; the catalog's subject when there is none.
std::string ReplySubject(std::string_view subject, const std::string& fallback);

}  // namespace gw::gateway
