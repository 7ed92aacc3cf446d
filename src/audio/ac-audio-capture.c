/* ac-audio-capture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-audio-capture"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <math.h>

#include "ac-audio-capture.h"

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
 *   looks like a live call;
 * - `gst:` followed by a GStreamer bin description with one source pad,
 *   for development and tests (e.g. `gst:audiotestsrc is-live=true`).
 */

/* The level element's interval: 50 ms gives meters that move smoothly
 * (20 updates a second) without flooding the main loop. */
#define LEVEL_INTERVAL_NS (50 * GST_MSECOND)

typedef struct
{
  AcAudioCapture *self;
  AcAudioChannel  channel;
  char           *source;
  GstElement     *pipeline;
  guint           bus_watch;
  double          level;      /* dBFS */
} Channel;

struct _AcAudioCapture
{
  GObject  parent_instance;

  Channel  channels[AC_AUDIO_N_CHANNELS];
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
channel_teardown (Channel *ch)
{
  gboolean was_running = ch->pipeline != NULL;

  g_clear_handle_id (&ch->bus_watch, g_source_remove);

  if (ch->pipeline != NULL)
    {
      gst_element_set_state (ch->pipeline, GST_STATE_NULL);
      gst_clear_object (&ch->pipeline);
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
        ch->bus_watch = 0;
        channel_fail (ch, error);
        return G_SOURCE_REMOVE;
      }

    case GST_MESSAGE_EOS:
      ch->bus_watch = 0;
      channel_teardown (ch);
      g_signal_emit (ch->self, signals[CHANNEL_ENDED], 0, ch->channel);
      return G_SOURCE_REMOVE;

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

static void
on_decoded_pad_added (GstElement *decodebin,
                      GstPad     *pad,
                      gpointer    user_data)
{
  GstElement *tail = user_data;
  g_autoptr(GstPad) sink = gst_element_get_static_pad (tail, "sink");
  g_autoptr(GstCaps) caps = gst_pad_query_caps (pad, NULL);

  /* Only the first audio stream of a file is captured. */
  if (gst_pad_is_linked (sink) || caps == NULL || gst_caps_is_empty (caps) ||
      !g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure (caps, 0)), "audio/"))
    return;

  gst_pad_link (pad, sink);
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
                     _("Invalid source “%s”: %s"), source, parse_error->message);
      return element;
    }

  if (g_str_has_prefix (source, "file:"))
    {
      if (!gst_uri_is_valid (source))
        {
          g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE,
                       _("“%s” is not a valid file address"), source);
          return NULL;
        }

      if (!(element = make_element ("uridecodebin", error)))
        return NULL;

      g_object_set (element, "uri", source, NULL);
      *is_file = TRUE;
      return element;
    }

  if (!(element = make_element ("pulsesrc", error)))
    return NULL;

  if (source[0] != '\0')
    g_object_set (element, "device", source, NULL);
  else if (ch->channel == AC_AUDIO_CHANNEL_CUSTOMER)
    g_object_set (element, "device", "@DEFAULT_MONITOR@", NULL);

  g_object_set (element, "client-name", _("Agent Console"), NULL);

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

  if (ch->pipeline != NULL)
    return TRUE;

  if (!(source = make_source (ch, &is_file, error)))
    return FALSE;

  /* A file is paced by the sink's clock so it plays like a live call; a
   * live source is paced by the device, and a synchronising sink would
   * only add latency. */
  tail_desc = g_strdup_printf ("audioconvert ! audioresample ! audio/x-raw,channels=1 ! "
                               "level name=level interval=%" G_GUINT64_FORMAT " ! "
                               "fakesink sync=%s async=false",
                               (guint64) LEVEL_INTERVAL_NS,
                               is_file ? "true" : "false");
  tail = gst_parse_bin_from_description (tail_desc, TRUE, error);
  if (tail == NULL)
    {
      gst_object_unref (gst_object_ref_sink (source));
      return FALSE;
    }

  {
    g_autoptr(GstElement) level = gst_bin_get_by_name (GST_BIN (tail), "level");
    g_autoptr(GstPad) level_sink = gst_element_get_static_pad (level, "sink");

    gst_pad_add_probe (level_sink, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                       drop_eos_before_caps, NULL, NULL);
  }

  pipeline = gst_pipeline_new (ac_audio_channel_to_label (ch->channel));
  gst_bin_add_many (GST_BIN (pipeline), source, tail, NULL);

  if (is_file)
    g_signal_connect_object (source, "pad-added", G_CALLBACK (on_decoded_pad_added), tail, 0);
  else if (!gst_element_link (source, tail))
    {
      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE,
                   _("The source “%s” gives no audio"), ch->source);
      return FALSE;
    }

  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  ch->bus_watch = gst_bus_add_watch (bus, on_bus_message, ch);
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

  return TRUE;
}

static void
ac_audio_capture_dispose (GObject *object)
{
  AcAudioCapture *self = AC_AUDIO_CAPTURE (object);

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    {
      g_clear_handle_id (&self->channels[i].bus_watch, g_source_remove);
      if (self->channels[i].pipeline != NULL)
        gst_element_set_state (self->channels[i].pipeline, GST_STATE_NULL);
      gst_clear_object (&self->channels[i].pipeline);
    }

  G_OBJECT_CLASS (ac_audio_capture_parent_class)->dispose (object);
}

static void
ac_audio_capture_finalize (GObject *object)
{
  AcAudioCapture *self = AC_AUDIO_CAPTURE (object);

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    g_free (self->channels[i].source);

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
    }
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
  gboolean was_running;

  g_return_val_if_fail (AC_IS_AUDIO_CAPTURE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  was_running = ac_audio_capture_get_running (self);

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    channel_start (&self->channels[i], &errors[i]);

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
 * ac_audio_channel_to_label:
 * @channel: an #AcAudioChannel
 *
 * Returns: (transfer none): the translated name of the side of the call,
 *   “Customer” or “Agent”
 */
const char *
ac_audio_channel_to_label (AcAudioChannel channel)
{
  switch (channel)
    {
    case AC_AUDIO_CHANNEL_CUSTOMER:
      return _("Customer");
    case AC_AUDIO_CHANNEL_AGENT:
      return _("Agent");
    default:
      g_return_val_if_reached ("?");
    }
}
