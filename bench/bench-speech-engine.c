/* bench-speech-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One live two-channel call through one speech engine, for bench/run's
 * table of engines: the call is played at real-time pace through the
 * app's own path (AcAudioCapture → the engine → AcTranscriber →
 * AcTranscript), as in the window.
 *
 * Measured here, in this process:
 * - the time the app adds between a hypothesis's arrival and the
 *   transcript model's change (a service's: from the WebSocket frame's
 *   arrival, ac_streaming_engine_get_received_time(); the on-device
 *   engine's: from its emission), median and 95th percentile;
 * - the CPU time and peak RSS of the whole process (getrusage);
 * - the monotonic times (µs, CLOCK_MONOTONIC, the clock bench/run reads)
 *   of every partial and every (re)connection, so bench/run can time a
 *   connection it drops from the first new partial.
 * Prints one line of JSON.
 *
 * Usage: bench-speech-engine ENGINE URL CALL
 *   ENGINE: pocketsphinx, vosk, deepgram, assemblyai, openai; URL its
 *   address (ignored for pocketsphinx); the service's key, if it needs
 *   one, on the first line of standard input.
 */

#include "config.h"

#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <sys/resource.h>

#include "ac-audio-capture.h"
#include "ac-audio-file.h"
#include "ac-pocketsphinx-engine.h"
#include "ac-speech-services.h"
#include "ac-streaming-engine.h"
#include "ac-transcriber.h"

#define ARRIVAL "ac-bench-arrival"

typedef struct
{
  GMutex     lock;
  GArray    *added_ms;      /* double, per hypothesis in the model */
  GArray    *partials_us;   /* gint64 */
  GArray    *connected_us;  /* gint64 */
  guint      done;
  guint      n_channels;
  GMainLoop *loop;
} Bench;

/* The engine's thread: when the hypothesis arrived. */
static void
on_hypothesis (AcSpeechEngine *engine,
               AcUtterance    *u,
               Bench          *bench)
{
  gint64 arrival = AC_IS_STREAMING_ENGINE (engine)
                   ? ac_streaming_engine_get_received_time (AC_STREAMING_ENGINE (engine),
                                                            ac_utterance_get_channel (u))
                   : g_get_monotonic_time ();

  g_object_set_data (G_OBJECT (u), ARRIVAL, g_memdup2 (&arrival, sizeof arrival));
  if (!ac_utterance_get_is_final (u))
    {
      g_mutex_lock (&bench->lock);
      g_array_append_val (bench->partials_us, arrival);
      g_mutex_unlock (&bench->lock);
    }
}

static void
on_connected (AcStreamingEngine *engine,
              guint              channel,
              Bench             *bench)
{
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&bench->lock);
  g_array_append_val (bench->connected_us, now);
  g_mutex_unlock (&bench->lock);
}

/* The main loop: the model has it. */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Bench      *bench)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (model, i);
      const gint64 *arrival = g_object_get_data (G_OBJECT (u), ARRIVAL);
      double added_ms;

      if (arrival == NULL)
        continue;
      added_ms = (now - *arrival) / 1000.0;
      g_array_append_val (bench->added_ms, added_ms);
      /* Counted once: a final stays in the model. */
      g_object_set_data (G_OBJECT (u), ARRIVAL, NULL);
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
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return -1.0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN ((guint) (p * values->len), values->len - 1));
}

static void
add_times (JsonBuilder *b,
           const char  *name,
           GArray      *times)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < times->len; i++)
    json_builder_add_int_value (b, g_array_index (times, gint64, i));
  json_builder_end_array (b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AcSpeechEngine) engine = NULL;
  g_autoptr(AcAudioCapture) capture = NULL;
  g_autoptr(AcTranscriber) transcriber = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *json = NULL;
  char key[512] = "";
  struct rusage usage;
  gint64 started;
  Bench bench = { 0, };
  guint n_channels;

  gst_init (&argc, &argv);
  if (argc != 4)
    {
      g_printerr ("usage: bench-speech-engine ENGINE URL CALL\n");
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[3]);
  if (!ac_audio_file_probe (file, &n_channels, NULL, &error))
    {
      g_printerr ("bench-speech-engine: %s\n", error->message);
      return 1;
    }
  if (g_str_equal (argv[1], "pocketsphinx"))
    engine = AC_SPEECH_ENGINE (ac_pocketsphinx_engine_new (2, &error));
  else
    {
      if (fgets (key, sizeof key, stdin) != NULL)
        g_strstrip (key);
      engine = ac_speech_engine_new_for_service (argv[1], argv[2], FALSE, key, NULL, NULL, &error);
    }
  if (engine == NULL)
    {
      g_printerr ("bench-speech-engine: %s\n", error->message);
      return 1;
    }

  uri = g_file_get_uri (file);
  customer = n_channels >= 2 ? g_strconcat (uri, "#0", NULL) : g_strdup (uri);
  agent = n_channels >= 2 ? g_strconcat (uri, "#1", NULL) : g_strdup (AC_AUDIO_SOURCE_OFF);
  capture = ac_audio_capture_new ();
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, customer);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, agent);

  g_mutex_init (&bench.lock);
  bench.added_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.partials_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.connected_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.n_channels = n_channels >= 2 ? 2 : 1;
  bench.loop = g_main_loop_new (NULL, FALSE);

  /* Before the transcriber's handler: the arrival is known when it runs. */
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &bench);
  if (AC_IS_STREAMING_ENGINE (engine))
    g_signal_connect (engine, "connected", G_CALLBACK (on_connected), &bench);
  transcriber = ac_transcriber_new (capture, engine, NULL);
  g_signal_connect (ac_transcriber_get_transcript (transcriber), "items-changed",
                    G_CALLBACK (on_items_changed), &bench);
  g_signal_connect (transcriber, "channel-done", G_CALLBACK (on_channel_done), &bench);

  ac_transcriber_begin_call (transcriber);
  started = g_get_monotonic_time ();
  if (!ac_audio_capture_start (capture, &error))
    {
      g_printerr ("bench-speech-engine: %s\n", error->message);
      return 1;
    }
  g_main_loop_run (bench.loop);
  getrusage (RUSAGE_SELF, &usage);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "engine");
  json_builder_add_string_value (b, argv[1]);
  json_builder_set_member_name (b, "hypotheses");
  json_builder_add_int_value (b, bench.added_ms->len);
  json_builder_set_member_name (b, "added_median_ms");
  json_builder_add_double_value (b, percentile (bench.added_ms, 0.5));
  json_builder_set_member_name (b, "added_p95_ms");
  json_builder_add_double_value (b, percentile (bench.added_ms, 0.95));
  json_builder_set_member_name (b, "wall_s");
  json_builder_add_double_value (b, (g_get_monotonic_time () - started) / 1e6);
  json_builder_set_member_name (b, "cpu_s");
  json_builder_add_double_value (b, usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                                    usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6);
  json_builder_set_member_name (b, "peak_rss_mb");
  json_builder_add_double_value (b, usage.ru_maxrss / 1024.0);
  add_times (b, "partials_us", bench.partials_us);
  add_times (b, "connected_us", bench.connected_us);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  printf ("%s\n", json);

  g_array_unref (bench.added_ms);
  g_array_unref (bench.partials_us);
  g_array_unref (bench.connected_us);
  g_main_loop_unref (bench.loop);
  g_mutex_clear (&bench.lock);
  return 0;
}
