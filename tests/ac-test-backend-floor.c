/* ac-test-backend-floor.c
 *
 * The test backend's voice-platform floor (`contracts/voice-platform.md`):
 * calls, agents, queues, the supervisor endpoints, the three channels'
 * snapshots and events (one seq counter, filtered by tenant and, for an
 * agent, by its own calls and state), stats deltas at most every 500 ms,
 * and a load mode that keeps a big floor busy for a bounded time.
 *
 * Everything here runs in the server's thread, under the backend's lock
 * unless said otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ac-test-backend-private.h"

#define STATS_DELTA_MS 500
#define NOTIFICATIONS_KEPT 20
#define TRANSCRIPT_KEPT 100
#define LOAD_TICK_MS 20

static const struct { const char *id, *name; int sla; } queues[] = {
  { "q-billing", "Billing", 30 },
  { "7", "Fraud", 20 },
  { "q-support", "Support", 60 },
};

static const struct { const char *id, *name, *phone; } customers[] = {
  { "c-1", "Ada Lovelace", "+15551234567" },
  { "c-2", "Adam Smith", "+442079460001" },
  { "c-3", "Grace Hopper", "+15559876543" },
};

/* Utterances for the load mode: text, label, risk. */
/* Utterances for the load mode: text, label, risk; the last two escalate. */
static const struct { const char *text, *label; double risk; } lines[] = {
  { "Can you check my balance please", "NEUTRAL", 0.15 },
  { "Thanks, that helps a lot", "POSITIVE", 0.05 },
  { "I was charged twice for the same order", "NEGATIVE", 0.55 },
  { "Okay, I can wait a moment", "NEUTRAL", 0.2 },
  { "Great, the card works again", "POSITIVE", 0.03 },
  { "This is the third time I am calling about this", "NEGATIVE", 0.75 },
  { "I want to close my account today, I am done with you", "NEGATIVE", 0.92 },
};

/* A token's claim, read without checking it (the caller checked it). */
char *
tb_token_claim (const char *authorization,
                const char *claim)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) b64 = NULL;
  g_autofree guchar *payload = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize len;

  if (authorization == NULL)
    return NULL;
  if (g_str_has_prefix (authorization, "Bearer "))
    authorization += 7;
  parts = g_strsplit (authorization, ".", -1);
  if (g_strv_length (parts) != 3)
    return NULL;
  b64 = g_string_new (parts[1]);
  g_strdelimit (b64->str, "-", '+');
  g_strdelimit (b64->str, "_", '/');
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  payload = g_base64_decode (b64->str, &len);
  text = g_strndup ((const char *) payload, len);
  root = json_from_string (text, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), claim, NULL));
}

static gboolean
is_supervisor (const char *role)
{
  return role != NULL && (g_ascii_strcasecmp (role, "SUPERVISOR") == 0 || g_ascii_strcasecmp (role, "ADMIN") == 0);
}

/* The contract's tenant id: 1–64 of A-Z a-z 0-9 . _ : -, starting with a
 * letter or digit. */
static gboolean
tenant_valid (const char *tenant)
{
  gsize n = strlen (tenant);

  if (n == 0 || n > 64 || !g_ascii_isalnum (tenant[0]))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (tenant[i]) && strchr ("._:-", tenant[i]) == NULL)
      return FALSE;
  return TRUE;
}

static JsonObject *
queue_object (const char *text)
{
  JsonObject *queue = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
    if (text == NULL || g_str_equal (text, queues[i].id) || g_ascii_strcasecmp (text, queues[i].name) == 0)
      {
        json_object_set_string_member (queue, "id", queues[i].id);
        json_object_set_string_member (queue, "name", queues[i].name);
        return queue;
      }
  json_object_set_string_member (queue, "id", text);
  json_object_set_string_member (queue, "name", text);
  return queue;
}

static JsonObject *
agent_summary (JsonObject *agent)
{
  JsonObject *summary = json_object_new ();

  json_object_set_string_member (summary, "id", json_object_get_string_member (agent, "id"));
  json_object_set_string_member (summary, "email", json_object_get_string_member (agent, "email"));
  json_object_set_string_member (summary, "name", json_object_get_string_member (agent, "name"));
  json_object_set_string_member (summary, "state", json_object_get_string_member (agent, "state"));
  return summary;
}

static JsonObject *
add_agent (AcTestBackend *backend,
           const char    *id,
           const char    *email,
           const char    *name,
           const char    *state)
{
  JsonObject *agent = json_object_new ();
  JsonArray *agent_queues = json_array_new ();
  g_autofree char *now = tb_now_iso ();

  json_object_set_string_member (agent, "id", id);
  json_object_set_string_member (agent, "email", email);
  json_object_set_string_member (agent, "name", name);
  json_object_set_string_member (agent, "role", "AGENT");
  json_object_set_string_member (agent, "state", state);
  json_object_set_string_member (agent, "stateSince", now);
  json_object_set_null_member (agent, "stateReason");
  for (guint i = 0; i < 2; i++)
    json_array_add_object_element (agent_queues, queue_object (queues[(g_str_hash (id) + i) % G_N_ELEMENTS (queues)].id));
  json_object_set_array_member (agent, "queues", agent_queues);
  json_object_set_int_member (agent, "activeCalls", 0);
  json_object_set_array_member (agent, "currentCallIds", json_array_new ());
  json_object_set_int_member (agent, "callsHandledToday", 0);
  json_object_set_null_member (agent, "averageHandleTimeTodaySeconds");
  json_object_set_double_member (agent, "handleTotal", 0);  /* dropped from answers */
  g_hash_table_insert (backend->floor_agents, g_strdup (id), agent);
  g_ptr_array_add (backend->agent_order, json_object_ref (agent));
  return agent;
}

void
tb_floor_init (AcTestBackend *backend)
{
  backend->floor_calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  backend->floor_order = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  backend->floor_agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  backend->agent_order = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  backend->floor_notifications = json_array_new ();
  backend->transcripts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_array_unref);
  backend->rand = g_rand_new_with_seed (20261205);
  add_agent (backend, "u-1", AC_TEST_BACKEND_EMAIL, "Test Agent", "OFFLINE");
  add_agent (backend, "a-2", "ana@example.com", "Ana Lima", "AVAILABLE");
}

void
tb_floor_free (AcTestBackend *backend)
{
  g_clear_pointer (&backend->floor_calls, g_hash_table_unref);
  g_clear_pointer (&backend->floor_order, g_ptr_array_unref);
  g_clear_pointer (&backend->floor_agents, g_hash_table_unref);
  g_clear_pointer (&backend->agent_order, g_ptr_array_unref);
  g_clear_pointer (&backend->floor_notifications, json_array_unref);
  g_clear_pointer (&backend->transcripts, g_hash_table_unref);
  g_clear_pointer (&backend->rand, g_rand_free);
}

/* DashboardStats for a tenant (NULL: all). */
static JsonObject *
compute_stats (AcTestBackend *backend,
               const char    *tenant)
{
  JsonObject *stats = json_object_new ();
  JsonArray *queue_rows = json_array_new ();
  JsonObject *agents = json_object_new ();
  JsonObject *by_state = json_object_new ();
  JsonObject *level = json_object_new ();
  JsonObject *sentiment = json_object_new ();
  JsonObject *distribution = json_object_new ();
  JsonObject *today = json_object_new ();
  static const char *states[] = { "AVAILABLE", "ON_CALL", "AFTER_CALL_WORK", "BREAK", "OFFLINE" };
  guint waiting_all = 0, active_all = 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = tb_now_iso ();

  for (guint q = 0; q < G_N_ELEMENTS (queues); q++)
    {
      JsonObject *row = json_object_new ();
      guint waiting = 0, in_progress = 0;
      gint64 longest = 0;

      for (guint i = 0; i < backend->floor_order->len; i++)
        {
          JsonObject *call = backend->floor_order->pdata[i];
          JsonObject *queue = json_object_get_object_member (call, "queue");

          if (tenant != NULL && g_strcmp0 (json_object_get_string_member (call, "tenantId"), tenant) != 0)
            continue;
          if (!g_str_equal (json_object_get_string_member (queue, "id"), queues[q].id))
            continue;
          if (g_str_equal (json_object_get_string_member (call, "status"), "WAITING"))
            {
              g_autoptr(GDateTime) queued = g_date_time_new_from_iso8601 (
                json_object_get_string_member (call, "queuedAt"), NULL);

              waiting++;
              if (queued != NULL)
                longest = MAX (longest, g_date_time_difference (now, queued) / G_USEC_PER_SEC);
            }
          else
            in_progress++;
        }
      waiting_all += waiting;
      active_all += in_progress;
      json_object_set_string_member (row, "id", queues[q].id);
      json_object_set_string_member (row, "name", queues[q].name);
      json_object_set_int_member (row, "slaSeconds", queues[q].sla);
      json_object_set_int_member (row, "waiting", waiting);
      json_object_set_int_member (row, "inProgress", in_progress);
      json_object_set_int_member (row, "longestWaitSeconds", longest);
      json_array_add_object_element (queue_rows, row);
    }
  json_object_set_string_member (stats, "tenantId", tenant);
  json_object_set_array_member (stats, "queues", queue_rows);
  json_object_set_int_member (stats, "callsWaiting", waiting_all);
  json_object_set_int_member (stats, "activeCalls", active_all);

  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    json_object_set_int_member (by_state, states[s], 0);
  for (guint i = 0; i < backend->agent_order->len; i++)
    {
      const char *state = json_object_get_string_member (backend->agent_order->pdata[i], "state");

      json_object_set_int_member (by_state, state, json_object_get_int_member_with_default (by_state, state, 0) + 1);
    }
  json_object_set_int_member (agents, "total", backend->agent_order->len);
  json_object_set_object_member (agents, "byState", by_state);
  json_object_set_object_member (stats, "agents", agents);
  if (backend->ended > 0)
    json_object_set_double_member (stats, "averageHandleTimeSeconds", backend->handle_total_s / backend->ended);
  else
    json_object_set_null_member (stats, "averageHandleTimeSeconds");

  /* every call here is answered at once: all within the threshold */
  if (backend->answered > 0)
    json_object_set_double_member (level, "percent", 100.0);
  else
    json_object_set_null_member (level, "percent");
  json_object_set_int_member (level, "answeredWithinThreshold", backend->answered);
  json_object_set_int_member (level, "answered", backend->answered);
  json_object_set_int_member (level, "abandoned", backend->abandoned);
  json_object_set_int_member (level, "waitingOverThreshold", 0);
  json_object_set_object_member (stats, "serviceLevel", level);

  json_object_set_double_member (sentiment, "score",
                                 backend->sentiment_n > 0 ? backend->sentiment_sum / backend->sentiment_n : 0);
  json_object_set_string_member (sentiment, "label",
                                 backend->sentiment_n == 0 ? "NEUTRAL"
                                 : backend->sentiment_sum / backend->sentiment_n > 0.05 ? "POSITIVE"
                                 : backend->sentiment_sum / backend->sentiment_n < -0.05 ? "NEGATIVE" : "NEUTRAL");
  json_object_set_int_member (sentiment, "samples", backend->sentiment_n);
  json_object_set_int_member (distribution, "positive", backend->n_positive);
  json_object_set_int_member (distribution, "negative", backend->n_negative);
  json_object_set_int_member (distribution, "neutral", backend->n_neutral);
  json_object_set_int_member (distribution, "mixed", 0);
  json_object_set_object_member (sentiment, "distribution", distribution);
  json_object_set_object_member (stats, "averageSentimentToday", sentiment);

  json_object_set_int_member (today, "offered", backend->offered);
  json_object_set_int_member (today, "answered", backend->answered);
  json_object_set_int_member (today, "ended", backend->ended);
  json_object_set_int_member (today, "abandoned", backend->abandoned);
  json_object_set_object_member (stats, "callsToday", today);
  json_object_set_int_member (stats, "escalationsToday", backend->escalations);
  json_object_set_string_member (stats, "generatedAt", now_text);
  return stats;
}

static gboolean
socket_wants (SoupWebsocketConnection *ws,
              const char              *channel,
              const char              *tenant,
              const char              *agent_id)
{
  const char *ws_tenant = g_object_get_data (G_OBJECT (ws), "tenant");

  if (g_strcmp0 (g_object_get_data (G_OBJECT (ws), "channel"), channel) != 0 ||
      soup_websocket_connection_get_state (ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return FALSE;
  if (ws_tenant != NULL && tenant != NULL && !g_str_equal (ws_tenant, tenant))
    return FALSE;
  if (!is_supervisor (g_object_get_data (G_OBJECT (ws), "role")) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (ws), "user"), agent_id) != 0)
    return FALSE;
  return TRUE;
}

/* An event, with the next seq, to the sockets of @channel that may see it. */
void
tb_floor_send (AcTestBackend *backend,
               const char    *channel,
               const char    *type,
               JsonObject    *data,
               const char    *tenant,
               const char    *agent_id)
{
  g_autoptr(JsonObject) frame = json_object_new ();
  g_autofree char *now = tb_now_iso ();
  g_autofree char *text = NULL;

  backend->seq++;
  json_object_set_string_member (frame, "type", type);
  json_object_set_object_member (frame, "data", json_object_ref (data));
  json_object_set_string_member (frame, "timestamp", now);
  json_object_set_int_member (frame, "seq", backend->seq);
  text = tb_object_to_string (frame);

  if (g_str_equal (channel, "notifications"))
    {
      JsonObject *kept = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (data);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (kept, l->data, json_node_copy (json_object_get_member (data, l->data)));
      json_object_set_string_member (kept, "type", type);
      json_object_set_int_member (kept, "seq", backend->seq);
      json_object_set_string_member (kept, "timestamp", now);
      json_object_set_string_member (kept, "agentIdForFilter", agent_id);
      json_array_add_object_element (backend->floor_notifications, kept);
      while (json_array_get_length (backend->floor_notifications) > NOTIFICATIONS_KEPT)
        json_array_remove_element (backend->floor_notifications, 0);
    }

  for (guint i = 0; i < backend->channels->len; i++)
    if (socket_wants (backend->channels->pdata[i], channel, tenant, agent_id))
      soup_websocket_connection_send_text (backend->channels->pdata[i], text);
}

/* Server thread, lock not held: the dashboards' deltas. */
static gboolean
send_stats_delta (gpointer data)
{
  AcTestBackend *backend = data;

  g_mutex_lock (&backend->lock);
  backend->stats_source = 0;
  for (guint i = 0; i < backend->channels->len; i++)
    {
      SoupWebsocketConnection *ws = backend->channels->pdata[i];
      JsonObject *last = g_object_get_data (G_OBJECT (ws), "stats");
      g_autoptr(JsonObject) stats = NULL;
      g_autoptr(JsonObject) delta = NULL;
      g_autoptr(JsonObject) frame = NULL;
      g_autoptr(GList) members = NULL;
      g_autofree char *now = NULL;
      g_autofree char *text = NULL;
      guint changed = 0;

      if (!socket_wants (ws, "dashboard", NULL, NULL))
        continue;
      stats = compute_stats (backend, g_object_get_data (G_OBJECT (ws), "tenant"));
      delta = json_object_new ();
      members = json_object_get_members (stats);
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (stats, l->data);

          if (g_str_equal (l->data, "generatedAt"))
            continue;
          if (last == NULL || !json_object_has_member (last, l->data) ||
              !json_node_equal (node, json_object_get_member (last, l->data)))
            {
              json_object_set_member (delta, l->data, json_node_copy (node));
              changed++;
            }
        }
      if (changed == 0)
        continue;
      json_object_set_member (delta, "generatedAt", json_node_copy (json_object_get_member (stats, "generatedAt")));
      g_object_set_data_full (G_OBJECT (ws), "stats", json_object_ref (stats), (GDestroyNotify) json_object_unref);
      now = tb_now_iso ();
      frame = json_object_new ();
      json_object_set_string_member (frame, "type", "stats_delta");
      json_object_set_object_member (frame, "data", g_steal_pointer (&delta));
      json_object_set_string_member (frame, "timestamp", now);
      text = tb_object_to_string (frame);
      soup_websocket_connection_send_text (ws, text);
    }
  g_mutex_unlock (&backend->lock);
  return G_SOURCE_REMOVE;
}

static void
stats_changed (AcTestBackend *backend)
{
  GSource *source;

  if (backend->stats_source != 0)
    return;
  source = g_timeout_source_new (STATS_DELTA_MS);
  g_source_set_callback (source, send_stats_delta, backend, NULL);
  backend->stats_source = g_source_attach (source, backend->context);
  g_source_unref (source);
}

static void
agent_calls_changed (AcTestBackend *backend,
                     JsonObject    *agent,
                     const char    *call_id,
                     gboolean       added)
{
  JsonArray *ids = json_object_get_array_member (agent, "currentCallIds");
  g_autoptr(JsonArray) kept = json_array_new ();

  for (guint i = 0; i < json_array_get_length (ids); i++)
    if (!g_str_equal (json_array_get_string_element (ids, i), call_id))
      json_array_add_string_element (kept, json_array_get_string_element (ids, i));
  if (added)
    json_array_add_string_element (kept, call_id);
  json_object_set_array_member (agent, "currentCallIds", json_array_ref (kept));
  json_object_set_int_member (agent, "activeCalls", json_array_get_length (kept));
}

/* The server moves states itself: ON_CALL when a call is assigned,
 * AFTER_CALL_WORK when the last one ends or leaves (only from ON_CALL). */
void
tb_floor_agent_state (AcTestBackend *backend,
                      const char    *agent_id,
                      const char    *state,
                      const char    *reason)
{
  JsonObject *agent = g_hash_table_lookup (backend->floor_agents, agent_id);
  g_autoptr(JsonObject) data = json_object_new ();
  g_autofree char *now = tb_now_iso ();
  g_autofree char *previous = NULL;
  g_autofree char *message = NULL;
  g_autofree char *id = NULL;

  if (agent == NULL)
    return;
  previous = g_strdup (json_object_get_string_member (agent, "state"));
  json_object_set_string_member (agent, "state", state);
  json_object_set_string_member (agent, "stateSince", now);
  if (reason != NULL)
    json_object_set_string_member (agent, "stateReason", reason);
  else
    json_object_set_null_member (agent, "stateReason");
  if (g_str_equal (agent_id, "u-1"))
    {
      g_free (backend->agent_state);
      backend->agent_state = g_strdup (state);
    }

  id = g_strdup_printf ("n-%" G_GINT64_FORMAT, backend->seq + 1);
  message = g_strdup_printf ("%s is %s", json_object_get_string_member (agent, "email"), state);
  json_object_set_string_member (data, "id", id);
  json_object_set_string_member (data, "category", "AGENT_STATE");
  json_object_set_string_member (data, "severity", "info");
  json_object_set_string_member (data, "title", "Agent state");
  json_object_set_string_member (data, "message", message);
  json_object_set_string_member (data, "agentId", agent_id);
  json_object_set_string_member (data, "email", json_object_get_string_member (agent, "email"));
  json_object_set_string_member (data, "name", json_object_get_string_member (agent, "name"));
  json_object_set_string_member (data, "previousState", previous);
  json_object_set_string_member (data, "state", state);
  json_object_set_string_member (data, "since", now);
  if (reason != NULL)
    json_object_set_string_member (data, "reason", reason);
  else
    json_object_set_null_member (data, "reason");
  json_object_set_int_member (data, "activeCalls", json_object_get_int_member (agent, "activeCalls"));
  tb_floor_send (backend, "notifications", "agent_state_changed", data, NULL, agent_id);
  stats_changed (backend);
}

static void
append_transcript (AcTestBackend *backend,
                   const char    *call_id,
                   JsonObject    *row)
{
  JsonArray *rows = g_hash_table_lookup (backend->transcripts, call_id);

  if (rows == NULL)
    {
      rows = json_array_new ();
      g_hash_table_insert (backend->transcripts, g_strdup (call_id), rows);
    }
  json_array_add_object_element (rows, row);
  while (json_array_get_length (rows) > TRANSCRIPT_KEPT)
    json_array_remove_element (rows, 0);
}

static JsonObject *
new_call (AcTestBackend *backend,
          const char    *id,
          const char    *customer,
          const char    *queue,
          const char    *tenant,
          JsonObject    *agent)
{
  JsonObject *call = json_object_new ();
  JsonObject *who = json_object_new ();
  g_autofree char *now = tb_now_iso ();
  guint c = 0;

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    if (g_strcmp0 (customer, customers[i].id) == 0)
      c = i;
  json_object_set_string_member (call, "id", id);
  json_object_set_string_member (call, "tenantId", tenant);
  json_object_set_string_member (call, "status", agent != NULL ? "IN_PROGRESS" : "WAITING");
  json_object_set_string_member (call, "conversationStatus", "ACTIVE");
  json_object_set_string_member (call, "channel", "VOICE");
  json_object_set_string_member (call, "direction", "INBOUND");
  if (customer != NULL && g_str_has_prefix (customer, "load-"))
    {
      g_autofree char *name = g_strdup_printf ("Caller %s", customer + 5);

      json_object_set_string_member (who, "id", customer);
      json_object_set_string_member (who, "name", name);
      json_object_set_string_member (who, "phone", "+15550000000");
    }
  else
    {
      json_object_set_string_member (who, "id", customers[c].id);
      json_object_set_string_member (who, "name", customers[c].name);
      json_object_set_string_member (who, "phone", customers[c].phone);
    }
  json_object_set_string_member (who, "riskLevel", "LOW");
  json_object_set_object_member (call, "customer", who);
  if (agent != NULL)
    json_object_set_object_member (call, "agent", agent_summary (agent));
  else
    json_object_set_null_member (call, "agent");
  json_object_set_object_member (call, "queue", queue_object (queue));
  json_object_set_string_member (call, "startTime", now);
  json_object_set_string_member (call, "queuedAt", now);
  if (agent != NULL)
    json_object_set_string_member (call, "answeredAt", now);
  else
    json_object_set_null_member (call, "answeredAt");
  json_object_set_null_member (call, "endTime");
  json_object_set_int_member (call, "waitSeconds", 0);
  json_object_set_int_member (call, "duration", 0);
  json_object_set_null_member (call, "sentiment");
  json_object_set_null_member (call, "riskScore");
  json_object_set_null_member (call, "maxRiskScore");
  json_object_set_boolean_member (call, "escalated", FALSE);
  json_object_set_null_member (call, "escalatedAt");
  json_object_set_null_member (call, "lastUtterance");
  json_object_set_int_member (call, "messageCount", 0);
  json_object_set_null_member (call, "recording");
  json_object_set_int_member (call, "transferCount", 0);
  json_object_set_null_member (call, "disposition");
  json_object_set_null_member (call, "summary");

  g_hash_table_insert (backend->floor_calls, g_strdup (id), call);
  g_ptr_array_add (backend->floor_order, json_object_ref (call));
  backend->offered++;
  if (agent != NULL)
    {
      backend->answered++;
      agent_calls_changed (backend, agent, id, TRUE);
    }
  tb_floor_send (backend, "calls", "call_started", call, tenant,
                 agent != NULL ? json_object_get_string_member (agent, "id") : NULL);
  stats_changed (backend);
  return call;
}

/* A conversation created by the agent u-1: its call, in its queue. */
void
tb_floor_call_started (AcTestBackend *backend,
                       JsonObject    *conversation,
                       const char    *queue,
                       const char    *tenant)
{
  JsonObject *agent = g_hash_table_lookup (backend->floor_agents, "u-1");

  new_call (backend, json_object_get_string_member (conversation, "id"),
            json_object_get_string_member_with_default (conversation, "customer_id", NULL),
            queue != NULL ? queue : "q-billing", tenant, agent);
  if (g_strcmp0 (json_object_get_string_member (agent, "state"), "ON_CALL") != 0)
    tb_floor_agent_state (backend, "u-1", "ON_CALL", NULL);
}

void
tb_floor_call_message (AcTestBackend *backend,
                       const char    *call_id,
                       JsonObject    *message,
                       const char    *label,
                       double         risk)
{
  JsonObject *call = g_hash_table_lookup (backend->floor_calls, call_id);
  const char *speaker = json_object_get_string_member (message, "speaker");
  gboolean customer = g_ascii_strcasecmp (speaker, "customer") == 0;
  JsonObject *row;
  JsonObject *agent;
  g_autoptr(JsonObject) update = NULL;
  g_autoptr(JsonObject) data = NULL;
  gboolean escalation = customer && risk > 0.7;
  gboolean first = FALSE;

  if (call == NULL)
    return;

  row = json_object_new ();
  json_object_set_string_member (row, "messageId", json_object_get_string_member (message, "id"));
  json_object_set_string_member (row, "speaker", speaker);
  json_object_set_string_member (row, "content", json_object_get_string_member (message, "content"));
  json_object_set_string_member (row, "timestamp", json_object_get_string_member (message, "timestamp"));
  json_object_set_string_member (row, "sentiment", label);
  json_object_set_double_member (row, "confidence", 0.9);
  json_object_set_double_member (row, "riskScore", risk);
  json_object_set_boolean_member (row, "escalationRequired", escalation);
  json_object_set_object_member (row, "emotions", json_object_new ());
  append_transcript (backend, call_id, row);

  /* a supervisor's note to the agent is not the call's conversation */
  if (!customer && g_ascii_strcasecmp (speaker, "agent") != 0)
    return;

  {
    JsonObject *last = json_object_new ();

    json_object_set_string_member (last, "messageId", json_object_get_string_member (message, "id"));
    json_object_set_string_member (last, "speaker", speaker);
    json_object_set_string_member (last, "content", json_object_get_string_member (message, "content"));
    json_object_set_string_member (last, "timestamp", json_object_get_string_member (message, "timestamp"));
    json_object_set_object_member (call, "lastUtterance", last);
  }
  json_object_set_int_member (call, "messageCount", json_object_get_int_member (call, "messageCount") + 1);
  if (customer)
    {
      double score = g_str_equal (label, "POSITIVE") ? 0.6 : g_str_equal (label, "NEGATIVE") ? -0.6 : 0.0;

      json_object_set_string_member (call, "sentiment", label);
      json_object_set_double_member (call, "sentimentConfidence", 0.9);
      json_object_set_double_member (call, "riskScore", risk);
      json_object_set_double_member (call, "maxRiskScore",
                                     MAX (risk, json_object_get_double_member_with_default (call, "maxRiskScore", 0)));
      backend->sentiment_sum += score;
      backend->sentiment_n++;
      if (score > 0)
        backend->n_positive++;
      else if (score < 0)
        backend->n_negative++;
      else
        backend->n_neutral++;
    }
  if (escalation && !json_object_get_boolean_member (call, "escalated"))
    {
      g_autofree char *now = tb_now_iso ();

      first = TRUE;
      backend->escalations++;
      json_object_set_boolean_member (call, "escalated", TRUE);
      json_object_set_string_member (call, "escalatedAt", now);
    }

  update = json_object_new ();
  json_object_set_string_member (update, "messageId", json_object_get_string_member (message, "id"));
  json_object_set_string_member (update, "speaker", speaker);
  json_object_set_string_member (update, "content", json_object_get_string_member (message, "content"));
  json_object_set_string_member (update, "sentiment", label);
  json_object_set_double_member (update, "confidence", 0.9);
  json_object_set_object_member (update, "emotions", json_object_new ());
  json_object_set_double_member (update, "riskScore", risk);
  json_object_set_boolean_member (update, "escalationRequired", escalation);
  data = json_object_new ();
  {
    g_autoptr(GList) members = json_object_get_members (call);

    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (data, l->data, json_node_copy (json_object_get_member (call, l->data)));
  }
  json_object_set_string_member (data, "reason", "sentiment");
  json_object_set_object_member (data, "sentimentUpdate", json_object_ref (update));
  agent = json_object_get_member (call, "agent") != NULL && JSON_NODE_HOLDS_OBJECT (json_object_get_member (call, "agent"))
          ? json_object_get_object_member (call, "agent") : NULL;
  tb_floor_send (backend, "calls", "call_updated", data, json_object_get_string_member (call, "tenantId"),
                 agent != NULL ? json_object_get_string_member (agent, "id") : NULL);

  if (escalation)
    {
      g_autoptr(JsonObject) alert = json_object_new ();
      g_autofree char *id = g_strdup_printf ("n-%" G_GINT64_FORMAT, backend->seq + 1);
      g_autofree char *text = g_strdup_printf ("%s needs attention", json_object_get_string_member (
                                                 json_object_get_object_member (call, "customer"), "name"));

      json_object_set_string_member (alert, "id", id);
      json_object_set_string_member (alert, "category", "ESCALATION");
      json_object_set_string_member (alert, "severity", risk > 0.85 ? "critical" : "high");
      json_object_set_string_member (alert, "title", "Escalation required");
      json_object_set_string_member (alert, "message", text);
      json_object_set_string_member (alert, "callId", call_id);
      json_object_set_string_member (alert, "tenantId", json_object_get_string_member (call, "tenantId"));
      json_object_set_string_member (alert, "messageId", json_object_get_string_member (message, "id"));
      json_object_set_string_member (alert, "speaker", speaker);
      json_object_set_string_member (alert, "content", json_object_get_string_member (message, "content"));
      json_object_set_string_member (alert, "sentiment", label);
      json_object_set_double_member (alert, "riskScore", risk);
      json_object_set_object_member (alert, "emotions", json_object_new ());
      json_object_set_boolean_member (alert, "firstEscalation", first);
      json_object_set_member (alert, "customer", json_node_copy (json_object_get_member (call, "customer")));
      json_object_set_member (alert, "agent", json_node_copy (json_object_get_member (call, "agent")));
      json_object_set_member (alert, "queue", json_node_copy (json_object_get_member (call, "queue")));
      tb_floor_send (backend, "notifications", "escalation_alert", alert,
                     json_object_get_string_member (call, "tenantId"),
                     agent != NULL ? json_object_get_string_member (agent, "id") : NULL);
    }
  stats_changed (backend);
}

static void
leave_agent (AcTestBackend *backend,
             JsonObject    *call)
{
  JsonNode *node = json_object_get_member (call, "agent");
  JsonObject *agent;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  agent = g_hash_table_lookup (backend->floor_agents, json_object_get_string_member (json_node_get_object (node), "id"));
  if (agent == NULL)
    return;
  agent_calls_changed (backend, agent, json_object_get_string_member (call, "id"), FALSE);
  if (json_object_get_int_member (agent, "activeCalls") == 0 &&
      g_str_equal (json_object_get_string_member (agent, "state"), "ON_CALL"))
    tb_floor_agent_state (backend, json_object_get_string_member (agent, "id"), "AFTER_CALL_WORK", NULL);
}

void
tb_floor_call_ended (AcTestBackend *backend,
                     const char    *call_id,
                     const char    *reason)
{
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = tb_now_iso ();
  g_autofree char *key = NULL;
  JsonNode *agent_node;
  double duration;

  if (!g_hash_table_steal_extended (backend->floor_calls, call_id, (gpointer *) &key, (gpointer *) &call))
    return;
  g_ptr_array_remove (backend->floor_order, call);
  started = g_date_time_new_from_iso8601 (json_object_get_string_member (call, "startTime"), NULL);
  duration = started != NULL ? g_date_time_difference (now, started) / (double) G_USEC_PER_SEC : 0;
  json_object_set_string_member (call, "status", "ENDED");
  json_object_set_string_member (call, "conversationStatus", "ENDED");
  json_object_set_string_member (call, "endTime", now_text);
  json_object_set_int_member (call, "duration", (gint64) duration);
  json_object_set_string_member (call, "endReason", reason);

  agent_node = json_object_get_member (call, "agent");
  if (agent_node != NULL && JSON_NODE_HOLDS_OBJECT (agent_node))
    {
      JsonObject *agent = g_hash_table_lookup (backend->floor_agents,
                                               json_object_get_string_member (json_node_get_object (agent_node), "id"));

      backend->ended++;
      backend->handle_total_s += duration;
      if (agent != NULL)
        {
          double total = json_object_get_double_member (agent, "handleTotal") + duration;
          gint64 handled = json_object_get_int_member (agent, "callsHandledToday") + 1;

          json_object_set_double_member (agent, "handleTotal", total);
          json_object_set_int_member (agent, "callsHandledToday", handled);
          json_object_set_double_member (agent, "averageHandleTimeTodaySeconds", total / handled);
        }
    }
  else
    backend->abandoned++;
  tb_floor_send (backend, "calls", "call_ended", call, json_object_get_string_member (call, "tenantId"),
                 agent_node != NULL && JSON_NODE_HOLDS_OBJECT (agent_node)
                 ? json_object_get_string_member (json_node_get_object (agent_node), "id") : NULL);
  leave_agent (backend, call);
  stats_changed (backend);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* A transfer (the caller checked the call and targets): to a queue the
 * call waits there without an agent; to an agent it is theirs.  Returns
 * the Transfer plus `call`. */
JsonObject *
tb_floor_call_transferred (AcTestBackend *backend,
                           const char    *call_id,
                           const char    *queue,
                           const char    *agent_id,
                           const char    *type,
                           const char    *reason,
                           const char    *by)
{
  JsonObject *call = g_hash_table_lookup (backend->floor_calls, call_id);
  JsonObject *transfer = json_object_new ();
  JsonObject *from = json_object_new ();
  JsonObject *to = json_object_new ();
  JsonObject *initiated = json_object_new ();
  JsonObject *target = agent_id != NULL ? g_hash_table_lookup (backend->floor_agents, agent_id) : NULL;
  g_autofree char *id = g_strdup_printf ("tr-%u", ++backend->next_id);
  g_autofree char *now = tb_now_iso ();

  JsonNode *from_agent;
  g_autofree char *from_id = NULL;

  if (call == NULL)
    return transfer;
  from_agent = json_object_get_member (call, "agent");
  if (from_agent != NULL && JSON_NODE_HOLDS_OBJECT (from_agent))
    from_id = g_strdup (json_object_get_string_member (json_node_get_object (from_agent), "id"));
  json_object_set_member (from, "agent", json_node_copy (json_object_get_member (call, "agent")));
  json_object_set_member (from, "queue", json_node_copy (json_object_get_member (call, "queue")));
  if (g_str_equal (type, "WARM"))
    {
      /* the agent stays on the line while the target is consulted: the
       * call moves when the consultation completes (not simulated here) */
      json_object_set_member (to, "agent", target != NULL ? object_node (agent_summary (target))
                                                         : json_node_init_null (json_node_alloc ()));
      json_object_set_member (to, "queue", queue != NULL ? object_node (queue_object (queue))
                                                        : json_node_copy (json_object_get_member (call, "queue")));
      goto told;
    }
  leave_agent (backend, call);
  if (queue != NULL)
    json_object_set_object_member (call, "queue", queue_object (queue));
  if (target != NULL)
    {
      json_object_set_object_member (call, "agent", agent_summary (target));
      json_object_set_string_member (call, "status", "IN_PROGRESS");
      agent_calls_changed (backend, target, call_id, TRUE);
      if (!g_str_equal (json_object_get_string_member (target, "state"), "ON_CALL"))
        tb_floor_agent_state (backend, agent_id, "ON_CALL", NULL);
    }
  else
    {
      json_object_set_null_member (call, "agent");
      json_object_set_string_member (call, "status", "WAITING");
      json_object_set_string_member (call, "queuedAt", now);
    }
  json_object_set_int_member (call, "transferCount", json_object_get_int_member (call, "transferCount") + 1);

  json_object_set_member (to, "agent", json_node_copy (json_object_get_member (call, "agent")));
  json_object_set_member (to, "queue", json_node_copy (json_object_get_member (call, "queue")));
told:
  json_object_set_string_member (initiated, "id", by);
  json_object_set_string_member (transfer, "id", id);
  json_object_set_string_member (transfer, "callId", call_id);
  json_object_set_string_member (transfer, "tenantId", json_object_get_string_member (call, "tenantId"));
  json_object_set_string_member (transfer, "type", type);
  /* a warm transfer waits for the consultation; a cold one is done */
  json_object_set_string_member (transfer, "status", g_str_equal (type, "WARM") ? "INITIATED" : "COMPLETED");
  json_object_set_object_member (transfer, "from", from);
  json_object_set_object_member (transfer, "to", to);
  json_object_set_string_member (transfer, "reason", reason);
  json_object_set_object_member (transfer, "initiatedBy", initiated);
  json_object_set_string_member (transfer, "createdAt", now);
  json_object_set_object_member (transfer, "call", json_object_ref (call));
  tb_floor_send (backend, "calls", "transferred", transfer, json_object_get_string_member (call, "tenantId"),
                 from_id != NULL ? from_id : agent_id);
  stats_changed (backend);
  return transfer;
}

void
tb_floor_call_recording (AcTestBackend *backend,
                         const char    *call_id,
                         JsonObject    *recording)
{
  JsonObject *call = g_hash_table_lookup (backend->floor_calls, call_id);
  gboolean started = g_str_equal (json_object_get_string_member (recording, "status"), "RECORDING");
  g_autoptr(JsonObject) data = json_object_new ();
  JsonNode *agent;

  if (call == NULL)
    return;
  if (started)
    {
      JsonObject *summary = json_object_new ();

      json_object_set_string_member (summary, "id", json_object_get_string_member (recording, "id"));
      json_object_set_string_member (summary, "status", "RECORDING");
      json_object_set_member (summary, "startedAt", json_node_copy (json_object_get_member (recording, "startedAt")));
      json_object_set_object_member (call, "recording", summary);
    }
  else
    json_object_set_null_member (call, "recording");
  {
    g_autoptr(GList) members = json_object_get_members (call);

    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (data, l->data, json_node_copy (json_object_get_member (call, l->data)));
  }
  json_object_set_string_member (data, "reason", started ? "recording_started" : "recording_stopped");
  json_object_set_object_member (data, "recording", json_object_ref (recording));
  agent = json_object_get_member (call, "agent");
  tb_floor_send (backend, "calls", "call_updated", data, json_object_get_string_member (call, "tenantId"),
                 agent != NULL && JSON_NODE_HOLDS_OBJECT (agent)
                 ? json_object_get_string_member (json_node_get_object (agent), "id") : NULL);
}

static gboolean
call_visible (JsonObject *call,
              const char *tenant,
              const char *role,
              const char *user)
{
  JsonNode *agent = json_object_get_member (call, "agent");

  if (tenant != NULL && g_strcmp0 (json_object_get_string_member (call, "tenantId"), tenant) != 0)
    return FALSE;
  if (is_supervisor (role))
    return TRUE;
  return agent != NULL && JSON_NODE_HOLDS_OBJECT (agent) &&
         g_strcmp0 (json_object_get_string_member (json_node_get_object (agent), "id"), user) == 0;
}

static JsonArray *
list_calls (AcTestBackend *backend,
            const char    *tenant,
            const char    *role,
            const char    *user,
            GHashTable    *query)
{
  JsonArray *calls = json_array_new ();
  const char *queue = query != NULL ? g_hash_table_lookup (query, "queue") : NULL;
  const char *escalated = query != NULL ? g_hash_table_lookup (query, "escalated") : NULL;

  for (guint i = 0; i < backend->floor_order->len; i++)
    {
      JsonObject *call = backend->floor_order->pdata[i];
      JsonObject *call_queue = json_object_get_object_member (call, "queue");

      if (!call_visible (call, tenant, role, user))
        continue;
      if (queue != NULL && !g_str_equal (json_object_get_string_member (call_queue, "id"), queue) &&
          g_ascii_strcasecmp (json_object_get_string_member (call_queue, "name"), queue) != 0)
        continue;
      if (escalated != NULL && json_object_get_boolean_member (call, "escalated") != g_str_equal (escalated, "true"))
        continue;
      json_array_add_object_element (calls, json_object_ref (call));
    }
  return calls;
}

static JsonObject *
public_agent (JsonObject *agent)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (agent);
  g_autoptr(GDateTime) since = g_date_time_new_from_iso8601 (json_object_get_string_member (agent, "stateSince"), NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "handleTotal"))
      json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (agent, l->data)));
  json_object_set_int_member (copy, "stateDurationSeconds",
                              since != NULL ? g_date_time_difference (now, since) / G_USEC_PER_SEC : 0);
  return copy;
}

/* The floor's REST endpoints; FALSE when @path is not one of them. */
gboolean
tb_floor_handle (AcTestBackend     *backend,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *tenant = soup_message_headers_get_one (headers, "X-Tenant-ID");
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *role = NULL;
  g_autofree char *user = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonObject) data = NULL;

  if (!g_str_equal (path, "/api/calls/live") && !g_str_equal (path, "/api/calls/active") &&
      !g_str_has_prefix (path, "/api/calls/") && !g_str_equal (path, "/api/agents") &&
      !g_str_equal (path, "/api/agents/me") && !g_str_equal (path, "/api/dashboard/stats") &&
      !g_str_equal (path, "/api/system/health"))
    return FALSE;
  if (!g_str_equal (method, "GET"))
    return FALSE;
  if (!tb_token_valid (authorization))
    {
      tb_reply (msg, 401, "application/json", "{\"success\":false,\"error\":{\"code\":\"AUTH_REQUIRED\"}}");
      return TRUE;
    }
  if (tenant != NULL && !tenant_valid (tenant))
    {
      tb_reply_error (msg, 400, "VALIDATION_ERROR", "Invalid X-Tenant-ID");
      return TRUE;
    }
  role = tb_token_claim (authorization, "role");
  user = tb_token_claim (authorization, "userId");
  locker = g_mutex_locker_new (&backend->lock);
  data = json_object_new ();

  if (g_str_equal (path, "/api/system/health"))
    {
      json_object_set_string_member (data, "status", "healthy");
      json_object_set_int_member (data, "uptimeSeconds", 1);
      json_object_set_string_member (data, "version", "test");
      json_object_set_object_member (data, "services", json_object_new ());
    }
  else if (g_str_equal (path, "/api/dashboard/stats") || g_str_equal (path, "/api/calls/live") ||
           g_str_equal (path, "/api/agents"))
    {
      if (!is_supervisor (role))
        {
          tb_reply_error (msg, 403, "FORBIDDEN", "Supervisors only");
          return TRUE;
        }
      if (g_str_equal (path, "/api/dashboard/stats"))
        {
          g_clear_pointer (&data, json_object_unref);
          data = compute_stats (backend, tenant);
        }
      else if (g_str_equal (path, "/api/calls/live"))
        {
          JsonArray *calls = list_calls (backend, tenant, role, user, query);
          g_autofree char *now = tb_now_iso ();

          json_object_set_int_member (data, "totalCount", json_array_get_length (calls));
          json_object_set_array_member (data, "calls", calls);
          json_object_set_string_member (data, "tenantId", tenant);
          json_object_set_string_member (data, "generatedAt", now);
        }
      else
        {
          JsonArray *agents = json_array_new ();
          const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;

          for (guint i = 0; i < backend->agent_order->len; i++)
            if (state == NULL || g_str_equal (json_object_get_string_member (backend->agent_order->pdata[i], "state"), state))
              json_array_add_object_element (agents, public_agent (backend->agent_order->pdata[i]));
          json_object_set_int_member (data, "totalCount", json_array_get_length (agents));
          json_object_set_array_member (data, "agents", agents);
          json_object_set_string_member (data, "tenantId", tenant);
        }
    }
  else if (g_str_equal (path, "/api/calls/active"))
    {
      JsonArray *calls = list_calls (backend, tenant, role, user, query);
      g_autofree char *now = tb_now_iso ();

      json_object_set_int_member (data, "totalCount", json_array_get_length (calls));
      json_object_set_array_member (data, "calls", calls);
      json_object_set_string_member (data, "tenantId", tenant);
      json_object_set_string_member (data, "generatedAt", now);
    }
  else if (g_str_equal (path, "/api/agents/me"))
    {
      JsonObject *agent = user != NULL ? g_hash_table_lookup (backend->floor_agents, user) : NULL;

      if (agent == NULL)
        {
          tb_reply_error (msg, 404, "NOT_FOUND", "No agent profile");
          return TRUE;
        }
      g_clear_pointer (&data, json_object_unref);
      data = public_agent (agent);
    }
  else
    {
      const char *id = path + strlen ("/api/calls/");
      JsonObject *call = g_hash_table_lookup (backend->floor_calls, id);
      JsonArray *transcript = g_hash_table_lookup (backend->transcripts, id);
      g_autoptr(GList) members = NULL;

      if (call == NULL || !call_visible (call, tenant, role, user))
        {
          tb_reply_error (msg, 404, "NOT_FOUND", "Call not found");
          return TRUE;
        }
      members = json_object_get_members (call);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (data, l->data, json_node_copy (json_object_get_member (call, l->data)));
      json_object_set_array_member (data, "transcript", transcript != NULL ? json_array_ref (transcript) : json_array_new ());
      json_object_set_array_member (data, "transfers", json_array_new ());
      json_object_set_array_member (data, "recordings", json_array_new ());
    }

  tb_reply_object (msg, 200, data);
  return TRUE;
}

/* A channel's first frame (no seq). */
char *
tb_floor_snapshot (AcTestBackend *backend,
                   const char    *channel,
                   const char    *role,
                   const char    *user,
                   const char    *tenant)
{
  g_autoptr(JsonObject) frame = json_object_new ();
  g_autoptr(JsonObject) data = NULL;
  g_autofree char *now = tb_now_iso ();

  if (g_str_equal (channel, "dashboard"))
    {
      data = compute_stats (backend, tenant);
      json_object_set_string_member (frame, "type", "stats_snapshot");
    }
  else if (g_str_equal (channel, "calls"))
    {
      JsonArray *calls = list_calls (backend, tenant, role, user, NULL);

      data = json_object_new ();
      json_object_set_int_member (data, "totalCount", json_array_get_length (calls));
      json_object_set_array_member (data, "calls", calls);
      json_object_set_string_member (frame, "type", "calls_snapshot");
    }
  else
    {
      JsonArray *list = json_array_new ();

      for (guint i = 0; i < json_array_get_length (backend->floor_notifications); i++)
        {
          JsonObject *row = json_array_get_object_element (backend->floor_notifications, i);
          const char *row_tenant = json_object_get_string_member_with_default (row, "tenantId", NULL);

          if (tenant != NULL && row_tenant != NULL && !g_str_equal (tenant, row_tenant))
            continue;
          if (!is_supervisor (role) &&
              g_strcmp0 (json_object_get_string_member_with_default (row, "agentIdForFilter", NULL), user) != 0)
            continue;
          json_array_add_object_element (list, json_object_ref (row));
        }
      data = json_object_new ();
      json_object_set_array_member (data, "notifications", list);
      json_object_set_string_member (frame, "type", "notifications_snapshot");
    }
  json_object_set_object_member (frame, "data", g_steal_pointer (&data));
  json_object_set_string_member (frame, "timestamp", now);
  return tb_object_to_string (frame);
}

/* The load mode: a busy floor, every LOAD_TICK_MS a share of the events. */
static gboolean
load_tick (gpointer user_data)
{
  AcTestBackend *backend = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  for (guint e = 0; e < backend->load_per_tick && backend->load_left > 0; e++, backend->load_left--)
    {
      double pick = g_rand_double (backend->rand);
      JsonObject *call;
      const char *id;

      if (backend->floor_order->len == 0)
        break;
      call = backend->floor_order->pdata[g_rand_int_range (backend->rand, 0, backend->floor_order->len)];
      id = json_object_get_string_member (call, "id");
      if (pick < 0.90)
        {
          /* a customer's (or the agent's) words, scored */
          guint l = g_rand_int_range (backend->rand, 0, G_N_ELEMENTS (lines) - 2);
          g_autoptr(JsonObject) message = json_object_new ();
          g_autofree char *message_id = g_strdup_printf ("m-%u", ++backend->next_id);
          g_autofree char *now = tb_now_iso ();

          if (pick < 0.004)
            l = G_N_ELEMENTS (lines) - 1 - (pick < 0.002);  /* an escalation now and then */
          json_object_set_string_member (message, "id", message_id);
          json_object_set_string_member (message, "speaker", pick < 0.7 ? "customer" : "agent");
          json_object_set_string_member (message, "content", lines[l].text);
          json_object_set_string_member (message, "timestamp", now);
          tb_floor_call_message (backend, id, message, lines[l].label, lines[l].risk);
        }
      else if (pick < 0.94)
        {
          /* one ends, another starts */
          g_autofree char *call_id = NULL;
          g_autofree char *customer = g_strdup_printf ("load-%u", ++backend->next_id);
          JsonObject *agent = backend->agent_order->pdata[g_rand_int_range (backend->rand, 0, backend->agent_order->len)];

          if (g_str_has_prefix (id, "load-"))
            tb_floor_call_ended (backend, id, "completed");
          call_id = g_strdup_printf ("load-call-%u", ++backend->next_id);
          new_call (backend, call_id, customer, queues[g_rand_int_range (backend->rand, 0, G_N_ELEMENTS (queues))].id,
                    NULL, g_rand_double (backend->rand) < 0.1 ? NULL : agent);
        }
      else if (pick < 0.96)
        {
          if (g_str_has_prefix (id, "load-"))
            json_object_unref (tb_floor_call_transferred (backend, id, queues[g_rand_int_range (backend->rand, 0, G_N_ELEMENTS (queues))].id,
                                                          NULL, "COLD", "load", "load"));
        }
      else
        {
          static const char *states[] = { "AVAILABLE", "BREAK", "AFTER_CALL_WORK" };
          JsonObject *agent = backend->agent_order->pdata[g_rand_int_range (backend->rand, 0, backend->agent_order->len)];
          const char *agent_id = json_object_get_string_member (agent, "id");

          if (!g_str_equal (agent_id, "u-1") && json_object_get_int_member (agent, "activeCalls") == 0)
            tb_floor_agent_state (backend, agent_id, states[g_rand_int_range (backend->rand, 0, G_N_ELEMENTS (states))],
                                  NULL);
        }
    }
  if (backend->load_left == 0)
    {
      backend->load_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  AcTestBackend *backend;
  guint          n_calls, n_agents, per_second, seconds;
} Load;

static gboolean
do_load (gpointer user_data)
{
  Load *load = user_data;
  AcTestBackend *backend = load->backend;
  GSource *source;

  g_mutex_lock (&backend->lock);
  for (guint a = backend->agent_order->len; a <= load->n_agents; a++)
    {
      g_autofree char *id = g_strdup_printf ("load-agent-%u", a);
      g_autofree char *email = g_strdup_printf ("agent%u@load.example", a);
      g_autofree char *name = g_strdup_printf ("Agent %u", a);

      add_agent (backend, id, email, name, "AVAILABLE");
    }
  for (guint c = 0; c < load->n_calls; c++)
    {
      g_autofree char *id = g_strdup_printf ("load-call-%u", ++backend->next_id);
      g_autofree char *customer = g_strdup_printf ("load-%u", backend->next_id);
      JsonObject *agent = backend->agent_order->pdata[1 + c % (backend->agent_order->len - 1)];

      new_call (backend, id, customer, queues[c % G_N_ELEMENTS (queues)].id, NULL, c % 10 == 9 ? NULL : agent);
      if (c % 10 != 9 && !g_str_equal (json_object_get_string_member (agent, "state"), "ON_CALL"))
        tb_floor_agent_state (backend, json_object_get_string_member (agent, "id"), "ON_CALL", NULL);
    }
  backend->load_left = load->per_second * load->seconds;
  backend->load_per_tick = MAX (1, load->per_second * LOAD_TICK_MS / 1000);
  g_mutex_unlock (&backend->lock);

  if (backend->load_source == 0 && load->per_second > 0 && load->seconds > 0)
    {
      source = g_timeout_source_new (LOAD_TICK_MS);
      g_source_set_callback (source, load_tick, backend, NULL);
      backend->load_source = g_source_attach (source, backend->context);
      g_source_unref (source);
    }
  g_free (load);
  return G_SOURCE_REMOVE;
}

/**
 * ac_test_backend_start_load:
 * @backend: a test backend
 * @n_calls: calls to put on the floor at once (one in ten waiting)
 * @n_agents: agents (besides the test agent) to take them
 * @per_second: events a second from then on
 * @seconds: for how long; the load stops by itself
 *
 * A busy floor, bounded in count and time: sentiment updates (one in fifty
 * an escalation), calls ending and starting, transfers to queues, agents
 * taking breaks.  Returns at once; the events come from the server's
 * thread.
 */
void
ac_test_backend_start_load (AcTestBackend *backend,
                            guint          n_calls,
                            guint          n_agents,
                            guint          per_second,
                            guint          seconds)
{
  Load *load = g_new0 (Load, 1);

  g_return_if_fail (n_agents > 0 && per_second <= 10000 && seconds <= 3600 && n_calls <= 100000);
  load->backend = backend;
  load->n_calls = n_calls;
  load->n_agents = n_agents;
  load->per_second = per_second;
  load->seconds = seconds;
  g_mutex_lock (&backend->lock);
  backend->load_left = per_second * seconds;  /* told at once: the load is coming */
  g_mutex_unlock (&backend->lock);
  g_main_context_invoke (backend->context, do_load, load);
}

/**
 * ac_test_backend_get_load_left:
 * @backend: a test backend
 *
 * Returns: the load's events still to come
 */
guint
ac_test_backend_get_load_left (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  return backend->load_left;
}

typedef struct
{
  AcTestBackend *backend;
  char          *call_id;
} Escalate;

static gboolean
do_escalate (gpointer user_data)
{
  Escalate *escalate = user_data;
  AcTestBackend *backend = escalate->backend;
  g_autoptr(JsonObject) message = json_object_new ();
  g_autofree char *now = tb_now_iso ();
  g_autofree char *id = NULL;

  g_mutex_lock (&backend->lock);
  id = g_strdup_printf ("m-escalate-%u", ++backend->next_id);
  json_object_set_string_member (message, "id", id);
  json_object_set_string_member (message, "speaker", "customer");
  json_object_set_string_member (message, "content", "I want to close my account today, I am done with you");
  json_object_set_string_member (message, "timestamp", now);
  tb_floor_call_message (backend, escalate->call_id, message, "NEGATIVE", 0.92);
  g_mutex_unlock (&backend->lock);
  g_free (escalate->call_id);
  g_free (escalate);
  return G_SOURCE_REMOVE;
}

/**
 * ac_test_backend_escalate:
 * @backend: a test backend
 * @call_id: a live call
 *
 * The server's analysis of the call's customer finds a message it must
 * escalate (risk 0.92): `call_updated` and `escalation_alert`, as if the
 * customer had said it; nothing is sent to the call's room.
 */
void
ac_test_backend_escalate (AcTestBackend *backend,
                          const char    *call_id)
{
  Escalate *escalate = g_new0 (Escalate, 1);

  escalate->backend = backend;
  escalate->call_id = g_strdup (call_id);
  g_main_context_invoke (backend->context, do_escalate, escalate);
}
