// The composition root: builds every part from the config and runs the server.
#include "gateway/runner.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "channels/email/email_channel.hpp"
#include "channels/email/imap_poller.hpp"
#include "channels/sms/sms_factory.hpp"
#include "core/log.hpp"
#include "core/thread_name.hpp"
#include "gateway/backend_retrier.hpp"
#include "gateway/delivery/app_notice_channel.hpp"
#include "gateway/delivery/dispatcher.hpp"
#include "gateway/http/routes.hpp"
#include "gateway/http/server.hpp"
#include "gateway/inbox/dead_letters.hpp"
#include "gateway/inbox/inbox.hpp"
#include "gateway/intake.hpp"
#include "gateway/mail_intake.hpp"
#include "gateway/metrics.hpp"
#include "gateway/services.hpp"
#include "gateway/store/mail_cursor_store.hpp"
#include "gateway/store/sqlite_store.hpp"

namespace gw::gateway {
namespace {

const core::Logger kLog("gateway");

void PrintBanner(const GatewayConfig& config, const RunOptions& options, int port) {
  const std::string base = fmt::format(
      "http://{}:{}", config.http.listen == "0.0.0.0" ? "127.0.0.1" : config.http.listen, port);
  fmt::print("caunoi: listening on {}\n", base);
  if (options.demo) {
    fmt::print(
        "\nCầu Nối demo is running ({}).\n"
        "  Web chat (citizen):  {}/\n"
        "  Chat API:            POST {}/api/v1/app/messages\n"
        "  Health and metrics:  {}/healthz  {}/readyz  {}/metrics\n"
        "  Data (SQLite):       {}\n"
        "  Try it with curl:\n"
        "    curl -s {}/api/v1/app/messages -H 'Content-Type: application/json' \\\n"
        "         -d '{{\"user_id\":\"demo-user\",\"text\":\"xin chào\"}}'\n"
        "  Demo-only setting: the app API accepts a bare user_id without a token.\n"
        "  Stop with Ctrl+C; check the data-message log with: caunoi verify-log --data {}\n\n",
        config.agency.agency_name, base, base, base, base, base, options.data_dir, base,
        options.data_dir);
  }
  if (options.demo && config.inbox.enabled) {
    fmt::print("  Officer inbox:       {}/inbox\n", base);
    for (const auto& o : config.inbox.officers) {
      fmt::print("    {} / {}   ({}, {}, agency {})\n", o.username, o.password, o.display_name,
                 o.role, o.agency_code);
    }
    fmt::print("  (demo passwords, printed because this is the demo)\n\n");
  }
  std::fflush(stdout);
}

}  // namespace

int RunGateway(const GatewayConfig& config, const RunOptions& options) {
  core::SetLogLevel(config.log_level);
  // Signals are taken by one thread with sigwait; every other thread (made after this) inherits
  // the mask. SIGPIPE is ignored: a client hanging up must not kill the process.
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  core::SystemClock clock;
  auto services = BuildServices(config, clock);
  if (!services.ok()) {
    kLog.Error("cannot start",
               {{"error", services.error().message}, {"detail", services.error().detail}});
    fmt::print(stderr, "caunoi: {}\n", services.error().message);
    return 1;
  }
  Metrics metrics;
  auto store = store::SqliteStore::Open(config.store.sqlite, &metrics);
  if (!store.ok()) {
    kLog.Error("cannot open the store",
               {{"error", store.error().message}, {"detail", store.error().detail}});
    fmt::print(stderr, "caunoi: {} ({})\n", store.error().message, store.error().detail);
    return 1;
  }
  Intake intake(**store, *(*services)->engine, *(*services)->understander, *(*services)->actions,
                metrics, clock, config.agency_code);

  // Outbound: the adapters the dispatcher sends notices and queued replies through.
  delivery::DeliveryStore deliveries(**store, config.agency_code);
  std::map<core::ChannelKind, core::Channel*> senders;
  delivery::AppNoticeChannel app_sender(**store, clock);
  if (config.channels.app.enabled) senders[core::ChannelKind::kApp] = &app_sender;
  auto sms_sender = channels::sms::MakeSmsChannel(config.channels.sms, clock);
  if (sms_sender) senders[core::ChannelKind::kSms] = sms_sender.get();
  const auto& email = config.channels.email;
  std::unique_ptr<channels::email::EmailChannel> email_sender;
  if (email.enabled && email.smtp) {
    email_sender = std::make_unique<channels::email::EmailChannel>(*email.smtp, clock);
    senders[core::ChannelKind::kEmail] = email_sender.get();
  }
  const auto& delivery_config = config.notifications.delivery;
  auto dispatch = delivery_config.dispatcher;
  // Receipts are awaited only where they come: SMS through Kannel with a dlr-url.
  const auto& kannel = config.channels.sms.kannel;
  const bool sms_receipts = sms_sender && kannel && !kannel->dlr_url.empty() &&
                            config.channels.sms.send_via == channels::sms::SmsSender::kKannel;
  if (!sms_receipts) dispatch.policy.fallback.receipt_timeout.erase(notifier::Route::kSms);
  delivery::NoticeComposer composer(
      (*services)->catalogs, (*services)->catalog,
      delivery::ComposerSettings{config.default_locale, config.agency.agency_name,
                                 delivery_config.sms});
  delivery::Dispatcher dispatcher(deliveries, senders, composer, clock, dispatch, &metrics);
  auto wake = [&dispatcher] { dispatcher.Wake(); };
  intake.SetOnQueued(wake);

  http::HttpServer server(config.http, metrics);
  http::RegisterOpsRoutes(server, **store, metrics);
  if (config.channels.app.enabled) {
    http::RegisterAppRoutes(server, intake, **store, config.channels.app, clock);
  }
  if (kannel) {
    http::RegisterKannelRoutes(server, intake, deliveries, *kannel,
                               (*services)->catalogs.For(config.default_locale), wake, clock);
  }
  if (config.notifications.enabled) {
    http::RegisterNotificationRoutes(server, **store, deliveries, config.notifications, wake,
                                     clock);
  }
  if (config.web_chat) http::RegisterWebRoutes(server);
  auto officer_inbox =
      inbox::Inbox::Create(config.inbox, **store, (*services)->catalogs, config.agency.agency_name,
                           (*services)->calendar, clock);
  if (!officer_inbox.ok()) {
    kLog.Error("cannot start the inbox", {{"error", officer_inbox.error().message}});
    fmt::print(stderr, "caunoi: {}\n", officer_inbox.error().message);
    return 1;
  }
  inbox::RegisterInboxRoutes(server, **officer_inbox);
  inbox::RegisterDeadLetterRoutes(server, **officer_inbox, deliveries, wake);
  (*officer_inbox)->Start();  // SLA escalation pass (inbox: periodic work)

  std::unique_ptr<BackendRetrier> retrier;
  if ((*services)->backend) {
    retrier = std::make_unique<BackendRetrier>(**store, *(*services)->backend, *(*services)->engine,
                                               clock, RetrierSettings{});
    retrier->Start();
  }
  dispatcher.Start();
  // Inbound mail: the agency's mailbox, polled.
  store::SqliteMailCursorStore mail_cursors(**store);
  std::unique_ptr<channels::email::ImapPoller> poller;
  std::unique_ptr<MailIntake> mail_intake;
  if (email.enabled && email.imap) {
    poller =
        std::make_unique<channels::email::ImapPoller>(*email.imap, email.attachments, mail_cursors);
    const std::string mailbox = email.smtp ? email.smtp->from_address : email.imap->server.username;
    auto receipts = [&deliveries, &dispatcher, &clock](const std::string& message_id,
                                                       notifier::ReceiptStatus receipt,
                                                       const std::string& detail) {
      auto recorded = deliveries.RecordMailReceipt(message_id, receipt, detail, clock.Now());
      if (recorded.ok() && *recorded) dispatcher.Wake();
      return recorded;
    };
    mail_intake = std::make_unique<MailIntake>(*poller, intake,
                                               (*services)->catalogs.For(config.default_locale),
                                               mailbox, email.imap->poll_interval, clock, receipts);
    mail_intake->Start();
  }

  auto port = server.Bind();
  if (!port.ok()) {
    kLog.Error("cannot listen", {{"error", port.error().message}});
    fmt::print(stderr, "caunoi: {}\n", port.error().message);
    return 1;
  }
  kLog.Info("listening", {{"address", config.http.listen},
                          {"port", std::to_string(*port)},
                          {"node", config.node_name}});
  PrintBanner(config, options, *port);

  std::thread signal_thread = core::StartNamedThread("signals", [&server, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    kLog.Info("stopping: finishing in-flight requests", {{"signal", std::to_string(sig)}});
    server.Stop();
  });
  server.Run();
  // Run() can also end without a signal (the socket failed); wake the watcher so it can be joined.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  if (retrier) retrier->Stop();
  if (mail_intake) mail_intake->Stop();
  dispatcher.Stop();
  (*officer_inbox)->Stop();
  (*store)->Close();
  kLog.Info("stopped; the store is flushed");
  return 0;
}

}  // namespace gw::gateway
