/* ac-window-lists.c: the sidebar's ticket form, and the windows the main
 * window opens on the store: the ticket list and the call history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-history-window.h"
#include "ac-ticket-draft.h"
#include "ac-tickets-window.h"
#include "ac-window-private.h"

static gboolean
in_call (AcWindow *self)
{
  AcAgentState state = ac_agent_status_get_state (self->status);

  return self->session != NULL &&
         (state == AC_AGENT_STATE_ON_CALL || state == AC_AGENT_STATE_AFTER_CALL_WORK);
}

/* A window on the store, beside the main one, closed with it.  @slot
 * follows it with a weak pointer: replies from the store may keep a closed
 * window alive a little longer, so whether it is still open is asked of
 * GTK's list of toplevels (see kept_window()). */
static void
keep_window (AcWindow   *self,
             GtkWindow  *window,
             gpointer   *slot)
{
  *slot = window;
  g_object_add_weak_pointer (G_OBJECT (window), slot);
  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_set_application (window, gtk_window_get_application (GTK_WINDOW (self)));
}

/* The window in @slot while it is open; a closed one is let go. */
static gpointer
kept_window (gpointer *slot)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (*slot == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (window == *slot)
        return *slot;
    }

  g_object_remove_weak_pointer (G_OBJECT (*slot), slot);
  *slot = NULL;
  return NULL;
}

static void
close_window (gpointer *slot)
{
  GtkWindow *window = kept_window (slot);

  if (window != NULL)
    gtk_window_destroy (window);
  kept_window (slot);
}

/* A new ticket in the sidebar: drafted from the call while there is one,
 * for the customer on screen. */
static void
start_ticket (AcWindow *self)
{
  AcCustomer *customer = ac_customer_panel_get_customer (self->customer_panel);
  const char *name = customer != NULL ? ac_customer_get_name (customer) : NULL;
  g_autoptr(GHashTable) draft = NULL;

  if (in_call (self))
    draft = ac_ticket_draft_from_call (self->transcript, self->escalations, name);

  ac_ticket_form_start (self->ticket_form, draft,
                        customer != NULL ? ac_customer_get_id (customer) : NULL, name,
                        in_call (self) ? ac_call_session_get_id (self->session) : NULL);
  /* the AI provider's description in place of the draft's, if the agent
   * has not started on it by then */
  if (draft != NULL)
    _ac_window_assist_describe_ticket (self);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  adw_view_stack_set_visible_child_name (self->sidebar_stack, "ticket");
}

static void
create_ticket (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AcWindow *self = AC_WINDOW (widget);

  /* A form the agent is already filling in is not thrown away. */
  if (!ac_ticket_form_get_editing (self->ticket_form))
    start_ticket (self);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  adw_view_stack_set_visible_child_name (self->sidebar_stack, "ticket");
  /* The keyboard goes with it: to the ticket's title. */
  gtk_widget_grab_focus (GTK_WIDGET (self->ticket_form));
}

static void
on_new_ticket (AcWindow     *self,
               AcTicketForm *form)
{
  start_ticket (self);
}

static void
on_ticket_filed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcTicket) ticket = ac_ticket_desk_file_finish (AC_TICKET_DESK (object), result, &error);
  g_autofree char *filed = NULL;

  if (ticket == NULL)
    {
      ac_ticket_form_show_error (self->ticket_form, error);
      return;
    }

  ac_ticket_form_show_filed (self->ticket_form, ticket);
  g_free (self->last_ticket_id);
  self->last_ticket_id = g_strdup (ac_ticket_get_id (ticket));
  /* Translators: a toast */
  filed = g_strdup_printf (_("Ticket %s filed"), ac_ticket_get_id (ticket));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (filed));

  if (kept_window ((gpointer *) &self->tickets_window) != NULL)
    ac_tickets_window_select (self->tickets_window, ac_ticket_get_id (ticket));
  _ac_window_refresh_customer_activity (self);
}

static void
on_file_ticket (AcWindow     *self,
                GHashTable   *fields,
                AcTicketForm *form)
{
  ac_ticket_desk_file_async (self->tickets, fields, NULL, on_ticket_filed, g_object_ref (self));
}

static gboolean
check_store (AcWindow   *self,
             const char *message)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    return TRUE;

  error = g_error_new_literal (AC_STORE_ERROR, AC_STORE_ERROR_CLOSED, message);
  ac_window_show_error (self, error);
  return FALSE;
}


static void
show_tickets (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AcWindow *self = AC_WINDOW (widget);
  AcCustomer *customer;

  if (!check_store (self, _("Tickets cannot be shown: the local store is not open")))
    return;

  if (kept_window ((gpointer *) &self->tickets_window) == NULL)
    {
      keep_window (self, GTK_WINDOW (ac_tickets_window_new (self->store)), (gpointer *) &self->tickets_window);
      ac_tickets_window_set_backend_sync (self->tickets_window, self->sync);
      /* Opened from “Ticket Filed”: the ticket just filed is shown. */
      if (self->last_ticket_id != NULL)
        ac_tickets_window_select (self->tickets_window, self->last_ticket_id);
    }

  customer = ac_customer_panel_get_customer (self->customer_panel);
  ac_tickets_window_set_customer (self->tickets_window,
                                  customer != NULL ? ac_customer_get_id (customer) : NULL,
                                  customer != NULL ? ac_customer_get_name (customer) : NULL);
  gtk_window_present (GTK_WINDOW (self->tickets_window));
}

static void
show_history (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AcWindow *self = AC_WINDOW (widget);

  if (!check_store (self, _("The call history cannot be shown: the local store is not open")))
    return;

  if (kept_window ((gpointer *) &self->history_window) == NULL)
    {
      keep_window (self, GTK_WINDOW (ac_history_window_new (self->store)), (gpointer *) &self->history_window);
      ac_history_window_set_backend_sync (self->history_window, self->sync);
      /* The last call first, during its wrap-up or just after. */
      if (self->session != NULL &&
          ac_agent_status_get_state (self->status) != AC_AGENT_STATE_ON_CALL)
        ac_history_window_select (self->history_window, ac_call_session_get_id (self->session));
    }
  else
    ac_history_window_reload (self->history_window);

  gtk_window_present (GTK_WINDOW (self->history_window));
}


/* ------------------------------------------------- the customer's activity */

typedef struct
{
  AcWindow   *window;
  char       *customer_id;
  GListModel *calls;
  GListModel *tickets;
  guint       pending;
} Activity;

static void
activity_free (Activity *activity)
{
  g_object_unref (activity->window);
  g_free (activity->customer_id);
  g_clear_object (&activity->calls);
  g_clear_object (&activity->tickets);
  g_free (activity);
}

static void
activity_arrived (Activity *activity)
{
  if (--activity->pending > 0)
    return;

  ac_customer_panel_set_activity (activity->window->customer_panel, activity->customer_id,
                                  activity->calls, activity->tickets);
  activity_free (activity);
}

static void
on_activity_calls (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Activity *activity = user_data;
  g_autoptr(GError) error = NULL;

  activity->calls = ac_store_list_conversations_finish (AC_STORE (object), result, &error);
  if (error != NULL)
    g_warning ("The customer's calls could not be read: %s", error->message);
  activity_arrived (activity);
}

static void
on_activity_tickets (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Activity *activity = user_data;
  g_autoptr(GError) error = NULL;

  activity->tickets = ac_store_list_tickets_finish (AC_STORE (object), result, &error);
  if (error != NULL)
    g_warning ("The customer's tickets could not be read: %s", error->message);
  activity_arrived (activity);
}

/* The profile's recent calls and open tickets, read again. */
void
_ac_window_refresh_customer_activity (AcWindow *self)
{
  AcCustomer *customer = ac_customer_panel_get_customer (self->customer_panel);
  Activity *activity;

  /* An open ticket list's "Only this customer" follows the customer on
   * the line, or goes when there is none. */
  if (kept_window ((gpointer *) &self->tickets_window) != NULL)
    ac_tickets_window_set_customer (self->tickets_window,
                                    customer != NULL ? ac_customer_get_id (customer) : NULL,
                                    customer != NULL ? ac_customer_get_name (customer) : NULL);

  if (customer == NULL || self->store == NULL)
    return;

  activity = g_new0 (Activity, 1);
  activity->window = g_object_ref (self);
  activity->customer_id = g_strdup (ac_customer_get_id (customer));
  activity->pending = 2;
  ac_store_list_conversations_async (self->store, NULL, NULL, NULL, NULL, activity->customer_id,
                                     AC_WINDOW_RECENT_CALLS, NULL, on_activity_calls, activity);
  ac_store_list_tickets_async (self->store, NULL, NULL, activity->customer_id, NULL, NULL,
                               on_activity_tickets, activity);
}

static void
show_call (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  AcWindow *self = AC_WINDOW (widget);

  show_history (widget, NULL, NULL);
  if (self->history_window != NULL)
    ac_history_window_select (self->history_window, g_variant_get_string (parameter, NULL));
}

static void
show_ticket (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AcWindow *self = AC_WINDOW (widget);

  show_tickets (widget, NULL, NULL);
  if (self->tickets_window != NULL)
    ac_tickets_window_select (self->tickets_window, g_variant_get_string (parameter, NULL));
}

/**
 * ac_window_get_history_window:
 * @self: a #AcWindow
 *
 * Returns: (transfer none) (nullable): the call history, while it is open
 */
AcHistoryWindow *
ac_window_get_history_window (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return kept_window ((gpointer *) &self->history_window);
}

/**
 * ac_window_get_ticket_form:
 * @self: a #AcWindow
 *
 * Returns: (transfer none): the sidebar's ticket form
 */
AcTicketForm *
ac_window_get_ticket_form (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->ticket_form;
}

/**
 * ac_window_get_tickets_window:
 * @self: a #AcWindow
 *
 * Returns: (transfer none) (nullable): the ticket list, while it is open
 */
AcTicketsWindow *
ac_window_get_tickets_window (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return kept_window ((gpointer *) &self->tickets_window);
}

void
_ac_window_tickets_init (AcWindow *self)
{
  ac_ticket_form_set_settings (self->ticket_form, self->settings);
  g_signal_connect_object (self->ticket_form, "new-ticket", G_CALLBACK (on_new_ticket), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ticket_form, "file", G_CALLBACK (on_file_ticket), self,
                           G_CONNECT_SWAPPED);
}

void
_ac_window_tickets_dispose (AcWindow *self)
{
  g_clear_pointer (&self->last_ticket_id, g_free);
  close_window ((gpointer *) &self->tickets_window);
  close_window ((gpointer *) &self->history_window);
}

void
_ac_window_class_tickets_init (AcWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.create-ticket", NULL, create_ticket);
  gtk_widget_class_install_action (widget_class, "win.show-tickets", NULL, show_tickets);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history);
  gtk_widget_class_install_action (widget_class, "win.show-call", "s", show_call);
  gtk_widget_class_install_action (widget_class, "win.show-ticket", "s", show_ticket);
}
