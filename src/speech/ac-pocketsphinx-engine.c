/* ac-pocketsphinx-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-pocketsphinx-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <pocketsphinx.h>

#include "ac-pocketsphinx-engine.h"

/**
 * AcPocketsphinxEngine:
 *
 * The embedded speech engine: CMU PocketSphinx 0.8 (Debian's
 * `pocketsphinx`) with its US English model (`pocketsphinx-en-us`), one
 * decoder per channel, entirely on this computer.
 *
 * Utterances are cut by the decoder's own voice activity detection: while
 * it hears speech, each change of the best hypothesis is a partial; when
 * it hears silence again, the utterance ends with a final.
 *
 * Times come from the decoder's word segmentation: its frame numbers
 * (10 ms each) count every frame since the decoder started, silence the
 * voice activity detection dropped included, so a word's frame is its
 * place in the call.  (Measured on Debian's 0.8+5prealpha: a sentence
 * after 8.6 s of audio starts at frame 873.)
 *
 * Confidence: a final's is the mean of its words' posterior probabilities
 * from the decoder's word lattice (`ps_seg_prob()`, converted from the
 * log domain with `logmath_exp()`), so 0..1.  Partials have no lattice
 * yet: their confidence is 0.
 *
 * The model folder is Debian's (`modeldir` of `pocketsphinx.pc`); the
 * environment variable `AC_POCKETSPHINX_MODEL_DIR` overrides it.
 */

#define FRAME_MS 10  /* PocketSphinx's default -frate is 100 frames/s */

typedef struct
{
  ps_decoder_t *ps;
  GMutex        lock;
  gboolean      in_speech;
  char         *last_partial;
} Decoder;

struct _AcPocketsphinxEngine
{
  GObject  parent_instance;

  guint    n_channels;
  Decoder *decoders;
};

static void speech_engine_iface_init (AcSpeechEngineInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcPocketsphinxEngine, ac_pocketsphinx_engine, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AC_TYPE_SPEECH_ENGINE, speech_engine_iface_init))

static const char *
model_dir (void)
{
  const char *dir = g_getenv ("AC_POCKETSPHINX_MODEL_DIR");

  return dir != NULL && dir[0] != '\0' ? dir : POCKETSPHINX_MODEL_DIR;
}

static gboolean
is_filler (const char *word)
{
  return word[0] == '<' || word[0] == '[' || word[0] == '+';
}

/* Alternative pronunciations come as “word(2)”. */
static char *
clean_word (const char *word)
{
  const char *paren = strchr (word, '(');

  return paren != NULL ? g_strndup (word, paren - word) : g_strdup (word);
}

static gint64
frame_to_ms (int frame)
{
  return (gint64) frame * FRAME_MS;
}

/* Builds the utterance from the decoder's current best path. */
static AcUtterance *
make_utterance (guint     channel,
                Decoder  *d,
                gboolean  is_final)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  logmath_t *lmath = ps_get_logmath (d->ps);
  double posterior_sum = 0.0;
  AcUtterance *utterance;
  gint64 start, end;

  for (ps_seg_t *seg = ps_seg_iter (d->ps); seg != NULL; seg = ps_seg_next (seg))
    {
      const char *word = ps_seg_word (seg);
      int sf, ef;
      gint64 ms;
      int32 ascr, lscr, lback;

      if (word == NULL || is_filler (word))
        continue;

      ps_seg_frames (seg, &sf, &ef);
      g_ptr_array_add (words, clean_word (word));
      ms = frame_to_ms (sf);
      g_array_append_val (starts, ms);
      ms = frame_to_ms (ef + 1);
      g_array_append_val (ends, ms);
      if (is_final)
        posterior_sum += logmath_exp (lmath, ps_seg_prob (seg, &ascr, &lscr, &lback));
    }

  if (words->len == 0)
    return NULL;

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_ptr_array_index (words, i));
    }

  start = g_array_index (starts, gint64, 0);
  end = MAX (start, g_array_index (ends, gint64, ends->len - 1));

  utterance = ac_utterance_new (channel, start, end, text->str,
                                is_final ? posterior_sum / words->len : 0.0,
                                is_final);
  for (guint i = 0; i < words->len; i++)
    ac_utterance_add_word (utterance, g_ptr_array_index (words, i),
                           g_array_index (starts, gint64, i),
                           g_array_index (ends, gint64, i));
  ac_utterance_set_engine (utterance, "pocketsphinx", AC_POCKETSPHINX_MODEL);

  return utterance;
}

static void
end_utterance (AcPocketsphinxEngine *self,
               guint                 channel,
               Decoder              *d,
               gboolean              restart)
{
  g_autoptr(AcUtterance) final = NULL;

  ps_end_utt (d->ps);
  final = make_utterance (channel, d, TRUE);

  d->in_speech = FALSE;
  g_clear_pointer (&d->last_partial, g_free);

  if (restart)
    ps_start_utt (d->ps);

  if (final != NULL)
    ac_speech_engine_emit_hypothesis (AC_SPEECH_ENGINE (self), final);
}

static void
ac_pocketsphinx_engine_start (AcSpeechEngine *engine,
                              guint           channel)
{
  AcPocketsphinxEngine *self = AC_POCKETSPHINX_ENGINE (engine);
  g_autoptr(GMutexLocker) locker = NULL;
  Decoder *d;

  /* A channel with no decoder is never given audio either. */
  if (channel >= self->n_channels)
    return;

  d = &self->decoders[channel];
  locker = g_mutex_locker_new (&d->lock);

  /* A new stream resets the segment times (“stream-wide”, says
   * pocketsphinx.h) along with the noise estimate. */
  ps_end_utt (d->ps);
  ps_start_stream (d->ps);
  ps_start_utt (d->ps);
  d->in_speech = FALSE;
  g_clear_pointer (&d->last_partial, g_free);
}

static gboolean
ac_pocketsphinx_engine_process (AcSpeechEngine  *engine,
                                guint            channel,
                                const gint16    *samples,
                                gsize            n_samples,
                                GError         **error)
{
  AcPocketsphinxEngine *self = AC_POCKETSPHINX_ENGINE (engine);
  g_autoptr(GMutexLocker) locker = NULL;
  Decoder *d;
  gboolean in_speech;

  if (channel >= self->n_channels)
    {
      g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                   "No decoder for channel %u", channel);
      return FALSE;
    }

  d = &self->decoders[channel];
  locker = g_mutex_locker_new (&d->lock);

  if (ps_process_raw (d->ps, samples, n_samples, FALSE, FALSE) < 0)
    {
      g_set_error_literal (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                           channel == 0 ? _("Speech recognition of the customer failed")
                                        : _("Speech recognition of the agent failed"));
      return FALSE;
    }

  in_speech = ps_get_in_speech (d->ps);

  if (in_speech)
    {
      int32 score;
      const char *hyp;

      d->in_speech = TRUE;
      hyp = ps_get_hyp (d->ps, &score);

      if (hyp != NULL && hyp[0] != '\0' && g_strcmp0 (hyp, d->last_partial) != 0)
        {
          g_autoptr(AcUtterance) partial = make_utterance (channel, d, FALSE);

          g_free (d->last_partial);
          d->last_partial = g_strdup (hyp);
          if (partial != NULL)
            ac_speech_engine_emit_hypothesis (engine, partial);
        }
    }
  else if (d->in_speech)
    end_utterance (self, channel, d, TRUE);

  return TRUE;
}

static gboolean
ac_pocketsphinx_engine_finish (AcSpeechEngine  *engine,
                               guint            channel,
                               GError         **error)
{
  AcPocketsphinxEngine *self = AC_POCKETSPHINX_ENGINE (engine);
  g_autoptr(GMutexLocker) locker = NULL;
  Decoder *d;

  g_return_val_if_fail (channel < self->n_channels, TRUE);

  d = &self->decoders[channel];
  locker = g_mutex_locker_new (&d->lock);

  /* Whatever was heard since the last silence is an utterance too. */
  end_utterance (self, channel, d, TRUE);
  return TRUE;
}

/* On hold: what was said so far is an utterance. */
static void
ac_pocketsphinx_engine_hold (AcSpeechEngine *engine,
                             guint           channel)
{
  AcPocketsphinxEngine *self = AC_POCKETSPHINX_ENGINE (engine);
  g_autoptr(GMutexLocker) locker = NULL;
  Decoder *d;

  g_return_if_fail (channel < self->n_channels);

  d = &self->decoders[channel];
  locker = g_mutex_locker_new (&d->lock);
  if (d->in_speech)
    end_utterance (self, channel, d, TRUE);
}

/* The model is US English: other languages are heard as English words. */
static gboolean
ac_pocketsphinx_engine_set_language (AcSpeechEngine  *engine,
                                     const char      *language,
                                     GError         **error)
{
  if (language == NULL || language[0] == '\0' || g_ascii_strncasecmp (language, "en", 2) == 0)
    return TRUE;
  g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_LANGUAGE,
               _("The customer’s language is “%s”, but the engine on this computer transcribes English only"),
               language);
  return FALSE;
}

static void
speech_engine_iface_init (AcSpeechEngineInterface *iface)
{
  iface->set_language = ac_pocketsphinx_engine_set_language;
  iface->hold = ac_pocketsphinx_engine_hold;
  iface->start = ac_pocketsphinx_engine_start;
  iface->process = ac_pocketsphinx_engine_process;
  iface->finish = ac_pocketsphinx_engine_finish;
}

static void
ac_pocketsphinx_engine_finalize (GObject *object)
{
  AcPocketsphinxEngine *self = AC_POCKETSPHINX_ENGINE (object);

  for (guint i = 0; i < self->n_channels; i++)
    {
      if (self->decoders[i].ps != NULL)
        ps_free (self->decoders[i].ps);
      g_free (self->decoders[i].last_partial);
      g_mutex_clear (&self->decoders[i].lock);
    }
  g_free (self->decoders);

  G_OBJECT_CLASS (ac_pocketsphinx_engine_parent_class)->finalize (object);
}

static void
ac_pocketsphinx_engine_class_init (AcPocketsphinxEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_pocketsphinx_engine_finalize;
}

static void
ac_pocketsphinx_engine_init (AcPocketsphinxEngine *self)
{
}

static ps_decoder_t *
new_decoder (GError **error)
{
  g_autofree char *hmm = g_build_filename (model_dir (), AC_POCKETSPHINX_MODEL, "en-us", NULL);
  g_autofree char *lm = g_build_filename (model_dir (), "en-us", "en-us.lm.bin", NULL);
  g_autofree char *dict = g_build_filename (model_dir (), "en-us", "cmudict-en-us.dict", NULL);
  cmd_ln_t *config;
  ps_decoder_t *ps;

  if (!g_file_test (hmm, G_FILE_TEST_IS_DIR) || !g_file_test (lm, G_FILE_TEST_EXISTS) ||
      !g_file_test (dict, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_MODEL,
                   _("The speech model is missing from %s (install pocketsphinx-en-us)"),
                   model_dir ());
      return NULL;
    }

  /* PocketSphinx's defaults, model and rate aside. */
  config = cmd_ln_init (NULL, ps_args (), TRUE,
                        "-hmm", hmm,
                        "-lm", lm,
                        "-dict", dict,
                        "-samprate", "16000",
                        "-logfn", "/dev/null",
                        NULL);
  if (config == NULL)
    {
      g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_MODEL,
                   _("The speech recogniser could not be configured"));
      return NULL;
    }

  ps = ps_init (config);
  cmd_ln_free_r (config);

  if (ps == NULL)
    {
      g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_MODEL,
                   _("The speech model in %s could not be loaded"), model_dir ());
      return NULL;
    }

  return ps;
}

/**
 * ac_pocketsphinx_engine_new:
 * @n_channels: how many channels to decode (1 or 2)
 * @error: return location for an error
 *
 * Loads one decoder per channel (about 110–130 MB and a second or two
 * each: call it off the main thread in the app).
 *
 * Returns: (transfer full): the engine, or %NULL with
 *   %AC_SPEECH_ERROR_MODEL if the model is missing or broken
 */
AcPocketsphinxEngine *
ac_pocketsphinx_engine_new (guint    n_channels,
                            GError **error)
{
  g_autoptr(AcPocketsphinxEngine) self = NULL;

  g_return_val_if_fail (n_channels >= 1 && n_channels <= 2, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (AC_TYPE_POCKETSPHINX_ENGINE, NULL);
  self->n_channels = n_channels;
  self->decoders = g_new0 (Decoder, n_channels);

  for (guint i = 0; i < n_channels; i++)
    {
      Decoder *d = &self->decoders[i];

      g_mutex_init (&d->lock);
      if (!(d->ps = new_decoder (error)))
        return NULL;
      ps_start_utt (d->ps);
    }

  return g_steal_pointer (&self);
}

static void
new_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  AcPocketsphinxEngine *engine = ac_pocketsphinx_engine_new (GPOINTER_TO_UINT (task_data), &error);

  if (engine == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, engine, g_object_unref);
}

/**
 * ac_pocketsphinx_engine_new_async:
 * @n_channels: how many channels to decode (1 or 2)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when the
 *   models are loaded
 * @user_data: data for @callback
 *
 * Loads the engine on a worker thread, so the window stays responsive
 * during the second or two it takes.
 */
void
ac_pocketsphinx_engine_new_async (guint                n_channels,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (n_channels >= 1 && n_channels <= 2);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_pocketsphinx_engine_new_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (n_channels), NULL);
  g_task_run_in_thread (task, new_in_thread);
}

/**
 * ac_pocketsphinx_engine_new_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the engine, or %NULL with an %AC_SPEECH_ERROR
 *   (or %G_IO_ERROR_CANCELLED)
 */
AcPocketsphinxEngine *
ac_pocketsphinx_engine_new_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ac_pocketsphinx_engine_new_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
