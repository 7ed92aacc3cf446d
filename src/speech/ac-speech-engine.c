/* ac-speech-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-speech-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-speech-engine.h"

/**
 * AcSpeechEngine:
 *
 * What every speech engine does, so that engines are interchangeable: it
 * is given each channel's audio as it arrives — 16-bit mono at
 * [const@SPEECH_SAMPLE_RATE], channel 0 the customer and 1 the agent, time
 * counted from the first sample given since ac_speech_engine_start() — and
 * it emits
 * [signal@SpeechEngine::hypothesis] for each partial and final hypothesis.
 *
 * Channels are independent: an engine keeps one decoder per channel, and
 * ac_speech_engine_process() may be called for different channels from
 * different threads at once, but for one channel from one thread at a
 * time.  Hypotheses are emitted in the thread that gave the audio; whoever
 * shows them moves them to the main loop.
 */

G_DEFINE_INTERFACE (AcSpeechEngine, ac_speech_engine, G_TYPE_OBJECT)
G_DEFINE_QUARK (ac-speech-error-quark, ac_speech_error)

enum {
  HYPOTHESIS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ac_speech_engine_default_init (AcSpeechEngineInterface *iface)
{
  /**
   * AcSpeechEngine::hypothesis:
   * @self: the engine
   * @utterance: (transfer none): a partial or final hypothesis
   *
   * A partial hypothesis replaces the channel's previous partial; a final
   * one replaces the channel's partial and closes the utterance.
   */
  signals[HYPOTHESIS] =
    g_signal_new ("hypothesis",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AC_TYPE_UTTERANCE);
}

/**
 * ac_speech_engine_start:
 * @self: a #AcSpeechEngine
 * @channel: 0 customer, 1 agent
 *
 * Starts a new stream on the channel, for a new call: whatever the channel
 * was still hearing is dropped without a final hypothesis, and time counts
 * from 0 again at the next sample given.  A channel the engine has no
 * decoder for is ignored.
 */
void
ac_speech_engine_start (AcSpeechEngine *self,
                        guint           channel)
{
  g_return_if_fail (AC_IS_SPEECH_ENGINE (self));

  AC_SPEECH_ENGINE_GET_IFACE (self)->start (self, channel);
}

/**
 * ac_speech_engine_process:
 * @self: a #AcSpeechEngine
 * @channel: 0 customer, 1 agent
 * @samples: (array length=n_samples): signed 16-bit mono samples at
 *   [const@SPEECH_SAMPLE_RATE]
 * @n_samples: how many
 * @error: return location for an error
 *
 * Gives the engine the next stretch of a channel's audio.  Hypotheses it
 * produces are emitted before this returns.
 *
 * Returns: %TRUE on success; %FALSE with an %AC_SPEECH_ERROR
 */
gboolean
ac_speech_engine_process (AcSpeechEngine  *self,
                          guint            channel,
                          const gint16    *samples,
                          gsize            n_samples,
                          GError         **error)
{
  g_return_val_if_fail (AC_IS_SPEECH_ENGINE (self), FALSE);
  g_return_val_if_fail (samples != NULL || n_samples == 0, FALSE);

  return AC_SPEECH_ENGINE_GET_IFACE (self)->process (self, channel, samples, n_samples, error);
}

/**
 * ac_speech_engine_finish:
 * @self: a #AcSpeechEngine
 * @channel: 0 customer, 1 agent
 * @error: return location for an error
 *
 * The channel's audio has ended: the engine emits the final hypothesis of
 * any utterance still open.  A service may make this wait for its last
 * words (see [class@StreamingEngine]).
 *
 * Returns: %TRUE; %FALSE with an %AC_SPEECH_ERROR if the channel failed
 *   (a service that refused the key, say) since its last
 *   ac_speech_engine_process()
 */
gboolean
ac_speech_engine_finish (AcSpeechEngine  *self,
                         guint            channel,
                         GError         **error)
{
  g_return_val_if_fail (AC_IS_SPEECH_ENGINE (self), FALSE);

  return AC_SPEECH_ENGINE_GET_IFACE (self)->finish (self, channel, error);
}

/**
 * ac_speech_engine_hold:
 * @self: a #AcSpeechEngine
 * @channel: 0 customer, 1 agent
 *
 * No audio will come on the channel for a while (the call is on hold):
 * the engine finalises what it has heard rather than wait for more — the
 * on-device engine ends its utterance, Deepgram is sent `Finalize` — and
 * keeps the stream; the next ac_speech_engine_process() goes on with it.
 * Engines that cannot do more ignore it.
 */
void
ac_speech_engine_hold (AcSpeechEngine *self,
                       guint           channel)
{
  AcSpeechEngineInterface *iface;

  g_return_if_fail (AC_IS_SPEECH_ENGINE (self));

  iface = AC_SPEECH_ENGINE_GET_IFACE (self);
  if (iface->hold != NULL)
    iface->hold (self, channel);
}

/**
 * ac_speech_engine_set_language:
 * @self: a #AcSpeechEngine
 * @language: (nullable): the language the next words will be in, a BCP 47
 *   tag such as `es` or `en-US` (a customer's `preferred_language`); %NULL
 *   or empty for the engine's default
 * @error: return location for an %AC_SPEECH_ERROR_LANGUAGE
 *
 * Asks the engine to transcribe in @language from now on, on both
 * channels: a service reconnects with it (the audio no final covers is
 * heard again in the new language, so nothing is lost).  An engine with
 * one language (the one on this computer, a speech server whose model is
 * chosen where it runs) keeps its own and says so.
 *
 * Returns: whether the engine transcribes @language now; %FALSE with an
 *   error that says in words what it transcribes instead
 */
gboolean
ac_speech_engine_set_language (AcSpeechEngine  *self,
                               const char      *language,
                               GError         **error)
{
  AcSpeechEngineInterface *iface;

  g_return_val_if_fail (AC_IS_SPEECH_ENGINE (self), FALSE);

  iface = AC_SPEECH_ENGINE_GET_IFACE (self);
  if (iface->set_language != NULL)
    return iface->set_language (self, language, error);
  if (language == NULL || language[0] == '\0')
    return TRUE;
  g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_LANGUAGE,
               _("The speech engine cannot change its language to “%s”"), language);
  return FALSE;
}

/**
 * ac_speech_engine_emit_hypothesis:
 * @self: a #AcSpeechEngine
 * @utterance: the hypothesis
 *
 * For engines: emits [signal@SpeechEngine::hypothesis].
 */
void
ac_speech_engine_emit_hypothesis (AcSpeechEngine *self,
                                  AcUtterance    *utterance)
{
  g_return_if_fail (AC_IS_SPEECH_ENGINE (self));
  g_return_if_fail (AC_IS_UTTERANCE (utterance));

  g_signal_emit (self, signals[HYPOTHESIS], 0, utterance);
}
