/* ac-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-a11y.h"
#include "ac-audio-file.h"
#include "ac-escalations.h"
#include "ac-types.h"
#include "ac-call-summary.h"
#include "ac-window-private.h"

/**
 * AcWindow:
 *
 * The agent's main window: the agent state in the header, the call area
 * (caller, call timer, input levels, listening control),
 * the live transcript, the sentiment strip, and a sidebar with the
 * customer and the ticket.
 *
 * The window shows the [class@AgentStatus] and drives the
 * [class@AudioCapture] it is given; it owns neither the agent's state nor
 * the audio, which outlive it.  Once it is given a speech engine
 * ([property@Window:speech-engine]) each call is transcribed into the
 * window's [class@Transcript].
 *
 * A recorded call — the sample call that ships with the app, or any
 * recording — can be replayed through the same path at real-time pace:
 * it looks exactly like a live call, and ends when the recording does.
 */

G_DEFINE_FINAL_TYPE (AcWindow, ac_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_AGENT_STATUS,
  PROP_CAPTURE,
  PROP_SPEECH_ENGINE,
  PROP_AGENT_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_css[] = {
  [AC_AGENT_STATE_OFFLINE] = "state-offline",
  [AC_AGENT_STATE_AVAILABLE] = "state-available",
  [AC_AGENT_STATE_ON_CALL] = "state-on-call",
  [AC_AGENT_STATE_AFTER_CALL_WORK] = "state-after-call-work",
  [AC_AGENT_STATE_BREAK] = "state-break",
};

static const char * const state_icons[] = {
  [AC_AGENT_STATE_OFFLINE] = "user-offline-symbolic",
  [AC_AGENT_STATE_AVAILABLE] = "user-available-symbolic",
  [AC_AGENT_STATE_ON_CALL] = "call-start-symbolic",
  [AC_AGENT_STATE_AFTER_CALL_WORK] = "document-edit-symbolic",
  [AC_AGENT_STATE_BREAK] = "user-away-symbolic",
};

void
_ac_window_update_timers (AcWindow *self)
{
  AcAgentState state = ac_agent_status_get_state (self->status);
  g_autofree char *in_state = ac_format_duration (ac_agent_status_get_time_in_state (self->status));
  g_autofree char *call_text = NULL;

  gtk_label_set_label (self->agent_state_timer, in_state);
  _ac_window_update_call_queue (self);

  switch (state)
    {
    case AC_AGENT_STATE_ON_CALL:
      if (self->transcriber != NULL && ac_transcriber_get_on_hold (self->transcriber))
        /* Translators: the call timer while the customer is on hold, e.g. “On hold · 3:05” */
        call_text = g_strdup_printf (_("On hold · %s"), in_state);
      else if (self->recorder != NULL && ac_call_recorder_get_recording (self->recorder))
        call_text = g_strdup_printf (ac_call_recorder_get_paused (self->recorder)
                                     /* Translators: the call timer, e.g. “Talking · 3:05 · Recording paused” */
                                     ? _("Talking · %s · Recording paused")
                                     /* Translators: the call timer, e.g. “Talking · 3:05 · Recording” */
                                     : _("Talking · %s · Recording"),
                                     in_state);
      else
        /* Translators: the call timer, e.g. “Talking · 3:05” */
        call_text = g_strdup_printf (_("Talking · %s"), in_state);
      break;

    case AC_AGENT_STATE_AFTER_CALL_WORK:
      {
        g_autofree char *talk =
          ac_format_duration (ac_agent_status_get_last_call_duration (self->status));

        guint limit = ac_settings_get_wrap_up_time_limit (self->settings);
        gint64 left = (gint64) limit - ac_agent_status_get_time_in_state (self->status) / 1000;

        /* Translators: after a call, e.g. “Wrap-up · 0:42 · call lasted 3:05” */
        call_text = g_strdup_printf (_("Wrap-up · %s · call lasted %s"), in_state, talk);
        ac_wrap_up_form_set_time_left (self->wrap_up_form, limit > 0 ? MAX (left, 0) : -1,
                                       ac_settings_get_wrap_up_timeout_disposition (self->settings));
        /* The team's time limit: wrapped up as it stands, Available. */
        if (limit > 0 && left <= 0 && _ac_window_save_wrap_up (self, TRUE))
          {
            ac_agent_status_set_state (self->status, AC_AGENT_STATE_AVAILABLE, NULL);
            return;
          }
      }
      break;

    case AC_AGENT_STATE_AVAILABLE:
      call_text = g_strdup (_("Ready for the next call"));
      break;

    case AC_AGENT_STATE_BREAK:
    case AC_AGENT_STATE_OFFLINE:
    default:
      call_text = g_strdup (_("Not taking calls"));
      break;
    }

  gtk_label_set_label (self->call_timer_label, call_text);
}

static gboolean
on_tick (gpointer user_data)
{
  _ac_window_update_timers (AC_WINDOW (user_data));

  return G_SOURCE_CONTINUE;
}

/* A trend smaller than this either way is steady. */
#define TREND_STEADY 0.1

/* “● Customer −0.32 ↓”: the speaker's mean over the call and where it is
 * heading (see ac_transcript_get_sentiment_summary()). */
static void
update_legend (AcWindow       *self,
               AcAudioChannel  channel,
               GtkLabel       *legend)
{
  AcSentimentSummary summary;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  const char *who = channel == AC_AUDIO_CHANNEL_CUSTOMER ? _("● Customer") : _("● Agent");
  const char *arrow, *heading;

  ac_transcript_get_sentiment_summary (self->transcript, channel, &summary);

  if (summary.n == 0)
    {
      gtk_label_set_label (legend, who);
      gtk_widget_set_tooltip_text (GTK_WIDGET (legend), NULL);
      return;
    }

  if (summary.trend > TREND_STEADY)
    {
      arrow = "↗";
      heading = _("warming");
    }
  else if (summary.trend < -TREND_STEADY)
    {
      arrow = "↘";
      heading = _("cooling");
    }
  else
    {
      arrow = "→";
      heading = _("steady");
    }

  text = g_strdup_printf ("%s %+.2f %s", who, summary.mean, arrow);
  /* Translators: a tooltip, e.g. “Average over the call −0.32, cooling” */
  description = g_strdup_printf (_("Average over the call %+.2f, %s"), summary.mean, heading);
  gtk_label_set_label (legend, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (legend), description);
}

static void
update_escalation (AcWindow *self)
{
  AcEscalation *pending = ac_escalations_get_pending (self->escalations);

  /* Hidden, not just folded: a folded revealer still takes the box's
   * spacing. */
  gtk_widget_set_visible (GTK_WIDGET (self->escalation_revealer), pending != NULL);
  gtk_revealer_set_reveal_child (self->escalation_revealer, pending != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.acknowledge-escalation", pending != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-escalation", pending != NULL);

  if (pending != NULL)
    {
      guint n = ac_escalations_get_n_pending (self->escalations);
      g_autofree char *count = NULL;

      /* Translators: the escalation banner's heading */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u escalation waits for you",
                                            "%u escalations wait for you", n), n);
      gtk_label_set_label (self->escalation_count_label, count);
      gtk_label_set_label (self->escalation_label, ac_escalation_get_reason (pending));
    }
}

/* The agent acknowledges the escalations: on screen, and with the call. */
void
_ac_window_acknowledge_escalations (AcWindow *self)
{
  if (self->session != NULL)
    ac_call_session_acknowledge_escalations (self->session);
  else
    ac_escalations_acknowledge_all (self->escalations);
}

static void
on_escalation_pending (AcWindow      *self,
                       GParamSpec    *pspec,
                       AcEscalations *escalations)
{
  AcEscalation *pending;
  GApplication *app;

  g_assert (AC_IS_WINDOW (self));

  update_escalation (self);

  /* An agent looking at another window hears of it from the desktop. */
  pending = ac_escalations_get_pending (escalations);
  app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (pending != NULL && app != NULL && !gtk_window_is_active (GTK_WINDOW (self)))
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Call needs attention"));

      g_notification_set_body (notification, ac_escalation_get_reason (pending));
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
      g_application_send_notification (app, "escalation", notification);
    }
}

static void update_state (AcWindow *self);

/* What a search was for: the caller's number for a screen pop (the
 * panel opens the one customer found), or NULL for the agent's search. */
typedef struct
{
  AcWindow *window;
  char     *caller_number;
} Search;

static void
on_customers_found (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Search *search = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  found = ac_customer_search_run_finish (AC_CUSTOMER_SEARCH (object), result, &error);
  if (found != NULL)
    ac_customer_panel_set_results (search->window->customer_panel, found, search->caller_number);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
    ac_window_show_error (search->window, error);

  g_object_unref (search->window);
  g_free (search->caller_number);
  g_free (search);
}

/* The newest search wins (see #AcCustomerSearch for where it looks). */
static void
search_customers (AcWindow   *self,
                  const char *text,
                  const char *caller_number)
{
  Search *search;

  if (self->store == NULL)
    return;

  search = g_new0 (Search, 1);
  search->window = g_object_ref (self);
  search->caller_number = g_strdup (caller_number);
  ac_customer_search_run_async (self->customers, text, on_customers_found, search);
}

/* The customer whose profile is open during a call is the one on the
 * line: the call is kept with them. */
static void
on_customer_shown (AcWindow        *self,
                   GParamSpec      *pspec,
                   AcCustomerPanel *panel)
{
  AcCustomer *customer = ac_customer_panel_get_customer (panel);

  g_assert (AC_IS_WINDOW (self));

  update_state (self);
  _ac_window_refresh_customer_activity (self);

  if (customer != NULL && self->session != NULL &&
      ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL)
    {
      ac_call_session_set_customer (self->session, customer);
      _ac_window_follow_language (self, ac_customer_get_field (customer, "preferred_language"));
    }
}

static void
on_customer_search (AcWindow        *self,
                    const char      *text,
                    AcCustomerPanel *panel)
{
  g_assert (AC_IS_WINDOW (self));

  search_customers (self, text, NULL);
}

static void
on_customer_created (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcCustomer) customer = ac_store_create_customer_finish (AC_STORE (object), result, &error);
  g_autofree char *saved = NULL;

  if (customer == NULL)
    {
      ac_customer_panel_show_create_error (self->customer_panel, error);
      return;
    }

  /* Shown, the customer is linked to the call on the line. */
  ac_customer_panel_show_customer (self->customer_panel, customer);
  /* Translators: a toast */
  saved = g_strdup_printf (_("%s saved as a customer"), ac_customer_get_name (customer));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (saved));
}

static void
on_customer_create (AcWindow        *self,
                    GHashTable      *fields,
                    AcCustomerPanel *panel)
{
  g_assert (AC_IS_WINDOW (self));

  if (self->store == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (AC_STORE_ERROR, AC_STORE_ERROR_CLOSED,
                                                     _("Customers cannot be saved: the local store is not open"));

      ac_customer_panel_show_create_error (panel, error);
      return;
    }

  ac_store_create_customer_async (self->store, fields, NULL, on_customer_created, g_object_ref (self));
}

static void
on_notes_saved (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcCustomer) customer = ac_store_update_customer_notes_finish (AC_STORE (object), result, &error);
  AcCustomer *shown = ac_customer_panel_get_customer (self->customer_panel);

  if (customer == NULL)
    {
      ac_customer_panel_show_notes_error (self->customer_panel, error);
      ac_window_show_error (self, error);
      return;
    }

  /* Still the same customer: the profile shows what was stored. */
  if (shown != NULL && g_strcmp0 (ac_customer_get_id (shown), ac_customer_get_id (customer)) == 0)
    ac_customer_panel_show_customer (self->customer_panel, customer);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Notes saved")));
}

static void
on_customer_save_notes (AcWindow        *self,
                        const char      *customer_id,
                        const char      *notes,
                        AcCustomerPanel *panel)
{
  if (self->store == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (AC_STORE_ERROR, AC_STORE_ERROR_CLOSED,
                                                     _("Customers cannot be saved: the local store is not open"));

      ac_customer_panel_show_notes_error (panel, error);
      return;
    }

  ac_store_update_customer_notes_async (self->store, customer_id, notes, NULL, on_notes_saved,
                                        g_object_ref (self));
}

/* Screen pop: the caller's customer, in the sidebar. */
void
_ac_window_screen_pop (AcWindow *self)
{
  if (self->caller_number == NULL)
    return;

  adw_flap_set_reveal_flap (self->flap, TRUE);
  adw_view_stack_set_visible_child_name (self->sidebar_stack, "customer");
  search_customers (self, self->caller_number, self->caller_number);
}

/* Once a call: the transcript is still on screen, and a full disk will
 * fail every utterance the same way. */
static void
on_records_failed (AcWindow          *self,
                   const GError      *error,
                   AcCallRecordStore *records)
{
  g_assert (AC_IS_WINDOW (self));

  ac_window_show_error (self, error);
}

/* The call, ended and wrapped up, joins the customer's recent calls. */
static void
on_wrap_up_saved (AcWindow          *self,
                  AcCallSession     *session,
                  AcCallRecordStore *records)
{
  g_assert (AC_IS_WINDOW (self));

  _ac_window_refresh_customer_activity (self);
}

/* A new call: a session of its own, kept in the store and sent to the
 * backend, which follow it from here. */
void
_ac_window_begin_session (AcWindow *self)
{
  if (self->session != NULL)
    ac_call_session_close (self->session);
  g_clear_object (&self->session);

  _ac_window_reset_supervision (self);
  _ac_window_assist_reset (self);
  self->supervisor_asked = FALSE;
  self->session = ac_call_session_new (self->replaying != NULL ? "REPLAY" : "VOICE", self->caller_number,
                                       self->transcript, self->escalations);
  if (self->records != NULL)
    ac_call_record_store_add_call (self->records, self->session);
  _ac_window_backend_begin_call (self);
}

static void update_transcript_area (AcWindow *self);

/* A new call's own transcript and escalations, shown from now on: the
 * last call's stay with its session (and the store), and a new call
 * starts clean. */
void
_ac_window_show_call (AcWindow *self)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  g_autoptr(AcEscalations) escalations = ac_escalations_new (transcript);

  g_set_object (&self->transcript, transcript);
  g_set_object (&self->escalations, escalations);
  g_signal_group_set_target (self->transcript_signals, transcript);
  g_signal_group_set_target (self->escalation_signals, escalations);
  ac_transcript_view_set_transcript (self->transcript_view, transcript);
  ac_sentiment_timeline_set_transcript (self->sentiment_timeline, transcript);
  ac_sentiment_timeline_set_escalations (self->sentiment_timeline, escalations);
  if (self->transcriber != NULL)
    ac_transcriber_set_transcript (self->transcriber, transcript);
  update_escalation (self);
  update_transcript_area (self);
}

static void
update_transcript_area (AcWindow *self)
{
  AcAgentState state = ac_agent_status_get_state (self->status);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  guint n_final = ac_transcript_get_n_final (self->transcript);
  gboolean has_text = n_items > 0;
  g_autofree char *status = NULL;

  if (has_text || state == AC_AGENT_STATE_ON_CALL)
    gtk_stack_set_visible_child_name (self->transcript_stack, "transcript");
  else
    gtk_stack_set_visible_child_name (self->transcript_stack, "empty");

  if (state == AC_AGENT_STATE_ON_CALL && self->transcriber == NULL)
    status = g_strdup (self->engine == NULL ? _("Speech recognition is starting…")
                                            : _("Transcription starts with the next call"));
  else if (state == AC_AGENT_STATE_ON_CALL && n_items == 0)
    status = g_strdup (_("Listening…"));
  else
    /* Translators: under the transcript, e.g. “12 utterances” */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u utterance", "%u utterances", n_final),
                              n_final);

  gtk_label_set_label (self->transcript_status, status);

  gtk_stack_set_visible_child_name (self->sentiment_stack, n_final > 0 ? "timeline" : "empty");
  update_legend (self, AC_AUDIO_CHANNEL_CUSTOMER, self->customer_legend);
  update_legend (self, AC_AUDIO_CHANNEL_AGENT, self->agent_legend);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-transcript", n_final > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-transcript", n_final > 0);
}

static void
on_transcript_changed (AcWindow   *self,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GListModel *model)
{
  g_assert (AC_IS_WINDOW (self));

  update_transcript_area (self);
  if (added > 0)
    _ac_window_assist_heard (self);
}

static void
on_transcriber_error (AcWindow      *self,
                      int            channel,
                      const GError  *error,
                      AcTranscriber *transcriber)
{
  g_assert (AC_IS_WINDOW (self));

  ac_window_show_error (self, error);
}

/* The transcriber takes over the capture's audio, which may only change
 * between calls. */
void
_ac_window_ensure_transcriber (AcWindow *self)
{
  if (self->transcriber != NULL || self->engine == NULL ||
      ac_audio_capture_get_running (self->capture))
    return;

  self->transcriber = ac_transcriber_new (self->capture, self->engine, self->transcript);
  g_signal_connect_object (self->transcriber, "error",
                           G_CALLBACK (on_transcriber_error), self,
                           G_CONNECT_SWAPPED);
}

static void
update_state (AcWindow *self)
{
  AcAgentState state = ac_agent_status_get_state (self->status);
  gboolean on_call = state == AC_AGENT_STATE_ON_CALL;
  const char *listen_label;

  for (guint i = 0; i < G_N_ELEMENTS (state_css); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->agent_state_button), state_css[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->agent_state_button), state_css[state]);

  gtk_image_set_from_icon_name (self->agent_state_icon, state_icons[state]);
  gtk_label_set_label (self->agent_state_label, ac_agent_state_to_label (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agent_state_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  ac_agent_state_to_label (state),
                                  -1);

  if ((on_call || state == AC_AGENT_STATE_AFTER_CALL_WORK) && self->replaying != NULL)
    {
      /* Translators: the caller of a replayed recording, e.g. “Replay: sample-call.flac” */
      g_autofree char *replay = g_strdup_printf (_("Replay: %s"), self->replaying);

      gtk_label_set_label (self->caller_label, replay);
    }
  else if ((on_call || state == AC_AGENT_STATE_AFTER_CALL_WORK) && self->caller_number != NULL)
    {
      AcCustomer *customer = ac_customer_panel_get_customer (self->customer_panel);

      gtk_label_set_label (self->caller_label,
                           customer != NULL ? ac_customer_get_name (customer) : self->caller_number);
    }
  else if (on_call || state == AC_AGENT_STATE_AFTER_CALL_WORK)
    gtk_label_set_label (self->caller_label, _("Unknown Caller"));
  else
    gtk_label_set_label (self->caller_label, _("No Active Call"));

  listen_label = on_call ? _("Stop _Listening") : _("Start _Listening");
  adw_button_content_set_label (self->listen_button_content, listen_label);
  adw_button_content_set_icon_name (self->listen_button_content,
                                    on_call ? "call-stop-symbolic"
                                            : "audio-input-microphone-symbolic");
  if (on_call)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->listen_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->listen_button), "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->listen_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->listen_button), "suggested-action");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->wrap_up_button),
                          state == AC_AGENT_STATE_AFTER_CALL_WORK);
  /* Levels only mean something while a call is heard. */
  gtk_widget_set_visible (self->meters, on_call);
  /* During wrap-up there is no call to take: room for the meters. */
  gtk_widget_set_visible (GTK_WIDGET (self->listen_button),
                          state != AC_AGENT_STATE_AFTER_CALL_WORK);
  /* The wrap-up page needs somewhere to keep what it says. */
  adw_view_stack_page_set_visible (self->wrap_up_page,
                                   state == AC_AGENT_STATE_AFTER_CALL_WORK && self->records != NULL &&
                                   self->session != NULL && self->dispositions != NULL);
  _ac_window_update_record_button (self);
  _ac_window_update_hold_button (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-listening",
                                 on_call || state == AC_AGENT_STATE_AVAILABLE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.agent-state", !on_call);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.finish-wrap-up",
                                 state == AC_AGENT_STATE_AFTER_CALL_WORK);
  _ac_window_update_transfer (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.ask-supervisor",
                                 self->session != NULL &&
                                 (on_call || state == AC_AGENT_STATE_AFTER_CALL_WORK));
  /* A replay is there to be transcribed: it waits for the engine. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replay-sample",
                                 ac_agent_status_can_enter (self->status, AC_AGENT_STATE_ON_CALL) &&
                                 !on_call && self->engine != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replay-recording",
                                 ac_agent_status_can_enter (self->status, AC_AGENT_STATE_ON_CALL) &&
                                 !on_call && self->engine != NULL);
  _ac_window_update_timers (self);
  update_transcript_area (self);
}

static void on_dispositions_loaded (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data);

/* AdwFlap hides its flap when it folds.  The wrap-up page is wider than
 * the others, so at 1024 pixels After-Call Work itself folds the window
 * and would hide the page the agent has to fill in: it comes back. */
static void
on_flap_folded (AcWindow   *self,
                GParamSpec *pspec,
                AdwFlap    *flap)
{
  if (adw_flap_get_folded (flap) && self->status != NULL &&
      ac_agent_status_get_state (self->status) == AC_AGENT_STATE_AFTER_CALL_WORK &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->sidebar_stack), "wrap-up") == 0)
    adw_flap_set_reveal_flap (flap, TRUE);
}

static void
on_status_state_changed (AcWindow      *self,
                         GParamSpec    *pspec,
                         AcAgentStatus *status)
{
  g_assert (AC_IS_WINDOW (self));

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_STATE]);

  /* After-Call Work: the wrap-up page beside the transcript, the keyboard
   * on the disposition; then back to the customer, the page emptied. */
  if (ac_agent_status_get_state (status) == AC_AGENT_STATE_AFTER_CALL_WORK &&
      adw_view_stack_page_get_visible (self->wrap_up_page))
    {
      /* The wrap-up drafted: the call's summary in the notes, the
       * disposition it suggests marked; the agent edits and confirms. */
      {
        g_autoptr(AcCallSummary) summary = ac_call_summary_new (self->transcript, self->supervisor_asked ? 1 : 0);
        g_autofree char *text = ac_call_summary_to_text (summary);

        if (text[0] != '\0')
          ac_wrap_up_form_set_summary (self->wrap_up_form, text);
        ac_wrap_up_form_set_suggested (self->wrap_up_form, summary->disposition, summary->why);
      }
      /* and the AI provider's, when there is one, in its place */
      _ac_window_assist_wrap_up (self);
      adw_flap_set_reveal_flap (self->flap, TRUE);
      adw_view_stack_set_visible_child_name (self->sidebar_stack, "wrap-up");
      _ac_window_update_timers (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->wrap_up_form));
    }
  else if (ac_agent_status_get_state (status) != AC_AGENT_STATE_AFTER_CALL_WORK)
    {
      if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->sidebar_stack), "wrap-up") == 0)
        adw_view_stack_set_visible_child_name (self->sidebar_stack, "customer");
      /* a summary still coming is for a wrap-up that is over */
      if (self->summary_cancellable != NULL)
        g_cancellable_cancel (self->summary_cancellable);
      g_clear_object (&self->summary_cancellable);
      ac_wrap_up_form_reset (self->wrap_up_form);
    }

  /* The team's dispositions as they are now (Preferences may have changed
   * them), read while the call goes on, ready for its wrap-up. */
  if (self->store != NULL && ac_agent_status_get_state (status) == AC_AGENT_STATE_ON_CALL)
    ac_store_list_dispositions_async (self->store, NULL, on_dispositions_loaded, g_object_ref (self));
}

static void
set_agent_state_nick (AcWindow   *self,
                      const char *nick)
{
  g_autoptr(GError) error = NULL;
  AcAgentState state;

  if (!ac_agent_state_from_nick (nick, &state))
    {
      g_warning ("Unknown agent state “%s”", nick);
      return;
    }

  if (!ac_agent_status_set_state (self->status, state, &error))
    ac_window_show_error (self, error);
}

static void
ac_window_map (GtkWidget *widget)
{
  AcWindow *self = AC_WINDOW (widget);

  GTK_WIDGET_CLASS (ac_window_parent_class)->map (widget);

  /* Twice a second, so a timer never skips a second it should show. */
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add (500, on_tick, self);
  _ac_window_update_timers (self);
}

static void
ac_window_unmap (GtkWidget *widget)
{
  AcWindow *self = AC_WINDOW (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);

  GTK_WIDGET_CLASS (ac_window_parent_class)->unmap (widget);
}

static gboolean
ac_window_close_request (GtkWindow *window)
{
  AcWindow *self = AC_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  if (_ac_window_backend_ask_before_quitting (self))
    return TRUE;

  g_object_set (self->settings, "window-maximized", maximized, NULL);
  if (!maximized)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_object_set (self->settings,
                    "window-width", width,
                    "window-height", height,
                    NULL);
    }

  return GTK_WINDOW_CLASS (ac_window_parent_class)->close_request (window);
}

static void
ac_window_constructed (GObject *object)
{
  AcWindow *self = AC_WINDOW (object);
  int width, height;
  gboolean maximized;

  G_OBJECT_CLASS (ac_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = ac_settings_new ();
  if (self->capture == NULL)
    self->capture = ac_audio_capture_new ();
  _ac_window_tickets_init (self);

  g_object_get (self->settings,
                "window-width", &width,
                "window-height", &height,
                "window-maximized", &maximized,
                NULL);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (maximized)
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->status, "notify::state",
                           G_CALLBACK (on_status_state_changed), self,
                           G_CONNECT_SWAPPED);
  _ac_window_call_init (self);

  _ac_window_ensure_transcriber (self);
  update_state (self);
}

static void
ac_window_dispose (GObject *object)
{
  AcWindow *self = AC_WINDOW (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  _ac_window_tickets_dispose (self);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), AC_TYPE_WINDOW);

  g_clear_object (&self->card_pause);
  if (self->recorder != NULL)
    {
      _ac_window_stop_recording (self);
      g_signal_handlers_disconnect_by_data (self->recorder, self);
      g_clear_object (&self->recorder);
    }
  g_clear_object (&self->transcriber);
  g_clear_object (&self->engine);
  g_clear_object (&self->escalation_signals);
  g_clear_object (&self->escalations);
  _ac_window_backend_dispose (self);
  _ac_window_assist_dispose (self);
  if (self->session != NULL)
    ac_call_session_close (self->session);
  g_clear_object (&self->session);
  if (self->records != NULL)
    g_signal_handlers_disconnect_by_data (self->records, self);
  g_clear_object (&self->records);
  g_clear_object (&self->store);
  g_clear_pointer (&self->caller_number, g_free);
  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  g_clear_object (&self->customers);
  g_clear_object (&self->tickets);
  g_clear_object (&self->transcript_signals);
  g_clear_object (&self->transcript);
  g_clear_pointer (&self->replaying, g_free);
  g_clear_object (&self->capture);
  g_clear_object (&self->status);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ac_window_parent_class)->dispose (object);
}

static void
ac_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AcWindow *self = AC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_AGENT_STATUS:
      g_value_set_object (value, self->status);
      break;

    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_SPEECH_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_AGENT_STATE:
      g_value_set_string (value,
                          ac_agent_state_to_nick (ac_agent_status_get_state (self->status)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AcWindow *self = AC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_AGENT_STATUS:
      /* NULL keeps the window's own state machine from init */
      if (g_value_get_object (value) != NULL)
        g_set_object (&self->status, g_value_get_object (value));
      break;

    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;

    case PROP_SPEECH_ENGINE:
      ac_window_set_speech_engine (self, g_value_get_object (value));
      break;

    case PROP_AGENT_STATE:
      set_agent_state_nick (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_window_class_init (AcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ac_window_constructed;
  object_class->dispose = ac_window_dispose;
  object_class->get_property = ac_window_get_property;
  object_class->set_property = ac_window_set_property;

  widget_class->map = ac_window_map;
  widget_class->unmap = ac_window_unmap;

  window_class->close_request = ac_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         AC_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AGENT_STATUS] =
    g_param_spec_object ("agent-status", NULL, NULL,
                         AC_TYPE_AGENT_STATUS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL,
                         AC_TYPE_AUDIO_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AcWindow:speech-engine:
   *
   * The engine that transcribes calls, or %NULL while none is loaded (the
   * window still captures audio, without a transcript).
   */
  properties[PROP_SPEECH_ENGINE] =
    g_param_spec_object ("speech-engine", NULL, NULL,
                         AC_TYPE_SPEECH_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcWindow:agent-state:
   *
   * The agent state's nick (see ac_agent_state_to_nick()), backing the
   * `win.agent-state` action of the state menu.  Setting a state that
   * cannot follow the current one shows why and changes nothing.
   */
  properties[PROP_AGENT_STATE] =
    g_param_spec_string ("agent-state", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AC_TYPE_TRANSCRIPT_VIEW);
  g_type_ensure (AC_TYPE_SENTIMENT_TIMELINE);
  g_type_ensure (AC_TYPE_CUSTOMER_PANEL);
  g_type_ensure (AC_TYPE_SUGGESTIONS_PANEL);
  g_type_ensure (AC_TYPE_TICKET_FORM);
  g_type_ensure (AC_TYPE_WRAP_UP_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_state_button);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_state_icon);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_state_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_state_timer);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, caller_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, call_timer_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, meters);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, customer_meter);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_meter);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, listen_button);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, listen_button_content);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, wrap_up_button);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, record_button);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, hold_button);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, transcript_stack);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, transcript_empty);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, transcript_status);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, transcript_view);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, escalation_revealer);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, card_pause_revealer);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, coach_revealer);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, coach_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, listening_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, queue_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, suggestions_panel);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, escalation_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, escalation_count_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, transfer_button);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, sentiment_stack);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, customer_legend);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_legend);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, backend_legend);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, sentiment_timeline);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, customer_panel);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, ticket_form);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, wrap_up_page);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, wrap_up_form);

  gtk_widget_class_install_property_action (widget_class, "win.agent-state", "agent-state");
  _ac_window_class_actions_init (klass);
  _ac_window_class_assist_init (klass);
  _ac_window_class_transfer_init (klass);
  _ac_window_class_backend_init (klass);
  _ac_window_class_tickets_init (klass);
}

static void
ac_window_init (AcWindow *self)
{
  /* The state action reads the state while the template is built, before
   * construct properties are set; a given state machine replaces this one. */
  self->status = ac_agent_status_new ();
  self->customers = ac_customer_search_new ();
  self->tickets = ac_ticket_desk_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-floor", FALSE);
  ac_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  /* The window follows whichever call it shows: each call has its own
   * transcript and escalations (see _ac_window_show_call()). */
  self->transcript_signals = g_signal_group_new (AC_TYPE_TRANSCRIPT);
  g_signal_group_connect_data (self->transcript_signals, "items-changed", G_CALLBACK (on_transcript_changed),
                               self, NULL, G_CONNECT_SWAPPED);
  self->escalation_signals = g_signal_group_new (AC_TYPE_ESCALATIONS);
  g_signal_group_connect_data (self->escalation_signals, "notify::pending", G_CALLBACK (on_escalation_pending),
                               self, NULL, G_CONNECT_SWAPPED);
  _ac_window_show_call (self);
  _ac_window_assist_init (self);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (on_flap_folded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customer_panel, "search", G_CALLBACK (on_customer_search), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customer_panel, "create", G_CALLBACK (on_customer_create), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customer_panel, "save-notes", G_CALLBACK (on_customer_save_notes), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customer_panel, "notify::customer", G_CALLBACK (on_customer_shown),
                           self, G_CONNECT_SWAPPED);
  update_escalation (self);
  g_signal_connect_object (self->sentiment_timeline, "utterance-activated",
                           G_CALLBACK (ac_transcript_view_scroll_to), self->transcript_view,
                           G_CONNECT_SWAPPED);

  /* A meter, not a gauge: colour comes from the speaker's CSS class, not
   * from GtkLevelBar's low/high/full offsets. */
  for (guint i = 0; i < 2; i++)
    {
      GtkLevelBar *meter = i == 0 ? self->customer_meter : self->agent_meter;

      gtk_level_bar_remove_offset_value (meter, GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (meter, GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (meter, GTK_LEVEL_BAR_OFFSET_FULL);
    }
}

/**
 * ac_window_new:
 * @application: the application
 * @settings: (nullable): the app's settings; %NULL for the default schema
 * @status: (nullable): the agent's state machine; %NULL for a new one
 * @capture: (nullable): the call audio; %NULL for a new capture
 *
 * Creates the main window.
 *
 * Returns: (transfer none): a new #AcWindow, owned by GTK like every
 *   toplevel
 */
AcWindow *
ac_window_new (AdwApplication *application,
               AcSettings     *settings,
               AcAgentStatus  *status,
               AcAudioCapture *capture)
{
  g_return_val_if_fail (application == NULL || ADW_IS_APPLICATION (application), NULL);

  return g_object_new (AC_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "agent-status", status,
                       "capture", capture,
                       NULL);
}

/**
 * ac_window_get_agent_status:
 * @self: a #AcWindow
 *
 * Returns: (transfer none): the agent state the window shows
 */
AcAgentStatus *
ac_window_get_agent_status (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->status;
}

/**
 * ac_window_get_capture:
 * @self: a #AcWindow
 *
 * Returns: (transfer none): the call audio the window drives
 */
AcAudioCapture *
ac_window_get_capture (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->capture;
}

/* The sentence an error starts with, the app's own (errors carry
 * “What failed: why”, see g_prefix_error()), on one line and short enough
 * for a toast; NULL if there is nothing more to it than that. */
static char *
error_headline (const char *message)
{
  const char *colon = strstr (message, ": ");
  const char *newline = strchr (message, '\n');
  const char *end = message + strlen (message);

  if (colon != NULL && colon < end)
    end = colon;
  if (newline != NULL && newline < end)
    end = newline;
  if (g_utf8_strlen (message, end - message) > 90)
    return NULL;
  return g_strndup (message, end - message);
}

/**
 * ac_window_show_error:
 * @self: a #AcWindow
 * @error: what went wrong, with a message written for the agent: the
 *   app's sentence first, then maybe “: ” and the detail
 *
 * Tells the agent about a problem in a toast that stays until dismissed
 * or replaced: the app's own sentence, in their language, and a button
 * that leads on — to Preferences → Audio for a device that failed, else
 * to the details (a library's words, a server's answer).
 */
void
ac_window_show_error (AcWindow     *self,
                      const GError *error)
{
  g_autofree char *headline = NULL;
  AdwToast *toast;

  g_return_if_fail (AC_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  headline = error_headline (error->message);
  if (headline == NULL)
    headline = g_strdup (_("Something went wrong"));

  toast = adw_toast_new (headline);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (error->domain == AC_AUDIO_ERROR)
    {
      adw_toast_set_button_label (toast, _("Choose _Devices"));
      adw_toast_set_detailed_action_name (toast, "app.preferences-page::audio");
    }
  else if (!g_str_equal (headline, error->message))
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-error-details");
      adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", headline, error->message));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * ac_window_show_notice:
 * @self: a #AcWindow
 * @message: a sentence the agent should know, nothing to act on
 *
 * Shows @message in a toast that goes by itself.
 */
void
ac_window_show_notice (AcWindow   *self,
                       const char *message)
{
  g_return_if_fail (AC_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * ac_window_get_transcript:
 * @self: a #AcWindow
 *
 * Returns: (transfer none): the transcript of the current or last call
 */
AcTranscript *
ac_window_get_transcript (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->transcript;
}

/**
 * ac_window_set_speech_engine:
 * @self: a #AcWindow
 * @engine: (nullable): the engine that transcribes calls
 *
 * Sets [property@Window:speech-engine].  During a call, transcription
 * starts with the next call.
 */
void
ac_window_set_speech_engine (AcWindow       *self,
                             AcSpeechEngine *engine)
{
  g_return_if_fail (AC_IS_WINDOW (self));
  g_return_if_fail (engine == NULL || AC_IS_SPEECH_ENGINE (engine));

  if (self->engine == engine)
    return;

  /* A transcriber holds its engine: the next call gets a new one. */
  if (self->transcriber != NULL && !ac_audio_capture_get_running (self->capture))
    g_clear_object (&self->transcriber);

  g_set_object (&self->engine, engine);
  _ac_window_ensure_transcriber (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEECH_ENGINE]);
}

static void
on_audited (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ac_store_audit_finish (AC_STORE (object), result, &error))
    g_warning ("%s", error->message);
}

/* A line in the audit trail, as the signed-in account or this computer's
 * user; without a store, in the log. */
void
_ac_window_audit (AcWindow   *self,
                  const char *action,
                  const char *subject,
                  const char *detail)
{
  g_autofree char *actor = ac_settings_dup_actor (self->settings);

  if (self->store == NULL)
    {
      g_message ("Audit: %s %s %s", actor, action, subject != NULL ? subject : "");
      return;
    }
  ac_store_audit_async (self->store, actor, action, subject, detail, NULL, on_audited, NULL);
}

/**
 * ac_window_get_recorder:
 * @self: a #AcWindow
 *
 * Returns: (transfer none) (nullable): the recorder of the current or last
 *   call, or %NULL if it was not recorded
 */
AcCallRecorder *
ac_window_get_recorder (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->recorder;
}

/**
 * ac_window_get_escalations:
 * @self: a #AcWindow
 *
 * Returns: (transfer none): the escalations of the current or last call
 */
AcEscalations *
ac_window_get_escalations (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->escalations;
}

static void
on_dispositions_loaded (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(AcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *codes;

  codes = ac_store_list_dispositions_finish (AC_STORE (object), result, &error);
  if (codes == NULL)
    {
      ac_window_show_error (self, error);
      return;
    }

  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  self->dispositions = codes;
  ac_wrap_up_form_set_dispositions (self->wrap_up_form, codes);
  update_state (self);
}

/* Ready for Next Call, or the team's time limit: the disposition and notes
 * go with the call.  Without a disposition the team requires, the agent is
 * asked for one and FALSE returned; when time is up, the team's timeout
 * code stands in for it. */
gboolean
_ac_window_save_wrap_up (AcWindow *self,
                         gboolean  timed_out)
{
  const char *disposition;
  g_autofree char *notes = NULL;

  if (self->records == NULL || self->session == NULL || self->dispositions == NULL)
    return TRUE;

  disposition = ac_wrap_up_form_get_disposition (self->wrap_up_form);
  if (disposition == NULL && timed_out)
    disposition = ac_settings_get_wrap_up_timeout_disposition (self->settings);
  else if (disposition == NULL && ac_settings_get_wrap_up_requires_disposition (self->settings))
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
      adw_view_stack_set_visible_child_name (self->sidebar_stack, "wrap-up");
      ac_wrap_up_form_ask_for_disposition (self->wrap_up_form);
      return FALSE;
    }

  notes = ac_wrap_up_form_get_notes (self->wrap_up_form);
  ac_call_session_wrap_up (self->session, disposition, notes, timed_out);
  ac_wrap_up_form_reset (self->wrap_up_form);
  return TRUE;
}

/**
 * ac_window_set_store:
 * @self: a #AcWindow
 * @store: (nullable): the open local store calls are kept in
 *
 * From the next call on, each call, every final utterance as it is heard,
 * and the end of the call are stored.
 */
void
ac_window_set_store (AcWindow *self,
                     AcStore  *store)
{
  g_return_if_fail (AC_IS_WINDOW (self));
  g_return_if_fail (store == NULL || AC_IS_STORE (store));

  g_set_object (&self->store, store);
  ac_customer_search_set_store (self->customers, store);
  ac_ticket_desk_set_store (self->tickets, store);

  if (self->records != NULL)
    g_signal_handlers_disconnect_by_data (self->records, self);
  g_clear_object (&self->records);
  if (store != NULL)
    {
      self->records = ac_call_record_store_new (store);
      g_signal_connect_object (self->records, "failed", G_CALLBACK (on_records_failed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "wrap-up-saved", G_CALLBACK (on_wrap_up_saved), self,
                               G_CONNECT_SWAPPED);
    }

  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  if (store != NULL)
    ac_store_list_dispositions_async (store, NULL, on_dispositions_loaded, g_object_ref (self));
}

/**
 * ac_window_get_conversation_id:
 * @self: a #AcWindow
 *
 * Returns: (transfer none) (nullable): the id of the current or last
 *   call (the store's and the backend outbox's), or %NULL before the
 *   first call
 */
const char *
ac_window_get_conversation_id (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->session != NULL ? ac_call_session_get_id (self->session) : NULL;
}

/**
 * ac_window_get_call_session:
 * @self: a #AcWindow
 *
 * Returns: (transfer none) (nullable): the current or last call, or %NULL
 *   before the first call
 */
AcCallSession *
ac_window_get_call_session (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * ac_window_set_caller:
 * @self: a #AcWindow
 * @number: (nullable): the caller's number, as the softphone or command
 *   line gives it
 *
 * The number of the call about to start (or on now): its customer is
 * looked up and shown in the sidebar when the call starts (a screen pop).
 */
void
ac_window_set_caller (AcWindow   *self,
                      const char *number)
{
  g_return_if_fail (AC_IS_WINDOW (self));

  g_free (self->caller_number);
  self->caller_number = number != NULL && number[0] != '\0' ? g_strdup (number) : NULL;

  if (ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL)
    _ac_window_screen_pop (self);
  update_state (self);
}

/**
 * ac_window_get_customer_panel:
 * @self: a #AcWindow
 *
 * Returns: (transfer none): the sidebar's customer panel
 */
AcCustomerPanel *
ac_window_get_customer_panel (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->customer_panel;
}
