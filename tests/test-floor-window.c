/* test-floor-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The supervisor's Floor window against the test backend: a busy floor
 * shown sorted by risk and by duration, filtered to escalations, its
 * totals the floor's; an agent too long on a break flagged; a call opened
 * with its transcript and then its room live; a coaching note that reaches
 * the call's room as the supervisor's; a transfer to a queue and the
 * server's recording started from the call's window; the server going
 * away shown as "as of … reconnecting".  Screenshots with AC_SCREENSHOTS.
 */

#include "config.h"

#include <string.h>

#include "ac-backend-room.h"
#include "ac-floor-call-window.h"
#include "ac-floor-window.h"
#include "ac-test-backend.h"
#include "ac-test-utils.h"

typedef struct
{
  AcTestBackend   *backend;
  AcBackendClient *client;
  AcSettings      *settings;
  char            *websocket_url;
  AcFloor         *floor;
  AcFloorWindow   *window;
} Fixture;

static AcBackendClient *
sign_in (Fixture    *fixture,
         const char *email)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  AcBackendClient *client = ac_backend_client_new (ac_test_backend_get_api_url (fixture->backend), NULL, NULL);

  ac_backend_client_login_async (client, email, AC_TEST_BACKEND_PASSWORD, NULL, ac_test_keep_result, &result);
  tokens = ac_backend_client_login_finish (client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return client;
}

static gboolean
is_live (AcFloor *floor)
{
  return ac_floor_get_state (floor) == AC_FLOOR_LIVE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *api;

  fixture->backend = ac_test_backend_new ();
  api = ac_test_backend_get_api_url (fixture->backend);
  fixture->websocket_url = g_strdup_printf ("ws%s", api + 4);
  fixture->websocket_url[strlen (fixture->websocket_url) - 4] = '\0';
  fixture->client = sign_in (fixture, AC_TEST_BACKEND_SUPERVISOR_EMAIL);
  fixture->settings = ac_settings_new ();
  fixture->floor = ac_floor_new (fixture->client, fixture->websocket_url);
  fixture->window = ac_floor_window_new (NULL, fixture->floor, fixture->settings, "s-1");
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 600);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ac_test_wait_for (is_live, fixture->floor, 10000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->floor);
  g_settings_reset (ac_settings_get_gsettings (fixture->settings), "floor-break-limit");
  g_assert_finalize_object (fixture->settings);
  g_clear_object (&fixture->client);
  g_free (fixture->websocket_url);
  ac_test_backend_free (fixture->backend);
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = ac_test_find_widget (root, name);

  if (widget == NULL)
    g_error ("No widget named “%s”", name);
  return widget;
}

/* A label, anywhere under @root, whose text contains @text. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Seek;

static gboolean
label_shown (Seek *seek)
{
  GtkLabel *label = find_label (seek->root, seek->text);

  return label != NULL && gtk_widget_get_mapped (GTK_WIDGET (label));
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  Seek seek = { root, text };

  ac_test_wait_until ((AcTestCondition) label_shown, &seek, 15000, text);
}

static void
quiet (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static gboolean
load_done (AcTestBackend *backend)
{
  return ac_test_backend_get_load_left (backend) == 0;
}

static GListModel *
shown_calls (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (find (GTK_WIDGET (fixture->window), "floor-calls"))));
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GListModel *calls;
  GtkDropDown *sort;
  guint n, escalated = 0;
  double last_risk = 2;
  g_autofree char *active = NULL;

  ac_test_backend_start_load (fixture->backend, 40, 8, 150, 2);
  ac_test_wait_for (load_done, fixture->backend, 20000);
  quiet (1500);
  ac_test_save_screenshot (root, "floor-calls");

  /* every live call, the riskiest first */
  calls = shown_calls (fixture);
  n = g_list_model_get_n_items (calls);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_calls (fixture->floor))));
  g_assert_cmpuint (n, >=, 30);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcFloorCall) call = g_list_model_get_item (calls, i);

      g_assert_cmpfloat (ac_floor_call_get_risk_score (call), <=, last_risk);
      last_risk = ac_floor_call_get_risk_score (call);
      escalated += ac_floor_call_get_escalated (call);
    }

  /* the totals are the floor's */
  active = g_strdup_printf ("%u", ac_floor_stats_get_active_calls (ac_floor_get_stats (fixture->floor)));
  g_assert_nonnull (find_label (find (root, "floor-calls"), "Caller"));
  g_assert_nonnull (find_label (root, "Active Calls"));

  /* by duration: the longest first */
  sort = GTK_DROP_DOWN (find (root, "calls-sort"));
  gtk_drop_down_set_selected (sort, 1);
  {
    gint64 last_start = 0;

    for (guint i = 0; i < g_list_model_get_n_items (calls); i++)
      {
        g_autoptr(AcFloorCall) call = g_list_model_get_item (calls, i);

        if (ac_floor_call_get_start_ms (call) < 0)
          continue;
        g_assert_cmpint (ac_floor_call_get_start_ms (call), >=, last_start);
        last_start = ac_floor_call_get_start_ms (call);
      }
  }

  /* escalated only */
  {
    GtkToggleButton *only = GTK_TOGGLE_BUTTON (find (root, "escalated-only"));

    gtk_toggle_button_set_active (only, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (calls), ==, escalated);
    for (guint i = 0; i < g_list_model_get_n_items (calls); i++)
      {
        g_autoptr(AcFloorCall) call = g_list_model_get_item (calls, i);

        g_assert_true (ac_floor_call_get_escalated (call));
      }
    gtk_toggle_button_set_active (only, FALSE);
  }

  /* An agent on a break for 20 minutes, past the 15-minute limit: flagged
   * in words, not colour alone. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) then = g_date_time_add_minutes (now, -20);
    g_autofree char *since = g_date_time_format_iso8601 (then);
    g_autofree char *json = g_strdup_printf ("{\"agentId\":\"a-2\",\"state\":\"BREAK\",\"since\":\"%s\"}", since);
    g_autoptr(JsonNode) node = json_from_string (json, NULL);

    ac_floor_apply_frame (fixture->floor, "notifications", "agent_state_changed", node, -1);
    gtk_widget_activate_action (root, "floor.view", "s", "agents");
    wait_for_label (find (root, "floor-agents"), "Break — over the limit");
    ac_test_save_screenshot (root, "floor-agents");
    g_settings_set_uint (ac_settings_get_gsettings (fixture->settings), "floor-break-limit", 30);
    quiet (1500);
    g_assert_null (find_label (find (root, "floor-agents"), "over the limit"));
  }

  /* Hostile frames: dropped or read as well as they can be; the view is
   * unharmed and still shows every call. */
  {
    const char *frames[][3] = {
      { "calls", "call_updated", "{\"status\":\"no id\"}" },
      { "calls", "call_updated", "[1,2,3]" },
      { "calls", "call_unheard_of", "{\"id\":\"x\"}" },
      { "dashboard", "stats_delta", "{\"activeCalls\":\"lots\",\"queues\":{}}" },
      { "notifications", "escalation_alert", "{\"severity\":[],\"title\":{}}" },
      { "notifications", "agent_state_changed", "{\"agentId\":null,\"state\":5}" },
    };
    g_autoptr(GString) big = g_string_new (NULL);
    g_autoptr(AcFloorCall) first = g_list_model_get_item (calls, 0);
    g_autofree char *json = NULL;
    guint before = g_list_model_get_n_items (calls);

    for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
      {
        g_autoptr(JsonNode) node = json_from_string (frames[i][2], NULL);

        ac_floor_apply_frame (fixture->floor, frames[i][0], frames[i][1], node, -1);
      }
    while (big->len < 1024 * 1024)
      g_string_append (big, "words ");
    json = g_strdup_printf ("{\"id\":\"%s\",\"riskScore\":\"NaN\",\"lastUtterance\":{\"content\":\"%s\"}}",
                            ac_floor_call_get_id (first), big->str);
    {
      g_autoptr(JsonNode) node = json_from_string (json, NULL);

      ac_floor_apply_frame (fixture->floor, "calls", "call_updated", node, -1);
    }
    gtk_widget_activate_action (root, "floor.view", "s", "calls");
    quiet (500);
    g_assert_cmpuint (g_list_model_get_n_items (calls), ==, before);
    g_assert_true (gtk_widget_get_mapped (find (root, "floor-calls")));
  }

  gtk_widget_activate_action (root, "floor.view", "s", "queues");
  quiet (300);
  ac_test_save_screenshot (root, "floor-queues");
  gtk_widget_activate_action (root, "floor.view", "s", "alerts");
  quiet (300);
  ac_test_save_screenshot (root, "floor-alerts");

  /* The server goes away: dated, not dressed as live. */
  ac_test_backend_restart (fixture->backend, 4000);
  wait_for_label (root, "reconnecting");
  ac_test_save_screenshot (root, "floor-offline");
  ac_test_wait_for (is_live, fixture->floor, 40000);
}

static gboolean
room_open (AcBackendRoom *room)
{
  return ac_backend_room_get_state (room) == AC_BACKEND_ROOM_OPEN;
}

typedef struct
{
  AcTestBackend *backend;
  const char    *conversation;
  const char    *line;
} Stored;

static gboolean
stored (Stored *stored)
{
  g_auto(GStrv) lines = ac_test_backend_dup_messages (stored->backend, stored->conversation);

  return g_strv_contains ((const char * const *) lines, stored->line);
}

static gboolean
recording_started (Fixture *fixture)
{
  g_autofree char *log = ac_test_backend_dup_recording_log (fixture->backend);

  return strstr (log, "start ") != NULL;
}

static void
test_call (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(AcBackendClient) agent = sign_in (fixture, AC_TEST_BACKEND_EMAIL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcConversation) conversation = NULL;
  g_autoptr(AcBackendRoom) room = NULL;
  GtkWidget *window;
  const char *id;
  Stored coached;
  g_autofree char *transfer = NULL;

  /* The agent's call, with a first customer message before the
   * supervisor opens it. */
  ac_backend_client_create_conversation_async (agent, "local-1", "c-1", "u-1", "VOICE", NULL, ac_test_keep_result,
                                               &result);
  conversation = ac_backend_client_conversation_finish (agent, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  id = ac_conversation_get_id (conversation);
  room = ac_backend_room_new (agent, fixture->websocket_url, id, "u-1");
  ac_backend_room_open (room);
  ac_test_wait_for (room_open, room, 10000);
  ac_backend_room_send_message (room, "m-1", "customer", "I was charged twice and I am furious");

  window = GTK_WIDGET (ac_floor_window_open_call (fixture->window, id));
  wait_for_label (find (window, "call-messages"), "charged twice");
  wait_for_label (window, "Listening in");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Ada Lovelace");

  /* live from the room */
  ac_backend_room_send_message (room, "m-2", "agent", "I am sorry, let me look at the charges");
  wait_for_label (find (window, "call-messages"), "let me look at the charges");

  /* Coaching: into the room as the supervisor's. */
  gtk_editable_set_text (GTK_EDITABLE (find (window, "coach-entry")), "Offer the refund now");
  g_signal_emit_by_name (find (window, "coach-entry"), "activate");
  coached = (Stored) { fixture->backend, id, "supervisor: Offer the refund now" };

  ac_test_wait_until ((AcTestCondition) stored, &coached, 10000, "the coaching note in the room");
  wait_for_label (find (window, "call-messages"), "Offer the refund now");
  ac_test_save_screenshot (window, "floor-call");

  /* The server's recording, started from here. */
  g_signal_emit_by_name (find (window, "server-recording"), "clicked");
  ac_test_wait_for (recording_started, fixture, 10000);
  wait_for_label (window, "Stop Recording");

  /* A cold transfer to the Fraud queue (id 7). */
  gtk_menu_button_popup (GTK_MENU_BUTTON (find (window, "transfer")));
  quiet (300);
  {
    GtkDropDown *target = GTK_DROP_DOWN (find (window, "transfer-target"));
    GListModel *names = gtk_drop_down_get_model (target);

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Queue: Fraud") == 0)
        gtk_drop_down_set_selected (target, i);
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (target)), ==, "Queue: Fraud");
  }
  g_signal_emit_by_name (find (window, "transfer-go"), "clicked");
  {
    g_autofree char *expected = g_strdup_printf ("%s|7||COLD|", id);

    for (guint i = 0; i < 200 && g_strcmp0 (transfer, expected) != 0; i++)
      {
        g_free (transfer);
        transfer = ac_test_backend_dup_last_transfer (fixture->backend);
        quiet (50);
      }
    g_assert_cmpstr (transfer, ==, expected);
  }
  /* the call waits in Fraud now, on the wall and in its window */
  wait_for_label (window, "Waiting · Fraud");
  ac_backend_room_close (room);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init_gtk (&argc, &argv);

  g_test_add ("/floor-window/busy", Fixture, NULL, fixture_set_up, test_busy, fixture_tear_down);
  g_test_add ("/floor-window/call", Fixture, NULL, fixture_set_up, test_call, fixture_tear_down);

  return g_test_run ();
}
