/* ac-floor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-floor"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-backend-channel.h"
#include "ac-floor.h"

/**
 * AcFloor:
 *
 * The supervisor's live floor, kept from the voice platform's three
 * channels (`contracts/voice-platform.md`): `/ws/dashboard` → the figures
 * and queues, `/ws/calls` → the live calls, `/ws/notifications` → the
 * alerts and agents' states; the agents themselves come from
 * `GET /agents` when the floor opens, after each reconnection and every
 * [const@AGENTS_REFRESH_S] seconds (their counts for today change without
 * an event).
 *
 * `seq` is one counter across the three channels: a frame whose `seq` was
 * already applied (from any socket) is dropped; a `seq` skipped and still
 * missing after the gap wait (1 s) means an event was lost, and the floor
 * reads fresh snapshots over REST (`GET /calls/live`, `/dashboard/stats`,
 * `/agents`) with its sockets left open, at most once every 5 s (30 s
 * with a tenant: the counter also numbers other tenants' events, which
 * never come, so a gap there is as likely theirs as lost).  A socket that
 * reopens starts with its own snapshot.
 *
 * While a channel is down, what the floor shows is what it last knew,
 * dated by [property@Floor:as-of]; [property@Floor:state] says which.
 * The app also raises its own alert when a queue's longest wait passes
 * its service-level threshold.
 */

#define AGENTS_REFRESH_S 30
#define DEFAULT_GAP_WAIT_MS 1000
#define DEFAULT_MIN_RESYNC_MS 5000
#define MAX_MISSING 1000
#define RECOUNT_MS 200

enum {
  DASHBOARD,
  CALLS,
  NOTIFICATIONS,
  N_CHANNELS
};

static const char *channel_names[N_CHANNELS] = { "dashboard", "calls", "notifications" };

struct _AcFloor
{
  GObject           parent_instance;

  AcBackendClient  *client;
  char             *websocket_url;
  AcBackendChannel *channels[N_CHANNELS];
  gboolean          snapshot[N_CHANNELS];   /* since the socket opened */
  GCancellable     *cancellable;

  AcFloorCalls     *calls;
  AcFloorAgents    *agents;
  AcFloorAlerts    *alerts;
  AcFloorStats     *stats;

  AcFloorState      state;
  gint64            as_of_ms;
  gboolean          forbidden;

  gint64            highest_seq;
  GHashTable       *missing;        /* seq (gint64 *) → first missed, monotonic µs */
  guint             gap_wait_ms;
  guint             min_resync_ms;
  gint64            last_resync_us;
  guint             resync_source;
  guint             n_resyncs;

  guint             recount_source;
  guint             tick_source;
  guint             ticks;
  GHashTable       *breached;       /* queue ids over their threshold */
};

G_DEFINE_FINAL_TYPE (AcFloor, ac_floor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_AS_OF,
  N_PROPS
};

enum {
  ALERT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static void
update_state (AcFloor *self)
{
  AcFloorState state;
  gboolean all = TRUE;

  for (guint i = 0; i < N_CHANNELS; i++)
    all = all && self->channels[i] != NULL && ac_backend_channel_get_connected (self->channels[i]) &&
          self->snapshot[i];

  if (self->forbidden)
    state = AC_FLOOR_FORBIDDEN;
  else if (all)
    state = AC_FLOOR_LIVE;
  else if (self->state == AC_FLOOR_LIVE || self->state == AC_FLOOR_RECONNECTING)
    state = AC_FLOOR_RECONNECTING;
  else
    state = AC_FLOOR_CONNECTING;

  if (state == self->state)
    return;
  if (self->state == AC_FLOOR_LIVE)
    {
      /* what is shown from now on is as of this moment */
      self->as_of_ms = now_ms ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
    }
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static gboolean
on_recount (gpointer user_data)
{
  AcFloor *self = user_data;

  self->recount_source = 0;
  ac_floor_stats_count_calls (self->stats, self->calls);
  return G_SOURCE_REMOVE;
}

static void
schedule_recount (AcFloor *self)
{
  if (self->recount_source == 0)
    self->recount_source = g_timeout_add (RECOUNT_MS, on_recount, self);
}

typedef struct
{
  AcFloor *floor;     /* not owned: the request is cancelled when it stops */
  gboolean calls;     /* else the figures */
  gint64   asked_us;
} Snapshot;

static void
on_agents (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autofree Snapshot *snapshot = user_data;
  AcFloor *self = snapshot->floor;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = ac_backend_client_request_finish (AC_BACKEND_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_FORBIDDEN))
    {
      self->forbidden = TRUE;
      update_state (self);
      return;
    }
  if (data == NULL)
    {
      g_debug ("The agents could not be fetched: %s", error->message);
      return;
    }
  if (!ac_floor_agents_apply_snapshot (self->agents, data, now_ms (), snapshot->asked_us))
    g_warning ("GET /agents answered without a list of agents");
}

static void
fetch_agents (AcFloor *self)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->floor = self;
  snapshot->asked_us = g_get_monotonic_time ();
  ac_backend_client_request_async (self->client, "GET", "/agents", NULL, self->cancellable, on_agents, snapshot);
}

/* A fresh snapshot of one channel's model, read over REST. */
static void
on_snapshot (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree Snapshot *snapshot = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = ac_backend_client_request_finish (AC_BACKEND_CLIENT (object), result, &error);
  AcFloor *self = snapshot->floor;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (data == NULL)
    {
      g_debug ("A fresh snapshot could not be read: %s", error->message);
      return;
    }
  if (!snapshot->calls)
    ac_floor_stats_apply (self->stats, "stats_snapshot", data, now_ms ());
  else if (ac_floor_calls_apply_snapshot (self->calls, data, snapshot->asked_us))
    schedule_recount (self);
}

static void
fetch_snapshot (AcFloor    *self,
                gboolean    calls,
                const char *path)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->floor = self;
  snapshot->calls = calls;
  snapshot->asked_us = g_get_monotonic_time ();
  ac_backend_client_request_async (self->client, "GET", path, NULL, self->cancellable, on_snapshot, snapshot);
}

/* Events were lost: the calls, the figures and the agents read again over
 * REST (`GET /calls/live`, `/dashboard/stats`, `/agents`), with the
 * sockets left open, so the picture is not dropped while it is fixed. */
static void
resync (AcFloor *self)
{
  g_debug ("Fresh snapshots (events were lost)");
  self->n_resyncs++;
  self->last_resync_us = g_get_monotonic_time ();
  g_hash_table_remove_all (self->missing);
  self->highest_seq = -1;
  if (self->cancellable == NULL)
    return;
  fetch_snapshot (self, TRUE, "/calls/live");
  fetch_snapshot (self, FALSE, "/dashboard/stats");
  fetch_agents (self);
}

static gboolean
on_resync_due (gpointer user_data)
{
  AcFloor *self = user_data;

  self->resync_source = 0;
  resync (self);
  return G_SOURCE_REMOVE;
}

/* A gap: fresh snapshots now, or as soon as the last resync is old enough. */
static void
request_resync (AcFloor *self)
{
  gint64 since_ms = (g_get_monotonic_time () - self->last_resync_us) / 1000;
  /* With a tenant, the counter also numbers other tenants' events, which
   * never come: a gap is as likely theirs as lost, so less often. */
  gint64 min_ms = ac_backend_client_get_tenant_id (self->client) != NULL ? self->min_resync_ms * 6
                                                                          : self->min_resync_ms;

  if (self->resync_source != 0)
    return;
  if (self->last_resync_us == 0 || since_ms >= min_ms)
    resync (self);
  else
    self->resync_source = g_timeout_add (min_ms - since_ms, on_resync_due, self);
}

/* Is any skipped seq still missing after the gap wait? */
static void
check_gaps (AcFloor *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 now = g_get_monotonic_time ();

  g_hash_table_iter_init (&iter, self->missing);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (now - *(gint64 *) value >= (gint64) self->gap_wait_ms * 1000)
      {
        request_resync (self);
        return;
      }
}

/* Whether a frame with @seq is new; notes the seqs it skipped. */
static gboolean
take_seq (AcFloor *self,
          gint64   seq)
{
  gint64 now = g_get_monotonic_time ();

  if (seq < 0)
    return TRUE;  /* snapshots and deltas carry none */
  if (self->highest_seq < 0)
    {
      self->highest_seq = seq;
      return TRUE;
    }
  if (seq > self->highest_seq)
    {
      if (seq - self->highest_seq - 1 > MAX_MISSING)
        request_resync (self);
      else
        for (gint64 s = self->highest_seq + 1; s < seq; s++)
          g_hash_table_insert (self->missing, g_memdup2 (&s, sizeof s), g_memdup2 (&now, sizeof now));
      self->highest_seq = seq;
      return TRUE;
    }
  /* behind: late from another socket (fine), or seen already (dropped) */
  return g_hash_table_remove (self->missing, &seq);
}

static void
raise_alert (AcFloor      *self,
             AcFloorAlert *alert)
{
  if (alert != NULL)
    g_signal_emit (self, signals[ALERT], 0, alert);
}

/**
 * ac_floor_apply_frame:
 * @self: a #AcFloor
 * @channel: `dashboard`, `calls` or `notifications`
 * @type: the frame's `type`
 * @data: the frame's `data`
 * @seq: its `seq`, or -1 for a frame without one
 *
 * Applies one frame as if it came from @channel (the channels call this;
 * so can a test, or a replay).
 */
void
ac_floor_apply_frame (AcFloor    *self,
                      const char *channel,
                      const char *type,
                      JsonNode   *data,
                      gint64      seq)
{
  gint64 now = now_ms ();

  g_return_if_fail (AC_IS_FLOOR (self));
  g_return_if_fail (channel != NULL && type != NULL);

  if (!take_seq (self, seq))
    return;

  if (g_str_equal (channel, "dashboard"))
    ac_floor_stats_apply (self->stats, type, data, now);
  else if (g_str_equal (channel, "calls"))
    {
      if (ac_floor_calls_apply (self->calls, type, data))
        schedule_recount (self);
    }
  else if (g_str_equal (channel, "notifications"))
    {
      /* (a notifications_snapshot's agent states are older than
       * GET /agents: only its alerts are read) */
      raise_alert (self, ac_floor_alerts_apply (self->alerts, type, data, now));
      ac_floor_agents_apply (self->agents, type, data, now);
    }
}

static void
on_frame (AcBackendChannel *channel,
          const char       *type,
          JsonNode         *data,
          gint64            seq,
          AcFloor          *self)
{
  for (guint i = 0; i < N_CHANNELS; i++)
    if (self->channels[i] == channel)
      {
        if (g_str_has_suffix (type, "_snapshot") && !self->snapshot[i])
          {
            self->snapshot[i] = TRUE;
            update_state (self);
          }
        ac_floor_apply_frame (self, channel_names[i], type, data, seq);
      }
}

static void
on_connected (AcBackendChannel *channel,
              GParamSpec       *pspec,
              AcFloor          *self)
{
  for (guint i = 0; i < N_CHANNELS; i++)
    if (self->channels[i] == channel && !ac_backend_channel_get_connected (channel))
      self->snapshot[i] = FALSE;

  /* Back on the notifications channel: the state changes missed meanwhile
   * are in a fresh list of agents. */
  if (channel == self->channels[NOTIFICATIONS] && ac_backend_channel_get_connected (channel))
    fetch_agents (self);
  update_state (self);
}

static void
on_refused (AcBackendChannel *channel,
            GParamSpec       *pspec,
            AcFloor          *self)
{
  if (ac_backend_channel_get_refused (channel) == 403 && channel == self->channels[DASHBOARD])
    {
      self->forbidden = TRUE;
      update_state (self);
    }
}

/* Once a second: gaps, queues over their threshold, and now and then the
 * agents' counts. */
static gboolean
on_tick (gpointer user_data)
{
  AcFloor *self = user_data;
  GListModel *queues = ac_floor_stats_get_queues (self->stats);
  gint64 now = now_ms ();

  check_gaps (self);

  for (guint i = 0; i < g_list_model_get_n_items (queues); i++)
    {
      g_autoptr(AcFloorQueue) queue = g_list_model_get_item (queues, i);
      const char *id = ac_floor_queue_get_id (queue);
      gboolean over = self->state == AC_FLOOR_LIVE && ac_floor_queue_is_over_threshold (queue, now);

      if (over && !g_hash_table_contains (self->breached, id))
        {
          g_autofree char *alert_id = g_strdup_printf ("sla:%s:%" G_GINT64_FORMAT, id, now);
          g_autofree char *title = NULL;
          g_autofree char *message = NULL;

          g_hash_table_add (self->breached, g_strdup (id));
          /* Translators: an alert; %s is a queue's name */
          title = g_strdup_printf (_("%s is over its service level"), ac_floor_queue_get_name (queue));
          /* Translators: an alert; %u is a number of seconds */
          message = g_strdup_printf (_("A caller has waited longer than %u s"),
                                     (guint) ac_floor_queue_get_sla_seconds (queue));
          raise_alert (self, ac_floor_alerts_add_local (self->alerts, alert_id, "high", title, message, now));
        }
      else if (!over && ac_floor_queue_get_longest_wait_ms (queue, now) == 0)
        g_hash_table_remove (self->breached, id);
    }

  if (++self->ticks % AGENTS_REFRESH_S == 0 && self->state == AC_FLOOR_LIVE)
    fetch_agents (self);
  return G_SOURCE_CONTINUE;
}

static void
ac_floor_dispose (GObject *object)
{
  AcFloor *self = AC_FLOOR (object);

  ac_floor_stop (self);
  for (guint i = 0; i < N_CHANNELS; i++)
    {
      if (self->channels[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->channels[i], self);
      g_clear_object (&self->channels[i]);
    }
  g_clear_object (&self->client);
  g_clear_object (&self->calls);
  g_clear_object (&self->agents);
  g_clear_object (&self->alerts);
  g_clear_object (&self->stats);

  G_OBJECT_CLASS (ac_floor_parent_class)->dispose (object);
}

static void
ac_floor_finalize (GObject *object)
{
  AcFloor *self = AC_FLOOR (object);

  g_free (self->websocket_url);
  g_hash_table_unref (self->missing);
  g_hash_table_unref (self->breached);

  G_OBJECT_CLASS (ac_floor_parent_class)->finalize (object);
}

static void
ac_floor_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  AcFloor *self = AC_FLOOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_AS_OF:
      g_value_set_int64 (value, self->as_of_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_floor_class_init (AcFloorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_floor_dispose;
  object_class->finalize = ac_floor_finalize;
  object_class->get_property = ac_floor_get_property;

  /**
   * AcFloor:state:
   *
   * An #AcFloorState: whether what is shown is live.
   */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, AC_FLOOR_CONNECTING, AC_FLOOR_FORBIDDEN, AC_FLOOR_CONNECTING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcFloor:as-of:
   *
   * When the floor was last live, Unix time in ms (-1 before it ever
   * was): what it shows while reconnecting is as of then.
   */
  properties[PROP_AS_OF] =
    g_param_spec_int64 ("as-of", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcFloor::alert:
   * @self: the floor
   * @alert: the new alert
   *
   * An alert arrived or was raised (a desktop notification, when the
   * window is not focused).
   */
  signals[ALERT] =
    g_signal_new ("alert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AC_TYPE_FLOOR_ALERT);
}

static void
ac_floor_init (AcFloor *self)
{
  self->calls = ac_floor_calls_new ();
  self->agents = ac_floor_agents_new ();
  self->alerts = ac_floor_alerts_new ();
  self->stats = ac_floor_stats_new ();
  self->highest_seq = -1;
  self->as_of_ms = -1;
  self->missing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->breached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->gap_wait_ms = DEFAULT_GAP_WAIT_MS;
  self->min_resync_ms = DEFAULT_MIN_RESYNC_MS;
}

/**
 * ac_floor_new:
 * @client: the signed-in backend client (a supervisor's or an admin's)
 * @websocket_url: (nullable): the channels' host, `ws[s]://HOST`; %NULL
 *   to apply frames by hand only (ac_floor_apply_frame())
 *
 * Returns: (transfer full): a floor, not started
 */
AcFloor *
ac_floor_new (AcBackendClient *client,
              const char      *websocket_url)
{
  AcFloor *self;

  g_return_val_if_fail (AC_IS_BACKEND_CLIENT (client), NULL);

  self = g_object_new (AC_TYPE_FLOOR, NULL);
  self->client = g_object_ref (client);
  self->websocket_url = g_strdup (websocket_url);
  return self;
}

/**
 * ac_floor_start:
 * @self: a #AcFloor
 *
 * Opens the three channels and fetches the agents; keeps them open (each
 * reopened with backoff) until ac_floor_stop().
 */
void
ac_floor_start (AcFloor *self)
{
  g_return_if_fail (AC_IS_FLOOR (self));

  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  if (self->websocket_url != NULL)
    for (guint i = 0; i < N_CHANNELS; i++)
      {
        if (self->channels[i] == NULL)
          {
            self->channels[i] = ac_backend_channel_new (self->client, self->websocket_url, channel_names[i]);
            g_signal_connect (self->channels[i], "frame", G_CALLBACK (on_frame), self);
            g_signal_connect (self->channels[i], "notify::connected", G_CALLBACK (on_connected), self);
            g_signal_connect (self->channels[i], "notify::refused", G_CALLBACK (on_refused), self);
          }
        ac_backend_channel_start (self->channels[i]);
      }
  fetch_agents (self);
  self->tick_source = g_timeout_add_seconds (1, on_tick, self);
}

/**
 * ac_floor_stop:
 * @self: a #AcFloor
 *
 * Closes the channels; what was known stays, as of now.
 */
void
ac_floor_stop (AcFloor *self)
{
  g_return_if_fail (AC_IS_FLOOR (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < N_CHANNELS; i++)
    if (self->channels[i] != NULL)
      ac_backend_channel_stop (self->channels[i]);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->resync_source, g_source_remove);
  g_clear_handle_id (&self->recount_source, g_source_remove);
}

/**
 * ac_floor_set_gap_wait:
 * @self: a #AcFloor
 * @gap_wait_ms: how long a skipped `seq` may stay missing before it counts
 *   as lost (default 1000)
 * @min_resync_ms: the least time between two resyncs (default 5000)
 */
void
ac_floor_set_gap_wait (AcFloor *self,
                       guint    gap_wait_ms,
                       guint    min_resync_ms)
{
  g_return_if_fail (AC_IS_FLOOR (self));

  self->gap_wait_ms = gap_wait_ms;
  self->min_resync_ms = min_resync_ms;
}

/**
 * ac_floor_get_state:
 * @self: a #AcFloor
 *
 * Returns: see [property@Floor:state]
 */
AcFloorState
ac_floor_get_state (AcFloor *self)
{
  g_return_val_if_fail (AC_IS_FLOOR (self), AC_FLOOR_CONNECTING);
  return self->state;
}

/**
 * ac_floor_get_as_of:
 * @self: a #AcFloor
 *
 * Returns: see [property@Floor:as-of]
 */
gint64
ac_floor_get_as_of (AcFloor *self)
{
  g_return_val_if_fail (AC_IS_FLOOR (self), -1);
  return self->as_of_ms;
}

/**
 * ac_floor_get_n_resyncs:
 * @self: a #AcFloor
 *
 * Returns: how many times a lost event made it take fresh snapshots
 */
guint
ac_floor_get_n_resyncs (AcFloor *self)
{
  g_return_val_if_fail (AC_IS_FLOOR (self), 0);
  return self->n_resyncs;
}

/**
 * ac_floor_get_client:
 * @self: a #AcFloor
 *
 * Returns: (transfer none): its backend client
 */
AcBackendClient *
ac_floor_get_client (AcFloor *self)
{
  g_return_val_if_fail (AC_IS_FLOOR (self), NULL);
  return self->client;
}

/**
 * ac_floor_get_websocket_url:
 * @self: a #AcFloor
 *
 * Returns: (nullable): the channels' host
 */
const char *
ac_floor_get_websocket_url (AcFloor *self)
{
  g_return_val_if_fail (AC_IS_FLOOR (self), NULL);
  return self->websocket_url;
}

/**
 * ac_floor_get_calls:
 * @self: a #AcFloor
 *
 * Returns: (transfer none): the live calls
 */
AcFloorCalls *
ac_floor_get_calls (AcFloor *self)
{
  g_return_val_if_fail (AC_IS_FLOOR (self), NULL);
  return self->calls;
}

/**
 * ac_floor_get_agents:
 * @self: a #AcFloor
 *
 * Returns: (transfer none): the agents
 */
AcFloorAgents *
ac_floor_get_agents (AcFloor *self)
{
  g_return_val_if_fail (AC_IS_FLOOR (self), NULL);
  return self->agents;
}

/**
 * ac_floor_get_alerts:
 * @self: a #AcFloor
 *
 * Returns: (transfer none): the alerts
 */
AcFloorAlerts *
ac_floor_get_alerts (AcFloor *self)
{
  g_return_val_if_fail (AC_IS_FLOOR (self), NULL);
  return self->alerts;
}

/**
 * ac_floor_get_stats:
 * @self: a #AcFloor
 *
 * Returns: (transfer none): the figures and queues
 */
AcFloorStats *
ac_floor_get_stats (AcFloor *self)
{
  g_return_val_if_fail (AC_IS_FLOOR (self), NULL);
  return self->stats;
}
