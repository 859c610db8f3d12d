// GET /webhooks/kannel/mo (smsbox's sms-service get-url) and GET /webhooks/kannel/dlr (the
// dlr-url of each MT): an SMS goes through intake like any message and its answer is queued for
// the dispatcher, which sends it back by SMS; a delivery report updates the delivery it names.
#include <algorithm>

#include "channels/sms/kannel_mo.hpp"
#include "dialogs/render.hpp"
#include "gateway/http/errors.hpp"
#include "gateway/http/routes.hpp"

namespace gw::gateway::http {
namespace {

namespace sms = channels::sms;

std::string_view QueryOf(const httplib::Request& req) {
  std::string_view target = req.target;
  auto q = target.find('?');
  return q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
}

notifier::ReceiptStatus ReceiptOf(sms::DeliveryState state) {
  switch (state) {
    case sms::DeliveryState::kDelivered:
      return notifier::ReceiptStatus::kDelivered;
    case sms::DeliveryState::kFailed:
    case sms::DeliveryState::kSmscRejected:
      return notifier::ReceiptStatus::kFailed;
    default:  // buffered, accepted by the SMSC: more reports follow
      return notifier::ReceiptStatus::kNone;
  }
}

}  // namespace

void RegisterKannelRoutes(HttpServer& server, Intake& intake, delivery::DeliveryStore& deliveries,
                          const sms::KannelConfig& config, const locales::Catalog& texts,
                          std::function<void()> wake, const core::Clock& clock) {
  // What the answer may cost: Kannel sends at most max_messages parts (UCS-2: 67 characters each
  // once concatenated); RenderSms shortens the informational parts, never a refusal's reason.
  const std::size_t max_chars = static_cast<std::size_t>(std::max(1, config.max_messages)) * 67;
  server.Route(
      "GET", "/webhooks/kannel/mo", "/webhooks/kannel/mo",
      [&, max_chars](const httplib::Request& req, httplib::Response& res) {
        auto message =
            sms::ParseKannelMo({QueryOf(req), req.remote_addr, clock.Now()}, config.webhook);
        if (!message.ok()) return SendError(res, message.error());
        auto render = [&](const std::vector<core::Reply>& replies) {
          return dialogs::RenderSms(replies, texts, max_chars).text;
        };
        auto queue = [&](const core::InboundMessage& in, const std::vector<core::Reply>& replies) {
          core::OutboundMessage out;
          out.to = {core::ChannelKind::kSms, in.sender};
          out.text = render(replies);
          for (const auto& r : replies) {
            if (r.rejection && !out.rejection) out.rejection = r.rejection;
          }
          return out;
        };
        auto turn =
            intake.Handle(std::move(message).value(), render, "text/plain; charset=utf-8", queue);
        // 503 when the turn is not stored: smsbox retries the get-url (http-request-retry).
        if (!turn.ok()) return SendError(res, turn.error());
        res.status = 200;
        res.set_content("", "text/plain");  // max-messages = 0: Kannel sends nothing of it
      });
  server.Route(
      "GET", "/webhooks/kannel/dlr", "/webhooks/kannel/dlr",
      [&, wake](const httplib::Request& req, httplib::Response& res) {
        auto report =
            sms::ParseKannelDlr({QueryOf(req), req.remote_addr, clock.Now()}, config.webhook);
        if (!report.ok()) return SendError(res, report.error());
        const std::string detail =
            std::string(sms::DeliveryStateName(report->state)) +
            (report->smsc_detail.empty() ? std::string() : " (" + report->smsc_detail + ")");
        const auto receipt = ReceiptOf(report->state);
        auto st = deliveries.RecordReceipt(report->delivery_id, receipt, detail, clock.Now());
        if (!st.ok()) return SendError(res, st.error());
        // Only a final report changes what the dispatcher would decide.
        if (receipt != notifier::ReceiptStatus::kNone && wake) wake();
        // smsbox keeps a pool of connections for its report calls; held open, each costs the
        // HTTP edge a wake-up every 11 ms while idle (cpp-httplib's keep-alive wait), which
        // measured as most of the gateway's CPU on the SMS path. A fresh loopback connection
        // per report is cheaper.
        res.set_header("Connection", "close");
        res.status = 200;
        res.set_content("", "text/plain");
      });
}

}  // namespace gw::gateway::http
