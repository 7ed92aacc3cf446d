/* test-backend-sync.c
 *
 * The offline outbox against the test backend and a real sqlite file:
 * the server away during a call, then back; the app quitting with
 * changes waiting, then starting again; a change the server refuses.
 * Every utterance reaches the server exactly once, in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ac-backend-sync.h"
#include "ac-test-backend.h"
#include "ac-test-utils.h"

typedef struct
{
  char            *dir;
  AcStore         *store;
  AcTestBackend   *backend;
  AcBackendClient *client;
  char            *ws_url;
  GPtrArray       *refused;
  GPtrArray       *tickets;
} Fixture;

static guint other_warnings;

/* The outbox warns about what the server refuses: expected here. */
static void
log_handler (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        data)
{
  if ((level & G_LOG_LEVEL_WARNING) && g_strcmp0 (domain, "ac-backend") != 0)
    other_warnings++;
  g_log_default_handler (domain, level, message, data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autofree char *path = NULL;

  other_warnings = 0;
  fixture->dir = g_dir_make_tmp ("ac-sync-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "agent-console.db", NULL);
  file = g_file_new_for_path (path);
  fixture->store = ac_store_new (file);
  ac_store_open_async (fixture->store, NULL, ac_test_keep_result, &result);
  g_assert_true (ac_store_open_finish (fixture->store, ac_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  fixture->backend = ac_test_backend_new ();
  fixture->client = ac_backend_client_new (ac_test_backend_get_api_url (fixture->backend), NULL, &error);
  g_assert_no_error (error);
  ac_backend_client_set_timeout (fixture->client, 3);
  ac_backend_client_login_async (fixture->client, AC_TEST_BACKEND_EMAIL, AC_TEST_BACKEND_PASSWORD, NULL,
                                 ac_test_keep_result, &result);
  tokens = ac_backend_client_login_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  fixture->ws_url = ac_backend_derive_websocket_url (ac_test_backend_get_api_url (fixture->backend));
  fixture->refused = g_ptr_array_new_with_free_func (g_free);
  fixture->tickets = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "agent-console.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* A request an outbox cancelled as it went still holds the client until
   * its answer is dispatched, an iteration or a few later on a loaded
   * machine. */
  while (G_OBJECT (fixture->client)->ref_count > 1 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (fixture->client);
  ac_test_backend_free (fixture->backend);
  ac_store_close (fixture->store);
  g_assert_finalize_object (fixture->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->ws_url);
  g_ptr_array_unref (fixture->refused);
  g_ptr_array_unref (fixture->tickets);
  g_assert_cmpuint (other_warnings, ==, 0);
}

static void
on_refused (AcBackendSync *sync,
            const char    *kind,
            const char    *reason,
            Fixture       *fixture)
{
  g_ptr_array_add (fixture->refused, g_strconcat (kind, ": ", reason, NULL));
}

static void
on_filed (AcBackendSync *sync,
          const char    *client_id,
          AcTicket      *ticket,
          Fixture       *fixture)
{
  g_ptr_array_add (fixture->tickets, g_object_ref (ticket));
}

static AcBackendSync *
new_sync (Fixture *fixture)
{
  AcBackendSync *sync = ac_backend_sync_new (fixture->store, fixture->client, fixture->ws_url, "u-1");

  ac_backend_sync_set_backoff (sync, 50, 400);
  ac_backend_sync_set_heartbeat (sync, 1000, 2500);
  g_signal_connect (sync, "item-refused", G_CALLBACK (on_refused), fixture);
  g_signal_connect (sync, "ticket-filed", G_CALLBACK (on_filed), fixture);
  ac_backend_sync_start (sync);
  return sync;
}

/* Connected (so the outbox was read) with nothing left to send. */
static gboolean
nothing_waiting (AcBackendSync *sync)
{
  return ac_backend_sync_get_state (sync) == AC_BACKEND_SYNC_CONNECTED && ac_backend_sync_get_n_waiting (sync) == 0;
}

static gboolean
waiting_for_server (AcBackendSync *sync)
{
  return ac_backend_sync_get_state (sync) == AC_BACKEND_SYNC_WAITING;
}

static void
say (AcBackendSync *sync,
     const char    *call,
     guint          n)
{
  g_autofree char *id = g_strdup_printf ("%s-utterance-%u", call, n);
  g_autofree char *text = g_strdup_printf ("utterance %u", n);

  ac_backend_sync_add_utterance (sync, call, id, n % 2 ? AC_AUDIO_CHANNEL_AGENT : AC_AUDIO_CHANNEL_CUSTOMER, text);
}

static void
assert_room (Fixture    *fixture,
             const char *remote,
             guint       n)
{
  g_auto(GStrv) stored = ac_test_backend_dup_messages (fixture->backend, remote);

  g_assert_cmpuint (g_strv_length (stored), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s: utterance %u", i % 2 ? "agent" : "customer", i);

      g_assert_cmpstr (stored[i], ==, expected);
    }
}

static guint
outbox_length (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  ac_store_outbox_list_async (fixture->store, ac_test_backend_get_api_url (fixture->backend), NULL,
                              ac_test_keep_result, &result);
  items = ac_store_outbox_list_finish (fixture->store, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return items->len;
}

/* Ended on the server: the contract's way (ENDED, the server's own end
 * time and duration), or, for a backend of document 000 alone, its way
 * (COMPLETED with the call's duration). */
static void
assert_completed (Fixture    *fixture,
                  const char *remote,
                  const char *duration)
{
  g_autofree char *row = ac_test_backend_dup_conversation (fixture->backend, remote);
  g_autofree char *expected = g_strdup_printf ("\"duration\":%s", duration);

  g_assert_nonnull (row);
  if (duration != NULL)
    {
      g_assert_nonnull (strstr (row, "\"status\":\"COMPLETED\""));
      g_assert_nonnull (strstr (row, expected));
    }
  else
    {
      g_assert_nonnull (strstr (row, "\"status\":\"ENDED\""));
      g_assert_null (strstr (row, "\"end_time\":null"));
    }
}

/* The server there all along: the call, its utterances, its end, a
 * ticket that points at the server's id of the call. */
static void
test_sync_online (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AcBackendSync) sync = new_sync (fixture);
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  const char *remote;

  ac_backend_sync_begin_call (sync, "call-1", "c-1", "VOICE");
  for (guint i = 0; i < 5; i++)
    say (sync, "call-1", i);
  ac_backend_sync_end_call (sync, "call-1", 95, "NEGATIVE", NULL, NULL, FALSE);
  /* After-call work, after the end. */
  ac_backend_sync_wrap_up (sync, "call-1", "FOLLOW_UP", "Call back Monday", FALSE);
  g_hash_table_insert (fields, "title", "Refund the second charge");
  g_hash_table_insert (fields, "category", "BILLING");
  g_hash_table_insert (fields, "priority", "HIGH");
  g_hash_table_insert (fields, "customer_id", "c-1");
  g_hash_table_insert (fields, "conversation_id", "call-1");
  ac_backend_sync_file_ticket (sync, "ticket-1", fields);
  g_assert_cmpuint (ac_backend_sync_get_n_waiting (sync), ==, 9);

  ac_test_wait_for (nothing_waiting, sync, 10000);
  remote = ac_backend_sync_get_remote_id (sync, "call-1");
  g_assert_nonnull (remote);
  assert_room (fixture, remote, 5);
  assert_completed (fixture, remote, NULL);
  {
    g_autofree char *row = ac_test_backend_dup_conversation (fixture->backend, remote);

    g_assert_nonnull (strstr (row, "\"disposition\":\"FOLLOW_UP\""));
    g_assert_nonnull (strstr (row, "\"summary\":\"Call back Monday\""));
    g_assert_nonnull (strstr (row, "\"resolution_status\":\"PENDING\""));
  }
  g_assert_cmpuint (fixture->tickets->len, ==, 1);
  g_assert_cmpstr (ac_ticket_get_field (g_ptr_array_index (fixture->tickets, 0), "conversation_id"), ==, remote);
  g_assert_cmpuint (ac_backend_sync_get_state (sync), ==, AC_BACKEND_SYNC_CONNECTED);
  g_assert_cmpuint (outbox_length (fixture), ==, 0);
  g_assert_cmpuint (fixture->refused->len, ==, 0);
}

/* The server goes away mid-call and comes back: everything said while it
 * was away arrives, once, in order, and the call's end after it. */
static void
test_sync_server_down (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AcBackendSync) sync = new_sync (fixture);
  const char *remote;

  ac_backend_sync_begin_call (sync, "call-2", "c-1", NULL);
  for (guint i = 0; i < 4; i++)
    say (sync, "call-2", i);
  ac_test_wait_for (nothing_waiting, sync, 10000);

  ac_test_backend_restart (fixture->backend, 3000);
  for (guint i = 4; i < 12; i++)
    say (sync, "call-2", i);
  ac_backend_sync_end_call (sync, "call-2", 61, NULL, "RESOLVED", NULL, TRUE);
  ac_test_wait_for (waiting_for_server, sync, 5000);
  g_assert_cmpuint (ac_backend_sync_get_n_waiting (sync), ==, 9);
  /* Kept on disk while the server is away. */
  g_assert_cmpuint (outbox_length (fixture), ==, 9);

  ac_test_wait_for (nothing_waiting, sync, 20000);
  remote = ac_backend_sync_get_remote_id (sync, "call-2");
  assert_room (fixture, remote, 12);
  assert_completed (fixture, remote, NULL);
  g_assert_cmpuint (outbox_length (fixture), ==, 0);
}

/* The app quits with changes waiting; the next start sends them. */
static void
test_sync_resume (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AcBackendSync) first = new_sync (fixture);
  g_autoptr(AcBackendSync) second = NULL;
  g_autofree char *remote = NULL;

  /* A backend of document 000 alone: the call ends its way. */
  ac_test_backend_set_document_000 (fixture->backend, TRUE);
  ac_backend_sync_begin_call (first, "call-3", "c-3", NULL);
  for (guint i = 0; i < 3; i++)
    say (first, "call-3", i);
  ac_test_wait_for (nothing_waiting, first, 10000);
  remote = g_strdup (ac_backend_sync_get_remote_id (first, "call-3"));

  ac_test_backend_restart (fixture->backend, 4000);
  for (guint i = 3; i < 6; i++)
    say (first, "call-3", i);
  ac_backend_sync_end_call (first, "call-3", 30, NULL, NULL, NULL, FALSE);
  ac_test_wait_for (waiting_for_server, first, 5000);
  g_assert_cmpuint (outbox_length (fixture), ==, 4);
  g_assert_finalize_object (g_steal_pointer (&first));

  second = new_sync (fixture);
  ac_test_wait_for (nothing_waiting, second, 20000);
  /* It knew the call's server id from the store. */
  g_assert_cmpstr (ac_backend_sync_get_remote_id (second, "call-3"), ==, remote);
  assert_room (fixture, remote, 6);
  assert_completed (fixture, remote, "30");
  g_assert_cmpuint (outbox_length (fixture), ==, 0);
}

/* A ticket the server refuses is set aside with the reason; the next
 * goes through. */
static void
test_sync_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AcBackendSync) sync = new_sync (fixture);
  g_autoptr(GHashTable) bad = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) good = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (bad, "title", "Whenever");
  g_hash_table_insert (bad, "category", "GENERAL");
  g_hash_table_insert (bad, "priority", "SOMEDAY");
  g_hash_table_insert (good, "title", "Send new card");
  g_hash_table_insert (good, "category", "CARD");
  g_hash_table_insert (good, "priority", "LOW");
  ac_backend_sync_file_ticket (sync, "ticket-bad", bad);
  ac_backend_sync_file_ticket (sync, "ticket-good", good);
  ac_test_wait_for (nothing_waiting, sync, 10000);

  g_assert_cmpuint (fixture->refused->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (fixture->refused, 0), "ticket: "));
  g_assert_cmpuint (fixture->tickets->len, ==, 1);
  g_assert_cmpuint (ac_test_backend_get_n_tickets (fixture->backend), ==, 1);
  /* Still in the store, with why. */
  g_assert_cmpuint (outbox_length (fixture), ==, 1);

  /* The server's number for the one it took, none for the other; and so
   * after a restart, read back from the store. */
  g_assert_cmpstr (ac_backend_sync_get_remote_ticket_id (sync, "ticket-good"), ==,
                   ac_ticket_get_id (g_ptr_array_index (fixture->tickets, 0)));
  g_assert_null (ac_backend_sync_get_remote_ticket_id (sync, "ticket-bad"));
  {
    g_autoptr(AcBackendSync) again = new_sync (fixture);

    ac_test_wait_for (ac_backend_sync_is_loaded, again, 5000);
    g_assert_cmpstr (ac_backend_sync_get_remote_ticket_id (again, "ticket-good"), ==,
                     ac_ticket_get_id (g_ptr_array_index (fixture->tickets, 0)));
    g_assert_null (ac_backend_sync_get_remote_ticket_id (again, "ticket-bad"));
    ac_test_wait_for (nothing_waiting, again, 10000);
  }
}

/* Customers the server answered with are remembered, across restarts;
 * one made here is not the server's. */
static void
test_sync_customers (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AcBackendSync) first = new_sync (fixture);
  g_autoptr(AcBackendSync) second = NULL;

  ac_test_wait_for (nothing_waiting, first, 10000);
  g_assert_false (ac_backend_sync_is_server_customer (first, "c-1"));
  g_assert_false (ac_backend_sync_is_server_customer (first, NULL));
  ac_backend_sync_note_customer (first, "c-1");
  ac_backend_sync_note_customer (first, "c-1");
  g_assert_true (ac_backend_sync_is_server_customer (first, "c-1"));
  g_assert_false (ac_backend_sync_is_server_customer (first, "made-here"));
  g_clear_object (&first);

  second = new_sync (fixture);
  ac_test_wait_for (ac_backend_sync_is_loaded, second, 5000);
  g_assert_true (ac_backend_sync_is_server_customer (second, "c-1"));
  g_assert_false (ac_backend_sync_is_server_customer (second, "made-here"));
  ac_test_wait_for (nothing_waiting, second, 10000);
}

/* Idle, the link still notices the server going away, and coming back. */
static void
test_sync_idle_probe (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AcBackendSync) sync = new_sync (fixture);
  guint before;

  ac_test_wait_for (nothing_waiting, sync, 10000);
  before = ac_test_backend_get_n_requests (fixture->backend, "/health");
  ac_backend_sync_set_probe_interval (sync, 100);
  ac_test_backend_restart (fixture->backend, 1500);
  ac_test_wait_for (waiting_for_server, sync, 5000);
  ac_test_wait_for (nothing_waiting, sync, 10000);
  g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, "/health"), >, before);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  g_log_set_default_handler (log_handler, NULL);

  g_test_add ("/backend-sync/online", Fixture, NULL, fixture_set_up, test_sync_online, fixture_tear_down);
  g_test_add ("/backend-sync/server-down", Fixture, NULL, fixture_set_up, test_sync_server_down, fixture_tear_down);
  g_test_add ("/backend-sync/resume", Fixture, NULL, fixture_set_up, test_sync_resume, fixture_tear_down);
  g_test_add ("/backend-sync/refused", Fixture, NULL, fixture_set_up, test_sync_refused, fixture_tear_down);
  g_test_add ("/backend-sync/idle-probe", Fixture, NULL, fixture_set_up, test_sync_idle_probe, fixture_tear_down);
  g_test_add ("/backend-sync/customers", Fixture, NULL, fixture_set_up, test_sync_customers, fixture_tear_down);

  return g_test_run ();
}
