/* ac-transcriber.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-transcriber"

#include "config.h"

#include "ac-transcriber.h"

/**
 * AcTranscriber:
 *
 * Connects the call audio to a speech engine and the engine to the call's
 * transcript: each channel of an [class@AudioCapture] goes to the
 * engine's decoder of the same number, and every hypothesis the engine
 * emits — in a streaming thread — is handed over to the transcriber's
 * main context, in order, and added to the [class@Transcript].
 *
 * When the capture plays at real-time pace, time in the transcript is
 * time since ac_transcriber_begin_call(): a channel that starts late (a
 * device that takes a second to deliver, or a replacement device chosen
 * after a failure) is given silence for the time it missed, so that both
 * speakers stay on one clock.  Read as fast as possible, time is the
 * position in the recording.
 *
 * On hold (ac_transcriber_set_on_hold()) the engine hears nothing — hold
 * music, the agent's words to a colleague — and is asked to finalise what
 * it heard (ac_speech_engine_hold()); the call's clock goes on, so
 * hypotheses after the hold are moved by the time it lasted.
 */

/* A channel that starts less than this late is not padded: devices
 * deliver in blocks of tens of milliseconds. */
#define MAX_LATE_MS 300

typedef enum
{
  ITEM_HYPOTHESIS,
  ITEM_CHANNEL_DONE,
  ITEM_ERROR,
} ItemKind;

typedef struct
{
  ItemKind     kind;
  guint        channel;
  AcUtterance *utterance;
  GError      *error;
} Item;

typedef struct
{
  gboolean running;     /* streaming thread only */
  gboolean failed;      /* streaming thread only */
  guint64  n_fed;       /* samples given to the engine this call */
  guint64  n_held;      /* samples not given while on hold, this call */
  gboolean held;        /* streaming thread only: the engine was told */
  gboolean done;        /* main thread: the last run ended */
} ChannelState;

/* From the engine's time @from_ms on, hypotheses are @shift_ms later on
 * the call's clock (every hold before, added up). */
typedef struct
{
  gint64 from_ms;
  gint64 shift_ms;
} Shift;

struct _AcTranscriber
{
  GObject         parent_instance;

  AcAudioCapture *capture;
  AcSpeechEngine *engine;
  AcTranscript   *transcript;
  AcRedactor     *redactor;       /* main thread */
  AcSentimentModel sentiment_model;  /* what finals are scored with */
  GMainContext   *context;

  gint64          call_start_us;  /* monotonic */
  ChannelState    channels[AC_AUDIO_N_CHANNELS];
  gint            on_hold;        /* atomic */
  GArray         *shifts[AC_AUDIO_N_CHANNELS];   /* Shift, under lock */

  GMutex          lock;
  GQueue          pending;        /* Item, under lock */
  GSource        *idle;           /* under lock */
};

G_DEFINE_FINAL_TYPE (AcTranscriber, ac_transcriber, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_ENGINE,
  PROP_TRANSCRIPT,
  N_PROPS
};

enum {
  CHANNEL_DONE,
  ERROR,
  DIGITS,
  N_SIGNALS
};

/* A run of this many digits, masked or not, may be a card being read. */
#define CARD_LIKE_DIGITS 8

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->utterance);
  g_clear_error (&item->error);
  g_free (item);
}

/* Tells whoever records the call that digits were read, and whether they
 * may be card details: a card, its code or expiry date was masked, or a run
 * long enough to be a card not yet complete. */
static void
report_digits (AcTranscriber *self,
               AcUtterance   *redacted)
{
  const AcRedactionSpan *spans;
  gboolean card = FALSE;
  gint64 start, end;
  guint n, n_spans;

  if (!ac_redactor_get_digit_run (self->redactor, &start, &end, &n) || n < 3)
    return;

  spans = ac_utterance_get_redactions (redacted, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    card |= spans[i].category == AC_REDACTION_CARD || spans[i].category == AC_REDACTION_SECURITY_CODE ||
            spans[i].category == AC_REDACTION_EXPIRY_DATE;
  card |= n >= CARD_LIKE_DIGITS;

  /* Without the words' own times the run is somewhere in the utterance:
   * from its start, so nothing of it is missed. */
  if (ac_utterance_get_n_timed_words (redacted) == 0)
    start = ac_utterance_get_start_ms (redacted);

  g_signal_emit (self, signals[DIGITS], 0, start, MAX (end, start), card);
}

static gboolean
dispatch_pending (gpointer user_data)
{
  AcTranscriber *self = user_data;
  GQueue items = G_QUEUE_INIT;

  g_mutex_lock (&self->lock);
  items = self->pending;
  g_queue_init (&self->pending);
  g_clear_pointer (&self->idle, g_source_unref);
  g_mutex_unlock (&self->lock);

  g_object_ref (self);

  for (GList *l = items.head; l != NULL; l = l->next)
    {
      Item *item = l->data;

      switch (item->kind)
        {
        case ITEM_HYPOTHESIS:
          {
            /* Masked before anything sees it, then delivered analysed:
             * the transcript and what observes it see each final masked,
             * with its sentiment. */
            g_autoptr(AcUtterance) redacted = ac_utterance_new_redacted (item->utterance, self->redactor);

            g_clear_object (&item->utterance);
            report_digits (self, redacted);
            ac_utterance_analyze (redacted, self->sentiment_model);
            ac_transcript_add (self->transcript, redacted);
          }
          break;

        case ITEM_CHANNEL_DONE:
          self->channels[item->channel].done = TRUE;
          g_signal_emit (self, signals[CHANNEL_DONE], 0, item->channel);
          break;

        case ITEM_ERROR:
          g_signal_emit (self, signals[ERROR], 0, item->channel, item->error);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_queue_clear_full (&items, item_free);
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

/* Any thread.  One idle source carries everything queued until it runs, so
 * the order items were queued in is the order they are handled in. */
static void
push_item (AcTranscriber *self,
           Item          *item)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  g_queue_push_tail (&self->pending, item);

  if (self->idle == NULL)
    {
      self->idle = g_idle_source_new ();
      g_source_set_priority (self->idle, G_PRIORITY_DEFAULT);
      /* No reference: dispose stops the capture, so nothing is queued
       * after it, and destroys this source. */
      g_source_set_callback (self->idle, dispatch_pending, self, NULL);
      g_source_set_static_name (self->idle, "[agent-console] transcript hypotheses");
      g_source_attach (self->idle, self->context);
    }
}

static void
on_hypothesis (AcSpeechEngine *engine,
               AcUtterance    *utterance,
               gpointer        user_data)
{
  AcTranscriber *self = user_data;
  Item *item = g_new0 (Item, 1);
  guint channel = ac_utterance_get_channel (utterance);
  gint64 shift = 0;

  if (channel < AC_AUDIO_N_CHANNELS)
    {
      g_mutex_lock (&self->lock);
      for (guint i = 0; i < self->shifts[channel]->len; i++)
        {
          Shift *s = &g_array_index (self->shifts[channel], Shift, i);

          if (s->from_ms <= ac_utterance_get_start_ms (utterance))
            shift = s->shift_ms;
        }
      g_mutex_unlock (&self->lock);
    }

  item->kind = ITEM_HYPOTHESIS;
  item->channel = channel;
  item->utterance = shift != 0 ? ac_utterance_new_moved (utterance, shift) : g_object_ref (utterance);
  push_item (self, item);
}

static void
feed (AcTranscriber *self,
      AcAudioChannel channel,
      const gint16  *samples,
      gsize          n_samples)
{
  ChannelState *cs = &self->channels[channel];
  g_autoptr(GError) error = NULL;

  if (cs->failed)
    return;

  if (!ac_speech_engine_process (self->engine, channel, samples, n_samples, &error))
    {
      Item *item = g_new0 (Item, 1);

      /* Once per run: the engine is not fed again until the channel
       * restarts. */
      cs->failed = TRUE;
      item->kind = ITEM_ERROR;
      item->channel = channel;
      item->error = g_steal_pointer (&error);
      push_item (self, item);
      return;
    }

  cs->n_fed += n_samples;
}

/* Silence for the time a channel missed, so both stay on the call's clock. */
static void
catch_up (AcTranscriber  *self,
          AcAudioChannel  channel)
{
  static const gint16 silence[AC_AUDIO_CAPTURE_RATE / 10] = { 0, };
  ChannelState *cs = &self->channels[channel];
  gint64 elapsed_us = g_get_monotonic_time () - self->call_start_us;
  guint64 expected = (guint64) MAX (elapsed_us, 0) * AC_AUDIO_CAPTURE_RATE / G_USEC_PER_SEC;

  if (expected <= cs->n_fed + cs->n_held + (guint64) MAX_LATE_MS * AC_AUDIO_CAPTURE_RATE / 1000)
    return;

  while (cs->n_fed + cs->n_held < expected && !cs->failed)
    feed (self, channel, silence, MIN (G_N_ELEMENTS (silence), expected - cs->n_fed - cs->n_held));
}

static void
on_audio (AcAudioChannel  channel,
          const gint16   *samples,
          gsize           n_samples,
          gpointer        user_data)
{
  AcTranscriber *self = user_data;
  ChannelState *cs = &self->channels[channel];

  if (samples == NULL)
    {
      Item *item = g_new0 (Item, 1);

      if (cs->running && !cs->failed)
        {
          g_autoptr(GError) error = NULL;

          if (!ac_speech_engine_finish (self->engine, channel, &error))
            {
              Item *failed = g_new0 (Item, 1);

              cs->failed = TRUE;
              failed->kind = ITEM_ERROR;
              failed->channel = channel;
              failed->error = g_steal_pointer (&error);
              push_item (self, failed);
            }
        }

      cs->running = FALSE;
      item->kind = ITEM_CHANNEL_DONE;
      item->channel = channel;
      push_item (self, item);
      return;
    }

  if (!cs->running)
    {
      cs->running = TRUE;
      cs->failed = FALSE;
      if (ac_audio_capture_get_paced (self->capture))
        catch_up (self, channel);
    }

  /* On hold: the engine finalises what it heard, then hears nothing. */
  if (g_atomic_int_get (&self->on_hold))
    {
      if (!cs->held && !cs->failed)
        ac_speech_engine_hold (self->engine, channel);
      cs->held = TRUE;
      cs->n_held += n_samples;
      return;
    }
  if (cs->held)
    {
      Shift shift = { (gint64) (cs->n_fed * 1000 / AC_AUDIO_CAPTURE_RATE),
                      (gint64) (cs->n_held * 1000 / AC_AUDIO_CAPTURE_RATE) };

      g_mutex_lock (&self->lock);
      g_array_append_val (self->shifts[channel], shift);
      g_mutex_unlock (&self->lock);
      cs->held = FALSE;
    }

  feed (self, channel, samples, n_samples);
}

static void
on_capture_running_changed (AcTranscriber  *self,
                            GParamSpec     *pspec,
                            AcAudioCapture *capture)
{
  /* A channel (re)starting is not done any more. */
  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    if (ac_audio_capture_is_channel_running (capture, i))
      self->channels[i].done = FALSE;
}

static void
ac_transcriber_constructed (GObject *object)
{
  AcTranscriber *self = AC_TRANSCRIBER (object);

  G_OBJECT_CLASS (ac_transcriber_parent_class)->constructed (object);

  g_assert (AC_IS_AUDIO_CAPTURE (self->capture));
  g_assert (AC_IS_SPEECH_ENGINE (self->engine));

  if (self->transcript == NULL)
    self->transcript = ac_transcript_new ();

  ac_audio_capture_set_audio_func (self->capture, on_audio, self, NULL);
  g_signal_connect_object (self->engine, "hypothesis", G_CALLBACK (on_hypothesis), self, 0);
  g_signal_connect_object (self->capture, "notify::running",
                           G_CALLBACK (on_capture_running_changed), self,
                           G_CONNECT_SWAPPED);

  self->call_start_us = g_get_monotonic_time ();
}

static void
ac_transcriber_dispose (GObject *object)
{
  AcTranscriber *self = AC_TRANSCRIBER (object);

  if (self->capture != NULL)
    {
      /* Stop the streaming threads before they lose their receiver. */
      ac_audio_capture_stop (self->capture);
      ac_audio_capture_set_audio_func (self->capture, NULL, NULL, NULL);
      g_clear_object (&self->capture);
    }

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_clear_object (&self->engine);
    }

  g_mutex_lock (&self->lock);
  if (self->idle != NULL)
    {
      g_source_destroy (self->idle);
      g_clear_pointer (&self->idle, g_source_unref);
    }
  g_queue_clear_full (&self->pending, item_free);
  g_mutex_unlock (&self->lock);

  g_clear_object (&self->transcript);
  g_clear_object (&self->redactor);

  G_OBJECT_CLASS (ac_transcriber_parent_class)->dispose (object);
}

static void
ac_transcriber_finalize (GObject *object)
{
  AcTranscriber *self = AC_TRANSCRIBER (object);

  g_mutex_clear (&self->lock);
  g_main_context_unref (self->context);
  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    g_array_unref (self->shifts[i]);

  G_OBJECT_CLASS (ac_transcriber_parent_class)->finalize (object);
}

static void
ac_transcriber_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AcTranscriber *self = AC_TRANSCRIBER (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_TRANSCRIPT:
      g_value_set_object (value, self->transcript);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_transcriber_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AcTranscriber *self = AC_TRANSCRIBER (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;

    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;

    case PROP_TRANSCRIPT:
      self->transcript = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_transcriber_class_init (AcTranscriberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ac_transcriber_constructed;
  object_class->dispose = ac_transcriber_dispose;
  object_class->finalize = ac_transcriber_finalize;
  object_class->get_property = ac_transcriber_get_property;
  object_class->set_property = ac_transcriber_set_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, AC_TYPE_AUDIO_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, AC_TYPE_SPEECH_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TRANSCRIPT] =
    g_param_spec_object ("transcript", NULL, NULL, AC_TYPE_TRANSCRIPT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcTranscriber::channel-done:
   * @self: the transcriber
   * @channel: the #AcAudioChannel
   *
   * A channel's run ended (end of file, stop or failure) and its last
   * final hypothesis is in the transcript.
   */
  signals[CHANNEL_DONE] =
    g_signal_new ("channel-done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * AcTranscriber::error:
   * @self: the transcriber
   * @channel: the #AcAudioChannel
   * @error: (transfer none): an %AC_SPEECH_ERROR
   *
   * The engine failed on a channel.  That channel is not transcribed until
   * it restarts; the transcript so far is kept.
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_ERROR);

  /**
   * AcTranscriber::digits:
   * @self: the transcriber
   * @start_ms: when the digits started, in ms on the call's clock (the
   *   utterance's start when the engine gave no word times)
   * @end_ms: when they ended, in ms
   * @card: whether they may be card details: a card number (whole or in
   *   part), its security code or expiry date, or a run of 8 or more
   *   digits
   *
   * A hypothesis, partial or final, read out three or more digits.  The
   * call's recorder leaves card details out of the recording from here.
   */
  signals[DIGITS] =
    g_signal_new ("digits",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_BOOLEAN);
}

static void
ac_transcriber_init (AcTranscriber *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    self->shifts[i] = g_array_new (FALSE, FALSE, sizeof (Shift));
  self->redactor = ac_redactor_new ();
}

/**
 * ac_transcriber_new:
 * @capture: the call audio
 * @engine: the speech engine, with a decoder per channel of @capture
 * @transcript: (nullable): where hypotheses go; %NULL for a new transcript
 *
 * Connects @capture to @engine and @engine to @transcript.  The
 * transcriber takes over @capture's audio function.  Hypotheses are added
 * to the transcript in the thread-default main context of the caller.
 *
 * Returns: (transfer full): a new #AcTranscriber
 */
AcTranscriber *
ac_transcriber_new (AcAudioCapture *capture,
                    AcSpeechEngine *engine,
                    AcTranscript   *transcript)
{
  g_return_val_if_fail (AC_IS_AUDIO_CAPTURE (capture), NULL);
  g_return_val_if_fail (AC_IS_SPEECH_ENGINE (engine), NULL);
  g_return_val_if_fail (transcript == NULL || AC_IS_TRANSCRIPT (transcript), NULL);

  return g_object_new (AC_TYPE_TRANSCRIBER,
                       "capture", capture,
                       "engine", engine,
                       "transcript", transcript,
                       NULL);
}

/**
 * ac_transcriber_begin_call:
 * @self: a #AcTranscriber
 *
 * Starts a new call: empties the transcript, starts a new stream on each
 * of the engine's decoders, and sets the call's clock to 0.  Call it
 * while the capture is stopped, just before starting it.
 */
void
ac_transcriber_begin_call (AcTranscriber *self)
{
  g_return_if_fail (AC_IS_TRANSCRIBER (self));
  g_return_if_fail (!ac_audio_capture_get_running (self->capture));

  /* Hypotheses of the previous call still queued belong to it. */
  g_mutex_lock (&self->lock);
  g_queue_clear_full (&self->pending, item_free);
  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    g_array_set_size (self->shifts[i], 0);
  g_mutex_unlock (&self->lock);
  g_atomic_int_set (&self->on_hold, FALSE);

  ac_transcript_clear (self->transcript);
  ac_redactor_reset (self->redactor);

  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    {
      ac_speech_engine_start (self->engine, i);
      self->channels[i] = (ChannelState) { 0, };
    }

  self->call_start_us = g_get_monotonic_time ();
}

/**
 * ac_transcriber_get_transcript:
 * @self: a #AcTranscriber
 *
 * Returns: (transfer none): the transcript
 */
AcTranscript *
ac_transcriber_get_transcript (AcTranscriber *self)
{
  g_return_val_if_fail (AC_IS_TRANSCRIBER (self), NULL);

  return self->transcript;
}

/**
 * ac_transcriber_get_engine:
 * @self: a #AcTranscriber
 *
 * Returns: (transfer none): the speech engine
 */
AcSpeechEngine *
ac_transcriber_get_engine (AcTranscriber *self)
{
  g_return_val_if_fail (AC_IS_TRANSCRIBER (self), NULL);

  return self->engine;
}

/**
 * ac_transcriber_is_channel_done:
 * @self: a #AcTranscriber
 * @channel: an #AcAudioChannel
 *
 * Returns: whether the channel's last run has ended and all its
 *   hypotheses are in the transcript
 */
gboolean
ac_transcriber_is_channel_done (AcTranscriber  *self,
                                AcAudioChannel  channel)
{
  g_return_val_if_fail (AC_IS_TRANSCRIBER (self), FALSE);
  g_return_val_if_fail (channel < AC_AUDIO_N_CHANNELS, FALSE);

  return self->channels[channel].done;
}

/**
 * ac_transcriber_set_sentiment_model:
 * @self: an #AcTranscriber
 * @model: the model final utterances are scored with from now on (the
 *   contact-center model by default)
 */
void
ac_transcriber_set_sentiment_model (AcTranscriber    *self,
                                    AcSentimentModel  model)
{
  g_return_if_fail (AC_IS_TRANSCRIBER (self));

  self->sentiment_model = model;
}

/**
 * ac_transcriber_set_transcript:
 * @self: an #AcTranscriber
 * @transcript: the transcript the next call is heard into (each call has
 *   its own, see #AcCallSession)
 *
 * Every hypothesis dispatched from now on goes to @transcript; call
 * ac_transcriber_begin_call() next to start the call's clock.
 */
void
ac_transcriber_set_transcript (AcTranscriber *self,
                               AcTranscript  *transcript)
{
  g_return_if_fail (AC_IS_TRANSCRIBER (self));
  g_return_if_fail (AC_IS_TRANSCRIPT (transcript));

  g_set_object (&self->transcript, transcript);
}

/**
 * ac_transcriber_set_on_hold:
 * @self: a #AcTranscriber
 * @on_hold: whether the call is on hold
 *
 * Puts the call on hold or takes it off: on hold, the engine is asked to
 * finalise what it heard (ac_speech_engine_hold()) and is given nothing
 * until the call is taken off hold; what is said after is put on the
 * call's clock, which went on.  A new call (ac_transcriber_begin_call())
 * is not on hold.
 */
void
ac_transcriber_set_on_hold (AcTranscriber *self,
                            gboolean       on_hold)
{
  g_return_if_fail (AC_IS_TRANSCRIBER (self));

  g_atomic_int_set (&self->on_hold, !!on_hold);
}

/**
 * ac_transcriber_get_on_hold:
 * @self: a #AcTranscriber
 *
 * Returns: whether the call is on hold
 */
gboolean
ac_transcriber_get_on_hold (AcTranscriber *self)
{
  g_return_val_if_fail (AC_IS_TRANSCRIBER (self), FALSE);

  return g_atomic_int_get (&self->on_hold);
}

/**
 * ac_transcriber_get_redactor:
 * @self: a #AcTranscriber
 *
 * The redactor every hypothesis goes through before the transcript sees
 * it; set its categories with ac_settings_apply_redaction().
 *
 * Returns: (transfer none): the redactor
 */
AcRedactor *
ac_transcriber_get_redactor (AcTranscriber *self)
{
  g_return_val_if_fail (AC_IS_TRANSCRIBER (self), NULL);

  return self->redactor;
}
