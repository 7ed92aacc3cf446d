/* ac-card-pause.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-card-pause"

#include "config.h"

#include "ac-card-pause.h"

/**
 * AcCardPause:
 *
 * Leaves card details out of a call's recording by itself.  When the
 * transcriber says card details are being read ([signal@Transcriber::digits]
 * with `card`), the recorder cuts from the first digit
 * (ac_call_recorder_begin_cut(), reaching back through its delay line);
 * every digit read after that keeps the cut open, and once the call has
 * gone on for the resume time (Preferences → Privacy, 10 s by default) with
 * no digit, recording resumes from there.  The agent can resume sooner
 * (ac_card_pause_resume()); digits read after that cut again.
 *
 * With a backend signed in (ac_card_pause_set_backend()), the server's
 * recording of the call is stopped the same way (`GET /recordings?callId=…
 * &status=RECORDING`, then `POST /recording/:id/stop` for each) and started
 * again when the pause ends (`POST /recording/start`), only if it was
 * recording before.  The agent's own Pause Recording does the same.
 */

struct _AcCardPause
{
  GObject         parent_instance;

  AcTranscriber  *transcriber;
  AcCallRecorder *recorder;
  gint64          resume_ms;
  gint64          last_digit_ms;  /* end of the last digits heard in a cut */
  guint           timer;

  AcBackendSync  *sync;           /* the backend signed in to, or NULL */
  AcCallSession  *session;
  GCancellable   *server;         /* the server's side, in flight */
  gboolean        server_checked; /* its recordings were looked at, this cut */
  gboolean        server_cut;     /* and stopped here */
  gboolean        cut_wanted;     /* what the server's side should be */
};

G_DEFINE_FINAL_TYPE (AcCardPause, ac_card_pause, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
on_tick (gpointer user_data)
{
  ac_card_pause_check (AC_CARD_PAUSE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_digits (AcTranscriber *transcriber,
           gint64         start_ms,
           gint64         end_ms,
           gboolean       card,
           gpointer       user_data)
{
  AcCardPause *self = user_data;

  if (!ac_call_recorder_get_recording (self->recorder))
    return;

  if (ac_call_recorder_get_cutting (self->recorder))
    {
      self->last_digit_ms = MAX (self->last_digit_ms, end_ms);
      return;
    }
  if (!card)
    return;

  ac_call_recorder_begin_cut (self->recorder, MAX (start_ms - AC_CARD_PAUSE_MARGIN_MS, 0));
  self->last_digit_ms = end_ms;
  g_message ("Recording paused for card details from %" G_GINT64_FORMAT " ms", start_ms);
}

static const char *
remote_call_id (AcCardPause *self)
{
  if (self->sync == NULL || self->session == NULL)
    return NULL;
  return ac_backend_sync_get_remote_id (self->sync, ac_call_session_get_id (self->session));
}

static void server_follow (AcCardPause *self);

static void
on_server_started (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AcCardPause) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) recording = NULL;

  recording = ac_backend_client_start_recording_finish (AC_BACKEND_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (recording == NULL)
    g_warning ("The server's recording could not be started again after card details: %s", error->message);
  else
    g_message ("The server records the call again (%s)", (const char *) g_hash_table_lookup (recording, "id"));
  g_clear_object (&self->server);
  self->server_cut = FALSE;
  server_follow (self);
}

static void
on_server_stopped (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AcCardPause) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ac_backend_client_stop_recording_finish (AC_BACKEND_CLIENT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The server's recording could not be stopped for card details: %s", error->message);
}

static void
on_server_listed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AcCardPause) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recordings = NULL;

  recordings = ac_backend_client_list_recordings_finish (AC_BACKEND_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (recordings == NULL)
    g_warning ("The server's recordings of the call could not be read: %s", error->message);

  for (guint i = 0; recordings != NULL && i < recordings->len; i++)
    {
      GHashTable *recording = recordings->pdata[i];

      /* A server that ignores the status filter: only those recording. */
      if (g_strcmp0 (g_hash_table_lookup (recording, "status"), "RECORDING") != 0)
        continue;
      ac_backend_client_stop_recording_async (AC_BACKEND_CLIENT (object), g_hash_table_lookup (recording, "id"),
                                              NULL, on_server_stopped, g_object_ref (self));
      self->server_cut = TRUE;
    }
  self->server_checked = TRUE;
  g_clear_object (&self->server);
  server_follow (self);
}

/* One request at a time: the server's recording follows the local cut. */
static void
server_follow (AcCardPause *self)
{
  const char *call_id = remote_call_id (self);
  AcBackendClient *client;

  if (self->server != NULL || call_id == NULL)
    return;
  client = ac_backend_sync_get_client (self->sync);
  if (client == NULL)
    return;

  if (self->cut_wanted && !self->server_checked)
    {
      self->server = g_cancellable_new ();
      ac_backend_client_list_recordings_async (client, call_id, "RECORDING", self->server, on_server_listed,
                                               g_object_ref (self));
    }
  else if (!self->cut_wanted && self->server_checked)
    {
      /* A server that was not recording is not made to. */
      self->server_checked = FALSE;
      if (self->server_cut)
        {
          self->server = g_cancellable_new ();
          ac_backend_client_start_recording_async (client, call_id, "resumed after card details", self->server,
                                                   on_server_started, g_object_ref (self));
        }
    }
}

/* The agent's own Pause Recording stops the server's recording too, and
 * Resume starts a new one. */
static void
on_paused_changed (AcCardPause *self)
{
  self->cut_wanted = ac_call_recorder_get_cutting (self->recorder) || ac_call_recorder_get_paused (self->recorder);
  server_follow (self);
}

static void
on_cutting_changed (AcCardPause *self)
{
  gboolean cutting = ac_call_recorder_get_cutting (self->recorder);

  if (cutting && self->timer == 0)
    self->timer = g_timeout_add_seconds (1, on_tick, self);
  else if (!cutting)
    g_clear_handle_id (&self->timer, g_source_remove);

  self->cut_wanted = cutting || ac_call_recorder_get_paused (self->recorder);
  server_follow (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
ac_card_pause_dispose (GObject *object)
{
  AcCardPause *self = AC_CARD_PAUSE (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  g_cancellable_cancel (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->sync);
  g_clear_object (&self->session);
  if (self->transcriber != NULL)
    g_signal_handlers_disconnect_by_data (self->transcriber, self);
  if (self->recorder != NULL)
    g_signal_handlers_disconnect_by_data (self->recorder, self);
  g_clear_object (&self->transcriber);
  g_clear_object (&self->recorder);

  G_OBJECT_CLASS (ac_card_pause_parent_class)->dispose (object);
}

static void
ac_card_pause_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AcCardPause *self = AC_CARD_PAUSE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, ac_card_pause_get_active (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_card_pause_class_init (AcCardPauseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_card_pause_dispose;
  object_class->get_property = ac_card_pause_get_property;

  /**
   * AcCardPause:active:
   *
   * Whether the recording is paused for card details.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ac_card_pause_init (AcCardPause *self)
{
}

/**
 * ac_card_pause_new:
 * @transcriber: the call's transcriber
 * @recorder: the call's recorder, its delay line set to
 *   %AC_CARD_PAUSE_DELAY_MS
 * @resume_after_s: seconds with no digits before recording resumes
 *
 * Returns: (transfer full): a new #AcCardPause watching @transcriber for
 *   card details and cutting them out of @recorder
 */
AcCardPause *
ac_card_pause_new (AcTranscriber  *transcriber,
                   AcCallRecorder *recorder,
                   guint           resume_after_s)
{
  AcCardPause *self;

  g_return_val_if_fail (AC_IS_TRANSCRIBER (transcriber), NULL);
  g_return_val_if_fail (AC_IS_CALL_RECORDER (recorder), NULL);

  self = g_object_new (AC_TYPE_CARD_PAUSE, NULL);
  self->transcriber = g_object_ref (transcriber);
  self->recorder = g_object_ref (recorder);
  self->resume_ms = (gint64) MAX (resume_after_s, 1) * 1000;

  g_signal_connect (transcriber, "digits", G_CALLBACK (on_digits), self);
  g_signal_connect_swapped (recorder, "notify::cutting", G_CALLBACK (on_cutting_changed), self);
  g_signal_connect_swapped (recorder, "notify::paused", G_CALLBACK (on_paused_changed), self);

  return self;
}

/**
 * ac_card_pause_get_active:
 * @self: a #AcCardPause
 *
 * Returns: whether the recording is paused for card details
 */
gboolean
ac_card_pause_get_active (AcCardPause *self)
{
  g_return_val_if_fail (AC_IS_CARD_PAUSE (self), FALSE);

  return ac_call_recorder_get_cutting (self->recorder);
}

/**
 * ac_card_pause_resume:
 * @self: a #AcCardPause
 *
 * The agent resumes recording now; digits read later pause it again.
 */
void
ac_card_pause_resume (AcCardPause *self)
{
  g_return_if_fail (AC_IS_CARD_PAUSE (self));

  ac_call_recorder_end_cut (self->recorder, -1);
}

/**
 * ac_card_pause_check:
 * @self: a #AcCardPause
 *
 * Resumes recording if the call has gone on for the resume time with no
 * digits; done every second while paused, and callable at any time.
 */
void
ac_card_pause_check (AcCardPause *self)
{
  g_return_if_fail (AC_IS_CARD_PAUSE (self));

  if (!ac_call_recorder_get_cutting (self->recorder))
    return;

  if (ac_call_recorder_get_position_ms (self->recorder) - self->last_digit_ms >= self->resume_ms)
    {
      ac_call_recorder_end_cut (self->recorder, self->last_digit_ms + self->resume_ms);
      g_message ("Recording resumed after card details at %" G_GINT64_FORMAT " ms",
                 self->last_digit_ms + self->resume_ms);
    }
}

/**
 * ac_card_pause_set_backend:
 * @self: a #AcCardPause
 * @sync: (nullable): the backend signed in to
 * @session: (nullable): the call, whose id on the server is the call's
 *
 * Stops the server's recording of the call while card details are read,
 * and starts it again after, as the local recording is cut.
 */
void
ac_card_pause_set_backend (AcCardPause   *self,
                           AcBackendSync *sync,
                           AcCallSession *session)
{
  g_return_if_fail (AC_IS_CARD_PAUSE (self));
  g_return_if_fail (sync == NULL || AC_IS_BACKEND_SYNC (sync));
  g_return_if_fail (session == NULL || AC_IS_CALL_SESSION (session));

  g_set_object (&self->sync, sync);
  g_set_object (&self->session, session);
}
