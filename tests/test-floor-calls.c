/* test-floor-calls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor's live calls from /ws/calls frames: the snapshot, calls
 * starting, updated in place, ending and transferred; what real backends
 * send (numbers as strings, fields left out, events before the snapshot)
 * and what they should not (no id, unknown types, not objects, 1 MB).
 */

#include "config.h"

#include "ac-test-utils.h"
#include "ac-floor-calls.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
apply (AcFloorCalls *calls,
       const char   *type,
       const char   *json)
{
  g_autoptr(JsonNode) node = parse (json);

  return ac_floor_calls_apply (calls, type, node);
}

typedef struct
{
  guint position, removed, added, times;
} Changed;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changed    *changed)
{
  *changed = (Changed) { position, removed, added, changed->times + 1 };
}

static void
test_lifecycle (void)
{
  g_autoptr(AcFloorCalls) calls = ac_floor_calls_new ();
  Changed changed = { 0, };
  AcFloorCall *call;
  const double *recent;
  guint n;

  g_signal_connect (calls, "items-changed", G_CALLBACK (on_items_changed), &changed);

  g_assert_true (apply (calls, "calls_snapshot",
                        "{\"calls\":[{\"id\":\"c-1\",\"status\":\"IN_PROGRESS\",\"customer\":{\"name\":\"Ada\"},"
                        "\"agent\":{\"email\":\"a@x\",\"name\":\"Alan\"},\"queue\":{\"id\":\"q\",\"name\":\"Billing\"},"
                        "\"startTime\":\"2026-12-05T10:00:00Z\",\"riskScore\":\"0.25\",\"escalated\":false},"
                        "{\"id\":2,\"status\":\"WAITING\"},{\"status\":\"no id\"},\"junk\"],\"totalCount\":\"4\"}"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (calls)), ==, 2);
  g_assert_cmpuint (changed.added, ==, 2);

  call = ac_floor_calls_lookup (calls, "c-1");
  g_assert_nonnull (call);
  g_assert_cmpstr (ac_floor_call_get_customer_name (call), ==, "Ada");
  g_assert_cmpstr (ac_floor_call_get_agent_name (call), ==, "Alan");
  g_assert_cmpstr (ac_floor_call_get_queue_name (call), ==, "Billing");
  g_assert_cmpfloat (ac_floor_call_get_risk_score (call), ==, 0.25);
  g_assert_cmpint (ac_floor_call_get_start_ms (call), ==, G_GINT64_CONSTANT (1796464800000));
  /* an id sent as a number */
  g_assert_nonnull (ac_floor_calls_lookup (calls, "2"));

  /* Updated in place: one row changed, fields left out kept. */
  g_assert_true (apply (calls, "call_updated",
                        "{\"id\":\"c-1\",\"reason\":\"sentiment\",\"sentiment\":\"negative\",\"riskScore\":0.8,"
                        "\"escalated\":true,\"lastUtterance\":{\"content\":\"this is the third time\"},"
                        "\"sentimentUpdate\":{\"riskScore\":\"0.8\"}}"));
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 1);
  g_assert_true (ac_floor_calls_lookup (calls, "c-1") == call);
  g_assert_cmpstr (ac_floor_call_get_customer_name (call), ==, "Ada");
  g_assert_cmpstr (ac_floor_call_get_sentiment (call), ==, "negative");
  g_assert_true (ac_floor_call_get_escalated (call));
  g_assert_cmpstr (ac_floor_call_get_last_utterance (call), ==, "this is the third time");
  recent = ac_floor_call_get_recent_risk (call, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (recent[0], ==, 0.8);

  /* A started call, an update for one not yet known (it overtook the
   * snapshot), a transfer carrying its call. */
  g_assert_true (apply (calls, "call_started", "{\"id\":\"c-3\",\"status\":\"WAITING\"}"));
  g_assert_true (apply (calls, "call_updated", "{\"id\":\"c-4\",\"status\":\"IN_PROGRESS\"}"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (calls)), ==, 4);
  g_assert_true (apply (calls, "transferred",
                        "{\"id\":\"tr-1\",\"type\":\"COLD\",\"call\":{\"id\":\"c-3\",\"queue\":{\"name\":\"Fraud\"}}}"));
  g_assert_cmpstr (ac_floor_call_get_queue_name (ac_floor_calls_lookup (calls, "c-3")), ==, "Fraud");

  /* Ended: gone, the rows after it move up. */
  g_assert_true (apply (calls, "call_ended", "{\"id\":\"c-1\",\"status\":\"ENDED\",\"endReason\":\"completed\"}"));
  g_assert_null (ac_floor_calls_lookup (calls, "c-1"));
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (calls)), ==, 3);
  /* ending one not there changes nothing */
  g_assert_false (apply (calls, "call_ended", "{\"id\":\"c-1\"}"));
}

static void
test_hostile (void)
{
  g_autoptr(AcFloorCalls) calls = ac_floor_calls_new ();
  g_autoptr(GString) big = g_string_new ("{\"id\":\"c-9\",\"lastUtterance\":{\"content\":\"");
  Changed changed = { 0, };

  g_signal_connect (calls, "items-changed", G_CALLBACK (on_items_changed), &changed);
  g_assert_false (apply (calls, "call_updated", "{\"status\":\"IN_PROGRESS\"}"));
  g_assert_false (apply (calls, "call_updated", "{\"id\":\"\"}"));
  g_assert_false (apply (calls, "call_updated", "[1,2,3]"));
  g_assert_false (apply (calls, "calls_snapshot", "{\"calls\":\"none\"}"));
  g_assert_false (apply (calls, "stats_delta", "{\"activeCalls\":3}"));
  g_assert_false (ac_floor_calls_apply (calls, "call_started", NULL));
  g_assert_cmpuint (changed.times, ==, 0);

  /* strange values are read as well as they can be */
  g_assert_true (apply (calls, "call_started",
                        "{\"id\":\"c-1\",\"riskScore\":\"high\",\"escalated\":\"TRUE\",\"startTime\":\"yesterday\","
                        "\"customer\":\"Ada\",\"agent\":null,\"sentimentUpdate\":{\"riskScore\":7}}"));
  /* an unreadable risk: the sentiment update's, clamped */
  g_assert_cmpfloat (ac_floor_call_get_risk_score (ac_floor_calls_lookup (calls, "c-1")), ==, 1.0);
  g_assert_true (ac_floor_call_get_escalated (ac_floor_calls_lookup (calls, "c-1")));
  g_assert_cmpint (ac_floor_call_get_start_ms (ac_floor_calls_lookup (calls, "c-1")), ==, -1);
  g_assert_null (ac_floor_call_get_customer_name (ac_floor_calls_lookup (calls, "c-1")));

  /* 1 MB of last utterance: kept, nothing else hurt */
  while (big->len < 1024 * 1024)
    g_string_append (big, "words words ");
  g_string_append (big, "\"}}");
  g_assert_true (apply (calls, "call_updated", big->str));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (calls)), ==, 2);

  /* many updates: the sparkline keeps the last 20 */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":\"c-1\",\"sentimentUpdate\":{\"riskScore\":%u.%u}}",
                                               i / 100, i % 100);

      g_assert_true (apply (calls, "call_updated", json));
    }
  {
    guint n;
    const double *recent = ac_floor_call_get_recent_risk (ac_floor_calls_lookup (calls, "c-1"), &n);

    g_assert_cmpuint (n, ==, 20);
    g_assert_cmpfloat_with_epsilon (recent[19], 0.99, 1e-9);
  }
}

static void
test_finalize (void)
{
  AcFloorCalls *calls = ac_floor_calls_new ();

  apply (calls, "call_started", "{\"id\":\"c-1\"}");
  g_assert_finalize_object (calls);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/floor-calls/lifecycle", test_lifecycle);
  g_test_add_func ("/floor-calls/hostile", test_hostile);
  g_test_add_func ("/floor-calls/finalize", test_finalize);

  return g_test_run ();
}
