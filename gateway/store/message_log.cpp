// Appending to and verifying the hash-chained data-message log.
#include "gateway/store/message_log.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <charconv>
#include <memory>

namespace gw::gateway::store {
namespace {

constexpr std::string_view kDomain = "caunoi-log-v1";
constexpr std::size_t kHashBytes = 32;
const std::string kGenesis(kHashBytes, '\0');

void PutU64(EVP_MD_CTX* ctx, std::uint64_t v) {
  unsigned char b[8];
  for (int i = 7; i >= 0; --i) {
    b[i] = static_cast<unsigned char>(v & 0xff);
    v >>= 8;
  }
  EVP_DigestUpdate(ctx, b, sizeof b);
}

void PutField(EVP_MD_CTX* ctx, std::string_view s) {
  PutU64(ctx, s.size());
  EVP_DigestUpdate(ctx, s.data(), s.size());
}

// One digest context per thread, reset per hash: allocating one per message would cost more
// than the hashing itself.
EVP_MD_CTX* ThreadDigest() {
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                           &EVP_MD_CTX_free);
  return ctx.get();
}

}  // namespace

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xf]);
  }
  return out;
}

std::string ComputeLogHash(std::string_view prev_hash, std::int64_t seq, const LogEntry& e) {
  EVP_MD_CTX* ctx = ThreadDigest();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, kDomain.data(), kDomain.size());
  PutField(ctx, prev_hash);
  PutU64(ctx, static_cast<std::uint64_t>(seq));
  PutField(ctx, e.direction);
  PutField(ctx, e.channel);
  PutField(ctx, e.origin);
  PutField(ctx, e.sender);
  PutField(ctx, e.receiver);
  PutField(ctx, e.sent_at ? std::to_string(*e.sent_at) : std::string());
  PutU64(ctx, static_cast<std::uint64_t>(e.received_at));
  PutField(ctx, e.content_type);
  PutField(ctx, e.payload);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, digest, &len);
  return std::string(reinterpret_cast<const char*>(digest), len);
}

std::int64_t AppendToLog(Db& db, const LogEntry& e) {
  // Read the head inside the transaction rather than caching it: a job rolled back to its
  // savepoint takes its records with it, and the next append must chain to what is really there.
  Stmt& head = db.Prepare("SELECT seq, hash FROM message_log ORDER BY seq DESC LIMIT 1");
  std::int64_t seq = 1;
  std::string prev = kGenesis;
  if (head.Step()) {
    seq = head.Int(0) + 1;
    prev = head.Blob(1);
  }
  head.Reset();
  std::string hash = ComputeLogHash(prev, seq, e);
  Stmt& ins = db.Prepare(
      "INSERT INTO message_log (seq, direction, channel, origin, sender, receiver, sent_at, "
      "received_at, content_type, payload, prev_hash, hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  ins.Bind(1, seq)
      .Bind(2, e.direction)
      .Bind(3, e.channel)
      .Bind(4, e.origin)
      .Bind(5, e.sender)
      .Bind(6, e.receiver)
      .Bind(7, e.sent_at)
      .Bind(8, e.received_at)
      .Bind(9, e.content_type)
      .BindBlob(10, e.payload)
      .BindBlob(11, prev)
      .BindBlob(12, hash);
  ins.Run();
  return seq;
}

VerifyReport VerifyLog(Db& db, const std::optional<LogHead>& expect_head) {
  VerifyReport r;
  Stmt& s = db.Prepare(
      "SELECT seq, direction, channel, origin, sender, receiver, sent_at, received_at, "
      "content_type, payload, prev_hash, hash FROM message_log ORDER BY seq");
  std::string prev = kGenesis;
  std::int64_t expected_seq = 1;
  bool expected_head_seen = false;
  auto fail = [&](std::int64_t seq, std::string problem) {
    if (r.ok) {
      r.ok = false;
      r.first_broken_seq = seq;
      r.problem = problem;
    }
    r.problems.push_back(LogProblem{seq, std::move(problem)});
  };
  while (s.Step()) {
    std::int64_t seq = s.Int(0);
    LogEntry e;
    e.direction = s.Text(1);
    e.channel = s.Text(2);
    e.origin = s.Text(3);
    e.sender = s.Text(4);
    e.receiver = s.Text(5);
    if (!s.IsNull(6)) e.sent_at = s.Int(6);
    e.received_at = s.Int(7);
    e.content_type = s.Text(8);
    e.payload = s.Blob(9);
    std::string stored_prev = s.Blob(10);
    std::string stored_hash = s.Blob(11);
    ++r.records;
    if (seq != expected_seq) {
      // A gap: the records between were deleted. This record's link is then necessarily broken
      // too, so that is not reported twice.
      fail(expected_seq, seq > expected_seq
                             ? (seq - expected_seq == 1
                                    ? fmt::format("record {} is missing (deleted); the chain "
                                                  "resumes at {}",
                                                  expected_seq, seq)
                                    : fmt::format("records {} to {} are missing (deleted); the "
                                                  "chain resumes at {}",
                                                  expected_seq, seq - 1, seq))
                             : fmt::format("record {} is out of order", seq));
    } else if (stored_prev != prev) {
      fail(seq,
           fmt::format("record {} does not chain to record {} (prev_hash differs)", seq, seq - 1));
    }
    // Each record is judged on its own content against the link it claims.
    if (ComputeLogHash(stored_prev, seq, e) != stored_hash) {
      fail(seq, fmt::format("record {} was altered (its content no longer matches its hash)", seq));
    }
    if (expect_head && seq == expect_head->seq) {
      expected_head_seen = true;
      if (ToHex(stored_hash) != expect_head->hash_hex) {
        fail(seq, fmt::format("record {} differs from the recorded head", seq));
      }
    }
    prev = stored_hash;
    expected_seq = seq + 1;
    r.head = LogHead{seq, ToHex(stored_hash)};
  }
  s.Reset();
  if (expect_head && !expected_head_seen) {
    fail(expect_head->seq,
         fmt::format("record {} (the recorded head) is missing: newer records were deleted",
                     expect_head->seq));
  }
  return r;
}

std::optional<LogHead> ParseLogHead(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  LogHead h;
  auto [p, ec] = std::from_chars(text.data(), text.data() + colon, h.seq);
  if (ec != std::errc() || p != text.data() + colon || h.seq < 1) return std::nullopt;
  h.hash_hex = std::string(text.substr(colon + 1));
  if (h.hash_hex.size() != 64) return std::nullopt;
  for (char c : h.hash_hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  return h;
}

}  // namespace gw::gateway::store
