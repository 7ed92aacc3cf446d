/* bench-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The on-device analysis: how long loading the VADER lexicon takes, against
 * only decompressing its bytes from the app's resources (the floor), and
 * how long an utterance takes with the contact-center model, against plain
 * VADER on the same utterances.  Prints one line of JSON.
 *
 * Usage: bench-analysis FILE.tsv   (text in the first column)
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "ac-sentiment.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
score_all (GPtrArray        *texts,
           AcSentimentModel  model,
           guint             rounds)
{
  double start = now_ms ();

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < texts->len; i++)
      ac_sentiment_unref (ac_sentiment_analyze (model, texts->pdata[i]));

  return (now_ms () - start) / (rounds * texts->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  double t0, read_ms, load_ms, vader_ms, cc_ms;

  if (argc < 2 || !g_file_get_contents (argv[1], &contents, NULL, &error))
    {
      g_printerr ("usage: bench-analysis FILE.tsv%s%s\n", error ? ": " : "", error ? error->message : "");
      return 1;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '#')
      g_ptr_array_add (texts, g_strndup (lines[i], strcspn (lines[i], "\t")));

  t0 = now_ms ();
  bytes = g_resources_lookup_data (RESOURCE_BASE "/vader_lexicon.txt", 0, NULL);
  read_ms = now_ms () - t0;

  t0 = now_ms ();
  ac_vader_get_default ();
  load_ms = now_ms () - t0;

  /* Warm the cue patterns, then time. */
  ac_sentiment_unref (ac_sentiment_analyze (AC_SENTIMENT_MODEL_CONTACT_CENTER, "hello"));
  vader_ms = score_all (texts, AC_SENTIMENT_MODEL_VADER, 20);
  cc_ms = score_all (texts, AC_SENTIMENT_MODEL_CONTACT_CENTER, 20);

  printf ("{\"lexicon_read_ms\": %.2f, \"lexicon_load_ms\": %.2f, \"utterances\": %u, "
          "\"vader_ms_per_utterance\": %.4f, \"cc_ms_per_utterance\": %.4f}\n",
          read_ms, load_ms, texts->len, vader_ms, cc_ms);

  return 0;
}
