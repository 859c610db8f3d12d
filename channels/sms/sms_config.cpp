// Parsing of channels.sms.
#include "channels/sms/sms_config.hpp"

namespace gw::channels::sms {

SmsConfig ParseSmsConfig(core::ConfigNode& node) {
  SmsConfig c;
  c.enabled = node.Bool("enabled", true);
  if (node.Has("kannel")) {
    core::ConfigNode k = node.Object("kannel");
    c.kannel = ParseKannelConfig(k);
    k.Finish();
  } else {
    node.Claim("kannel");
  }
  if (node.Has("http")) {
    core::ConfigNode h = node.Object("http");
    c.http = ParseHttpSmsConfig(h);
    h.Finish();
  } else {
    node.Claim("http");
  }
  if (c.enabled && !c.kannel && !c.http) {
    node.errors().Add(node.path(), "configure \"kannel\", \"http\" or both");
  }
  if (node.Has("send_via")) {
    std::string via = node.Enum("send_via", "kannel", {"kannel", "http"});
    c.send_via = via == "http" ? SmsSender::kHttp : SmsSender::kKannel;
    if ((c.send_via == SmsSender::kHttp && !c.http) ||
        (c.send_via == SmsSender::kKannel && !c.kannel)) {
      node.errors().Add(node.path() + ".send_via",
                        "names an adapter that is not configured (\"" + via + "\")");
    }
  } else {
    node.Claim("send_via");
    if (c.kannel && c.http) {
      node.errors().Add(node.path() + ".send_via",
                        "is required when both kannel and http are configured");
    }
    c.send_via = c.http && !c.kannel ? SmsSender::kHttp : SmsSender::kKannel;
  }
  return c;
}

}  // namespace gw::channels::sms
