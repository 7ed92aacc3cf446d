/* ac-floor-agents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-floor"

#include "config.h"

#include "ac-floor-agents.h"
#include "ac-json.h"

/**
 * AcFloorAgents:
 *
 * The floor's agents (`contracts/voice-platform.md`, Agent): the list
 * `GET /agents` answers (applied as `agents_snapshot`), kept current by
 * the notifications channel's `agent_state_changed`.  A #GListModel of
 * #AcFloorAgent in the server's order, each updated in place.
 */

struct _AcFloorAgent
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *email;
  char    *state;
  char    *reason;
  gint64   since_ms;
  char    *queues;          /* names, comma-separated */
  guint    active_calls;
  char    *current_call;
  guint    handled_today;
  double   average_handle_s;
  gint64   event_us;        /* when an event last told of it, monotonic */
  gboolean seen;
};

G_DEFINE_FINAL_TYPE (AcFloorAgent, ac_floor_agent, G_TYPE_OBJECT)

struct _AcFloorAgents
{
  GObject     parent_instance;

  gint64      asked_us;     /* when the snapshot being applied was asked for */
  GPtrArray  *agents;       /* AcFloorAgent */
  GHashTable *by_id;        /* id → AcFloorAgent, not owned */
};

static void ac_floor_agents_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcFloorAgents, ac_floor_agents, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ac_floor_agents_list_model_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ac_floor_agent_finalize (GObject *object)
{
  AcFloorAgent *self = AC_FLOOR_AGENT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->email);
  g_free (self->state);
  g_free (self->reason);
  g_free (self->queues);
  g_free (self->current_call);

  G_OBJECT_CLASS (ac_floor_agent_parent_class)->finalize (object);
}

static void
ac_floor_agent_class_init (AcFloorAgentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_floor_agent_finalize;

  /**
   * AcFloorAgent::changed:
   * @self: the agent
   *
   * Something about the agent changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ac_floor_agent_init (AcFloorAgent *self)
{
  self->since_ms = -1;
  self->average_handle_s = -1;
}

static GType
ac_floor_agents_get_item_type (GListModel *model)
{
  return AC_TYPE_FLOOR_AGENT;
}

static guint
ac_floor_agents_get_n_items (GListModel *model)
{
  return AC_FLOOR_AGENTS (model)->agents->len;
}

static gpointer
ac_floor_agents_get_item (GListModel *model,
                          guint       position)
{
  AcFloorAgents *self = AC_FLOOR_AGENTS (model);

  return position < self->agents->len ? g_object_ref (self->agents->pdata[position]) : NULL;
}

static void
ac_floor_agents_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ac_floor_agents_get_item_type;
  iface->get_n_items = ac_floor_agents_get_n_items;
  iface->get_item = ac_floor_agents_get_item;
}

static void
ac_floor_agents_finalize (GObject *object)
{
  AcFloorAgents *self = AC_FLOOR_AGENTS (object);

  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->agents);

  G_OBJECT_CLASS (ac_floor_agents_parent_class)->finalize (object);
}

static void
ac_floor_agents_class_init (AcFloorAgentsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_floor_agents_finalize;
}

static void
ac_floor_agents_init (AcFloorAgents *self)
{
  self->asked_us = G_MAXINT64;  /* a snapshot without an age replaces everything */
  self->agents = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * ac_floor_agents_new:
 *
 * Returns: (transfer full): no agents yet
 */
AcFloorAgents *
ac_floor_agents_new (void)
{
  return g_object_new (AC_TYPE_FLOOR_AGENTS, NULL);
}

/* An Agent (or an agent_state_changed's data), over what was known. */
static void
update_agent (AcFloorAgent *self,
              JsonObject   *agent,
              gint64        now_ms)
{
  JsonArray *queues = ac_json_member_array (agent, "queues");
  JsonArray *calls = ac_json_member_array (agent, "currentCallIds");
  g_autofree char *old_state = g_strdup (self->state);
  gint64 since;

  ac_json_take_member_text (&self->name, agent, "name");
  ac_json_take_member_text (&self->email, agent, "email");
  ac_json_take_member_text (&self->state, agent, "state");
  if (self->state != NULL)
    {
      char *up = g_ascii_strup (self->state, -1);

      g_free (self->state);
      self->state = up;
    }
  if (json_object_has_member (agent, "stateReason"))
    ac_json_take_member_text (&self->reason, agent, "stateReason");
  else if (json_object_has_member (agent, "reason"))
    ac_json_take_member_text (&self->reason, agent, "reason");
  else if (g_strcmp0 (old_state, self->state) != 0)
    g_clear_pointer (&self->reason, g_free);

  since = ac_json_member_time_ms (agent, json_object_has_member (agent, "stateSince") ? "stateSince" : "since");
  if (since < 0 && json_object_has_member (agent, "stateDurationSeconds"))
    {
      double duration = ac_json_member_number (agent, "stateDurationSeconds", -1);

      if (duration >= 0 && duration < 366 * 86400)
        since = now_ms - (gint64) (duration * 1000);
    }
  if (since >= 0)
    self->since_ms = since;
  else if (g_strcmp0 (old_state, self->state) != 0)
    self->since_ms = now_ms;  /* it changed now, as far as anyone here knows */

  if (queues != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (queues); i++)
        {
          JsonNode *element = json_array_get_element (queues, i);
          JsonObject *queue = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          g_autofree char *owned = NULL;
          const char *name = ac_json_member_text (queue, "name", &owned);

          if (name == NULL && JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            name = json_node_get_string (element);
          if (name == NULL)
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, name);
        }
      g_free (self->queues);
      self->queues = g_string_free (g_steal_pointer (&names), FALSE);
    }
  if (json_object_has_member (agent, "activeCalls"))
    self->active_calls = ac_json_member_count (agent, "activeCalls", self->active_calls);
  if (calls != NULL)
    {
      JsonNode *first = json_array_get_length (calls) > 0 ? json_array_get_element (calls, 0) : NULL;

      g_clear_pointer (&self->current_call, g_free);
      if (first != NULL && JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING)
        self->current_call = g_strdup (json_node_get_string (first));
      else if (first != NULL && JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_INT64)
        self->current_call = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (first));
    }
  else if (self->active_calls == 0)
    g_clear_pointer (&self->current_call, g_free);
  if (json_object_has_member (agent, "callsHandledToday"))
    self->handled_today = ac_json_member_count (agent, "callsHandledToday", 0);
  if (json_object_has_member (agent, "averageHandleTimeTodaySeconds"))
    self->average_handle_s = ac_json_member_number (agent, "averageHandleTimeTodaySeconds", -1);

  g_signal_emit (self, signals[CHANGED], 0);
}

static guint
position_of (AcFloorAgents *self,
             AcFloorAgent  *agent)
{
  guint position = 0;

  g_ptr_array_find (self->agents, agent, &position);
  return position;
}

static AcFloorAgent *
add_agent (AcFloorAgents *self,
           const char    *id)
{
  AcFloorAgent *agent = g_object_new (AC_TYPE_FLOOR_AGENT, NULL);

  agent->id = g_strdup (id);
  g_ptr_array_add (self->agents, agent);
  g_hash_table_insert (self->by_id, agent->id, agent);
  return agent;
}

/**
 * ac_floor_agents_apply:
 * @self: a #AcFloorAgents
 * @type: `agents_snapshot` for the `data` of `GET /agents`, or a
 *   notification's `type` (`agent_state_changed`; others are ignored)
 * @data: (nullable): its `data`
 * @now_ms: when it arrived, Unix ms
 *
 * Returns: whether the agents changed
 */
gboolean
ac_floor_agents_apply (AcFloorAgents *self,
                       const char    *type,
                       JsonNode      *data,
                       gint64         now_ms)
{
  JsonObject *object;

  g_return_val_if_fail (AC_IS_FLOOR_AGENTS (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return FALSE;
  object = json_node_get_object (data);

  if (g_str_equal (type, "agents_snapshot"))
    {
      JsonArray *agents = ac_json_member_array (object, "agents");
      guint kept;

      if (agents == NULL)
        return FALSE;
      for (guint i = 0; i < self->agents->len; i++)
        ((AcFloorAgent *) self->agents->pdata[i])->seen = FALSE;
      kept = self->agents->len;
      for (guint i = 0; i < json_array_get_length (agents); i++)
        {
          JsonNode *element = json_array_get_element (agents, i);
          JsonObject *row = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          g_autofree char *owned = NULL;
          const char *id = ac_json_member_text (row, "id", &owned);
          AcFloorAgent *agent;

          if (id == NULL || id[0] == '\0')
            continue;
          if ((agent = g_hash_table_lookup (self->by_id, id)) == NULL)
            {
              agent = add_agent (self, id);
              update_agent (agent, row, now_ms);
            }
          else if (!agent->seen && agent->event_us <= self->asked_us)
            {
              update_agent (agent, row, now_ms);
              g_list_model_items_changed (G_LIST_MODEL (self), position_of (self, agent), 1, 1);
            }
          agent->seen = TRUE;
        }
      for (guint i = self->agents->len; i > 0; i--)
        {
          AcFloorAgent *agent = self->agents->pdata[i - 1];

          /* (one an event told of after the snapshot was asked for stays) */
          if (agent->seen || agent->event_us > self->asked_us)
            continue;
          g_hash_table_remove (self->by_id, agent->id);
          g_ptr_array_remove_index (self->agents, i - 1);
          if (i - 1 < kept)
            {
              kept--;
              g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
            }
        }
      if (self->agents->len > kept)
        g_list_model_items_changed (G_LIST_MODEL (self), kept, 0, self->agents->len - kept);
      return TRUE;
    }

  if (g_str_equal (type, "agent_state_changed"))
    {
      g_autofree char *owned = NULL;
      const char *id = ac_json_member_text (object, "agentId", &owned);
      AcFloorAgent *agent;

      if (id == NULL || id[0] == '\0')
        return FALSE;
      if ((agent = g_hash_table_lookup (self->by_id, id)) == NULL)
        {
          agent = add_agent (self, id);
          agent->event_us = g_get_monotonic_time ();
          update_agent (agent, object, now_ms);
          g_list_model_items_changed (G_LIST_MODEL (self), self->agents->len - 1, 0, 1);
          return TRUE;
        }
      agent->event_us = g_get_monotonic_time ();
      update_agent (agent, object, now_ms);
      g_list_model_items_changed (G_LIST_MODEL (self), position_of (self, agent), 1, 1);
      return TRUE;
    }

  return FALSE;
}

/**
 * ac_floor_agents_apply_snapshot:
 * @self: a #AcFloorAgents
 * @data: the `data` of `GET /agents`
 * @now_ms: when it arrived, Unix ms
 * @asked_us: when it was asked for, monotonic µs
 *
 * As ac_floor_agents_apply() with `agents_snapshot`, for an answer that
 * may arrive after events newer than it: an agent an event told of after
 * @asked_us keeps what the event said, and is not removed.
 *
 * Returns: whether the agents changed
 */
gboolean
ac_floor_agents_apply_snapshot (AcFloorAgents *self,
                                JsonNode      *data,
                                gint64         now_ms,
                                gint64         asked_us)
{
  gboolean changed;

  g_return_val_if_fail (AC_IS_FLOOR_AGENTS (self), FALSE);

  self->asked_us = asked_us;
  changed = ac_floor_agents_apply (self, "agents_snapshot", data, now_ms);
  self->asked_us = G_MAXINT64;
  return changed;
}

/**
 * ac_floor_agents_lookup:
 * @self: a #AcFloorAgents
 * @id: an agent's id
 *
 * Returns: (transfer none) (nullable): the agent
 */
AcFloorAgent *
ac_floor_agents_lookup (AcFloorAgents *self,
                        const char    *id)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENTS (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/**
 * ac_floor_agent_get_id:
 * @self: a #AcFloorAgent
 *
 * Returns: its id on the server
 */
const char *
ac_floor_agent_get_id (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), NULL);
  return self->id;
}

/**
 * ac_floor_agent_get_name:
 * @self: a #AcFloorAgent
 *
 * Returns: its name, else email, else id
 */
const char *
ac_floor_agent_get_name (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), NULL);
  return self->name != NULL && self->name[0] != '\0' ? self->name
         : self->email != NULL ? self->email : self->id;
}

/**
 * ac_floor_agent_get_email:
 * @self: a #AcFloorAgent
 *
 * Returns: (nullable): its email
 */
const char *
ac_floor_agent_get_email (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), NULL);
  return self->email;
}

/**
 * ac_floor_agent_get_state:
 * @self: a #AcFloorAgent
 *
 * Returns: (nullable): `AVAILABLE`, `ON_CALL`, `AFTER_CALL_WORK`, `BREAK`,
 *   `OFFLINE` (upper case), or what else the server says
 */
const char *
ac_floor_agent_get_state (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), NULL);
  return self->state;
}

/**
 * ac_floor_agent_get_reason:
 * @self: a #AcFloorAgent
 *
 * Returns: (nullable): why it is in its state (a break's reason)
 */
const char *
ac_floor_agent_get_reason (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), NULL);
  return self->reason;
}

/**
 * ac_floor_agent_get_state_since_ms:
 * @self: a #AcFloorAgent
 *
 * Returns: since when it is in its state, Unix ms, or -1
 */
gint64
ac_floor_agent_get_state_since_ms (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), -1);
  return self->since_ms;
}

/**
 * ac_floor_agent_get_queues:
 * @self: a #AcFloorAgent
 *
 * Returns: (nullable): its queues' names, comma-separated
 */
const char *
ac_floor_agent_get_queues (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), NULL);
  return self->queues;
}

/**
 * ac_floor_agent_get_active_calls:
 * @self: a #AcFloorAgent
 *
 * Returns: its calls now
 */
guint
ac_floor_agent_get_active_calls (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), 0);
  return self->active_calls;
}

/**
 * ac_floor_agent_get_current_call:
 * @self: a #AcFloorAgent
 *
 * Returns: (nullable): the id of its (first) current call
 */
const char *
ac_floor_agent_get_current_call (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), NULL);
  return self->current_call;
}

/**
 * ac_floor_agent_get_handled_today:
 * @self: a #AcFloorAgent
 *
 * Returns: calls it handled today (since 00:00 UTC)
 */
guint
ac_floor_agent_get_handled_today (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), 0);
  return self->handled_today;
}

/**
 * ac_floor_agent_get_average_handle_s:
 * @self: a #AcFloorAgent
 *
 * Returns: its average handle time today, seconds, or -1
 */
double
ac_floor_agent_get_average_handle_s (AcFloorAgent *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), -1);
  return self->average_handle_s;
}

/**
 * ac_floor_agent_is_overdue:
 * @self: a #AcFloorAgent
 * @now_ms: the time, Unix ms
 * @break_limit_s: how long a break may last, s (0: no limit)
 * @after_call_limit_s: how long after-call work may last, s (0: no limit)
 *
 * Returns: whether it has been in Break or After-Call Work longer than the
 *   team allows
 */
gboolean
ac_floor_agent_is_overdue (AcFloorAgent *self,
                           gint64        now_ms,
                           guint         break_limit_s,
                           guint         after_call_limit_s)
{
  guint limit = 0;

  g_return_val_if_fail (AC_IS_FLOOR_AGENT (self), FALSE);

  if (g_strcmp0 (self->state, "BREAK") == 0)
    limit = break_limit_s;
  else if (g_strcmp0 (self->state, "AFTER_CALL_WORK") == 0)
    limit = after_call_limit_s;
  return limit > 0 && self->since_ms >= 0 && now_ms - self->since_ms > (gint64) limit * 1000;
}
