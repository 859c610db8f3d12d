// Config of the Kannel SMS adapter (channels.sms.kannel): where smsbox's sendsms listens, the
// sendsms-user credentials, and how Kannel reaches our MO and delivery-report webhooks.
#pragma once

#include <chrono>
#include <string>

#include "channels/common/webhook_guard.hpp"
#include "channels/sms/sms_address.hpp"
#include "core/config_reader.hpp"

namespace gw::channels::sms {

struct KannelConfig {
  // smsbox's sendsms interface.
  bool tls = false;
  std::string host = "127.0.0.1";
  int port = 13013;
  std::string path = "/cgi-bin/sendsms";
  // A `group = sendsms-user` of kannel.conf. The password comes from ${ENV}, never the file.
  std::string username;
  std::string password;
  std::string from;     // short code or brandname shown to the citizen
  std::string smsc_id;  // route through this SMSC (the `smsc` parameter); empty: Kannel decides
  // Base of our /webhooks/kannel/dlr as Kannel reaches it, e.g.
  // "http://10.0.0.5:8080/webhooks/kannel/dlr"; empty: no delivery reports are asked for.
  std::string dlr_url;
  // Parts allowed per message. MUST NOT exceed the sendsms-user's max-messages: Kannel cuts the
  // text after that many parts without telling anyone, so we refuse longer texts ourselves.
  int max_messages = 3;
  // Send "Ho so da duoc tiep nhan" as GSM-7 (160 characters a part) instead of Vietnamese as
  // UCS-2 (70 a part). Off by default: without marks Vietnamese is ambiguous.
  bool fold_diacritics = false;
  NumberFormat number_format = NumberFormat::kE164;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds timeout{10000};
  int max_connections = 8;
  // Guards /webhooks/kannel/mo and /dlr: the secret Kannel puts in both URLs, and where smsbox
  // may call from (default: loopback).
  common::WebhookGuard webhook;

  // "http://127.0.0.1:13013/cgi-bin/sendsms".
  std::string SendSmsUrl() const;
};

KannelConfig ParseKannelConfig(core::ConfigNode& node);

// Parses a number_format value ("e164", "international", "national"), shared with the HTTP
// provider's config.
NumberFormat ParseNumberFormat(core::ConfigNode& node, NumberFormat def);

}  // namespace gw::channels::sms
