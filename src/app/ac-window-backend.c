/* ac-window-backend.c
 *
 * The window's side of the contact-center backend: each call streamed
 * through the outbox (#AcBackendSync) as it is stored locally, the
 * backend's escalations and supervisors shown, and the connection in the
 * header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-floor-window.h"
#include "ac-window-private.h"

/* Signed out: sign in. Otherwise the backend's settings. */
static void
on_connection_clicked (AcWindow *self)
{
  if (self->sync != NULL && ac_backend_sync_get_state (self->sync) == AC_BACKEND_SYNC_SIGNED_OUT)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.sign-in", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "app.backend-preferences", NULL);
}

static void
update_connection (AcWindow *self)
{
  g_autofree char *text = NULL;
  const char *css = "dim-label";
  guint waiting;

  if (self->sync == NULL)
    {
      if (self->connection_button != NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->connection_button), FALSE);
      return;
    }

  waiting = ac_backend_sync_get_n_waiting (self->sync);
  switch (ac_backend_sync_get_state (self->sync))
    {
    case AC_BACKEND_SYNC_CONNECTED:
      text = g_strdup (_("Connected"));
      css = "success";
      break;
    case AC_BACKEND_SYNC_WAITING:
      {
        gint64 in_s = (ac_backend_sync_get_retry_at (self->sync) - g_get_real_time () + G_USEC_PER_SEC - 1) /
                      G_USEC_PER_SEC;

        if (waiting > 0 && in_s > 5)
          /* Translators: the connection to the backend; changes wait in the outbox */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline (%u change waiting)",
                                               "Offline (%u changes waiting)", waiting), waiting);
        else
          /* Translators: the connection to the backend */
          text = g_strdup_printf (_("Reconnecting in %d s"), (int) MAX (in_s, 0));
        css = "warning";
      }
      break;
    case AC_BACKEND_SYNC_SIGNED_OUT:
      text = g_strdup (_("Signed out"));
      css = "error";
      break;
    case AC_BACKEND_SYNC_CONNECTING:
    default:
      text = g_strdup (_("Connecting…"));
      break;
    }

  gtk_label_set_label (self->connection_label, text);
  /* The button is read out by what it says. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->connection_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_remove_css_class (GTK_WIDGET (self->connection_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->connection_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->connection_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->connection_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->connection_label), css);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->connection_button),
                               ac_backend_sync_get_state (self->sync) == AC_BACKEND_SYNC_SIGNED_OUT
                                 ? _("Sign in to the contact center")
                                 : _("The connection to the contact center’s server"));
  gtk_widget_set_visible (GTK_WIDGET (self->connection_button), TRUE);
}

static gboolean
on_connection_tick (gpointer data)
{
  update_connection (data);
  return G_SOURCE_CONTINUE;
}

static void
on_state_put (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) agent = ac_backend_client_set_agent_state_finish (AC_BACKEND_CLIENT (object), result,
                                                                          &error);

  if (agent == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The agent's state did not reach the server: %s", error->message);
}

/* The agent's state goes to the server as it changes, and again each time
 * the connection comes back (the server may have lost it). */
static void
put_agent_state (AcWindow *self)
{
  AcBackendClient *client;
  g_autofree char *state = NULL;

  if (self->sync == NULL || ac_backend_sync_get_state (self->sync) != AC_BACKEND_SYNC_CONNECTED ||
      (client = ac_backend_sync_get_client (self->sync)) == NULL)
    return;

  /* "after-call-work" → "AFTER_CALL_WORK", the contract's */
  state = g_ascii_strup (ac_agent_state_to_nick (ac_agent_status_get_state (self->status)), -1);
  g_strdelimit (state, "-", '_');
  ac_backend_client_set_agent_state_async (client, state, NULL, NULL, on_state_put, NULL);
}

/* The server changed the agent's state (a call assigned, a supervisor's
 * decision): the header follows.  Only this agent's, by id or email. */
static void
on_notification (AcBackendChannel *channel,
                 const char       *type,
                 JsonNode         *data,
                 gint64            seq,
                 AcWindow         *self)
{
  JsonObject *event;
  const char *agent, *email, *state_code, *account;
  g_autofree char *nick = NULL;
  AcAgentState state;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (type, "agent_state_changed") || !JSON_NODE_HOLDS_OBJECT (data))
    return;
  event = json_node_get_object (data);
  agent = json_object_get_string_member_with_default (event, "agentId", NULL);
  email = json_object_get_string_member_with_default (event, "email", NULL);
  state_code = json_object_get_string_member_with_default (event, "state", NULL);
  account = ac_settings_get_backend_account (self->settings);
  if (state_code == NULL ||
      !((agent != NULL && self->sync != NULL && g_strcmp0 (agent, ac_backend_sync_get_agent_id (self->sync)) == 0) ||
        (email != NULL && account != NULL && g_ascii_strcasecmp (email, account) == 0)))
    return;

  /* "AFTER_CALL_WORK" → "after-call-work", the app's */
  nick = g_ascii_strdown (state_code, -1);
  g_strdelimit (nick, "_", '-');
  if (!ac_agent_state_from_nick (nick, &state) || state == ac_agent_status_get_state (self->status))
    return;
  if (!ac_agent_status_set_state (self->status, state, &error))
    g_debug ("The server's state for this agent was not taken: %s", error->message);
}

/* The server's queue for the call on the line (it changes with a
 * transfer), from this agent's /ws/calls. */
void
_ac_window_update_call_queue (AcWindow *self)
{
  const char *remote = self->sync != NULL && self->session != NULL
                       ? ac_backend_sync_get_remote_id (self->sync, ac_call_session_get_id (self->session)) : NULL;
  const char *queue = remote != NULL && self->call_queues != NULL ? g_hash_table_lookup (self->call_queues, remote)
                                                                  : NULL;
  gboolean on_call = ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL;

  if (queue != NULL && on_call)
    {
      /* Translators: under the caller's name: the call's queue on the server */
      g_autofree char *text = g_strdup_printf (_("%s queue"), queue);

      if (g_strcmp0 (gtk_label_get_text (self->queue_label), text) != 0)
        gtk_label_set_text (self->queue_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->queue_label), queue != NULL && on_call);
}

static void
note_call_queue (AcWindow   *self,
                 JsonObject *call)
{
  JsonNode *id = call != NULL ? json_object_get_member (call, "id") : NULL;
  JsonNode *queue = call != NULL ? json_object_get_member (call, "queue") : NULL;
  JsonNode *name = queue != NULL && JSON_NODE_HOLDS_OBJECT (queue)
                   ? json_object_get_member (json_node_get_object (queue), "name") : NULL;

  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING ||
      name == NULL || !JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
    return;
  if (g_hash_table_size (self->call_queues) > 256)
    g_hash_table_remove_all (self->call_queues);  /* an agent has a few calls, not hundreds */
  g_hash_table_insert (self->call_queues, g_strdup (json_node_get_string (id)),
                       g_strndup (json_node_get_string (name), 128));
}

static void
on_call_frame (AcBackendChannel *channel,
               const char       *type,
               JsonNode         *data,
               gint64            seq,
               AcWindow         *self)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
  JsonNode *calls;

  if (object == NULL)
    return;
  if (g_str_equal (type, "calls_snapshot") && (calls = json_object_get_member (object, "calls")) != NULL &&
      JSON_NODE_HOLDS_ARRAY (calls))
    {
      JsonArray *array = json_node_get_array (calls);

      g_hash_table_remove_all (self->call_queues);
      for (guint i = 0; i < json_array_get_length (array) && i < 256; i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          note_call_queue (self, json_array_get_object_element (array, i));
    }
  else if (g_str_equal (type, "call_started") || g_str_equal (type, "call_updated"))
    note_call_queue (self, object);
  else if (g_str_equal (type, "transferred") && json_object_get_member (object, "call") != NULL &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "call")))
    note_call_queue (self, json_object_get_object_member (object, "call"));
  _ac_window_update_call_queue (self);
}

static void
on_sync_changed (AcWindow *self)
{
  gboolean connected = self->sync != NULL && ac_backend_sync_get_state (self->sync) == AC_BACKEND_SYNC_CONNECTED;

  if (connected && !self->state_sent_connected)
    put_agent_state (self);
  self->state_sent_connected = connected;
  update_connection (self);
  /* "Reconnecting in N s" counts down. */
  if (ac_backend_sync_get_state (self->sync) == AC_BACKEND_SYNC_WAITING)
    {
      if (self->connection_tick == 0)
        self->connection_tick = g_timeout_add_seconds (1, on_connection_tick, self);
    }
  else
    g_clear_handle_id (&self->connection_tick, g_source_remove);
}

/* The backend scored one of the call's utterances: its diamonds join the
 * timeline, and the legend says what they are. */
static void
on_scored (AcWindow       *self,
           AcUtterance    *utterance,
           AcCallUploader *uploader)
{
  gtk_label_set_label (self->backend_legend, _("◇ Contact center"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->backend_legend),
                               _("The contact center’s own score of each utterance, beside the app’s"));
  gtk_widget_set_visible (GTK_WIDGET (self->backend_legend), TRUE);
}

/* The backend flags the call over a message that is not on screen. */
static void
on_flagged (AcWindow       *self,
            double          risk,
            AcCallUploader *uploader)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* Translators: a toast; %.0f %% is how sure the contact center's own
   * analysis is */
  text = g_strdup_printf (_("The contact center’s analysis says this call needs attention (%.0f %% sure)"),
                          risk * 100);
  toast = adw_toast_new (text);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
is_this_call (AcWindow   *self,
              const char *local_id)
{
  return self->session != NULL && g_strcmp0 (local_id, ac_call_session_get_id (self->session)) == 0;
}

/* Someone else in the call's room: a supervisor coaching.  A private
 * note for the agent, in a banner of its own: never in the customer's
 * transcript, the call's record or its ticket. */
static void
on_backend_message (AcWindow   *self,
                    const char *local_id,
                    const char *speaker,
                    const char *content)
{
  if (!is_this_call (self, local_id))
    return;

  if (g_ascii_strcasecmp (speaker, "supervisor") == 0 || g_ascii_strcasecmp (speaker, "coach") == 0 ||
      g_ascii_strcasecmp (speaker, "system") == 0)
    gtk_label_set_text (self->coach_label, content);
  else
    {
      /* Translators: a note from someone else in the call's room;
       * “ana@example.com: I can take it” */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), speaker, content);

      gtk_label_set_text (self->coach_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->coach_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->coach_revealer, TRUE);
}

static void
on_agent_joined (AcWindow   *self,
                 const char *local_id,
                 const char *agent_id)
{
  if (!is_this_call (self, local_id))
    return;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->listening_label)))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("A supervisor is listening")));
  gtk_widget_set_visible (GTK_WIDGET (self->listening_label), TRUE);
}

/**
 * _ac_window_reset_supervision:
 * @self: the window
 *
 * A new call: nobody listens yet, and no note is shown.
 */
void
_ac_window_reset_supervision (AcWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->listening_label), FALSE);
  gtk_revealer_set_reveal_child (self->coach_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->coach_revealer), FALSE);
  gtk_label_set_text (self->coach_label, "");
}

static void
dismiss_coaching (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->coach_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->coach_revealer), FALSE);
}

/* The floor, in a window of its own (see ac-floor-window.c for why). */
static GtkWindow *
show_floor_window (AcWindow *self)
{
  AcBackendClient *client;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(AcFloor) floor = NULL;
  g_autofree char *own_id = NULL;

  if (self->sync == NULL)
    return NULL;
  if (self->floor_window == NULL)
    {
      client = ac_backend_sync_get_client (self->sync);
      tokens = ac_backend_client_dup_tokens (client);
      own_id = tokens != NULL ? ac_jwt_dup_user_id (tokens->access_token) : NULL;
      floor = ac_floor_new (client, ac_backend_sync_get_websocket_url (self->sync));
      self->floor_window = GTK_WINDOW (ac_floor_window_new (gtk_window_get_application (GTK_WINDOW (self)), floor,
                                                            self->settings, own_id));
      g_object_add_weak_pointer (G_OBJECT (self->floor_window), (gpointer *) &self->floor_window);
    }
  gtk_window_present (self->floor_window);
  return self->floor_window;
}

static void
show_floor (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  GtkWindow *floor = show_floor_window (self);
  const char *call_id = param != NULL ? g_variant_get_string (param, NULL) : NULL;

  if (floor != NULL && call_id != NULL && call_id[0] != '\0')
    ac_floor_window_open_call (AC_FLOOR_WINDOW (floor), call_id);
}

/* The Floor button: for a supervisor or an admin only (the server
 * refuses the rest anyway). */
static void
update_floor_button (AcWindow *self)
{
  const char *role = self->sync != NULL ? ac_backend_client_get_role (ac_backend_sync_get_client (self->sync)) : NULL;
  gboolean supervisor = ac_role_sees_floor (role);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-floor", supervisor);
  if (supervisor && self->floor_button == NULL)
    {
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "view-grid-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Floor"));
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      self->floor_button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (self->floor_button), content);
      gtk_widget_set_name (self->floor_button, "show-floor");
      gtk_widget_set_tooltip_text (self->floor_button, _("The supervisor’s live floor: queues, agents, calls"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->floor_button), "win.show-floor");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->floor_button), "s", "");
      adw_header_bar_pack_end (self->header_bar, self->floor_button);
    }
  if (self->floor_button != NULL)
    gtk_widget_set_visible (self->floor_button, supervisor);
  if (!supervisor && self->floor_window != NULL)
    gtk_window_destroy (self->floor_window);
}

void
_ac_window_class_backend_init (AcWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.dismiss-coaching", NULL, dismiss_coaching);
  gtk_widget_class_install_action (widget_class, "win.show-floor", "s", show_floor);
}

static void
on_item_refused (AcWindow   *self,
                 const char *kind,
                 const char *reason)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (kind, "end") == 0)
    /* Translators: a toast when the server would not end a call; %s is its reason */
    text = g_strdup_printf (_("The contact center still shows this call as live: %s"), reason);
  else
    /* Translators: a toast; %s is the server's reason */
    text = g_strdup_printf (_("The contact center refused a change: %s"), reason);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/**
 * ac_window_set_backend_sync:
 * @self: a #AcWindow
 * @sync: (nullable): the link to the team's backend, or %NULL when calls
 *   stay on this computer
 *
 * From the next call on, each call also goes to the backend: created
 * there, every final utterance sent to its room, its end; the header
 * shows the connection (Connected, Reconnecting in N s, Offline with the
 * changes waiting, Signed out).
 */
void
ac_window_set_backend_sync (AcWindow      *self,
                            AcBackendSync *sync)
{
  g_return_if_fail (AC_IS_WINDOW (self));
  g_return_if_fail (sync == NULL || AC_IS_BACKEND_SYNC (sync));

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_set_object (&self->sync, sync);
  if (self->card_pause != NULL)
    ac_card_pause_set_backend (self->card_pause, sync, self->session);
  ac_customer_search_set_backend_sync (self->customers, sync);
  ac_ticket_desk_set_backend_sync (self->tickets, sync);
  if (self->uploader != NULL)
    g_signal_handlers_disconnect_by_data (self->uploader, self);
  g_clear_object (&self->uploader);
  if (sync != NULL)
    {
      self->uploader = ac_call_uploader_new (sync);
      g_signal_connect_object (self->uploader, "scored", G_CALLBACK (on_scored), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->uploader, "flagged", G_CALLBACK (on_flagged), self, G_CONNECT_SWAPPED);
    }
  _ac_window_update_transfer (self);
  if (self->floor_window != NULL)
    gtk_window_destroy (self->floor_window);  /* it was another server's, or another account's */
  update_floor_button (self);
  if (ac_window_get_tickets_window (self) != NULL)
    ac_tickets_window_set_backend_sync (ac_window_get_tickets_window (self), sync);
  if (ac_window_get_history_window (self) != NULL)
    ac_history_window_set_backend_sync (ac_window_get_history_window (self), sync);

  if (self->connection_label == NULL)
    {
      self->connection_button = GTK_BUTTON (gtk_button_new ());
      self->connection_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_button_set_child (self->connection_button, GTK_WIDGET (self->connection_label));
      gtk_widget_add_css_class (GTK_WIDGET (self->connection_button), "flat");
      gtk_widget_set_name (GTK_WIDGET (self->connection_button), "connection");
      g_signal_connect_object (self->connection_button, "clicked", G_CALLBACK (on_connection_clicked), self,
                               G_CONNECT_SWAPPED);
      adw_header_bar_pack_end (self->header_bar, GTK_WIDGET (self->connection_button));
    }

  if (sync != NULL)
    {
      g_signal_connect_object (sync, "notify::state", G_CALLBACK (on_sync_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::n-waiting", G_CALLBACK (on_sync_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::retry-at", G_CALLBACK (on_sync_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "agent-joined", G_CALLBACK (on_agent_joined), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "message-received", G_CALLBACK (on_backend_message), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "item-refused", G_CALLBACK (on_item_refused), self, G_CONNECT_SWAPPED);
      if (!self->state_watched)
        {
          g_signal_connect_object (self->status, "notify::state", G_CALLBACK (put_agent_state), self,
                                   G_CONNECT_SWAPPED);
          self->state_watched = TRUE;
        }
      self->state_sent_connected = FALSE;
      on_sync_changed (self);
      g_signal_connect_object (ac_backend_sync_get_client (sync), "tokens-changed", G_CALLBACK (update_floor_button),
                               self, G_CONNECT_SWAPPED);

      /* The server's events for this agent: its state as the server sets it. */
      if (self->notifications != NULL)
        ac_backend_channel_stop (self->notifications);
      g_clear_object (&self->notifications);
      self->notifications = ac_backend_channel_new (ac_backend_sync_get_client (sync),
                                                    ac_backend_sync_get_websocket_url (sync), "notifications");
      g_signal_connect_object (self->notifications, "frame", G_CALLBACK (on_notification), self, 0);
      ac_backend_channel_start (self->notifications);

      /* This agent's calls, for their queue */
      if (self->calls_channel != NULL)
        ac_backend_channel_stop (self->calls_channel);
      g_clear_object (&self->calls_channel);
      if (self->call_queues == NULL)
        self->call_queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      /* (a supervisor's /ws/calls carries the whole floor: not for a label) */
      if (!ac_role_sees_floor (ac_backend_client_get_role (ac_backend_sync_get_client (sync))))
        {
          self->calls_channel = ac_backend_channel_new (ac_backend_sync_get_client (sync),
                                                        ac_backend_sync_get_websocket_url (sync), "calls");
          g_signal_connect_object (self->calls_channel, "frame", G_CALLBACK (on_call_frame), self, 0);
          ac_backend_channel_start (self->calls_channel);
        }
    }
  else
    {
      g_clear_handle_id (&self->connection_tick, g_source_remove);
      update_connection (self);
      if (self->notifications != NULL)
        ac_backend_channel_stop (self->notifications);
      g_clear_object (&self->notifications);
      if (self->calls_channel != NULL)
        ac_backend_channel_stop (self->calls_channel);
      g_clear_object (&self->calls_channel);
    }
}

/**
 * ac_window_get_backend_sync:
 * @self: a #AcWindow
 *
 * Returns: (transfer none) (nullable): the link to the backend
 */
AcBackendSync *
ac_window_get_backend_sync (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->sync;
}

/* A new call: the backend's scores of the last one are not on screen, and
 * the call goes to the backend (see #AcCallUploader for when). */
void
_ac_window_backend_begin_call (AcWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->backend_legend), FALSE);
  if (self->uploader != NULL && self->session != NULL)
    ac_call_uploader_add_call (self->uploader, self->session);
}

static void
on_quit_response (AdwMessageDialog *dialog,
                  const char       *response,
                  AcWindow         *self)
{
  if (!g_str_equal (response, "quit"))
    return;
  self->quit_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Changes the contact center has not got yet are kept, but an agent
 * closing the app should know they have not gone. */
gboolean
_ac_window_backend_ask_before_quitting (AcWindow *self)
{
  guint waiting;
  AdwMessageDialog *dialog;

  if (self->quit_confirmed || self->sync == NULL ||
      ac_backend_sync_get_state (self->sync) == AC_BACKEND_SYNC_CONNECTED ||
      (waiting = ac_backend_sync_get_n_waiting (self->sync)) == 0)
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Quit Before Everything Is Sent?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u change has not reached the contact center yet. It is kept on this computer and sent the next time Agent Console starts and reaches it.",
                                               "%u changes have not reached the contact center yet. They are kept on this computer and sent the next time Agent Console starts and reaches it.",
                                               waiting),
                                  waiting);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Open"), "quit", _("_Quit"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_quit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
_ac_window_backend_dispose (AcWindow *self)
{
  g_clear_handle_id (&self->connection_tick, g_source_remove);
  if (self->notifications != NULL)
    ac_backend_channel_stop (self->notifications);
  g_clear_object (&self->notifications);
  if (self->calls_channel != NULL)
    ac_backend_channel_stop (self->calls_channel);
  g_clear_object (&self->calls_channel);
  g_clear_pointer (&self->call_queues, g_hash_table_unref);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  if (self->uploader != NULL)
    g_signal_handlers_disconnect_by_data (self->uploader, self);
  g_clear_object (&self->uploader);
}
