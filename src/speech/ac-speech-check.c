/* ac-speech-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-speech-check"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/audio/audio.h>
#include <gst/gst.h>

#include "ac-audio-capture.h"
#include "ac-speech-check.h"

/*
 * Checking an engine as Preferences → Speech → Test does: the first
 * seconds of a recording's first channel (the customer's) are decoded to
 * the engines' format (16 kHz mono), streamed to the engine *at the pace of speech*
 * (appsink with sync=true: a buffer arrives when its time has come, as a
 * live call's would), and each hypothesis is timed against the audio it
 * covers.  A service that refuses the key or cannot be reached fails the
 * check with its own words.
 */

typedef struct
{
  AcSpeechEngine *engine;
  char           *uri;
  guint           duration_ms;

  GMutex          lock;
  gint64          start_us;     /* monotonic time of the audio's 0 */
  GArray         *latencies;    /* gint64 ms */
  GString        *finals;
  char           *partial;
} Check;

static void
check_data_free (gpointer data)
{
  Check *check = data;

  g_object_unref (check->engine);
  g_free (check->uri);
  g_mutex_clear (&check->lock);
  g_array_unref (check->latencies);
  g_string_free (check->finals, TRUE);
  g_free (check->partial);
  g_free (check);
}

/**
 * ac_speech_check_free:
 * @check: (transfer full): a check's result
 */
void
ac_speech_check_free (AcSpeechCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->words);
  g_free (check);
}

/* Any thread: the engine's. */
static void
on_hypothesis (AcSpeechEngine *engine,
               AcUtterance    *utterance,
               Check          *check)
{
  gint64 now = g_get_monotonic_time ();
  gint64 behind;

  g_mutex_lock (&check->lock);
  behind = (now - check->start_us) / G_TIME_SPAN_MILLISECOND - ac_utterance_get_end_ms (utterance);
  behind = MAX (behind, 0);
  g_array_append_val (check->latencies, behind);
  if (ac_utterance_get_is_final (utterance))
    {
      if (check->finals->len > 0)
        g_string_append_c (check->finals, ' ');
      g_string_append (check->finals, ac_utterance_get_text (utterance));
    }
  else
    {
      g_free (check->partial);
      check->partial = g_strdup (ac_utterance_get_text (utterance));
    }
  g_mutex_unlock (&check->lock);
}

static int
compare_ms (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The bus's error, if the pipeline failed. */
static gboolean
pipeline_failed (GstElement  *pipeline,
                 GError     **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  g_autoptr(GError) cause = NULL;

  if (message == NULL)
    return FALSE;
  gst_message_parse_error (message, &cause, NULL);
  g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_DEVICE_FAILED, _("The sample call could not be played: %s"),
               cause->message);
  return TRUE;
}

static void
run_check (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Check *check = task_data;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) source = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcSpeechCheck) result = g_new0 (AcSpeechCheck, 1);
  gint64 fed = 0;
  gboolean started = FALSE;
  gulong handler;

  pipeline = gst_parse_launch ("uridecodebin name=source ! audioconvert ! audioresample ! "
                               "audio/x-raw,format=S16LE,rate=16000,layout=interleaved ! "
                               "appsink name=sink sync=true max-buffers=64", &error);
  if (pipeline == NULL)
    {
      g_task_return_new_error (task, AC_AUDIO_ERROR, AC_AUDIO_ERROR_MISSING_ELEMENT,
                               _("The sample call could not be played: %s"), error->message);
      return;
    }
  gst_object_ref_sink (pipeline);
  source = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (source, "uri", check->uri, NULL);

  handler = g_signal_connect (check->engine, "hypothesis", G_CALLBACK (on_hypothesis), check);
  ac_speech_engine_start (check->engine, 0);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  while (fed < check->duration_ms && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 100 * GST_MSECOND);
      GstBuffer *buffer;
      GstMapInfo map;
      GstAudioInfo info;
      g_autofree gint16 *customer = NULL;
      gsize n;
      gboolean ok;

      if (sample == NULL)
        {
          if (pipeline_failed (pipeline, &error) || gst_app_sink_is_eos (GST_APP_SINK (sink)))
            break;
          continue;
        }
      buffer = gst_sample_get_buffer (sample);
      if (!gst_audio_info_from_caps (&info, gst_sample_get_caps (sample)) || info.channels < 1 ||
          !gst_buffer_map (buffer, &map, GST_MAP_READ))
        continue;
      /* Channel 0: the customer. */
      n = map.size / sizeof (gint16) / (gsize) info.channels;
      customer = g_new (gint16, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        customer[i] = GINT16_FROM_LE (((const gint16 *) map.data)[i * (gsize) info.channels]);
      if (!started)
        {
          /* The audio's 0: this buffer's time, now. */
          g_mutex_lock (&check->lock);
          check->start_us = g_get_monotonic_time () -
                            (GST_BUFFER_PTS_IS_VALID (buffer) ? (gint64) (GST_BUFFER_PTS (buffer) / GST_USECOND) : 0);
          g_mutex_unlock (&check->lock);
          started = TRUE;
        }
      ok = ac_speech_engine_process (check->engine, 0, customer, n, &error);
      fed += (gint64) n * 1000 / AC_SPEECH_SAMPLE_RATE;
      gst_buffer_unmap (buffer, &map);
      if (!ok)
        break;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (error == NULL && fed == 0 && !g_cancellable_is_cancelled (cancellable))
    g_set_error_literal (&error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_NO_AUDIO, _("The sample call has no sound"));
  if (error == NULL && !g_cancellable_is_cancelled (cancellable))
    ac_speech_engine_finish (check->engine, 0, &error);
  g_signal_handler_disconnect (check->engine, handler);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_mutex_lock (&check->lock);
  result->words = g_strdup (check->finals->len > 0 ? check->finals->str
                            : check->partial != NULL ? check->partial : "");
  result->n_hypotheses = check->latencies->len;
  if (check->latencies->len > 0)
    {
      g_array_sort (check->latencies, compare_ms);
      result->latency_ms = g_array_index (check->latencies, gint64, check->latencies->len / 2);
    }
  else
    result->latency_ms = -1;
  g_mutex_unlock (&check->lock);
  result->audio_ms = fed;
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) ac_speech_check_free);
}

/**
 * ac_speech_check_run_async:
 * @engine: the engine to check: a service's, made from the settings and
 *   the keyring's key (not one a call is using: its channel 0 is started)
 * @recording: a recorded call (the sample call: ac_audio_file_get_sample_call())
 * @duration_ms: how much of it to stream, in ms (a few seconds: it is
 *   streamed in real time)
 * @cancellable: (nullable): to stop early
 * @callback: called with the result on the caller's thread-default context
 * @user_data: for @callback
 *
 * Streams the start of @recording to @engine at the pace of speech and
 * reports what it heard and how far behind the audio its hypotheses came
 * (see #AcSpeechCheck).  Runs on a worker thread; GStreamer must have
 * been initialised.
 */
void
ac_speech_check_run_async (AcSpeechEngine      *engine,
                           GFile               *recording,
                           guint                duration_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (AC_IS_SPEECH_ENGINE (engine));
  g_return_if_fail (G_IS_FILE (recording));

  check = g_new0 (Check, 1);
  check->engine = g_object_ref (engine);
  check->uri = g_file_get_uri (recording);
  check->duration_ms = duration_ms;
  g_mutex_init (&check->lock);
  check->latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  check->finals = g_string_new (NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_speech_check_run_async);
  g_task_set_task_data (task, check, check_data_free);
  g_task_run_in_thread (task, run_check);
}

/**
 * ac_speech_check_run_finish:
 * @result: the result given to the callback
 * @error: return location for an %AC_SPEECH_ERROR (the service refused
 *   the key, or cannot be reached) or %AC_AUDIO_ERROR (the recording
 *   cannot be played)
 *
 * Returns: (transfer full): what the check found, or %NULL with an error
 */
AcSpeechCheck *
ac_speech_check_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ac_speech_check_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
