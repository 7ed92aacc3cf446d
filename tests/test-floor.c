/* test-floor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The supervisor's floor: the figures merged from a snapshot and deltas,
 * queues ticking and counted from the calls, agents and their states,
 * alerts (once each, acknowledged), events ordered by seq across the
 * three sockets with a lost one making it resync, hostile frames dropped;
 * then against the test backend: a busy floor (its load mode) that ends
 * up exactly as the server's REST answers say, an agent refused the floor,
 * and a server restart shown as "as of" until the floor is live again.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ac-test-backend.h"
#include "ac-test-utils.h"
#include "ac-floor.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
frame (AcFloor    *floor,
       const char *channel,
       const char *type,
       gint64      seq,
       const char *json)
{
  g_autoptr(JsonNode) node = parse (json);

  ac_floor_apply_frame (floor, channel, type, node, seq);
}

static AcFloor *
floor_without_sockets (void)
{
  g_autoptr(AcBackendClient) client = ac_backend_client_new ("http://127.0.0.1:9/api", NULL, NULL);

  return ac_floor_new (client, NULL);
}

static void
test_stats (void)
{
  g_autoptr(AcFloor) floor = floor_without_sockets ();
  AcFloorStats *stats = ac_floor_get_stats (floor);
  GListModel *queues = ac_floor_stats_get_queues (stats);
  g_autoptr(AcFloorQueue) billing = NULL;
  gint64 now = g_get_real_time () / 1000;
  const char *label = NULL;

  g_assert_true (isnan (ac_floor_stats_get_sentiment (stats, NULL)));
  frame (floor, "dashboard", "stats_snapshot", -1,
         "{\"queues\":[{\"id\":\"q-1\",\"name\":\"Billing\",\"slaSeconds\":30,\"waiting\":2,\"inProgress\":\"5\","
         "\"longestWaitSeconds\":12,\"serviceLevel\":\"92.5\"},{\"id\":7,\"name\":\"Fraud\",\"slaSeconds\":\"20\",\"waiting\":0,\"serviceLevel\":{\"percent\":80}}],"
         "\"callsWaiting\":2,\"activeCalls\":5,\"averageHandleTimeSeconds\":null,"
         "\"serviceLevel\":{\"percent\":\"87.5\",\"abandoned\":1},\"averageSentimentToday\":{\"score\":-0.25,"
         "\"label\":\"NEGATIVE\",\"samples\":40},\"callsToday\":{\"abandoned\":3},\"escalationsToday\":4,"
         "\"generatedAt\":\"2026-12-05T10:42:00Z\",\"somethingNew\":{\"x\":1}}");
  g_assert_true (ac_floor_stats_has_snapshot (stats));
  g_assert_cmpuint (g_list_model_get_n_items (queues), ==, 2);
  billing = g_list_model_get_item (queues, 0);
  g_assert_cmpstr (ac_floor_queue_get_name (billing), ==, "Billing");
  g_assert_cmpuint (ac_floor_queue_get_in_progress (billing), ==, 5);
  /* a queue's own service level, where a server adds one */
  g_assert_cmpfloat (ac_floor_queue_get_service_level (billing), ==, 92.5);
  {
    g_autoptr(AcFloorQueue) fraud = g_list_model_get_item (queues, 1);

    g_assert_cmpfloat (ac_floor_queue_get_service_level (fraud), ==, 80);
  }
  /* the longest wait ticks from when the figure arrived */
  g_assert_cmpint (ac_floor_queue_get_longest_wait_ms (billing, now + 5000) / 1000, >=, 16);
  g_assert_cmpint (ac_floor_queue_get_longest_wait_ms (billing, now + 5000) / 1000, <=, 17);
  g_assert_false (ac_floor_queue_is_over_threshold (billing, now));
  g_assert_true (ac_floor_queue_is_over_threshold (billing, now + 20000));
  g_assert_cmpuint (ac_floor_stats_get_active_calls (stats), ==, 5);
  g_assert_cmpfloat (ac_floor_stats_get_average_handle_s (stats), ==, -1);
  g_assert_cmpfloat (ac_floor_stats_get_service_level (stats), ==, 87.5);
  g_assert_cmpuint (ac_floor_stats_get_abandoned (stats), ==, 3);
  g_assert_cmpfloat (ac_floor_stats_get_sentiment (stats, &label), ==, -0.25);
  g_assert_cmpstr (label, ==, "NEGATIVE");

  /* A delta: only its keys change; a nested object is replaced whole. */
  frame (floor, "dashboard", "stats_delta", -1,
         "{\"escalationsToday\":\"5\",\"averageHandleTimeSeconds\":312.5,\"serviceLevel\":{\"percent\":90},"
         "\"generatedAt\":\"2026-12-05T10:42:01Z\"}");
  g_assert_cmpuint (ac_floor_stats_get_escalations (stats), ==, 5);
  g_assert_cmpfloat (ac_floor_stats_get_average_handle_s (stats), ==, 312.5);
  g_assert_cmpfloat (ac_floor_stats_get_service_level (stats), ==, 90);
  g_assert_cmpuint (ac_floor_stats_get_abandoned (stats), ==, 3);
  g_assert_cmpuint (ac_floor_stats_get_active_calls (stats), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (queues), ==, 2);

  /* Once the calls are known, the counts are the calls'. */
  frame (floor, "calls", "calls_snapshot", -1,
         "{\"calls\":[{\"id\":\"a\",\"status\":\"WAITING\",\"queue\":{\"id\":\"q-1\",\"name\":\"Billing\"},"
         "\"queuedAt\":\"2026-12-05T10:40:00Z\"},{\"id\":\"b\",\"status\":\"IN_PROGRESS\",\"queue\":{\"id\":\"q-1\"}},"
         "{\"id\":\"c\",\"status\":\"IN_PROGRESS\",\"queue\":{\"id\":\"q-9\",\"name\":\"Retention\"}}]}");
  ac_floor_stats_count_calls (stats, ac_floor_get_calls (floor));
  g_assert_cmpuint (ac_floor_stats_get_active_calls (stats), ==, 2);
  g_assert_cmpuint (ac_floor_stats_get_calls_waiting (stats), ==, 1);
  g_assert_cmpuint (ac_floor_queue_get_waiting (billing), ==, 1);
  g_assert_cmpuint (ac_floor_queue_get_in_progress (billing), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (queues), ==, 3);
  /* waiting since 10:40:00, told at 10:42:00 */
  g_assert_cmpint (ac_floor_queue_get_longest_wait_ms (billing, G_GINT64_CONSTANT (1796467320000)), ==, 120000);

  /* hostile: not objects, unknown types; nothing moves */
  frame (floor, "dashboard", "stats_delta", -1, "[1,2]");
  frame (floor, "dashboard", "stats_exploded", -1, "{\"escalationsToday\":99}");
  frame (floor, "dashboard", "stats_delta", -1, "{\"escalationsToday\":\"many\",\"queues\":\"none\"}");
  g_assert_cmpuint (ac_floor_stats_get_escalations (stats), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (queues), ==, 3);
}

static void
count_alert (guint        *count,
             AcFloorAlert *alert)
{
  g_assert_true (AC_IS_FLOOR_ALERT (alert));
  (*count)++;
}

static void
test_agents_and_alerts (void)
{
  g_autoptr(AcFloor) floor = floor_without_sockets ();
  AcFloorAgents *agents = ac_floor_get_agents (floor);
  AcFloorAlerts *alerts = ac_floor_get_alerts (floor);
  gint64 now = g_get_real_time () / 1000;
  g_autoptr(JsonNode) list = parse ("{\"agents\":[{\"id\":\"a-1\",\"name\":\"Ana\",\"state\":\"break\","
                                    "\"stateDurationSeconds\":\"700\",\"queues\":[{\"id\":1,\"name\":\"Billing\"},"
                                    "{\"name\":\"Fraud\"}],\"callsHandledToday\":\"12\"},{\"id\":\"a-2\","
                                    "\"email\":\"bo@example.com\",\"state\":\"ON_CALL\",\"currentCallIds\":[\"c-7\"],"
                                    "\"activeCalls\":1},{\"name\":\"no id\"}],\"totalCount\":3}");
  AcFloorAgent *ana;
  AcFloorAlert *alert;
  guint alerts_raised = 0;

  g_assert_true (ac_floor_agents_apply (agents, "agents_snapshot", list, now));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (agents)), ==, 2);
  ana = ac_floor_agents_lookup (agents, "a-1");
  g_assert_cmpstr (ac_floor_agent_get_state (ana), ==, "BREAK");
  g_assert_cmpstr (ac_floor_agent_get_queues (ana), ==, "Billing, Fraud");
  g_assert_cmpuint (ac_floor_agent_get_handled_today (ana), ==, 12);
  /* 700 s on a break: over a 600 s limit, not over 900 s */
  g_assert_true (ac_floor_agent_is_overdue (ana, now, 600, 300));
  g_assert_false (ac_floor_agent_is_overdue (ana, now, 900, 300));
  g_assert_cmpstr (ac_floor_agent_get_name (ac_floor_agents_lookup (agents, "a-2")), ==, "bo@example.com");
  g_assert_cmpstr (ac_floor_agent_get_current_call (ac_floor_agents_lookup (agents, "a-2")), ==, "c-7");

  /* A GET /agents asked for before an event and answered after it: the
   * event's news is not undone, the agent it brought not dropped. */
  {
    gint64 asked = g_get_monotonic_time ();
    g_autoptr(JsonNode) late = parse ("{\"agents\":[{\"id\":\"a-1\",\"state\":\"BREAK\"},"
                                      "{\"id\":\"a-2\",\"state\":\"ON_CALL\"}]}");

    frame (floor, "notifications", "agent_state_changed", 3, "{\"agentId\":\"a-9\",\"state\":\"AVAILABLE\"}");
    frame (floor, "notifications", "agent_state_changed", 4, "{\"agentId\":\"a-2\",\"state\":\"AFTER_CALL_WORK\"}");
    g_assert_true (ac_floor_agents_apply_snapshot (agents, late, now, asked - 1));
    g_assert_nonnull (ac_floor_agents_lookup (agents, "a-9"));
    g_assert_cmpstr (ac_floor_agent_get_state (ac_floor_agents_lookup (agents, "a-2")), ==, "AFTER_CALL_WORK");
    /* a snapshot asked for after them replaces them */
    g_assert_true (ac_floor_agents_apply_snapshot (agents, late, now, g_get_monotonic_time ()));
    g_assert_null (ac_floor_agents_lookup (agents, "a-9"));
    g_assert_cmpstr (ac_floor_agent_get_state (ac_floor_agents_lookup (agents, "a-2")), ==, "ON_CALL");
    ana = ac_floor_agents_lookup (agents, "a-1");
  }

  /* Ana back from her break, with the server's time of it */
  frame (floor, "notifications", "agent_state_changed", 10,
         "{\"id\":\"n-10\",\"agentId\":\"a-1\",\"state\":\"AVAILABLE\",\"previousState\":\"BREAK\","
         "\"since\":\"2026-12-05T10:00:00Z\",\"reason\":null,\"activeCalls\":0}");
  g_assert_cmpstr (ac_floor_agent_get_state (ana), ==, "AVAILABLE");
  g_assert_cmpint (ac_floor_agent_get_state_since_ms (ana), ==, G_GINT64_CONSTANT (1796464800000));
  g_assert_false (ac_floor_agent_is_overdue (ana, now, 600, 300));

  /* Escalations: once each (by id, or by call and message without one),
   * newest first, acknowledged; the snapshot's other notifications are
   * not alerts. */
  g_signal_connect_swapped (floor, "alert", G_CALLBACK (count_alert), &alerts_raised);
  frame (floor, "notifications", "notifications_snapshot", -1,
         "{\"notifications\":[{\"type\":\"escalation_alert\",\"id\":\"n-3\",\"severity\":\"HIGH\","
         "\"title\":\"Escalation required\",\"callId\":\"c-1\",\"timestamp\":\"2026-12-01T10:00:00Z\"},"
         "{\"type\":\"agent_state_changed\",\"id\":\"n-4\",\"agentId\":\"a-2\",\"state\":\"BREAK\"},"
         "{\"category\":\"ESCALATION\",\"callId\":\"c-2\",\"messageId\":\"m-9\",\"content\":\"cancel it\","
         "\"timestamp\":\"2026-12-01T10:05:00Z\"}]}");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (alerts)), ==, 2);
  frame (floor, "notifications", "escalation_alert", 11,
         "{\"id\":\"n-3\",\"severity\":\"high\",\"callId\":\"c-1\"}");
  frame (floor, "notifications", "escalation_alert", 12,
         "{\"category\":\"ESCALATION\",\"callId\":\"c-2\",\"messageId\":\"m-9\"}");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (alerts)), ==, 2);
  frame (floor, "notifications", "escalation_alert", 13,
         "{\"id\":\"n-13\",\"severity\":\"critical\",\"title\":\"Escalation required\",\"message\":\"Ada needs attention\","
         "\"callId\":\"c-3\"}");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (alerts)), ==, 3);
  g_assert_cmpuint (ac_floor_alerts_get_n_unacknowledged (alerts), ==, 3);
  alert = g_list_model_get_item (G_LIST_MODEL (alerts), 0);
  g_assert_cmpstr (ac_floor_alert_get_id (alert), ==, "n-13");
  g_assert_cmpstr (ac_floor_alert_get_severity (alert), ==, "critical");
  g_assert_cmpstr (ac_floor_alert_get_message (alert), ==, "Ada needs attention");
  ac_floor_alerts_acknowledge (alerts, alert);
  ac_floor_alerts_acknowledge (alerts, alert);
  g_assert_true (ac_floor_alert_get_acknowledged (alert));
  g_assert_cmpuint (ac_floor_alerts_get_n_unacknowledged (alerts), ==, 2);
  g_object_unref (alert);
  /* the snapshot's escalation without id got one of call and message */
  g_assert_nonnull (ac_floor_alerts_lookup (alerts, "c-2/m-9"));
  /* one signal for the snapshot (its newest), one for n-13 */
  g_assert_cmpuint (alerts_raised, ==, 2);
}

static gboolean
resynced (AcFloor *floor)
{
  return ac_floor_get_n_resyncs (floor) > 0;
}

static void
test_seq (void)
{
  g_autoptr(AcFloor) floor = floor_without_sockets ();
  AcFloorCalls *calls = ac_floor_get_calls (floor);
  g_autoptr(GString) big = g_string_new ("{\"id\":\"c-big\",\"lastUtterance\":{\"content\":\"");

  ac_floor_set_gap_wait (floor, 100, 0);
  ac_floor_start (floor);
  frame (floor, "calls", "calls_snapshot", -1, "{\"calls\":[{\"id\":\"c-1\",\"riskScore\":0.1}]}");
  frame (floor, "calls", "call_updated", 5, "{\"id\":\"c-1\",\"riskScore\":0.5}");
  /* 6 comes late from another socket, after 7: both applied, no gap */
  frame (floor, "notifications", "escalation_alert", 7, "{\"id\":\"n-7\",\"callId\":\"c-1\"}");
  frame (floor, "calls", "call_updated", 6, "{\"id\":\"c-1\",\"riskScore\":0.6}");
  g_assert_cmpfloat (ac_floor_call_get_risk_score (ac_floor_calls_lookup (calls, "c-1")), ==, 0.6);
  /* a repeat of 6 (the same event twice) is dropped */
  frame (floor, "calls", "call_updated", 6, "{\"id\":\"c-1\",\"riskScore\":0.9}");
  g_assert_cmpfloat (ac_floor_call_get_risk_score (ac_floor_calls_lookup (calls, "c-1")), ==, 0.6);
  g_main_context_iteration (NULL, FALSE);
  g_usleep (150000);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (ac_floor_get_n_resyncs (floor), ==, 0);

  /* 8 never comes: after the gap wait, fresh snapshots */
  frame (floor, "calls", "call_updated", 9, "{\"id\":\"c-1\",\"riskScore\":0.7}");
  ac_test_wait_for (resynced, floor, 3000);
  g_assert_cmpuint (ac_floor_get_n_resyncs (floor), ==, 1);

  /* hostile frames change nothing and hurt nothing */
  frame (floor, "calls", "call_updated", -1, "{\"status\":\"no id\"}");
  frame (floor, "calls", "call_fell_over", -1, "{\"id\":\"c-2\"}");
  frame (floor, "notifications", "escalation_alert", -1, "{\"severity\":7}");
  frame (floor, "elsewhere", "call_started", -1, "{\"id\":\"c-3\"}");
  frame (floor, "calls", "call_updated", -1, "{\"id\":\"c-1\",\"riskScore\":\"NaN\",\"escalated\":{}}");
  while (big->len < 1024 * 1024)
    g_string_append (big, "words ");
  g_string_append (big, "\"}}");
  frame (floor, "calls", "call_updated", -1, big->str);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (calls)), ==, 2);
  g_assert_cmpfloat (ac_floor_call_get_risk_score (ac_floor_calls_lookup (calls, "c-1")), ==, 0.7);
  ac_floor_stop (floor);
}

/* Against the test backend */

typedef struct
{
  AcTestBackend   *backend;
  AcBackendClient *client;
  char            *websocket_url;
} Fixture;

static void
sign_in (Fixture    *fixture,
         const char *email)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;

  fixture->client = ac_backend_client_new (ac_test_backend_get_api_url (fixture->backend), NULL, NULL);
  ac_backend_client_login_async (fixture->client, email, AC_TEST_BACKEND_PASSWORD, NULL, ac_test_keep_result,
                                 &result);
  tokens = ac_backend_client_login_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *api;

  fixture->backend = ac_test_backend_new ();
  api = ac_test_backend_get_api_url (fixture->backend);
  /* http://127.0.0.1:PORT/api → ws://127.0.0.1:PORT */
  fixture->websocket_url = g_strndup (api, strlen (api) - 4);
  memcpy (fixture->websocket_url, "ws", 2);
  memmove (fixture->websocket_url + 2, fixture->websocket_url + 4, strlen (fixture->websocket_url + 4) + 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_free (fixture->websocket_url);
  ac_test_backend_free (fixture->backend);
}

static gboolean
is_live (AcFloor *floor)
{
  return ac_floor_get_state (floor) == AC_FLOOR_LIVE;
}

static gboolean
is_reconnecting (AcFloor *floor)
{
  return ac_floor_get_state (floor) == AC_FLOOR_RECONNECTING;
}

static gboolean
is_forbidden (AcFloor *floor)
{
  return ac_floor_get_state (floor) == AC_FLOOR_FORBIDDEN;
}

typedef struct
{
  AcTestBackend *backend;
  AcFloor       *floor;
  guint          n_calls;
} Wait;

static gboolean
load_done (Wait *wait)
{
  return ac_test_backend_get_load_left (wait->backend) == 0;
}

static gboolean
has_calls (Wait *wait)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_calls (wait->floor))) >= wait->n_calls &&
         g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_agents (wait->floor))) > 1;
}

/* The server's own answer, to compare with what the floor shows. */
static JsonObject *
get (Fixture    *fixture,
     const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *data;

  ac_backend_client_request_async (fixture->client, "GET", path, NULL, NULL, ac_test_keep_result, &result);
  data = ac_backend_client_request_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (data));
  return json_object_ref (json_node_get_object (data));
}

static void
quiet (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

static gboolean
resynced_and_clean (AcFloor *floor)
{
  return ac_floor_get_n_resyncs (floor) > 0 && ac_floor_calls_lookup (ac_floor_get_calls (floor), "ghost") == NULL;
}

static void
test_busy_floor (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AcFloor) floor = NULL;
  g_autoptr(JsonObject) live = NULL;
  g_autoptr(JsonObject) stats = NULL;
  g_autoptr(JsonObject) agents = NULL;
  Wait wait = { fixture->backend, NULL, 40 };
  JsonArray *calls;
  AcFloorStats *figures;

  sign_in (fixture, AC_TEST_BACKEND_SUPERVISOR_EMAIL);
  g_assert_cmpstr (ac_backend_client_get_role (fixture->client), ==, "SUPERVISOR");
  floor = wait.floor = ac_floor_new (fixture->client, fixture->websocket_url);
  ac_floor_start (floor);
  ac_test_wait_for (is_live, floor, 10000);

  /* 40 calls, 8 agents, 300 events a second for 3 s */
  ac_test_backend_start_load (fixture->backend, 40, 8, 300, 3);
  ac_test_wait_for (has_calls, &wait, 10000);
  ac_test_wait_for (load_done, &wait, 20000);
  quiet (1500);  /* the last stats delta (500 ms) and recount (200 ms) */

  /* Exactly the server's calls, with its figures. */
  live = get (fixture, "/calls/live");
  calls = json_object_get_array_member (live, "calls");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_calls (floor))), ==,
                    json_array_get_length (calls));
  for (guint i = 0; i < json_array_get_length (calls); i++)
    {
      JsonObject *call = json_array_get_object_element (calls, i);
      AcFloorCall *shown = ac_floor_calls_lookup (ac_floor_get_calls (floor), json_object_get_string_member (call, "id"));

      g_assert_nonnull (shown);
      g_assert_cmpstr (ac_floor_call_get_status (shown), ==, json_object_get_string_member (call, "status"));
      if (!JSON_NODE_HOLDS_NULL (json_object_get_member (call, "riskScore")))
        g_assert_cmpfloat_with_epsilon (ac_floor_call_get_risk_score (shown),
                                        json_object_get_double_member (call, "riskScore"), 1e-9);
    }
  stats = get (fixture, "/dashboard/stats");
  figures = ac_floor_get_stats (floor);
  g_assert_cmpuint (ac_floor_stats_get_active_calls (figures), ==, json_object_get_int_member (stats, "activeCalls"));
  g_assert_cmpuint (ac_floor_stats_get_calls_waiting (figures), ==, json_object_get_int_member (stats, "callsWaiting"));
  g_assert_cmpuint (ac_floor_stats_get_escalations (figures), ==, json_object_get_int_member (stats, "escalationsToday"));
  g_assert_cmpuint (ac_floor_alerts_get_n_unacknowledged (ac_floor_get_alerts (floor)), >=,
                    MIN (json_object_get_int_member (stats, "escalationsToday"), 20));
  agents = get (fixture, "/agents");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_agents (floor))), ==,
                    json_object_get_int_member (agents, "totalCount"));
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (agents, "agents")); i++)
    {
      JsonObject *agent = json_array_get_object_element (json_object_get_array_member (agents, "agents"), i);
      AcFloorAgent *shown = ac_floor_agents_lookup (ac_floor_get_agents (floor),
                                                    json_object_get_string_member (agent, "id"));

      g_assert_nonnull (shown);
      g_assert_cmpstr (ac_floor_agent_get_state (shown), ==, json_object_get_string_member (agent, "state"));
    }
  g_assert_cmpuint (ac_floor_get_n_resyncs (floor), ==, 0);
  g_assert_true (is_live (floor));

  /* An event whose two predecessors never come: lost events, so the floor
   * reads the server again, and what only that event said is gone. */
  {
    g_autoptr(JsonNode) ghost = json_from_string ("{\"id\":\"ghost\",\"status\":\"IN_PROGRESS\"}", NULL);
    gint64 seq = G_MAXINT32;

    ac_floor_apply_frame (floor, "calls", "call_started", ghost, seq - 3);
    ac_floor_apply_frame (floor, "calls", "call_started", ghost, seq);
    g_assert_nonnull (ac_floor_calls_lookup (ac_floor_get_calls (floor), "ghost"));
    ac_test_wait_for (resynced_and_clean, floor, 15000);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_calls (floor))), ==,
                      json_array_get_length (calls));
    g_assert_true (is_live (floor));
  }
  ac_floor_stop (floor);
}

static void
test_agent_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AcFloor) floor = NULL;

  sign_in (fixture, AC_TEST_BACKEND_EMAIL);
  /* the agent's token says "agent"; read in capitals */
  g_assert_cmpstr (ac_backend_client_get_role (fixture->client), ==, "AGENT");
  g_assert_false (ac_role_sees_floor (ac_backend_client_get_role (fixture->client)));
  floor = ac_floor_new (fixture->client, fixture->websocket_url);
  ac_floor_start (floor);
  ac_test_wait_for (is_forbidden, floor, 10000);
  ac_floor_stop (floor);
}

static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AcFloor) floor = NULL;
  gint64 before;

  sign_in (fixture, AC_TEST_BACKEND_SUPERVISOR_EMAIL);
  floor = ac_floor_new (fixture->client, fixture->websocket_url);
  ac_floor_start (floor);
  ac_test_wait_for (is_live, floor, 10000);
  g_assert_cmpint (ac_floor_get_as_of (floor), ==, -1);

  before = g_get_real_time () / 1000;
  ac_test_backend_restart (fixture->backend, 1500);
  ac_test_wait_for (is_reconnecting, floor, 10000);
  /* dated when it stopped being live */
  g_assert_cmpint (ac_floor_get_as_of (floor), >=, before - 1000);
  g_assert_cmpint (ac_floor_get_as_of (floor), <=, g_get_real_time () / 1000);
  ac_test_wait_for (is_live, floor, 40000);
  ac_floor_stop (floor);
}

/* Roles, from the token when the sign-in answer has none. */
static char *
jwt (const char *payload)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) payload, strlen (payload));

  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  for (gsize n = strlen (b64); n > 0 && b64[n - 1] == '='; n--)
    b64[n - 1] = '\0';
  return g_strconcat ("eyJhbGciOiJIUzI1NiJ9.", b64, ".c2lnbmF0dXJl", NULL);
}

static void
test_roles (void)
{
  struct { const char *payload, *role; gboolean floor; } cases[] = {
    { "{\"userId\":\"u-1\",\"role\":\"supervisor\"}", "SUPERVISOR", TRUE },
    { "{\"userId\":\"u-1\",\"role\":\"ADMIN\"}", "ADMIN", TRUE },
    { "{\"userId\":\"u-1\",\"role\":\"agent\"}", "AGENT", FALSE },
    { "{\"userId\":\"u-1\",\"role\":7}", NULL, FALSE },
    { "{\"userId\":\"u-1\"}", NULL, FALSE },
    { "not json", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *token = jwt (cases[i].payload);
      g_autofree char *role = ac_jwt_dup_role (token);

      g_assert_cmpstr (role, ==, cases[i].role);
      g_assert_cmpint (ac_role_sees_floor (role), ==, cases[i].floor);
    }
  g_assert_null (ac_jwt_dup_role ("two.parts"));
  g_assert_null (ac_jwt_dup_role (NULL));
  {
    g_autofree char *token = jwt ("{\"sub\":42}");
    g_autofree char *id = ac_jwt_dup_user_id (token);

    g_assert_cmpstr (id, ==, "42");
  }
}

/* The server going away three times in a row, under load: the floor ends
 * up live and exactly as the server's REST says. */
static void
test_reconnect_storm (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AcFloor) floor = NULL;
  g_autoptr(JsonObject) live = NULL;
  Wait wait = { fixture->backend, NULL, 20 };

  sign_in (fixture, AC_TEST_BACKEND_SUPERVISOR_EMAIL);
  floor = wait.floor = ac_floor_new (fixture->client, fixture->websocket_url);
  ac_floor_start (floor);
  ac_test_wait_for (is_live, floor, 10000);
  ac_test_backend_start_load (fixture->backend, 20, 4, 100, 6);
  for (guint i = 0; i < 3; i++)
    {
      quiet (700);
      ac_test_backend_restart (fixture->backend, 300);
    }
  ac_test_wait_for (load_done, &wait, 20000);
  ac_test_wait_for (is_live, floor, 40000);
  quiet (1500);
  live = get (fixture, "/calls/live");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_calls (floor))), ==,
                    json_array_get_length (json_object_get_array_member (live, "calls")));
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (live, "calls")); i++)
    {
      JsonObject *call = json_array_get_object_element (json_object_get_array_member (live, "calls"), i);

      g_assert_nonnull (ac_floor_calls_lookup (ac_floor_get_calls (floor), json_object_get_string_member (call, "id")));
    }
  ac_floor_stop (floor);
}

static void
test_finalize (void)
{
  AcFloor *floor = floor_without_sockets ();

  frame (floor, "calls", "call_started", 1, "{\"id\":\"c-1\"}");
  g_assert_finalize_object (floor);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/floor/stats", test_stats);
  g_test_add_func ("/floor/agents-and-alerts", test_agents_and_alerts);
  g_test_add_func ("/floor/seq", test_seq);
  g_test_add_func ("/floor/finalize", test_finalize);
  g_test_add_func ("/floor/roles", test_roles);
  g_test_add ("/floor/busy", Fixture, NULL, fixture_set_up, test_busy_floor, fixture_tear_down);
  g_test_add ("/floor/agent-refused", Fixture, NULL, fixture_set_up, test_agent_refused, fixture_tear_down);
  g_test_add ("/floor/restart", Fixture, NULL, fixture_set_up, test_restart, fixture_tear_down);
  g_test_add ("/floor/reconnect-storm", Fixture, NULL, fixture_set_up, test_reconnect_storm, fixture_tear_down);

  return g_test_run ();
}
