/* bench-redaction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What privacy costs: redacting an utterance against analysing it (the
 * contact-center sentiment and intent model) on the same utterances, in
 * one run (target: redaction ≤ 10% of the analysis); and the recorder's
 * delay line: CPU time to record ten minutes of a two-channel call through
 * a 15 s delay line against none, and the memory the line holds.  Prints
 * one line of JSON.
 *
 * Usage: bench-redaction FILE.tsv...   (utterances in the text column)
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include "ac-call-recorder.h"
#include "ac-card-pause.h"
#include "ac-redactor.h"
#include "ac-sentiment.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

/* Ten minutes of a call, 100 ms blocks, into a recorder with @delay_ms:
 * CPU ms per second of audio. */
static double
record (guint delay_ms)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "bench-redaction.ogg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AcCallRecorder) recorder = ac_call_recorder_new (file);
  gint16 block[1600];
  double start;
  guint seconds = 600;

  for (guint i = 0; i < G_N_ELEMENTS (block); i++)
    block[i] = (gint16) (8000 * sin (2 * G_PI * 440 * i / 16000.0));

  if (!ac_call_recorder_start (recorder, NULL))
    return -1;
  ac_call_recorder_set_delay (recorder, delay_ms);
  start = cpu_ms ();
  for (guint i = 0; i < seconds * 10; i++)
    {
      ac_call_recorder_push (recorder, 0, block, G_N_ELEMENTS (block));
      ac_call_recorder_push (recorder, 1, block, G_N_ELEMENTS (block));
      if (i == seconds * 5 && delay_ms > 0)
        {
          /* one card read half-way */
          ac_call_recorder_begin_cut (recorder, (gint64) i * 100 - 8000);
          ac_call_recorder_end_cut (recorder, (gint64) i * 100 + 10000);
        }
    }
  ac_call_recorder_stop (recorder, NULL);
  g_unlink (path);

  return (cpu_ms () - start) / seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  double t0, redact_us, analyze_us, plain_cpu, delayed_cpu;
  guint rounds = 50;

  gst_init (&argc, &argv);

  for (int a = 1; a < argc; a++)
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (argv[a], &contents, NULL, &error))
        {
          g_printerr ("bench-redaction: %s\n", error->message);
          return 1;
        }
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
          guint n = g_strv_length (f);

          if (lines[i][0] == '\0' || lines[i][0] == '#' || g_str_equal (f[0], "text") || g_str_equal (f[0], "call"))
            continue;
          /* the text column: first of two (text, label), third of four */
          g_ptr_array_add (texts, g_strdup (n >= 4 ? f[2] : f[0]));
        }
    }
  if (texts->len == 0)
    {
      g_printerr ("usage: bench-redaction FILE.tsv...\n");
      return 1;
    }

  /* warm: the lexicons loaded, the caches filled */
  for (guint i = 0; i < texts->len; i++)
    {
      g_free (ac_redactor_redact (redactor, i % 2, texts->pdata[i], -1, -1, NULL, 0, TRUE, NULL));
      ac_sentiment_unref (ac_sentiment_analyze (AC_SENTIMENT_MODEL_CONTACT_CENTER, texts->pdata[i]));
    }

  t0 = now_ms ();
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < texts->len; i++)
      g_free (ac_redactor_redact (redactor, i % 2, texts->pdata[i], -1, -1, NULL, 0, TRUE, NULL));
  redact_us = (now_ms () - t0) * 1000 / (rounds * texts->len);

  t0 = now_ms ();
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < texts->len; i++)
      ac_sentiment_unref (ac_sentiment_analyze (AC_SENTIMENT_MODEL_CONTACT_CENTER, texts->pdata[i]));
  analyze_us = (now_ms () - t0) * 1000 / (rounds * texts->len);

  plain_cpu = record (0);
  delayed_cpu = record (AC_CARD_PAUSE_DELAY_MS);

  printf ("{\"utterances\": %u, \"redact_us\": %.2f, \"analyze_us\": %.2f, \"ratio\": %.3f, "
          "\"record_cpu_ms_per_s\": %.3f, \"record_delayed_cpu_ms_per_s\": %.3f, \"delay_line_kb\": %u}\n",
          texts->len, redact_us, analyze_us, redact_us / analyze_us, plain_cpu, delayed_cpu,
          AC_CARD_PAUSE_DELAY_MS / 1000 * 16000 * 2 * 2 / 1024);
  return 0;
}
