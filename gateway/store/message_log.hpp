// The data-message log (Luật Giao dịch điện tử 2023, Điều 13): append-only, SHA-256 chained, so
// that origin, sender, receiver and send/receive times of every data message can be established
// and any edit or deletion detected.
//
// Record n's hash = SHA-256("caunoi-log-v1" || prev_hash || seq || each field length-prefixed),
// where prev_hash is record n-1's hash (32 zero bytes for record 1). Deleting the newest records
// cannot be seen from the chain alone: keep the head that `caunoi verify-log` prints somewhere
// else (a ticket, a signed report) and pass it back with --expect-head to check it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/store/sqlite.hpp"

namespace gw::gateway::store {

struct LogEntry {
  std::string direction;  // "in" or "out"
  std::string channel;
  std::string origin;
  std::string sender;
  std::string receiver;
  std::optional<std::int64_t> sent_at;  // Unix ms, when the sender states it
  std::int64_t received_at = 0;         // Unix ms, when we received (in) or sent (out) it
  std::string content_type;
  std::string payload;  // raw bytes
};

// Appends inside the caller's transaction; returns the new record's seq. Throws SqliteError.
std::int64_t AppendToLog(Db& db, const LogEntry& entry);

std::string ComputeLogHash(std::string_view prev_hash, std::int64_t seq, const LogEntry& entry);

struct LogHead {
  std::int64_t seq = 0;
  std::string hash_hex;
};

struct LogProblem {
  std::int64_t seq = 0;
  std::string what;  // one sentence naming what is wrong with record `seq`
};

struct VerifyReport {
  bool ok = true;
  std::int64_t records = 0;
  LogHead head;
  std::optional<std::int64_t> first_broken_seq;
  std::string problem;               // the first problem's sentence
  std::vector<LogProblem> problems;  // every problem found, in seq order
};

// Walks the whole chain in seq order and reports every break, not only the first: each record is
// checked against its own hash and against its predecessor. With `expect_head`, also checks that
// the recorded head is still in the chain with the same hash (catches deletion of the newest
// records).
VerifyReport VerifyLog(Db& db, const std::optional<LogHead>& expect_head);

// "seq:hexhash" as printed by verify-log; nullopt when malformed.
std::optional<LogHead> ParseLogHead(std::string_view text);

std::string ToHex(std::string_view bytes);

}  // namespace gw::gateway::store
