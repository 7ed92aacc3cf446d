/* ac-floor-call-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-floor-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-backend-room.h"
#include "ac-floor-call-window.h"
#include "ac-json.h"
#include "ac-sentiment-timeline.h"
#include "ac-sparkline.h"
#include "ac-transcript.h"
#include "ac-types.h"

/**
 * AcFloorCallWindow:
 *
 * One live call, as a supervisor follows it: the transcript so far
 * (`GET /calls/:id`, the last 100 messages), then live by joining the
 * call's conversation room (document 000's room; the agent's window says
 * a supervisor is listening), each message scored on this computer and by
 * the contact center on the sentiment timeline.  From here the supervisor
 * coaches (a message into the room with the speaker `supervisor`: the
 * agent's window shows it as a private note, never in the customer's
 * transcript), transfers the call to a queue or an agent, cold or warm,
 * and starts or stops the server's recording of it.
 */

struct _AcFloorCallWindow
{
  AdwWindow           parent_instance;

  AcFloor            *floor;
  char               *call_id;
  char               *own_id;
  AcBackendRoom      *room;
  AcTranscript       *transcript;
  GHashTable         *utterances;    /* message id → AcUtterance (in transcript) */
  GHashTable         *shown;         /* message ids shown */
  GCancellable       *cancellable;
  gint64              start_ms;
  guint               coach_count;
  gboolean            ended;
  gboolean            seen;          /* the call was on the floor */
  gboolean            follow;        /* keep the newest message in view */
  guint               scroll_source;

  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *title;
  GtkLabel           *status;
  AcSparkline        *spark;
  GtkLabel           *sentiment;
  AcSentimentTimeline *timeline;
  GtkListBox         *messages;
  GtkScrolledWindow  *scroll;
  GtkEntry           *coach_entry;
  GtkButton          *coach_button;
  GtkButton          *record_button;
  GtkMenuButton      *transfer_button;
  GtkDropDown        *target;
  GtkStringList      *target_names;
  GPtrArray          *target_values;  /* "queue:ID" / "agent:ID", by position */
  GtkDropDown        *kind;
  GtkEntry           *reason;
};

G_DEFINE_FINAL_TYPE (AcFloorCallWindow, ac_floor_call_window, ADW_TYPE_WINDOW)

static AcFloorCall *
the_call (AcFloorCallWindow *self)
{
  return ac_floor_calls_lookup (ac_floor_get_calls (self->floor), self->call_id);
}

static void
toast (AcFloorCallWindow *self,
       const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* The newest message in view once the list has grown, unless the
 * supervisor scrolled up to read. */
static gboolean
scroll_to_end (gpointer user_data)
{
  AcFloorCallWindow *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroll);

  self->scroll_source = 0;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

static void
on_scrolled (GtkAdjustment     *adjustment,
             AcFloorCallWindow *self)
{
  if (self->scroll_source != 0)
    return;  /* still growing: where it ends up is decided then */
  self->follow = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
                 gtk_adjustment_get_upper (adjustment) - 24;
}

static const char *
sentiment_name (const char *label)
{
  if (label == NULL)
    return "—";
  if (g_ascii_strcasecmp (label, "POSITIVE") == 0)
    return _("Positive");
  if (g_ascii_strcasecmp (label, "NEGATIVE") == 0)
    return _("Negative");
  if (g_ascii_strcasecmp (label, "NEUTRAL") == 0)
    return _("Neutral");
  if (g_ascii_strcasecmp (label, "MIXED") == 0)
    return _("Mixed");
  return label;
}

static const char *
speaker_name (const char *speaker)
{
  if (g_ascii_strcasecmp (speaker, "customer") == 0)
    return _("Customer");
  if (g_ascii_strcasecmp (speaker, "agent") == 0)
    return _("Agent");
  if (g_ascii_strcasecmp (speaker, "supervisor") == 0)
    return _("Supervisor");
  return speaker;
}

/* A message in the list and, said by the customer or the agent, on the
 * timeline. */
static void
add_message (AcFloorCallWindow *self,
             const char        *message_id,
             const char        *speaker,
             const char        *content,
             gint64             when_ms)
{
  GtkWidget *row;
  GtkWidget *who;
  GtkWidget *text;
  g_autofree char *heading = NULL;
  gboolean customer = g_ascii_strcasecmp (speaker, "customer") == 0;
  gboolean agent = g_ascii_strcasecmp (speaker, "agent") == 0;

  if (message_id != NULL)
    {
      if (g_hash_table_contains (self->shown, message_id))
        return;
      g_hash_table_add (self->shown, g_strdup (message_id));
    }

  row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (row, "floor-message");
  gtk_widget_add_css_class (row, customer ? "customer" : agent ? "agent" : "note");
  if (!customer && !agent)
    /* Translators: a coaching note in the supervisor's view of a call */
    heading = g_strdup_printf (_("%s, to the agent only"), speaker_name (speaker));
  who = gtk_label_new (heading != NULL ? heading : speaker_name (speaker));
  gtk_label_set_xalign (GTK_LABEL (who), 0);
  gtk_widget_add_css_class (who, "caption-heading");
  text = gtk_label_new (content);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (row), who);
  gtk_box_append (GTK_BOX (row), text);
  gtk_list_box_append (self->messages, row);
  if (self->follow && self->scroll_source == 0)
    self->scroll_source = g_timeout_add (50, scroll_to_end, self);

  if ((customer || agent) && message_id != NULL)
    {
      gint64 at = when_ms >= 0 && self->start_ms >= 0 ? MAX (when_ms - self->start_ms, 0)
                  : (gint64) ac_transcript_get_duration_ms (self->transcript) + 1000;
      g_autoptr(AcUtterance) utterance = ac_utterance_new (customer ? AC_AUDIO_CHANNEL_CUSTOMER : AC_AUDIO_CHANNEL_AGENT,
                                                           at, at + 1000, content, 1.0, TRUE);

      ac_utterance_analyze (utterance, AC_SENTIMENT_MODEL_CONTACT_CENTER);
      ac_transcript_add (self->transcript, utterance);
      g_hash_table_insert (self->utterances, g_strdup (message_id), g_object_ref (utterance));
    }
}

static double
score_of (const char *label,
          double      confidence)
{
  if (label == NULL)
    return 0;
  if (g_ascii_strcasecmp (label, "POSITIVE") == 0)
    return confidence;
  if (g_ascii_strcasecmp (label, "NEGATIVE") == 0)
    return -confidence;
  return 0;
}

static void
set_remote (AcFloorCallWindow *self,
            const char        *message_id,
            const char        *label,
            double             confidence)
{
  AcUtterance *utterance = message_id != NULL ? g_hash_table_lookup (self->utterances, message_id) : NULL;

  if (utterance != NULL && label != NULL)
    ac_utterance_set_remote_sentiment (utterance, label, score_of (label, confidence));
}

static void
update_call (AcFloorCallWindow *self)
{
  AcFloorCall *call = the_call (self);
  g_autofree char *subtitle = NULL;
  g_autofree char *sentiment = NULL;
  const double *recent;
  guint n = 0;

  if (call == NULL)
    {
      /* gone from a live floor after it was on it (a call opened from an
       * alert may not have arrived yet) */
      if (self->seen && !self->ended && ac_floor_get_state (self->floor) == AC_FLOOR_LIVE)
        {
          self->ended = TRUE;
          gtk_label_set_text (self->status, _("The call has ended"));
          gtk_widget_set_sensitive (GTK_WIDGET (self->coach_entry), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (self->coach_button), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (self->transfer_button), FALSE);
          if (self->room != NULL)
            ac_backend_room_close (self->room);
        }
      return;
    }

  if (!self->seen)
    {
      self->seen = TRUE;
      g_signal_connect_object (call, "changed", G_CALLBACK (update_call), self, G_CONNECT_SWAPPED);
    }
  adw_window_title_set_title (self->title, ac_floor_call_get_customer_name (call) != NULL
                                           ? ac_floor_call_get_customer_name (call) : _("Unknown caller"));
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->title));
  /* Translators: a call's agent and queue: “Ana Lima · Billing” */
  subtitle = g_strdup_printf (_("%s · %s"),
                              ac_floor_call_get_agent_name (call) != NULL ? ac_floor_call_get_agent_name (call)
                                                                          : _("Waiting"),
                              ac_floor_call_get_queue_name (call) != NULL ? ac_floor_call_get_queue_name (call) : "—");
  adw_window_title_set_subtitle (self->title, subtitle);
  if (self->start_ms < 0)
    self->start_ms = ac_floor_call_get_start_ms (call);

  recent = ac_floor_call_get_recent_risk (call, &n);
  ac_sparkline_set_values (self->spark, recent, n);
  gtk_widget_set_visible (GTK_WIDGET (self->spark), n > 0);
  if (ac_floor_call_get_risk_score (call) >= 0)
    /* Translators: the customer's latest sentiment, as the contact center scored it */
    sentiment = g_strdup_printf (_("Customer: %s, risk %.2f%s"),
                                 sentiment_name (ac_floor_call_get_sentiment (call)),
                                 ac_floor_call_get_risk_score (call),
                                 ac_floor_call_get_escalated (call) ? _(" — escalated") : "");
  gtk_label_set_text (self->sentiment, sentiment != NULL ? sentiment : _("Customer: not scored yet"));

  gtk_button_set_label (self->record_button, ac_floor_call_get_recording_id (call) != NULL
                                             ? _("Stop Recording") : _("Start Recording"));
}

static void
on_detail (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AcFloorCallWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = ac_backend_client_request_finish (AC_BACKEND_CLIENT (object), result, &error);
  JsonObject *call;
  JsonArray *rows;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is why */
      text = g_strdup_printf (_("The call’s transcript so far cannot be read: %s"),
                              error != NULL ? error->message : _("the server sent no call"));
      toast (self, text);
      g_object_unref (self);
      return;
    }

  call = json_node_get_object (data);
  if (self->start_ms < 0)
    self->start_ms = ac_json_member_time_ms (call, "startTime");
  rows = ac_json_member_array (call, "transcript");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *element = json_array_get_element (rows, i);
      JsonObject *row = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autofree char *id_owned = NULL;
      g_autofree char *speaker_owned = NULL;
      g_autofree char *content_owned = NULL;
      g_autofree char *label_owned = NULL;
      const char *id = ac_json_member_text (row, "messageId", &id_owned);
      const char *speaker = ac_json_member_text (row, "speaker", &speaker_owned);
      const char *content = ac_json_member_text (row, "content", &content_owned);
      const char *label = ac_json_member_text (row, "sentiment", &label_owned);

      if (speaker == NULL || content == NULL)
        continue;
      add_message (self, id, speaker, content, ac_json_member_time_ms (row, "timestamp"));
      set_remote (self, id, label, ac_json_member_number (row, "confidence", 1.0));
    }
  g_object_unref (self);
}

static void
on_room_state (AcFloorCallWindow *self)
{
  if (self->ended)
    return;
  switch (ac_backend_room_get_state (self->room))
    {
    case AC_BACKEND_ROOM_OPEN:
      gtk_label_set_text (self->status, _("Listening in — the agent sees that you are"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->coach_button), TRUE);
      break;
    case AC_BACKEND_ROOM_SIGNED_OUT:
      gtk_label_set_text (self->status, _("Signed out: sign in again to listen in"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->coach_button), FALSE);
      break;
    case AC_BACKEND_ROOM_WAITING:
      gtk_label_set_text (self->status, _("Reconnecting to the call…"));
      break;
    case AC_BACKEND_ROOM_CONNECTING:
    case AC_BACKEND_ROOM_CLOSED:
    default:
      gtk_label_set_text (self->status, _("Joining the call…"));
      break;
    }
}

static void
on_room_message (AcFloorCallWindow *self,
                 const char        *message_id,
                 const char        *speaker,
                 const char        *content,
                 const char        *timestamp)
{
  g_autoptr(GDateTime) when = timestamp != NULL ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;

  add_message (self, message_id, speaker, content,
               when != NULL ? g_date_time_to_unix (when) * 1000 + g_date_time_get_microsecond (when) / 1000 : -1);
}

static void
on_room_sentiment (AcFloorCallWindow        *self,
                   const AcBackendSentiment *sentiment)
{
  set_remote (self, sentiment->message_id, sentiment->label, sentiment->confidence);
}

static void
on_coach (AcFloorCallWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->coach_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *client_id = NULL;

  if (stripped[0] == '\0' || self->room == NULL || self->ended)
    return;
  client_id = g_strdup_printf ("coach-%s-%u", self->call_id, ++self->coach_count);
  ac_backend_room_send_message (self->room, client_id, "supervisor", stripped);
  add_message (self, NULL, "supervisor", stripped, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->coach_entry), "");
}

static void
on_coach_confirmed (AcFloorCallWindow *self,
                    const char        *client_id,
                    const char        *message_id)
{
  /* ours, echoed: not shown twice */
  g_hash_table_add (self->shown, g_strdup (message_id));
}

static void
recording_answered (AcFloorCallWindow *self,
                    GError            *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), !self->ended);
  if (error != NULL)
    toast (self, error->message);
}

static void
on_recording_started (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AcFloorCallWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) recording = ac_backend_client_start_recording_finish (AC_BACKEND_CLIENT (object), result,
                                                                              &error);

  recording_answered (self, error);
}

static void
on_recording_stopped (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AcFloorCallWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  ac_backend_client_stop_recording_finish (AC_BACKEND_CLIENT (object), result, &error);
  recording_answered (self, error);
}

static void
on_record (AcFloorCallWindow *self)
{
  AcFloorCall *call = the_call (self);
  AcBackendClient *client = ac_floor_get_client (self->floor);

  if (call == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), FALSE);
  if (ac_floor_call_get_recording_id (call) != NULL)
    ac_backend_client_stop_recording_async (client, ac_floor_call_get_recording_id (call), self->cancellable,
                                            on_recording_stopped, g_object_ref (self));
  else
    ac_backend_client_start_recording_async (client, self->call_id, NULL, self->cancellable, on_recording_started,
                                             g_object_ref (self));
}

/* The transfer's targets: the floor's queues, then its agents not offline. */
static void
fill_targets (AcFloorCallWindow *self)
{
  GListModel *queues = ac_floor_stats_get_queues (ac_floor_get_stats (self->floor));
  GListModel *agents = G_LIST_MODEL (ac_floor_get_agents (self->floor));
  AcFloorCall *call = the_call (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (self->target_values, 0);
  for (guint i = 0; i < g_list_model_get_n_items (queues); i++)
    {
      g_autoptr(AcFloorQueue) queue = g_list_model_get_item (queues, i);

      /* Translators: a transfer target */
      g_ptr_array_add (names, g_strdup_printf (_("Queue: %s"), ac_floor_queue_get_name (queue)));
      g_ptr_array_add (self->target_values, g_strconcat ("queue:", ac_floor_queue_get_id (queue), NULL));
    }
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(AcFloorAgent) agent = g_list_model_get_item (agents, i);

      if (g_strcmp0 (ac_floor_agent_get_state (agent), "OFFLINE") == 0 ||
          (call != NULL && g_strcmp0 (ac_floor_agent_get_id (agent), ac_floor_call_get_agent_id (call)) == 0))
        continue;
      /* Translators: a transfer target: “Agent: Ana Lima (Available)” */
      g_ptr_array_add (names, g_strdup_printf (_("Agent: %s (%s)"), ac_floor_agent_get_name (agent),
                                               ac_floor_agent_get_state (agent) != NULL
                                               ? ac_floor_agent_get_state (agent) : "?"));
      g_ptr_array_add (self->target_values, g_strconcat ("agent:", ac_floor_agent_get_id (agent), NULL));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->target_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->target_names)),
                          (const char * const *) names->pdata);
}

static void
on_transferred (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AcFloorCallWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) transfer = ac_backend_client_transfer_call_finish (AC_BACKEND_CLIENT (object), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (transfer != NULL)
        toast (self, _("The call is transferred"));
      else
        {
          /* Translators: %s is the server's reason */
          g_autofree char *text = g_strdup_printf (_("The transfer was refused: %s"), error->message);

          toast (self, text);
        }
      gtk_widget_set_sensitive (GTK_WIDGET (self->transfer_button), !self->ended);
    }
  g_object_unref (self);
}

static void
on_transfer (AcFloorCallWindow *self)
{
  guint chosen = gtk_drop_down_get_selected (self->target);
  const char *value;
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason));

  if (chosen == GTK_INVALID_LIST_POSITION || chosen >= self->target_values->len)
    return;
  value = self->target_values->pdata[chosen];
  gtk_menu_button_popdown (self->transfer_button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transfer_button), FALSE);
  ac_backend_client_transfer_call_async (ac_floor_get_client (self->floor), self->call_id,
                                         g_str_has_prefix (value, "queue:") ? value + 6 : NULL,
                                         g_str_has_prefix (value, "agent:") ? value + 6 : NULL,
                                         gtk_drop_down_get_selected (self->kind) == 1,
                                         reason[0] != '\0' ? reason : NULL, self->cancellable, on_transferred,
                                         g_object_ref (self));
}

static GtkWidget *
build_transfer (AcFloorCallWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *go = gtk_button_new_with_mnemonic (_("_Transfer"));
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label;

  self->target_names = gtk_string_list_new (NULL);
  self->target_values = g_ptr_array_new_with_free_func (g_free);
  self->target = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->target_names)), NULL));
  self->kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) {
    _("Cold: hand over at once"), _("Warm: the agent stays until answered"), NULL }));
  self->reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->reason, _("Reason (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  label = gtk_label_new_with_mnemonic (_("Transfer _to"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->target));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->target), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind"), -1);
  gtk_widget_add_css_class (go, "suggested-action");
  g_signal_connect_swapped (go, "clicked", G_CALLBACK (on_transfer), self);
  gtk_widget_set_name (go, "transfer-go");
  gtk_widget_set_name (GTK_WIDGET (self->target), "transfer-target");
  gtk_widget_set_name (GTK_WIDGET (self->kind), "transfer-kind");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->target));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->kind));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reason));
  gtk_box_append (GTK_BOX (box), go);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (fill_targets), self);

  self->transfer_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (self->transfer_button, _("Transfer"));
  gtk_menu_button_set_popover (self->transfer_button, popover);
  gtk_widget_set_name (GTK_WIDGET (self->transfer_button), "transfer");
  return GTK_WIDGET (self->transfer_button);
}

static void
ac_floor_call_window_dispose (GObject *object)
{
  AcFloorCallWindow *self = AC_FLOOR_CALL_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->room != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->room, self);
      ac_backend_room_close (self->room);
    }
  if (self->floor != NULL)
    {
      g_signal_handlers_disconnect_by_data (ac_floor_get_calls (self->floor), self);
      g_signal_handlers_disconnect_by_data (self->floor, self);
    }
  g_clear_object (&self->room);

  G_OBJECT_CLASS (ac_floor_call_window_parent_class)->dispose (object);
}

static void
ac_floor_call_window_finalize (GObject *object)
{
  AcFloorCallWindow *self = AC_FLOOR_CALL_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->floor);
  g_clear_object (&self->transcript);
  g_clear_object (&self->target_names);
  g_clear_pointer (&self->target_values, g_ptr_array_unref);
  g_hash_table_unref (self->utterances);
  g_hash_table_unref (self->shown);
  g_free (self->call_id);
  g_free (self->own_id);

  G_OBJECT_CLASS (ac_floor_call_window_parent_class)->finalize (object);
}

static void
ac_floor_call_window_class_init (AcFloorCallWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_floor_call_window_dispose;
  object_class->finalize = ac_floor_call_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ac_floor_call_window_init (AcFloorCallWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *coach = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->utterances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->transcript = ac_transcript_new ();
  self->cancellable = g_cancellable_new ();
  self->start_ms = -1;

  gtk_window_set_default_size (GTK_WINDOW (self), 720, 560);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Call"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->record_button = GTK_BUTTON (gtk_button_new_with_label (_("Start Recording")));
  g_signal_connect_swapped (self->record_button, "clicked", G_CALLBACK (on_record), self);
  gtk_widget_set_name (GTK_WIDGET (self->record_button), "server-recording");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), build_transfer (self));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->record_button));

  self->status = GTK_LABEL (gtk_label_new (_("Joining the call…")));
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_set_name (GTK_WIDGET (self->status), "listen-status");
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "heading");
  self->spark = AC_SPARKLINE (ac_sparkline_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spark), FALSE);
  self->sentiment = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->sentiment, 0);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->spark));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->sentiment));

  self->timeline = AC_SENTIMENT_TIMELINE (ac_sentiment_timeline_new ());
  ac_sentiment_timeline_set_transcript (self->timeline, self->transcript);
  gtk_widget_set_size_request (GTK_WIDGET (self->timeline), -1, 110);

  self->messages = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->messages), "call-messages");
  gtk_list_box_set_selection_mode (self->messages, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->messages), "floor-messages");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->messages), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Transcript"), -1);
  self->scroll = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (self->scroll, GTK_WIDGET (self->messages));
  gtk_scrolled_window_set_policy (self->scroll, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  self->follow = TRUE;
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroll), "value-changed",
                    G_CALLBACK (on_scrolled), self);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroll), TRUE);

  self->coach_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->coach_entry, _("Coach the agent — only they see it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coach_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Coaching note"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->coach_entry), TRUE);
  g_signal_connect_swapped (self->coach_entry, "activate", G_CALLBACK (on_coach), self);
  gtk_widget_set_name (GTK_WIDGET (self->coach_entry), "coach-entry");
  self->coach_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Send to Agent")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->coach_button), FALSE);
  gtk_widget_set_name (GTK_WIDGET (self->coach_button), "coach-send");
  g_signal_connect_swapped (self->coach_button, "clicked", G_CALLBACK (on_coach), self);
  gtk_box_append (GTK_BOX (coach), GTK_WIDGET (self->coach_entry));
  gtk_box_append (GTK_BOX (coach), GTK_WIDGET (self->coach_button));

  gtk_widget_add_css_class (body, "floor-call");
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (body), line);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->timeline));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->scroll));
  gtk_box_append (GTK_BOX (body), coach);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), body);
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}

/**
 * ac_floor_call_window_new:
 * @floor: the supervisor's floor
 * @call_id: a live call on it
 * @own_id: (nullable): the supervisor's user id, sent on joining the room
 *
 * Reads the call's transcript so far and joins its room.
 *
 * Returns: (transfer full): the call's window
 */
AcFloorCallWindow *
ac_floor_call_window_new (AcFloor    *floor,
                          const char *call_id,
                          const char *own_id)
{
  AcFloorCallWindow *self;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (AC_IS_FLOOR (floor), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  self = g_object_new (AC_TYPE_FLOOR_CALL_WINDOW, NULL);
  self->floor = g_object_ref (floor);
  self->call_id = g_strdup (call_id);
  self->own_id = g_strdup (own_id);
  gtk_widget_set_name (GTK_WIDGET (self), "floor-call-window");

  g_signal_connect_object (ac_floor_get_calls (floor), "items-changed", G_CALLBACK (update_call), self,
                           G_CONNECT_SWAPPED);
  update_call (self);

  escaped = g_uri_escape_string (call_id, NULL, FALSE);
  path = g_strconcat ("/calls/", escaped, NULL);
  ac_backend_client_request_async (ac_floor_get_client (floor), "GET", path, NULL, self->cancellable, on_detail,
                                   g_object_ref (self));

  if (ac_floor_get_websocket_url (floor) != NULL)
    {
      self->room = ac_backend_room_new (ac_floor_get_client (floor), ac_floor_get_websocket_url (floor), call_id,
                                        own_id);
      g_signal_connect_swapped (self->room, "notify::state", G_CALLBACK (on_room_state), self);
      g_signal_connect_swapped (self->room, "message-received", G_CALLBACK (on_room_message), self);
      g_signal_connect_swapped (self->room, "sentiment-update", G_CALLBACK (on_room_sentiment), self);
      g_signal_connect_swapped (self->room, "message-confirmed", G_CALLBACK (on_coach_confirmed), self);
      ac_backend_room_open (self->room);
    }
  return self;
}

/**
 * ac_floor_call_window_get_call_id:
 * @self: a #AcFloorCallWindow
 *
 * Returns: the call it shows
 */
const char *
ac_floor_call_window_get_call_id (AcFloorCallWindow *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_CALL_WINDOW (self), NULL);
  return self->call_id;
}
