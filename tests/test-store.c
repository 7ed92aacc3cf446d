/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local store on real sqlite files in a temporary folder: schema and
 * migrations, a damaged file set aside, hostile text, reading while
 * writing, and a writer killed (SIGKILL) in the middle of a call.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "ac-store.h"
#include "ac-store-schema.h"
#include "ac-test-utils.h"

typedef struct
{
  char  *dir;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ac-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_build_filename (fixture->dir, "nested", "agent-console.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->file);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
open_store (AcStore  *store,
            GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ac_store_open_async (store, NULL, on_done, &result);
  return ac_store_open_finish (store, wait_result (&result), error);
}

static char *
begin (AcStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  char *id = ac_store_new_id ();

  ac_store_begin_conversation_async (store, id, NULL, NULL, now, NULL, on_done, &result);
  g_assert_true (ac_store_begin_conversation_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
  return id;
}

static void
add (AcStore    *store,
     const char *conversation,
     guint       channel,
     gint64      start_ms,
     const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcUtterance) u = ac_utterance_new (channel, start_ms, start_ms + 1000, text, 0.75, TRUE);
  g_autoptr(AcSentiment) s = ac_sentiment_analyze (AC_SENTIMENT_MODEL_CONTACT_CENTER, text);

  ac_utterance_set_sentiment (u, s);
  /* As a call heard by a service, the agent's side on this computer. */
  ac_utterance_set_engine (u, channel == 0 ? "deepgram" : "pocketsphinx", channel == 0 ? NULL : "en-us");
  ac_store_add_message_async (store, conversation, u, NULL, on_done, &result);
  g_assert_true (ac_store_add_message_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
list (AcStore    *store,
      const char *conversation)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  ac_store_list_messages_async (store, conversation, NULL, on_done, &result);
  messages = ac_store_list_messages_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  return messages;
}

static char *
status_of (AcStore    *store,
           const char *conversation)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *status;

  ac_store_get_conversation_status_async (store, conversation, NULL, on_done, &result);
  status = ac_store_get_conversation_status_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  return status;
}

/* A second connection, as a reader or an older version of the app. */
static sqlite3 *
raw_open (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static char *
raw_query (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_store_new_file (Fixture       *fixture,
                     gconstpointer  data)
{
  AcStore *store = ac_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *tables = NULL;
  sqlite3 *db;

  g_assert_true (open_store (store, &error));
  g_assert_no_error (error);
  g_assert_null (ac_store_get_set_aside (store));
  ac_store_close (store);
  g_assert_finalize_object (store);

  db = raw_open (fixture->file);
  version = raw_query (db, "PRAGMA user_version");
  mode = raw_query (db, "PRAGMA journal_mode");
  tables = raw_query (db, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master "
                          "WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite%' ORDER BY name)");
  sqlite3_close (db);

  g_assert_cmpint (atoi (version), ==, AC_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpstr (tables, ==, "audit_log conversations counters customers dispositions escalations kb_articles "
                               "kb_feedback kb_passages messages outbox recordings remote_ids sentiment_analysis "
                               "tickets");
}

/* An older file is brought up to date; a newer one is refused and left
 * alone. */
static void
test_store_migrations (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  AcStore *store;
  sqlite3 *db;

  /* Version 0: a file from before the schema, with a table of its own. */
  g_mkdir_with_parents (folder, 0700);
  db = raw_open (fixture->file);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE scratch (x); INSERT INTO scratch VALUES (42);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ac_store_new (fixture->file);
  g_assert_true (open_store (store, &error));
  g_assert_no_error (error);
  ac_store_close (store);
  g_assert_finalize_object (store);

  db = raw_open (fixture->file);
  {
    g_autofree char *version = raw_query (db, "PRAGMA user_version");
    g_autofree char *kept = raw_query (db, "SELECT x FROM scratch");
    g_autofree char *codes = raw_query (db, "SELECT count(*) FROM dispositions");
    g_autofree char *last = raw_query (db, "SELECT code FROM dispositions ORDER BY position DESC LIMIT 1");

    g_assert_cmpint (atoi (version), ==, AC_STORE_SCHEMA_VERSION);
    g_assert_cmpstr (kept, ==, "42");
    /* The seeded six, then the timeout code of After-Call Work. */
    g_assert_cmpstr (codes, ==, "7");
    g_assert_cmpstr (last, ==, "NOT_CLASSIFIED");
  }

  /* From the future. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ac_store_new (fixture->file);
  g_assert_false (open_store (store, &error));
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_TOO_NEW);
  g_assert_null (ac_store_get_set_aside (store));
  ac_store_close (store);
  g_assert_finalize_object (store);

  db = raw_open (fixture->file);
  {
    g_autofree char *version = raw_query (db, "PRAGMA user_version");

    g_assert_cmpstr (version, ==, "99");
  }
  sqlite3_close (db);
}

static void
test_store_damaged_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  const char *garbage = "this is not a database, but it is somebody's data";
  AcStore *store;
  GFile *aside;

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  store = ac_store_new (fixture->file);
  g_test_expect_message ("ac-store", G_LOG_LEVEL_WARNING, "*not a database*");
  g_assert_true (open_store (store, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);

  /* The bad file is kept, under another name, byte for byte. */
  aside = ac_store_get_set_aside (store);
  g_assert_nonnull (aside);
  g_assert_nonnull (strstr (g_file_peek_path (aside), ".corrupt-"));
  g_assert_true (g_file_get_contents (g_file_peek_path (aside), &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, garbage);

  /* And a working database took its place. */
  {
    g_autofree char *id = begin (store);

    g_assert_nonnull (id);
  }
  ac_store_close (store);
  g_assert_finalize_object (store);
}

static void
test_store_hostile_text (Fixture       *fixture,
                         gconstpointer  data)
{
  AcStore *store = ac_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  GString *big = g_string_new (NULL);
  const char *texts[] = {
    "robert'); DROP TABLE messages; --",
    "quote \" and ' and ` and \\ backslash",
    "\xf0\x9f\x98\xa1 \xf0\x9f\x92\xb3 emoji only \xe2\x9c\x85",
    "",
  };

  g_assert_true (open_store (store, &error));
  id = begin (store);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    add (store, id, i % 2, i * 1000, texts[i]);
  while (big->len < 1024 * 1024)
    g_string_append (big, "a very long complaint that goes on and on ");
  add (store, id, 0, 10000, big->str);

  messages = list (store, id);
  g_assert_cmpuint (messages->len, ==, G_N_ELEMENTS (texts) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      AcUtterance *u = messages->pdata[i];

      g_assert_cmpstr (ac_utterance_get_text (u), ==, texts[i]);
      g_assert_cmpuint (ac_utterance_get_channel (u), ==, i % 2);
      g_assert_cmpint (ac_utterance_get_start_ms (u), ==, i * 1000);
      g_assert_cmpstr (ac_utterance_get_engine (u), ==, i % 2 == 0 ? "deepgram" : "pocketsphinx");
      g_assert_cmpstr (ac_utterance_get_model (u), ==, i % 2 == 0 ? NULL : "en-us");
    }
  g_assert_cmpstr (ac_utterance_get_text (messages->pdata[G_N_ELEMENTS (texts)]), ==, big->str);

  status = status_of (store, id);
  g_assert_cmpstr (status, ==, "ACTIVE");

  {
    g_autoptr(GAsyncResult) result = NULL;

    ac_store_end_conversation_async (store, id, 61500, "negative", NULL, on_done, &result);
    g_assert_true (ac_store_end_conversation_finish (store, wait_result (&result), &error));
    g_assert_no_error (error);
  }
  g_free (status);
  status = status_of (store, id);
  g_assert_cmpstr (status, ==, "COMPLETED");

  {
    g_autoptr(GAsyncResult) result = NULL;

    ac_store_end_conversation_async (store, "no-such-call", 0, NULL, NULL, on_done, &result);
    g_assert_false (ac_store_end_conversation_finish (store, wait_result (&result), &error));
    g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_NOT_FOUND);
  }

  /* What else a call has: its escalations and its recording. */
  {
    g_autoptr(GAsyncResult) a = NULL;
    g_autoptr(GAsyncResult) b = NULL;

    g_clear_error (&error);
    ac_store_add_escalation_async (store, id, "fraud", "Fraud “mentioned” at 0:12", 12000, FALSE,
                                   NULL, on_done, &a);
    g_assert_true (ac_store_add_escalation_finish (store, wait_result (&a), &error));
    ac_store_add_recording_async (store, id, "/tmp/call.ogg", 59000,
                                  "[{\"start_ms\":1000,\"end_ms\":3500}]", NULL, on_done, &b);
    g_assert_true (ac_store_add_recording_finish (store, wait_result (&b), &error));
    g_assert_no_error (error);
  }

  /* Acknowledged later; one never stored cannot be. */
  {
    g_autoptr(GAsyncResult) a = NULL;
    g_autoptr(GAsyncResult) b = NULL;

    ac_store_acknowledge_escalation_async (store, id, "fraud", 12000, NULL, on_done, &a);
    g_assert_true (ac_store_acknowledge_escalation_finish (store, wait_result (&a), &error));
    g_assert_no_error (error);
    ac_store_acknowledge_escalation_async (store, id, "risk", 99000, NULL, on_done, &b);
    g_assert_false (ac_store_acknowledge_escalation_finish (store, wait_result (&b), &error));
    g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  ac_store_close (store);
  g_assert_finalize_object (store);
  g_string_free (big, TRUE);

  /* The messages table is still there, with its sentiment rows. */
  {
    sqlite3 *db = raw_open (fixture->file);
    g_autofree char *n = raw_query (db, "SELECT count(*) FROM sentiment_analysis");
    g_autofree char *duration = raw_query (db, "SELECT duration FROM conversations");

    g_autofree char *reason = raw_query (db, "SELECT reason FROM escalations WHERE acknowledged = 1");
    g_autofree char *spans = raw_query (db, "SELECT pause_spans FROM recordings");

    g_assert_cmpstr (n, ==, "5");
    g_assert_cmpstr (duration, ==, "61");
    g_assert_cmpstr (reason, ==, "Fraud “mentioned” at 0:12");
    g_assert_cmpstr (spans, ==, "[{\"start_ms\":1000,\"end_ms\":3500}]");
    sqlite3_close (db);
  }
}

/* WAL: another connection reads while the store writes. */
static void
test_store_read_while_writing (Fixture       *fixture,
                               gconstpointer  data)
{
  AcStore *store = ac_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  sqlite3 *reader;

  g_assert_true (open_store (store, &error));
  id = begin (store);
  reader = raw_open (fixture->file);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *count = NULL;

      add (store, id, 0, i * 1000, "still waiting on the line");
      count = raw_query (reader, "SELECT count(*) FROM messages");
      g_assert_cmpint (atoi (count), ==, i + 1);
    }

  sqlite3_close (reader);
  ac_store_close (store);
  g_assert_finalize_object (store);
}

static GListModel *
search (AcStore    *store,
        const char *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *found;

  ac_store_search_customers_async (store, query, 10, NULL, on_done, &result);
  found = ac_store_search_customers_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  return found;
}

static const char *
first_account (GListModel *found)
{
  g_autoptr(AcCustomer) c = g_list_model_get_item (found, 0);

  return c != NULL ? g_intern_string (ac_customer_get_account_number (c)) : NULL;
}

/* A schema-1 file with customers gets its phone digits when migrated, and
 * customers are found by phone however written, by name prefix, by email
 * and by account, with no query syntax leaking through. */
static void
test_store_customers_search (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  AcStore *store;
  sqlite3 *db;

  g_mkdir_with_parents (folder, 0700);
  db = raw_open (fixture->file);
  g_assert_cmpint (sqlite3_exec (db, migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1;"
                                 "INSERT INTO customers (id, name, email, phone, account_number, account_type, created_at, updated_at) VALUES"
                                 " ('c1', 'Ada Lovelace', 'ada@example.com', '+1 (555) 123-4567', 'ACC-1', 'CHECKING', 'now', 'now'),"
                                 " ('c2', 'Adam Smith', 'adam@example.org', '0044 20 7946 0001', 'ACC-2', 'SAVINGS', 'now', 'now'),"
                                 " ('c3', 'Grace \"Amazing\" Hopper', NULL, NULL, 'ACC-3', 'BUSINESS', 'now', 'now');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ac_store_new (fixture->file);
  g_assert_true (open_store (store, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GListModel) a = search (store, "555.123.4567");
    g_autoptr(GListModel) b = search (store, "+15551234567");
    g_autoptr(GListModel) c = search (store, "+44 20 7946 0001");
    g_autoptr(GListModel) d = search (store, "ada");
    g_autoptr(GListModel) e = search (store, "adam@example");
    g_autoptr(GListModel) f = search (store, "ACC-3");
    g_autoptr(GListModel) g = search (store, "\"amazing\" OR *");
    g_autoptr(GListModel) h = search (store, "nobody here");
    g_autoptr(GListModel) i = search (store, "'); DROP TABLE customers; --");

    g_assert_cmpstr (first_account (a), ==, "ACC-1");
    g_assert_cmpuint (g_list_model_get_n_items (a), ==, 1);
    g_assert_cmpstr (first_account (b), ==, "ACC-1");
    g_assert_cmpstr (first_account (c), ==, "ACC-2");
    /* “ada” is a prefix of both Ada and Adam. */
    g_assert_cmpuint (g_list_model_get_n_items (d), ==, 2);
    g_assert_cmpstr (first_account (e), ==, "ACC-2");
    g_assert_cmpstr (first_account (f), ==, "ACC-3");
    g_assert_cmpuint (g_list_model_get_n_items (g), <=, 1);
    g_assert_cmpuint (g_list_model_get_n_items (h), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (i), ==, 0);
  }

  {
    g_autoptr(GListModel) all = search (store, "ada");
    g_autoptr(AcCustomer) ada = g_list_model_get_item (all, 0);

    g_assert_nonnull (ac_customer_get_field (ada, "email"));
  }

  ac_store_close (store);
  g_assert_finalize_object (store);

  db = raw_open (fixture->file);
  {
    g_autofree char *digits = raw_query (db, "SELECT phone_digits FROM customers WHERE id = 'c2'");

    g_assert_cmpstr (digits, ==, "442079460001");
  }
  sqlite3_close (db);
}

static AcTicket *
file_ticket (AcStore     *store,
             const char  *title,
             const char  *category,
             const char  *priority,
             const char  *description,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);

  if (title != NULL)
    g_hash_table_insert (fields, "title", (gpointer) title);
  g_hash_table_insert (fields, "category", (gpointer) category);
  g_hash_table_insert (fields, "priority", (gpointer) priority);
  if (description != NULL)
    g_hash_table_insert (fields, "description", (gpointer) description);

  ac_store_create_ticket_async (store, fields, NULL, on_done, &result);
  return ac_store_create_ticket_finish (store, wait_result (&result), error);
}

static GListModel *
tickets (AcStore    *store,
         const char *status,
         const char *priority,
         const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  ac_store_list_tickets_async (store, status, priority, NULL, text, NULL, on_done, &result);
  list = ac_store_list_tickets_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  return list;
}

/* Tickets: numbered in order, SLA deadlines from their priority, checked
 * before anything is written, filtered, moved on. */
static void
test_store_tickets (Fixture       *fixture,
                    gconstpointer  data)
{
  AcStore *store = ac_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcTicket) a = NULL;
  g_autoptr(AcTicket) b = NULL;
  g_autoptr(AcTicket) bad = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) due = NULL;

  g_assert_true (open_store (store, &error));

  a = file_ticket (store, "Card charged twice", "billing", "HIGH", "Two charges of 49.99 on 3 May", &error);
  g_assert_no_error (error);
  b = file_ticket (store, "Robert'); DROP TABLE tickets; --", "fraud", "URGENT", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ac_ticket_get_id (a), ==, "TKT-000001");
  g_assert_cmpstr (ac_ticket_get_id (b), ==, "TKT-000002");
  g_assert_cmpstr (ac_ticket_get_field (a, "status"), ==, "OPEN");
  g_assert_cmpstr (ac_ticket_get_field (b, "title"), ==, "Robert'); DROP TABLE tickets; --");

  created = g_date_time_new_from_iso8601 (ac_ticket_get_field (a, "created_at"), NULL);
  due = g_date_time_new_from_iso8601 (ac_ticket_get_field (a, "sla_deadline"), NULL);
  g_assert_cmpint (g_date_time_difference (due, created) / G_TIME_SPAN_HOUR, ==, AC_TICKET_SLA_HOURS_HIGH);

  /* Checked first: nothing is filed, the number is not used up. */
  bad = file_ticket (store, "  ", "billing", "HIGH", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  bad = file_ticket (store, "Title", "billing", "CRITICAL", NULL, &error);
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "CRITICAL"));
  g_clear_error (&error);

  {
    g_autoptr(AcTicket) c = file_ticket (store, "Address change", "general", "LOW", NULL, &error);

    g_assert_cmpstr (ac_ticket_get_id (c), ==, "TKT-000003");
  }

  {
    g_autoptr(GListModel) all = tickets (store, NULL, NULL, NULL);
    g_autoptr(GListModel) high = tickets (store, NULL, "HIGH", NULL);
    g_autoptr(GListModel) text = tickets (store, NULL, NULL, "charges OF");
    g_autoptr(GListModel) by_id = tickets (store, NULL, NULL, "tkt-000003");
    g_autoptr(GListModel) pattern = tickets (store, NULL, NULL, "%");
    g_autoptr(AcTicket) first = g_list_model_get_item (all, 0);

    g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
    /* Most urgent first. */
    g_assert_cmpstr (ac_ticket_get_id (first), ==, "TKT-000002");
    g_assert_cmpuint (g_list_model_get_n_items (high), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (text), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (by_id), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (pattern), ==, 0);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GListModel) resolved = NULL;
    g_autoptr(AcTicket) t = NULL;

    ac_store_update_ticket_async (store, "TKT-000001", "RESOLVED", "Refunded one charge", NULL,
                                  on_done, &result);
    g_assert_true (ac_store_update_ticket_finish (store, wait_result (&result), &error));
    resolved = tickets (store, "RESOLVED", NULL, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (resolved), ==, 1);
    t = g_list_model_get_item (resolved, 0);
    g_assert_cmpstr (ac_ticket_get_field (t, "resolution_notes"), ==, "Refunded one charge");
    g_assert_nonnull (ac_ticket_get_field (t, "resolved_at"));
  }

  {
    g_autoptr(GAsyncResult) result = NULL;

    ac_store_update_ticket_async (store, "TKT-999999", "CLOSED", NULL, NULL, on_done, &result);
    g_assert_false (ac_store_update_ticket_finish (store, wait_result (&result), &error));
    g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  ac_store_close (store);
  g_assert_finalize_object (store);
}

/* The child: writes a call's utterances, saying on stdout each one that
 * is committed, until it is killed. */
static GListModel *
history (AcStore    *store,
         const char *text,
         GDateTime  *since,
         const char *sentiment,
         const char *disposition)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *calls;

  ac_store_list_conversations_async (store, text, since, sentiment, disposition, NULL, 100, NULL,
                                     on_done, &result);
  calls = ac_store_list_conversations_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  return calls;
}

static void
finish_call (AcStore    *store,
             const char *conversation,
             const char *sentiment,
             const char *disposition,
             gboolean    timed_out)
{
  g_autoptr(GAsyncResult) ended = NULL;
  g_autoptr(GAsyncResult) wrapped = NULL;
  g_autoptr(GError) error = NULL;

  ac_store_end_conversation_async (store, conversation, 95500, sentiment, NULL, on_done, &ended);
  g_assert_true (ac_store_end_conversation_finish (store, wait_result (&ended), &error));
  ac_store_save_wrap_up_async (store, conversation, disposition, "notes", timed_out, NULL, on_done, &wrapped);
  g_assert_true (ac_store_save_wrap_up_finish (store, wait_result (&wrapped), &error));
  g_assert_no_error (error);
}

static AcPurgeCounts
purge (AcStore   *store,
       GDateTime *now,
       guint      recording_days,
       guint      transcript_days)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AcPurgeCounts counts = { 0, };

  ac_store_purge_async (store, now, recording_days, transcript_days, "agent@example.com", NULL, on_done,
                        &result);
  g_assert_true (ac_store_purge_finish (store, wait_result (&result), &counts, &error));
  g_assert_no_error (error);
  return counts;
}

static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return g_strstr_len (contents, length, text) != NULL;
}

/* Retention with an injected clock: recordings, then calls, deleted when
 * their time is up, overwritten in the file and out of the WAL; the audit
 * trail written for each and never rewritten. */
static void
test_store_privacy (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AcStore) store = ac_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) month = g_date_time_add_days (now, 30);
  g_autoptr(GDateTime) quarter = g_date_time_add_days (now, 100);
  g_autoptr(GDateTime) year = g_date_time_add_days (now, 400);
  g_autofree char *call = NULL;
  g_autofree char *recording = g_build_filename (fixture->dir, "call.ogg", NULL);
  g_autofree char *db_path = g_file_get_path (fixture->file);
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  g_autoptr(GPtrArray) audit = NULL;
  AcPurgeCounts counts;

  g_assert_true (open_store (store, &error));
  g_assert_true (g_file_set_contents (recording, "OggS", -1, NULL));

  call = begin (store);
  add (store, call, 0, 0, "my account was charged twice zanzibar");
  finish_call (store, call, "negative", "FOLLOW_UP", FALSE);
  {
    g_autoptr(GAsyncResult) result = NULL;

    ac_store_add_recording_async (store, call, recording, 95000, "[]", NULL, on_done, &result);
    g_assert_true (ac_store_add_recording_finish (store, wait_result (&result), &error));
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    ac_store_audit_async (store, "agent@example.com", "export", call, "as JSON", NULL, on_done, &result);
    g_assert_true (ac_store_audit_finish (store, wait_result (&result), &error));
    g_assert_no_error (error);
  }

  /* Nothing is old enough yet; 0 days keeps everything for ever. */
  counts = purge (store, month, 90, 365);
  g_assert_cmpuint (counts.recordings + counts.calls, ==, 0);
  counts = purge (store, year, 0, 0);
  g_assert_cmpuint (counts.recordings + counts.calls, ==, 0);
  g_assert_true (g_file_test (recording, G_FILE_TEST_EXISTS));

  /* After 90 days the recording goes, the call stays. */
  counts = purge (store, quarter, 90, 365);
  g_assert_cmpuint (counts.recordings, ==, 1);
  g_assert_cmpuint (counts.calls, ==, 0);
  g_assert_cmpuint (counts.files_missing, ==, 0);
  g_assert_false (g_file_test (recording, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GPtrArray) messages = list (store, call);

    g_assert_cmpuint (messages->len, ==, 1);
  }

  /* After a year the call goes, overwritten, the WAL emptied. */
  counts = purge (store, year, 90, 365);
  g_assert_cmpuint (counts.calls, ==, 1);
  {
    g_autoptr(GPtrArray) messages = list (store, call);

    g_assert_cmpuint (messages->len, ==, 0);
  }
  g_assert_false (file_holds (db_path, "zanzibar"));
  g_assert_false (file_holds (wal_path, "zanzibar"));

  /* The trail: the export and each purge, newest first. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    ac_store_list_audit_async (store, 0, NULL, on_done, &result);
    audit = ac_store_list_audit_finish (store, wait_result (&result), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (audit->len, ==, 5);
  g_assert_cmpstr (((AcAuditEntry *) audit->pdata[0])->action, ==, "purge");
  g_assert_nonnull (strstr (((AcAuditEntry *) audit->pdata[0])->detail, "1 calls"));
  g_assert_cmpstr (((AcAuditEntry *) audit->pdata[4])->action, ==, "export");
  g_assert_cmpstr (((AcAuditEntry *) audit->pdata[4])->actor, ==, "agent@example.com");
  g_assert_cmpstr (((AcAuditEntry *) audit->pdata[4])->subject, ==, call);

  /* and nothing, in the app or beside it, can rewrite it */
  {
    sqlite3 *db;

    g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET actor = 'someone'", NULL, NULL, NULL), !=,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (db);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) again = NULL;

    ac_store_list_audit_async (store, 2, NULL, on_done, &result);
    again = ac_store_list_audit_finish (store, wait_result (&result), &error);
    g_assert_cmpuint (again->len, ==, 2);
    g_assert_cmpstr (((AcAuditEntry *) again->pdata[0])->actor, ==, "agent@example.com");
  }
}

static const char *
call_field (GListModel *calls,
            guint       position,
            const char *column)
{
  g_autoptr(AcConversation) call = g_list_model_get_item (calls, position);

  g_assert_nonnull (call);
  /* The list holds the call, so its fields outlive this reference. */
  return ac_conversation_get_field (call, column);
}

/* The call history: newest first, with its recording and counts,
 * filtered by words said, customer name, time, sentiment and
 * disposition; what is typed is never query syntax. */
static void
test_store_history (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AcStore) store = ac_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GListModel) all = NULL;

  g_assert_true (open_store (store, &error));

  first = begin (store);
  add (store, first, 0, 0, "my card was charged twice");
  add (store, first, 1, 2000, "let me check that refund for you");
  finish_call (store, first, "negative", "FOLLOW_UP", FALSE);
  {
    g_autoptr(GAsyncResult) result = NULL;

    ac_store_add_recording_async (store, first, "/tmp/first.ogg", 95000, "[]", NULL, on_done, &result);
    g_assert_true (ac_store_add_recording_finish (store, wait_result (&result), &error));
  }

  g_usleep (2000);
  second = begin (store);
  add (store, second, 0, 0, "thank you that is wonderful");
  /* After-Call Work ran out of time: the team's code, marked. */
  finish_call (store, second, "positive", "NOT_CLASSIFIED", TRUE);

  all = history (store, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpstr (call_field (all, 0, "id"), ==, second);
  g_assert_cmpstr (call_field (all, 1, "id"), ==, first);
  g_assert_cmpstr (call_field (all, 1, "message_count"), ==, "2");
  g_assert_cmpstr (call_field (all, 1, "recording_path"), ==, "/tmp/first.ogg");
  g_assert_cmpstr (call_field (all, 1, "disposition"), ==, "FOLLOW_UP");
  g_assert_cmpstr (call_field (all, 1, "wrap_up_timed_out"), ==, "0");
  g_assert_cmpstr (call_field (all, 0, "disposition"), ==, "NOT_CLASSIFIED");
  g_assert_cmpstr (call_field (all, 0, "wrap_up_timed_out"), ==, "1");
  g_assert_cmpstr (call_field (all, 1, "duration"), ==, "95");
  g_assert_null (call_field (all, 0, "recording_path"));

  {
    g_autoptr(GListModel) found = history (store, "REFUND", NULL, NULL, NULL);
    g_autoptr(GListModel) prefix = history (store, "charg", NULL, NULL, NULL);
    g_autoptr(GListModel) none = history (store, "mortgage", NULL, NULL, NULL);
    g_autoptr(GListModel) hostile = history (store, "\"') OR 1=1; DROP TABLE messages; --", NULL, NULL, NULL);
    g_autoptr(GListModel) negative = history (store, NULL, NULL, "negative", NULL);
    g_autoptr(GListModel) resolved = history (store, NULL, NULL, NULL, "NOT_CLASSIFIED");
    g_autoptr(GListModel) blank = history (store, "   ", NULL, NULL, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
    g_assert_cmpstr (call_field (found, 0, "id"), ==, first);
    g_assert_cmpuint (g_list_model_get_n_items (prefix), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (hostile), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (negative), ==, 1);
    g_assert_cmpstr (call_field (negative, 0, "id"), ==, first);
    g_assert_cmpuint (g_list_model_get_n_items (resolved), ==, 1);
    g_assert_cmpstr (call_field (resolved, 0, "id"), ==, second);
    g_assert_cmpuint (g_list_model_get_n_items (blank), ==, 2);
  }

  /* The messages are all still there after the hostile search. */
  {
    g_autoptr(GPtrArray) messages = list (store, first);

    g_assert_cmpuint (messages->len, ==, 2);
  }

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) since = g_date_time_add_minutes (now, 1);
    g_autoptr(GListModel) future = history (store, NULL, since, NULL, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (future), ==, 0);
  }

  ac_store_close (store);
}

static AcCustomer *
create_customer (AcStore     *store,
                 const char  *name,
                 const char  *account,
                 const char  *email,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);

  if (name != NULL)
    g_hash_table_insert (fields, "name", (gpointer) name);
  if (account != NULL)
    g_hash_table_insert (fields, "account_number", (gpointer) account);
  if (email != NULL)
    g_hash_table_insert (fields, "email", (gpointer) email);
  g_hash_table_insert (fields, "account_type", "SAVINGS");
  g_hash_table_insert (fields, "phone", "+33 1 23 45 67 89");

  ac_store_create_customer_async (store, fields, NULL, on_done, &result);
  return ac_store_create_customer_finish (store, wait_result (&result), error);
}

/* A new customer from the unknown-caller form: checked first, stored as
 * given (hostile text too), never over a customer already stored, found
 * by the caller's number afterwards. */
static void
test_store_create_customer (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(AcStore) store = ac_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcCustomer) marie = NULL;
  g_autoptr(AcCustomer) again = NULL;
  g_autoptr(AcCustomer) nameless = NULL;
  g_autoptr(AcCustomer) bad_email = NULL;
  g_autoptr(GListModel) found = NULL;
  const char *hostile = "Robert'); DROP TABLE customers; -- 🙂";

  g_assert_true (open_store (store, &error));

  marie = create_customer (store, hostile, "ACC-9", "marie@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ac_customer_get_name (marie), ==, hostile);
  g_assert_cmpstr (ac_customer_get_field (marie, "status"), ==, "ACTIVE");
  g_assert_cmpstr (ac_customer_get_field (marie, "kyc_status"), ==, "PENDING");

  again = create_customer (store, "Someone Else", "ACC-9", NULL, &error);
  g_assert_null (again);
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ACC-9"));
  g_clear_error (&error);

  nameless = create_customer (store, "   ", "ACC-10", NULL, &error);
  g_assert_null (nameless);
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  bad_email = create_customer (store, "Ana", "ACC-11", "ana at example", &error);
  g_assert_null (bad_email);
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  found = search (store, "0033 1 23 45 67 89");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  ac_store_close (store);
}

static gboolean
keep_customer (AcStore     *store,
               const char  *id,
               const char  *name,
               const char  *account,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(AcCustomer) customer = NULL;

  g_hash_table_insert (fields, "id", g_strdup (id));
  g_hash_table_insert (fields, "name", g_strdup (name));
  g_hash_table_insert (fields, "account_number", g_strdup (account));
  g_hash_table_insert (fields, "account_type", g_strdup ("CHECKING"));
  g_hash_table_insert (fields, "phone", g_strdup ("+15551234567"));
  customer = ac_customer_new (fields);

  ac_store_keep_customer_async (store, customer, NULL, on_done, &result);
  return ac_store_keep_customer_finish (store, wait_result (&result), error);
}

/* A server's customer kept here under the server's id: found by phone,
 * updated when kept again, never over another customer's account. */
static void
test_store_keep_customer (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AcStore) store = ac_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(AcCustomer) local = NULL;

  g_assert_true (open_store (store, &error));

  g_assert_true (keep_customer (store, "c-1", "Ada Lovelace", "ACC-1", &error));
  g_assert_no_error (error);
  found = search (store, "+1 (555) 123-4567");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  {
    g_autoptr(AcCustomer) c = g_list_model_get_item (found, 0);

    g_assert_cmpstr (ac_customer_get_id (c), ==, "c-1");
  }

  g_assert_true (keep_customer (store, "c-1", "Ada King", "ACC-1", &error));
  again = search (store, "5551234567");
  g_assert_cmpuint (g_list_model_get_n_items (again), ==, 1);
  {
    g_autoptr(AcCustomer) c = g_list_model_get_item (again, 0);

    g_assert_cmpstr (ac_customer_get_name (c), ==, "Ada King");
  }

  local = create_customer (store, "Marie Curie", "ACC-7", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (keep_customer (store, "c-3", "Someone Else", "ACC-7", &error));
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);

  ac_store_close (store);
}

static GPtrArray *
dispositions (AcStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *codes;

  ac_store_list_dispositions_async (store, NULL, on_done, &result);
  codes = ac_store_list_dispositions_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  return codes;
}

static gboolean
change_disposition (AcStore     *store,
                    gboolean     add,
                    const char  *what,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (add)
    ac_store_add_disposition_async (store, what, NULL, on_done, &result);
  else
    ac_store_remove_disposition_async (store, what, NULL, on_done, &result);
  wait_result (&result);
  if (add)
    return ac_store_add_disposition_finish (store, result, error);
  return ac_store_remove_disposition_finish (store, result, error);
}

/* The team's dispositions: added last with a code made from the name,
 * never twice, removed down to one. */
static void
test_store_dispositions (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(AcStore) store = ac_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seeded = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *code = ac_disposition_code_for_label ("  Rückruf: vereinbart! ");

  g_assert_cmpstr (code, ==, "RUCKRUF_VEREINBART");
  g_assert_null (ac_disposition_code_for_label ("—?!"));

  g_assert_true (open_store (store, &error));
  seeded = dispositions (store);
  g_assert_cmpuint (seeded->len, ==, 7);
  g_assert_cmpstr (((char **) seeded->pdata[6])[0], ==, "NOT_CLASSIFIED");

  g_assert_true (change_disposition (store, TRUE, "Callback booked", &error));
  g_assert_no_error (error);
  added = dispositions (store);
  g_assert_cmpuint (added->len, ==, 8);
  g_assert_cmpstr (((char **) added->pdata[7])[0], ==, "CALLBACK_BOOKED");
  g_assert_cmpstr (((char **) added->pdata[7])[1], ==, "Callback booked");

  g_assert_false (change_disposition (store, TRUE, "callback  BOOKED", &error));
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (change_disposition (store, TRUE, "   ", &error));
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  for (guint i = 0; i < added->len - 1; i++)
    {
      g_assert_true (change_disposition (store, FALSE, ((char **) added->pdata[i])[0], &error));
      g_assert_no_error (error);
    }
  /* The last one stays: a call must be closable. */
  g_assert_false (change_disposition (store, FALSE, "CALLBACK_BOOKED", &error));
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (change_disposition (store, FALSE, "NO_SUCH_CODE", &error));
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) left = dispositions (store);

    g_assert_cmpuint (left->len, ==, 1);
  }

  ac_store_close (store);
}

static int
crash_child (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AcStore) store = ac_store_new (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (!open_store (store, &error))
    return 1;

  id = begin (store);
  printf ("conversation %s\n", id);
  fflush (stdout);

  for (guint i = 0; ; i++)
    {
      add (store, id, i % 2, i * 1000, "my card was stolen and nobody is helping");
      printf ("committed %u\n", i + 1);
      fflush (stdout);
    }

  return 0;
}

static void
test_store_killed_mid_call (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (fixture->file);
  const char *argv[] = { g_test_get_filename (G_TEST_BUILT, "test-store", NULL), "--crash-child",
                         path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) out = NULL;
  g_autofree char *conversation = NULL;
  guint committed = 0;
  GPid pid;
  int out_fd;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  out = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (out, TRUE);
  while (committed < 200)
    {
      g_autofree char *line = NULL;

      g_assert_cmpint (g_io_channel_read_line (out, &line, NULL, NULL, &error), ==, G_IO_STATUS_NORMAL);
      if (g_str_has_prefix (line, "conversation "))
        conversation = g_strstrip (g_strdup (line + 13));
      else if (g_str_has_prefix (line, "committed "))
        committed = atoi (line + 10);
    }

  /* Killed in the middle of writing. */
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);

  {
    AcStore *store = ac_store_new (fixture->file);
    g_autoptr(GPtrArray) messages = NULL;
    g_autofree char *status = NULL;

    g_assert_true (open_store (store, &error));
    g_assert_no_error (error);
    g_assert_null (ac_store_get_set_aside (store));
    g_assert_cmpuint (ac_store_get_interrupted_count (store), ==, 1);

    /* Everything reported committed is there, and the call says what
     * happened to it. */
    messages = list (store, conversation);
    g_assert_cmpuint (messages->len, >=, committed);
    status = status_of (store, conversation);
    g_assert_cmpstr (status, ==, "INTERRUPTED");

    ac_store_close (store);
    g_assert_finalize_object (store);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2]);

  ac_test_init (&argc, &argv);

  g_test_add ("/store/new-file", Fixture, NULL, fixture_set_up, test_store_new_file, fixture_tear_down);
  g_test_add ("/store/migrations", Fixture, NULL, fixture_set_up, test_store_migrations, fixture_tear_down);
  g_test_add ("/store/damaged-file", Fixture, NULL, fixture_set_up, test_store_damaged_file,
              fixture_tear_down);
  g_test_add ("/store/hostile-text", Fixture, NULL, fixture_set_up, test_store_hostile_text,
              fixture_tear_down);
  g_test_add ("/store/read-while-writing", Fixture, NULL, fixture_set_up,
              test_store_read_while_writing, fixture_tear_down);
  g_test_add ("/store/customers-search", Fixture, NULL, fixture_set_up, test_store_customers_search,
              fixture_tear_down);
  g_test_add ("/store/tickets", Fixture, NULL, fixture_set_up, test_store_tickets, fixture_tear_down);
  g_test_add ("/store/history", Fixture, NULL, fixture_set_up, test_store_history, fixture_tear_down);
  g_test_add ("/store/privacy", Fixture, NULL, fixture_set_up, test_store_privacy, fixture_tear_down);
  g_test_add ("/store/create-customer", Fixture, NULL, fixture_set_up, test_store_create_customer,
              fixture_tear_down);
  g_test_add ("/store/keep-customer", Fixture, NULL, fixture_set_up, test_store_keep_customer,
              fixture_tear_down);
  g_test_add ("/store/dispositions", Fixture, NULL, fixture_set_up, test_store_dispositions,
              fixture_tear_down);
  g_test_add ("/store/killed-mid-call", Fixture, NULL, fixture_set_up, test_store_killed_mid_call,
              fixture_tear_down);

  return g_test_run ();
}
