/* test-call-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Call recordings: real Ogg/Opus files written and read back with
 * GStreamer.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <math.h>

#include "ac-audio-file.h"
#include "ac-call-recorder.h"
#include "ac-test-utils.h"

#define RATE AC_AUDIO_CAPTURE_RATE

typedef struct
{
  char  *dir;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("ac-test-recorder-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "call.ogg", NULL);
  fixture->file = g_file_new_for_path (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_file_delete (fixture->file, NULL, NULL);
  g_rmdir (fixture->dir);
  g_clear_object (&fixture->file);
  g_free (fixture->dir);
}

/* The recording decoded back to 16 kHz stereo S16. */
static GArray *
decode (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *desc = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GError) error = NULL;
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  GstSample *sample;

  desc = g_strdup_printf ("filesrc location=\"%s\" ! oggdemux ! opusdec ! audioconvert ! "
                          "audioresample ! audio/x-raw,format=S16LE,rate=%d,channels=2,"
                          "layout=interleaved ! appsink name=sink sync=false", path, RATE);
  pipeline = gst_parse_launch (desc, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstMapInfo map;

      gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ);
      g_array_append_vals (samples, map.data, map.size / sizeof (gint16));
      gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
      gst_sample_unref (sample);
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  return samples;
}

/* RMS in dBFS of one channel of interleaved stereo, between two times. */
static double
rms_dbfs (GArray *stereo,
          guint   channel,
          double  from_s,
          double  to_s)
{
  guint from = (guint) (from_s * RATE);
  guint to = MIN ((guint) (to_s * RATE), stereo->len / 2);
  double sum = 0.0;

  g_assert_cmpuint (from, <, to);
  for (guint i = from; i < to; i++)
    {
      double v = g_array_index (stereo, gint16, i * 2 + channel) / 32768.0;

      sum += v * v;
    }

  return 10.0 * log10 (MAX (sum / (to - from), 1e-12));
}

static gint16 *
tone (guint  n,
      double amplitude,
      double freq)
{
  gint16 *samples = g_new (gint16, n);

  for (guint i = 0; i < n; i++)
    samples[i] = (gint16) (amplitude * 32767.0 * sin (2.0 * G_PI * freq * i / RATE));

  return samples;
}

static void
push_seconds (AcCallRecorder *recorder,
              AcAudioChannel  channel,
              double          seconds,
              double          amplitude)
{
  /* 100 ms blocks, as devices deliver them. */
  guint block = RATE / 10;
  g_autofree gint16 *samples = tone (block, amplitude, channel == 0 ? 440.0 : 300.0);

  for (guint i = 0; i < (guint) (seconds * 10); i++)
    ac_call_recorder_push (recorder, channel, samples, block);
}

static void
push_both (AcCallRecorder *recorder,
           double          seconds,
           double          amplitude)
{
  for (guint i = 0; i < (guint) (seconds * 10); i++)
    {
      push_seconds (recorder, 0, 0.1, amplitude);
      push_seconds (recorder, 1, 0.1, amplitude);
    }
}

/* Both sides, each on its own channel of a 2-channel Ogg/Opus file. */
static void
test_recorder_two_channels (Fixture       *fixture,
                            gconstpointer  data)
{
  AcCallRecorder *recorder = ac_call_recorder_new (fixture->file);
  g_autoptr(GArray) stereo = NULL;
  g_autoptr(GError) error = NULL;
  guint n_channels;
  gint64 duration;

  g_assert_true (ac_call_recorder_start (recorder, &error));
  g_assert_no_error (error);
  g_assert_true (ac_call_recorder_get_recording (recorder));

  /* 1 s customer only (the agent's device not delivering yet), then 1 s
   * of both: loud customer, quiet agent. */
  push_seconds (recorder, 0, 1.0, 0.5);
  push_both (recorder, 1.0, 0.05);

  g_assert_true (ac_call_recorder_stop (recorder, &error));
  g_assert_no_error (error);
  g_assert_false (ac_call_recorder_get_recording (recorder));
  /* The agent joined one 100 ms block late: its sides line up within a
   * block, as a device's would. */
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), >=, 2000);
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), <=, 2100);

  g_assert_true (ac_audio_file_probe (fixture->file, &n_channels, &duration, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_channels, ==, 2);
  g_assert_cmpint (ABS (duration - 2050), <, 100);

  stereo = decode (fixture->file);
  /* First second: the customer's tone at -9 dBFS RMS, the agent silent. */
  g_assert_cmpfloat (rms_dbfs (stereo, 0, 0.2, 0.9), >, -12.0);
  g_assert_cmpfloat (rms_dbfs (stereo, 1, 0.2, 0.9), <, -60.0);
  /* Second second: both, at their own levels. */
  g_assert_cmpfloat (rms_dbfs (stereo, 0, 1.2, 1.9), >, -32.0);
  g_assert_cmpfloat (rms_dbfs (stereo, 1, 1.2, 1.9), >, -32.0);
  g_assert_cmpfloat (rms_dbfs (stereo, 1, 1.2, 1.9), <, -20.0);

  g_assert_finalize_object (recorder);
}

/* What is heard while paused is absent from the file, not silenced. */
static void
test_recorder_pause (Fixture       *fixture,
                     gconstpointer  data)
{
  AcCallRecorder *recorder = ac_call_recorder_new (fixture->file);
  g_autoptr(GArray) stereo = NULL;
  g_autoptr(GError) error = NULL;
  const AcPauseSpan *spans;
  guint n_spans;
  guint n_paused = 0;
  gint64 duration;

  g_assert_true (ac_call_recorder_start (recorder, &error));
  ac_test_count_notify (recorder, "paused", &n_paused);

  push_both (recorder, 1.0, 0.05);
  ac_call_recorder_set_paused (recorder, TRUE);
  g_assert_true (ac_call_recorder_get_paused (recorder));
  /* The card number: loud, and never written. */
  push_both (recorder, 2.0, 0.9);
  g_usleep (50 * 1000);
  ac_call_recorder_set_paused (recorder, FALSE);
  push_both (recorder, 1.0, 0.05);

  g_assert_true (ac_call_recorder_stop (recorder, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_paused, ==, 2);

  /* Each side's last block before the pause is kept beside silence, and
   * the first after it waits for the other side: a block either way. */
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), >=, 2000);
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), <=, 2200);
  spans = ac_call_recorder_get_pause_spans (recorder, &n_spans);
  g_assert_cmpuint (n_spans, ==, 1);
  g_assert_cmpint (spans[0].start_ms, >=, 0);
  g_assert_cmpint (spans[0].end_ms, >=, spans[0].start_ms + 50);

  g_assert_true (ac_audio_file_probe (fixture->file, NULL, &duration, &error));
  g_assert_cmpint (ABS (duration - 2100), <, 150);

  /* Nowhere is the loud paused audio. */
  stereo = decode (fixture->file);
  for (double t = 0.0; t + 0.1 <= 1.95; t += 0.1)
    g_assert_cmpfloat (rms_dbfs (stereo, 0, t, t + 0.1), <, -20.0);

  g_assert_finalize_object (recorder);
}

/* Card details: recognised seconds after they began, cut from their start
 * through the delay line, silence on both channels, the file still on the
 * call's clock; the agent's resume ends the cut at the newest audio. */
static void
test_recorder_cut (Fixture       *fixture,
                   gconstpointer  data)
{
  AcCallRecorder *recorder = ac_call_recorder_new (fixture->file);
  g_autoptr(GArray) stereo = NULL;
  g_autoptr(GError) error = NULL;
  const AcPauseSpan *spans;
  guint n_spans, n_cutting = 0;
  gint64 start;

  g_assert_true (ac_call_recorder_start (recorder, &error));
  ac_call_recorder_set_delay (recorder, 3000);
  ac_test_count_notify (recorder, "cutting", &n_cutting);

  /* 1 s of talk, then 2 s of "digits" (loud), recognised 1.5 s in. */
  push_both (recorder, 1.0, 0.05);
  push_both (recorder, 1.5, 0.9);
  g_assert_cmpint (ac_call_recorder_get_position_ms (recorder), ==, 2500);
  start = ac_call_recorder_begin_cut (recorder, 1000);
  g_assert_cmpint (start, ==, 1000);
  g_assert_true (ac_call_recorder_get_cutting (recorder));
  /* a second begin while open keeps the first */
  g_assert_cmpint (ac_call_recorder_begin_cut (recorder, 2000), ==, 1000);
  push_both (recorder, 0.5, 0.9);
  push_both (recorder, 1.0, 0.05);
  ac_call_recorder_end_cut (recorder, 3000);
  g_assert_false (ac_call_recorder_get_cutting (recorder));
  push_both (recorder, 4.0, 0.05);

  /* Too late: what left the delay line cannot be cut any more. */
  g_assert_cmpint (ac_call_recorder_begin_cut (recorder, 500), ==, 5000);
  ac_call_recorder_end_cut (recorder, -1);

  g_assert_true (ac_call_recorder_stop (recorder, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cutting, ==, 4);
  /* the side a block behind is written at the stop, beside silence */
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), >=, 8000);
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), <=, 8100);

  spans = ac_call_recorder_get_pause_spans (recorder, &n_spans);
  g_assert_cmpuint (n_spans, ==, 2);
  g_assert_cmpint (spans[0].reason, ==, AC_PAUSE_REASON_CARD_DETAILS);
  g_assert_cmpint (spans[0].start_ms, ==, 1000);
  g_assert_cmpint (spans[0].end_ms, ==, 3000);
  g_assert_cmpint (spans[1].start_ms, ==, 5000);
  g_assert_cmpint (spans[1].end_ms, ==, 8000);

  stereo = decode (fixture->file);
  g_assert_cmpuint (stereo->len / 2, >=, 7900 * RATE / 1000);
  for (guint c = 0; c < 2; c++)
    {
      /* talk before and after, silence (Opus's, near enough) over the digits */
      g_assert_cmpfloat (rms_dbfs (stereo, c, 0.1, 0.9), >, -40.0);
      g_assert_cmpfloat (rms_dbfs (stereo, c, 1.05, 2.95), <, -60.0);
      g_assert_cmpfloat (rms_dbfs (stereo, c, 3.1, 3.9), >, -40.0);
      g_assert_cmpfloat (rms_dbfs (stereo, c, 3.1, 3.9), <, -20.0);
    }

  g_assert_finalize_object (recorder);
}

/* Stopping while paused closes the span; a stalled side does not hold the
 * other back. */
static void
test_recorder_stalled_side (Fixture       *fixture,
                            gconstpointer  data)
{
  AcCallRecorder *recorder = ac_call_recorder_new (fixture->file);
  g_autoptr(GError) error = NULL;
  const AcPauseSpan *spans;
  guint n_spans;

  g_assert_true (ac_call_recorder_start (recorder, &error));
  push_both (recorder, 0.5, 0.1);
  /* The agent's device stops delivering without ending: after a second
   * the customer is no longer held back. */
  push_seconds (recorder, 0, 0.5, 0.1);
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), <=, 600);
  g_usleep (1100 * 1000);
  push_seconds (recorder, 0, 2.5, 0.1);
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), >=, 3400);

  ac_call_recorder_channel_ended (recorder, 1);
  ac_call_recorder_set_paused (recorder, TRUE);
  g_assert_true (ac_call_recorder_stop (recorder, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), >=, 3500);
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), <=, 3600);

  spans = ac_call_recorder_get_pause_spans (recorder, &n_spans);
  g_assert_cmpuint (n_spans, ==, 1);
  g_assert_cmpint (spans[0].end_ms, >=, spans[0].start_ms);

  g_assert_finalize_object (recorder);
}

static void
test_recorder_unwritable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-folder/call.ogg");
  AcCallRecorder *recorder = ac_call_recorder_new (file);
  g_autoptr(GError) error = NULL;

  g_assert_false (ac_call_recorder_start (recorder, &error));
  g_assert_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_DEVICE_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/call.ogg"));
  g_assert_false (ac_call_recorder_get_recording (recorder));

  /* Audio given to a recorder that is not recording is dropped. */
  push_seconds (recorder, 0, 0.1, 0.5);
  g_assert_cmpint (ac_call_recorder_get_duration_ms (recorder), ==, 0);
  g_assert_true (ac_call_recorder_stop (recorder, NULL));

  g_assert_finalize_object (recorder);
}

typedef struct
{
  gboolean done[AC_AUDIO_N_CHANNELS];
} Ended;

static void
on_channel_ended (AcAudioCapture *capture,
                  int             channel,
                  Ended          *ended)
{
  ended->done[channel] = TRUE;
}

static gboolean
both_ended (Ended *ended)
{
  return ended->done[0] && ended->done[1];
}

/* The sample call through the capture: the recording is the call. */
static void
test_recorder_capture (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AcAudioCapture) capture = ac_audio_capture_new ();
  g_autoptr(AcCallRecorder) recorder = ac_call_recorder_new (fixture->file);
  g_autoptr(GFile) sample = ac_audio_file_get_sample_call ();
  g_autofree char *uri = g_file_get_uri (sample);
  g_autofree char *customer = g_strconcat (uri, "#0", NULL);
  g_autofree char *agent = g_strconcat (uri, "#1", NULL);
  g_autoptr(GArray) stereo = NULL;
  g_autoptr(GError) error = NULL;
  Ended ended = { { FALSE, FALSE } };
  gint64 sample_ms, recorded_ms;

  g_assert_true (ac_audio_file_probe (sample, NULL, &sample_ms, &error));
  g_assert_no_error (error);

  ac_audio_capture_set_paced (capture, FALSE);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, customer);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, agent);
  ac_audio_capture_set_recorder (capture, recorder);
  /* Read as fast as possible, a side may fall behind for any length of
   * wall-clock time on a busy machine without having stalled. */
  ac_call_recorder_set_stall_timeout (recorder, 0);
  g_signal_connect (capture, "channel-ended", G_CALLBACK (on_channel_ended), &ended);

  g_assert_true (ac_call_recorder_start (recorder, &error));
  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);
  ac_test_wait_for (both_ended, &ended, 30000);
  ac_audio_capture_set_recorder (capture, NULL);
  g_assert_true (ac_call_recorder_stop (recorder, &error));
  g_assert_no_error (error);

  g_assert_true (ac_audio_file_probe (fixture->file, NULL, &recorded_ms, &error));
  g_assert_cmpint (ABS (recorded_ms - sample_ms), <, 200);

  /* 3–8 s in, the customer speaks and the agent listens (see
   * data/samples/sample-call.ref.tsv). */
  stereo = decode (fixture->file);
  g_assert_cmpfloat (rms_dbfs (stereo, 0, 3.0, 8.0), >, -40.0);
  g_assert_cmpfloat (rms_dbfs (stereo, 1, 3.0, 8.0), <, -60.0);
  /* 23.4–24.6 s: the agent's “thank you for your patience”. */
  g_assert_cmpfloat (rms_dbfs (stereo, 1, 23.4, 24.6), >, -40.0);
  g_assert_cmpfloat (rms_dbfs (stereo, 0, 23.4, 24.6), <, -60.0);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add ("/call-recorder/two-channels", Fixture, NULL,
              fixture_set_up, test_recorder_two_channels, fixture_tear_down);
  g_test_add ("/call-recorder/pause", Fixture, NULL,
              fixture_set_up, test_recorder_pause, fixture_tear_down);
  g_test_add ("/call-recorder/cut", Fixture, NULL,
              fixture_set_up, test_recorder_cut, fixture_tear_down);
  g_test_add ("/call-recorder/stalled-side", Fixture, NULL,
              fixture_set_up, test_recorder_stalled_side, fixture_tear_down);
  g_test_add ("/call-recorder/unwritable", Fixture, NULL,
              fixture_set_up, test_recorder_unwritable, fixture_tear_down);
  g_test_add ("/call-recorder/capture", Fixture, NULL,
              fixture_set_up, test_recorder_capture, fixture_tear_down);

  return g_test_run ();
}
