/* ac-test-script-engine.c
 *
 * A speech engine for tests that hears what a script says was said: each
 * word of a call (channel, start ms, end ms, word: build-aux/make-card-call
 * writes one) is recognised once the audio fed to its channel reaches the
 * word's end — a partial hypothesis with the words so far — and a pause of
 * 700 ms or more ends the utterance with a final hypothesis.  So the
 * pipeline sees hypotheses timed to the audio, as from a real engine with
 * a word's latency, on speech the general on-device model cannot read
 * (isolated digits).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "ac-audio-capture.h"
#include "ac-test-script-engine.h"
#include "ac-utterance.h"

#define PAUSE_MS 700

typedef struct
{
  gint64 start_ms;
  gint64 end_ms;
  char  *word;
} Word;

typedef struct
{
  GArray  *words;      /* Word, this channel's, in order */
  guint    next;       /* first word not heard yet */
  guint    first;      /* first word of the open utterance */
  guint64  n_fed;
} Channel;

struct _AcTestScriptEngine
{
  GObject parent_instance;
  Channel channels[AC_AUDIO_N_CHANNELS];
};

static void ac_test_script_engine_iface_init (AcSpeechEngineInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcTestScriptEngine, ac_test_script_engine, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AC_TYPE_SPEECH_ENGINE, ac_test_script_engine_iface_init))

static void
emit (AcTestScriptEngine *self,
      guint               channel,
      guint               end,
      gboolean            is_final)
{
  Channel *ch = &self->channels[channel];
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(AcUtterance) utterance = NULL;
  Word *first, *last;

  if (end <= ch->first)
    return;
  first = &g_array_index (ch->words, Word, ch->first);
  last = &g_array_index (ch->words, Word, end - 1);
  for (guint i = ch->first; i < end; i++)
    g_string_append_printf (text, "%s%s", i > ch->first ? " " : "", g_array_index (ch->words, Word, i).word);

  utterance = ac_utterance_new (channel, first->start_ms, last->end_ms, text->str, 0.9, is_final);
  for (guint i = ch->first; i < end; i++)
    {
      Word *w = &g_array_index (ch->words, Word, i);

      ac_utterance_add_word (utterance, w->word, w->start_ms, w->end_ms);
    }
  ac_utterance_set_engine (utterance, "script", NULL);
  ac_speech_engine_emit_hypothesis (AC_SPEECH_ENGINE (self), utterance);
  if (is_final)
    ch->first = end;
}

static void
start (AcSpeechEngine *engine,
       guint           channel)
{
  AcTestScriptEngine *self = AC_TEST_SCRIPT_ENGINE (engine);

  self->channels[channel].next = self->channels[channel].first = 0;
  self->channels[channel].n_fed = 0;
}

static gboolean
process (AcSpeechEngine  *engine,
         guint            channel,
         const gint16    *samples,
         gsize            n_samples,
         GError         **error)
{
  AcTestScriptEngine *self = AC_TEST_SCRIPT_ENGINE (engine);
  Channel *ch = &self->channels[channel];
  gint64 now_ms;
  gboolean heard = FALSE;

  ch->n_fed += n_samples;
  now_ms = (gint64) (ch->n_fed * 1000 / AC_AUDIO_CAPTURE_RATE);

  /* A pause after the last word heard ends the utterance, unless the next
   * word follows closer than that. */
  if (ch->next > ch->first && now_ms - g_array_index (ch->words, Word, ch->next - 1).end_ms >= PAUSE_MS &&
      (ch->next == ch->words->len ||
       g_array_index (ch->words, Word, ch->next).start_ms - g_array_index (ch->words, Word, ch->next - 1).end_ms >=
       PAUSE_MS))
    emit (self, channel, ch->next, TRUE);

  while (ch->next < ch->words->len && g_array_index (ch->words, Word, ch->next).end_ms <= now_ms)
    {
      if (ch->next > ch->first &&
          g_array_index (ch->words, Word, ch->next).start_ms - g_array_index (ch->words, Word, ch->next - 1).end_ms >= PAUSE_MS)
        emit (self, channel, ch->next, TRUE);
      ch->next++;
      heard = TRUE;
    }
  if (heard)
    emit (self, channel, ch->next, FALSE);

  return TRUE;
}

static gboolean
finish (AcSpeechEngine  *engine,
        guint            channel,
        GError         **error)
{
  AcTestScriptEngine *self = AC_TEST_SCRIPT_ENGINE (engine);

  emit (self, channel, self->channels[channel].next, TRUE);
  return TRUE;
}

static void
ac_test_script_engine_iface_init (AcSpeechEngineInterface *iface)
{
  iface->start = start;
  iface->process = process;
  iface->finish = finish;
}

static void
ac_test_script_engine_finalize (GObject *object)
{
  AcTestScriptEngine *self = AC_TEST_SCRIPT_ENGINE (object);

  for (guint c = 0; c < AC_AUDIO_N_CHANNELS; c++)
    {
      for (guint i = 0; i < self->channels[c].words->len; i++)
        g_free (g_array_index (self->channels[c].words, Word, i).word);
      g_array_unref (self->channels[c].words);
    }

  G_OBJECT_CLASS (ac_test_script_engine_parent_class)->finalize (object);
}

static void
ac_test_script_engine_class_init (AcTestScriptEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_test_script_engine_finalize;
}

static void
ac_test_script_engine_init (AcTestScriptEngine *self)
{
  for (guint c = 0; c < AC_AUDIO_N_CHANNELS; c++)
    self->channels[c].words = g_array_new (FALSE, FALSE, sizeof (Word));
}

AcTestScriptEngine *
ac_test_script_engine_new (const char  *script_path,
                           GError     **error)
{
  g_autoptr(AcTestScriptEngine) self = g_object_new (AC_TYPE_TEST_SCRIPT_ENGINE, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (script_path, &contents, NULL, error))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      Word word;
      guint channel;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (f) != 4)
        continue;
      channel = atoi (f[0]);
      if (channel >= AC_AUDIO_N_CHANNELS)
        continue;
      word.start_ms = g_ascii_strtoll (f[1], NULL, 10);
      word.end_ms = g_ascii_strtoll (f[2], NULL, 10);
      word.word = g_strdup (f[3]);
      g_array_append_val (self->channels[channel].words, word);
    }

  return g_steal_pointer (&self);
}
