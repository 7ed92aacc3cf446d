/* ac-call-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-call-recorder"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <string.h>

#include "ac-call-recorder.h"

/**
 * AcCallRecorder:
 *
 * Records a call to a two-channel Ogg/Opus file — channel 0 the customer,
 * channel 1 the agent, 16 kHz, the usual dual-channel call recording — from
 * the audio [class@AudioCapture] hands it.
 *
 * The two sides arrive from separate threads, each at its device's pace.
 * The recorder lays them side by side: while both deliver, their samples
 * are paired in order; while one does not (stopped, failed, or stalled —
 * see ac_call_recorder_set_stall_timeout()), the other is recorded with
 * silence beside it.
 *
 * Recording can be paused, for instance while the customer reads out a
 * card number: audio heard while paused is never written, so the paused
 * span is absent from the file rather than silenced in it.  The spans are
 * kept (see ac_call_recorder_get_pause_spans()) so the call knows what is
 * missing.
 *
 * Card details are left out another way.  With a delay line
 * (ac_call_recorder_set_delay()), the recorder keeps the last seconds of
 * the call before writing them, so when the speech engine, some seconds
 * after the customer began, recognises a card number being read, the cut
 * (ac_call_recorder_begin_cut()) still reaches back to its first digit.
 * A cut writes silence on both channels in place of what was said, so the
 * file keeps the call's clock and the transcript stays in step with it.
 */

#define RATE AC_AUDIO_CAPTURE_RATE

/* By default, a side that has delivered nothing for this long while the
 * other delivered is stalled: the other is not held back any longer. */
#define DEFAULT_STALL_MS 1000

/* Opus at 32 kbit/s is plenty for two 16 kHz voices (about 14 MB an hour). */
#define OPUS_BITRATE 32000

typedef struct
{
  GArray   *pending;   /* gint16 not yet written */
  gboolean  active;    /* delivering */
  gint64    last_us;   /* monotonic time of its last audio */
} Side;

struct _AcCallRecorder
{
  GObject     parent_instance;

  GFile      *file;
  GstElement *pipeline;
  GstElement *appsrc;

  GMutex      lock;            /* guards everything below */
  Side        sides[AC_AUDIO_N_CHANNELS];
  guint64     frames_written;
  gboolean    paused;
  gboolean    recording;
  gint64      started_us;      /* monotonic */
  gint64      stall_us;        /* 0: never */
  GArray     *pauses;          /* AcPauseSpan */

  guint       delay_frames;    /* kept back before writing */
  GArray     *delayed;         /* gint16, interleaved: paired, not written */
  guint64     position;        /* call position of delayed[0], in frames */
  gint64      paused_us;       /* monotonic time of a manual pause */
  GArray     *cuts;            /* Cut, in frames; the last may be open */
};

typedef struct
{
  guint64 start;
  guint64 end;                 /* G_MAXUINT64 while open */
} Cut;

G_DEFINE_FINAL_TYPE (AcCallRecorder, ac_call_recorder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECORDING,
  PROP_PAUSED,
  PROP_CUTTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
elapsed_ms (AcCallRecorder *self)
{
  return (g_get_monotonic_time () - self->started_us) / 1000;
}

/* Under the lock.  Writes the oldest @n_frames of the delay line to the
 * file, silence where a cut covers them. */
static void
write_delayed (AcCallRecorder *self,
               guint           n_frames)
{
  GstBuffer *buffer;
  gsize bytes = (gsize) n_frames * AC_AUDIO_N_CHANNELS * sizeof (gint16);

  if (n_frames == 0)
    return;

  for (guint i = 0; i < self->cuts->len; i++)
    {
      Cut *cut = &g_array_index (self->cuts, Cut, i);
      guint64 from = MAX (cut->start, self->position);
      guint64 to = MIN (cut->end, self->position + n_frames);

      if (from < to)
        memset ((gint16 *) self->delayed->data + (from - self->position) * AC_AUDIO_N_CHANNELS, 0,
                (to - from) * AC_AUDIO_N_CHANNELS * sizeof (gint16));
    }

  buffer = gst_buffer_new_memdup (self->delayed->data, bytes);
  g_array_remove_range (self->delayed, 0, n_frames * AC_AUDIO_N_CHANNELS);
  self->position += n_frames;

  /* Time is what has been written: a paused span takes no time (a cut
   * does: it is silence). */
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (self->frames_written, GST_SECOND, RATE);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (n_frames, GST_SECOND, RATE);
  self->frames_written += n_frames;

  gst_app_src_push_buffer (GST_APP_SRC (self->appsrc), buffer);
}

/* Under the lock.  Pairs @n_frames, taking each side's pending samples or
 * silence for a side that has none, into the delay line, and writes what
 * is older than the delay (all of it when @drain). */
static void
write_frames_full (AcCallRecorder *self,
                   guint           n_frames,
                   gboolean        drain)
{
  guint old = self->delayed->len;
  guint held;

  if (n_frames > 0)
    {
      gint16 *out;

      g_array_set_size (self->delayed, old + n_frames * AC_AUDIO_N_CHANNELS);
      out = (gint16 *) self->delayed->data + old;

      for (guint c = 0; c < AC_AUDIO_N_CHANNELS; c++)
        {
          GArray *pending = self->sides[c].pending;
          guint n = MIN (n_frames, pending->len);

          for (guint i = 0; i < n; i++)
            out[i * AC_AUDIO_N_CHANNELS + c] = g_array_index (pending, gint16, i);
          for (guint i = n; i < n_frames; i++)
            out[i * AC_AUDIO_N_CHANNELS + c] = 0;

          g_array_remove_range (pending, 0, n);
        }
    }

  held = self->delayed->len / AC_AUDIO_N_CHANNELS;
  if (drain)
    write_delayed (self, held);
  else if (held > self->delay_frames)
    write_delayed (self, held - self->delay_frames);
}

static void
write_frames (AcCallRecorder *self,
              guint           n_frames)
{
  write_frames_full (self, n_frames, FALSE);
}

/* Under the lock: writes whatever can be paired, or recorded beside
 * silence. */
static void
flush (AcCallRecorder *self)
{
  Side *a = &self->sides[0];
  Side *b = &self->sides[1];
  gint64 now = g_get_monotonic_time ();

  /* Wall-clock time, not samples: read from files as fast as possible,
   * one side may run far ahead of the other without either stalling. */
  if (self->stall_us > 0)
    {
      if (a->active && a->pending->len == 0 && b->pending->len > 0 && now - a->last_us > self->stall_us)
        a->active = FALSE;
      if (b->active && b->pending->len == 0 && a->pending->len > 0 && now - b->last_us > self->stall_us)
        b->active = FALSE;
    }

  if (a->active && b->active)
    write_frames (self, MIN (a->pending->len, b->pending->len));
  else if (a->active)
    write_frames (self, a->pending->len);
  else if (b->active)
    write_frames (self, b->pending->len);
  else
    write_frames (self, MAX (a->pending->len, b->pending->len));
}

/* The open pause span of @reason. */
static AcPauseSpan *
last_pause (AcCallRecorder *self,
            AcPauseReason   reason)
{
  for (guint i = self->pauses->len; i-- > 0;)
    {
      AcPauseSpan *span = &g_array_index (self->pauses, AcPauseSpan, i);

      if (span->reason == reason)
        return span;
    }

  g_assert_not_reached ();
}

static guint64
ms_to_frames (gint64 ms)
{
  return (guint64) MAX (ms, 0) * RATE / 1000;
}

static gint64
frames_to_ms (guint64 frames)
{
  return (gint64) (frames * 1000 / RATE);
}

/* Under the lock: closes the open cut at @at (frames), if there is one. */
static gboolean
close_cut (AcCallRecorder *self,
           guint64         at)
{
  Cut *cut;

  if (self->cuts->len == 0)
    return FALSE;
  cut = &g_array_index (self->cuts, Cut, self->cuts->len - 1);
  if (cut->end != G_MAXUINT64)
    return FALSE;

  cut->end = MAX (at, cut->start);
  last_pause (self, AC_PAUSE_REASON_CARD_DETAILS)->end_ms = frames_to_ms (cut->end);
  return TRUE;
}

static void
ac_call_recorder_dispose (GObject *object)
{
  AcCallRecorder *self = AC_CALL_RECORDER (object);

  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }
  gst_clear_object (&self->appsrc);

  G_OBJECT_CLASS (ac_call_recorder_parent_class)->dispose (object);
}

static void
ac_call_recorder_finalize (GObject *object)
{
  AcCallRecorder *self = AC_CALL_RECORDER (object);

  for (guint c = 0; c < AC_AUDIO_N_CHANNELS; c++)
    g_array_unref (self->sides[c].pending);
  g_array_unref (self->pauses);
  g_array_unref (self->delayed);
  g_array_unref (self->cuts);
  g_clear_object (&self->file);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ac_call_recorder_parent_class)->finalize (object);
}

static void
ac_call_recorder_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AcCallRecorder *self = AC_CALL_RECORDER (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      g_value_set_boolean (value, ac_call_recorder_get_recording (self));
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, ac_call_recorder_get_paused (self));
      break;

    case PROP_CUTTING:
      g_value_set_boolean (value, ac_call_recorder_get_cutting (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_call_recorder_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AcCallRecorder *self = AC_CALL_RECORDER (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      ac_call_recorder_set_paused (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_call_recorder_class_init (AcCallRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_call_recorder_dispose;
  object_class->finalize = ac_call_recorder_finalize;
  object_class->get_property = ac_call_recorder_get_property;
  object_class->set_property = ac_call_recorder_set_property;

  /**
   * AcCallRecorder:recording:
   *
   * Whether the recorder is between start and stop.
   */
  properties[PROP_RECORDING] =
    g_param_spec_boolean ("recording", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcCallRecorder:paused:
   *
   * Whether recording is paused: what is heard now is not written.
   */
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcCallRecorder:cutting:
   *
   * Whether card details are being left out: a cut is open
   * (ac_call_recorder_begin_cut()).
   */
  properties[PROP_CUTTING] =
    g_param_spec_boolean ("cutting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ac_call_recorder_init (AcCallRecorder *self)
{
  g_mutex_init (&self->lock);
  for (guint c = 0; c < AC_AUDIO_N_CHANNELS; c++)
    self->sides[c].pending = g_array_new (FALSE, FALSE, sizeof (gint16));
  self->pauses = g_array_new (FALSE, FALSE, sizeof (AcPauseSpan));
  self->delayed = g_array_new (FALSE, FALSE, sizeof (gint16));
  self->cuts = g_array_new (FALSE, FALSE, sizeof (Cut));
  self->stall_us = DEFAULT_STALL_MS * 1000;
}

/**
 * ac_call_recorder_new:
 * @file: the Ogg/Opus file to write; its folder must exist
 *
 * Returns: (transfer full): a recorder, not yet recording
 */
AcCallRecorder *
ac_call_recorder_new (GFile *file)
{
  AcCallRecorder *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (AC_TYPE_CALL_RECORDER, NULL);
  self->file = g_object_ref (file);

  return self;
}

/**
 * ac_call_recorder_set_stall_timeout:
 * @self: a #AcCallRecorder
 * @timeout_ms: how long a side may deliver nothing, while the other does,
 *   before the other is recorded beside silence; 0 to always wait (for
 *   files read as fast as possible, where wall-clock time means nothing).
 *   The default is 1000 ms.
 */
void
ac_call_recorder_set_stall_timeout (AcCallRecorder *self,
                                    guint           timeout_ms)
{
  g_return_if_fail (AC_IS_CALL_RECORDER (self));

  g_mutex_lock (&self->lock);
  self->stall_us = (gint64) timeout_ms * 1000;
  g_mutex_unlock (&self->lock);
}

/**
 * ac_call_recorder_get_file:
 * @self: a #AcCallRecorder
 *
 * Returns: (transfer none): the file recorded to
 */
GFile *
ac_call_recorder_get_file (AcCallRecorder *self)
{
  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), NULL);

  return self->file;
}

/**
 * ac_call_recorder_start:
 * @self: a #AcCallRecorder
 * @error: return location for an error
 *
 * Opens the file and starts recording.  GStreamer must have been
 * initialised.
 *
 * Returns: %TRUE if recording; %FALSE with an %AC_AUDIO_ERROR if the file
 *   cannot be written or an element is missing
 */
gboolean
ac_call_recorder_start (AcCallRecorder  *self,
                        GError         **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *desc = NULL;
  g_autoptr(GstElement) sink = NULL;

  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), FALSE);
  g_return_val_if_fail (self->pipeline == NULL, FALSE);

  path = g_file_get_path (self->file);
  if (path == NULL)
    {
      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE,
                   _("Calls can only be recorded to a local file"));
      return FALSE;
    }

  desc = g_strdup_printf ("appsrc name=src format=time is-live=false "
                          "caps=audio/x-raw,format=S16LE,rate=%d,channels=2,layout=interleaved "
                          "! audioconvert ! opusenc bitrate=%d ! oggmux ! filesink name=sink",
                          RATE, OPUS_BITRATE);
  pipeline = gst_parse_launch (desc, &parse_error);
  if (pipeline == NULL)
    {
      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_MISSING_ELEMENT,
                   _("Calls cannot be recorded: %s"), parse_error->message);
      return FALSE;
    }

  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (sink, "location", path, NULL);

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      g_autoptr(GError) cause = NULL;

      if (message != NULL)
        gst_message_parse_error (message, &cause, NULL);
      gst_element_set_state (pipeline, GST_STATE_NULL);

      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_DEVICE_FAILED,
                   _("The call cannot be recorded to “%s”: %s"), path,
                   cause != NULL ? cause->message : _("the file cannot be written"));
      return FALSE;
    }

  self->appsrc = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  self->pipeline = g_steal_pointer (&pipeline);

  g_mutex_lock (&self->lock);
  self->recording = TRUE;
  self->started_us = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);

  return TRUE;
}

/**
 * ac_call_recorder_push:
 * @self: a #AcCallRecorder
 * @channel: the side of the call
 * @samples: (array length=n_samples): 16-bit mono samples at
 *   [const@AUDIO_CAPTURE_RATE]
 * @n_samples: how many
 *
 * Adds a side's audio, from any thread.  Ignored while paused or when not
 * recording.
 */
void
ac_call_recorder_push (AcCallRecorder *self,
                       AcAudioChannel  channel,
                       const gint16   *samples,
                       gsize           n_samples)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (AC_IS_CALL_RECORDER (self));
  g_return_if_fail (channel < AC_AUDIO_N_CHANNELS);

  locker = g_mutex_locker_new (&self->lock);

  if (!self->recording || self->paused || n_samples == 0)
    return;

  self->sides[channel].active = TRUE;
  self->sides[channel].last_us = g_get_monotonic_time ();
  g_array_append_vals (self->sides[channel].pending, samples, n_samples);
  flush (self);
}

/**
 * ac_call_recorder_channel_started:
 * @self: a #AcCallRecorder
 * @channel: the side of the call that started
 *
 * A side started: its first audio is waited for (up to a second) rather
 * than recording the other side beside silence meanwhile.
 */
void
ac_call_recorder_channel_started (AcCallRecorder *self,
                                  AcAudioChannel  channel)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (AC_IS_CALL_RECORDER (self));
  g_return_if_fail (channel < AC_AUDIO_N_CHANNELS);

  locker = g_mutex_locker_new (&self->lock);
  self->sides[channel].active = TRUE;
  self->sides[channel].last_us = g_get_monotonic_time ();
}

/**
 * ac_call_recorder_channel_ended:
 * @self: a #AcCallRecorder
 * @channel: the side of the call that stopped delivering
 *
 * A side stopped (its device failed, its file ended or it was stopped):
 * the other side is recorded beside silence from now on.
 */
void
ac_call_recorder_channel_ended (AcCallRecorder *self,
                                AcAudioChannel  channel)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (AC_IS_CALL_RECORDER (self));
  g_return_if_fail (channel < AC_AUDIO_N_CHANNELS);

  locker = g_mutex_locker_new (&self->lock);
  self->sides[channel].active = FALSE;
  if (self->recording && !self->paused)
    flush (self);
}

/**
 * ac_call_recorder_set_paused:
 * @self: a #AcCallRecorder
 * @paused: %TRUE to stop writing what is heard, %FALSE to resume
 *
 * Pauses or resumes recording.  What was heard before the pause is
 * written; what is heard during it never is.
 */
void
ac_call_recorder_set_paused (AcCallRecorder *self,
                             gboolean        paused)
{
  g_return_if_fail (AC_IS_CALL_RECORDER (self));

  paused = !!paused;

  g_mutex_lock (&self->lock);

  if (self->paused == paused || !self->recording)
    {
      g_mutex_unlock (&self->lock);
      return;
    }

  if (paused)
    {
      AcPauseSpan span = { elapsed_ms (self), -1, AC_PAUSE_REASON_AGENT };

      /* Everything heard before the pause is written, a side that has
       * not caught up beside silence, the delay line too. */
      write_frames_full (self, MAX (self->sides[0].pending->len, self->sides[1].pending->len), TRUE);
      g_array_append_val (self->pauses, span);
      self->paused_us = g_get_monotonic_time ();
    }
  else
    {
      /* The call went on while paused: later audio is that much later on
       * its clock. */
      self->position += (guint64) (g_get_monotonic_time () - self->paused_us) * RATE / G_USEC_PER_SEC;
      last_pause (self, AC_PAUSE_REASON_AGENT)->end_ms = elapsed_ms (self);
      for (guint c = 0; c < AC_AUDIO_N_CHANNELS; c++)
        self->sides[c].active = FALSE;
    }

  self->paused = paused;
  g_mutex_unlock (&self->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/**
 * ac_call_recorder_get_paused:
 * @self: a #AcCallRecorder
 *
 * Returns: whether recording is paused
 */
gboolean
ac_call_recorder_get_paused (AcCallRecorder *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return self->paused;
}

/**
 * ac_call_recorder_get_recording:
 * @self: a #AcCallRecorder
 *
 * Returns: whether the recorder is between start and stop
 */
gboolean
ac_call_recorder_get_recording (AcCallRecorder *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return self->recording;
}

/* Long enough to encode the last buffers and write the Ogg trailer. */
#define STOP_TIMEOUT (5 * GST_SECOND)

/**
 * ac_call_recorder_stop:
 * @self: a #AcCallRecorder
 * @error: return location for an error
 *
 * Writes what is pending and closes the file.  It blocks for as long as
 * encoding the last few hundred milliseconds takes.
 *
 * Returns: %TRUE if the file is complete; %FALSE with an %AC_AUDIO_ERROR
 *   if writing failed (what was written so far stays on disk)
 */
gboolean
ac_call_recorder_stop (AcCallRecorder  *self,
                       GError         **error)
{
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  gboolean ok = TRUE;
  gboolean was_paused;
  gboolean was_cutting;

  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), FALSE);

  g_mutex_lock (&self->lock);
  if (!self->recording)
    {
      g_mutex_unlock (&self->lock);
      return TRUE;
    }

  if (self->paused)
    last_pause (self, AC_PAUSE_REASON_AGENT)->end_ms = elapsed_ms (self);
  else
    {
      for (guint c = 0; c < AC_AUDIO_N_CHANNELS; c++)
        self->sides[c].active = FALSE;
      flush (self);
    }
  write_frames_full (self, 0, TRUE);
  was_cutting = close_cut (self, self->position);
  was_paused = self->paused;
  self->recording = FALSE;
  self->paused = FALSE;
  g_mutex_unlock (&self->lock);

  gst_app_src_end_of_stream (GST_APP_SRC (self->appsrc));

  bus = gst_element_get_bus (self->pipeline);
  message = gst_bus_timed_pop_filtered (bus, STOP_TIMEOUT, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);

  if (message == NULL || GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) cause = NULL;
      g_autofree char *path = g_file_get_path (self->file);

      if (message != NULL)
        gst_message_parse_error (message, &cause, NULL);

      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_DEVICE_FAILED,
                   _("The recording “%s” may be incomplete: %s"), path,
                   cause != NULL ? cause->message : _("writing it took too long"));
      ok = FALSE;
    }

  gst_element_set_state (self->pipeline, GST_STATE_NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
  if (was_paused)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  if (was_cutting)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUTTING]);

  return ok;
}

/**
 * ac_call_recorder_get_duration_ms:
 * @self: a #AcCallRecorder
 *
 * Returns: the length of what has been recorded, in ms, written or still
 *   in the delay line (the agent's pauses are not in it; card details are,
 *   as silence)
 */
gint64
ac_call_recorder_get_duration_ms (AcCallRecorder *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return (gint64) ((self->frames_written + self->delayed->len / AC_AUDIO_N_CHANNELS) * 1000 / RATE);
}

/**
 * ac_call_recorder_get_pause_spans:
 * @self: a #AcCallRecorder
 * @n_spans: (out): how many
 *
 * The spans of the call left out of the recording, in order, in ms of
 * wall-clock time from the start of recording.  A span still open has
 * `end_ms` -1.  Read it from the thread that pauses and resumes.
 *
 * Returns: (array length=n_spans) (transfer none): the spans
 */
const AcPauseSpan *
ac_call_recorder_get_pause_spans (AcCallRecorder *self,
                                  guint          *n_spans)
{
  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);

  *n_spans = self->pauses->len;
  return (const AcPauseSpan *) self->pauses->data;
}

/**
 * ac_call_recorder_set_delay:
 * @self: a #AcCallRecorder
 * @delay_ms: how long audio is kept before it is written, in ms (0 writes
 *   it at once)
 *
 * Sets the delay line: a cut can reach this far back.  It should be longer
 * than the speech engine takes to recognise a card number once its first
 * digit is said (bench/bench-card-pause.c measures it).  Memory: 64 KB a
 * second of delay (two 16 kHz 16-bit channels).
 */
void
ac_call_recorder_set_delay (AcCallRecorder *self,
                            guint           delay_ms)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (AC_IS_CALL_RECORDER (self));

  locker = g_mutex_locker_new (&self->lock);
  self->delay_frames = (guint) ms_to_frames (delay_ms);
}

/**
 * ac_call_recorder_get_position_ms:
 * @self: a #AcCallRecorder
 *
 * Returns: how far into the call the newest audio it has is, in ms on the
 *   call's clock (what is written, what the delay line holds, and the
 *   time of manual pauses)
 */
gint64
ac_call_recorder_get_position_ms (AcCallRecorder *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return frames_to_ms (self->position + self->delayed->len / AC_AUDIO_N_CHANNELS);
}

/**
 * ac_call_recorder_begin_cut:
 * @self: a #AcCallRecorder
 * @from_ms: where card details begin, in ms on the call's clock
 *
 * Leaves card details out of the recording from @from_ms until
 * ac_call_recorder_end_cut(): both channels are written as silence.  What
 * was already written cannot be cut, so the cut starts no earlier than the
 * oldest audio in the delay line.  While a cut is open, another begin does
 * nothing.  The cut is kept as an #AcPauseSpan of reason
 * %AC_PAUSE_REASON_CARD_DETAILS.
 *
 * Returns: where the cut starts, in ms, or -1 if not recording (or the
 *   cut was already open: its start)
 */
gint64
ac_call_recorder_begin_cut (AcCallRecorder *self,
                            gint64          from_ms)
{
  Cut cut;
  AcPauseSpan span;

  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), -1);

  g_mutex_lock (&self->lock);
  if (!self->recording)
    {
      g_mutex_unlock (&self->lock);
      return -1;
    }
  if (self->cuts->len > 0 && g_array_index (self->cuts, Cut, self->cuts->len - 1).end == G_MAXUINT64)
    {
      gint64 start = frames_to_ms (g_array_index (self->cuts, Cut, self->cuts->len - 1).start);

      g_mutex_unlock (&self->lock);
      return start;
    }

  cut.start = MAX (ms_to_frames (from_ms), self->position);
  cut.end = G_MAXUINT64;
  g_array_append_val (self->cuts, cut);
  span.start_ms = frames_to_ms (cut.start);
  span.end_ms = -1;
  span.reason = AC_PAUSE_REASON_CARD_DETAILS;
  g_array_append_val (self->pauses, span);
  g_mutex_unlock (&self->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUTTING]);
  return span.start_ms;
}

/**
 * ac_call_recorder_end_cut:
 * @self: a #AcCallRecorder
 * @at_ms: where card details end, in ms on the call's clock; -1 for the
 *   newest audio (the agent resumed)
 *
 * Closes the open cut: from @at_ms on, the call is recorded again.
 */
void
ac_call_recorder_end_cut (AcCallRecorder *self,
                          gint64          at_ms)
{
  gboolean closed;

  g_return_if_fail (AC_IS_CALL_RECORDER (self));

  g_mutex_lock (&self->lock);
  closed = close_cut (self, at_ms >= 0 ? ms_to_frames (at_ms)
                                       : self->position + self->delayed->len / AC_AUDIO_N_CHANNELS);
  g_mutex_unlock (&self->lock);

  if (closed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUTTING]);
}

/**
 * ac_call_recorder_get_cutting:
 * @self: a #AcCallRecorder
 *
 * Returns: whether a cut is open
 */
gboolean
ac_call_recorder_get_cutting (AcCallRecorder *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (AC_IS_CALL_RECORDER (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return self->cuts->len > 0 && g_array_index (self->cuts, Cut, self->cuts->len - 1).end == G_MAXUINT64;
}
