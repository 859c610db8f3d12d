// The e-mail adapter, inbound: polls one IMAP mailbox (IDLE is not available through libcurl)
// and hands each new mail, parsed, to a handler, exactly in UID order.
//
// Cursor semantics (MailCursor {uidvalidity, last_uid}, kept in a MailCursorStore):
// - A mail is read when its UID is above last_uid; after the handler accepts it the cursor
//   moves to its UID and is saved before the next mail is read. A refusal stops the poll: that
//   mail is offered again at the next poll. A crash between acceptance and save re-offers one
//   mail, which intake drops as a duplicate by its Message-ID (InboundMail::DedupId).
// - The first poll of a mailbox with no saved cursor reads every mail in it.
// - UIDVALIDITY changed (the mailbox was recreated or restored; the old UIDs mean nothing):
//   the cursor restarts at UID 0 under the new UIDVALIDITY and every mail is read again, with
//   a warning. Re-reading is the safe choice: skipping to UIDNEXT could lose mail that arrived
//   around the change, and the mails already handled are duplicates that intake drops by
//   Message-ID. Every fetch names the UIDVALIDITY it expects, so a change in the middle of a
//   poll stops it (error) instead of reading wrong mail.
// - A mail that cannot be parsed (ParseMail error: not MIME, no From) or is larger than
//   imap.max_message_bytes is skipped with a warning and reported to the `on_skipped` handler
//   (for the data-message log); the cursor moves past it, so it cannot block the mailbox.
// - Fetching marks mails \Seen (libcurl fetches BODY[]); the cursor, not the flag, decides
//   what is new, so a person reading the mailbox in a mail client changes nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "channels/email/email_config.hpp"
#include "channels/email/inbound_mail.hpp"
#include "channels/email/mail_cursor.hpp"
#include "core/log.hpp"
#include "core/result.hpp"

namespace gw::channels::email {

// Returns true when the mail was accepted (durably taken over: intake committed it), false to
// have it offered again at the next poll. Should not throw (a throw counts as false).
using MailHandler = std::function<bool(const InboundMail& mail)>;
// A mail skipped for good: its UID, why (kInvalidArgument: unparsable; kPayloadTooLarge), and
// the raw bytes as far as they were fetched (empty when too large).
using SkippedMailHandler =
    std::function<void(std::uint32_t uid, const core::Error& why, std::string_view raw)>;

struct PollReport {
  std::size_t accepted = 0;
  std::size_t skipped = 0;
  bool refused = false;  // the handler refused a mail; the poll stopped there
  MailCursor cursor;     // as saved at the end of the poll
};

// One poller per mailbox, used from one thread (the gateway's poll loop calls PollOnce every
// imap.poll_interval). The store is borrowed and must outlive the poller.
class ImapPoller {
 public:
  ImapPoller(ImapConfig config, AttachmentPolicy policy, MailCursorStore& store);

  // One poll: log in, EXAMINE the mailbox, read UIDVALIDITY, UID SEARCH above the cursor, fetch
  // and hand over each mail in UID order. Blocks for the whole exchange (each IMAP command up to
  // imap.timeout). Errors: kUnauthorized (login refused), kUnavailable (server unreachable,
  // timeout, UIDVALIDITY changed mid-poll, cursor not saved, unexpected answer); the cursor is
  // then where the last accepted mail left it.
  core::Result<PollReport> PollOnce(const MailHandler& on_mail,
                                    const SkippedMailHandler& on_skipped = {});

  // The store key of this mailbox: "user@host:port/MAILBOX".
  const std::string& key() const { return key_; }

 private:
  ImapConfig config_;
  AttachmentPolicy policy_;
  MailCursorStore& store_;
  std::string key_;
  core::Logger log_{"channels.email.imap"};
};

}  // namespace gw::channels::email
