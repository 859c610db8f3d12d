// libcurl behind SendSmtp and ImapSession.
#include "net/mail_transport.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstring>

#include "net/curl_global.hpp"
#include "net/url.hpp"

namespace gw::net {
namespace {

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != s.npos;
}

MailError Classify(CURLcode code, std::string_view message, bool too_large) {
  switch (code) {
    case CURLE_OK:
      return MailError::kNone;
    case CURLE_OPERATION_TIMEDOUT:
      return MailError::kTimeout;
    case CURLE_COULDNT_CONNECT:
      return MailError::kConnect;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return MailError::kResolve;
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return MailError::kNetwork;
    case CURLE_SEND_ERROR:  // SMTP: MAIL/RCPT refused; otherwise a broken connection
      return Contains(message, "failed:") ? MailError::kServerRefused : MailError::kNetwork;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      return MailError::kTls;
    case CURLE_USE_SSL_FAILED:
      return MailError::kNoStartTls;
    case CURLE_LOGIN_DENIED:
      // libcurl 7.88 also reports a failed IMAP SELECT as CURLE_LOGIN_DENIED ("Select failed").
      return Contains(message, "Select failed") ? MailError::kServerRefused
                                                : MailError::kLoginDenied;
    case CURLE_REMOTE_FILE_NOT_FOUND:
      return Contains(message, "UIDVALIDITY") ? MailError::kMailboxChanged
                                              : MailError::kServerRefused;
    case CURLE_QUOTE_ERROR:  // an IMAP custom command answered NO/BAD
    case CURLE_WEIRD_SERVER_REPLY:
      return MailError::kServerRefused;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return MailError::kBadUrl;
    case CURLE_WRITE_ERROR:
      return too_large ? MailError::kTooLarge : MailError::kOther;
    default:
      return MailError::kOther;
  }
}

void SetCommon(CURL* h, const MailServer& server, char* error_buffer) {
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(server.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(server.timeout.count()));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_USE_SSL,
                   server.require_starttls ? static_cast<long>(CURLUSESSL_ALL)
                                           : static_cast<long>(CURLUSESSL_NONE));
  if (!server.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, server.ca_file.c_str());
  if (!server.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, server.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, server.password.c_str());
  }
}

std::string Describe(CURLcode code, const char* error_buffer) {
  return fmt::format("curl {}: {}", static_cast<int>(code),
                     error_buffer[0] ? error_buffer : curl_easy_strerror(code));
}

struct Upload {
  std::string_view data;
  std::size_t sent = 0;
};

std::size_t OnRead(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t len = std::min(size * n, up->data.size() - up->sent);
  std::memcpy(buffer, up->data.data() + up->sent, len);
  up->sent += len;
  return len;
}

struct Download {
  std::string* into;
  std::size_t max_bytes;
  bool too_large = false;
};

std::size_t OnWrite(char* data, std::size_t size, std::size_t n, void* user) {
  auto* down = static_cast<Download*>(user);
  std::size_t len = size * n;
  if (down->into->size() + len > down->max_bytes) {
    down->too_large = true;
    return 0;
  }
  down->into->append(data, len);
  return len;
}

SmtpStage StageOf(CURLcode code, std::string_view message, int reply) {
  if (code == CURLE_LOGIN_DENIED) return SmtpStage::kAuth;
  if (Contains(message, "MAIL failed")) return SmtpStage::kMailFrom;
  if (Contains(message, "RCPT failed")) return SmtpStage::kRcptTo;
  if (reply == 0) return SmtpStage::kConnect;
  // After RCPT only DATA is left; an unexpected reply before it is the greeting or EHLO.
  return code == CURLE_WEIRD_SERVER_REPLY || code == CURLE_SEND_ERROR ? SmtpStage::kData
                                                                      : SmtpStage::kConnect;
}

}  // namespace

std::string_view MailErrorName(MailError error) {
  switch (error) {
    case MailError::kNone:
      return "none";
    case MailError::kConnect:
      return "connect_failed";
    case MailError::kTimeout:
      return "timeout";
    case MailError::kResolve:
      return "dns_failed";
    case MailError::kNetwork:
      return "network_error";
    case MailError::kTls:
      return "tls_error";
    case MailError::kNoStartTls:
      return "starttls_unavailable";
    case MailError::kLoginDenied:
      return "login_denied";
    case MailError::kServerRefused:
      return "server_refused";
    case MailError::kMailboxChanged:
      return "uidvalidity_changed";
    case MailError::kTooLarge:
      return "response_too_large";
    case MailError::kBadUrl:
      return "bad_url";
    case MailError::kOther:
      return "transport_error";
  }
  return "transport_error";
}

SmtpResult SendSmtp(const MailServer& server, const SmtpMessage& message) {
  detail::InitCurlOnce();
  SmtpResult result;
  CURL* h = curl_easy_init();
  if (h == nullptr) {
    result.error = MailError::kOther;
    result.detail = "curl_easy_init failed";
    return result;
  }
  char error_buffer[CURL_ERROR_SIZE] = {0};
  SetCommon(h, server, error_buffer);
  curl_easy_setopt(h, CURLOPT_URL, server.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  const std::string from = "<" + message.mail_from + ">";
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_slist* rcpt = nullptr;
  for (const auto& r : message.recipients) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  Upload up{message.data};
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &OnRead);
  curl_easy_setopt(h, CURLOPT_READDATA, &up);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.data.size()));

  CURLcode code = curl_easy_perform(h);
  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  result.code = static_cast<int>(reply);
  if (code != CURLE_OK) {
    std::string_view msg = error_buffer;
    result.error = Classify(code, msg, false);
    result.stage = StageOf(code, msg, result.code);
    result.detail = Describe(code, error_buffer);
  }
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(h);
  return result;
}

ImapSession::ImapSession(MailServer server, std::size_t max_response_bytes)
    : server_(std::move(server)), max_response_bytes_(max_response_bytes) {
  detail::InitCurlOnce();
  curl_ = curl_easy_init();
}

ImapSession::~ImapSession() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

ImapResult ImapSession::Command(std::string_view mailbox, unsigned long uidvalidity,
                                std::string_view command) {
  std::string url = server_.url + "/";
  if (!mailbox.empty()) {
    url += PercentEncode(mailbox);
    if (uidvalidity != 0) url += fmt::format(";UIDVALIDITY={}", uidvalidity);
  }
  return Perform(url, command);
}

ImapResult ImapSession::FetchUid(std::string_view mailbox, unsigned long uidvalidity,
                                 unsigned long uid) {
  std::string url = server_.url + "/" + PercentEncode(mailbox);
  if (uidvalidity != 0) url += fmt::format(";UIDVALIDITY={}", uidvalidity);
  url += fmt::format(";UID={}", uid);
  return Perform(url, {});
}

ImapResult ImapSession::Perform(const std::string& url, std::string_view command) {
  ImapResult result;
  auto* h = static_cast<CURL*>(curl_);
  if (h == nullptr) {
    result.error = MailError::kOther;
    result.detail = "curl_easy_init failed";
    return result;
  }
  // reset keeps the open, logged-in connection: that is why the session holds one handle.
  curl_easy_reset(h);
  char error_buffer[CURL_ERROR_SIZE] = {0};
  SetCommon(h, server_, error_buffer);
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  const std::string custom(command);
  if (!custom.empty()) curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, custom.c_str());
  Download down{&result.body, max_response_bytes_};
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnWrite);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &down);

  CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    result.error = Classify(code, error_buffer, down.too_large);
    result.detail = Describe(code, error_buffer);
  }
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, nullptr);
  return result;
}

}  // namespace gw::net
