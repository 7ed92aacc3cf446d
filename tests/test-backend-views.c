/* test-backend-views.c
 *
 * The Tickets and Call History windows signed in to the test backend,
 * with a real sqlite file.  Tickets: the server's (filed here or
 * elsewhere) and the ones filed here that are not on the server yet, each
 * once; the server's kept as they are there; the store's shown, saying
 * so, when the server cannot answer or nobody is signed in.  History: a
 * call that went to the server gets the backend's scores back on its
 * timeline, and says what the server holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ac-backend-sync.h"
#include "ac-test-backend.h"
#include "ac-test-utils.h"
#include "ac-history-window.h"
#include "ac-tickets-window.h"

typedef struct
{
  char            *dir;
  AcStore         *store;
  AcTestBackend   *backend;
  AcBackendClient *client;
  AcBackendSync   *sync;
  char            *ws_url;
  char            *filed_here;     /* the store's id, sent to the server */
  char            *filed_remote;   /* the server's id of it */
  char            *not_sent;       /* the store's id, never sent */
} Fixture;

static guint other_warnings;

/* The outbox warns about what the server refuses: expected here; any
 * other warning fails the test at its end. */
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
keep_customer (Fixture    *fixture,
               const char *id,
               const char *name)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AcCustomer) customer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (fields, "id", (gpointer) id);
  g_hash_table_insert (fields, "name", (gpointer) name);
  g_hash_table_insert (fields, "account_number", (gpointer) id);
  g_hash_table_insert (fields, "account_type", "CHECKING");
  customer = ac_customer_new (fields);
  ac_store_keep_customer_async (fixture->store, customer, NULL, ac_test_keep_result, &result);
  g_assert_true (ac_store_keep_customer_finish (fixture->store, ac_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static AcTicket *
store_ticket (Fixture    *fixture,
              const char *title,
              const char *priority,
              const char *customer_id)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AcTicket *ticket;

  g_hash_table_insert (fields, "title", (gpointer) title);
  g_hash_table_insert (fields, "category", "ACCOUNT");
  g_hash_table_insert (fields, "priority", (gpointer) priority);
  g_hash_table_insert (fields, "customer_id", (gpointer) customer_id);
  ac_store_create_ticket_async (fixture->store, fields, NULL, ac_test_keep_result, &result);
  ticket = ac_store_create_ticket_finish (fixture->store, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return ticket;
}

static void
on_filed (AcBackendSync *sync,
          const char    *client_id,
          AcTicket      *ticket,
          Fixture       *fixture)
{
  if (g_strcmp0 (client_id, fixture->filed_here) == 0)
    fixture->filed_remote = g_strdup (ac_ticket_get_id (ticket));
}

static gboolean
filed (Fixture *fixture)
{
  return fixture->filed_remote != NULL;
}

static gboolean
connected (AcBackendSync *sync)
{
  return ac_backend_sync_get_state (sync) == AC_BACKEND_SYNC_CONNECTED && ac_backend_sync_get_n_waiting (sync) == 0;
}

static gboolean
gone (gpointer *pointer)
{
  return *pointer == NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AcTicket) elsewhere = NULL;
  g_autoptr(AcTicket) here = NULL;
  g_autoptr(AcTicket) waiting = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("ac-views-XXXXXX", &error);
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
  g_clear_object (&result);
  fixture->ws_url = ac_backend_derive_websocket_url (ac_test_backend_get_api_url (fixture->backend));

  /* A ticket a colleague filed on the server, for a customer this
   * computer knows from a screen pop. */
  keep_customer (fixture, "c-1", "Ada Lovelace");
  keep_customer (fixture, "c-3", "Grace Hopper");
  g_hash_table_insert (fields, "title", "Card blocked abroad");
  g_hash_table_insert (fields, "category", "CARD");
  g_hash_table_insert (fields, "priority", "HIGH");
  g_hash_table_insert (fields, "customer_id", "c-1");
  ac_backend_client_create_ticket_async (fixture->client, "colleague-ticket-1", fields, NULL, ac_test_keep_result,
                                         &result);
  elsewhere = ac_backend_client_create_ticket_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&elsewhere);
  /* And one for a customer this computer has never seen. */
  g_hash_table_insert (fields, "title", "Update mailing address");
  g_hash_table_insert (fields, "category", "ACCOUNT");
  g_hash_table_insert (fields, "priority", "LOW");
  g_hash_table_insert (fields, "customer_id", "c-2");
  ac_backend_client_create_ticket_async (fixture->client, "colleague-ticket-2", fields, NULL, ac_test_keep_result,
                                         &result);
  elsewhere = ac_backend_client_create_ticket_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);

  fixture->sync = ac_backend_sync_new (fixture->store, fixture->client, fixture->ws_url, "u-1");
  ac_backend_sync_set_backoff (fixture->sync, 50, 400);
  g_signal_connect (fixture->sync, "ticket-filed", G_CALLBACK (on_filed), fixture);
  ac_backend_sync_start (fixture->sync);

  /* One filed here and sent; one filed here that never was. */
  here = store_ticket (fixture, "Refund the duplicate charge", "MEDIUM", "c-1");
  fixture->filed_here = g_strdup (ac_ticket_get_id (here));
  {
    g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_insert (sent, "title", (gpointer) ac_ticket_get_field (here, "title"));
    g_hash_table_insert (sent, "category", (gpointer) ac_ticket_get_field (here, "category"));
    g_hash_table_insert (sent, "priority", (gpointer) ac_ticket_get_field (here, "priority"));
    g_hash_table_insert (sent, "customer_id", "c-1");
    ac_backend_sync_file_ticket (fixture->sync, fixture->filed_here, sent);
  }
  ac_test_wait_for (filed, fixture, 10000);
  ac_test_wait_for (connected, fixture->sync, 10000);
  waiting = store_ticket (fixture, "Close the old savings account", "LOW", "c-3");
  fixture->not_sent = g_strdup (ac_ticket_get_id (waiting));

  g_assert_cmpuint (ac_test_backend_get_n_tickets (fixture->backend), ==, 3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "agent-console.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  /* A probe of the server may hold it a moment longer. */
  g_object_add_weak_pointer (G_OBJECT (fixture->sync), (gpointer *) &fixture->sync);
  g_object_unref (fixture->sync);
  ac_test_wait_for (gone, &fixture->sync, 5000);
  g_assert_finalize_object (fixture->client);
  ac_test_backend_free (fixture->backend);
  /* Closed windows' last listings still hold it until they are told. */
  ac_store_close (fixture->store);
  g_object_add_weak_pointer (G_OBJECT (fixture->store), (gpointer *) &fixture->store);
  g_object_unref (fixture->store);
  ac_test_wait_for (gone, &fixture->store, 5000);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->ws_url);
  g_free (fixture->filed_here);
  g_free (fixture->filed_remote);
  g_free (fixture->not_sent);
  g_assert_cmpuint (other_warnings, ==, 0);
}

/* A list read after @before, with @n tickets. */
static gboolean
listed (gpointer *args)
{
  GListModel *model = ac_tickets_window_get_tickets (args[0]);

  return model != NULL && model != args[1] && g_list_model_get_n_items (model) == GPOINTER_TO_UINT (args[2]);
}

static GListModel *
wait_list (AcTicketsWindow *window,
           guint            n)
{
  gpointer args[] = { window, ac_tickets_window_get_tickets (window), GUINT_TO_POINTER (n) };

  ac_test_wait_for (listed, args, 10000);
  return ac_tickets_window_get_tickets (window);
}

static AcTicket *
find_ticket (GListModel *model,
             const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AcTicket) ticket = g_list_model_get_item (model, i);

      if (g_strcmp0 (ac_ticket_get_id (ticket), id) == 0)
        return ticket;
    }
  return NULL;
}

static AcTicket *
find_titled (GListModel *model,
             const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AcTicket) ticket = g_list_model_get_item (model, i);

      if (g_strcmp0 (ac_ticket_get_field (ticket, "title"), title) == 0)
        return ticket;
    }
  return NULL;
}

static GtkWidget *
find_in (gpointer    widget,
         const char *name)
{
  GtkWidget *found = ac_test_find_widget (GTK_WIDGET (widget), name);

  if (found == NULL)
    g_error ("No widget named “%s”", name);
  return found;
}

static gboolean
selected_is (gpointer *args)
{
  AcTicket *selected = ac_tickets_window_get_selected (args[0]);

  return ac_tickets_window_get_tickets (args[0]) != args[2] &&
         selected != NULL && g_strcmp0 (ac_ticket_get_id (selected), args[1]) == 0;
}

/* Chooses the store's @id; the window shows @shown (the server's id of
 * it once sent). */
static void
select_ticket (AcTicketsWindow *window,
               const char      *id,
               const char      *shown)
{
  gpointer args[] = { window, (gpointer) shown, ac_tickets_window_get_tickets (window) };

  ac_tickets_window_select (window, id);
  ac_test_wait_for (selected_is, args, 10000);
}

static gboolean
names_customer (AcTicketsWindow *window)
{
  AcTicket *ticket = find_titled (ac_tickets_window_get_tickets (window), "Update mailing address");

  return ticket != NULL && g_strcmp0 (ac_ticket_get_field (ticket, "customer_name"), "Adam Smith") == 0;
}

/* Every ticket once: the colleague's and the one filed here as the
 * server has them (its numbers), the unsent one from the store, marked;
 * the server's cannot be changed here, the unsent one can. */
static void
test_tickets_server_merged (Fixture       *fixture,
                            gconstpointer  data)
{
  AcTicketsWindow *window = ac_tickets_window_new (fixture->store);
  GListModel *model;
  AcTicket *ticket;

  ac_tickets_window_set_backend_sync (window, fixture->sync);
  gtk_window_present (GTK_WINDOW (window));
  model = wait_list (window, 4);

  /* The colleague's, with the name this computer knows. */
  ticket = find_titled (model, "Card blocked abroad");
  g_assert_nonnull (ticket);
  g_assert_cmpstr (ac_ticket_get_field (ticket, "priority"), ==, "HIGH");
  g_assert_cmpstr (ac_ticket_get_field (ticket, "customer_name"), ==, "Ada Lovelace");

  /* Filed here: once, under the server's number. */
  ticket = find_titled (model, "Refund the duplicate charge");
  g_assert_nonnull (ticket);
  g_assert_cmpstr (ac_ticket_get_id (ticket), ==, fixture->filed_remote);
  g_assert_cmpstr (ac_backend_sync_get_remote_ticket_id (fixture->sync, fixture->filed_here), ==,
                   fixture->filed_remote);

  /* Never sent: the store's, under its own number. */
  ticket = find_titled (model, "Close the old savings account");
  g_assert_nonnull (ticket);
  g_assert_cmpstr (ac_ticket_get_id (ticket), ==, fixture->not_sent);
  g_assert_cmpstr (ac_ticket_get_field (ticket, "customer_name"), ==, "Grace Hopper");

  /* A customer this computer did not know: named by the server, and
   * kept here. */
  ac_test_wait_for (names_customer, window, 10000);
  model = ac_tickets_window_get_tickets (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) found = NULL;

    ac_store_search_customers_async (fixture->store, "Adam Smith", 5, NULL, ac_test_keep_result, &result);
    found = ac_store_search_customers_finish (fixture->store, ac_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  }

  /* Open ones by urgency: HIGH, MEDIUM, LOW. */
  {
    g_autoptr(AcTicket) first = g_list_model_get_item (model, 0);
    g_autoptr(AcTicket) last = g_list_model_get_item (model, 3);

    g_assert_cmpstr (ac_ticket_get_field (first, "title"), ==, "Card blocked abroad");
    g_assert_cmpstr (ac_ticket_get_field (last, "title"), ==, "Close the old savings account");
  }
  g_assert_false (gtk_widget_get_visible (find_in (window, "ticket-source")));

  /* The server's: shown, not editable. */
  select_ticket (window, fixture->filed_here, fixture->filed_remote);
  g_assert_false (gtk_widget_get_sensitive (find_in (window, "ticket-status")));
  g_assert_false (gtk_widget_get_visible (find_in (window, "save-ticket")));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (find_in (window, "resolution-notes"))));

  /* Not sent: the store's, editable as before. */
  select_ticket (window, fixture->not_sent, fixture->not_sent);
  g_assert_cmpstr (ac_ticket_get_field (ac_tickets_window_get_selected (window), "title"), ==,
                   "Close the old savings account");
  g_assert_true (gtk_widget_get_sensitive (find_in (window, "ticket-status")));
  g_assert_true (gtk_widget_get_visible (find_in (window, "save-ticket")));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (find_in (window, "resolution-notes"))));

  /* What the agent types stays when the list is read again by itself. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_in (window, "resolution-notes")));
    g_autofree char *kept = NULL;
    GtkTextIter start, end;

    gtk_text_buffer_set_text (buffer, "Closing once the balance is moved", -1);
    g_assert_true (gtk_widget_get_sensitive (find_in (window, "save-ticket")));
    ac_tickets_window_reload (window);
    wait_list (window, 4);
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    kept = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (kept, ==, "Closing once the balance is moved");
    g_assert_cmpstr (ac_ticket_get_id (ac_tickets_window_get_selected (window)), ==, fixture->not_sent);
  }

  /* The filters go to the server too: were they applied here only, its
   * MEDIUM ticket would be listed. */
  {
    guint before = ac_test_backend_get_n_requests (fixture->backend, "/api/tickets");

    gtk_drop_down_set_selected (GTK_DROP_DOWN (find_in (window, "priority-filter")), 3);
    model = wait_list (window, 1);
    g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, "/api/tickets"), ==, before + 1);
    g_assert_nonnull (find_titled (model, "Card blocked abroad"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The server away: the store's tickets, all of them (the one filed here
 * under the store's number), and a line saying why; back, the server's. */
static void
test_tickets_server_unreachable (Fixture       *fixture,
                                 gconstpointer  data)
{
  AcTicketsWindow *window = ac_tickets_window_new (fixture->store);
  GListModel *model;
  const char *why;

  ac_tickets_window_set_backend_sync (window, fixture->sync);
  gtk_window_present (GTK_WINDOW (window));
  wait_list (window, 4);
  ac_test_wait_for (names_customer, window, 10000);

  ac_test_backend_fail_next (fixture->backend, AC_TEST_FAULT_HTML, 2);
  ac_tickets_window_reload (window);
  model = wait_list (window, 2);
  g_assert_nonnull (find_ticket (model, fixture->filed_here));
  g_assert_nonnull (find_ticket (model, fixture->not_sent));
  g_assert_true (gtk_widget_get_visible (find_in (window, "ticket-source")));
  why = gtk_label_get_label (GTK_LABEL (find_in (window, "ticket-source")));
  g_assert_nonnull (strstr (why, "tickets on this computer"));
  /* The store's ticket is the agent's to move on. */
  select_ticket (window, fixture->filed_here, fixture->filed_here);
  g_assert_true (gtk_widget_get_visible (find_in (window, "save-ticket")));

  /* Back: the same ticket stays chosen, as the server has it. */
  ac_tickets_window_reload (window);
  model = wait_list (window, 4);
  g_assert_nonnull (find_titled (model, "Refund the duplicate charge"));
  g_assert_cmpstr (ac_ticket_get_id (find_titled (model, "Refund the duplicate charge")), ==, fixture->filed_remote);
  g_assert_cmpstr (ac_ticket_get_id (ac_tickets_window_get_selected (window)), ==, fixture->filed_remote);
  g_assert_false (gtk_widget_get_visible (find_in (window, "ticket-source")));

  /* The link notices the server gone (its idle check): the list turns to
   * the store's by itself, and back to the server's when it returns. */
  ac_backend_sync_set_probe_interval (fixture->sync, 100);
  ac_test_backend_restart (fixture->backend, 2000);
  model = wait_list (window, 2);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_in (window, "ticket-source"))), ==,
                   "The server cannot be reached just now: these are the tickets on this computer.");
  model = wait_list (window, 4);
  g_assert_false (gtk_widget_get_visible (find_in (window, "ticket-source")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Signed out: the server is not asked; the store's tickets, saying so. */
static void
test_tickets_server_signed_out (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendClient) client = ac_backend_client_new (ac_test_backend_get_api_url (fixture->backend),
                                                             NULL, &error);
  g_autoptr(AcBackendSync) sync = NULL;
  AcTicketsWindow *window;
  guint before = ac_test_backend_get_n_requests (fixture->backend, "/api/tickets");
  GListModel *model;

  g_assert_no_error (error);
  sync = ac_backend_sync_new (fixture->store, client, fixture->ws_url, "u-1");
  ac_backend_sync_start (sync);
  g_assert_cmpint (ac_backend_sync_get_state (sync), ==, AC_BACKEND_SYNC_SIGNED_OUT);
  ac_test_wait_for (ac_backend_sync_is_loaded, sync, 5000);

  window = ac_tickets_window_new (fixture->store);
  ac_tickets_window_set_backend_sync (window, sync);
  gtk_window_present (GTK_WINDOW (window));
  model = wait_list (window, 2);
  g_assert_nonnull (find_ticket (model, fixture->not_sent));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_in (window, "ticket-source"))), ==,
                   "Not signed in to the server: these are the tickets on this computer.");
  g_assert_true (gtk_widget_get_visible (find_in (window, "ticket-source")));
  g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, "/api/tickets"), ==, before);

  /* Without a backend, as on the embedded default: no line at all. */
  ac_tickets_window_set_backend_sync (window, NULL);
  wait_list (window, 2);
  g_assert_false (gtk_widget_get_visible (find_in (window, "ticket-source")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0) ||
        has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
refused_shown (gpointer *args)
{
  Fixture *fixture = args[0];
  AcTicketsWindow *window = args[1];
  GListModel *model = ac_tickets_window_get_tickets (window);
  AcTicket *selected = ac_tickets_window_get_selected (window);

  return ac_backend_sync_get_refusal (fixture->sync, args[2]) != NULL &&
         model != NULL && g_list_model_get_n_items (model) == 5 && selected != NULL &&
         g_strcmp0 (ac_ticket_get_id (selected), args[2]) == 0 &&
         has_label (ac_test_find_widget (GTK_WIDGET (window), "ticket-list"), "Refused by the server");
}

/* A ticket the server refuses: listed from the store, marked refused,
 * with the server's reason in its detail. */
static void
test_tickets_server_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AcTicket) refused = store_ticket (fixture, "Move the ISA", "MEDIUM", "c-1");
  g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);
  AcTicketsWindow *window = ac_tickets_window_new (fixture->store);
  const char *why;

  ac_tickets_window_set_backend_sync (window, fixture->sync);
  gtk_window_present (GTK_WINDOW (window));
  wait_list (window, 5);
  g_assert_false (has_label (find_in (window, "ticket-list"), "Refused by the server"));

  /* Without a category, which the server requires. */
  g_hash_table_insert (sent, "title", (gpointer) ac_ticket_get_field (refused, "title"));
  g_hash_table_insert (sent, "priority", "MEDIUM");
  ac_tickets_window_select (window, ac_ticket_get_id (refused));
  ac_backend_sync_file_ticket (fixture->sync, ac_ticket_get_id (refused), sent);
  {
    gpointer args[] = { fixture, window, (gpointer) ac_ticket_get_id (refused) };

    ac_test_wait_for (refused_shown, args, 10000);
  }
  why = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (find_in (window, "ticket-progress")));
  g_assert_true (g_str_has_prefix (why, ac_backend_sync_get_refusal (fixture->sync, ac_ticket_get_id (refused))));
  g_assert_true (g_str_has_suffix (why, "offered to the server again at the next start."));
  /* Still the agent's to change here. */
  g_assert_true (gtk_widget_get_visible (find_in (window, "save-ticket")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
room_is_open (AcBackendRoom *room)
{
  return ac_backend_room_get_state (room) == AC_BACKEND_ROOM_OPEN;
}

static gboolean
room_all_confirmed (AcBackendRoom *room)
{
  return ac_backend_room_get_n_unconfirmed (room) == 0;
}

static gboolean
server_holds (gpointer *args)
{
  Fixture *fixture = args[0];
  const char *remote = ac_backend_sync_get_remote_id (fixture->sync, args[1]);
  g_auto(GStrv) messages = remote != NULL ? ac_test_backend_dup_messages (fixture->backend, remote) : NULL;

  return messages != NULL && g_strv_length (messages) == GPOINTER_TO_UINT (args[2]);
}

static gboolean
says (gpointer *args)
{
  GtkWidget *label = ac_test_find_widget (args[0], "call-server");

  return label != NULL && gtk_widget_get_visible (label) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), args[1]) == 0;
}

static gboolean
says_prefix (gpointer *args)
{
  GtkWidget *label = ac_test_find_widget (args[0], "call-server");

  return label != NULL && gtk_widget_get_visible (label) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)), "This call is on");
}

static void
wait_says (AcHistoryWindow *window,
           const char      *text)
{
  gpointer args[] = { window, (gpointer) text };

  ac_test_wait_for (says, args, 10000);
}

/* A call stored here, and sent to the server through the outbox when
 * @sent. */
static char *
make_call (Fixture    *fixture,
           gboolean    sent)
{
  static const struct { guint channel; const char *text; } said[] = {
    { 1, "thank you for calling how can i help" },
    { 0, "i was charged twice and i am angry" },
    { 1, "i am sorry i will refund the duplicate charge" },
    { 0, "thank you that is great" },
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  char *id = ac_store_new_id ();

  ac_store_begin_conversation_async (fixture->store, id, "c-1", "VOICE", now, NULL, ac_test_keep_result, &result);
  g_assert_true (ac_store_begin_conversation_finish (fixture->store, ac_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  if (sent)
    ac_backend_sync_begin_call (fixture->sync, id, "c-1", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (said); i++)
    {
      g_autoptr(AcUtterance) utterance = ac_utterance_new (said[i].channel, i * 4000, i * 4000 + 3000, said[i].text,
                                                          0.9, TRUE);
      g_autofree char *message_id = g_strdup_printf ("%s-%u", id, i);

      ac_store_add_message_async (fixture->store, id, utterance, NULL, ac_test_keep_result, &result);
      g_assert_true (ac_store_add_message_finish (fixture->store, ac_test_wait_result (&result), &error));
      g_assert_no_error (error);
      g_clear_object (&result);
      if (sent)
        ac_backend_sync_add_utterance (fixture->sync, id, message_id, said[i].channel,
                                       said[i].text);
    }

  ac_store_end_conversation_async (fixture->store, id, 16000, "negative", NULL, ac_test_keep_result, &result);
  g_assert_true (ac_store_end_conversation_finish (fixture->store, ac_test_wait_result (&result), &error));
  g_assert_no_error (error);
  if (sent)
    {
      gpointer args[] = { fixture, id, GUINT_TO_POINTER (G_N_ELEMENTS (said)) };

      ac_backend_sync_end_call (fixture->sync, id, 16, "NEGATIVE", NULL, NULL, FALSE);
      ac_test_wait_for (server_holds, args, 10000);
      ac_test_wait_for (connected, fixture->sync, 10000);
    }
  return id;
}

/* A call that went to the server: the backend's score on each of its
 * utterances, and a supervisor's message counted apart; a call that did
 * not: said so; signed out: the server is not asked. */
static void
test_backend_views_history (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *on_server = make_call (fixture, TRUE);
  g_autofree char *here_only = make_call (fixture, FALSE);
  const char *remote = ac_backend_sync_get_remote_id (fixture->sync, on_server);
  g_autoptr(AcBackendRoom) supervisor = ac_backend_room_new (fixture->client, fixture->ws_url, remote, "u-2");
  AcHistoryWindow *window;
  AcTranscript *transcript;
  guint n_scored = 0;

  /* A supervisor whispers in the call's room. */
  ac_backend_room_open (supervisor);
  ac_test_wait_for (room_is_open, supervisor, 5000);
  ac_backend_room_send_message (supervisor, "whisper-1", "supervisor", "offer the fee refund too");
  ac_test_wait_for (room_all_confirmed, supervisor, 5000);
  ac_backend_room_close (supervisor);

  window = ac_history_window_new (fixture->store);
  ac_history_window_set_backend_sync (window, fixture->sync);
  gtk_window_present (GTK_WINDOW (window));

  ac_history_window_select (window, on_server);
  wait_says (window, "On the contact center’s server: 4 of 4 utterances, 4 scored there. "
                     "1 more message there came from others in the room.");
  transcript = ac_history_window_get_transcript (window);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (transcript)); i++)
    {
      g_autoptr(AcUtterance) utterance = g_list_model_get_item (G_LIST_MODEL (transcript), i);

      if (ac_utterance_get_remote_label (utterance) != NULL)
        n_scored++;
      /* The test backend's own analysis: “angry” is negative there. */
      if (g_str_equal (ac_utterance_get_text (utterance), "i was charged twice and i am angry"))
        {
          g_assert_cmpstr (ac_utterance_get_remote_label (utterance), ==, "negative");
          g_assert_cmpfloat (ac_utterance_get_remote_score (utterance), <, 0);
        }
    }
  g_assert_cmpuint (n_scored, ==, 4);

  ac_history_window_select (window, here_only);
  wait_says (window, "Not on the contact center’s server.");

  /* Without a backend the line goes. */
  ac_history_window_set_backend_sync (window, NULL);
  g_assert_false (gtk_widget_get_visible (ac_test_find_widget (GTK_WIDGET (window), "call-server")));

  /* The server away: said so, and the call is shown all the same. */
  ac_history_window_set_backend_sync (window, fixture->sync);
  ac_test_backend_fail_next (fixture->backend, AC_TEST_FAULT_SERVER_ERROR, 2);
  ac_history_window_select (window, on_server);
  {
    gpointer args[] = { window, NULL };
    GtkWidget *label;

    ac_test_wait_for (says_prefix, args, 10000);
    label = ac_test_find_widget (GTK_WIDGET (window), "call-server");
    g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)),
                                     "This call is on the contact center’s server, which could not be asked"));
  }
  g_assert_cmpuint (ac_transcript_get_n_final (ac_history_window_get_transcript (window)), ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init_gtk (&argc, &argv);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  g_log_set_default_handler (log_handler, NULL);

  g_test_add ("/backend-views/tickets-merged", Fixture, NULL, fixture_set_up, test_tickets_server_merged,
              fixture_tear_down);
  g_test_add ("/backend-views/tickets-unreachable", Fixture, NULL, fixture_set_up, test_tickets_server_unreachable,
              fixture_tear_down);
  g_test_add ("/backend-views/tickets-signed-out", Fixture, NULL, fixture_set_up, test_tickets_server_signed_out,
              fixture_tear_down);

  g_test_add ("/backend-views/tickets-refused", Fixture, NULL, fixture_set_up, test_tickets_server_refused,
              fixture_tear_down);
  g_test_add ("/backend-views/history", Fixture, NULL, fixture_set_up, test_backend_views_history,
              fixture_tear_down);

  return g_test_run ();
}
