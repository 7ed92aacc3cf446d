/* test-transcriber.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real speech through the real path: a recording or PulseAudio devices →
 * AcAudioCapture → the PocketSphinx engine → AcTranscriber → AcTranscript.
 * The speech is the sample call that ships with the app (Allison Smith's
 * Asterisk prompts as the agent, LibriVox and JFK as the customer).
 */

#include "config.h"

#include <gst/gst.h>

#include "ac-pocketsphinx-engine.h"
#include "ac-test-utils.h"
#include "ac-transcriber.h"

typedef struct
{
  AcTranscriber *transcriber;
  guint          replaced;      /* items-changed (1 removed, 1 added) */
  guint          n_partial;
  guint          n_unscored;    /* finals delivered without a sentiment */
  gboolean       done[AC_AUDIO_N_CHANNELS];
  int            failed_channel;
  GError        *failure;
} Fixture;

static AcPocketsphinxEngine *engine;

static char *
sample_call_uri (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "sample-call.flac", NULL);

  return g_filename_to_uri (path, NULL, NULL);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  if (removed == 1 && added == 1)
    fixture->replaced++;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (model, i);

      if (!ac_utterance_get_is_final (u))
        fixture->n_partial++;
      /* The transcriber delivers finals analysed: whoever observes the
       * transcript sees each with its sentiment. */
      else if (ac_utterance_get_sentiment (u) == NULL)
        fixture->n_unscored++;
    }
}

static void
on_channel_done (AcTranscriber *transcriber,
                 int            channel,
                 Fixture       *fixture)
{
  fixture->done[channel] = TRUE;
}

static void
on_channel_failed (AcAudioCapture *capture,
                   int             channel,
                   GError         *error,
                   Fixture        *fixture)
{
  fixture->failed_channel = channel;
  g_clear_error (&fixture->failure);
  fixture->failure = g_error_copy (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AcAudioCapture) capture = ac_audio_capture_new ();
  AcTranscript *transcript;

  fixture->transcriber = ac_transcriber_new (capture, AC_SPEECH_ENGINE (engine), NULL);
  fixture->failed_channel = -1;
  transcript = ac_transcriber_get_transcript (fixture->transcriber);
  g_signal_connect (transcript, "items-changed", G_CALLBACK (on_items_changed), fixture);
  g_signal_connect (fixture->transcriber, "channel-done", G_CALLBACK (on_channel_done), fixture);
  g_signal_connect (capture, "channel-failed", G_CALLBACK (on_channel_failed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_error (&fixture->failure);
  g_assert_finalize_object (fixture->transcriber);
}

static AcAudioCapture *
capture_of (Fixture *fixture)
{
  AcAudioCapture *capture;

  g_object_get (fixture->transcriber, "capture", &capture, NULL);
  g_object_unref (capture);
  return capture;
}

static AcTranscript *
transcript_of (Fixture *fixture)
{
  return ac_transcriber_get_transcript (fixture->transcriber);
}

static gboolean
both_done (Fixture *fixture)
{
  return fixture->done[0] && fixture->done[1];
}

static guint
count_final (AcTranscript *transcript,
             guint         channel,
             const char   *word)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (transcript)); i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (transcript), i);

      if (ac_utterance_get_is_final (u) && ac_utterance_get_channel (u) == channel &&
          (word == NULL || strstr (ac_utterance_get_text (u), word) != NULL))
        n++;
    }

  return n;
}

/* Reference turns of data/samples/sample-call.ref.tsv, in ms. */
static const struct {
  guint  channel;
  gint64 start, end;
} turns[] = {
  { 1, 500, 1076 }, { 0, 1876, 8877 }, { 1, 9677, 11099 }, { 0, 11899, 14788 },
  { 1, 15588, 16818 }, { 0, 17618, 22536 }, { 1, 23336, 24622 }, { 0, 25422, 36343 },
  { 1, 37143, 39309 },
};

/* The whole sample call, read as fast as possible: both speakers, in
 * order, each utterance inside its speaker's turn, every partial replaced
 * by a final. */
static void
test_transcriber_sample_call (Fixture       *fixture,
                              gconstpointer  data)
{
  AcAudioCapture *capture = capture_of (fixture);
  AcTranscript *transcript = transcript_of (fixture);
  g_autofree char *uri = sample_call_uri ();
  g_autofree char *customer = g_strconcat (uri, "#0", NULL);
  g_autofree char *agent = g_strconcat (uri, "#1", NULL);
  g_autoptr(GError) error = NULL;
  guint n;

  ac_audio_capture_set_paced (capture, FALSE);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, customer);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, agent);

  ac_transcriber_begin_call (fixture->transcriber);
  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);

  ac_test_wait_for (both_done, fixture, 60000);
  g_assert_cmpint (fixture->failed_channel, ==, -1);

  n = g_list_model_get_n_items (G_LIST_MODEL (transcript));
  g_assert_cmpuint (n, >=, G_N_ELEMENTS (turns));
  g_assert_cmpuint (ac_transcript_get_n_final (transcript), ==, n);
  g_assert_cmpuint (fixture->n_partial, >, n);
  g_assert_cmpuint (fixture->replaced, >=, fixture->n_partial);
  g_assert_cmpuint (fixture->n_unscored, ==, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (transcript), i);
      gint64 mid = (ac_utterance_get_start_ms (u) + ac_utterance_get_end_ms (u)) / 2;
      gboolean in_own_turn = FALSE;

      if (i > 0)
        {
          g_autoptr(AcUtterance) prev = g_list_model_get_item (G_LIST_MODEL (transcript), i - 1);

          g_assert_cmpint (ac_utterance_get_start_ms (prev), <=, ac_utterance_get_start_ms (u));
        }

      /* Speaker attribution: the middle of each utterance falls in a turn
       * of its own speaker (with the decoder's 300 ms of slack). */
      for (guint t = 0; t < G_N_ELEMENTS (turns); t++)
        if (turns[t].channel == ac_utterance_get_channel (u) &&
            mid >= turns[t].start - 300 && mid <= turns[t].end + 300)
          in_own_turn = TRUE;

      if (!in_own_turn)
        g_error ("“%s” (channel %u, %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " ms) is outside its speaker's turns",
                 ac_utterance_get_text (u), ac_utterance_get_channel (u),
                 ac_utterance_get_start_ms (u), ac_utterance_get_end_ms (u));
    }

  /* Words the engine gets right on this call, one per speaker. */
  g_assert_cmpuint (count_final (transcript, 1, "patience"), ==, 1);
  g_assert_cmpuint (count_final (transcript, 0, "selfish"), ==, 1);
}

/* A mono recording has only the customer; a channel the file lacks is an
 * error for that channel only. */
static void
test_transcriber_missing_channel (Fixture       *fixture,
                                  gconstpointer  data)
{
  AcAudioCapture *capture = capture_of (fixture);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "sample-call.flac", NULL);
  g_autofree char *agent = NULL;
  g_autoptr(GError) error = NULL;

  agent = g_strconcat ("file://", path, "#5", NULL);
  ac_audio_capture_set_paced (capture, FALSE);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, AC_AUDIO_SOURCE_OFF);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, agent);

  ac_transcriber_begin_call (fixture->transcriber);
  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);
  g_assert_false (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_CUSTOMER));

  while (fixture->failed_channel < 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (fixture->failed_channel, ==, AC_AUDIO_CHANNEL_AGENT);
  g_assert_error (fixture->failure, AC_AUDIO_ERROR, AC_AUDIO_ERROR_DEVICE_FAILED);
  g_assert_nonnull (strstr (fixture->failure->message, "only 2 channels"));
}

static char *
pactl (const char *args)
{
  g_autofree char *command = g_strconcat ("pactl ", args, NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_command_line_sync (command, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_strstrip (g_steal_pointer (&out));
}

typedef struct
{
  AcTranscript *transcript;
  guint         channel;
  guint         n;
} FinalWait;

static gboolean
finals_reached (FinalWait *wait)
{
  return count_final (wait->transcript, wait->channel, NULL) >= wait->n;
}

static gboolean
failure_seen (Fixture *fixture)
{
  return fixture->failed_channel >= 0;
}

/* A live call: the sample call's two sides are played into two PulseAudio
 * null sinks of this test's own and captured from their monitors, as the
 * app captures a softphone and a headset.  Mid-call the customer's sink is
 * unloaded, as if the device were unplugged: that channel fails with a
 * reason, the agent goes on, and nothing transcribed is lost. */
static void
test_transcriber_live_unplug (Fixture       *fixture,
                              gconstpointer  data)
{
  AcAudioCapture *capture = capture_of (fixture);
  AcTranscript *transcript = transcript_of (fixture);
  g_autofree char *customer_sink = NULL;
  g_autofree char *agent_sink = NULL;
  g_autofree char *customer_module = NULL;
  g_autofree char *agent_module = NULL;
  g_autofree char *args = NULL;
  g_autofree char *uri = sample_call_uri ();
  g_autofree char *desc = NULL;
  g_autofree char *monitor = NULL;
  g_autoptr(GstElement) player = NULL;
  g_autoptr(GError) error = NULL;
  FinalWait wait = { transcript, 0, 0 };
  guint finals_before;

  if (!ac_test_require_harness ("PulseAudio"))
    return;

  customer_sink = g_strdup_printf ("ac_test_customer_%d", (int) getpid ());
  agent_sink = g_strdup_printf ("ac_test_agent_%d", (int) getpid ());
  args = g_strdup_printf ("load-module module-null-sink sink_name=%s rate=48000 channels=1",
                          customer_sink);
  customer_module = pactl (args);
  g_free (args);
  args = g_strdup_printf ("load-module module-null-sink sink_name=%s rate=48000 channels=1",
                          agent_sink);
  agent_module = pactl (args);

  monitor = g_strconcat (customer_sink, ".monitor", NULL);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, monitor);
  g_free (monitor);
  monitor = g_strconcat (agent_sink, ".monitor", NULL);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, monitor);

  ac_transcriber_begin_call (fixture->transcriber);
  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);

  desc = g_strdup_printf ("uridecodebin uri=%s ! audioconvert ! deinterleave name=d "
                          "d.src_0 ! queue ! audioconvert ! audioresample ! pulsesink device=%s "
                          "d.src_1 ! queue ! audioconvert ! audioresample ! pulsesink device=%s",
                          uri, customer_sink, agent_sink);
  player = gst_parse_launch (desc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_element_set_state (player, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  /* The customer's first turn ends 8.9 s in, the agent has spoken twice
   * by 11.1 s. */
  wait = (FinalWait) { transcript, AC_AUDIO_CHANNEL_CUSTOMER, 1 };
  ac_test_wait_for (finals_reached, &wait, 30000);
  wait = (FinalWait) { transcript, AC_AUDIO_CHANNEL_AGENT, 1 };
  ac_test_wait_for (finals_reached, &wait, 30000);

  g_free (args);
  args = g_strconcat ("unload-module ", customer_module, NULL);
  g_free (pactl (args));

  ac_test_wait_for (failure_seen, fixture, 10000);
  g_assert_cmpint (fixture->failed_channel, ==, AC_AUDIO_CHANNEL_CUSTOMER);
  g_assert_true (g_str_has_prefix (fixture->failure->message, "Customer audio stopped"));
  g_assert_false (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_CUSTOMER));
  g_assert_true (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_AGENT));
  g_assert_cmpuint (count_final (transcript, AC_AUDIO_CHANNEL_CUSTOMER, NULL), >=, 1);

  /* The agent is still transcribed after the customer's device is gone. */
  finals_before = count_final (transcript, AC_AUDIO_CHANNEL_AGENT, NULL);
  wait = (FinalWait) { transcript, AC_AUDIO_CHANNEL_AGENT, finals_before + 1 };
  ac_test_wait_for (finals_reached, &wait, 30000);
  g_assert_cmpuint (count_final (transcript, AC_AUDIO_CHANNEL_CUSTOMER, NULL), >=, 1);

  gst_element_set_state (player, GST_STATE_NULL);
  ac_audio_capture_stop (capture);
  g_free (args);
  args = g_strconcat ("unload-module ", agent_module, NULL);
  g_free (pactl (args));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  ac_test_init (&argc, &argv);

  engine = ac_pocketsphinx_engine_new (2, &error);
  g_assert_no_error (error);

  g_test_add ("/transcriber/sample-call", Fixture, NULL,
              fixture_set_up, test_transcriber_sample_call, fixture_tear_down);
  g_test_add ("/transcriber/missing-channel", Fixture, NULL,
              fixture_set_up, test_transcriber_missing_channel, fixture_tear_down);
  g_test_add ("/transcriber/live-unplug", Fixture, NULL,
              fixture_set_up, test_transcriber_live_unplug, fixture_tear_down);

  ret = g_test_run ();
  g_clear_object (&engine);

  return ret;
}
