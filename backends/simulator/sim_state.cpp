// JSON persistence of the simulator's state.
#include "backends/simulator/sim_state.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace gw::backends::sim {
namespace {

using nlohmann::json;

core::Error Bad(const std::string& why) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, "state file: " + why);
}

json PushToJson(const PushEvent& p) {
  return {{"id", p.id},
          {"dossier_code", p.dossier_code},
          {"body", p.body},
          {"attempts", p.attempts},
          {"next_attempt_at", core::FormatTimestamp(p.next_attempt_at)}};
}

core::Result<PushEvent> PushFromJson(const json& j) {
  try {
    PushEvent p;
    p.id = j.at("id").get<std::string>();
    p.dossier_code = j.at("dossier_code").get<std::string>();
    p.body = j.at("body").get<std::string>();
    p.attempts = j.at("attempts").get<int>();
    auto t = ParseTimestamp(j.at("next_attempt_at").get<std::string>());
    if (!t) return Bad("push " + p.id + ": bad next_attempt_at");
    p.next_attempt_at = *t;
    return p;
  } catch (const json::exception& e) {
    return Bad(std::string("push: ") + e.what());
  }
}

}  // namespace

std::uint64_t Fingerprint(std::string_view route, std::string_view body) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(route);
  mix("\n");
  mix(body);
  return h;
}

json StateToJson(const SimState& s) {
  json dossiers = json::array();
  for (const auto& [code, d] : s.dossiers) {
    dossiers.push_back({{"view", ToJson(d.view)},
                        {"request", ToJson(d.request)},
                        {"script", ScriptToJson(d.script)},
                        {"next_step", d.next_step}});
  }
  json replies = json::object();
  for (const auto& [key, r] : s.replies) {
    replies[key] = {{"fingerprint", r.fingerprint}, {"status", r.status}, {"body", r.body}};
  }
  json complaints = json::array();
  for (const auto& c : s.complaints) {
    complaints.push_back({{"ticket_number", c.ticket_number},
                          {"request", ToJson(c.request)},
                          {"received_at", core::FormatTimestamp(c.received_at)}});
  }
  json outbox = json::array();
  for (const auto& p : s.outbox) outbox.push_back(PushToJson(p));
  json dead = json::array();
  for (const auto& p : s.dead_pushes) dead.push_back(PushToJson(p));
  return {{"version", 1},
          {"dossiers", std::move(dossiers)},
          {"counters", s.counters},
          {"replies", std::move(replies)},
          {"complaints", std::move(complaints)},
          {"outbox", std::move(outbox)},
          {"dead_pushes", std::move(dead)},
          {"next_event", s.next_event}};
}

core::Result<SimState> StateFromJson(const json& j) {
  if (!j.is_object() || j.value("version", 0) != 1) return Bad("expected version 1");
  SimState s;
  try {
    for (const auto& d : j.at("dossiers")) {
      SimDossier dossier;
      auto view = DossierStatusFromJson(d.at("view"));
      if (!view.ok()) return Bad("dossier: " + view.error().message);
      dossier.view = std::move(view.value());
      auto request = SubmitRequestFromJson(d.at("request"));
      if (!request.ok()) return Bad("dossier request: " + request.error().message);
      dossier.request = std::move(request.value());
      auto script = ScriptFromJson(d.at("script"));
      if (!script.ok()) return Bad(script.error().message);
      dossier.script = std::move(script.value());
      dossier.next_step = d.at("next_step").get<std::size_t>();
      if (dossier.next_step > dossier.script.size()) return Bad("next_step beyond the script");
      std::string code = dossier.view.dossier_code;
      s.dossiers.emplace(std::move(code), std::move(dossier));
    }
    s.counters = j.at("counters").get<std::map<std::string, std::int64_t>>();
    for (const auto& [key, r] : j.at("replies").items()) {
      s.replies[key] = StoredReply{r.at("fingerprint").get<std::uint64_t>(),
                                   r.at("status").get<int>(), r.at("body").get<std::string>()};
    }
    for (const auto& c : j.at("complaints")) {
      auto request = ComplaintRequestFromJson(c.at("request"));
      auto at = ParseTimestamp(c.at("received_at").get<std::string>());
      if (!request.ok() || !at) return Bad("bad complaint");
      s.complaints.push_back(
          Complaint{c.at("ticket_number").get<std::string>(), std::move(request.value()), *at});
    }
    for (const auto& p : j.at("outbox")) {
      auto push = PushFromJson(p);
      if (!push.ok()) return push.error();
      s.outbox.push_back(std::move(push.value()));
    }
    for (const auto& p : j.at("dead_pushes")) {
      auto push = PushFromJson(p);
      if (!push.ok()) return push.error();
      s.dead_pushes.push_back(std::move(push.value()));
    }
    s.next_event = j.at("next_event").get<std::int64_t>();
  } catch (const json::exception& e) {
    return Bad(e.what());
  }
  return s;
}

core::Status SaveStateFile(const SimState& state, const std::string& path) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << StateToJson(state).dump(1, ' ', false, json::error_handler_t::replace) << '\n';
    out.flush();
    if (!out) {
      return core::MakeError(core::ErrorCode::kUnavailable, "cannot write the state file",
                             "path=" + tmp);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return core::MakeError(core::ErrorCode::kUnavailable, "cannot replace the state file",
                           "path=" + path);
  }
  return core::Ok{};
}

core::Result<SimState> LoadStateFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::MakeError(core::ErrorCode::kNotFound, "no state file", "path=" + path);
  std::stringstream text;
  text << in.rdbuf();
  json j = json::parse(text.str(), nullptr, false);
  if (j.is_discarded()) return Bad("not JSON: " + path);
  return StateFromJson(j);
}

}  // namespace gw::backends::sim
