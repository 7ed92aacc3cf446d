/* test-audio-capture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "ac-audio-capture.h"
#include "ac-test-utils.h"

/* A sine at volume 0.5 has an RMS of about -9 dBFS; speech on a call sits
 * around -20 to -30.  Silence is the floor. */
#define LOUD_DBFS (-20.0)
#define QUIET_DBFS (-60.0)

#define SINE "gst:audiotestsrc is-live=true wave=sine volume=0.5"
#define SILENCE "gst:audiotestsrc is-live=true wave=silence"

typedef struct
{
  AcAudioCapture *capture;
  AcAudioChannel  channel;
} LevelWait;

static gboolean
channel_is_loud (LevelWait *wait)
{
  return ac_audio_capture_get_level (wait->capture, wait->channel) > LOUD_DBFS;
}

typedef struct
{
  guint   count;
  int     channel;
  GError *error;
} Failure;

static void
on_channel_failed (AcAudioCapture *capture,
                   int             channel,
                   const GError   *error,
                   Failure        *failure)
{
  failure->count++;
  failure->channel = channel;
  g_clear_error (&failure->error);
  failure->error = g_error_copy (error);
}

static gboolean
failure_seen (Failure *failure)
{
  return failure->count > 0;
}

static void
test_capture_new (void)
{
  AcAudioCapture *capture = ac_audio_capture_new ();

  g_assert_false (ac_audio_capture_get_running (capture));
  g_assert_cmpstr (ac_audio_capture_get_source (capture, AC_AUDIO_CHANNEL_CUSTOMER), ==, "");
  g_assert_cmpfloat (ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_AGENT), ==,
                     AC_AUDIO_LEVEL_FLOOR);

  g_assert_finalize_object (capture);
}

static void
test_capture_levels (void)
{
  AcAudioCapture *capture = ac_audio_capture_new ();
  g_autoptr(GError) error = NULL;
  LevelWait wait = { capture, AC_AUDIO_CHANNEL_CUSTOMER };
  double agent;

  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, SINE);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, SILENCE);

  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);
  g_assert_true (ac_audio_capture_get_running (capture));

  ac_test_wait_for (channel_is_loud, &wait, 5000);

  /* The channels are separate: the silent side stays at the floor. */
  agent = ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_AGENT);
  g_assert_cmpfloat (agent, <, QUIET_DBFS);

  ac_audio_capture_stop (capture);
  g_assert_false (ac_audio_capture_get_running (capture));
  g_assert_cmpfloat (ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_CUSTOMER), ==,
                     AC_AUDIO_LEVEL_FLOOR);

  g_assert_finalize_object (capture);
}

static void
test_capture_invalid_sources (void)
{
  g_autoptr(AcAudioCapture) capture = ac_audio_capture_new ();
  g_autoptr(GError) error = NULL;

  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, "gst:no-such-element-here");
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, "file://%%not a uri");

  g_assert_false (ac_audio_capture_start (capture, &error));
  g_assert_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE);
  g_assert_nonnull (strstr (error->message, "no-such-element-here"));
  g_assert_false (ac_audio_capture_get_running (capture));
}

/* One side failing leaves the other capturing. */
static void
test_capture_one_channel_fails (void)
{
  g_autoptr(AcAudioCapture) capture = ac_audio_capture_new ();
  g_autoptr(GError) error = NULL;
  Failure failure = { 0, };
  LevelWait wait = { capture, AC_AUDIO_CHANNEL_AGENT };

  g_signal_connect (capture, "channel-failed", G_CALLBACK (on_channel_failed), &failure);

  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, "gst:no-such-element-here");
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, SINE);

  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (failure.count, ==, 1);
  g_assert_cmpint (failure.channel, ==, AC_AUDIO_CHANNEL_CUSTOMER);
  g_assert_error (failure.error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_INVALID_SOURCE);

  g_assert_false (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_CUSTOMER));
  g_assert_true (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_AGENT));
  ac_test_wait_for (channel_is_loud, &wait, 5000);

  g_clear_error (&failure.error);
}

/* A device that fails after it started (here: an element that errors on
 * its first buffer) stops its channel and says why. */
static void
test_capture_runtime_failure (void)
{
  g_autoptr(AcAudioCapture) capture = ac_audio_capture_new ();
  g_autoptr(GError) error = NULL;
  Failure failure = { 0, };

  g_signal_connect (capture, "channel-failed", G_CALLBACK (on_channel_failed), &failure);

  /* A file that exists but holds no audio: decodebin fails once playing. */
  {
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "ac-test-not-audio.wav", NULL);
    g_autofree char *uri = NULL;

    g_assert_true (g_file_set_contents (path, "this is not a wav file", -1, NULL));
    uri = g_filename_to_uri (path, NULL, NULL);
    ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, uri);
    ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, SILENCE);

    g_assert_true (ac_audio_capture_start (capture, &error));
    g_assert_no_error (error);

    ac_test_wait_for (failure_seen, &failure, 5000);
    g_unlink (path);
  }

  g_assert_cmpint (failure.channel, ==, AC_AUDIO_CHANNEL_CUSTOMER);
  g_assert_error (failure.error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_DEVICE_FAILED);
  g_assert_true (g_str_has_prefix (failure.error->message, "Customer audio stopped: "));
  g_assert_false (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_CUSTOMER));
  g_assert_true (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_AGENT));

  g_clear_error (&failure.error);
}

static void
on_channel_ended (AcAudioCapture *capture,
                  int             channel,
                  int            *ended)
{
  *ended = channel;
}

static gboolean
ended_seen (int *ended)
{
  return *ended >= 0;
}

/* A recording plays through the same path, at real-time pace, and ends. */
static void
test_capture_file (void)
{
  g_autoptr(AcAudioCapture) capture = ac_audio_capture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) writer = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "ac-test-tone.wav", NULL);
  g_autofree char *desc = NULL;
  g_autofree char *uri = NULL;
  LevelWait wait = { capture, AC_AUDIO_CHANNEL_CUSTOMER };
  gint64 started;
  int ended = -1;

  /* 0.6 s of tone at 16 kHz */
  desc = g_strdup_printf ("audiotestsrc num-buffers=6 samplesperbuffer=1600 volume=0.5 ! "
                          "audio/x-raw,rate=16000,channels=1 ! wavenc ! filesink location=\"%s\"",
                          path);
  writer = gst_parse_launch (desc, &error);
  g_assert_no_error (error);
  gst_element_set_state (writer, GST_STATE_PLAYING);
  {
    g_autoptr(GstBus) bus = gst_element_get_bus (writer);
    g_autoptr(GstMessage) msg =
      gst_bus_timed_pop_filtered (bus, 10 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);

    g_assert_nonnull (msg);
    g_assert_cmpint (GST_MESSAGE_TYPE (msg), ==, GST_MESSAGE_EOS);
  }
  gst_element_set_state (writer, GST_STATE_NULL);

  uri = g_filename_to_uri (path, NULL, NULL);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, uri);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, SILENCE);
  g_signal_connect (capture, "channel-ended", G_CALLBACK (on_channel_ended), &ended);

  started = g_get_monotonic_time ();
  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);

  ac_test_wait_for (channel_is_loud, &wait, 5000);
  ac_test_wait_for (ended_seen, &ended, 5000);
  g_assert_cmpint (ended, ==, AC_AUDIO_CHANNEL_CUSTOMER);

  /* Real-time pace: 0.6 s of audio takes at least about that long. */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 500 * 1000);
  g_assert_false (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_CUSTOMER));
  g_assert_true (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_AGENT));

  g_unlink (path);
}

/* The harness's PulseAudio: play a tone into the “softphone” null sink and
 * capture it from the sink's monitor, as the app captures a softphone.
 * The agent side, on the “headset” monitor, hears nothing. */
static void
test_capture_pulse_monitor (void)
{
  g_autoptr(AcAudioCapture) capture = NULL;
  g_autoptr(GstElement) player = NULL;
  g_autoptr(GError) error = NULL;
  LevelWait wait;

  if (!ac_test_require_harness ("PulseAudio with null sinks"))
    return;

  player = gst_parse_launch ("audiotestsrc is-live=true wave=sine volume=0.5 ! "
                             "audio/x-raw,rate=48000,channels=1 ! "
                             "pulsesink device=softphone", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_element_set_state (player, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  capture = ac_audio_capture_new ();
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, "softphone.monitor");
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, "headset.monitor");
  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);

  /* A null sink's monitor takes a second or two to deliver. */
  wait = (LevelWait) { capture, AC_AUDIO_CHANNEL_CUSTOMER };
  ac_test_wait_for (channel_is_loud, &wait, 10000);
  g_assert_cmpfloat (ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_AGENT), <, QUIET_DBFS);

  ac_audio_capture_stop (capture);
  gst_element_set_state (player, GST_STATE_NULL);
}

static void
test_capture_pulse_missing_device (void)
{
  g_autoptr(AcAudioCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  Failure failure = { 0, };

  if (!ac_test_require_harness ("PulseAudio with null sinks"))
    return;

  capture = ac_audio_capture_new ();
  g_signal_connect (capture, "channel-failed", G_CALLBACK (on_channel_failed), &failure);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, "no-such-softphone.monitor");
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, "headset.monitor");

  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);
  if (failure.count == 0)
    ac_test_wait_for (failure_seen, &failure, 5000);

  g_assert_cmpint (failure.channel, ==, AC_AUDIO_CHANNEL_CUSTOMER);
  g_assert_nonnull (failure.error);
  g_assert_true (g_str_has_prefix (failure.error->message, "Customer audio"));
  g_assert_true (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_AGENT));

  g_clear_error (&failure.error);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/audio-capture/new", test_capture_new);
  g_test_add_func ("/audio-capture/levels", test_capture_levels);
  g_test_add_func ("/audio-capture/invalid-sources", test_capture_invalid_sources);
  g_test_add_func ("/audio-capture/one-channel-fails", test_capture_one_channel_fails);
  g_test_add_func ("/audio-capture/runtime-failure", test_capture_runtime_failure);
  g_test_add_func ("/audio-capture/file", test_capture_file);
  g_test_add_func ("/audio-capture/pulse-monitor", test_capture_pulse_monitor);
  g_test_add_func ("/audio-capture/pulse-missing-device", test_capture_pulse_missing_device);

  return g_test_run ();
}
