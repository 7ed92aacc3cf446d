/* ac-fallback-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-fallback-engine"

#include "config.h"

#include "ac-fallback-engine.h"

/**
 * AcFallbackEngine:
 *
 * A speech service with the on-device engine behind it: each channel is
 * heard by the service until the service fails it — the key refused, the
 * service out of reach longer than its engine waits
 * (ac_streaming_engine_set_unreachable_timeout()) — and then, for the rest
 * of the call, by the on-device engine, which first hears the audio the
 * service had not finalised, so that nothing said is lost.  The on-device
 * engine's times are moved onto the call's clock.
 * [signal@FallbackEngine::fell-back] says when and why, for the window to
 * tell the agent.  The next call starts on the service again.
 */

typedef struct
{
  gboolean falling_back;
  gint64   offset_ms;   /* the call's time of the on-device engine's 0 */
} Channel;

struct _AcFallbackEngine
{
  GObject            parent_instance;

  AcStreamingEngine *service;
  AcSpeechEngine    *on_device;
  GMutex             lock;
  Channel            channels[2];
};

static void ac_fallback_engine_speech_init (AcSpeechEngineInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcFallbackEngine, ac_fallback_engine, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AC_TYPE_SPEECH_ENGINE, ac_fallback_engine_speech_init))

enum {
  FELL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_service_hypothesis (AcSpeechEngine   *service,
                       AcUtterance      *utterance,
                       AcFallbackEngine *self)
{
  guint c = ac_utterance_get_channel (utterance);

  /* A service's late words after the switch would be heard twice. */
  if (c >= 2 || !ac_fallback_engine_is_falling_back (self, c))
    ac_speech_engine_emit_hypothesis (AC_SPEECH_ENGINE (self), utterance);
}

/* The on-device engine's hypothesis, on the call's clock. */
static void
on_device_hypothesis (AcSpeechEngine   *on_device,
                      AcUtterance      *utterance,
                      AcFallbackEngine *self)
{
  guint c = ac_utterance_get_channel (utterance);
  gint64 offset;
  g_autoptr(AcUtterance) moved = NULL;

  if (c >= 2)
    return;
  g_mutex_lock (&self->lock);
  offset = self->channels[c].offset_ms;
  g_mutex_unlock (&self->lock);

  moved = ac_utterance_new (c, ac_utterance_get_start_ms (utterance) + offset,
                            ac_utterance_get_end_ms (utterance) + offset, ac_utterance_get_text (utterance),
                            ac_utterance_get_confidence (utterance), ac_utterance_get_is_final (utterance));
  for (guint i = 0; i < ac_utterance_get_n_timed_words (utterance); i++)
    {
      const AcWord *word = ac_utterance_get_timed_word (utterance, i);

      ac_utterance_add_word (moved, word->text, word->start_ms + offset, word->end_ms + offset);
    }
  ac_speech_engine_emit_hypothesis (AC_SPEECH_ENGINE (self), moved);
}

/* The service failed the channel: the on-device engine hears it from the
 * first sample no final covers. */
static gboolean
fall_back (AcFallbackEngine  *self,
           guint              channel,
           const GError      *why,
           GError           **error)
{
  g_autoptr(GArray) unfinished = NULL;
  gint64 start_ms = 0;

  unfinished = ac_streaming_engine_dup_unfinished (self->service, channel, &start_ms);
  g_mutex_lock (&self->lock);
  self->channels[channel].falling_back = TRUE;
  self->channels[channel].offset_ms = start_ms;
  g_mutex_unlock (&self->lock);

  g_message ("Channel %u: transcribing on this computer from %" G_GINT64_FORMAT " ms: %s", channel, start_ms,
             why->message);
  g_signal_emit (self, signals[FELL_BACK], 0, channel, why->message);

  ac_speech_engine_start (self->on_device, channel);
  return unfinished->len == 0 ||
         ac_speech_engine_process (self->on_device, channel, (const gint16 *) unfinished->data, unfinished->len,
                                   error);
}

static void
engine_start (AcSpeechEngine *engine,
              guint           channel)
{
  AcFallbackEngine *self = AC_FALLBACK_ENGINE (engine);

  if (channel >= 2)
    return;
  g_mutex_lock (&self->lock);
  self->channels[channel].falling_back = FALSE;
  self->channels[channel].offset_ms = 0;
  g_mutex_unlock (&self->lock);
  ac_speech_engine_start (AC_SPEECH_ENGINE (self->service), channel);
}

static gboolean
engine_process (AcSpeechEngine  *engine,
                guint            channel,
                const gint16    *samples,
                gsize            n_samples,
                GError         **error)
{
  AcFallbackEngine *self = AC_FALLBACK_ENGINE (engine);
  g_autoptr(GError) failure = NULL;

  if (channel >= 2)
    return TRUE;
  if (!ac_fallback_engine_is_falling_back (self, channel))
    {
      if (ac_speech_engine_process (AC_SPEECH_ENGINE (self->service), channel, samples, n_samples, &failure))
        return TRUE;
      /* What the service kept, then these samples, which it refused. */
      if (!fall_back (self, channel, failure, error))
        return FALSE;
    }
  return ac_speech_engine_process (self->on_device, channel, samples, n_samples, error);
}

static gboolean
engine_finish (AcSpeechEngine  *engine,
               guint            channel,
               GError         **error)
{
  AcFallbackEngine *self = AC_FALLBACK_ENGINE (engine);
  g_autoptr(GError) failure = NULL;

  if (channel >= 2)
    return TRUE;
  if (!ac_fallback_engine_is_falling_back (self, channel))
    {
      if (ac_speech_engine_finish (AC_SPEECH_ENGINE (self->service), channel, &failure))
        return TRUE;
      if (!fall_back (self, channel, failure, error))
        return FALSE;
    }
  return ac_speech_engine_finish (self->on_device, channel, error);
}

static void
ac_fallback_engine_speech_init (AcSpeechEngineInterface *iface)
{
  iface->start = engine_start;
  iface->process = engine_process;
  iface->finish = engine_finish;
}

static void
ac_fallback_engine_dispose (GObject *object)
{
  AcFallbackEngine *self = AC_FALLBACK_ENGINE (object);

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  if (self->on_device != NULL)
    g_signal_handlers_disconnect_by_data (self->on_device, self);
  g_clear_object (&self->service);
  g_clear_object (&self->on_device);

  G_OBJECT_CLASS (ac_fallback_engine_parent_class)->dispose (object);
}

static void
ac_fallback_engine_finalize (GObject *object)
{
  g_mutex_clear (&AC_FALLBACK_ENGINE (object)->lock);

  G_OBJECT_CLASS (ac_fallback_engine_parent_class)->finalize (object);
}

static void
ac_fallback_engine_class_init (AcFallbackEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_fallback_engine_dispose;
  object_class->finalize = ac_fallback_engine_finalize;

  /**
   * AcFallbackEngine::fell-back:
   * @self: the engine
   * @channel: 0 customer, 1 agent
   * @reason: why the service cannot go on, a sentence
   *
   * The channel is heard on this computer for the rest of the call.
   * Emitted in the thread that gave the audio.
   */
  signals[FELL_BACK] =
    g_signal_new ("fell-back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
ac_fallback_engine_init (AcFallbackEngine *self)
{
  g_mutex_init (&self->lock);
}

/**
 * ac_fallback_engine_new:
 * @service: a speech service's engine
 * @on_device: the engine on this computer, with two channels
 *
 * Returns: (transfer full): an engine that hears each channel on @service
 *   while it can, then on @on_device
 */
AcSpeechEngine *
ac_fallback_engine_new (AcStreamingEngine *service,
                        AcSpeechEngine    *on_device)
{
  AcFallbackEngine *self;

  g_return_val_if_fail (AC_IS_STREAMING_ENGINE (service), NULL);
  g_return_val_if_fail (AC_IS_SPEECH_ENGINE (on_device), NULL);

  self = g_object_new (AC_TYPE_FALLBACK_ENGINE, NULL);
  self->service = g_object_ref (service);
  self->on_device = g_object_ref (on_device);
  g_signal_connect (service, "hypothesis", G_CALLBACK (on_service_hypothesis), self);
  g_signal_connect (on_device, "hypothesis", G_CALLBACK (on_device_hypothesis), self);
  return AC_SPEECH_ENGINE (self);
}

/**
 * ac_fallback_engine_is_falling_back:
 * @self: an #AcFallbackEngine
 * @channel: 0 customer, 1 agent
 *
 * Returns: whether the channel is heard on this computer now
 */
gboolean
ac_fallback_engine_is_falling_back (AcFallbackEngine *self,
                                    guint             channel)
{
  gboolean falling_back;

  g_return_val_if_fail (AC_IS_FALLBACK_ENGINE (self), FALSE);
  g_return_val_if_fail (channel < 2, FALSE);

  g_mutex_lock (&self->lock);
  falling_back = self->channels[channel].falling_back;
  g_mutex_unlock (&self->lock);
  return falling_back;
}
