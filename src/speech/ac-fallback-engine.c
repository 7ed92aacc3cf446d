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
 * (ac_streaming_engine_set_unreachable_timeout()) — and then by the
 * on-device engine, which first hears the audio the service had not
 * finalised, so that nothing said is lost.  The on-device engine's times
 * are moved onto the call's clock.
 *
 * Where the failure can pass (out of reach; a 429, after its
 * `Retry-After`), the service is tried again at the end of an on-device
 * utterance once ac_streaming_engine_get_retry_time() has come: it hears
 * from the end of that utterance, while the on-device engine goes on
 * hearing too, its hypotheses held back.  When the service's stream opens
 * the channel is the service's again and the held hypotheses are dropped
 * ([signal@FallbackEngine::returned]); if it fails again they are told and
 * the on-device engine goes on.  Either way every word is heard once.
 *
 * [signal@FallbackEngine::fell-back] says when and why, for the window to
 * tell the agent.  The next call starts on the service.
 */

typedef enum
{
  ON_SERVICE,
  ON_DEVICE,
  TRYING_SERVICE,   /* both hear; the on-device engine's words held back */
} Where;

typedef struct
{
  Where      where;
  gint64     offset_ms;     /* the call's time of the on-device engine's 0 */
  GArray    *pending;       /* gint16 the on-device engine has not finalised */
  guint64    pending_base;  /* the call's sample of pending[0] */
  gint64     retry_time;    /* monotonic µs; -1 never */
  GPtrArray *held;          /* on-device hypotheses while trying the service */
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
  RETURNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint64
ms_to_samples (gint64 ms)
{
  return (guint64) MAX (ms, 0) * AC_SPEECH_SAMPLE_RATE / 1000;
}

static Where
where_is (AcFallbackEngine *self,
          guint             channel)
{
  Where where;

  g_mutex_lock (&self->lock);
  where = self->channels[channel].where;
  g_mutex_unlock (&self->lock);
  return where;
}

static void
on_service_hypothesis (AcSpeechEngine   *service,
                       AcUtterance      *utterance,
                       AcFallbackEngine *self)
{
  guint c = ac_utterance_get_channel (utterance);

  /* A service's late words after the switch would be heard twice. */
  if (c >= 2 || where_is (self, c) == ON_SERVICE)
    ac_speech_engine_emit_hypothesis (AC_SPEECH_ENGINE (self), utterance);
}

/* The service's stream opened while it was being tried again: the channel
 * is the service's from where it was resumed (the worker's thread). */
static void
on_service_connected (AcStreamingEngine *service,
                      guint              channel,
                      AcFallbackEngine  *self)
{
  Channel *ch;

  if (channel >= 2)
    return;
  ch = &self->channels[channel];
  g_mutex_lock (&self->lock);
  if (ch->where != TRYING_SERVICE)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  ch->where = ON_SERVICE;
  g_ptr_array_set_size (ch->held, 0);
  g_array_set_size (ch->pending, 0);
  g_mutex_unlock (&self->lock);

  g_message ("Channel %u: transcribing on the speech service again", channel);
  g_signal_emit (self, signals[RETURNED], 0, channel);
}

/* Not trying the service any more: what the on-device engine heard
 * meanwhile is told after all. */
static void
give_up_trying (AcFallbackEngine *self,
                guint             channel)
{
  Channel *ch = &self->channels[channel];
  g_autoptr(GPtrArray) held = NULL;

  g_mutex_lock (&self->lock);
  if (ch->where != TRYING_SERVICE)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  ch->where = ON_DEVICE;
  ch->retry_time = ac_streaming_engine_get_retry_time (self->service, channel);
  held = g_steal_pointer (&ch->held);
  ch->held = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_unlock (&self->lock);

  g_debug ("Channel %u: the speech service is still unavailable", channel);
  for (guint i = 0; i < held->len; i++)
    ac_speech_engine_emit_hypothesis (AC_SPEECH_ENGINE (self), g_ptr_array_index (held, i));
}

/* The on-device engine's hypothesis, on the call's clock: told, held while
 * the service is tried, or dropped once the service has the channel.  At
 * the end of an on-device utterance, the service is tried again if its
 * time has come. */
static void
on_device_hypothesis (AcSpeechEngine   *on_device,
                      AcUtterance      *utterance,
                      AcFallbackEngine *self)
{
  guint c = ac_utterance_get_channel (utterance);
  Channel *ch;
  g_autoptr(AcUtterance) moved = NULL;
  g_autoptr(GArray) resume = NULL;
  gint64 resume_ms = 0;
  gboolean tell;

  if (c >= 2)
    return;
  ch = &self->channels[c];

  g_mutex_lock (&self->lock);
  moved = ac_utterance_new_moved (utterance, ch->offset_ms);

  tell = ch->where == ON_DEVICE;
  if (ch->where == TRYING_SERVICE)
    g_ptr_array_add (ch->held, g_object_ref (moved));

  if (ch->where != ON_SERVICE && ac_utterance_get_is_final (moved))
    {
      guint64 covered = ms_to_samples (ac_utterance_get_end_ms (moved));

      if (covered > ch->pending_base)
        {
          guint drop = (guint) MIN (covered - ch->pending_base, (guint64) ch->pending->len);

          g_array_remove_range (ch->pending, 0, drop);
          ch->pending_base += drop;
        }
      /* Between utterances: time to try the service again? */
      if (ch->where == ON_DEVICE && ch->retry_time > 0 && g_get_monotonic_time () >= ch->retry_time)
        {
          ch->where = TRYING_SERVICE;
          resume = g_array_sized_new (FALSE, FALSE, sizeof (gint16), ch->pending->len);
          g_array_append_vals (resume, ch->pending->data, ch->pending->len);
          resume_ms = (gint64) (ch->pending_base * 1000 / AC_SPEECH_SAMPLE_RATE);
        }
    }
  g_mutex_unlock (&self->lock);

  if (tell)
    ac_speech_engine_emit_hypothesis (AC_SPEECH_ENGINE (self), moved);
  if (resume != NULL)
    {
      g_debug ("Channel %u: trying the speech service again from %" G_GINT64_FORMAT " ms", c, resume_ms);
      ac_streaming_engine_resume (self->service, c, resume_ms, (const gint16 *) resume->data, resume->len);
    }
}

/* The service failed the channel: the on-device engine hears it from the
 * first sample no final covers. */
static gboolean
fall_back (AcFallbackEngine  *self,
           guint              channel,
           const GError      *why,
           GError           **error)
{
  Channel *ch = &self->channels[channel];
  g_autoptr(GArray) unfinished = NULL;
  gint64 start_ms = 0;

  unfinished = ac_streaming_engine_dup_unfinished (self->service, channel, &start_ms);
  ac_speech_engine_start (self->on_device, channel);
  g_mutex_lock (&self->lock);
  ch->where = ON_DEVICE;
  ch->offset_ms = start_ms;
  ch->retry_time = ac_streaming_engine_get_retry_time (self->service, channel);
  g_array_set_size (ch->pending, 0);
  g_array_append_vals (ch->pending, unfinished->data, unfinished->len);
  ch->pending_base = ms_to_samples (start_ms);
  g_ptr_array_set_size (ch->held, 0);
  g_mutex_unlock (&self->lock);

  g_message ("Channel %u: transcribing on this computer from %" G_GINT64_FORMAT " ms: %s", channel, start_ms,
             why->message);
  g_signal_emit (self, signals[FELL_BACK], 0, channel, why->message);

  return unfinished->len == 0 ||
         ac_speech_engine_process (self->on_device, channel, (const gint16 *) unfinished->data, unfinished->len,
                                   error);
}

static void
engine_start (AcSpeechEngine *engine,
              guint           channel)
{
  AcFallbackEngine *self = AC_FALLBACK_ENGINE (engine);
  Channel *ch;

  if (channel >= 2)
    return;
  ch = &self->channels[channel];
  g_mutex_lock (&self->lock);
  ch->where = ON_SERVICE;
  ch->offset_ms = 0;
  ch->retry_time = 0;
  g_array_set_size (ch->pending, 0);
  ch->pending_base = 0;
  g_ptr_array_set_size (ch->held, 0);
  g_mutex_unlock (&self->lock);
  ac_speech_engine_start (AC_SPEECH_ENGINE (self->service), channel);
}

/* The on-device engine hears @samples, kept until it finalises them. */
static gboolean
hear_on_device (AcFallbackEngine  *self,
                guint              channel,
                const gint16      *samples,
                gsize              n_samples,
                GError           **error)
{
  g_mutex_lock (&self->lock);
  g_array_append_vals (self->channels[channel].pending, samples, n_samples);
  g_mutex_unlock (&self->lock);
  return ac_speech_engine_process (self->on_device, channel, samples, n_samples, error);
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

  switch (where_is (self, channel))
    {
    case ON_SERVICE:
      if (ac_speech_engine_process (AC_SPEECH_ENGINE (self->service), channel, samples, n_samples, &failure))
        return TRUE;
      /* What the service kept, then these samples, which it refused. */
      if (!fall_back (self, channel, failure, error))
        return FALSE;
      break;

    case TRYING_SERVICE:
      if (!ac_speech_engine_process (AC_SPEECH_ENGINE (self->service), channel, samples, n_samples, &failure))
        give_up_trying (self, channel);
      break;

    case ON_DEVICE:
    default:
      break;
    }
  return hear_on_device (self, channel, samples, n_samples, error);
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

  switch (where_is (self, channel))
    {
    case ON_SERVICE:
      if (ac_speech_engine_finish (AC_SPEECH_ENGINE (self->service), channel, &failure))
        return TRUE;
      if (!fall_back (self, channel, failure, error))
        return FALSE;
      break;

    case TRYING_SERVICE:
      /* The service's last words if it took the channel; else the held
       * ones, and the on-device engine's last. */
      if (ac_speech_engine_finish (AC_SPEECH_ENGINE (self->service), channel, &failure) &&
          where_is (self, channel) == ON_SERVICE)
        return TRUE;
      g_mutex_lock (&self->lock);
      self->channels[channel].retry_time = -1;
      g_mutex_unlock (&self->lock);
      give_up_trying (self, channel);
      break;

    case ON_DEVICE:
    default:
      break;
    }
  return ac_speech_engine_finish (self->on_device, channel, error);
}

static void
engine_hold (AcSpeechEngine *engine,
             guint           channel)
{
  AcFallbackEngine *self = AC_FALLBACK_ENGINE (engine);

  if (channel >= 2)
    return;
  if (where_is (self, channel) != ON_DEVICE)
    ac_speech_engine_hold (AC_SPEECH_ENGINE (self->service), channel);
  if (where_is (self, channel) != ON_SERVICE)
    ac_speech_engine_hold (self->on_device, channel);
}

static gboolean
engine_set_language (AcSpeechEngine  *engine,
                     const char      *language,
                     GError         **error)
{
  AcFallbackEngine *self = AC_FALLBACK_ENGINE (engine);

  /* The on-device engine hears what it can; the service decides. */
  ac_speech_engine_set_language (self->on_device, language, NULL);
  return ac_speech_engine_set_language (AC_SPEECH_ENGINE (self->service), language, error);
}

static void
ac_fallback_engine_speech_init (AcSpeechEngineInterface *iface)
{
  iface->start = engine_start;
  iface->process = engine_process;
  iface->finish = engine_finish;
  iface->set_language = engine_set_language;
  iface->hold = engine_hold;
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
  AcFallbackEngine *self = AC_FALLBACK_ENGINE (object);

  for (guint c = 0; c < 2; c++)
    {
      g_array_unref (self->channels[c].pending);
      g_ptr_array_unref (self->channels[c].held);
    }
  g_mutex_clear (&self->lock);

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

  /**
   * AcFallbackEngine::returned:
   * @self: the engine
   * @channel: 0 customer, 1 agent
   *
   * The service hears the channel again, from the end of the last
   * utterance heard on this computer.  Emitted on the service's worker
   * thread.
   */
  signals[RETURNED] =
    g_signal_new ("returned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ac_fallback_engine_init (AcFallbackEngine *self)
{
  g_mutex_init (&self->lock);
  for (guint c = 0; c < 2; c++)
    {
      self->channels[c].pending = g_array_new (FALSE, FALSE, sizeof (gint16));
      self->channels[c].held = g_ptr_array_new_with_free_func (g_object_unref);
    }
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
  g_signal_connect (service, "connected", G_CALLBACK (on_service_connected), self);
  g_signal_connect (on_device, "hypothesis", G_CALLBACK (on_device_hypothesis), self);
  return AC_SPEECH_ENGINE (self);
}

/**
 * ac_fallback_engine_is_falling_back:
 * @self: an #AcFallbackEngine
 * @channel: 0 customer, 1 agent
 *
 * Returns: whether the channel is heard on this computer now (the service
 *   may be being tried again)
 */
gboolean
ac_fallback_engine_is_falling_back (AcFallbackEngine *self,
                                    guint             channel)
{
  g_return_val_if_fail (AC_IS_FALLBACK_ENGINE (self), FALSE);
  g_return_val_if_fail (channel < 2, FALSE);

  return where_is (self, channel) != ON_SERVICE;
}
