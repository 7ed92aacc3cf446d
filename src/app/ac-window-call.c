/* ac-window-call.c
 *
 * The window's side of a call: starting and ending it on the capture,
 * replaying a recording, recording it, the level meters, and a device
 * changed in Preferences during the call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-audio-file.h"
#include "ac-window-private.h"

/* The level meters show the top 60 dB: quieter than -60 dBFS is silence
 * on a call. */
#define METER_RANGE_DB 60.0

void
_ac_window_update_record_button (AcWindow *self)
{
  gboolean recording = self->recorder != NULL && ac_call_recorder_get_recording (self->recorder);
  gboolean paused = recording && ac_call_recorder_get_paused (self->recorder);

  gtk_widget_set_visible (GTK_WIDGET (self->record_button), recording);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-recording-paused", recording);

  /* An icon, to leave the call area room on small screens; the call's
   * timer says whether it records. */
  gtk_button_set_icon_name (self->record_button,
                            paused ? "media-record-symbolic" : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->record_button),
                               paused ? _("Resume Recording (Ctrl+P)")
                                      : _("Pause Recording: leave what is said now out of it, e.g. a card number (Ctrl+P)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->record_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  paused ? _("Resume Recording") : _("Pause Recording"), -1);
  if (paused)
    gtk_widget_add_css_class (GTK_WIDGET (self->record_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->record_button), "warning");
}

void
_ac_window_update_hold_button (AcWindow *self)
{
  gboolean on_call = ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL;
  gboolean can_hold = on_call && self->transcriber != NULL;
  gboolean held = can_hold && ac_transcriber_get_on_hold (self->transcriber);

  gtk_widget_set_visible (GTK_WIDGET (self->hold_button), can_hold);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-hold", can_hold);
  gtk_button_set_icon_name (self->hold_button, held ? "call-start-symbolic" : "emblem-music-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->hold_button),
                               held ? _("Take the Call off Hold (Ctrl+Shift+H)")
                                    : _("Put the Call on Hold: nothing is transcribed until you take it off "
                                        "(Ctrl+Shift+H)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->hold_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  held ? _("Take off Hold") : _("Hold"), -1);
  if (held)
    gtk_widget_add_css_class (GTK_WIDGET (self->hold_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->hold_button), "warning");
}

/**
 * _ac_window_toggle_hold:
 * @self: a window on a call
 *
 * Puts the call on hold, or takes it off: on hold nothing is transcribed
 * (the speech engine finalises what it heard), the timer says so.
 */
void
_ac_window_toggle_hold (AcWindow *self)
{
  if (self->transcriber == NULL || ac_agent_status_get_state (self->status) != AC_AGENT_STATE_ON_CALL)
    return;
  ac_transcriber_set_on_hold (self->transcriber, !ac_transcriber_get_on_hold (self->transcriber));
  _ac_window_update_hold_button (self);
  _ac_window_update_timers (self);
}

static void
on_card_pause_changed (AcWindow *self)
{
  gboolean active = self->recorder != NULL && ac_call_recorder_get_cutting (self->recorder);

  g_assert (AC_IS_WINDOW (self));

  if (self->card_pause_revealer == NULL)
    return;
  if (active)
    gtk_widget_set_visible (GTK_WIDGET (self->card_pause_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->card_pause_revealer, active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resume-after-card", active);
}

static void
on_recorder_changed (AcWindow *self)
{
  g_assert (AC_IS_WINDOW (self));

  _ac_window_update_record_button (self);
  _ac_window_update_timers (self);
}

/* The folder live calls are recorded to: recordings/ in the app's data
 * folder. */
static GFile *
recordings_folder (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "recordings", NULL);
}

/* Starts recording a live call; a call that cannot be recorded still goes
 * on, and the agent is told. */
static void
start_recording (AcWindow *self)
{
  g_autoptr(GFile) folder = recordings_folder ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "call-%Y%m%d-%H%M%S.ogg");
  g_autoptr(GFile) file = g_file_get_child (folder, name);
  g_autoptr(GError) error = NULL;

  if (!g_file_make_directory_with_parents (folder, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *path = g_file_get_path (folder);

      g_prefix_error (&error, _("The call is not recorded: cannot create “%s”: "), path);
      ac_window_show_error (self, error);
      return;
    }
  g_clear_error (&error);

  self->recorder = ac_call_recorder_new (file);
  g_signal_connect_object (self->recorder, "notify::paused", G_CALLBACK (on_recorder_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recorder, "notify::recording", G_CALLBACK (on_recorder_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recorder, "notify::cutting", G_CALLBACK (on_card_pause_changed),
                           self, G_CONNECT_SWAPPED);

  if (!ac_call_recorder_start (self->recorder, &error))
    {
      ac_window_show_error (self, error);
      g_clear_object (&self->card_pause);
      g_clear_object (&self->recorder);
      return;
    }

  ac_audio_capture_set_recorder (self->capture, self->recorder);

  /* Card details are left out of the recording from their first digit. */
  ac_call_recorder_set_delay (self->recorder, AC_CARD_PAUSE_DELAY_MS);
  on_card_pause_changed (self);
  g_clear_object (&self->card_pause);
  if (self->transcriber == NULL)
    return;
  self->card_pause = ac_card_pause_new (self->transcriber, self->recorder,
                                        ac_settings_get_card_pause_resume (self->settings));
}

void
_ac_window_stop_recording (AcWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->recorder == NULL)
    return;

  ac_audio_capture_set_recorder (self->capture, NULL);
  if (!ac_call_recorder_stop (self->recorder, &error))
    ac_window_show_error (self, error);
  else if (ac_call_recorder_get_duration_ms (self->recorder) > 0 && self->session != NULL)
    ac_call_session_keep_recording (self->session, self->recorder);
  else if (ac_call_recorder_get_duration_ms (self->recorder) == 0)
    {
      /* A call that ended before any audio arrived leaves no empty file. */
      g_file_delete (ac_call_recorder_get_file (self->recorder), NULL, NULL);
      g_signal_handlers_disconnect_by_data (self->recorder, self);
      g_clear_object (&self->card_pause);
      g_clear_object (&self->recorder);
    }
}

static void
set_meter (GtkLevelBar *meter,
           double       dbfs)
{
  gtk_level_bar_set_value (meter, CLAMP (dbfs + METER_RANGE_DB, 0.0, METER_RANGE_DB));
}

static void
on_capture_level_changed (AcWindow       *self,
                          GParamSpec     *pspec,
                          AcAudioCapture *capture)
{
  g_assert (AC_IS_WINDOW (self));

  set_meter (self->customer_meter,
             ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_CUSTOMER));
  set_meter (self->agent_meter,
             ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_AGENT));
  if (self->session != NULL && ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL)
    ac_call_session_voice_activity (self->session, ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_CUSTOMER),
                                    ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_AGENT));
}

static void
on_capture_channel_failed (AcWindow       *self,
                           AcAudioChannel  channel,
                           const GError   *error,
                           AcAudioCapture *capture)
{
  g_assert (AC_IS_WINDOW (self));

  ac_window_show_error (self, error);
}

/**
 * _ac_window_follow_language:
 * @self: a window
 * @language: (nullable): the language of the call: the popped customer's
 *   `preferred_language`; %NULL for the settings' (`speech-language`)
 *
 * The call is transcribed in @language where its engine can; where it
 * cannot, the agent is told what it is transcribed in instead.
 */
void
_ac_window_follow_language (AcWindow   *self,
                            const char *language)
{
  const char *fallback = ac_settings_get_speech_language (self->settings);
  g_autoptr(GError) error = NULL;

  if (self->engine == NULL)
    return;
  if (language == NULL || language[0] == '\0')
    language = fallback;
  if (!ac_speech_engine_set_language (self->engine, language, &error))
    {
      g_message ("%s", error->message);
      ac_window_show_notice (self, error->message);
      /* What it can: the settings' language. */
      ac_speech_engine_set_language (self->engine, fallback, NULL);
    }
}

/* Starts a call on the capture's current sources. */
gboolean
_ac_window_start_call (AcWindow  *self,
                       GError   **error)
{
  /* Each call its own transcript and escalations. */
  _ac_window_show_call (self);
  _ac_window_ensure_transcriber (self);

  if (self->transcriber != NULL)
    {
      ac_transcriber_begin_call (self->transcriber);
      ac_settings_apply_redaction (self->settings, ac_transcriber_get_redactor (self->transcriber));
    }
  /* In the settings' language until a customer pops with their own. */
  if (self->engine != NULL)
    ac_speech_engine_set_language (self->engine, ac_settings_get_speech_language (self->settings), NULL);

  /* The recording from the last call stays known until a new one starts. */
  if (self->recorder != NULL)
    g_signal_handlers_disconnect_by_data (self->recorder, self);
  g_clear_object (&self->card_pause);
  g_clear_object (&self->recorder);

  /* A replayed recording is not recorded again. */
  if (self->replaying == NULL && ac_settings_get_record_calls (self->settings))
    start_recording (self);

  if (!ac_audio_capture_start (self->capture, error))
    {
      _ac_window_stop_recording (self);
      if (self->recorder != NULL)
        {
          g_autoptr(GFile) file = g_object_ref (ac_call_recorder_get_file (self->recorder));

          /* Nothing was recorded: no empty file is left behind. */
          g_file_delete (file, NULL, NULL);
          g_signal_handlers_disconnect_by_data (self->recorder, self);
          g_clear_object (&self->card_pause);
          g_clear_object (&self->recorder);
        }
      return FALSE;
    }

  /* A new call starts clean: no customer unless this call's caller pops
   * one, and no ticket page left from the last. */
  ac_customer_panel_clear (self->customer_panel);
  if (!ac_ticket_form_get_editing (self->ticket_form))
    ac_ticket_form_reset (self->ticket_form);
  _ac_window_begin_session (self);
  /* The server's recording of the call pauses for card details too. */
  if (self->card_pause != NULL)
    ac_card_pause_set_backend (self->card_pause, self->sync, self->session);
  _ac_window_screen_pop (self);
  ac_transcript_view_jump_to_live (self->transcript_view);
  ac_agent_status_set_state (self->status, AC_AGENT_STATE_ON_CALL, NULL);

  return TRUE;
}

void
_ac_window_end_call (AcWindow *self)
{
  if (self->transcriber != NULL)
    ac_transcriber_set_on_hold (self->transcriber, FALSE);
  ac_audio_capture_stop (self->capture);
  _ac_window_stop_recording (self);
  /* A replay's sources were for this call only. */
  ac_audio_capture_set_paced (self->capture, TRUE);
  ac_agent_status_set_state (self->status, AC_AGENT_STATE_AFTER_CALL_WORK, NULL);
  /* A final the stop still produces is told after this, in the same
   * call: nothing said is lost. */
  if (self->session != NULL)
    ac_call_session_end (self->session, ac_agent_status_get_last_call_duration (self->status));
  /* The caller's number was this call's: the next has its own, or none. */
  g_clear_pointer (&self->caller_number, g_free);
  _ac_window_ensure_transcriber (self);
}

/* A device chosen in Preferences during a live call takes over its side
 * at once: this is how the agent recovers from a device that failed. */
static void
on_source_setting_changed (AcWindow   *self,
                           GParamSpec *pspec,
                           AcSettings *settings)
{
  AcAudioChannel channel;
  const char *source;
  g_autoptr(GError) error = NULL;

  g_assert (AC_IS_WINDOW (self));

  if (ac_agent_status_get_state (self->status) != AC_AGENT_STATE_ON_CALL || self->replaying != NULL)
    return;

  channel = g_str_equal (pspec->name, "customer-source") ? AC_AUDIO_CHANNEL_CUSTOMER
                                                         : AC_AUDIO_CHANNEL_AGENT;
  source = channel == AC_AUDIO_CHANNEL_CUSTOMER ? ac_settings_get_customer_source (settings)
                                                : ac_settings_get_agent_source (settings);

  /* A running channel restarts on the new source by itself. */
  ac_audio_capture_set_source (self->capture, channel, source);
  if (!ac_audio_capture_start_channel (self->capture, channel, &error))
    ac_window_show_error (self, error);
}

static void
on_capture_channel_ended (AcWindow       *self,
                          AcAudioChannel  channel,
                          AcAudioCapture *capture)
{
  g_assert (AC_IS_WINDOW (self));

  /* A replayed call ends with its recording. */
  if (self->replaying != NULL && !ac_audio_capture_get_running (capture) &&
      ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL)
    _ac_window_end_call (self);
}

/**
 * ac_window_replay:
 * @self: a #AcWindow
 * @file: a recorded call: mono (the customer) or dual-channel (channel 0
 *   the customer, 1 the agent)
 * @error: return location for an error
 *
 * Starts a call that plays @file at real-time pace through the same
 * capture, recognition and transcript as a live call.  The call ends when
 * the recording does, or when the agent stops listening.
 *
 * Returns: %TRUE if the call started; %FALSE with an %AC_AUDIO_ERROR
 *   saying what is wrong with the file
 */
gboolean
ac_window_replay (AcWindow  *self,
                  GFile     *file,
                  GError   **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *agent = NULL;
  guint n_channels;

  g_return_val_if_fail (AC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ac_agent_status_can_enter (self->status, AC_AGENT_STATE_ON_CALL) ||
      ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL)
    {
      g_set_error (error, AC_AGENT_STATUS_ERROR, AC_AGENT_STATUS_ERROR_INVALID_TRANSITION,
                   _("Finish the current call and wrap-up before replaying a recording"));
      return FALSE;
    }

  if (!ac_audio_file_probe (file, &n_channels, NULL, error))
    return FALSE;

  uri = g_file_get_uri (file);
  customer = n_channels >= 2 ? g_strconcat (uri, "#0", NULL) : g_strdup (uri);
  agent = n_channels >= 2 ? g_strconcat (uri, "#1", NULL) : g_strdup (AC_AUDIO_SOURCE_OFF);

  ac_audio_capture_set_paced (self->capture, TRUE);
  ac_audio_capture_set_source (self->capture, AC_AUDIO_CHANNEL_CUSTOMER, customer);
  ac_audio_capture_set_source (self->capture, AC_AUDIO_CHANNEL_AGENT, agent);

  g_free (self->replaying);
  self->replaying = g_file_get_basename (file);

  if (!_ac_window_start_call (self, error))
    {
      g_clear_pointer (&self->replaying, g_free);
      return FALSE;
    }

  return TRUE;
}

void
_ac_window_call_init (AcWindow *self)
{
  g_signal_connect_object (self->capture, "notify::customer-level",
                           G_CALLBACK (on_capture_level_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->capture, "notify::agent-level",
                           G_CALLBACK (on_capture_level_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->capture, "channel-failed",
                           G_CALLBACK (on_capture_channel_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->capture, "channel-ended",
                           G_CALLBACK (on_capture_channel_ended), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "notify::customer-source",
                           G_CALLBACK (on_source_setting_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::agent-source",
                           G_CALLBACK (on_source_setting_changed), self,
                           G_CONNECT_SWAPPED);

  on_capture_level_changed (self, NULL, self->capture);
}
