/* ac-window-transfer.c
 *
 * Transferring the call on the line to another queue or agent, where the
 * contact center's backend can (`POST /transfer/initiate` of the voice
 * platform contract): a dialog with the backend's queues, an agent's
 * email, cold or warm, and a reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-window-private.h"

typedef struct
{
  AcWindow        *window;       /* owned */
  AdwMessageDialog *dialog;      /* weak, while open */
  AdwComboRow     *queue_row;
  AdwEntryRow     *agent_row;
  AdwComboRow     *type_row;
  AdwEntryRow     *reason_row;
  GPtrArray       *queues;       /* GHashTable fields, as listed */
  char            *call_id;      /* the server's */
  GCancellable    *cancellable;
} Transfer;

static void
transfer_free (Transfer *transfer)
{
  g_cancellable_cancel (transfer->cancellable);
  g_clear_object (&transfer->cancellable);
  g_clear_pointer (&transfer->queues, g_ptr_array_unref);
  g_free (transfer->call_id);
  g_clear_object (&transfer->window);
  g_free (transfer);
}

static const char *
chosen_queue (Transfer *transfer)
{
  guint selected = adw_combo_row_get_selected (transfer->queue_row);

  if (transfer->queues == NULL || selected >= transfer->queues->len)
    return NULL;
  return g_hash_table_lookup (transfer->queues->pdata[selected], "id");
}

static void
update_response (Transfer *transfer)
{
  g_autofree char *agent = NULL;

  if (transfer->dialog == NULL)
    return;
  agent = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (transfer->agent_row))));
  adw_message_dialog_set_response_enabled (transfer->dialog, "transfer",
                                           chosen_queue (transfer) != NULL || agent[0] != '\0');
}

static void
on_queues (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Transfer *transfer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *queues = ac_backend_client_list_queues_finish (AC_BACKEND_CLIENT (object), result, &error);

  /* Cancelled: the dialog is gone, and so is @transfer. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (transfer->dialog == NULL)
    {
      g_clear_pointer (&queues, g_ptr_array_unref);
      return;
    }

  if (queues == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (transfer->queue_row),
                                   _("The queues could not be read; an agent can still be named"));
      return;
    }

  transfer->queues = queues;
  for (guint i = 0; i < queues->len; i++)
    gtk_string_list_append (names, g_hash_table_lookup (queues->pdata[i], "name"));
  adw_combo_row_set_model (transfer->queue_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (transfer->queue_row, GTK_INVALID_LIST_POSITION);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (transfer->queue_row),
                               queues->len > 0 ? NULL : _("The contact center has no queues"));
  update_response (transfer);
}

static void
on_transferred (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Transfer *transfer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) done = ac_backend_client_transfer_call_finish (AC_BACKEND_CLIENT (object), result, &error);

  if (done == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_prefix_error (&error, _("The call could not be transferred: "));
      ac_window_show_error (transfer->window, error);
    }
  else if (done != NULL)
    adw_toast_overlay_add_toast (transfer->window->toast_overlay,
                                 adw_toast_new (_("The transfer is started: end the call when it is taken")));
  transfer_free (transfer);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Transfer         *transfer)
{
  g_autofree char *agent = NULL;
  g_autofree char *reason = NULL;
  AcBackendClient *client;

  transfer->dialog = NULL;
  if (!g_str_equal (response, "transfer") || transfer->window->sync == NULL)
    {
      transfer_free (transfer);
      return;
    }

  agent = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (transfer->agent_row))));
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (transfer->reason_row))));
  client = ac_backend_sync_get_client (transfer->window->sync);
  ac_backend_client_transfer_call_async (client, transfer->call_id, chosen_queue (transfer),
                                         agent[0] != '\0' ? agent : NULL,
                                         adw_combo_row_get_selected (transfer->type_row) == 1, reason,
                                         transfer->cancellable, on_transferred, transfer);
}

/* win.transfer-call: the dialog, for the call on the line. */
static void
transfer_call (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  const char *call_id;
  GtkWidget *group;
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  Transfer *transfer;

  if (self->sync == NULL || self->session == NULL)
    return;

  call_id = ac_backend_sync_get_remote_id (self->sync, ac_call_session_get_id (self->session));
  if (call_id == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The call is not on the contact center’s server yet: "
                                                    "try again in a moment")));
      return;
    }

  transfer = g_new0 (Transfer, 1);
  transfer->window = g_object_ref (self);
  transfer->call_id = g_strdup (call_id);
  transfer->cancellable = g_cancellable_new ();

  transfer->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Transfer the Call"),
                                                                 _("To a queue, or to an agent by email. A warm "
                                                                   "transfer keeps you on the line until they "
                                                                   "answer.")));
  group = adw_preferences_group_new ();
  transfer->queue_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (transfer->queue_row), _("_Queue"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (transfer->queue_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (transfer->queue_row), _("Reading the queues…"));
  g_signal_connect_swapped (transfer->queue_row, "notify::selected", G_CALLBACK (update_response), transfer);
  transfer->agent_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (transfer->agent_row), _("Or an _Agent’s Email"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (transfer->agent_row), TRUE);
  g_signal_connect_swapped (transfer->agent_row, "changed", G_CALLBACK (update_response), transfer);
  transfer->type_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (transfer->type_row), _("_Kind"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (transfer->type_row), TRUE);
  gtk_string_list_append (types, _("Cold: hand over at once"));
  gtk_string_list_append (types, _("Warm: stay until they answer"));
  adw_combo_row_set_model (transfer->type_row, G_LIST_MODEL (types));
  transfer->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (transfer->reason_row), _("_Reason"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (transfer->reason_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (transfer->queue_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (transfer->agent_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (transfer->type_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (transfer->reason_row));
  adw_message_dialog_set_extra_child (transfer->dialog, group);

  adw_message_dialog_add_responses (transfer->dialog, "cancel", _("_Cancel"), "transfer", _("_Transfer"), NULL);
  adw_message_dialog_set_response_appearance (transfer->dialog, "transfer", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (transfer->dialog, "transfer");
  adw_message_dialog_set_close_response (transfer->dialog, "cancel");
  adw_message_dialog_set_response_enabled (transfer->dialog, "transfer", FALSE);
  g_signal_connect (transfer->dialog, "response", G_CALLBACK (on_response), transfer);

  ac_backend_client_list_queues_async (ac_backend_sync_get_client (self->sync), transfer->cancellable, on_queues,
                                       transfer);
  gtk_window_present (GTK_WINDOW (transfer->dialog));
}

void
_ac_window_class_transfer_init (AcWindowClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "win.transfer-call", NULL, transfer_call);
}

/* Transfer needs a backend and a call on the line. */
void
_ac_window_update_transfer (AcWindow *self)
{
  gboolean possible = self->sync != NULL && self->session != NULL &&
                      ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.transfer-call", possible);
  gtk_widget_set_visible (GTK_WIDGET (self->transfer_button), possible);
}
