/* ac-floor-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-floor"

#include "config.h"

#include <math.h>

#include "ac-floor-stats.h"
#include "ac-json.h"

/**
 * AcFloorStats:
 *
 * The floor's figures as the voice platform's `/ws/dashboard` channel
 * tells them (`contracts/voice-platform.md`, DashboardStats): a
 * `stats_snapshot`, then `stats_delta`s that carry only the top-level
 * keys that changed (nested objects whole), merged over it.
 *
 * The contract asks a client never to trust a count it can compute: once
 * the live calls are known (ac_floor_stats_count_calls()), the calls in
 * progress and waiting, per queue and in all, and each queue's longest
 * wait are counted from them; the rest (handle time, service level,
 * abandoned, escalations, sentiment today) can only come from the server.
 *
 * The queues are a #GListModel of #AcFloorQueue, updated in place.
 */

struct _AcFloorQueue
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  int      sla_seconds;     /* 0: none */
  guint    waiting;
  guint    in_progress;
  gint64   waiting_since_ms;  /* the longest waiting call's start, or -1 */
  double   service_level;     /* today's, 0..100, or -1: not in the contract's shape */
  gboolean seen;
};

G_DEFINE_FINAL_TYPE (AcFloorQueue, ac_floor_queue, G_TYPE_OBJECT)

struct _AcFloorStats
{
  GObject     parent_instance;

  JsonObject *raw;          /* the merged DashboardStats */
  gboolean    has_snapshot;
  GListStore *queues;       /* AcFloorQueue */
  gboolean    counted;      /* the calls were counted */
  guint       active;
  guint       waiting;
};

G_DEFINE_FINAL_TYPE (AcFloorStats, ac_floor_stats, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint queue_signals[N_SIGNALS];
static guint signals[N_SIGNALS];

static void
ac_floor_queue_finalize (GObject *object)
{
  AcFloorQueue *self = AC_FLOOR_QUEUE (object);

  g_free (self->id);
  g_free (self->name);

  G_OBJECT_CLASS (ac_floor_queue_parent_class)->finalize (object);
}

static void
ac_floor_queue_class_init (AcFloorQueueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_floor_queue_finalize;

  /**
   * AcFloorQueue::changed:
   * @self: the queue
   *
   * Its figures changed.
   */
  queue_signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ac_floor_queue_init (AcFloorQueue *self)
{
  self->waiting_since_ms = -1;
  self->service_level = -1;
}

static void
ac_floor_stats_finalize (GObject *object)
{
  AcFloorStats *self = AC_FLOOR_STATS (object);

  g_clear_pointer (&self->raw, json_object_unref);
  g_clear_object (&self->queues);

  G_OBJECT_CLASS (ac_floor_stats_parent_class)->finalize (object);
}

static void
ac_floor_stats_class_init (AcFloorStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_floor_stats_finalize;

  /**
   * AcFloorStats::changed:
   * @self: the figures
   *
   * A figure changed (the queues tell their own changes).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ac_floor_stats_init (AcFloorStats *self)
{
  self->raw = json_object_new ();
  self->queues = g_list_store_new (AC_TYPE_FLOOR_QUEUE);
}

/**
 * ac_floor_stats_new:
 *
 * Returns: (transfer full): figures not yet known
 */
AcFloorStats *
ac_floor_stats_new (void)
{
  return g_object_new (AC_TYPE_FLOOR_STATS, NULL);
}

static AcFloorQueue *
find_queue (AcFloorStats *self,
            const char   *id,
            const char   *name,
            guint        *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queues));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcFloorQueue) queue = g_list_model_get_item (G_LIST_MODEL (self->queues), i);

      if ((id != NULL && g_strcmp0 (queue->id, id) == 0) ||
          (id == NULL && name != NULL && g_strcmp0 (queue->name, name) == 0))
        {
          *position = i;
          return queue;  /* the store keeps it */
        }
    }
  return NULL;
}

static AcFloorQueue *
ensure_queue (AcFloorStats *self,
              const char   *id,
              const char   *name)
{
  guint position;
  AcFloorQueue *queue = find_queue (self, id, name, &position);

  if (queue == NULL)
    {
      g_autoptr(AcFloorQueue) added = g_object_new (AC_TYPE_FLOOR_QUEUE, NULL);

      added->id = g_strdup (id != NULL ? id : name);
      added->name = g_strdup (name != NULL ? name : id);
      g_list_store_append (self->queues, added);
      queue = added;
    }
  return queue;
}

static void
queue_changed (AcFloorStats *self,
               AcFloorQueue *queue)
{
  guint position;

  if (find_queue (self, queue->id, NULL, &position) != NULL)
    g_list_model_items_changed (G_LIST_MODEL (self->queues), position, 1, 1);
  g_signal_emit (queue, queue_signals[CHANGED], 0);
}

/* The queues of a DashboardStats, in place: the ones it leaves out go. */
static void
read_queues (AcFloorStats *self,
             JsonArray    *queues,
             gint64        now_ms)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queues));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcFloorQueue) queue = g_list_model_get_item (G_LIST_MODEL (self->queues), i);

      queue->seen = FALSE;
    }
  for (guint i = 0; i < json_array_get_length (queues); i++)
    {
      JsonNode *element = json_array_get_element (queues, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autofree char *id_owned = NULL;
      g_autofree char *name_owned = NULL;
      const char *id = ac_json_member_text (object, "id", &id_owned);
      const char *name = ac_json_member_text (object, "name", &name_owned);
      AcFloorQueue *queue;
      double longest;

      if ((id == NULL || id[0] == '\0') && (name == NULL || name[0] == '\0'))
        continue;
      queue = ensure_queue (self, id, name);
      if (queue->seen)
        continue;
      queue->seen = TRUE;
      if (name != NULL && g_strcmp0 (queue->name, name) != 0)
        {
          g_free (queue->name);
          queue->name = g_strdup (name);
        }
      queue->sla_seconds = (int) CLAMP (ac_json_member_number (object, "slaSeconds", queue->sla_seconds), 0, 86400);
      {
        /* A server may add the queue's own service level today (the
         * contract's DashboardStats has only the floor's): a percentage,
         * or an object like the floor's. */
        JsonObject *level = ac_json_member_object (object, "serviceLevel");
        double percent = level != NULL ? ac_json_member_number (level, "percent", -1)
                                       : ac_json_member_number (object, "serviceLevel",
                                                                ac_json_member_number (object, "serviceLevelPercent", -1));

        queue->service_level = percent >= 0 ? MIN (percent, 100.0) : -1;
      }
      if (!self->counted)
        {
          queue->waiting = ac_json_member_count (object, "waiting", queue->waiting);
          queue->in_progress = ac_json_member_count (object, "inProgress", queue->in_progress);
          longest = ac_json_member_number (object, "longestWaitSeconds", -1);
          queue->waiting_since_ms = queue->waiting > 0 && longest >= 0 && longest < 366 * 86400
                                    ? now_ms - (gint64) (longest * 1000) : -1;
        }
      queue_changed (self, queue);
    }
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->queues)); i > 0; i--)
    {
      g_autoptr(AcFloorQueue) queue = g_list_model_get_item (G_LIST_MODEL (self->queues), i - 1);

      if (!queue->seen && queue->waiting == 0 && queue->in_progress == 0)
        g_list_store_remove (self->queues, i - 1);
    }
}

/**
 * ac_floor_stats_apply:
 * @self: a #AcFloorStats
 * @type: a `/ws/dashboard` frame's `type`, or `stats_snapshot` for the
 *   answer of `GET /dashboard/stats`
 * @data: (nullable): its `data`
 * @now_ms: the time it arrived, Unix ms (the longest waits tick from it)
 *
 * Applies a snapshot (replacing what was known) or a delta (its keys over
 * the snapshot).  Anything else, or anything not an object, changes
 * nothing.
 *
 * Returns: whether the figures changed
 */
gboolean
ac_floor_stats_apply (AcFloorStats *self,
                      const char   *type,
                      JsonNode     *data,
                      gint64        now_ms)
{
  JsonObject *object;
  JsonArray *queues;

  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return FALSE;
  object = json_node_get_object (data);

  if (g_str_equal (type, "stats_snapshot"))
    {
      json_object_unref (self->raw);
      self->raw = json_object_new ();
      self->has_snapshot = TRUE;
    }
  else if (!g_str_equal (type, "stats_delta"))
    return FALSE;

  {
    g_autoptr(GList) members = json_object_get_members (object);

    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (self->raw, l->data,
                              json_node_copy (json_object_get_member (object, l->data)));
  }

  if ((queues = ac_json_member_array (object, "queues")) != NULL)
    read_queues (self, queues, now_ms);
  if (!self->counted)
    {
      self->active = ac_json_member_count (self->raw, "activeCalls", 0);
      self->waiting = ac_json_member_count (self->raw, "callsWaiting", 0);
    }
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * ac_floor_stats_count_calls:
 * @self: a #AcFloorStats
 * @calls: the floor's live calls, as the server last told them
 *
 * Counts the calls waiting and in progress, in all and per queue, and
 * each queue's longest wait, from @calls instead of the server's figures
 * (which may lag them).  A queue only the calls name is added.
 */
void
ac_floor_stats_count_calls (AcFloorStats *self,
                            AcFloorCalls *calls)
{
  guint n_queues, n_calls;
  g_autofree guint *waiting = NULL;
  g_autofree guint *in_progress = NULL;
  g_autofree gint64 *since = NULL;
  guint active = 0, all_waiting = 0;

  g_return_if_fail (AC_IS_FLOOR_STATS (self));
  g_return_if_fail (AC_IS_FLOOR_CALLS (calls));

  self->counted = TRUE;
  n_calls = g_list_model_get_n_items (G_LIST_MODEL (calls));
  /* queues named only by calls first, so the arrays below cover them */
  for (guint i = 0; i < n_calls; i++)
    {
      g_autoptr(AcFloorCall) call = g_list_model_get_item (G_LIST_MODEL (calls), i);
      guint position;

      if ((ac_floor_call_get_queue_id (call) != NULL || ac_floor_call_get_queue_name (call) != NULL) &&
          find_queue (self, ac_floor_call_get_queue_id (call), ac_floor_call_get_queue_name (call), &position) == NULL)
        ensure_queue (self, ac_floor_call_get_queue_id (call), ac_floor_call_get_queue_name (call));
    }

  n_queues = g_list_model_get_n_items (G_LIST_MODEL (self->queues));
  waiting = g_new0 (guint, n_queues);
  in_progress = g_new0 (guint, n_queues);
  since = g_new (gint64, n_queues);
  for (guint q = 0; q < n_queues; q++)
    since[q] = -1;

  for (guint i = 0; i < n_calls; i++)
    {
      g_autoptr(AcFloorCall) call = g_list_model_get_item (G_LIST_MODEL (calls), i);
      const char *status = ac_floor_call_get_status (call);
      gboolean is_waiting = g_strcmp0 (status, "WAITING") == 0;
      guint q = G_MAXUINT;

      if (g_strcmp0 (status, "ENDED") == 0)
        continue;
      if (is_waiting)
        all_waiting++;
      else
        active++;
      if (ac_floor_call_get_queue_id (call) != NULL || ac_floor_call_get_queue_name (call) != NULL)
        find_queue (self, ac_floor_call_get_queue_id (call), ac_floor_call_get_queue_name (call), &q);
      if (q >= n_queues)
        continue;
      if (is_waiting)
        {
          gint64 queued = ac_floor_call_get_queued_ms (call);

          waiting[q]++;
          if (queued >= 0 && (since[q] < 0 || queued < since[q]))
            since[q] = queued;
        }
      else
        in_progress[q]++;
    }

  for (guint q = 0; q < n_queues; q++)
    {
      g_autoptr(AcFloorQueue) queue = g_list_model_get_item (G_LIST_MODEL (self->queues), q);

      if (queue->waiting == waiting[q] && queue->in_progress == in_progress[q] &&
          queue->waiting_since_ms == since[q])
        continue;
      queue->waiting = waiting[q];
      queue->in_progress = in_progress[q];
      queue->waiting_since_ms = since[q];
      queue_changed (self, queue);
    }
  if (active != self->active || all_waiting != self->waiting)
    {
      self->active = active;
      self->waiting = all_waiting;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/**
 * ac_floor_stats_get_queues:
 * @self: a #AcFloorStats
 *
 * Returns: (transfer none): the queues, a #GListModel of #AcFloorQueue
 */
GListModel *
ac_floor_stats_get_queues (AcFloorStats *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), NULL);
  return G_LIST_MODEL (self->queues);
}

/**
 * ac_floor_stats_has_snapshot:
 * @self: a #AcFloorStats
 *
 * Returns: whether the server's figures arrived at least once
 */
gboolean
ac_floor_stats_has_snapshot (AcFloorStats *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), FALSE);
  return self->has_snapshot;
}

/**
 * ac_floor_stats_get_active_calls:
 * @self: a #AcFloorStats
 *
 * Returns: the calls in progress (counted, when the calls are known)
 */
guint
ac_floor_stats_get_active_calls (AcFloorStats *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), 0);
  return self->active;
}

/**
 * ac_floor_stats_get_calls_waiting:
 * @self: a #AcFloorStats
 *
 * Returns: the calls waiting in a queue (counted, when the calls are known)
 */
guint
ac_floor_stats_get_calls_waiting (AcFloorStats *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), 0);
  return self->waiting;
}

/**
 * ac_floor_stats_get_average_handle_s:
 * @self: a #AcFloorStats
 *
 * Returns: today's average handle time in seconds, or -1 when the server
 *   does not know it (`null` before the first call ends)
 */
double
ac_floor_stats_get_average_handle_s (AcFloorStats *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), -1);
  return ac_json_member_number (self->raw, "averageHandleTimeSeconds", -1);
}

/**
 * ac_floor_stats_get_service_level:
 * @self: a #AcFloorStats
 *
 * Returns: today's service level, the percentage of answered calls
 *   answered within their queue's threshold, 0..100, or -1 when there is
 *   none yet
 */
double
ac_floor_stats_get_service_level (AcFloorStats *self)
{
  double percent;

  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), -1);

  percent = ac_json_member_number (ac_json_member_object (self->raw, "serviceLevel"), "percent", -1);
  return percent >= 0 ? MIN (percent, 100.0) : -1;
}

/**
 * ac_floor_stats_get_abandoned:
 * @self: a #AcFloorStats
 *
 * Returns: calls abandoned today
 */
guint
ac_floor_stats_get_abandoned (AcFloorStats *self)
{
  JsonObject *today;

  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), 0);

  today = ac_json_member_object (self->raw, "callsToday");
  if (today != NULL && json_object_has_member (today, "abandoned"))
    return ac_json_member_count (today, "abandoned", 0);
  return ac_json_member_count (ac_json_member_object (self->raw, "serviceLevel"), "abandoned", 0);
}

/**
 * ac_floor_stats_get_escalations:
 * @self: a #AcFloorStats
 *
 * Returns: calls escalated today
 */
guint
ac_floor_stats_get_escalations (AcFloorStats *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), 0);
  return ac_json_member_count (self->raw, "escalationsToday", 0);
}

/**
 * ac_floor_stats_get_sentiment:
 * @self: a #AcFloorStats
 * @label: (out) (optional) (transfer none) (nullable): the server's label
 *   for it
 *
 * Returns: today's average customer sentiment, −1..1, or NaN when no
 *   message was analysed today
 */
double
ac_floor_stats_get_sentiment (AcFloorStats *self,
                              const char  **label)
{
  JsonObject *sentiment;
  JsonNode *node;
  double score;

  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), NAN);

  sentiment = ac_json_member_object (self->raw, "averageSentimentToday");
  node = sentiment != NULL ? json_object_get_member (sentiment, "label") : NULL;
  if (label != NULL)
    *label = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node) : NULL;
  if (sentiment == NULL || ac_json_member_number (sentiment, "samples", 1) <= 0)
    return NAN;
  score = ac_json_member_number (sentiment, "score", NAN);
  return isnan (score) ? NAN : CLAMP (score, -1.0, 1.0);
}

/**
 * ac_floor_stats_get_generated_ms:
 * @self: a #AcFloorStats
 *
 * Returns: when the server made the figures (`generatedAt`), Unix ms, or
 *   -1
 */
gint64
ac_floor_stats_get_generated_ms (AcFloorStats *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), -1);
  return ac_json_member_time_ms (self->raw, "generatedAt");
}

/**
 * ac_floor_stats_get_raw:
 * @self: a #AcFloorStats
 *
 * Returns: (transfer none): the merged DashboardStats, as the server sent
 *   them
 */
JsonObject *
ac_floor_stats_get_raw (AcFloorStats *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_STATS (self), NULL);
  return self->raw;
}

/**
 * ac_floor_queue_get_id:
 * @self: a #AcFloorQueue
 *
 * Returns: its id on the server
 */
const char *
ac_floor_queue_get_id (AcFloorQueue *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_QUEUE (self), NULL);
  return self->id;
}

/**
 * ac_floor_queue_get_name:
 * @self: a #AcFloorQueue
 *
 * Returns: its name
 */
const char *
ac_floor_queue_get_name (AcFloorQueue *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_QUEUE (self), NULL);
  return self->name;
}

/**
 * ac_floor_queue_get_sla_seconds:
 * @self: a #AcFloorQueue
 *
 * Returns: its service-level threshold: a call should be answered within
 *   it, in seconds; 0 when it has none
 */
int
ac_floor_queue_get_sla_seconds (AcFloorQueue *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_QUEUE (self), 0);
  return self->sla_seconds;
}

/**
 * ac_floor_queue_get_waiting:
 * @self: a #AcFloorQueue
 *
 * Returns: calls waiting in it
 */
guint
ac_floor_queue_get_waiting (AcFloorQueue *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_QUEUE (self), 0);
  return self->waiting;
}

/**
 * ac_floor_queue_get_in_progress:
 * @self: a #AcFloorQueue
 *
 * Returns: its calls with an agent
 */
guint
ac_floor_queue_get_in_progress (AcFloorQueue *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_QUEUE (self), 0);
  return self->in_progress;
}

/**
 * ac_floor_queue_get_service_level:
 * @self: a #AcFloorQueue
 *
 * Returns: the queue's service level today, 0..100, when the server sends
 *   one (`serviceLevel`, a number or `{percent}`, on the queue), else -1
 */
double
ac_floor_queue_get_service_level (AcFloorQueue *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_QUEUE (self), -1);
  return self->service_level;
}

/**
 * ac_floor_queue_get_longest_wait_ms:
 * @self: a #AcFloorQueue
 * @now_ms: the time to tell it at, Unix ms
 *
 * Ticks between events: the longest waiting call's wait at @now_ms.
 *
 * Returns: the wait in ms, or 0 when nobody waits
 */
gint64
ac_floor_queue_get_longest_wait_ms (AcFloorQueue *self,
                                    gint64        now_ms)
{
  g_return_val_if_fail (AC_IS_FLOOR_QUEUE (self), 0);

  if (self->waiting == 0 || self->waiting_since_ms < 0)
    return 0;
  return MAX (now_ms - self->waiting_since_ms, 0);
}

/**
 * ac_floor_queue_is_over_threshold:
 * @self: a #AcFloorQueue
 * @now_ms: the time, Unix ms
 *
 * Returns: whether a call has waited longer than the queue's service-level
 *   threshold
 */
gboolean
ac_floor_queue_is_over_threshold (AcFloorQueue *self,
                                  gint64        now_ms)
{
  g_return_val_if_fail (AC_IS_FLOOR_QUEUE (self), FALSE);

  return self->sla_seconds > 0 &&
         ac_floor_queue_get_longest_wait_ms (self, now_ms) > (gint64) self->sla_seconds * 1000;
}
