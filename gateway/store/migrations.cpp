// The schema, as an ordered list of migrations. Never edit a released migration: add one.
#include "gateway/store/migrations.hpp"

#include <fmt/format.h>

namespace gw::gateway::store {
namespace {

// Times are Unix milliseconds (UTC). Channels and statuses are the wire names.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE citizens (
  id INTEGER PRIMARY KEY,
  display_name TEXT,
  national_id TEXT UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  citizen_id INTEGER NOT NULL REFERENCES citizens(id),
  channel TEXT NOT NULL,
  address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (channel, address)
);
CREATE INDEX contacts_citizen ON contacts(citizen_id);
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  citizen_id INTEGER NOT NULL REFERENCES citizens(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  channel TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'officer', 'closed')),
  agency_code TEXT,
  assigned_officer_id INTEGER REFERENCES officers(id),
  dialog_state TEXT,
  opened_at INTEGER NOT NULL,
  last_message_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX conversations_contact ON conversations(contact_id, status);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  channel TEXT NOT NULL,
  provider_message_id TEXT,
  text TEXT NOT NULL,
  reason_code TEXT,
  options TEXT,
  reply_to INTEGER REFERENCES messages(id),
  log_seq INTEGER REFERENCES message_log(seq),
  at INTEGER NOT NULL
);
CREATE UNIQUE INDEX messages_provider_id ON messages(channel, provider_message_id)
  WHERE direction = 'in' AND provider_message_id IS NOT NULL;
CREATE INDEX messages_conversation ON messages(conversation_id, id);
CREATE INDEX messages_reply_to ON messages(reply_to) WHERE reply_to IS NOT NULL;
CREATE TABLE dossiers (
  code TEXT PRIMARY KEY,
  citizen_id INTEGER REFERENCES citizens(id),
  procedure_code TEXT NOT NULL,
  agency_code TEXT,
  status TEXT NOT NULL,
  due_date TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX dossiers_citizen ON dossiers(citizen_id);
CREATE TABLE dossier_status_history (
  id INTEGER PRIMARY KEY,
  dossier_code TEXT NOT NULL REFERENCES dossiers(code),
  status TEXT NOT NULL,
  reason TEXT,
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX dossier_status_history_code ON dossier_status_history(dossier_code, occurred_at);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  request_hash TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER
);
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  channel TEXT NOT NULL,
  address TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  provider_message_id TEXT,
  last_outcome TEXT,
  last_detail TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
CREATE TABLE officers (
  id INTEGER PRIMARY KEY,
  agency_code TEXT NOT NULL,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
  password_hash TEXT NOT NULL,
  totp_secret TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  officer_id INTEGER REFERENCES officers(id),
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT,
  remote_addr TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER REFERENCES conversations(id),
  citizen_id INTEGER REFERENCES citizens(id),
  channel TEXT NOT NULL,
  procedure_code TEXT,
  score TEXT NOT NULL CHECK (score IN ('rat_hai_long', 'hai_long', 'khong_hai_long')),
  comment TEXT,
  at INTEGER NOT NULL
);

-- The data-message log (Luật Giao dịch điện tử 2023, Điều 13): every message in and out, with its
-- metadata and raw bytes, chained by SHA-256 (see message_log.cpp for the hashed form). The
-- triggers stop ordinary writes from changing history; the chain catches anything that gets past.
CREATE TABLE message_log (
  seq INTEGER PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  channel TEXT NOT NULL,
  origin TEXT NOT NULL,
  sender TEXT NOT NULL,
  receiver TEXT NOT NULL,
  sent_at INTEGER,
  received_at INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  payload BLOB NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE TRIGGER message_log_no_update BEFORE UPDATE ON message_log
BEGIN SELECT RAISE(ABORT, 'message_log is append-only'); END;
CREATE TRIGGER message_log_no_delete BEFORE DELETE ON message_log
BEGIN SELECT RAISE(ABORT, 'message_log is append-only'); END;
)sql";

// Complaint tickets with their SLA due time, and per-channel notification preferences.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  citizen_id INTEGER NOT NULL REFERENCES citizens(id),
  kind TEXT NOT NULL,
  content TEXT NOT NULL,
  dossier_code TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL
);
CREATE INDEX tickets_due ON tickets(status, due_at);
CREATE TABLE notification_preferences (
  citizen_id INTEGER NOT NULL REFERENCES citizens(id),
  channel TEXT NOT NULL,
  opted_in INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (citizen_id, channel)
);
CREATE INDEX outbox_state ON outbox(kind, state);
)sql";

// Retry bookkeeping for outbox items.
constexpr std::string_view kV3 = R"sql(
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER;
ALTER TABLE outbox ADD COLUMN last_detail TEXT;
ALTER TABLE outbox ADD COLUMN finished_at INTEGER;
)sql";

// Public ids for outbox items that callers may look up (status pushes).
constexpr std::string_view kV4 = R"sql(
ALTER TABLE outbox ADD COLUMN public_id TEXT;
CREATE UNIQUE INDEX outbox_public_id ON outbox(public_id) WHERE public_id IS NOT NULL;
)sql";

// Officer inbox: internal notes (never shown to citizens) and the list's sort order per agency.
constexpr std::string_view kV5 = R"sql(
CREATE TABLE inbox_notes (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  text TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX inbox_notes_conversation ON inbox_notes(conversation_id, id);
CREATE INDEX conversations_agency ON conversations(agency_code, last_message_at);
CREATE INDEX audit_log_officer ON audit_log(officer_id, at);
)sql";

// The notifier's deliveries: one row per route tried for a notice or a queued reply ("leg"),
// with what the pure dispatch policy needs to decide again after a restart, and the marks that
// make a crash visible (an attempt still in flight when the process died may have reached the
// provider). A resend by an officer starts a new round of legs; the old ones stay as history.
// And where the e-mail channel's IMAP poller stands in each mailbox (UIDVALIDITY, last UID).
constexpr std::string_view kV6 = R"sql(
ALTER TABLE deliveries ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN last_attempt_at INTEGER;
ALTER TABLE deliveries ADD COLUMN accepted_at INTEGER;
ALTER TABLE deliveries ADD COLUMN receipt TEXT NOT NULL DEFAULT 'none';
ALTER TABLE deliveries ADD COLUMN retry_after_ms INTEGER;
ALTER TABLE deliveries ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN possible_duplicate INTEGER NOT NULL DEFAULT 0;
CREATE INDEX deliveries_outbox ON deliveries(outbox_id, round, id);
ALTER TABLE outbox ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN round_started_at INTEGER;
ALTER TABLE outbox ADD COLUMN agency_code TEXT;
CREATE INDEX outbox_due ON outbox(state, kind, next_attempt_at);
CREATE UNIQUE INDEX messages_out_key ON messages(channel, provider_message_id)
  WHERE direction = 'out' AND provider_message_id IS NOT NULL;
CREATE TABLE mail_cursors (
  mailbox TEXT PRIMARY KEY,
  uidvalidity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql";

// Officer inbox (issue 8): SLA clocks and escalations, canned replies. The clock of a
// conversation starts when it comes to officers (a hand-off or an officer taking it: the trigger
// sees status become 'officer'); handing it back and handing it off again starts a new cycle.
// Deadlines are computed in C++ on the working-day calendar, not stored.
constexpr std::string_view kV7 = R"sql(
CREATE TABLE inbox_sla (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
  started_at INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER
);
CREATE INDEX inbox_sla_open ON inbox_sla(resolved_at, started_at);
CREATE TABLE inbox_escalations (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  kind TEXT NOT NULL CHECK (kind IN ('first_response', 'resolution', 'complaint')),
  ticket_id INTEGER NOT NULL DEFAULT 0,
  at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, kind, ticket_id)
);
CREATE TRIGGER inbox_sla_start AFTER UPDATE OF status ON conversations
WHEN NEW.status = 'officer' AND OLD.status <> 'officer'
BEGIN
  INSERT INTO inbox_sla (conversation_id, started_at) VALUES (NEW.id, NEW.last_message_at)
    ON CONFLICT (conversation_id) DO UPDATE SET started_at = excluded.started_at,
      first_response_at = NULL, resolved_at = NULL;
  DELETE FROM inbox_escalations WHERE conversation_id = NEW.id AND kind <> 'complaint';
END;
INSERT INTO inbox_sla (conversation_id, started_at, first_response_at)
  SELECT c.id, c.opened_at, (SELECT min(m.at) FROM messages m JOIN message_log l ON l.seq = m.log_seq
                             WHERE m.conversation_id = c.id AND l.sender LIKE 'officer:%')
  FROM conversations c WHERE c.status = 'officer';
CREATE TABLE canned_replies (
  id INTEGER PRIMARY KEY,
  agency_code TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_by INTEGER REFERENCES officers(id),
  updated_at INTEGER NOT NULL,
  UNIQUE (agency_code, title)
);
)sql";

// Officer inbox (issue 8): the TOTP second factor's state beside officers.totp_secret (sealed;
// 'enabled' only once confirmed with a code; the last step used, so no code counts twice), and
// contact merges: which contacts an officer moved from which citizen to which, so an un-merge puts
// back exactly those (the conversations follow their contacts).
constexpr std::string_view kV8 = R"sql(
ALTER TABLE officers ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE officers ADD COLUMN totp_last_step INTEGER;
CREATE TABLE contact_merges (
  id INTEGER PRIMARY KEY,
  into_citizen_id INTEGER NOT NULL REFERENCES citizens(id),
  from_citizen_id INTEGER NOT NULL REFERENCES citizens(id),
  agency_code TEXT NOT NULL,
  merged_by INTEGER REFERENCES officers(id),
  merged_at INTEGER NOT NULL,
  unmerged_by INTEGER REFERENCES officers(id),
  unmerged_at INTEGER
);
CREATE INDEX contact_merges_into ON contact_merges(into_citizen_id, unmerged_at);
CREATE TABLE contact_merge_items (
  merge_id INTEGER NOT NULL REFERENCES contact_merges(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  PRIMARY KEY (merge_id, contact_id)
);
CREATE INDEX conversations_citizen ON conversations(citizen_id, agency_code);
)sql";

// Officer inbox (issue 8): files citizens sent with a message (e-mail attachments), written in
// the turn's transaction. A file the channel's policy did not keep is a row too, with its name,
// type, declared size and `dropped_reason` and no bytes, so officers see what is missing and why
// (the raw mail stays in message_log either way).
constexpr std::string_view kV9 = R"sql(
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT,
  bytes BLOB,
  dropped_reason TEXT,
  CHECK ((bytes IS NULL) = (dropped_reason IS NOT NULL))
);
CREATE INDEX attachments_message ON attachments(message_id);
)sql";

// E-mail bounces (delivery status notifications) name the Message-ID of the mail they report on;
// the e-mail adapter records it as the leg's provider id. Only e-mail legs are indexed.
constexpr std::string_view kV10 = R"sql(
CREATE INDEX deliveries_email_message_id ON deliveries(provider_message_id)
  WHERE channel = 'email' AND provider_message_id IS NOT NULL;
)sql";

}  // namespace

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "initial schema: citizens, contacts, conversations, messages, dossiers, outbox, "
       "deliveries, officers, audit log, ratings, data-message log",
       kV1},
      {2, "complaint tickets, notification preferences", kV2},
      {3, "outbox retry bookkeeping", kV3},
      {4, "public ids of outbox items", kV4},
      {5, "officer inbox notes and indexes", kV5},
      {6, "notifier deliveries: legs, rounds, receipts, in-flight marks; mail cursors", kV6},
      {7, "officer inbox: SLA clocks, escalations, canned replies", kV7},
      {8, "officer inbox: TOTP state, contact merges", kV8},
      {9, "attachments of messages, kept and dropped", kV9},
      {10, "e-mail legs found by Message-ID, for bounces", kV10},
  };
  return kMigrations;
}

int LatestSchemaVersion() {
  return SqliteMigrations().back().version;
}

int CurrentSchemaVersion(Db& db) {
  Stmt& s = db.Prepare("PRAGMA user_version");
  s.Step();
  return static_cast<int>(s.Int(0));
}

std::vector<int> Migrate(Db& db) {
  std::vector<int> applied;
  int current = CurrentSchemaVersion(db);
  if (current > LatestSchemaVersion()) {
    throw SqliteError(SQLITE_ERROR,
                      fmt::format("the database schema is version {}, newer than this binary's {}; "
                                  "run a newer caunoi",
                                  current, LatestSchemaVersion()));
  }
  for (const Migration& m : SqliteMigrations()) {
    if (m.version <= current) continue;
    db.Exec("BEGIN IMMEDIATE");
    try {
      db.Exec(m.sql);
      db.Exec(fmt::format("PRAGMA user_version = {}", m.version));
      db.Exec("COMMIT");
    } catch (...) {
      db.Exec("ROLLBACK");
      throw;
    }
    applied.push_back(m.version);
  }
  return applied;
}

}  // namespace gw::gateway::store
