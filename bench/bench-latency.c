/* bench-latency.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long after a word is spoken its partial hypothesis reaches the
 * transcript model, against how long the engine itself took to emit it.
 *
 * The sample call is played at real-time pace through the app's own path
 * (AcAudioCapture → PocketSphinx → AcTranscriber → AcTranscript).  For each
 * partial, the newest word's end (audio time, from the engine's word
 * timings) is compared with the wall-clock time since the call started
 * (a) when the engine emitted the partial, in its streaming thread, and
 * (b) when the partial landed in the transcript, on the main loop.
 * (b) − (a) is what the app adds.  Prints one line of JSON.
 *
 * Usage: bench-latency [CALL]   (default: the sample call)
 */

#include "config.h"

#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "ac-audio-file.h"
#include "ac-pocketsphinx-engine.h"
#include "ac-transcriber.h"

typedef struct
{
  gint64  call_start_us;
  GMutex  lock;
  GArray *engine_ms;     /* double, per partial */
  GArray *model_ms;      /* double, per partial */
  guint   done;
  guint   n_channels;
  GMainLoop *loop;
} Bench;

static double
newest_word_end (AcUtterance *u)
{
  guint n = ac_utterance_get_n_timed_words (u);

  return n > 0 ? (double) ac_utterance_get_timed_word (u, n - 1)->end_ms
               : (double) ac_utterance_get_end_ms (u);
}

static double
now_ms (Bench *bench)
{
  return (g_get_monotonic_time () - bench->call_start_us) / 1000.0;
}

static void
on_hypothesis (AcSpeechEngine *engine,
               AcUtterance    *u,
               Bench          *bench)
{
  double delay;

  if (ac_utterance_get_is_final (u))
    return;

  delay = now_ms (bench) - newest_word_end (u);
  g_mutex_lock (&bench->lock);
  g_array_append_val (bench->engine_ms, delay);
  g_mutex_unlock (&bench->lock);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Bench      *bench)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (model, i);
      double delay;

      if (ac_utterance_get_is_final (u))
        continue;

      delay = now_ms (bench) - newest_word_end (u);
      g_array_append_val (bench->model_ms, delay);
    }
}

static void
on_channel_done (AcTranscriber *transcriber,
                 int            channel,
                 Bench         *bench)
{
  if (++bench->done == bench->n_channels)
    g_main_loop_quit (bench->loop);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  if (values->len == 0)
    return 0.0;

  g_array_sort (values, compare_doubles);
  return values->len % 2 ? g_array_index (values, double, values->len / 2)
                         : (g_array_index (values, double, values->len / 2 - 1) +
                            g_array_index (values, double, values->len / 2)) / 2.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AcPocketsphinxEngine) engine = NULL;
  g_autoptr(AcAudioCapture) capture = NULL;
  g_autoptr(AcTranscriber) transcriber = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *agent = NULL;
  Bench bench = { 0, };
  guint n_channels;

  gst_init (&argc, &argv);

  file = argc > 1 ? g_file_new_for_commandline_arg (argv[1]) : ac_audio_file_get_sample_call ();
  if (!ac_audio_file_probe (file, &n_channels, NULL, &error) ||
      !(engine = ac_pocketsphinx_engine_new (2, &error)))
    {
      g_printerr ("bench-latency: %s\n", error->message);
      return 1;
    }

  uri = g_file_get_uri (file);
  customer = n_channels >= 2 ? g_strconcat (uri, "#0", NULL) : g_strdup (uri);
  agent = n_channels >= 2 ? g_strconcat (uri, "#1", NULL) : g_strdup (AC_AUDIO_SOURCE_OFF);

  capture = ac_audio_capture_new ();
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, customer);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, agent);
  transcriber = ac_transcriber_new (capture, AC_SPEECH_ENGINE (engine), NULL);

  g_mutex_init (&bench.lock);
  bench.engine_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.model_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.n_channels = n_channels >= 2 ? 2 : 1;
  bench.loop = g_main_loop_new (NULL, FALSE);

  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &bench);
  g_signal_connect (ac_transcriber_get_transcript (transcriber), "items-changed",
                    G_CALLBACK (on_items_changed), &bench);
  g_signal_connect (transcriber, "channel-done", G_CALLBACK (on_channel_done), &bench);

  ac_transcriber_begin_call (transcriber);
  bench.call_start_us = g_get_monotonic_time ();
  if (!ac_audio_capture_start (capture, &error))
    {
      g_printerr ("bench-latency: %s\n", error->message);
      return 1;
    }

  g_main_loop_run (bench.loop);

  printf ("{\"partials\": %u, \"engine_median_ms\": %.1f, \"model_median_ms\": %.1f}\n",
          bench.model_ms->len, median (bench.engine_ms), median (bench.model_ms));

  g_array_unref (bench.engine_ms);
  g_array_unref (bench.model_ms);
  g_main_loop_unref (bench.loop);
  g_mutex_clear (&bench.lock);

  return 0;
}
