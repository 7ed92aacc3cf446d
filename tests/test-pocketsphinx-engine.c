/* test-pocketsphinx-engine.c
 *
 * The embedded engine on real speech: LibriVox recordings from Debian's
 * pocketsphinx-testdata.  Nothing here was used to choose the engine's
 * settings, which are PocketSphinx's defaults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-pocketsphinx-engine.h"
#include "ac-test-utils.h"

#define LIBRIVOX "/usr/share/pocketsphinx/test/data/librivox/"
#define SENTENCE_A LIBRIVOX "sense_and_sensibility_01_austen_64kb-0870.wav"
#define SENTENCE_B LIBRIVOX "sense_and_sensibility_01_austen_64kb-0880.wav"

/* 16 kHz 16-bit mono PCM samples of a WAV file (the format of the test
 * data); the test fails on anything else. */
static GArray *
read_wav (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GArray *samples;
  gsize len, pos = 12;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_true (len > 44 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WAVE", 4) == 0);

  while (pos + 8 <= len)
    {
      guint32 size = GUINT32_FROM_LE (*(guint32 *) (data + pos + 4));

      if (memcmp (data + pos, "fmt ", 4) == 0)
        {
          g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (data + pos + 10)), ==, 1);      /* mono */
          g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + pos + 12)), ==, 16000); /* Hz */
          g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (data + pos + 22)), ==, 16);     /* bits */
        }
      else if (memcmp (data + pos, "data", 4) == 0)
        {
          gsize n = MIN (size, len - pos - 8) / 2;

          samples = g_array_sized_new (FALSE, FALSE, sizeof (gint16), n);
          for (gsize i = 0; i < n; i++)
            {
              gint16 s = GINT16_FROM_LE (*(gint16 *) (data + pos + 8 + 2 * i));

              g_array_append_val (samples, s);
            }
          return samples;
        }
      pos += 8 + size + (size & 1);
    }

  g_error ("%s has no data chunk", path);
}

typedef struct
{
  GPtrArray *finals;
  guint      partials;
  guint      partials_before_first_final;
} Collected;

static void
on_hypothesis (AcSpeechEngine *engine,
               AcUtterance    *utterance,
               Collected      *collected)
{
  if (ac_utterance_get_is_final (utterance))
    g_ptr_array_add (collected->finals, g_object_ref (utterance));
  else
    {
      collected->partials++;
      if (collected->finals->len == 0)
        collected->partials_before_first_final++;
      g_assert_cmpfloat (ac_utterance_get_confidence (utterance), ==, 0.0);
    }
}

/* Feeds audio in 100 ms chunks, as a live capture would. */
static void
feed (AcSpeechEngine *engine,
      guint           channel,
      const gint16   *samples,
      gsize           n)
{
  for (gsize i = 0; i < n; i += 1600)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ac_speech_engine_process (engine, channel, samples + i, MIN (1600, n - i), &error));
      g_assert_no_error (error);
    }
}

static guint
count_words_in (const char *hypothesis,
                const char *reference)
{
  g_auto(GStrv) words = g_strsplit (reference, " ", -1);
  g_autofree char *padded = g_strdup_printf (" %s ", hypothesis);
  guint found = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *needle = g_strdup_printf (" %s ", words[i]);

      if (strstr (padded, needle) != NULL)
        found++;
    }

  return found;
}

/* Two sentences with 1.5 s of quiet noise between them: two finals, in
 * order, each where it is in the audio, with partials before them. */
static void
test_engine_two_utterances (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcPocketsphinxEngine) engine = ac_pocketsphinx_engine_new (1, &error);
  g_autoptr(GArray) a = read_wav (SENTENCE_A);
  g_autoptr(GArray) b = read_wav (SENTENCE_B);
  g_autoptr(GArray) gap = g_array_new (FALSE, FALSE, sizeof (gint16));
  Collected collected = { g_ptr_array_new_with_free_func (g_object_unref), 0, 0 };
  gint64 a_ms = a->len * 1000 / 16000;
  gint64 b_start_ms = a_ms + 1500;
  gint64 b_end_ms = b_start_ms + b->len * 1000 / 16000;
  AcUtterance *first, *second;
  GRand *rand = g_rand_new_with_seed (42);

  g_assert_no_error (error);
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &collected);

  for (guint i = 0; i < 24000; i++)
    {
      gint16 s = g_rand_int_range (rand, -60, 61);  /* about -60 dBFS */

      g_array_append_val (gap, s);
    }
  g_rand_free (rand);

  feed (AC_SPEECH_ENGINE (engine), 0, (gint16 *) a->data, a->len);
  feed (AC_SPEECH_ENGINE (engine), 0, (gint16 *) gap->data, gap->len);
  feed (AC_SPEECH_ENGINE (engine), 0, (gint16 *) b->data, b->len);
  g_assert_true (ac_speech_engine_finish (AC_SPEECH_ENGINE (engine), 0, NULL));

  g_assert_cmpuint (collected.finals->len, ==, 2);
  g_assert_cmpuint (collected.partials_before_first_final, >, 0);

  first = g_ptr_array_index (collected.finals, 0);
  second = g_ptr_array_index (collected.finals, 1);

  /* Where each sentence is: the first within its file, the second after
   * the gap (its file starts with a little silence). */
  g_assert_cmpint (ac_utterance_get_start_ms (first), >=, 0);
  g_assert_cmpint (ac_utterance_get_end_ms (first), <=, a_ms + 100);
  g_assert_cmpint (ac_utterance_get_start_ms (second), >=, b_start_ms);
  g_assert_cmpint (ac_utterance_get_end_ms (second), <=, b_end_ms + 100);

  /* What was said, loosely: most reference words are heard (PocketSphinx
   * is at roughly 30% WER on read speech; WER proper is the benchmark's). */
  g_assert_cmpuint (count_words_in (ac_utterance_get_text (second),
                                    "he was not an ill disposed young man"), >=, 4);
  g_assert_cmpuint (count_words_in (ac_utterance_get_text (first),
                                    "and mister john dashwood had then leisure to consider how much "
                                    "there might be prudently in his power to do for them"), >=, 12);

  for (guint i = 0; i < collected.finals->len; i++)
    {
      AcUtterance *u = g_ptr_array_index (collected.finals, i);
      guint n = ac_utterance_get_n_timed_words (u);

      g_assert_cmpuint (ac_utterance_get_channel (u), ==, 0);
      g_assert_cmpfloat (ac_utterance_get_confidence (u), >, 0.0);
      g_assert_cmpfloat (ac_utterance_get_confidence (u), <=, 1.0);

      /* Word times: one per word, in order, inside the utterance. */
      g_assert_cmpuint (n, ==, ac_utterance_get_word_count (u));
      for (guint w = 0; w < n; w++)
        {
          const AcWord *word = ac_utterance_get_timed_word (u, w);

          g_assert_cmpint (word->start_ms, >=, ac_utterance_get_start_ms (u));
          g_assert_cmpint (word->end_ms, <=, ac_utterance_get_end_ms (u));
          if (w > 0)
            g_assert_cmpint (word->start_ms, >=, ac_utterance_get_timed_word (u, w - 1)->start_ms);
        }
    }

  g_ptr_array_unref (collected.finals);
}

/* Channels are independent decoders: the customer's speech never shows up
 * as the agent's. */
static void
test_engine_channels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcPocketsphinxEngine) engine = ac_pocketsphinx_engine_new (2, &error);
  g_autoptr(GArray) b = read_wav (SENTENCE_B);
  g_autoptr(GArray) silence = g_array_new (TRUE, TRUE, sizeof (gint16));
  Collected collected = { g_ptr_array_new_with_free_func (g_object_unref), 0, 0 };

  g_assert_no_error (error);
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &collected);
  g_array_set_size (silence, b->len);

  feed (AC_SPEECH_ENGINE (engine), 1, (gint16 *) b->data, b->len);
  feed (AC_SPEECH_ENGINE (engine), 0, (gint16 *) silence->data, silence->len);
  g_assert_true (ac_speech_engine_finish (AC_SPEECH_ENGINE (engine), 0, NULL));
  g_assert_true (ac_speech_engine_finish (AC_SPEECH_ENGINE (engine), 1, NULL));

  g_assert_cmpuint (collected.finals->len, ==, 1);
  g_assert_cmpuint (ac_utterance_get_channel (g_ptr_array_index (collected.finals, 0)), ==, 1);

  /* A channel the engine does not have is an error, not a crash. */
  {
    gint16 samples[160] = { 0, };

    g_assert_false (ac_speech_engine_process (AC_SPEECH_ENGINE (engine), 2, samples, 160, &error));
    g_assert_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED);
  }

  g_ptr_array_unref (collected.finals);
}

static void
test_engine_missing_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcPocketsphinxEngine) engine = NULL;

  g_setenv ("AC_POCKETSPHINX_MODEL_DIR", "/nonexistent/model", TRUE);
  engine = ac_pocketsphinx_engine_new (1, &error);
  g_unsetenv ("AC_POCKETSPHINX_MODEL_DIR");

  g_assert_null (engine);
  g_assert_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_MODEL);
  g_assert_nonnull (strstr (error->message, "/nonexistent/model"));
}

static void
test_engine_finalize (void)
{
  g_autoptr(GError) error = NULL;
  AcPocketsphinxEngine *engine = ac_pocketsphinx_engine_new (2, &error);

  g_assert_no_error (error);
  g_assert_true (AC_IS_SPEECH_ENGINE (engine));
  g_assert_finalize_object (engine);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/pocketsphinx-engine/two-utterances", test_engine_two_utterances);
  g_test_add_func ("/pocketsphinx-engine/channels", test_engine_channels);
  g_test_add_func ("/pocketsphinx-engine/missing-model", test_engine_missing_model);
  g_test_add_func ("/pocketsphinx-engine/finalize", test_engine_finalize);

  return g_test_run ();
}
