// Mail in, answers queued.
#include "gateway/mail_intake.hpp"

#include "core/log.hpp"
#include "core/thread_name.hpp"
#include "dialogs/render.hpp"

namespace gw::gateway {
namespace {

const core::Logger kLog("gateway.mail");

bool StartsWithReply(std::string_view s) {
  // "Re:", "RE:", "re:", and the Vietnamese clients' "TL:" (trả lời).
  for (std::string_view prefix : {"re:", "tl:"}) {
    if (s.size() < prefix.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      same &= static_cast<char>(std::tolower(static_cast<unsigned char>(s[i]))) == prefix[i];
    }
    if (same) return true;
  }
  return false;
}

}  // namespace

std::string ReplySubject(std::string_view subject, const std::string& fallback) {
  while (!subject.empty() && subject.front() == ' ') subject.remove_prefix(1);
  if (subject.empty()) return fallback;
  if (StartsWithReply(subject)) return std::string(subject);
  return "Re: " + std::string(subject);
}

MailIntake::MailIntake(channels::email::ImapPoller& poller, Intake& intake,
                       const locales::Catalog& texts, std::string mailbox,
                       std::chrono::milliseconds interval, const core::Clock& clock,
                       MailReceiptSink receipts)
    : poller_(poller),
      intake_(intake),
      texts_(texts),
      mailbox_(std::move(mailbox)),
      interval_(interval),
      clock_(clock),
      receipts_(std::move(receipts)) {}

MailIntake::~MailIntake() {
  Stop();
}

bool MailIntake::TakeBounce(const channels::email::MailBounce& bounce) {
  // Logged by status only: the diagnostic quotes the citizen's address.
  if (!bounce.failed() && !bounce.arrived()) {
    kLog.Info("mail delayed; the server is still trying",
              {{"status", bounce.status}});  // not final: no receipt
    return true;
  }
  if (!receipts_) {
    kLog.Warn("bounce not recorded: no delivery store", {{"status", bounce.status}});
    return true;
  }
  const auto receipt =
      bounce.failed() ? notifier::ReceiptStatus::kFailed : notifier::ReceiptStatus::kDelivered;
  std::string detail = bounce.status;
  if (!bounce.diagnostic.empty()) detail += (detail.empty() ? "" : " ") + bounce.diagnostic;
  auto recorded = receipts_(bounce.original_message_id, receipt, detail);
  if (!recorded.ok()) {
    kLog.Warn("bounce not recorded; offered again at the next poll",
              {{"status", bounce.status}, {"error", recorded.error().message}});
    return false;
  }
  kLog.Info(*recorded ? "bounce recorded" : "bounce of a mail not sent by a delivery",
            {{"action", bounce.action}, {"status", bounce.status}});
  return true;
}

bool MailIntake::Take(const channels::email::InboundMail& mail) {
  if (mail.bounce) return TakeBounce(*mail.bounce);
  if (mail.auto_submitted) {
    // An out-of-office or list mail: answering it could start a mail loop. Taken (so the poll
    // goes on) but not answered.
    kLog.Info("automatic mail not answered", {{"message_id", mail.message_id}});
    return true;
  }
  auto render = [&](const std::vector<core::Reply>& replies) {
    return dialogs::RenderEmail(replies, texts_).text;
  };
  auto queue = [&](const core::InboundMessage& in, const std::vector<core::Reply>& replies) {
    auto rendered = dialogs::RenderEmail(replies, texts_);
    core::OutboundMessage out;
    out.to = {core::ChannelKind::kEmail, in.sender};
    out.subject = ReplySubject(mail.subject, rendered.subject);
    out.text = rendered.text;
    out.in_reply_to = mail.message_id;
    for (const auto& r : replies) {
      if (r.rejection && !out.rejection) out.rejection = r.rejection;
    }
    return out;
  };
  auto turn = intake_.Handle(channels::email::ToInboundMessage(mail, mailbox_, clock_.Now()),
                             render, "message/rfc822", queue);
  if (!turn.ok()) {
    kLog.Warn("mail not taken; offered again at the next poll",
              {{"message_id", mail.message_id}, {"error", turn.error().message}});
    return false;
  }
  if (!mail.dropped_attachments.empty()) {
    kLog.Info("attachments dropped", {{"message_id", mail.message_id},
                                      {"count", std::to_string(mail.dropped_attachments.size())},
                                      {"reason", mail.dropped_attachments.front().reason}});
  }
  return true;
}

core::Result<channels::email::PollReport> MailIntake::PollOnce() {
  return poller_.PollOnce(
      [this](const channels::email::InboundMail& m) { return Take(m); },
      [](std::uint32_t uid, const core::Error& why, std::string_view) {
        kLog.Warn("mail skipped", {{"uid", std::to_string(uid)}, {"reason", why.message}});
      });
}

void MailIntake::Start() {
  thread_ = core::StartNamedThread("mail-intake", [this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      auto report = PollOnce();
      if (!report.ok()) {
        kLog.Warn("mailbox poll failed", {{"error", report.error().message}});
      }
      lock.lock();
      cv_.wait_for(lock, interval_, [this] { return stop_; });
    }
  });
}

void MailIntake::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace gw::gateway
