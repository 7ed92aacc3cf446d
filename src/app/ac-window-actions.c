/* ac-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ac-audio-file.h"
#include "ac-json.h"
#include "ac-application.h"
#include "ac-window-private.h"

/* The window's actions (`win.*`) and their keyboard shortcuts. */

static void
toggle_recording_paused (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);

  if (self->recorder != NULL && ac_call_recorder_get_recording (self->recorder))
    ac_call_recorder_set_paused (self->recorder, !ac_call_recorder_get_paused (self->recorder));
}

static void
resume_after_card (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);

  if (self->card_pause != NULL)
    ac_card_pause_resume (self->card_pause);
  else if (self->recorder != NULL)
    ac_call_recorder_end_cut (self->recorder, -1);
}

static void
toggle_hold (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _ac_window_toggle_hold (AC_WINDOW (widget));
}

static void
acknowledge_escalation (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  _ac_window_acknowledge_escalations (self);
  if (app != NULL)
    g_application_withdraw_notification (app, "escalation");
}

/* Asking a supervisor for help: a line in the call's notes, and with a
 * backend a message into the call's room for the supervisors; the
 * escalations it answers are acknowledged. */
static void
ask_supervisor (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  AcEscalation *pending;
  g_autofree char *when = NULL;
  g_autofree char *note = NULL;
  gint64 at_ms;

  if (self->session == NULL)
    return;

  at_ms = ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL
          ? ac_agent_status_get_time_in_state (self->status)
          : ac_agent_status_get_last_call_duration (self->status);
  when = ac_format_duration (at_ms);
  pending = ac_escalations_get_pending (self->escalations);
  if (pending != NULL)
    /* Translators: a line of the call's notes: the time, then the
     * escalation, e.g. “The customer mentioned fraud…” */
    note = g_strdup_printf (_("Asked a supervisor for help at %s: %s"), when,
                            ac_escalation_get_reason (pending));
  else
    /* Translators: a line of the call's notes, e.g. “… at 1:02” */
    note = g_strdup_printf (_("Asked a supervisor for help at %s"), when);

  ac_wrap_up_form_add_note (self->wrap_up_form, note);
  ac_call_session_ask_supervisor (self->session, note);
  self->supervisor_asked = TRUE;
  _ac_window_acknowledge_escalations (self);

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (self->uploader != NULL
                                              ? _("Your supervisors are asked to help with this call")
                                              : _("No contact center is connected: your request is in the call’s notes")));
}

static void
show_escalation (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  AcEscalation *pending = ac_escalations_get_pending (self->escalations);

  if (pending != NULL)
    ac_transcript_view_scroll_to (self->transcript_view, ac_escalation_get_utterance (pending));
}

static void
toggle_listening (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL)
    {
      _ac_window_end_call (self);
      return;
    }

  if (!ac_agent_status_can_enter (self->status, AC_AGENT_STATE_ON_CALL))
    return;

  g_clear_pointer (&self->replaying, g_free);
  ac_audio_capture_set_source (self->capture, AC_AUDIO_CHANNEL_CUSTOMER,
                               ac_settings_get_customer_source (self->settings));
  ac_audio_capture_set_source (self->capture, AC_AUDIO_CHANNEL_AGENT,
                               ac_settings_get_agent_source (self->settings));

  if (!_ac_window_start_call (self, &error))
    ac_window_show_error (self, error);
}

static void
replay_sample (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  g_autoptr(GFile) sample = ac_audio_file_get_sample_call ();
  g_autoptr(GError) error = NULL;

  if (!ac_window_replay (self, sample, &error))
    ac_window_show_error (self, error);
}

static void
on_recording_chosen (AcWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (AC_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL && !ac_window_replay (self, file, &error))
    ac_window_show_error (self, error);
}

static void
replay_recording (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Replay Recording"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Replay"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Recordings"));
  gtk_file_filter_add_mime_type (filter, "audio/*");
  gtk_file_filter_add_mime_type (filter, "video/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_recording_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
copy_transcript (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  g_autofree char *text = ac_transcript_to_text (self->transcript);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Transcript copied")));
}

static GBytes *
export_contents (AcWindow *self,
                 gboolean  as_json)
{
  if (as_json)
    {
      g_autoptr(JsonNode) root = NULL;
      gint64 duration = ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL
                        ? -1 : ac_agent_status_get_last_call_duration (self->status);
      char *data;
      gsize len;

      root = ac_transcript_to_enhanced_json (self->transcript, NULL,
                                             self->session != NULL ? ac_call_session_get_started (self->session) : NULL,
                                             duration > 0 ? duration : -1);
      data = ac_json_to_string (root, TRUE);
      len = strlen (data);
      return g_bytes_new_take (data, len);
    }
  else
    {
      char *text = ac_transcript_to_text (self->transcript);

      return g_bytes_new_take (text, strlen (text));
    }
}

static void
on_export_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));

      g_prefix_error (&error, _("The transcript could not be saved to “%s”: "), name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Who took the transcript out of the app, and where to. */
  {
    AcWindow *self = g_task_get_source_object (task);
    g_autofree char *where = g_file_get_parse_name (G_FILE (object));

    _ac_window_audit (self, "export", self->session != NULL ? ac_call_session_get_id (self->session) : NULL,
                      where);
  }

  g_task_return_boolean (task, TRUE);
}

/**
 * ac_window_export_transcript_async:
 * @self: a #AcWindow
 * @file: where to write; replaced if it exists
 * @as_json: %TRUE for the enhanced transcript JSON, %FALSE for text
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written or writing failed
 * @user_data: data for @callback
 *
 * Writes the final utterances of the current or last call to @file in
 * the background.
 */
void
ac_window_export_transcript_async (AcWindow            *self,
                                   GFile               *file,
                                   gboolean             as_json,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GBytes) contents = NULL;
  GTask *task;

  g_return_if_fail (AC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_window_export_transcript_async);

  contents = export_contents (self, as_json);
  g_file_replace_contents_bytes_async (file, contents, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, on_export_written, task);
}

/**
 * ac_window_export_transcript_finish:
 * @self: a #AcWindow
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the transcript was written; %FALSE with a #GIOError
 *   whose message names the file and the reason
 */
gboolean
ac_window_export_transcript_finish (AcWindow      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AcWindow *self = AC_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!ac_window_export_transcript_finish (self, result, &error))
    ac_window_show_error (self, error);
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Transcript exported")));
}

static void
on_export_chosen (AcWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  gboolean as_json;

  g_assert (AC_IS_WINDOW (self));

  as_json = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "as-json"));
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL)
    ac_window_export_transcript_async (self, file, as_json, NULL, on_exported, NULL);
}

static void
export_transcript (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  gboolean as_json = g_strcmp0 (g_variant_get_string (param, NULL), "json") == 0;
  g_autoptr(GDateTime) when = self->session != NULL ? g_date_time_to_local (ac_call_session_get_started (self->session))
                                                   : g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d %H.%M");
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  /* Translators: the suggested file name of an exported transcript,
   * e.g. “Transcript 2026-11-21 10.30” */
  name = g_strdup_printf (_("Transcript %s.%s"), stamp, as_json ? "json" : "txt");

  self->chooser = gtk_file_chooser_native_new (as_json ? _("Export Transcript as JSON")
                                                       : _("Export Transcript as Text"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "as-json", GINT_TO_POINTER (as_json));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
finish_wrap_up (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);

  if (!_ac_window_save_wrap_up (self, FALSE))
    {
      AdwToast *toast = adw_toast_new (_("Choose a disposition for this call first"));

      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  ac_agent_status_set_state (self->status, AC_AGENT_STATE_AVAILABLE, NULL);
}

/* An error's details, behind the toast's button: what the app said, and
 * what the library or the server said. */
static void
show_error_details (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  const char *headline, *message;
  GtkWidget *dialog;

  g_variant_get (param, "(&s&s)", &headline, &message);
  dialog = adw_message_dialog_new (GTK_WINDOW (widget), headline, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toggle_sidebar (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

void
_ac_window_class_actions_init (AcWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.toggle-listening", NULL, toggle_listening);
  gtk_widget_class_install_action (widget_class, "win.finish-wrap-up", NULL, finish_wrap_up);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar);
  gtk_widget_class_install_action (widget_class, "win.toggle-recording-paused", NULL,
                                   toggle_recording_paused);
  gtk_widget_class_install_action (widget_class, "win.replay-sample", NULL, replay_sample);
  gtk_widget_class_install_action (widget_class, "win.resume-after-card", NULL, resume_after_card);
  gtk_widget_class_install_action (widget_class, "win.toggle-hold", NULL, toggle_hold);
  gtk_widget_class_install_action (widget_class, "win.acknowledge-escalation", NULL,
                                   acknowledge_escalation);
  gtk_widget_class_install_action (widget_class, "win.show-escalation", NULL, show_escalation);
  gtk_widget_class_install_action (widget_class, "win.ask-supervisor", NULL, ask_supervisor);
  gtk_widget_class_install_action (widget_class, "win.show-error-details", "(ss)", show_error_details);
  gtk_widget_class_install_action (widget_class, "win.replay-recording", NULL, replay_recording);
  gtk_widget_class_install_action (widget_class, "win.copy-transcript", NULL, copy_transcript);
  gtk_widget_class_install_action (widget_class, "win.export-transcript", "s", export_transcript);
}

/* The keyboard shortcuts of the main window and the app, in one place:
 * the application's accelerators (not widget bindings), so that the
 * shortcuts window, which reads the application's, shows every one. */
static const struct
{
  const char *action;      /* detailed action name */
  const char *accels[3];
} window_accels[] = {
  { "win.toggle-listening", { "<Control>l", NULL } },
  { "win.toggle-recording-paused", { "<Control>p", NULL } },
  { "win.toggle-hold", { "<Control><Shift>h", NULL } },
  { "win.finish-wrap-up", { "<Control>Return", "<Control>KP_Enter", NULL } },
  { "win.acknowledge-escalation", { "<Control><Shift>a", NULL } },
  { "win.ask-supervisor", { "<Control><Shift>s", NULL } },
  { "win.copy-transcript", { "<Control><Shift>c", NULL } },
  { "win.create-ticket", { "<Control>n", NULL } },
  { "win.show-tickets", { "<Control><Shift>t", NULL } },
  { "win.show-history", { "<Control>h", NULL } },
  { "win.show-floor('')", { "<Control><Shift>f", NULL } },
  { "win.toggle-sidebar", { "F9", NULL } },
  { "win.agent-state::available", { "<Control>1", NULL } },
  { "win.agent-state::break", { "<Control>2", NULL } },
  { "win.agent-state::offline", { "<Control>3", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.help", { "F1", NULL } },
  { "app.quit", { "<Control>q", NULL } },
};

/**
 * ac_window_add_accels:
 * @application: the application the windows belong to
 *
 * Binds the keyboard shortcuts of the main window (`win.*` actions) and
 * the app (`app.*`) as @application's accelerators, where the shortcuts
 * window finds them.
 */
void
ac_window_add_accels (GtkApplication *application)
{
  g_return_if_fail (GTK_IS_APPLICATION (application));

  for (gsize i = 0; i < G_N_ELEMENTS (window_accels); i++)
    gtk_application_set_accels_for_action (application, window_accels[i].action,
                                           window_accels[i].accels);
}
