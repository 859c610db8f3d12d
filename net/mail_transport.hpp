// SMTP submission and IMAP commands over libcurl for the e-mail channel: the only place that
// speaks those protocols. Knows nothing of MIME (channels/email builds and parses messages).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gw::net {

// Where a mail server is and how to talk to it.
struct MailServer {
  std::string url;  // smtp://, smtps://, imap:// or imaps:// with host and port, no path
  // With smtp:// and imap://: upgrade with STARTTLS and refuse to go on without it. The implicit
  // TLS schemes (smtps://, imaps://) are encrypted from the start whatever this says.
  bool require_starttls = true;
  std::string username;  // empty: no AUTH / no LOGIN (SMTP only; IMAP always logs in)
  std::string password;
  std::string ca_file;  // PEM bundle to verify the server with; empty: the system's
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{30000};  // the whole exchange of one call
};

// Why a mail exchange did not complete.
enum class MailError {
  kNone,
  kConnect,         // refused, unreachable
  kTimeout,         // connect or whole-call deadline passed
  kResolve,         // DNS
  kNetwork,         // reset, closed mid-way
  kTls,             // handshake or certificate
  kNoStartTls,      // STARTTLS required but the server does not offer it
  kLoginDenied,     // SMTP 535 / IMAP LOGIN NO: credentials
  kServerRefused,   // the server answered a command with an error (see code and detail)
  kMailboxChanged,  // IMAP: UIDVALIDITY is not the one the URL named
  kTooLarge,        // the response passed the byte limit
  kBadUrl,          // our URL is malformed or of the wrong scheme: a config error
  kOther,
};

std::string_view MailErrorName(MailError error);

struct SmtpMessage {
  std::string mail_from;                // the envelope sender, a bare address
  std::vector<std::string> recipients;  // bare addresses
  std::string data;                     // the message with CRLF line ends, not dot-stuffed
};

enum class SmtpStage { kNone, kConnect, kAuth, kMailFrom, kRcptTo, kData };

struct SmtpResult {
  MailError error = MailError::kNone;
  // The server's last reply code (250 on success, 451, 550...); 0 when none came.
  int code = 0;
  SmtpStage stage = SmtpStage::kNone;  // where it failed, as far as libcurl says
  std::string detail;                  // libcurl's message, for logs; no personal data
};

// Sends one message on a fresh connection (SMTP sessions are not pooled: sends are rare and a
// server-closed idle session would turn into a misleading failure). Blocks up to
// server.timeout; thread-safe; never throws.
SmtpResult SendSmtp(const MailServer& server, const SmtpMessage& message);

struct ImapResult {
  MailError error = MailError::kNone;
  std::string detail;  // libcurl's message, for logs
  std::string body;    // untagged response lines of a command, or the fetched message
};

// One IMAP connection used for a sequence of calls (libcurl keeps it open and logged in between
// them). Not thread-safe: one poller owns one session. Never throws.
class ImapSession {
 public:
  ImapSession(MailServer server, std::size_t max_response_bytes);
  ~ImapSession();
  ImapSession(const ImapSession&) = delete;
  ImapSession& operator=(const ImapSession&) = delete;

  // Runs `command` (e.g. `EXAMINE "INBOX"`) and returns its untagged response lines. With a
  // non-empty `mailbox`, libcurl SELECTs it first, and when `uidvalidity` is non-zero it fails
  // with kMailboxChanged unless the mailbox still has that UIDVALIDITY.
  ImapResult Command(std::string_view mailbox, unsigned long uidvalidity, std::string_view command);
  // The raw message with this UID (`UID FETCH uid BODY[]`, which sets \Seen), under the same
  // UIDVALIDITY guard.
  ImapResult FetchUid(std::string_view mailbox, unsigned long uidvalidity, unsigned long uid);

 private:
  ImapResult Perform(const std::string& url, std::string_view command);

  MailServer server_;
  std::size_t max_response_bytes_;
  void* curl_ = nullptr;  // CURL*, kept for connection reuse
};

}  // namespace gw::net
