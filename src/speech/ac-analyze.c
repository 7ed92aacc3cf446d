/* ac-analyze.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-analyze"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-analyze.h"
#include "ac-audio-capture.h"
#include "ac-audio-file.h"
#include "ac-pocketsphinx-engine.h"
#include "ac-transcriber.h"

typedef struct
{
  GMainLoop     *loop;
  AcTranscriber *transcriber;
  gboolean       waiting[AC_AUDIO_N_CHANNELS];
  GError        *error;
} Analysis;

static void
check_done (Analysis *analysis)
{
  for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
    if (analysis->waiting[i])
      return;

  g_main_loop_quit (analysis->loop);
}

static void
on_channel_done (AcTranscriber *transcriber,
                 int            channel,
                 gpointer       user_data)
{
  Analysis *analysis = user_data;

  analysis->waiting[channel] = FALSE;
  check_done (analysis);
}

static void
on_failed (GObject *object,
           int      channel,
           GError  *error,
           gpointer user_data)
{
  Analysis *analysis = user_data;

  if (analysis->error == NULL)
    analysis->error = g_error_copy (error);
}

/**
 * ac_analyze_recording:
 * @file: a recorded call, in any format GStreamer decodes: mono (taken as
 *   the customer) or with two or more channels (channel 0 the customer,
 *   1 the agent)
 * @duration_ms: (out) (optional): the recording's length in ms, or -1 if
 *   unknown
 * @error: return location for an error
 *
 * Transcribes a recorded call through the same path as a live call —
 * [class@AudioCapture], the embedded speech engine, [class@Transcriber] —
 * but reading the file as fast as the computer allows.  Blocks until the
 * whole recording is transcribed, running its own main context; call it
 * from a command-line tool or a worker thread.  GStreamer must have been
 * initialised.
 *
 * Returns: (transfer full): the transcript, or %NULL with an
 *   %AC_AUDIO_ERROR (missing, undecodable or soundless file, failed
 *   decoding) or %AC_SPEECH_ERROR (no speech model)
 */
AcTranscript *
ac_analyze_recording (GFile   *file,
                      gint64  *duration_ms,
                      GError **error)
{
  return ac_analyze_recording_with (file, NULL, duration_ms, error);
}

/**
 * ac_analyze_recording_with:
 * @file: a recorded call, as for ac_analyze_recording()
 * @engine: (nullable): the speech engine to transcribe it with, such as a
 *   speech service's (ac_speech_engine_new_for_service()); %NULL for the
 *   embedded one
 * @duration_ms: (out) (optional): the recording's length in ms, or -1
 * @error: return location for an error
 *
 * ac_analyze_recording() with the engine given: a service is sent the
 * audio as fast as it takes it.
 *
 * Returns: (transfer full): the transcript, or %NULL with an error
 */
AcTranscript *
ac_analyze_recording_with (GFile           *file,
                           AcSpeechEngine  *given,
                           gint64          *duration_ms,
                           GError         **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(AcAudioCapture) capture = NULL;
  g_autoptr(AcSpeechEngine) engine = given != NULL ? g_object_ref (given) : NULL;
  g_autoptr(AcTranscriber) transcriber = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *uri = NULL;
  Analysis analysis = { NULL, };
  guint n_channels;
  AcTranscript *transcript;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ac_audio_file_probe (file, &n_channels, duration_ms, error))
    return NULL;

  if (engine == NULL &&
      !(engine = AC_SPEECH_ENGINE (ac_pocketsphinx_engine_new (MIN (n_channels, AC_AUDIO_N_CHANNELS), error))))
    return NULL;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  capture = ac_audio_capture_new ();
  ac_audio_capture_set_paced (capture, FALSE);

  uri = g_file_get_uri (file);
  if (n_channels >= 2)
    {
      g_autofree char *customer = g_strconcat (uri, "#0", NULL);
      g_autofree char *agent = g_strconcat (uri, "#1", NULL);

      ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, customer);
      ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, agent);
    }
  else
    {
      ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, uri);
      ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, AC_AUDIO_SOURCE_OFF);
    }

  transcriber = ac_transcriber_new (capture, engine, NULL);
  loop = g_main_loop_new (context, FALSE);

  analysis.loop = loop;
  analysis.transcriber = transcriber;
  g_signal_connect (transcriber, "channel-done", G_CALLBACK (on_channel_done), &analysis);
  g_signal_connect (transcriber, "error", G_CALLBACK (on_failed), &analysis);
  g_signal_connect (capture, "channel-failed", G_CALLBACK (on_failed), &analysis);

  ac_transcriber_begin_call (transcriber);

  if (ac_audio_capture_start (capture, &analysis.error))
    {
      for (guint i = 0; i < AC_AUDIO_N_CHANNELS; i++)
        analysis.waiting[i] = ac_audio_capture_is_channel_running (capture, i);

      /* A channel that failed to start has already been reported. */
      if (analysis.error == NULL)
        g_main_loop_run (loop);
    }

  ac_audio_capture_stop (capture);

  /* Whatever the stop finished is still queued. */
  while (g_main_context_iteration (context, FALSE))
    ;

  g_signal_handlers_disconnect_by_data (transcriber, &analysis);
  g_signal_handlers_disconnect_by_data (capture, &analysis);

  transcript = g_object_ref (ac_transcriber_get_transcript (transcriber));
  g_clear_object (&transcriber);
  g_clear_object (&capture);

  g_main_context_pop_thread_default (context);

  if (analysis.error != NULL)
    {
      g_propagate_error (error, analysis.error);
      g_object_unref (transcript);
      return NULL;
    }

  return transcript;
}
