/* ac-floor-calls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-floor"

#include "config.h"

#include <stdlib.h>

#include "ac-floor-calls.h"
#include "ac-json.h"

/**
 * AcFloorCalls:
 *
 * The live calls of the supervisor's floor, as the voice platform's
 * `/ws/calls` channel tells them (`contracts/voice-platform.md`): a
 * #GListModel of #AcFloorCall, oldest first, each updated in place, so a
 * recycling view redraws only the rows that changed.
 *
 * Frames are read as a real backend sends them: fields may be missing,
 * numbers may come as strings, unknown frames and fields are ignored, a
 * call without an id is dropped.  `calls_snapshot` replaces the list;
 * `call_started` and `call_updated` add or update (an update for a call not
 * yet known adds it: an event may overtake the snapshot); `call_ended`
 * removes; `transferred` updates the call it carries.
 */

/* Scores kept for a call's sparkline. */
#define RECENT_SCORES 20

struct _AcFloorCall
{
  GObject  parent_instance;

  char    *id;
  char    *status;
  char    *customer_name;
  char    *agent_id;
  char    *agent_name;
  char    *queue_id;
  char    *queue_name;
  char    *sentiment;
  double   risk_score;      /* 0..1, or -1 before the first analysis */
  gboolean escalated;
  gint64   start_ms;
  gint64   queued_ms;
  char    *last_utterance;
  char    *last_speaker;
  char    *recording_id;    /* while the server records it */
  GArray  *recent;          /* double, oldest first */
  gint64   event_us;        /* when an event last told of it, monotonic */
  gboolean seen;            /* in the snapshot being applied */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AcFloorCall, ac_floor_call, G_TYPE_OBJECT)

struct _AcFloorCalls
{
  GObject     parent_instance;

  gint64      asked_us;     /* when the snapshot being applied was asked for */
  GPtrArray  *calls;        /* AcFloorCall, in arrival order */
  GHashTable *by_id;        /* id → AcFloorCall (not owned) */
};

static void ac_floor_calls_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcFloorCalls, ac_floor_calls, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ac_floor_calls_list_model_init))

static void
ac_floor_call_finalize (GObject *object)
{
  AcFloorCall *self = AC_FLOOR_CALL (object);

  g_free (self->id);
  g_free (self->status);
  g_free (self->customer_name);
  g_free (self->agent_id);
  g_free (self->agent_name);
  g_free (self->queue_id);
  g_free (self->queue_name);
  g_free (self->last_speaker);
  g_free (self->recording_id);
  g_free (self->sentiment);
  g_free (self->last_utterance);
  g_array_unref (self->recent);

  G_OBJECT_CLASS (ac_floor_call_parent_class)->finalize (object);
}

static void
ac_floor_call_class_init (AcFloorCallClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_floor_call_finalize;

  /**
   * AcFloorCall::changed:
   * @self: the call
   *
   * Something about the call changed; a row showing it redraws.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ac_floor_call_init (AcFloorCall *self)
{
  self->recent = g_array_new (FALSE, FALSE, sizeof (double));
  self->start_ms = -1;
  self->queued_ms = -1;
  self->risk_score = -1;
}

static gboolean
has_text (JsonObject *object,
          const char *name)
{
  g_autofree char *owned = NULL;

  return ac_json_member_text (object, name, &owned) != NULL;
}

static gboolean
is_customer (JsonObject *update)
{
  g_autofree char *owned = NULL;
  const char *speaker = ac_json_member_text (update, "speaker", &owned);

  return speaker != NULL && g_ascii_strcasecmp (speaker, "customer") == 0;
}

/* What a Call says, over what was known: a field left out keeps its value. */
static void
update_call (AcFloorCall *self,
             JsonObject  *call)
{
  JsonObject *customer = ac_json_member_object (call, "customer");
  JsonObject *agent = ac_json_member_object (call, "agent");
  JsonObject *queue = ac_json_member_object (call, "queue");
  JsonObject *last = ac_json_member_object (call, "lastUtterance");
  JsonObject *update = ac_json_member_object (call, "sentimentUpdate");
  JsonObject *recording = ac_json_member_object (call, "recording");
  JsonNode *node;

  ac_json_take_member_text (&self->status, call, "status");
  if ((node = json_object_get_member (call, "sentiment")) != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      /* a score instead of a label: named the way the app names them */
      double score = ac_json_member_number (call, "sentiment", 0.0);

      g_free (self->sentiment);
      self->sentiment = g_strdup (score >= 0.05 ? "POSITIVE" : score <= -0.05 ? "NEGATIVE" : "NEUTRAL");
    }
  else
    ac_json_take_member_text (&self->sentiment, call, "sentiment");
  if (customer != NULL)
    ac_json_take_member_text (&self->customer_name, customer, "name");
  if (customer != NULL && self->customer_name == NULL)
    ac_json_take_member_text (&self->customer_name, customer, "phone");
  if (json_object_has_member (call, "agent") && agent == NULL)
    {
      /* null: waiting, or back in a queue after a transfer */
      g_clear_pointer (&self->agent_id, g_free);
      g_clear_pointer (&self->agent_name, g_free);
    }
  if (agent != NULL)
    {
      ac_json_take_member_text (&self->agent_id, agent, "id");
      ac_json_take_member_text (&self->agent_name, agent, "email");
      if (has_text (agent, "name"))
        ac_json_take_member_text (&self->agent_name, agent, "name");
    }
  if (queue != NULL)
    {
      ac_json_take_member_text (&self->queue_id, queue, "id");
      ac_json_take_member_text (&self->queue_name, queue, "name");
      if (self->queue_name == NULL)
        ac_json_take_member_text (&self->queue_name, queue, "id");
    }
  if (last != NULL)
    {
      ac_json_take_member_text (&self->last_utterance, last, "content");
      ac_json_take_member_text (&self->last_speaker, last, "speaker");
    }
  else if (json_object_has_member (call, "lastUtterance"))
    {
      g_clear_pointer (&self->last_utterance, g_free);
      g_clear_pointer (&self->last_speaker, g_free);
    }
  if (json_object_has_member (call, "riskScore"))
    {
      double risk = ac_json_member_number (call, "riskScore", -1);

      /* unreadable (text, NaN): the last good one stays */
      if (risk >= 0)
        self->risk_score = MIN (risk, 1.0);
    }
  self->escalated = ac_json_member_boolean (call, "escalated", self->escalated);
  if (json_object_has_member (call, "startTime"))
    {
      gint64 start = ac_json_member_time_ms (call, "startTime");

      if (start >= 0)
        self->start_ms = start;
    }
  if (json_object_has_member (call, "queuedAt"))
    {
      gint64 queued = ac_json_member_time_ms (call, "queuedAt");

      if (queued >= 0)
        self->queued_ms = queued;
    }
  if (recording != NULL)
    {
      g_autofree char *owned = NULL;
      const char *status = ac_json_member_text (recording, "status", &owned);

      g_clear_pointer (&self->recording_id, g_free);
      if (status == NULL || g_ascii_strcasecmp (status, "RECORDING") == 0)
        ac_json_take_member_text (&self->recording_id, recording, "id");
    }
  else if (json_object_has_member (call, "recording"))
    g_clear_pointer (&self->recording_id, g_free);

  /* the sparkline: the risk of each of the customer's messages */
  if (update != NULL && json_object_has_member (update, "riskScore") &&
      (!has_text (update, "speaker") || is_customer (update)))
    {
      double risk = CLAMP (ac_json_member_number (update, "riskScore", 0.0), 0.0, 1.0);

      g_array_append_val (self->recent, risk);
      if (self->recent->len > RECENT_SCORES)
        g_array_remove_index (self->recent, 0);
      if (ac_json_member_number (call, "riskScore", -1) < 0)
        self->risk_score = risk;
    }
  if (update != NULL && last == NULL)
    {
      /* the message the update is about is the latest one */
      if (has_text (update, "content"))
        ac_json_take_member_text (&self->last_utterance, update, "content");
      if (has_text (update, "speaker"))
        ac_json_take_member_text (&self->last_speaker, update, "speaker");
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static GType
ac_floor_calls_get_item_type (GListModel *model)
{
  return AC_TYPE_FLOOR_CALL;
}

static guint
ac_floor_calls_get_n_items (GListModel *model)
{
  return AC_FLOOR_CALLS (model)->calls->len;
}

static gpointer
ac_floor_calls_get_item (GListModel *model,
                         guint       position)
{
  AcFloorCalls *self = AC_FLOOR_CALLS (model);

  return position < self->calls->len ? g_object_ref (self->calls->pdata[position]) : NULL;
}

static void
ac_floor_calls_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ac_floor_calls_get_item_type;
  iface->get_n_items = ac_floor_calls_get_n_items;
  iface->get_item = ac_floor_calls_get_item;
}

static void
ac_floor_calls_finalize (GObject *object)
{
  AcFloorCalls *self = AC_FLOOR_CALLS (object);

  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->calls);

  G_OBJECT_CLASS (ac_floor_calls_parent_class)->finalize (object);
}

static void
ac_floor_calls_class_init (AcFloorCallsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_floor_calls_finalize;
}

static void
ac_floor_calls_init (AcFloorCalls *self)
{
  self->asked_us = G_MAXINT64;  /* a socket's snapshot replaces everything */
  self->calls = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * ac_floor_calls_new:
 *
 * Returns: (transfer full): an empty floor
 */
AcFloorCalls *
ac_floor_calls_new (void)
{
  return g_object_new (AC_TYPE_FLOOR_CALLS, NULL);
}

static guint
position_of (AcFloorCalls *self,
             AcFloorCall  *call)
{
  guint position = 0;

  g_ptr_array_find (self->calls, call, &position);
  return position;
}

/* A new call at the end, without telling. */
static void
add_call (AcFloorCalls *self,
          const char   *id,
          JsonObject   *object)
{
  AcFloorCall *call = g_object_new (AC_TYPE_FLOOR_CALL, NULL);

  call->id = g_strdup (id);
  update_call (call, object);
  g_ptr_array_add (self->calls, call);
  g_hash_table_insert (self->by_id, call->id, call);
}

/* Adds or updates one Call; returns whether it was one. */
static gboolean
upsert (AcFloorCalls *self,
        JsonObject   *object)
{
  g_autofree char *owned = NULL;
  const char *id = ac_json_member_text (object, "id", &owned);
  AcFloorCall *call;

  if (id == NULL || id[0] == '\0')
    return FALSE;

  call = g_hash_table_lookup (self->by_id, id);
  if (call != NULL)
    {
      call->event_us = g_get_monotonic_time ();
      update_call (call, object);
      g_list_model_items_changed (G_LIST_MODEL (self), position_of (self, call), 1, 1);
      return TRUE;
    }

  add_call (self, id, object);
  ((AcFloorCall *) self->calls->pdata[self->calls->len - 1])->event_us = g_get_monotonic_time ();
  g_list_model_items_changed (G_LIST_MODEL (self), self->calls->len - 1, 0, 1);
  return TRUE;
}

static gboolean
remove_call (AcFloorCalls *self,
             JsonObject   *object)
{
  g_autofree char *owned = NULL;
  const char *id = ac_json_member_text (object, "id", &owned);
  AcFloorCall *call = id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
  guint position;

  if (call == NULL)
    return FALSE;
  position = position_of (self, call);
  g_hash_table_remove (self->by_id, id);
  g_ptr_array_remove_index (self->calls, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}

/**
 * ac_floor_calls_apply:
 * @self: a #AcFloorCalls
 * @type: a `/ws/calls` frame's `type`
 * @data: (nullable): its `data`
 *
 * Applies one frame.  A frame this model does not know, or one it cannot
 * read, changes nothing.
 *
 * Returns: whether the list changed
 */
gboolean
ac_floor_calls_apply (AcFloorCalls *self,
                      const char   *type,
                      JsonNode     *data)
{
  JsonObject *object;

  g_return_val_if_fail (AC_IS_FLOOR_CALLS (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return FALSE;
  object = json_node_get_object (data);

  if (g_str_equal (type, "calls_snapshot"))
    {
      JsonArray *calls = ac_json_member_array (object, "calls");
      guint kept;

      if (calls == NULL)
        return FALSE;

      /* In place: a call still live keeps its row (and the view its
       * selection and scroll); the ones gone are removed, the new ones
       * added at the end. */
      for (guint i = 0; i < self->calls->len; i++)
        ((AcFloorCall *) self->calls->pdata[i])->seen = FALSE;
      kept = self->calls->len;
      for (guint i = 0; i < json_array_get_length (calls); i++)
        {
          JsonNode *element = json_array_get_element (calls, i);
          g_autofree char *owned = NULL;
          const char *id;
          AcFloorCall *call;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          id = ac_json_member_text (json_node_get_object (element), "id", &owned);
          if (id == NULL || id[0] == '\0')
            continue;
          if ((call = g_hash_table_lookup (self->by_id, id)) == NULL)
            {
              add_call (self, id, json_node_get_object (element));
              call = g_ptr_array_index (self->calls, self->calls->len - 1);
            }
          else if (!call->seen && call->event_us <= self->asked_us)
            {
              update_call (call, json_node_get_object (element));
              g_list_model_items_changed (G_LIST_MODEL (self), position_of (self, call), 1, 1);
            }
          call->seen = TRUE;
        }
      for (guint i = self->calls->len; i > 0; i--)
        {
          AcFloorCall *call = self->calls->pdata[i - 1];

          /* (one an event told of after the snapshot was asked for stays) */
          if (call->seen || call->event_us > self->asked_us)
            continue;
          g_hash_table_remove (self->by_id, call->id);
          g_ptr_array_remove_index (self->calls, i - 1);
          if (i - 1 < kept)
            {
              kept--;
              g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
            }
        }
      if (self->calls->len > kept)
        g_list_model_items_changed (G_LIST_MODEL (self), kept, 0, self->calls->len - kept);
      return TRUE;
    }
  if (g_str_equal (type, "call_started") || g_str_equal (type, "call_updated"))
    return upsert (self, object);
  if (g_str_equal (type, "call_ended"))
    return remove_call (self, object);
  if (g_str_equal (type, "transferred"))
    {
      JsonObject *call = ac_json_member_object (object, "call");

      return call != NULL && upsert (self, call);
    }

  return FALSE;
}

/**
 * ac_floor_calls_apply_snapshot:
 * @self: a #AcFloorCalls
 * @data: the `data` of `GET /calls/live`
 * @asked_us: when it was asked for, monotonic µs
 *
 * As ac_floor_calls_apply() with `calls_snapshot`, for an answer that may
 * arrive after events newer than it: a call an event told of after
 * @asked_us keeps what the event said, and is not removed.
 *
 * Returns: whether the list changed
 */
gboolean
ac_floor_calls_apply_snapshot (AcFloorCalls *self,
                               JsonNode     *data,
                               gint64        asked_us)
{
  gboolean changed;

  g_return_val_if_fail (AC_IS_FLOOR_CALLS (self), FALSE);

  self->asked_us = asked_us;
  changed = ac_floor_calls_apply (self, "calls_snapshot", data);
  self->asked_us = G_MAXINT64;
  return changed;
}

/**
 * ac_floor_calls_lookup:
 * @self: a #AcFloorCalls
 * @id: a call's id
 *
 * Returns: (transfer none) (nullable): the call, if live
 */
AcFloorCall *
ac_floor_calls_lookup (AcFloorCalls *self,
                       const char   *id)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALLS (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/**
 * ac_floor_call_get_id:
 * @self: a #AcFloorCall
 *
 * Returns: its id on the server
 */
const char *
ac_floor_call_get_id (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->id;
}

/**
 * ac_floor_call_get_status:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): `WAITING`, `IN_PROGRESS`…
 */
const char *
ac_floor_call_get_status (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->status;
}

/**
 * ac_floor_call_get_customer_name:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): the customer's name
 */
const char *
ac_floor_call_get_customer_name (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->customer_name;
}

/**
 * ac_floor_call_get_agent_name:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): the agent's name, else email
 */
const char *
ac_floor_call_get_agent_name (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->agent_name;
}

/**
 * ac_floor_call_get_queue_name:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): its queue
 */
const char *
ac_floor_call_get_queue_name (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->queue_name;
}

/**
 * ac_floor_call_get_sentiment:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): the customer's latest label
 */
const char *
ac_floor_call_get_sentiment (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->sentiment;
}

/**
 * ac_floor_call_get_risk_score:
 * @self: a #AcFloorCall
 *
 * Returns: the latest risk, 0..1, or -1 before the first analysis
 */
double
ac_floor_call_get_risk_score (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), 0.0);
  return self->risk_score;
}

/**
 * ac_floor_call_get_escalated:
 * @self: a #AcFloorCall
 *
 * Returns: whether it was escalated
 */
gboolean
ac_floor_call_get_escalated (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), FALSE);
  return self->escalated;
}

/**
 * ac_floor_call_get_start_ms:
 * @self: a #AcFloorCall
 *
 * Returns: its start, Unix time in ms, or -1
 */
gint64
ac_floor_call_get_start_ms (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), -1);
  return self->start_ms;
}

/**
 * ac_floor_call_get_last_utterance:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): the last thing said
 */
const char *
ac_floor_call_get_last_utterance (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->last_utterance;
}

/**
 * ac_floor_call_get_recent_risk:
 * @self: a call
 * @n_scores: (out): how many
 *
 * Returns: (array length=n_scores) (transfer none): the risk of its last
 *   20 sentiment updates, oldest first, 0..1, for a sparkline
 */
const double *
ac_floor_call_get_recent_risk (AcFloorCall *self,
                               guint       *n_scores)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  g_return_val_if_fail (n_scores != NULL, NULL);

  *n_scores = self->recent->len;
  return (const double *) self->recent->data;
}

/**
 * ac_floor_call_get_agent_id:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): the agent's id on the server, %NULL while it waits
 */
const char *
ac_floor_call_get_agent_id (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->agent_id;
}

/**
 * ac_floor_call_get_queue_id:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): its queue's id
 */
const char *
ac_floor_call_get_queue_id (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->queue_id;
}

/**
 * ac_floor_call_get_last_speaker:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): who said the last thing: `customer`, `agent`…
 */
const char *
ac_floor_call_get_last_speaker (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->last_speaker;
}

/**
 * ac_floor_call_get_recording_id:
 * @self: a #AcFloorCall
 *
 * Returns: (nullable): the server's recording of it while one runs
 */
const char *
ac_floor_call_get_recording_id (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), NULL);
  return self->recording_id;
}

/**
 * ac_floor_call_get_queued_ms:
 * @self: a #AcFloorCall
 *
 * Returns: when it joined its queue (`queuedAt`, else `startTime`), Unix
 *   time in ms, or -1
 */
gint64
ac_floor_call_get_queued_ms (AcFloorCall *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL (self), -1);
  return self->queued_ms >= 0 ? self->queued_ms : self->start_ms;
}
