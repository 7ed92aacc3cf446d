/* ac-audio-capture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-audio-capture"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <math.h>

#include "ac-audio-capture.h"
#include "ac-call-recorder.h"

/**
 * AcAudioCapture:
 *
 * Captures the two sides of a call, customer and agent, each from its own
 * source, and reports their input levels.
 *
 * Each channel runs its own GStreamer pipeline, so a device that fails
 * stops only its channel: the other side goes on, and
 * [signal@AudioCapture::channel-failed] says why.
 *
 * A source is described by a string, as stored in the settings:
 *
 * - empty: the default device — for the customer the monitor of the
 *   default output (where a softphone plays the customer), for the agent
 *   the default microphone;
 * - a PulseAudio/PipeWire source name, monitors included
 *   (e.g. `alsa_output.pci-0000_00_1f.3.analog-stereo.monitor`);
 * - a `file://` URI of a recording, played at real-time pace so that it
 *   looks like a live call (see [method@AudioCapture.set_paced]).  All its
 *   channels are mixed, unless the URI ends in `#N`: then only its channel
 *   N (from 0) is heard, so that a dual-channel call recording can feed
 *   both sides (`#0` customer, `#1` agent);
 * - `off`: the channel is not captured;
 * - `gst:` followed by a GStreamer bin description with one source pad,
 *   for development and tests (e.g. `gst:audiotestsrc is-live=true`).
 */

/* The level element's interval: 50 ms gives meters that move smoothly
 * (20 updates a second) without flooding the main loop. */
#define LEVEL_INTERVAL_NS (50 * GST_MSECOND)

/* How much decoded audio a file's channel holds ahead of recognition:
 * 2 s, 64 kB at 16 kHz, enough to keep the recognizer busy while the
 * decoder wakes. */
#define FILE_QUEUE_NS (2 * GST_SECOND)

typedef struct
{
  AcAudioCapture *self;
  AcAudioChannel  channel;
  char           *source;
  GstElement     *pipeline;
  GSource        *bus_source;
  double          level;        /* dBFS */
  int             pick;         /* the file's channel to hear, -1 for all */
  int             ended;        /* atomic: the audio func was told */
} Channel;

struct _AcAudioCapture
{
  GObject         parent_instance;

  Channel         channels[AC_AUDIO_N_CHANNELS];
  gboolean        paced;

  AcAudioFunc     audio_func;
  gpointer        audio_data;
  GDestroyNotify  audio_destroy;

  GMutex          recorder_lock;
  AcCallRecorder *recorder;      /* under recorder_lock */
};

G_DEFINE_FINAL_TYPE (AcAudioCapture, ac_audio_capture, G_TYPE_OBJECT)
G_DEFINE_QUARK (ac-audio-error-quark, ac_audio_error)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_CUSTOMER_LEVEL,
  PROP_AGENT_LEVEL,
  N_PROPS
};

enum {
  CHANNEL_FAILED,
  CHANNEL_ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const guint level_props[AC_AUDIO_N_CHANNELS] = {
  [AC_AUDIO_CHANNEL_CUSTOMER] = PROP_CUSTOMER_LEVEL,
  [AC_AUDIO_CHANNEL_AGENT] = PROP_AGENT_LEVEL,
};

static void
set_level (Channel *ch,
           double   level)
{
  level = MAX (level, AC_AUDIO_LEVEL_FLOOR);

  if (ch->level == level)
    return;

  ch->level = level;
  g_object_notify_by_pspec (G_OBJECT (ch->self), properties[level_props[ch->channel]]);
}

static void
clear_bus_source (Channel *ch)
{
  if (ch->bus_source != NULL)
    {
      g_source_destroy (ch->bus_source);
      g_clear_pointer (&ch->bus_source, g_source_unref);
    }
}

/* Each run of a channel ends exactly once for the audio func: at the end
 * of its stream (streaming thread) or when it is stopped (main thread). */
static void
set_null (const GValue *item,
          gpointer      user_data)
{
  gst_element_set_state (g_value_get_object (item), GST_STATE_NULL);
}

/* A decodebin that fails to type a file while the pipeline is still
 * prerolling finishes that state change from its streaming thread, and can
 * lift the pipeline (or itself) back out of NULL after it was stopped.
 * Stopping is repeated until everything stays in NULL, so nothing is
 * disposed running. */
static void
stop_pipeline (GstElement *pipeline)
{
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      GstState state = GST_STATE_VOID_PENDING;
      GstState pending = GST_STATE_VOID_PENDING;
      gboolean all_null = TRUE;
      GstIterator *it;

      gst_element_set_state (pipeline, GST_STATE_NULL);

      it = gst_bin_iterate_recurse (GST_BIN (pipeline));
      while (gst_iterator_foreach (it, set_null, NULL) == GST_ITERATOR_RESYNC)
        gst_iterator_resync (it);
      gst_iterator_free (it);

      /* Let a state change still running in a streaming thread end. */
      g_usleep (attempt == 0 ? 0 : 10 * 1000);
      gst_element_get_state (pipeline, &state, &pending, 0);
      if (state != GST_STATE_NULL || pending != GST_STATE_VOID_PENDING)
        all_null = FALSE;

      it = gst_bin_iterate_recurse (GST_BIN (pipeline));
      {
        GValue item = G_VALUE_INIT;

        while (gst_iterator_next (it, &item) == GST_ITERATOR_OK)
          {
            if (GST_STATE (g_value_get_object (&item)) != GST_STATE_NULL)
              all_null = FALSE;
            g_value_reset (&item);
          }
        g_value_unset (&item);
      }
      gst_iterator_free (it);

      if (all_null)
        return;
    }
}

static AcCallRecorder *
dup_recorder (AcAudioCapture *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->recorder_lock);

  return self->recorder != NULL ? g_object_ref (self->recorder) : NULL;
}

static void
tell_end (Channel *ch)
{
  AcAudioCapture *self = ch->self;
  g_autoptr(AcCallRecorder) recorder = NULL;

  if (!g_atomic_int_compare_and_exchange (&ch->ended, FALSE, TRUE))
    return;

  if (self->audio_func != NULL)
    self->audio_func (ch->channel, NULL, 0, self->audio_data);

  if ((recorder = dup_recorder (self)) != NULL)
    ac_call_recorder_channel_ended (recorder, ch->channel);
}

static GstFlowReturn
on_speech_sample (GstAppSink *sink,
                  gpointer    user_data)
{
  Channel *ch = user_data;
  AcAudioCapture *self = ch->self;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer;
  GstMapInfo map;

  if (sample == NULL)
    return GST_FLOW_EOS;

  buffer = gst_sample_get_buffer (sample);
  if (buffer == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_OK;

  if (self->audio_func != NULL)
    self->audio_func (ch->channel, (const gint16 *) map.data, map.size / sizeof (gint16),
                    self->audio_data);

  {
    g_autoptr(AcCallRecorder) recorder = dup_recorder (self);

    if (recorder != NULL)
      ac_call_recorder_push (recorder, ch->channel, (const gint16 *) map.data,
                             map.size / sizeof (gint16));
  }

  gst_buffer_unmap (buffer, &map);

  return GST_FLOW_OK;
}

static void
on_speech_eos (GstAppSink *sink,
               gpointer    user_data)
{
  tell_end (user_data);
}

static void
channel_teardown (Channel *ch)
{
  gboolean was_running = ch->pipeline != NULL;

  clear_bus_source (ch);

  if (ch->pipeline != NULL)
    {
      stop_pipeline (ch->pipeline);
      gst_clear_object (&ch->pipeline);
      /* The streaming threads have stopped: no audio can follow. */
      tell_end (ch);
    }

  set_level (ch, AC_AUDIO_LEVEL_FLOOR);

  if (was_running && !ac_audio_capture_get_running (ch->self))
    g_object_notify_by_pspec (G_OBJECT (ch->self), properties[PROP_RUNNING]);
}

static void
channel_fail (Channel      *ch,
              const GError *cause)
{
  g_autoptr(GError) error = NULL;

  error = g_error_new (AC_AUDIO_ERROR, AC_AUDIO_ERROR_DEVICE_FAILED,
                       /* Translators: “Customer audio stopped: <reason>” */
                       _("%s audio stopped: %s"),
                       ac_audio_channel_to_label (ch->channel),
                       cause->message);

  g_message ("%s", error->message);

  channel_teardown (ch);
  g_signal_emit (ch->self, signals[CHANNEL_FAILED], 0, ch->channel, error);
}

static void
handle_level (Channel            *ch,
              const GstStructure *s)
{
  const GValue *rms = gst_structure_get_value (s, "rms");
  double loudest = -INFINITY;

  /* The level element still posts a GValueArray, deprecated in GLib (and
   * so is naming its GType here). */
  if (rms == NULL || !G_VALUE_HOLDS_BOXED (rms) ||
      !g_str_equal (G_VALUE_TYPE_NAME (rms), "GValueArray"))
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    GValueArray *values = g_value_get_boxed (rms);

    for (guint i = 0; values != NULL && i < values->n_values; i++)
      if (G_VALUE_HOLDS_DOUBLE (&values->values[i]))
        loudest = MAX (loudest, g_value_get_double (&values->values[i]));
  }
  G_GNUC_END_IGNORE_DEPRECATIONS

  set_level (ch, loudest);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  Channel *ch = user_data;

  g_assert (GST_IS_MESSAGE (message));

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &error, &debug);
        g_debug ("%s: %s", ch->source, debug ? debug : "");
        channel_fail (ch, error);
        return G_SOURCE_REMOVE;
      }

    case GST_MESSAGE_EOS:
      channel_teardown (ch);
      g_signal_emit (ch->self, signals[CHANNEL_ENDED], 0, ch->channel);
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_APPLICATION:
      {
        const GstStructure *s = gst_message_get_structure (message);
        const char *device = gst_structure_get_string (s, "device");

        /* A chosen device that PulseAudio moved us away from is gone;
         * following the default device is what the default asks for. */
        if (gst_structure_has_name (s, "ac-device-moved") && ch->source[0] != '\0' &&
            device != NULL && g_strcmp0 (device, ch->source) != 0)
          {
            g_autoptr(GError) error = NULL;

            error = g_error_new (AC_AUDIO_ERROR, AC_AUDIO_ERROR_DEVICE_FAILED,
                                 _("the device “%s” was disconnected"), ch->source);
            channel_fail (ch, error);
            return G_SOURCE_REMOVE;
          }
      }
      break;

    case GST_MESSAGE_ELEMENT:
      {
        const GstStructure *s = gst_message_get_structure (message);

        if (gst_structure_has_name (s, "level"))
          handle_level (ch, s);
      }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

/* audioconvert's mix-matrix with one output row that keeps input channel
 * @pick of @n_channels. */
static void
set_pick_matrix (GstElement *convert,
                 int         pick,
                 int         n_channels)
{
  GValue matrix = G_VALUE_INIT;
  GValue row = G_VALUE_INIT;

  g_value_init (&matrix, GST_TYPE_ARRAY);
  g_value_init (&row, GST_TYPE_ARRAY);

  for (int i = 0; i < n_channels; i++)
    {
      GValue gain = G_VALUE_INIT;

      g_value_init (&gain, G_TYPE_FLOAT);
      g_value_set_float (&gain, i == pick ? 1.0f : 0.0f);
      gst_value_array_append_and_take_value (&row, &gain);
    }

  gst_value_array_append_and_take_value (&matrix, &row);
  g_object_set_property (G_OBJECT (convert), "mix-matrix", &matrix);
  g_value_unset (&matrix);
}

static void
on_decoded_pad_added (GstElement *decodebin,
                      GstPad     *pad,
                      gpointer    user_data)
{
  Channel *ch = user_data;
  g_autoptr(GstElement) tail = NULL;
  g_autoptr(GstElement) convert = NULL;
  g_autoptr(GstPad) sink = NULL;
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const GstStructure *s;
  int n_channels = 0;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);

  if (caps == NULL || gst_caps_is_empty (caps))
    return;

  s = gst_caps_get_structure (caps, 0);
  if (!g_str_has_prefix (gst_structure_get_name (s), "audio/"))
    return;

  tail = gst_bin_get_by_name (GST_BIN (ch->pipeline), "tail");
  sink = gst_element_get_static_pad (tail, "sink");

  /* Only the first audio stream of a file is captured. */
  if (gst_pad_is_linked (sink))
    return;

  if (ch->pick >= 0)
    {
      gst_structure_get_int (s, "channels", &n_channels);

      if (ch->pick >= n_channels)
        {
          g_autoptr(GError) error = NULL;

          error = g_error_new (AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "the recording has only %d channel",
                                            "the recording has only %d channels",
                                            n_channels),
                               n_channels);
          gst_element_post_message (ch->pipeline,
                                    gst_message_new_error (GST_OBJECT (decodebin), error, NULL));
          return;
        }

      convert = gst_bin_get_by_name (GST_BIN (tail), "convert");
      set_pick_matrix (convert, ch->pick, n_channels);
    }

  /* Out of the file bin and into the tail, through ghost pads. */
  gst_pad_link_maybe_ghosting (pad, sink);
}

/* GStreamer 1.22's level element divides by the sample rate when EOS
 * arrives, which is 0 if a source failed before negotiating caps (a
 * PulseAudio device that does not exist).  The source's error message
 * stops the channel anyway, so such an EOS is dropped. */
static GstPadProbeReturn
drop_eos_before_caps (GstPad          *pad,
                      GstPadProbeInfo *info,
                      gpointer         user_data)
{
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS && !gst_pad_has_current_caps (pad))
    return GST_PAD_PROBE_DROP;

  return GST_PAD_PROBE_OK;
}

static GstElement *
make_element (const char  *factory,
              GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_MISSING_ELEMENT,
                 _("The GStreamer element “%s” is not installed"), factory);

  return element;
}

/* PulseAudio's thread: the bus takes the news to the main loop. */
static void
on_current_device (GstElement *source,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  g_autofree char *device = NULL;

  g_object_get (source, "current-device", &device, NULL);
  gst_element_post_message (source,
                            gst_message_new_application (GST_OBJECT (source),
                                                         gst_structure_new ("ac-device-moved",
                                                                            "device", G_TYPE_STRING, device,
                                                                            NULL)));
}

/* filesrc ! decodebin in a bin; the decoder's pads are linked out of it
 * as they appear.  (uridecodebin, on a file it cannot type, sometimes
 * drops its inner decodebin while the pipeline is being stopped.) */
static GstElement *
make_file_source (const char  *uri,
                  gboolean    *is_file,
                  GError     **error)
{
  g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
  GstElement *bin;
  GstElement *filesrc;
  GstElement *decodebin;

  if (path == NULL)
    {
      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE,
                   _("“%s” is not a valid file address"), uri);
      return NULL;
    }

  if (!(filesrc = make_element ("filesrc", error)))
    return NULL;
  if (!(decodebin = make_element ("decodebin", error)))
    {
      gst_object_unref (gst_object_ref_sink (filesrc));
      return NULL;
    }

  g_object_set (filesrc, "location", path, NULL);
  gst_object_set_name (GST_OBJECT (decodebin), "decoder");

  bin = gst_bin_new ("file");
  gst_bin_add_many (GST_BIN (bin), filesrc, decodebin, NULL);
  gst_element_link (filesrc, decodebin);

  *is_file = TRUE;
  return bin;
}

static GstElement *
make_source (Channel  *ch,
             gboolean *is_file,
             GError  **error)
{
  const char *source = ch->source;
  GstElement *element;

  *is_file = FALSE;

  if (g_str_has_prefix (source, "gst:"))
    {
      g_autoptr(GError) parse_error = NULL;

      element = gst_parse_bin_from_description (source + 4, TRUE, &parse_error);
      if (element == NULL)
        g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE,
                     _("The audio source “%s” cannot be used: %s"), source, parse_error->message);
      return element;
    }

  if (g_str_has_prefix (source, "file:"))
    {
      g_autoptr(GstUri) uri = gst_uri_from_string (source);
      g_autofree char *location = NULL;
      const char *fragment;

      if (uri == NULL || !gst_uri_is_valid (source))
        {
          g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE,
                       _("“%s” is not a valid file address"), source);
          return NULL;
        }

      fragment = gst_uri_get_fragment (uri);
      if (fragment != NULL)
        {
          guint64 pick;

          if (!g_ascii_string_to_unsigned (fragment, 10, 0, 63, &pick, NULL))
            {
              g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE,
                           _("“%s” is not a valid file address"), source);
              return NULL;
            }
          ch->pick = (int) pick;
          gst_uri_set_fragment (uri, NULL);
        }

      location = gst_uri_to_string (uri);
      return make_file_source (location, is_file, error);
    }

  if (!(element = make_element ("pulsesrc", error)))
    return NULL;

  if (source[0] != '\0')
    g_object_set (element, "device", source, NULL);
  else if (ch->channel == AC_AUDIO_CHANNEL_CUSTOMER)
    g_object_set (element, "device", "@DEFAULT_MONITOR@", NULL);

  g_object_set (element, "client-name", _("Agent Console"), NULL);

  /* When a device goes away PulseAudio moves its streams to another one
   * rather than failing them; pulsesrc only says so through this. */
  g_signal_connect (element, "notify::current-device", G_CALLBACK (on_current_device), NULL);

  return element;
}

static gboolean
channel_start (Channel  *ch,
               GError  **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *tail_desc = NULL;
  GstElement *source;
  GstElement *tail;
  gboolean is_file;

  if (ch->pipeline != NULL || g_str_equal (ch->source, AC_AUDIO_SOURCE_OFF))
    return TRUE;

  ch->pick = -1;
  if (!(source = make_source (ch, &is_file, error)))
    return FALSE;

  /* A paced file is held to the clock right after decoding, so that the
   * meters, the recognition and the recording all see it as live.  A live
   * source is paced by its device.  The queue gives recognition its own
   * thread, so a slow recognizer never holds up the device: for a device
   * it is unbounded (a device does not wait; nothing it gives is lost).  A
   * file waits instead: its queue holds FILE_QUEUE_NS of audio and the
   * decoder blocks until recognition takes some, so the memory a file
   * needs does not grow with its length. */
  tail_desc = g_strdup_printf ("identity sync=%s ! audioconvert name=convert ! audioresample ! "
                               "audio/x-raw,format=S16LE,rate=%d,channels=1 ! "
                               "level name=level interval=%" G_GUINT64_FORMAT " ! "
                               "queue max-size-time=%" G_GUINT64_FORMAT " max-size-bytes=0 max-size-buffers=0 ! "
                               "appsink name=speech sync=false async=false",
                               is_file && ch->self->paced ? "true" : "false",
                               AC_AUDIO_CAPTURE_RATE,
                               (guint64) LEVEL_INTERVAL_NS,
                               is_file ? (guint64) FILE_QUEUE_NS : (guint64) 0);
  tail = gst_parse_bin_from_description (tail_desc, TRUE, error);
  if (tail == NULL)
    {
      gst_object_unref (gst_object_ref_sink (source));
      return FALSE;
    }
  gst_object_set_name (GST_OBJECT (tail), "tail");

  {
    g_autoptr(GstElement) level = gst_bin_get_by_name (GST_BIN (tail), "level");
    g_autoptr(GstPad) level_sink = gst_element_get_static_pad (level, "sink");
    g_autoptr(GstElement) speech = gst_bin_get_by_name (GST_BIN (tail), "speech");
    GstAppSinkCallbacks callbacks = {
      .eos = on_speech_eos,
      .new_sample = on_speech_sample,
    };

    gst_pad_add_probe (level_sink, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                       drop_eos_before_caps, NULL, NULL);
    gst_app_sink_set_callbacks (GST_APP_SINK (speech), &callbacks, ch, NULL);
  }

  pipeline = gst_pipeline_new (ac_audio_channel_to_label (ch->channel));
  gst_bin_add_many (GST_BIN (pipeline), source, tail, NULL);
  g_atomic_int_set (&ch->ended, FALSE);

  if (is_file)
    {
      g_autoptr(GstElement) decoder = gst_bin_get_by_name (GST_BIN (source), "decoder");

      g_signal_connect (decoder, "pad-added", G_CALLBACK (on_decoded_pad_added), ch);
    }
  else if (!gst_element_link (source, tail))
    {
      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE,
                   _("The source “%s” gives no audio"), ch->source);
      return FALSE;
    }

  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  /* In the thread-default context of whoever starts the capture, so a
   * command-line run can have its own. */
  ch->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (ch->bus_source, G_SOURCE_FUNC (on_bus_message), ch, NULL);
  g_source_attach (ch->bus_source, g_main_context_get_thread_default ());
  ch->pipeline = g_steal_pointer (&pipeline);

  if (gst_element_set_state (ch->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = NULL;
      g_autoptr(GError) cause = NULL;

      /* The reason is on the bus as an error message. */
      message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      if (message != NULL)
        gst_message_parse_error (message, &cause, NULL);

      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_DEVICE_FAILED,
                   _("%s audio could not start: %s"),
                   ac_audio_channel_to_label (ch->channel),
                   cause ? cause->message : _("the device could not be opened"));
      channel_teardown (ch);
      return FALSE;
    }

  {
    g_autoptr(AcCallRecorder) recorder = dup_recorder (ch->self);

    if (recorder != NULL)
      ac_call_recorder_channel_started (recorder, ch->channel);
  }

  return TRUE;
}

static void
ac_audio_capture_dispose (GObject *object)
{
  AcAudioCapture *self = AC_AUDIO_CAPTURE (object);

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    {
      clear_bus_source (&self->channels[i]);
      if (self->channels[i].pipeline != NULL)
        stop_pipeline (self->channels[i].pipeline);
      gst_clear_object (&self->channels[i].pipeline);
    }

  ac_audio_capture_set_audio_func (self, NULL, NULL, NULL);
  ac_audio_capture_set_recorder (self, NULL);

  G_OBJECT_CLASS (ac_audio_capture_parent_class)->dispose (object);
}

static void
ac_audio_capture_finalize (GObject *object)
{
  AcAudioCapture *self = AC_AUDIO_CAPTURE (object);

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    g_free (self->channels[i].source);
  g_mutex_clear (&self->recorder_lock);

  G_OBJECT_CLASS (ac_audio_capture_parent_class)->finalize (object);
}

static void
ac_audio_capture_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AcAudioCapture *self = AC_AUDIO_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, ac_audio_capture_get_running (self));
      break;

    case PROP_CUSTOMER_LEVEL:
      g_value_set_double (value, self->channels[AC_AUDIO_CHANNEL_CUSTOMER].level);
      break;

    case PROP_AGENT_LEVEL:
      g_value_set_double (value, self->channels[AC_AUDIO_CHANNEL_AGENT].level);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_audio_capture_class_init (AcAudioCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_audio_capture_dispose;
  object_class->finalize = ac_audio_capture_finalize;
  object_class->get_property = ac_audio_capture_get_property;

  /**
   * AcAudioCapture:running:
   *
   * Whether at least one channel is capturing.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcAudioCapture:customer-level:
   *
   * The customer channel's RMS level over the last 50 ms, in dBFS, from
   * [const@AUDIO_LEVEL_FLOOR] to 0.
   */
  properties[PROP_CUSTOMER_LEVEL] =
    g_param_spec_double ("customer-level", NULL, NULL,
                         AC_AUDIO_LEVEL_FLOOR, 0.0, AC_AUDIO_LEVEL_FLOOR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcAudioCapture:agent-level:
   *
   * The agent channel's RMS level over the last 50 ms, in dBFS, from
   * [const@AUDIO_LEVEL_FLOOR] to 0.
   */
  properties[PROP_AGENT_LEVEL] =
    g_param_spec_double ("agent-level", NULL, NULL,
                         AC_AUDIO_LEVEL_FLOOR, 0.0, AC_AUDIO_LEVEL_FLOOR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcAudioCapture::channel-failed:
   * @self: the capture
   * @channel: the #AcAudioChannel that stopped
   * @error: (transfer none): why, in words for the agent
   *
   * A channel's device failed or went away.  That channel has stopped; the
   * other one goes on.
   */
  signals[CHANNEL_FAILED] =
    g_signal_new ("channel-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_ERROR);

  /**
   * AcAudioCapture::channel-ended:
   * @self: the capture
   * @channel: the #AcAudioChannel whose source ended
   *
   * A channel's file source reached its end.
   */
  signals[CHANNEL_ENDED] =
    g_signal_new ("channel-ended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
ac_audio_capture_init (AcAudioCapture *self)
{
  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    {
      self->channels[i].self = self;
      self->channels[i].channel = i;
      self->channels[i].source = g_strdup ("");
      self->channels[i].level = AC_AUDIO_LEVEL_FLOOR;
      self->channels[i].pick = -1;
    }

  self->paced = TRUE;
  g_mutex_init (&self->recorder_lock);
}

/**
 * ac_audio_capture_new:
 *
 * Creates a capture of both channels from their default devices.
 * GStreamer must have been initialised.
 *
 * Returns: (transfer full): a new #AcAudioCapture
 */
AcAudioCapture *
ac_audio_capture_new (void)
{
  return g_object_new (AC_TYPE_AUDIO_CAPTURE, NULL);
}

/**
 * ac_audio_capture_set_source:
 * @self: a #AcAudioCapture
 * @channel: which side of the call
 * @source: (nullable): the source description (see [class@AudioCapture]);
 *   %NULL or empty for the default device
 *
 * Chooses a channel's input.  A running channel is restarted on the new
 * source.
 */
void
ac_audio_capture_set_source (AcAudioCapture *self,
                             AcAudioChannel  channel,
                             const char     *source)
{
  Channel *ch;
  gboolean restart;

  g_return_if_fail (AC_IS_AUDIO_CAPTURE (self));
  g_return_if_fail (channel < AC_AUDIO_N_CHANNELS);

  ch = &self->channels[channel];
  if (source == NULL)
    source = "";

  if (g_strcmp0 (ch->source, source) == 0)
    return;

  g_free (ch->source);
  ch->source = g_strdup (source);

  restart = ch->pipeline != NULL;
  if (restart)
    {
      g_autoptr(GError) error = NULL;

      channel_teardown (ch);
      if (!channel_start (ch, &error))
        g_signal_emit (self, signals[CHANNEL_FAILED], 0, channel, error);
      else if (ac_audio_capture_get_running (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

/**
 * ac_audio_capture_get_source:
 * @self: a #AcAudioCapture
 * @channel: which side of the call
 *
 * Returns: (transfer none): the channel's source description; empty for
 *   the default device
 */
const char *
ac_audio_capture_get_source (AcAudioCapture *self,
                             AcAudioChannel  channel)
{
  g_return_val_if_fail (AC_IS_AUDIO_CAPTURE (self), NULL);
  g_return_val_if_fail (channel < AC_AUDIO_N_CHANNELS, NULL);

  return self->channels[channel].source;
}

/**
 * ac_audio_capture_start:
 * @self: a #AcAudioCapture
 * @error: return location for an error
 *
 * Starts capturing both channels.  A channel that cannot start is reported
 * through [signal@AudioCapture::channel-failed] and the other channel
 * still starts.
 *
 * Returns: %TRUE if at least one channel is capturing; %FALSE with an
 *   %AC_AUDIO_ERROR if neither could start
 */
gboolean
ac_audio_capture_start (AcAudioCapture  *self,
                        GError         **error)
{
  GError *errors[AC_AUDIO_N_CHANNELS] = { NULL, };
  g_autoptr(AcCallRecorder) recorder = NULL;
  gboolean was_running;

  g_return_val_if_fail (AC_IS_AUDIO_CAPTURE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  was_running = ac_audio_capture_get_running (self);
  recorder = dup_recorder (self);

  /* The recorder expects every side about to start before the first one
   * delivers: otherwise a file read as fast as possible would be recorded
   * beside silence until the other side's pipeline is up. */
  if (recorder != NULL)
    for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
      if (self->channels[i].pipeline == NULL &&
          !g_str_equal (self->channels[i].source, AC_AUDIO_SOURCE_OFF))
        ac_call_recorder_channel_started (recorder, i);

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    if (!channel_start (&self->channels[i], &errors[i]) && recorder != NULL)
      ac_call_recorder_channel_ended (recorder, i);

  if (!ac_audio_capture_get_running (self))
    {
      g_set_error (error, AC_AUDIO_ERROR, errors[AC_AUDIO_CHANNEL_CUSTOMER]->code,
                   "%s\n%s",
                   errors[AC_AUDIO_CHANNEL_CUSTOMER]->message,
                   errors[AC_AUDIO_CHANNEL_AGENT]->message);
      for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
        g_clear_error (&errors[i]);
      return FALSE;
    }

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    if (errors[i] != NULL)
      {
        g_signal_emit (self, signals[CHANNEL_FAILED], 0, i, errors[i]);
        g_clear_error (&errors[i]);
      }

  if (!was_running)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  return TRUE;
}

/**
 * ac_audio_capture_start_channel:
 * @self: a #AcAudioCapture
 * @channel: which side of the call
 * @error: return location for an error
 *
 * Starts one channel, e.g. on a new device after its old one failed
 * during a call.  A running channel is left as it is.
 *
 * Returns: %TRUE if the channel is capturing (or its source is
 *   [const@AUDIO_SOURCE_OFF]); %FALSE with an %AC_AUDIO_ERROR
 */
gboolean
ac_audio_capture_start_channel (AcAudioCapture  *self,
                                AcAudioChannel   channel,
                                GError         **error)
{
  gboolean was_running;

  g_return_val_if_fail (AC_IS_AUDIO_CAPTURE (self), FALSE);
  g_return_val_if_fail (channel < AC_AUDIO_N_CHANNELS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  was_running = ac_audio_capture_get_running (self);

  if (!channel_start (&self->channels[channel], error))
    return FALSE;

  if (!was_running && ac_audio_capture_get_running (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  return TRUE;
}

/**
 * ac_audio_capture_stop:
 * @self: a #AcAudioCapture
 *
 * Stops both channels.  Levels fall back to [const@AUDIO_LEVEL_FLOOR].
 */
void
ac_audio_capture_stop (AcAudioCapture *self)
{
  g_return_if_fail (AC_IS_AUDIO_CAPTURE (self));

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    channel_teardown (&self->channels[i]);
}

/**
 * ac_audio_capture_get_running:
 * @self: a #AcAudioCapture
 *
 * Returns: whether at least one channel is capturing
 */
gboolean
ac_audio_capture_get_running (AcAudioCapture *self)
{
  g_return_val_if_fail (AC_IS_AUDIO_CAPTURE (self), FALSE);

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    if (self->channels[i].pipeline != NULL)
      return TRUE;

  return FALSE;
}

/**
 * ac_audio_capture_is_channel_running:
 * @self: a #AcAudioCapture
 * @channel: which side of the call
 *
 * Returns: whether @channel is capturing
 */
gboolean
ac_audio_capture_is_channel_running (AcAudioCapture *self,
                                     AcAudioChannel  channel)
{
  g_return_val_if_fail (AC_IS_AUDIO_CAPTURE (self), FALSE);
  g_return_val_if_fail (channel < AC_AUDIO_N_CHANNELS, FALSE);

  return self->channels[channel].pipeline != NULL;
}

/**
 * ac_audio_capture_get_level:
 * @self: a #AcAudioCapture
 * @channel: which side of the call
 *
 * Returns: the channel's RMS level over the last 50 ms, in dBFS, from
 *   [const@AUDIO_LEVEL_FLOOR] (silence or stopped) to 0 (full scale)
 */
double
ac_audio_capture_get_level (AcAudioCapture *self,
                            AcAudioChannel  channel)
{
  g_return_val_if_fail (AC_IS_AUDIO_CAPTURE (self), AC_AUDIO_LEVEL_FLOOR);
  g_return_val_if_fail (channel < AC_AUDIO_N_CHANNELS, AC_AUDIO_LEVEL_FLOOR);

  return self->channels[channel].level;
}

/**
 * ac_audio_capture_set_paced:
 * @self: a #AcAudioCapture
 * @paced: %TRUE to play files at real-time pace (the default), %FALSE to
 *   read them as fast as the computer can
 *
 * Chooses how file sources are read, from the next start on.  Devices are
 * always live.
 */
void
ac_audio_capture_set_paced (AcAudioCapture *self,
                            gboolean        paced)
{
  g_return_if_fail (AC_IS_AUDIO_CAPTURE (self));

  self->paced = !!paced;
}

/**
 * ac_audio_capture_get_paced:
 * @self: a #AcAudioCapture
 *
 * Returns: whether files are played at real-time pace
 */
gboolean
ac_audio_capture_get_paced (AcAudioCapture *self)
{
  g_return_val_if_fail (AC_IS_AUDIO_CAPTURE (self), TRUE);

  return self->paced;
}

/**
 * ac_audio_capture_set_audio_func:
 * @self: a #AcAudioCapture
 * @func: (nullable) (scope notified): receives each channel's audio
 * @user_data: (closure func): data for @func
 * @destroy: (destroy user_data): frees @user_data
 *
 * Sets where the captured audio goes (see #AcAudioFunc).  Set it while
 * the capture is stopped.
 */
void
ac_audio_capture_set_audio_func (AcAudioCapture *self,
                                 AcAudioFunc     func,
                                 gpointer        user_data,
                                 GDestroyNotify  destroy)
{
  g_return_if_fail (AC_IS_AUDIO_CAPTURE (self));

  if (self->audio_destroy != NULL)
    self->audio_destroy (self->audio_data);

  self->audio_func = func;
  self->audio_data = user_data;
  self->audio_destroy = destroy;
}

/**
 * ac_audio_capture_set_recorder:
 * @self: a #AcAudioCapture
 * @recorder: (nullable): where both channels are recorded, or %NULL to
 *   stop giving audio to a recorder
 *
 * Gives both channels' audio to @recorder as it is captured, and tells it
 * when a channel stops.  It can be set and unset during a call.
 */
void
ac_audio_capture_set_recorder (AcAudioCapture *self,
                               AcCallRecorder *recorder)
{
  g_autoptr(AcCallRecorder) old = NULL;

  g_return_if_fail (AC_IS_AUDIO_CAPTURE (self));
  g_return_if_fail (recorder == NULL || AC_IS_CALL_RECORDER (recorder));

  g_mutex_lock (&self->recorder_lock);
  old = g_steal_pointer (&self->recorder);
  self->recorder = recorder != NULL ? g_object_ref (recorder) : NULL;
  g_mutex_unlock (&self->recorder_lock);
}
