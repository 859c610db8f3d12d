// The e-mail channel's inbound loop: polls the agency's mailbox every imap.poll_interval and
// hands each new mail to intake; the answer is queued with the turn as a reply in the same
// thread (In-Reply-To the citizen's Message-ID, "Re: <their subject>"), which the dispatcher
// sends through SMTP.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "channels/email/imap_poller.hpp"
#include "gateway/intake.hpp"
#include "locales/catalog.hpp"

namespace gw::gateway {

class MailIntake {
 public:
  // References are borrowed and must outlive the loop. `mailbox` is our address (the receiver).
  MailIntake(channels::email::ImapPoller& poller, Intake& intake, const locales::Catalog& texts,
             std::string mailbox, std::chrono::milliseconds interval, const core::Clock& clock);
  ~MailIntake();

  // One poll (tests call it directly); returns what the poller reported.
  core::Result<channels::email::PollReport> PollOnce();

  void Start();
  void Stop();

 private:
  bool Take(const channels::email::InboundMail& mail);

  channels::email::ImapPoller& poller_;
  Intake& intake_;
  const locales::Catalog& texts_;
  std::string mailbox_;
  std::chrono::milliseconds interval_;
  const core::Clock& clock_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// "Re: <subject>" unless it already is a reply; the catalog's subject when there is none.
std::string ReplySubject(std::string_view subject, const std::string& fallback);

}  // namespace gw::gateway
