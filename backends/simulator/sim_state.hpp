// Everything the simulated one-stop system remembers: dossiers, code counters, idempotent
// replies, complaints and the push outbox; saved to and loaded from one JSON file.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backends/contract.hpp"
#include "backends/simulator/lifecycle.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace gw::backends::sim {

struct SimDossier {
  DossierStatus view;     // what GET /dossiers/{code} answers
  SubmitRequest request;  // as submitted (for the push recipient)
  Script script;
  std::size_t next_step = 0;  // index of the first step not yet applied
};

// The reply given to a mutating request, replayed for a retry with the same Idempotency-Key.
struct StoredReply {
  std::uint64_t fingerprint = 0;  // of route and body: the same key with another request is 409
  int status = 200;
  std::string body;
};

struct PushEvent {
  std::string id;  // webhook-id: unique per event, stable across delivery attempts
  std::string dossier_code;
  std::string body;
  int attempts = 0;
  core::TimePoint next_attempt_at;
};

struct Complaint {
  std::string ticket_number;
  ComplaintRequest request;
  core::TimePoint received_at;
};

struct SimState {
  std::map<std::string, SimDossier> dossiers;
  std::map<std::string, std::int64_t> counters;  // "<unit>|YYMMDD" -> last sequence issued
  std::map<std::string, StoredReply> replies;    // by Idempotency-Key
  std::vector<Complaint> complaints;
  std::deque<PushEvent> outbox;
  std::vector<PushEvent> dead_pushes;  // refused by the receiver or out of attempts
  std::int64_t next_event = 1;
};

nlohmann::json StateToJson(const SimState& state);
core::Result<SimState> StateFromJson(const nlohmann::json& j);

// Writes to a temporary file and renames it over `path`, so a crash leaves the old or the new
// state, never half of one.
core::Status SaveStateFile(const SimState& state, const std::string& path);
// kNotFound when the file does not exist (a fresh start).
core::Result<SimState> LoadStateFile(const std::string& path);

// FNV-1a 64: stable across builds and runs, unlike std::hash, since fingerprints are persisted.
std::uint64_t Fingerprint(std::string_view route, std::string_view body);

}  // namespace gw::backends::sim
