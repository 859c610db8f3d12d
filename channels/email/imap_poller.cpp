// One IMAP poll: cursor, EXAMINE, UID SEARCH, fetch, parse, hand over, save.
#include "channels/email/imap_poller.hpp"

#include <fmt/format.h>

#include "channels/email/imap_response.hpp"
#include "channels/email/mime_parse.hpp"
#include "core/mask.hpp"
#include "net/mail_transport.hpp"

namespace gw::channels::email {
namespace {

using net::MailError;

core::Error TransportFailure(const net::ImapResult& r, std::string_view doing) {
  if (r.error == MailError::kLoginDenied) {
    return core::MakeError(core::ErrorCode::kUnauthorized,
                           "IMAP login refused: check channels.email.imap.username/password",
                           r.detail);
  }
  return core::MakeError(core::ErrorCode::kUnavailable,
                         fmt::format("IMAP {} failed ({})", doing, net::MailErrorName(r.error)),
                         r.detail);
}

std::string HostPart(std::string_view url) {
  auto scheme = url.find("://");
  return std::string(scheme == std::string_view::npos ? url : url.substr(scheme + 3));
}

}  // namespace

ImapPoller::ImapPoller(ImapConfig config, AttachmentPolicy policy, MailCursorStore& store)
    : config_(std::move(config)),
      policy_(std::move(policy)),
      store_(store),
      key_(config_.server.username + "@" + HostPart(config_.server.url) + "/" + config_.mailbox) {}

core::Result<PollReport> ImapPoller::PollOnce(const MailHandler& on_mail,
                                              const SkippedMailHandler& on_skipped) {
  PollReport report;
  auto loaded = store_.Load(key_);
  if (!loaded.ok()) {
    log_.Error("mail cursor not loaded", {{"mailbox", key_}, {"detail", loaded.error().detail}});
    return loaded.error();
  }
  MailCursor cursor = loaded->value_or(MailCursor{});
  report.cursor = cursor;
  auto save = [&](const MailCursor& c) -> core::Status {
    auto saved = store_.Save(key_, c);
    if (!saved.ok()) {
      log_.Error("mail cursor not saved", {{"mailbox", key_}, {"detail", saved.error().detail}});
      return core::MakeError(core::ErrorCode::kUnavailable, "mail cursor not saved",
                             saved.error().detail);
    }
    report.cursor = c;
    return core::Ok{};
  };

  // A fresh connection each poll: nothing to go stale between polls, and a restarted server
  // costs nothing. The session logs in once and serves every command of this poll.
  net::ImapSession session(config_.server, config_.max_message_bytes);
  const std::string& mailbox = config_.mailbox;
  auto examined = session.Command({}, 0, fmt::format("EXAMINE \"{}\"", mailbox));
  if (examined.error != MailError::kNone) {
    auto e = TransportFailure(examined, "EXAMINE");
    log_.Warn("mailbox not polled",
              {{"mailbox", key_}, {"error", e.message}, {"detail", e.detail}});
    return e;
  }
  auto status = ParseMailboxStatus(examined.body);
  if (!status) {
    log_.Warn("mailbox not polled: no UIDVALIDITY in the EXAMINE answer", {{"mailbox", key_}});
    return core::MakeError(core::ErrorCode::kUnavailable, "IMAP EXAMINE gave no UIDVALIDITY");
  }
  if (cursor.uidvalidity != status->uidvalidity) {
    if (cursor.uidvalidity != 0) {
      log_.Warn("mailbox UIDVALIDITY changed: reading every mail again (intake drops duplicates)",
                {{"mailbox", key_},
                 {"old_uidvalidity", std::to_string(cursor.uidvalidity)},
                 {"new_uidvalidity", std::to_string(status->uidvalidity)},
                 {"old_last_uid", std::to_string(cursor.last_uid)}});
    }
    cursor = MailCursor{status->uidvalidity, 0};
    if (auto s = save(cursor); !s.ok()) return s.error();
  }
  if (status->uidnext && *status->uidnext <= cursor.last_uid + 1) return report;  // nothing new

  // "n:*" always matches the highest UID, even below n: filter below.
  auto searched = session.Command(mailbox, cursor.uidvalidity,
                                  fmt::format("UID SEARCH UID {}:*", cursor.last_uid + 1));
  if (searched.error != MailError::kNone) {
    auto e = TransportFailure(searched, "UID SEARCH");
    log_.Warn("mailbox not polled",
              {{"mailbox", key_}, {"error", e.message}, {"detail", e.detail}});
    return e;
  }
  auto uids = ParseSearch(searched.body);
  if (!uids) {
    log_.Warn("mailbox not polled: unexpected UID SEARCH answer", {{"mailbox", key_}});
    return core::MakeError(core::ErrorCode::kUnavailable, "IMAP UID SEARCH answer not understood");
  }

  for (std::uint32_t uid : *uids) {
    if (uid <= cursor.last_uid) continue;
    auto fetched = session.FetchUid(mailbox, cursor.uidvalidity, uid);
    std::optional<core::Error> skip;
    if (fetched.error == MailError::kTooLarge) {
      skip = core::MakeError(
          core::ErrorCode::kPayloadTooLarge,
          fmt::format("mail larger than {} bytes (channels.email.imap.max_message_bytes)",
                      config_.max_message_bytes));
      fetched.body.clear();
    } else if (fetched.error == MailError::kServerRefused) {
      skip = core::MakeError(core::ErrorCode::kNotFound, "mail could not be fetched (expunged?)",
                             fetched.detail);
    } else if (fetched.error != MailError::kNone) {
      auto e = TransportFailure(fetched, "UID FETCH");
      log_.Warn("mail not fetched; poll stopped", {{"mailbox", key_},
                                                   {"uid", std::to_string(uid)},
                                                   {"error", e.message},
                                                   {"detail", e.detail}});
      return e;
    }
    core::Result<InboundMail> mail =
        skip ? core::Result<InboundMail>(*skip) : ParseMail(fetched.body, policy_);
    if (!mail.ok()) {
      log_.Warn("mail skipped", {{"mailbox", key_},
                                 {"uid", std::to_string(uid)},
                                 {"bytes", std::to_string(fetched.body.size())},
                                 {"reason", mail.error().message}});
      if (on_skipped) on_skipped(uid, mail.error(), fetched.body);
      ++report.skipped;
      if (auto s = save(MailCursor{cursor.uidvalidity, uid}); !s.ok()) return s.error();
      cursor.last_uid = uid;
      continue;
    }
    bool accepted = false;
    try {
      accepted = on_mail(*mail);
    } catch (const std::exception& e) {
      log_.Error("mail handler threw; mail will be offered again",
                 {{"uid", std::to_string(uid)}, {"what", e.what()}});
    } catch (...) {
      log_.Error("mail handler threw; mail will be offered again", {{"uid", std::to_string(uid)}});
    }
    if (!accepted) {
      log_.Info("mail refused by handler; will be offered again",
                {{"mailbox", key_}, {"uid", std::to_string(uid)}});
      report.refused = true;
      return report;
    }
    ++report.accepted;
    log_.Info("mail received",
              {{"mailbox", key_},
               {"uid", std::to_string(uid)},
               {"from", core::MaskEmail(mail->from_address)},
               {"message_id", mail->message_id},
               {"bytes", std::to_string(mail->raw.size())},
               {"attachments", std::to_string(mail->attachments.size())},
               {"dropped_attachments", std::to_string(mail->dropped_attachments.size())}});
    if (auto s = save(MailCursor{cursor.uidvalidity, uid}); !s.ok()) return s.error();
    cursor.last_uid = uid;
  }
  return report;
}

}  // namespace gw::channels::email
