/* ac-history-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-history-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-a11y.h"
#include "ac-escalations.h"
#include "ac-backend-sync.h"
#include "ac-application.h"
#include "ac-history-window.h"
#include "ac-values.h"
#include "ac-sentiment-timeline.h"
#include "ac-transcript-view.h"
#include "ac-types.h"

#define RESOURCE_BASE "/io/github/agentconsole/AgentConsole"

/* How many calls the list shows at most, newest first. */
#define MAX_CALLS 500

/* How many of a call's messages are asked of the server: a long call's
 * worth (an hour at one utterance every 5 s is 720). */
#define MAX_SERVER_MESSAGES 1000

/**
 * AcHistoryWindow:
 *
 * Past calls, newest first, searched by the words said or the customer
 * and filtered by time, customer sentiment and disposition.  A chosen
 * call opens again as it was: its transcript (read back from the store
 * and analysed again), its sentiment timeline with the escalations it
 * raises, and its recording, to play.
 *
 * Signed in to a backend, a call that went to the server is also read
 * back from there (`GET /conversations/:id/messages` and
 * `GET /sentiment/conversation/:id`): the backend's scores join the
 * timeline as they did live, and a line says what the server holds.  The
 * contract cannot list conversations, so the list itself is this
 * computer's.
 */
struct _AcHistoryWindow
{
  AdwWindow        parent_instance;

  AcStore         *store;
  GListModel      *calls;           /* AcConversation, as last listed */
  AcConversation  *selected;
  char            *select_after;
  GCancellable    *listing;
  GCancellable    *loading;         /* the chosen call's transcript */
  AcBackendSync   *sync;            /* the backend signed in to, or NULL */
  GPtrArray       *server_messages; /* the chosen call's, on the server */
  GStrv            server_ids;      /* their ids there */
  GPtrArray       *server_scores;   /* AcBackendSentiment */
  GError          *server_error;
  guint            server_pending;
  GPtrArray       *dispositions;    /* GStrv {code, label} */
  AcTranscript    *transcript;      /* of the chosen call */
  AcEscalations   *escalations;
  GtkMediaStream  *recording;
  gboolean         filling;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  AdwWindowTitle  *list_title;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *date_filter;
  GtkDropDown     *sentiment_filter;
  GtkDropDown     *disposition_filter;
  GtkBox          *tickets_box;     /* links to the call's tickets */
  GPtrArray       *ticket_links;
  GtkStack        *list_stack;
  GtkListBox      *list;
  AdwStatusPage   *empty_page;
  GtkWidget       *detail_pane;
  AdwWindowTitle  *detail_title;
  GtkStack        *detail_stack;
  GtkLabel        *summary_label;
  GtkLabel        *notes_label;
  GtkLabel        *server_label;
  GtkStack        *recording_stack;
  GtkMediaControls *media_controls;
  GtkLabel        *recording_label;
  AcSentimentTimeline *timeline;
  AcTranscriptView *transcript_view;
};

G_DEFINE_FINAL_TYPE (AcHistoryWindow, ac_history_window, ADW_TYPE_WINDOW)

static const char * const sentiments[] = { NULL, "positive", "neutral", "negative" };

static const char *
sentiment_label (const char *code)
{
  if (g_strcmp0 (code, "positive") == 0)
    return _("Positive");
  if (g_strcmp0 (code, "negative") == 0)
    return _("Negative");
  if (g_strcmp0 (code, "neutral") == 0)
    return _("Neutral");
  if (g_strcmp0 (code, "urgent") == 0)
    return _("Urgent");
  return code;
}

static const char *
disposition_label (AcHistoryWindow *self,
                   const char      *code)
{
  for (guint i = 0; self->dispositions != NULL && i < self->dispositions->len; i++)
    {
      char **pair = self->dispositions->pdata[i];

      if (g_strcmp0 (pair[0], code) == 0)
        return ac_disposition_display (code, pair[1]);
    }
  return ac_disposition_display (code, NULL);
}

/* Who the call was with. */
static const char *
caller_of (AcConversation *call)
{
  const char *name = ac_conversation_get_field (call, "customer_name");

  return name != NULL ? name : _("Unknown Caller");
}

/* “Sat 21 Nov 2026, 14:02 · 3:12 · Follow-up needed”, or with “cut
 * short” for a call the app did not see end. */
static char *
describe (AcHistoryWindow *self,
          AcConversation  *call,
          gboolean         long_form)
{
  g_autoptr(GDateTime) start = ac_conversation_dup_start (call);
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 duration_ms = ac_conversation_get_duration_ms (call);
  const char *disposition = ac_conversation_get_field (call, "disposition");
  const char *sentiment = ac_conversation_get_field (call, "overall_sentiment");

  if (start != NULL)
    {
      /* Translators: when a call started, see g_date_time_format() */
      g_autofree char *when = g_date_time_format (start, long_form ? _("%A %e %B %Y, %H:%M") : _("%a %e %b, %H:%M"));

      g_string_append (out, when);
    }

  if (g_strcmp0 (ac_conversation_get_field (call, "status"), "INTERRUPTED") == 0)
    g_string_append_printf (out, " · %s", _("cut short"));
  else if (duration_ms >= 0)
    {
      g_autofree char *length = ac_format_duration (duration_ms);

      g_string_append_printf (out, " · %s", length);
    }

  if (long_form && sentiment != NULL)
    /* Translators: in a call's summary: “customer Negative” */
    g_string_append_printf (out, " · %s %s", _("customer"), sentiment_label (sentiment));
  if (disposition != NULL && g_strcmp0 (ac_conversation_get_field (call, "wrap_up_timed_out"), "1") == 0)
    /* Translators: a call's disposition, applied when After-Call Work ran
     * out of time, e.g. “Not classified (time ran out)” */
    g_string_append_printf (out, " · %s %s", disposition_label (self, disposition), _("(time ran out)"));
  else if (disposition != NULL)
    g_string_append_printf (out, " · %s", disposition_label (self, disposition));
  if (long_form && g_strcmp0 (ac_conversation_get_field (call, "escalation_count"), "0") != 0 &&
      ac_conversation_get_field (call, "escalation_count") != NULL)
    {
      guint64 n = g_ascii_strtoull (ac_conversation_get_field (call, "escalation_count"), NULL, 10);

      g_string_append (out, " · ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u escalation", "%u escalations", n), (guint) n);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
make_row (AcHistoryWindow *self,
          AcConversation  *call)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe (self, call, FALSE);
  const char *sentiment = ac_conversation_get_field (call, "overall_sentiment");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), caller_of (call));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (sentiment != NULL)
    {
      GtkWidget *label = gtk_label_new (sentiment_label (sentiment));

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, g_str_equal (sentiment, "positive") ? "success"
                                       : g_str_equal (sentiment, "negative") ? "warning" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  g_object_set_data_full (G_OBJECT (row), "call", g_object_ref (call), g_object_unref);
  return row;
}

static void
on_ticket_link_clicked (GtkButton *link,
                        GtkWidget *main_window)
{
  gtk_widget_activate_action (main_window, "win.show-ticket", "s", gtk_button_get_label (link));
}

/* The tickets filed from the call, each a link that opens it in the
 * Tickets window (the main window's `win.show-ticket`). */
static void
show_ticket_links (AcHistoryWindow *self,
                   AcConversation  *call)
{
  const char *ids = call != NULL ? ac_conversation_get_field (call, "ticket_ids") : NULL;
  g_auto(GStrv) tickets = ids != NULL ? g_strsplit (ids, " ", -1) : NULL;
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (self));

  for (guint i = 0; i < self->ticket_links->len; i++)
    gtk_box_remove (self->tickets_box, self->ticket_links->pdata[i]);
  g_ptr_array_set_size (self->ticket_links, 0);

  for (guint i = 0; tickets != NULL && tickets[i] != NULL; i++)
    {
      GtkWidget *link;

      if (tickets[i][0] == '\0')
        continue;
      link = gtk_button_new_with_label (tickets[i]);
      gtk_widget_add_css_class (link, "flat");
      gtk_widget_set_tooltip_text (link, _("Open the ticket"));
      g_signal_connect_object (link, "clicked", G_CALLBACK (on_ticket_link_clicked),
                               main_window != NULL ? (gpointer) main_window : (gpointer) self, 0);
      gtk_box_append (self->tickets_box, link);
      g_ptr_array_add (self->ticket_links, link);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tickets_box), self->ticket_links->len > 0);
}

/* The first time a call's recording plays, the audit trail is told. */
static void
on_recording_playing (GtkMediaStream  *stream,
                      GParamSpec      *pspec,
                      AcHistoryWindow *self)
{
  GApplication *app = g_application_get_default ();

  if (!gtk_media_stream_get_playing (stream))
    return;
  g_signal_handlers_disconnect_by_func (stream, on_recording_playing, self);
  if (AC_IS_APPLICATION (app) && self->selected != NULL)
    ac_application_audit (AC_APPLICATION (app), "play-recording", ac_conversation_get_field (self->selected, "id"),
                          ac_conversation_get_field (self->selected, "recording_path"));
}

static void
show_recording (AcHistoryWindow *self,
                AcConversation  *call)
{
  const char *path = ac_conversation_get_field (call, "recording_path");
  g_autofree char *missing = NULL;

  if (self->recording != NULL)
    gtk_media_stream_pause (self->recording);
  gtk_media_controls_set_media_stream (self->media_controls, NULL);
  g_clear_object (&self->recording);

  if (path == NULL)
    {
      gtk_label_set_label (self->recording_label,
                           g_strcmp0 (ac_conversation_get_field (call, "channel"), "REPLAY") == 0
                             ? _("This call was not recorded: it was a recording played back, which is not "
                                 "recorded again.")
                             : _("This call was not recorded: Record Calls was off (Preferences → Audio), "
                                 "or the recording could not start, as the call said then."));
      gtk_stack_set_visible_child_name (self->recording_stack, "none");
      return;
    }

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: %s is a file's path */
      missing = g_strdup_printf (_("The recording is no longer at %s."), path);
      gtk_label_set_label (self->recording_label, missing);
      gtk_stack_set_visible_child_name (self->recording_stack, "none");
      return;
    }

  self->recording = gtk_media_file_new_for_filename (path);
  g_signal_connect_object (self->recording, "notify::playing", G_CALLBACK (on_recording_playing), self, 0);
  gtk_media_controls_set_media_stream (self->media_controls, self->recording);
  gtk_stack_set_visible_child_name (self->recording_stack, "player");
}

static void
clear_server (AcHistoryWindow *self)
{
  g_clear_pointer (&self->server_messages, g_ptr_array_unref);
  g_clear_pointer (&self->server_ids, g_strfreev);
  g_clear_pointer (&self->server_scores, g_ptr_array_unref);
  g_clear_error (&self->server_error);
  self->server_pending = 0;
}

static void
say_server (AcHistoryWindow *self,
            const char      *text)
{
  gtk_label_set_label (self->server_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->server_label), text != NULL);
}

/* The server's messages and scores, tied to the utterances read back from
 * the store: a message is the app's when it has the same speaker and words
 * as the next of the app's not yet tied (the server keeps what it was
 * sent, in order); the rest came from others in the room. */
static void
apply_server (AcHistoryWindow *self)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  guint next = 0;
  guint tied = 0;
  guint scored = 0;
  guint others;

  if (self->server_messages == NULL || self->server_scores == NULL || self->server_ids == NULL ||
      g_strv_length (self->server_ids) != self->server_messages->len)
    {
      /* Translators: %s says why, from the server or the network */
      text = g_strdup_printf (_("This call is on the contact center’s server, which could not be asked just now "
                                "(%s)."), self->server_error != NULL ? self->server_error->message : "");
      say_server (self, text);
      return;
    }

  for (guint i = 0; i < self->server_messages->len; i++)
    {
      AcUtterance *theirs = g_ptr_array_index (self->server_messages, i);

      for (guint j = next; j < n; j++)
        {
          g_autoptr(AcUtterance) ours = g_list_model_get_item (G_LIST_MODEL (self->transcript), j);

          if (!ac_utterance_get_is_final (ours) ||
              ac_utterance_get_channel (ours) != ac_utterance_get_channel (theirs) ||
              g_strcmp0 (ac_utterance_get_text (ours), ac_utterance_get_text (theirs)) != 0)
            continue;
          if (self->server_ids[i] != NULL && self->server_ids[i][0] != '\0')
            g_hash_table_insert (by_id, self->server_ids[i], ours);
          next = j + 1;
          tied++;
          break;
        }
    }

  for (guint i = 0; i < self->server_scores->len; i++)
    {
      const AcBackendSentiment *score = g_ptr_array_index (self->server_scores, i);
      AcUtterance *utterance = g_hash_table_lookup (by_id, score->message_id);

      if (utterance == NULL)
        continue;
      ac_utterance_set_remote_sentiment (utterance, score->label, ac_backend_sentiment_get_score (score));
      scored++;
    }

  /* Translators: the first %u counts utterances on the server, the second
   * all the call's, the third those the server scored */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "On the contact center’s server: %u of %u utterance, %u scored there.",
                                       "On the contact center’s server: %u of %u utterances, %u scored there.",
                                       ac_transcript_get_n_final (self->transcript)),
                          tied, ac_transcript_get_n_final (self->transcript), scored);
  others = self->server_messages->len - tied;
  if (others > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more message there came from others in the room.",
                                                            "%u more messages there came from others in the room.",
                                                            others),
                                               others);
      g_autofree char *both = g_strconcat (text, " ", more, NULL);

      say_server (self, both);
    }
  else
    say_server (self, text);
}

static void
server_answered (AcHistoryWindow *self)
{
  if (--self->server_pending == 0)
    apply_server (self);
}

static void
on_server_messages (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AcHistoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages = ac_backend_client_list_messages_finish (AC_BACKEND_CLIENT (object), result,
                                                                &self->server_ids, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->server_messages = messages;
  if (error != NULL && self->server_error == NULL)
    self->server_error = g_steal_pointer (&error);
  server_answered (self);
}

static void
on_server_scores (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AcHistoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *scores = ac_backend_client_get_sentiment_timeline_finish (AC_BACKEND_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->server_scores = scores;
  if (error != NULL && self->server_error == NULL)
    self->server_error = g_steal_pointer (&error);
  server_answered (self);
}

/* Signed in: the chosen call as the server has it, when it went there. */
static void
ask_server (AcHistoryWindow *self)
{
  AcBackendClient *client;
  const char *remote;

  clear_server (self);
  if (self->sync == NULL || self->selected == NULL)
    {
      say_server (self, NULL);
      return;
    }

  remote = ac_backend_sync_get_remote_id (self->sync, ac_conversation_get_id (self->selected));
  if (remote == NULL)
    {
      say_server (self, ac_backend_sync_is_loaded (self->sync) ? _("Not on the contact center’s server.") : NULL);
      return;
    }
  if (ac_backend_sync_get_state (self->sync) == AC_BACKEND_SYNC_SIGNED_OUT)
    {
      say_server (self, _("On the contact center’s server; sign in to see what it holds."));
      return;
    }

  say_server (self, _("On the contact center’s server; asking it…"));
  client = ac_backend_sync_get_client (self->sync);
  self->server_pending = 2;
  ac_backend_client_list_messages_async (client, remote, MAX_SERVER_MESSAGES, self->loading, on_server_messages,
                                         g_object_ref (self));
  ac_backend_client_get_sentiment_timeline_async (client, remote, self->loading, on_server_scores,
                                                  g_object_ref (self));
}

static void
on_messages (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AcHistoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = ac_store_list_messages_finish (AC_STORE (object), result, &error);
  g_autoptr(AcTranscript) transcript = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);

  if (messages == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  /* Filled before it is shown: the view opens at the top.  The store
   * keeps the words, not the whole analysis: each utterance is scored
   * again as the transcriber scores a live one. */
  transcript = ac_transcript_new ();
  g_clear_object (&self->escalations);
  self->escalations = ac_escalations_new (transcript);
  for (guint i = 0; i < messages->len; i++)
    {
      ac_utterance_analyze (messages->pdata[i], AC_SENTIMENT_MODEL_CONTACT_CENTER);
      ac_transcript_add (transcript, messages->pdata[i]);
    }
  ac_escalations_acknowledge_all (self->escalations);

  g_set_object (&self->transcript, transcript);
  ac_transcript_view_set_transcript (self->transcript_view, transcript);
  ac_sentiment_timeline_set_transcript (self->timeline, transcript);
  ac_sentiment_timeline_set_escalations (self->timeline, self->escalations);

  /* Still loading this call: the server's answers are cancelled with it. */
  self->loading = g_cancellable_new ();
  ask_server (self);
}

static void
show_call (AcHistoryWindow *self,
           AcConversation  *call)
{
  g_autofree char *summary = NULL;
  const char *notes;

  if (self->selected == call)
    return;
  g_set_object (&self->selected, call);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  clear_server (self);
  say_server (self, NULL);
  ac_transcript_view_set_transcript (self->transcript_view, NULL);
  ac_sentiment_timeline_set_transcript (self->timeline, NULL);
  g_clear_object (&self->transcript);

  if (call == NULL)
    {
      if (self->recording != NULL)
        gtk_media_stream_pause (self->recording);
      adw_window_title_set_title (self->detail_title, "");
      adw_window_title_set_subtitle (self->detail_title, "");
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  summary = describe (self, call, TRUE);
  adw_window_title_set_title (self->detail_title, caller_of (call));
  adw_window_title_set_subtitle (self->detail_title, ac_conversation_get_field (call, "customer_phone"));
  gtk_label_set_label (self->summary_label, summary);
  notes = ac_conversation_get_field (call, "wrap_up_notes");
  gtk_label_set_label (self->notes_label, notes != NULL ? notes : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes != NULL && notes[0] != '\0');
  show_ticket_links (self, call);
  show_recording (self, call);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");

  self->loading = g_cancellable_new ();
  ac_store_list_messages_async (self->store, ac_conversation_get_id (call), self->loading, on_messages,
                                g_object_ref (self));
}

static void
on_row_selected (AcHistoryWindow *self,
                 GtkListBoxRow   *row)
{
  AcConversation *call = row != NULL ? g_object_get_data (G_OBJECT (row), "call") : NULL;

  if (self->filling)
    return;
  show_call (self, call);
  if (call != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static gboolean
filtered (AcHistoryWindow *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0' ||
         gtk_drop_down_get_selected (self->date_filter) != 0 ||
         gtk_drop_down_get_selected (self->sentiment_filter) != 0 ||
         gtk_drop_down_get_selected (self->disposition_filter) != 0;
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AcHistoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) calls = ac_store_list_conversations_finish (AC_STORE (object), result, &error);
  g_autofree char *keep = NULL;
  g_autofree char *count = NULL;
  GtkListBoxRow *chosen = NULL;
  GtkWidget *child;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->listing);

  if (calls == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  keep = g_strdup (self->select_after != NULL ? self->select_after
                   : self->selected != NULL ? ac_conversation_get_id (self->selected) : NULL);
  g_clear_pointer (&self->select_after, g_free);
  g_set_object (&self->calls, calls);

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  n = g_list_model_get_n_items (calls);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcConversation) call = g_list_model_get_item (calls, i);
      GtkWidget *row = make_row (self, call);

      gtk_list_box_append (self->list, row);
      if (g_strcmp0 (keep, ac_conversation_get_id (call)) == 0)
        chosen = GTK_LIST_BOX_ROW (row);
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call", "%u calls", n), n);
  adw_window_title_set_subtitle (self->list_title, count);
  adw_status_page_set_description (self->empty_page,
                                   filtered (self) ? _("No call matches these filters")
                                                   : _("Calls appear here once they end"));
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");

  gtk_list_box_select_row (self->list, chosen);
  self->filling = FALSE;

  /* The same call stays open as it was (its recording keeps playing). */
  if (chosen == NULL || self->selected == NULL ||
      g_strcmp0 (keep, ac_conversation_get_id (self->selected)) != 0)
    show_call (self, chosen != NULL ? g_object_get_data (G_OBJECT (chosen), "call") : NULL);
}

/**
 * ac_history_window_reload:
 * @self: an #AcHistoryWindow
 *
 * Reads the list again with the filters as they are, for instance after
 * a call ended.
 */
void
ac_history_window_reload (AcHistoryWindow *self)
{
  g_autoptr(GDateTime) since = NULL;
  const char *disposition = NULL;
  guint when, mood, code;

  g_return_if_fail (AC_IS_HISTORY_WINDOW (self));

  if (self->store == NULL)
    return;

  when = gtk_drop_down_get_selected (self->date_filter);
  if (when >= 1 && when <= 3)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                             g_date_time_get_month (now),
                                                             g_date_time_get_day_of_month (now), 0, 0, 0);

      since = g_date_time_add_days (midnight, when == 1 ? 0 : when == 2 ? -6 : -29);
    }

  mood = gtk_drop_down_get_selected (self->sentiment_filter);
  code = gtk_drop_down_get_selected (self->disposition_filter);
  if (code >= 1 && self->dispositions != NULL && code <= self->dispositions->len)
    disposition = ((char **) self->dispositions->pdata[code - 1])[0];

  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  self->listing = g_cancellable_new ();
  ac_store_list_conversations_async (self->store, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                     since, mood < G_N_ELEMENTS (sentiments) ? sentiments[mood] : NULL,
                                     disposition, NULL, MAX_CALLS, self->listing, on_listed,
                                     g_object_ref (self));
}

static void
on_filter_changed (AcHistoryWindow *self)
{
  if (!self->filling)
    ac_history_window_reload (self);
}

static void
on_back_clicked (AcHistoryWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_dispositions (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AcHistoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = ac_store_list_dispositions_finish (AC_STORE (object), result, &error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (codes == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  gtk_string_list_append (labels, _("Any Disposition"));
  for (guint i = 0; i < codes->len; i++)
    gtk_string_list_append (labels, ((char **) codes->pdata[i])[1]);

  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  self->dispositions = g_steal_pointer (&codes);

  self->filling = TRUE;
  gtk_drop_down_set_model (self->disposition_filter, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->disposition_filter, 0);
  self->filling = FALSE;

  ac_history_window_reload (self);
}

static void
ac_history_window_dispose (GObject *object)
{
  AcHistoryWindow *self = AC_HISTORY_WINDOW (object);

  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  if (self->recording != NULL)
    gtk_media_stream_pause (self->recording);

  /* Rows unselected as the list goes open nothing. */
  self->filling = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), AC_TYPE_HISTORY_WINDOW);

  G_OBJECT_CLASS (ac_history_window_parent_class)->dispose (object);
}

static void
ac_history_window_finalize (GObject *object)
{
  AcHistoryWindow *self = AC_HISTORY_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->calls);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->ticket_links, g_ptr_array_unref);
  g_free (self->select_after);
  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  g_clear_object (&self->transcript);
  g_clear_object (&self->escalations);
  g_clear_object (&self->recording);
  clear_server (self);

  G_OBJECT_CLASS (ac_history_window_parent_class)->finalize (object);
}

static void
focus_search (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (AC_HISTORY_WINDOW (widget)->search_entry));
}

static void
ac_history_window_class_init (AcHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_history_window_dispose;
  object_class->finalize = ac_history_window_finalize;

  g_type_ensure (AC_TYPE_SENTIMENT_TIMELINE);
  g_type_ensure (AC_TYPE_TRANSCRIPT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, date_filter);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, sentiment_filter);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, disposition_filter);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, tickets_box);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, list);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, server_label);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, recording_stack);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, media_controls);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, recording_label);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, AcHistoryWindow, transcript_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "history.search", NULL, focus_search);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "history.search", NULL);
}

static void
ac_history_window_init (AcHistoryWindow *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
  self->ticket_links = g_ptr_array_new ();
  ac_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  ac_transcript_view_set_finished (self->transcript_view, TRUE);
  g_signal_connect_object (self->timeline, "utterance-activated",
                           G_CALLBACK (ac_transcript_view_scroll_to), self->transcript_view,
                           G_CONNECT_SWAPPED);
}

/**
 * ac_history_window_new:
 * @store: an open #AcStore
 *
 * Returns: (transfer full): a new #AcHistoryWindow listing @store's calls
 *   (read at once)
 */
AcHistoryWindow *
ac_history_window_new (AcStore *store)
{
  AcHistoryWindow *self;

  g_return_val_if_fail (AC_IS_STORE (store), NULL);

  self = g_object_new (AC_TYPE_HISTORY_WINDOW, NULL);
  self->store = g_object_ref (store);
  /* The disposition filter is filled first; the list follows. */
  ac_store_list_dispositions_async (store, NULL, on_dispositions, g_object_ref (self));

  return self;
}

/**
 * ac_history_window_set_backend_sync:
 * @self: an #AcHistoryWindow
 * @sync: (nullable): the link to the backend signed in to, or %NULL
 *
 * With @sync, a chosen call that went to the server is also read back
 * from there: the backend's scores of its utterances join the timeline
 * (as hollow diamonds, as they did live), and a line under the summary
 * says how many of its utterances the server holds, how many it scored,
 * and how many messages came from others in the room.
 */
void
ac_history_window_set_backend_sync (AcHistoryWindow *self,
                                    AcBackendSync   *sync)
{
  g_return_if_fail (AC_IS_HISTORY_WINDOW (self));
  g_return_if_fail (sync == NULL || AC_IS_BACKEND_SYNC (sync));

  if (self->sync == sync)
    return;
  g_set_object (&self->sync, sync);

  /* The chosen call is read again, with or without the server. */
  if (self->selected != NULL)
    {
      g_autoptr(AcConversation) call = g_object_ref (self->selected);

      show_call (self, NULL);
      show_call (self, call);
    }
}

/**
 * ac_history_window_select:
 * @self: an #AcHistoryWindow
 * @conversation_id: a call
 *
 * Reads the list again and opens @conversation_id in it, if it is listed.
 */
void
ac_history_window_select (AcHistoryWindow *self,
                          const char      *conversation_id)
{
  g_return_if_fail (AC_IS_HISTORY_WINDOW (self));

  g_free (self->select_after);
  self->select_after = g_strdup (conversation_id);
  ac_history_window_reload (self);
}

/**
 * ac_history_window_get_calls:
 * @self: an #AcHistoryWindow
 *
 * Returns: (transfer none) (nullable): the calls listed, or %NULL before
 *   the first list arrives
 */
GListModel *
ac_history_window_get_calls (AcHistoryWindow *self)
{
  g_return_val_if_fail (AC_IS_HISTORY_WINDOW (self), NULL);

  return self->calls;
}

/**
 * ac_history_window_get_selected:
 * @self: an #AcHistoryWindow
 *
 * Returns: (transfer none) (nullable): the call open in detail
 */
AcConversation *
ac_history_window_get_selected (AcHistoryWindow *self)
{
  g_return_val_if_fail (AC_IS_HISTORY_WINDOW (self), NULL);

  return self->selected;
}

/**
 * ac_history_window_get_transcript:
 * @self: an #AcHistoryWindow
 *
 * Returns: (transfer none) (nullable): the open call's transcript, once
 *   it has been read back
 */
AcTranscript *
ac_history_window_get_transcript (AcHistoryWindow *self)
{
  g_return_val_if_fail (AC_IS_HISTORY_WINDOW (self), NULL);

  return self->transcript;
}

/**
 * ac_history_window_get_recording:
 * @self: an #AcHistoryWindow
 *
 * Returns: (transfer none) (nullable): the open call's recording, ready
 *   to play, or %NULL when it has none
 */
GtkMediaStream *
ac_history_window_get_recording (AcHistoryWindow *self)
{
  g_return_val_if_fail (AC_IS_HISTORY_WINDOW (self), NULL);

  return self->recording;
}
