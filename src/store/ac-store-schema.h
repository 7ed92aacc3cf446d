/* ac-store-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The forward migrations: migrations[N] takes a database from schema
 * version N to N + 1 (PRAGMA user_version).  Never edit one that has
 * shipped; add the next. */

static const char * const migrations[] = {
  /* 0 → 1: the backend contract's tables (Voice Bot Dashboard, section
   * 1.2), in SQLite types — ids are text (UUIDs; tickets TKT-000123),
   * times ISO 8601 UTC text, DECIMAL amounts decimal text, arrays and
   * objects JSON text — and the app's own: recordings, escalations,
   * dispositions, the outbox and counters; FTS5 over customers and
   * messages. */
  "CREATE TABLE customers ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  email TEXT,"
  "  phone TEXT,"
  "  phone_e164 TEXT,"
  "  account_number TEXT UNIQUE NOT NULL,"
  "  account_type TEXT NOT NULL,"
  "  balance TEXT NOT NULL DEFAULT '0',"
  "  currency TEXT NOT NULL DEFAULT 'USD',"
  "  status TEXT NOT NULL DEFAULT 'ACTIVE',"
  "  join_date TEXT,"
  "  risk_level TEXT NOT NULL DEFAULT 'LOW',"
  "  preferred_language TEXT NOT NULL DEFAULT 'en',"
  "  last_transaction_date TEXT,"
  "  kyc_status TEXT NOT NULL DEFAULT 'PENDING',"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX idx_customers_phone ON customers(phone_e164);"
  "CREATE TABLE conversations ("
  "  id TEXT PRIMARY KEY,"
  "  customer_id TEXT REFERENCES customers(id) ON DELETE SET NULL,"
  "  agent_id TEXT,"
  "  status TEXT NOT NULL DEFAULT 'ACTIVE',"
  "  start_time TEXT NOT NULL,"
  "  end_time TEXT,"
  "  duration INTEGER,"
  "  channel TEXT NOT NULL DEFAULT 'VOICE',"
  "  summary TEXT,"
  "  overall_sentiment TEXT,"
  "  resolution_status TEXT NOT NULL DEFAULT 'PENDING',"
  "  tags TEXT NOT NULL DEFAULT '[]',"
  "  disposition TEXT,"
  "  wrap_up_notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX idx_conversations_customer ON conversations(customer_id);"
  "CREATE INDEX idx_conversations_status ON conversations(status);"
  "CREATE TABLE messages ("
  "  id TEXT PRIMARY KEY,"
  "  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
  "  speaker TEXT NOT NULL CHECK (speaker IN ('customer', 'agent')),"
  "  content TEXT NOT NULL,"
  "  timestamp TEXT NOT NULL,"
  "  start_ms INTEGER NOT NULL,"
  "  end_ms INTEGER NOT NULL,"
  "  sentiment TEXT,"
  "  confidence REAL,"
  "  intent TEXT,"
  "  entities TEXT,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX idx_messages_conversation ON messages(conversation_id);"
  "CREATE INDEX idx_messages_timestamp ON messages(timestamp);"
  "CREATE TABLE sentiment_analysis ("
  "  id TEXT PRIMARY KEY,"
  "  message_id TEXT REFERENCES messages(id) ON DELETE CASCADE,"
  "  conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,"
  "  sentiment TEXT NOT NULL,"
  "  confidence REAL NOT NULL,"
  "  compound REAL,"
  "  emotions TEXT,"
  "  keywords TEXT,"
  "  risk_score REAL,"
  "  escalation_required INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX idx_sentiment_conversation ON sentiment_analysis(conversation_id);"
  "CREATE TABLE tickets ("
  "  id TEXT PRIMARY KEY,"
  "  conversation_id TEXT REFERENCES conversations(id) ON DELETE SET NULL,"
  "  customer_id TEXT REFERENCES customers(id) ON DELETE SET NULL,"
  "  title TEXT NOT NULL,"
  "  description TEXT,"
  "  category TEXT NOT NULL,"
  "  priority TEXT NOT NULL CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')),"
  "  status TEXT NOT NULL DEFAULT 'OPEN',"
  "  assigned_to TEXT,"
  "  resolution_notes TEXT,"
  "  sla_deadline TEXT,"
  "  tags TEXT NOT NULL DEFAULT '[]',"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  resolved_at TEXT"
  ");"
  "CREATE INDEX idx_tickets_status ON tickets(status);"
  "CREATE INDEX idx_tickets_priority ON tickets(priority);"
  "CREATE TABLE recordings ("
  "  id TEXT PRIMARY KEY,"
  "  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
  "  path TEXT NOT NULL,"
  "  duration_ms INTEGER,"
  "  pause_spans TEXT NOT NULL DEFAULT '[]',"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE escalations ("
  "  id TEXT PRIMARY KEY,"
  "  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
  "  message_id TEXT REFERENCES messages(id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  time_ms INTEGER NOT NULL,"
  "  acknowledged INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE dispositions ("
  "  code TEXT PRIMARY KEY,"
  "  label TEXT NOT NULL,"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id TEXT UNIQUE NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE counters ("
  "  name TEXT PRIMARY KEY,"
  "  value INTEGER NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE customers_fts USING fts5("
  "  name, email, phone, account_number, content='customers', content_rowid='rowid');"
  "CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN"
  "  INSERT INTO customers_fts(rowid, name, email, phone, account_number)"
  "  VALUES (new.rowid, new.name, new.email, new.phone, new.account_number);"
  "END;"
  "CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN"
  "  INSERT INTO customers_fts(customers_fts, rowid, name, email, phone, account_number)"
  "  VALUES ('delete', old.rowid, old.name, old.email, old.phone, old.account_number);"
  "END;"
  "CREATE TRIGGER customers_au AFTER UPDATE ON customers BEGIN"
  "  INSERT INTO customers_fts(customers_fts, rowid, name, email, phone, account_number)"
  "  VALUES ('delete', old.rowid, old.name, old.email, old.phone, old.account_number);"
  "  INSERT INTO customers_fts(rowid, name, email, phone, account_number)"
  "  VALUES (new.rowid, new.name, new.email, new.phone, new.account_number);"
  "END;"
  "CREATE VIRTUAL TABLE messages_fts USING fts5("
  "  content, content='messages', content_rowid='rowid');"
  "CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN"
  "  INSERT INTO messages_fts(rowid, content) VALUES (new.rowid, new.content);"
  "END;"
  "CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN"
  "  INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);"
  "END;"
  "INSERT INTO dispositions (code, label, position) VALUES"
  "  ('RESOLVED', 'Resolved', 0),"
  "  ('FOLLOW_UP', 'Follow-up needed', 1),"
  "  ('ESCALATED', 'Escalated', 2),"
  "  ('TRANSFERRED', 'Transferred', 3),"
  "  ('NO_ACTION', 'No action needed', 4),"
  "  ('DROPPED', 'Call dropped', 5);",

  /* 1 → 2: the digits of each customer's phone, for screen pops that
   * match a caller number however it was written (ac_digits() is the
   * app's own SQL function). */
  "ALTER TABLE customers ADD COLUMN phone_digits TEXT;"
  "UPDATE customers SET phone_digits = ac_digits(phone);"
  "CREATE INDEX idx_customers_phone_digits ON customers(phone_digits);",

  /* 2 → 3: the phone's digits reversed, indexed, so that a caller's
   * number is found by the end of a stored number (the store's rule, see
   * ac_phone_digits()) with an index range instead of a scan of every
   * customer (ac_reversed_digits() is the app's own SQL function). */
  "ALTER TABLE customers ADD COLUMN phone_reversed TEXT;"
  "UPDATE customers SET phone_reversed = ac_reversed_digits(phone);"
  "CREATE INDEX idx_customers_phone_reversed ON customers(phone_reversed);"
  "DROP INDEX idx_customers_phone_digits;",

  /* 3 → 4: customer search as the agent types is a prefix search; with
   * prefix indexes of 2 to 4 characters, FTS5 reads one list for “wagn*”
   * instead of merging the lists of every word that starts so (each email
   * address is a word of its own).  The triggers of migration 1 keep
   * filling it. */
  "DROP TABLE customers_fts;"
  "CREATE VIRTUAL TABLE customers_fts USING fts5("
  "  name, email, phone, account_number, content='customers', content_rowid='rowid',"
  "  prefix='2 3 4');"
  "INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');",

  /* 4 → 5: with a backend, the outbox keeps which server each item is
   * for, and remote_ids which server record a local call or ticket
   * became (the server picks its own ids). */
  "ALTER TABLE outbox ADD COLUMN server TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX idx_outbox_server ON outbox(server, id);"
  "CREATE TABLE remote_ids ("
  "  server TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  local_id TEXT NOT NULL,"
  "  remote_id TEXT NOT NULL,"
  "  PRIMARY KEY (server, kind, local_id)"
  ");",

  /* 5 → 6: After-Call Work can time out (Preferences → Wrap-Up): the call
   * is closed with the team's timeout disposition, marked so it is not
   * taken for the agent's choice. */
  "ALTER TABLE conversations ADD COLUMN wrap_up_timed_out INTEGER NOT NULL DEFAULT 0;"
  "INSERT OR IGNORE INTO dispositions (code, label, position) VALUES"
  "  ('NOT_CLASSIFIED', 'Not classified', (SELECT coalesce(max(position), -1) + 1 FROM dispositions));",

  /* 6 → 7: which speech engine and model heard each utterance (a call
   * heard by a service, then on this computer when the network went);
   * NULL for calls stored before. */
  "ALTER TABLE messages ADD COLUMN engine TEXT;"
  "ALTER TABLE messages ADD COLUMN model TEXT;",

  /* 7 → 8: the redacted spans of each utterance (its content is only ever
   * the masked text), as a JSON array (ac_utterance_redactions_to_json());
   * NULL when nothing was masked. */
  "ALTER TABLE messages ADD COLUMN redactions TEXT;",

  /* 8 → 9: the audit trail: who exported, played, deleted or purged what,
   * turned redaction off, signed in or out.  Append-only: the triggers
   * refuse to change or delete a row, from the app or anything else. */
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  subject TEXT,"
  "  detail TEXT"
  ");"
  "CREATE TRIGGER audit_log_kept BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;"
  "CREATE TRIGGER audit_log_not_deleted BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;",

  /* 9 → 10: the knowledge base: articles (by file name, with the hash of
   * what was imported, so a re-import skips what did not change), their
   * passages, FTS5 over title, heading and text (Porter stems, so
   * "charged" finds "charge"), and the agents' feedback on suggestions. */
  "CREATE TABLE kb_articles ("
  "  id INTEGER PRIMARY KEY,"
  "  file TEXT UNIQUE NOT NULL,"
  "  title TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  imported_at TEXT NOT NULL"
  ");"
  "CREATE TABLE kb_passages ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  heading TEXT,"
  "  text TEXT NOT NULL"
  ");"
  "CREATE INDEX idx_kb_passages_article ON kb_passages(article_id);"
  "CREATE VIRTUAL TABLE kb_fts USING fts5 (passage_id UNINDEXED, title, heading, text,"
  "  tokenize = 'porter unicode61');"
  "CREATE TABLE kb_feedback ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  file TEXT NOT NULL,"
  "  helpful INTEGER NOT NULL,"
  "  at TEXT NOT NULL"
  ");",
};
