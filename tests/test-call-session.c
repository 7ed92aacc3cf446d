/* test-call-session.c
 *
 * One call's session: what it tells, once each and in order, and the
 * record store that keeps it in a real sqlite file, with no window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ac-call-record-store.h"
#include "ac-call-session.h"
#include "ac-customer-search.h"
#include "ac-ticket-desk.h"
#include "ac-test-utils.h"

typedef struct
{
  GPtrArray *utterances;
  GPtrArray *escalations;
  GPtrArray *acknowledged;
  guint      ended;
  char      *wrap_up;
} Told;

static void
on_utterance (AcCallSession *session,
              AcUtterance   *utterance,
              Told          *told)
{
  g_ptr_array_add (told->utterances, g_strdup (ac_utterance_get_text (utterance)));
}

static void
on_escalation (AcCallSession *session,
               AcEscalation  *escalation,
               Told          *told)
{
  g_ptr_array_add (told->escalations, g_strdup (ac_escalation_kind_to_nick (ac_escalation_get_kind (escalation))));
}

static void
on_acknowledged (AcCallSession *session,
                 AcEscalation  *escalation,
                 Told          *told)
{
  g_ptr_array_add (told->acknowledged, g_strdup (ac_escalation_kind_to_nick (ac_escalation_get_kind (escalation))));
}

static void
on_ended (AcCallSession *session,
          Told          *told)
{
  told->ended++;
}

static void
on_wrapped_up (AcCallSession *session,
               const char    *disposition,
               const char    *notes,
               gboolean       timed_out,
               Told          *told)
{
  g_free (told->wrap_up);
  told->wrap_up = g_strdup_printf ("%s|%s|%s", disposition != NULL ? disposition : "(none)", notes,
                                   timed_out ? "timed out" : "chosen");
}

static void
told_init (Told          *told,
           AcCallSession *session)
{
  told->utterances = g_ptr_array_new_with_free_func (g_free);
  told->escalations = g_ptr_array_new_with_free_func (g_free);
  told->acknowledged = g_ptr_array_new_with_free_func (g_free);
  told->ended = 0;
  told->wrap_up = NULL;
  g_signal_connect (session, "utterance", G_CALLBACK (on_utterance), told);
  g_signal_connect (session, "escalation", G_CALLBACK (on_escalation), told);
  g_signal_connect (session, "escalation-acknowledged", G_CALLBACK (on_acknowledged), told);
  g_signal_connect (session, "ended", G_CALLBACK (on_ended), told);
  g_signal_connect (session, "wrapped-up", G_CALLBACK (on_wrapped_up), told);
}

static void
told_clear (Told *told)
{
  g_ptr_array_unref (told->utterances);
  g_ptr_array_unref (told->escalations);
  g_ptr_array_unref (told->acknowledged);
  g_free (told->wrap_up);
}

static char *
joined (GPtrArray *texts)
{
  g_ptr_array_add (texts, NULL);
  {
    char *result = g_strjoinv (",", (char **) texts->pdata);

    g_ptr_array_remove_index (texts, texts->len - 1);
    return result;
  }
}

/* Partials are not told; each final once, also one replacing its partial
 * and one after the end; nothing after close. */
static void
test_session_tells (void)
{
  AcCallSession *session = ac_call_session_new (NULL, "", NULL, NULL);
  AcTranscript *transcript = ac_call_session_get_transcript (session);
  g_autoptr(AcUtterance) partial = ac_utterance_new (0, 0, 1000, "there are payments", 0.5, FALSE);
  g_autoptr(AcUtterance) fraud = ac_utterance_new (0, 0, 3000, "there are payments on my card i did not make",
                                                   0.9, TRUE);
  g_autoptr(AcUtterance) agent = ac_utterance_new (1, 3500, 5000, "let me look at that for you", 0.9, TRUE);
  g_autoptr(AcUtterance) gas = ac_utterance_new (0, 6000, 8000, "and i can smell gas", 0.9, TRUE);
  g_autoptr(AcUtterance) late = ac_utterance_new (1, 9000, 9500, "goodbye", 0.9, TRUE);
  g_autoptr(AcUtterance) after = ac_utterance_new (1, 9600, 9900, "another call", 0.9, TRUE);
  g_autofree char *said = NULL;
  g_autofree char *raised = NULL;
  g_autofree char *seen = NULL;
  Told told;

  told_init (&told, session);
  g_assert_cmpstr (ac_call_session_get_channel (session), ==, "VOICE");
  g_assert_null (ac_call_session_get_caller_number (session));
  g_assert_true (g_uuid_string_is_valid (ac_call_session_get_id (session)));

  ac_utterance_analyze (partial, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, partial);
  g_assert_cmpuint (told.utterances->len, ==, 0);
  ac_utterance_analyze (fraud, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, fraud);
  ac_utterance_analyze (agent, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, agent);
  ac_utterance_analyze (gas, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, gas);
  /* The same final again is not a new utterance. */
  ac_utterance_analyze (agent, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, agent);

  ac_call_session_acknowledge_escalations (session);
  ac_call_session_acknowledge_escalations (session);
  g_assert_null (ac_escalations_get_pending (ac_call_session_get_escalations (session)));

  g_assert_null (ac_call_session_get_overall_sentiment (session));
  ac_call_session_end (session, 9000);
  ac_call_session_end (session, 12000);
  g_assert_true (ac_call_session_get_ended (session));
  g_assert_cmpint (ac_call_session_get_duration_ms (session), ==, 9000);
  g_assert_cmpstr (ac_call_session_get_overall_sentiment (session), ==, "negative");

  ac_utterance_analyze (late, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, late);
  ac_call_session_wrap_up (session, "FOLLOW_UP", NULL, FALSE);
  ac_call_session_close (session);
  ac_utterance_analyze (after, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, after);

  said = joined (told.utterances);
  raised = joined (told.escalations);
  seen = joined (told.acknowledged);
  g_assert_cmpstr (said, ==, "there are payments on my card i did not make,let me look at that for you,"
                             "and i can smell gas,goodbye");
  g_assert_cmpstr (raised, ==, "fraud,safety");
  g_assert_cmpstr (seen, ==, "fraud,safety");
  g_assert_cmpuint (told.ended, ==, 1);
  g_assert_cmpstr (told.wrap_up, ==, "FOLLOW_UP||chosen");

  told_clear (&told);
  g_assert_finalize_object (session);
}

static void
test_session_customer (void)
{
  g_autoptr(AcCallSession) session = ac_call_session_new ("REPLAY", "+15551234567", NULL, NULL);
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AcCustomer) ada = NULL;
  g_autoptr(AcCustomer) again = NULL;
  guint notified = 0;

  g_hash_table_insert (fields, "id", "c1");
  g_hash_table_insert (fields, "name", "Ada Lovelace");
  ada = ac_customer_new (fields);
  again = ac_customer_new (fields);

  g_assert_cmpstr (ac_call_session_get_channel (session), ==, "REPLAY");
  g_assert_cmpstr (ac_call_session_get_caller_number (session), ==, "+15551234567");
  ac_test_count_notify (session, "customer", &notified);
  ac_call_session_set_customer (session, ada);
  ac_call_session_set_customer (session, again);
  g_assert_true (ac_call_session_get_customer (session) == ada);
  g_assert_cmpuint (notified, ==, 1);
}

/* One text read from a second connection, as another program would. */
static char *
query (GFile      *db,
       const char *sql)
{
  sqlite3 *conn = NULL;
  sqlite3_stmt *stmt = NULL;
  char *found = NULL;

  if (sqlite3_open (g_file_peek_path (db), &conn) == SQLITE_OK &&
      sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (conn);
  return found;
}

static void
on_failed (AcCallRecordStore *records,
           const GError      *error,
           guint             *failures)
{
  (*failures)++;
}

/* A test's database file, its WAL and folder, once the store is closed. */
static void
remove_database (GFile      *db,
                 const char *dir)
{
  g_autofree char *wal = g_strconcat (g_file_peek_path (db), "-wal", NULL);
  g_autofree char *shm = g_strconcat (g_file_peek_path (db), "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_file_delete (db, NULL, NULL);
  g_rmdir (dir);
}

/* The record store keeps all a session tells in a real database file,
 * with no window. */
static void
test_record_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ac-test-call-session-XXXXXX", &error);
  g_autoptr(GFile) db = g_file_new_build_filename (dir, "agent-console.db", NULL);
  g_autoptr(AcStore) store = ac_store_new (db);
  g_autoptr(AcCallRecordStore) records = NULL;
  g_autoptr(AcCallSession) session = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(AcCustomer) customer = NULL;
  g_autoptr(AcUtterance) fraud = ac_utterance_new (0, 0, 3000, "there are payments on my card i did not make",
                                                   0.9, TRUE);
  g_autoptr(AcUtterance) agent = ac_utterance_new (1, 3500, 5000, "let me look at that for you", 0.9, TRUE);
  g_autofree char *sql = NULL;
  g_autofree char *row = NULL;
  guint failures = 0;

  ac_store_open_async (store, NULL, ac_test_keep_result, &opened);
  g_assert_true (ac_store_open_finish (store, ac_test_wait_result (&opened), &error));
  g_assert_no_error (error);

  g_hash_table_insert (fields, "name", "Ada Lovelace");
  g_hash_table_insert (fields, "phone", "+1 555 123 4567");
  g_hash_table_insert (fields, "account_number", "ACC-1");
  g_hash_table_insert (fields, "account_type", "SAVINGS");
  ac_store_create_customer_async (store, fields, NULL, ac_test_keep_result, &created);
  customer = ac_store_create_customer_finish (store, ac_test_wait_result (&created), &error);
  g_assert_no_error (error);

  records = ac_call_record_store_new (store);
  g_signal_connect (records, "failed", G_CALLBACK (on_failed), &failures);
  session = ac_call_session_new (NULL, "+15551234567", NULL, NULL);
  ac_call_record_store_add_call (records, session);

  ac_utterance_analyze (fraud, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (ac_call_session_get_transcript (session), fraud);
  ac_call_session_set_customer (session, customer);
  ac_utterance_analyze (agent, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (ac_call_session_get_transcript (session), agent);
  ac_call_session_acknowledge_escalations (session);
  ac_call_session_end (session, 5000);
  /* A card number typed into the notes is masked as a spoken one is. */
  ac_call_session_wrap_up (session, "RESOLVED", "refunded to 4111 1111 1111 1111", FALSE);

  /* Written in order on the store's worker: closing waits for them all. */
  ac_store_close (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (failures, ==, 0);

  sql = g_strdup_printf ("SELECT v.status || '|' || v.channel || '|' || c.account_number || '|' || "
                         "v.duration || '|' || v.overall_sentiment || '|' || v.disposition || '|' || "
                         "v.wrap_up_notes || '|' || v.wrap_up_timed_out "
                         "FROM conversations v JOIN customers c ON c.id = v.customer_id "
                         "WHERE v.id = '%s'", ac_call_session_get_id (session));
  row = query (db, sql);
  g_assert_cmpstr (row, ==, "COMPLETED|VOICE|ACC-1|5|negative|RESOLVED|refunded to [card ••••1111]|0");
  g_free (sql);
  g_free (row);

  sql = g_strdup_printf ("SELECT group_concat(speaker || ':' || content, '/') FROM "
                         "(SELECT * FROM messages WHERE conversation_id = '%s' ORDER BY start_ms)",
                         ac_call_session_get_id (session));
  row = query (db, sql);
  g_assert_cmpstr (row, ==, "customer:there are payments on my card i did not make/"
                            "agent:let me look at that for you");
  g_free (sql);
  g_free (row);

  sql = g_strdup_printf ("SELECT group_concat(kind || ':' || acknowledged, ',') FROM escalations "
                         "WHERE conversation_id = '%s'", ac_call_session_get_id (session));
  row = query (db, sql);
  g_assert_cmpstr (row, ==, "fraud:1");

  g_clear_object (&records);
  g_clear_object (&store);
  remove_database (db, dir);
}

/* With no server, the local store answers; the newest search wins; with
 * neither, the search says so instead of answering nothing. */
static void
test_customer_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ac-test-customer-search-XXXXXX", &error);
  g_autoptr(GFile) db = g_file_new_build_filename (dir, "agent-console.db", NULL);
  g_autoptr(AcStore) store = ac_store_new (db);
  g_autoptr(AcCustomerSearch) search = ac_customer_search_new ();
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) lonely = NULL;
  g_autoptr(AcCustomer) ada = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) none = NULL;

  /* Neither a store nor a server. */
  ac_customer_search_run_async (search, "Ada", ac_test_keep_result, &lonely);
  none = ac_customer_search_run_finish (search, ac_test_wait_result (&lonely), &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  ac_store_open_async (store, NULL, ac_test_keep_result, &opened);
  g_assert_true (ac_store_open_finish (store, ac_test_wait_result (&opened), &error));
  g_hash_table_insert (fields, "name", "Ada Lovelace");
  g_hash_table_insert (fields, "phone", "+1 555 123 4567");
  g_hash_table_insert (fields, "account_number", "ACC-1");
  g_hash_table_insert (fields, "account_type", "SAVINGS");
  ac_store_create_customer_async (store, fields, NULL, ac_test_keep_result, &created);
  ada = ac_store_create_customer_finish (store, ac_test_wait_result (&created), &error);
  g_assert_no_error (error);
  ac_customer_search_set_store (search, store);

  /* A search for a name, replaced at once by a screen pop's number. */
  ac_customer_search_run_async (search, "Grace", ac_test_keep_result, &first);
  ac_customer_search_run_async (search, "(555) 123-4567", ac_test_keep_result, &second);
  found = ac_customer_search_run_finish (search, ac_test_wait_result (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  {
    g_autoptr(AcCustomer) got = g_list_model_get_item (found, 0);

    g_assert_cmpstr (ac_customer_get_id (got), ==, ac_customer_get_id (ada));
  }
  g_assert_null (ac_customer_search_run_finish (search, ac_test_wait_result (&first), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  ac_store_close (store);
  g_clear_object (&search);
  g_clear_object (&store);
  remove_database (db, dir);
}

/* A ticket is filed in the store (with no server, nowhere else); what the
 * store refuses, or no store, is an error the form can show. */
static void
test_ticket_desk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ac-test-ticket-desk-XXXXXX", &error);
  g_autoptr(GFile) db = g_file_new_build_filename (dir, "agent-console.db", NULL);
  g_autoptr(AcStore) store = ac_store_new (db);
  g_autoptr(AcTicketDesk) desk = ac_ticket_desk_new ();
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) nowhere = NULL;
  g_autoptr(GAsyncResult) filed = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(AcTicket) ticket = NULL;
  g_autoptr(AcTicket) none = NULL;

  g_hash_table_insert (fields, "title", "Card blocked after travel");
  g_hash_table_insert (fields, "description", "Customer read her card number 5555 5555 5555 4444 to me");
  g_hash_table_insert (fields, "category", "CARD");
  g_hash_table_insert (fields, "priority", "HIGH");

  ac_ticket_desk_file_async (desk, fields, NULL, ac_test_keep_result, &nowhere);
  g_assert_null (ac_ticket_desk_file_finish (desk, ac_test_wait_result (&nowhere), &error));
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_CLOSED);
  g_clear_error (&error);

  ac_store_open_async (store, NULL, ac_test_keep_result, &opened);
  g_assert_true (ac_store_open_finish (store, ac_test_wait_result (&opened), &error));
  ac_ticket_desk_set_store (desk, store);

  ac_ticket_desk_file_async (desk, fields, NULL, ac_test_keep_result, &filed);
  ticket = ac_ticket_desk_file_finish (desk, ac_test_wait_result (&filed), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ac_ticket_get_id (ticket), ==, "TKT-000001");
  /* typed, and masked as said: the caller's fields left as they were */
  g_assert_cmpstr (ac_ticket_get_field (ticket, "description"), ==, "Customer read her card number [card ••••4444] to me");
  g_assert_cmpstr (g_hash_table_lookup (fields, "description"), ==,
                   "Customer read her card number 5555 5555 5555 4444 to me");

  /* Listed with no server: the store's list alone, and no reason to give. */
  {
    g_autoptr(GAsyncResult) listed = NULL;
    g_autoptr(GListModel) local = NULL;
    g_autoptr(GListModel) remote = NULL;
    g_autoptr(GError) server_error = NULL;
    g_autoptr(GListModel) merged = NULL;
    g_autoptr(GListStore) server = g_list_store_new (AC_TYPE_TICKET);
    g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GHashTable) local_only = g_hash_table_new (NULL, NULL);
    g_autoptr(GHashTable) row = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(AcTicket) theirs = NULL;
    g_autoptr(AcTicket) first = NULL;

    ac_ticket_desk_list_async (desk, NULL, NULL, NULL, NULL, NULL, ac_test_keep_result, &listed);
    local = ac_ticket_desk_list_finish (desk, ac_test_wait_result (&listed), &remote, &server_error, &error);
    g_assert_no_error (error);
    g_assert_null (remote);
    g_assert_null (server_error);
    g_assert_cmpuint (g_list_model_get_n_items (local), ==, 1);

    /* Merged with a server's list: its urgent ticket first, then the
     * store's, which the server does not have yet. */
    g_hash_table_insert (row, "id", "T-77");
    g_hash_table_insert (row, "title", "Chargeback");
    g_hash_table_insert (row, "priority", "URGENT");
    g_hash_table_insert (row, "status", "OPEN");
    g_hash_table_insert (row, "customer_id", "c-9");
    theirs = ac_ticket_new (row);
    g_list_store_append (server, theirs);
    g_hash_table_insert (names, g_strdup ("c-9"), g_strdup ("Grace Hopper"));
    merged = ac_ticket_desk_merge (desk, local, G_LIST_MODEL (server), names, local_only);
    g_assert_cmpuint (g_list_model_get_n_items (merged), ==, 2);
    first = g_list_model_get_item (merged, 0);
    g_assert_cmpstr (ac_ticket_get_id (first), ==, "T-77");
    g_assert_cmpstr (ac_ticket_get_field (first, "customer_name"), ==, "Grace Hopper");
    g_assert_cmpuint (g_hash_table_size (local_only), ==, 1);
  }

  g_hash_table_insert (fields, "priority", "SOMEDAY");
  ac_ticket_desk_file_async (desk, fields, NULL, ac_test_keep_result, &refused);
  none = ac_ticket_desk_file_finish (desk, ac_test_wait_result (&refused), &error);
  g_assert_null (none);
  g_assert_error (error, AC_STORE_ERROR, AC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  ac_store_close (store);
  g_clear_object (&desk);
  g_clear_object (&store);
  remove_database (db, dir);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/call-session/tells", test_session_tells);
  g_test_add_func ("/call-session/customer", test_session_customer);
  g_test_add_func ("/call-session/record-store", test_record_store);
  g_test_add_func ("/call-session/customer-search", test_customer_search);
  g_test_add_func ("/call-session/ticket-desk", test_ticket_desk);

  return g_test_run ();
}
