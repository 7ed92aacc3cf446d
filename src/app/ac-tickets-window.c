/* ac-tickets-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-tickets-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-a11y.h"
#include "ac-backend-sync.h"
#include "ac-property-row.h"
#include "ac-ticket-desk.h"
#include "ac-tickets-window.h"

#define RESOURCE_BASE "/io/github/agentconsole/AgentConsole"

/**
 * AcTicketsWindow:
 *
 * The ticket list: every ticket in the store, open ones first, filtered
 * by status, priority, customer and text, and the chosen ticket's detail,
 * where its status is moved on and resolution notes are added.
 *
 * The list is read again whenever a filter changes and after each save;
 * the chosen ticket stays chosen when it is still listed.
 *
 * Signed in to a backend, the list is the server's (`GET /tickets` with
 * the same filters) together with the tickets filed here that are not on
 * the server yet; the server's tickets are shown as they are there (the
 * contract has no way to change one), and when the server cannot answer
 * the store's tickets are shown, saying so.
 */
struct _AcTicketsWindow
{
  AdwWindow        parent_instance;

  AcStore         *store;
  AcBackendSync   *sync;           /* the backend signed in to, or NULL */
  AcTicketDesk    *desk;           /* lists and merges the store's and the server's */
  GListModel      *tickets;        /* AcTicket, as last listed */
  GHashTable      *local_only;     /* AcTicket listed from the store while
                                      the server's are listed: not sent */
  gboolean         from_server;    /* the list shown is the server's */
  int              sync_class;     /* link_class() when last listed */
  GListModel      *listed_local;   /* the last listing's, the store's */
  GListModel      *listed_remote;  /* and the server's, or NULL */
  GHashTable      *names;          /* customer id → name, or NULL while asked */
  GCancellable    *naming_cancellable;
  guint            naming;         /* customers asked for, not answered */
  guint            named;          /* names learnt since the list was shown */
  AcTicket        *selected;
  char            *select_after;   /* the store's id of the ticket to
                                      choose once listed */
  char            *customer_id;
  GCancellable    *listing;
  GStrv            statuses;
  GStrv            priorities;
  GPtrArray       *fact_rows;
  gboolean         filling;        /* the detail is being filled in */

  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  AdwWindowTitle  *list_title;
  GtkLabel        *source_label;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *status_filter;
  GtkDropDown     *priority_filter;
  GtkCheckButton  *customer_filter;
  GtkStack        *list_stack;
  GtkListBox      *list;
  AdwStatusPage   *empty_page;
  GtkWidget       *detail_pane;
  AdwWindowTitle  *detail_title;
  GtkStack        *detail_stack;
  AdwPreferencesGroup *facts_group;
  GtkLabel        *description_label;
  AdwPreferencesGroup *progress_group;
  AdwComboRow     *status_row;
  GtkWidget       *resolution_box;
  GtkTextView     *resolution_view;
  GtkButton       *save_button;
};

G_DEFINE_FINAL_TYPE (AcTicketsWindow, ac_tickets_window, ADW_TYPE_WINDOW)

/* A drop-down's choice: NULL for the first, “Any …”. */
static const char *
filter_code (GtkDropDown *drop_down,
             GStrv        codes)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > g_strv_length (codes))
    return NULL;
  return codes[selected - 1];
}

static char *
format_local (const char *iso,
              const char *format)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, format);
}

/* “due in 3 h”, “due in 2 days”, “overdue by 5 h” or NULL. */
static char *
describe_due (AcTicket *ticket,
              gboolean *overdue)
{
  const char *deadline = ac_ticket_get_field (ticket, "sla_deadline");
  g_autoptr(GDateTime) due = deadline != NULL ? g_date_time_new_from_iso8601 (deadline, NULL) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan left;
  gint64 hours;

  *overdue = FALSE;
  if (due == NULL || !ac_ticket_is_open (ticket))
    return NULL;

  left = g_date_time_difference (due, now);
  *overdue = left < 0;
  /* To the nearest hour, and below to the nearest day: a ticket filed a
   * minute ago with three days to go is due in 3 days. */
  hours = (ABS (left) + G_TIME_SPAN_HOUR / 2) / G_TIME_SPAN_HOUR;

  if (hours >= 48)
    {
      guint days = (guint) ((hours + 12) / 24);

      return g_strdup_printf (*overdue ? g_dngettext (GETTEXT_PACKAGE, "overdue by %u day", "overdue by %u days", days)
                                       : g_dngettext (GETTEXT_PACKAGE, "due in %u day", "due in %u days", days),
                              days);
    }
  if (hours >= 1)
    return g_strdup_printf (*overdue ? g_dngettext (GETTEXT_PACKAGE, "overdue by %u hour", "overdue by %u hours", hours)
                                     : g_dngettext (GETTEXT_PACKAGE, "due in %u hour", "due in %u hours", hours),
                            (guint) hours);
  return g_strdup (*overdue ? _("overdue") : _("due within the hour"));
}

/* A server may send a ticket without one. */
static const char *
title_of (AcTicket *ticket)
{
  const char *title = ac_ticket_get_field (ticket, "title");

  return title != NULL && title[0] != '\0' ? title : _("Untitled ticket");
}

/* Why the server refused a ticket filed here, if it did. */
static const char *
refusal_of (AcTicketsWindow *self,
            AcTicket        *ticket)
{
  return self->sync != NULL ? ac_backend_sync_get_refusal (self->sync, ac_ticket_get_id (ticket)) : NULL;
}

static GtkWidget *
make_row (AcTicket   *ticket,
          gboolean    not_sent,
          const char *refusal)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *customer = ac_ticket_get_field (ticket, "customer_name");
  g_autofree char *number = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *due = NULL;
  gboolean overdue;

  /* Both number their tickets from 1: one not on the server yet is told
   * apart from the server's of the same number. */
  /* Translators: the number of a ticket not on the server yet, “TKT-000123 here” */
  number = not_sent ? g_strdup_printf (_("%s here"), ac_ticket_get_id (ticket)) : g_strdup (ac_ticket_get_id (ticket));
  /* Translators: a ticket in the list: “TKT-000123 · Urgent · Open · Jane Doe” */
  subtitle = g_strdup_printf (customer != NULL ? _("%s · %s · %s · %s") : _("%s · %s · %s"),
                              number,
                              ac_ticket_priority_to_label (ac_ticket_get_field (ticket, "priority")),
                              ac_ticket_status_to_label (ac_ticket_get_field (ticket, "status")),
                              customer);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_of (ticket));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  /* One above the other, so the title keeps its width. */
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  if ((due = describe_due (ticket, &overdue)) != NULL)
    {
      GtkWidget *label = gtk_label_new (due);

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, overdue ? "error" : "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (suffix), label);
    }
  if (not_sent)
    {
      GtkWidget *label = gtk_label_new (refusal != NULL ? _("Refused by the server") : _("Not on the server yet"));

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, refusal != NULL ? "error" : "warning");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (suffix), label);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);

  g_object_set_data_full (G_OBJECT (row), "ticket", g_object_ref (ticket), g_object_unref);
  return row;
}

static void
add_fact (AcTicketsWindow *self,
          const char      *title,
          const char      *value)
{
  GtkWidget *row = ac_property_row_new (title, value);

  if (row == NULL)
    return;

  adw_preferences_group_add (self->facts_group, row);
  g_ptr_array_add (self->fact_rows, row);
}

static void
on_call_link_clicked (GtkButton       *button,
                      AcTicketsWindow *self)
{
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (main_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-call", "s",
                                g_object_get_data (G_OBJECT (button), "conversation-id"));
}

/* The call the ticket was filed from: a row that opens it in Call History
 * (the main window's `win.show-call`). */
static void
add_call_link (AcTicketsWindow *self,
               const char      *conversation_id)
{
  GtkWidget *row, *button;

  if (conversation_id == NULL || conversation_id[0] == '\0' ||
      gtk_window_get_transient_for (GTK_WINDOW (self)) == NULL)
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Filed During a Call"));
  button = gtk_button_new_with_mnemonic (_("Open _Call"));
  gtk_widget_set_name (button, "open-call");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "conversation-id", g_strdup (conversation_id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_call_link_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (self->facts_group, row);
  g_ptr_array_add (self->fact_rows, row);
}

static void
show_ticket (AcTicketsWindow *self,
             AcTicket        *ticket)
{
  g_autofree char *created = NULL;
  g_autofree char *due = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *tags = NULL;
  const char *notes;
  gboolean on_server;
  gboolean not_sent;
  g_autofree char *number = NULL;

  g_set_object (&self->selected, ticket);

  for (guint i = 0; i < self->fact_rows->len; i++)
    adw_preferences_group_remove (self->facts_group, self->fact_rows->pdata[i]);
  g_ptr_array_set_size (self->fact_rows, 0);

  if (ticket == NULL)
    {
      adw_window_title_set_title (self->detail_title, "");
      adw_window_title_set_subtitle (self->detail_title, "");
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  self->filling = TRUE;

  adw_window_title_set_title (self->detail_title, title_of (ticket));
  not_sent = self->from_server && g_hash_table_contains (self->local_only, ticket);
  number = not_sent ? g_strdup_printf (_("%s here"), ac_ticket_get_id (ticket)) : g_strdup (ac_ticket_get_id (ticket));
  adw_window_title_set_subtitle (self->detail_title, number);

  created = format_local (ac_ticket_get_field (ticket, "created_at"), _("%a %e %b %Y, %H:%M"));
  due = format_local (ac_ticket_get_field (ticket, "sla_deadline"), _("%a %e %b %Y, %H:%M"));
  resolved = format_local (ac_ticket_get_field (ticket, "resolved_at"), _("%a %e %b %Y, %H:%M"));
  tags = ac_ticket_dup_tags (ticket);

  add_fact (self, _("Number"), number);
  add_fact (self, _("Customer"), ac_ticket_get_field (ticket, "customer_name"));
  add_fact (self, _("Category"), ac_ticket_category_to_label (ac_ticket_get_field (ticket, "category")));
  add_fact (self, _("Priority"), ac_ticket_priority_to_label (ac_ticket_get_field (ticket, "priority")));
  add_fact (self, _("Due"), due);
  add_fact (self, _("Assignee"), ac_ticket_get_field (ticket, "assigned_to"));
  add_fact (self, _("Tags"), tags);
  add_fact (self, _("Created"), created);
  add_fact (self, _("Resolved"), resolved);
  /* A server's ticket names the server's call, which Call History (this
   * computer's calls) does not list. */
  if (!self->from_server || g_hash_table_contains (self->local_only, ticket))
    add_call_link (self, ac_ticket_get_field (ticket, "conversation_id"));

  gtk_label_set_label (self->description_label,
                       ac_ticket_get_field (ticket, "description") != NULL
                         ? ac_ticket_get_field (ticket, "description") : _("No description."));

  for (guint i = 0; self->statuses[i] != NULL; i++)
    if (g_strcmp0 (self->statuses[i], ac_ticket_get_field (ticket, "status")) == 0)
      adw_combo_row_set_selected (self->status_row, i);

  notes = ac_ticket_get_field (ticket, "resolution_notes");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->resolution_view), notes != NULL ? notes : "", -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);

  /* The contract has no way to change a ticket on the server: its
   * progress is shown as the server has it, not offered for editing. */
  on_server = self->from_server && !g_hash_table_contains (self->local_only, ticket);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row), !on_server);
  gtk_text_view_set_editable (self->resolution_view, !on_server);
  gtk_widget_set_visible (self->resolution_box, !on_server || (notes != NULL && notes[0] != '\0'));
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), !on_server);
  if (on_server)
    adw_preferences_group_set_description (self->progress_group,
                                           _("Kept on the contact center’s server, where its status is changed"));
  else if (self->from_server && refusal_of (self, ticket) != NULL)
    {
      /* Translators: %s is the server's reason, a sentence */
      g_autofree char *why = g_strdup_printf (_("%s. The ticket is kept on this computer and offered to the "
                                                "server again at the next start."),
                                              refusal_of (self, ticket));

      adw_preferences_group_set_description (self->progress_group, why);
    }
  else
    adw_preferences_group_set_description (self->progress_group,
                                           self->from_server
                                             ? _("Not on the server yet: it is sent when the connection allows")
                                             : NULL);

  self->filling = FALSE;
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
on_row_selected (AcTicketsWindow *self,
                 GtkListBoxRow   *row)
{
  AcTicket *ticket = row != NULL ? g_object_get_data (G_OBJECT (row), "ticket") : NULL;

  /* The list being filled: show_list() shows the chosen one after. */
  if (self->filling)
    return;

  show_ticket (self, ticket);
  if (ticket != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

/* Whether @ticket, listed now, is the one to keep chosen: @keep_id is
 * the server's id when @keep_is_server, otherwise the store's. */
static gboolean
is_kept (AcTicketsWindow *self,
         AcTicket        *ticket,
         const char      *keep_id,
         gboolean         keep_is_server)
{
  const char *id = ac_ticket_get_id (ticket);
  gboolean local_row = !self->from_server || g_hash_table_contains (self->local_only, ticket);
  const char *remote;

  if (keep_id == NULL)
    return FALSE;
  if (!self->from_server)
    {
      /* The store's list: a server id is found by the ticket it was
       * filed as here. */
      if (!keep_is_server)
        return g_str_equal (id, keep_id);
      remote = self->sync != NULL ? ac_backend_sync_get_remote_ticket_id (self->sync, id) : NULL;
      return g_strcmp0 (remote, keep_id) == 0;
    }
  if (keep_is_server)
    return !local_row && g_str_equal (id, keep_id);
  /* A store's id: its server row once sent, its own row until then. */
  remote = ac_backend_sync_get_remote_ticket_id (self->sync, keep_id);
  if (remote != NULL)
    return !local_row && g_str_equal (id, remote);
  return local_row && g_str_equal (id, keep_id);
}

static void
show_list (AcTicketsWindow *self,
           GListModel      *tickets,
           const char      *keep_id,
           gboolean         keep_is_server)
{
  g_autofree char *count = NULL;
  GtkListBoxRow *chosen = NULL;
  GtkWidget *child;
  guint n;

  g_set_object (&self->tickets, tickets);

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  n = g_list_model_get_n_items (tickets);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcTicket) ticket = g_list_model_get_item (tickets, i);
      gboolean not_sent = self->from_server && g_hash_table_contains (self->local_only, ticket);
      GtkWidget *row = make_row (ticket, not_sent, refusal_of (self, ticket));

      gtk_list_box_append (self->list, row);
      if (chosen == NULL && is_kept (self, ticket, keep_id, keep_is_server))
        chosen = GTK_LIST_BOX_ROW (row);
    }

  if (self->from_server)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket on the server", "%u tickets on the server", n),
                             n);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket", "%u tickets", n), n);
  adw_window_title_set_subtitle (self->list_title, count);

  if (n == 0)
    adw_status_page_set_description (self->empty_page,
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0' &&
                                     gtk_drop_down_get_selected (self->status_filter) == 0 &&
                                     gtk_drop_down_get_selected (self->priority_filter) == 0 &&
                                     !gtk_check_button_get_active (self->customer_filter)
                                     ? _("Tickets filed from calls appear here")
                                     : _("No ticket matches these filters"));
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");

  gtk_list_box_select_row (self->list, chosen);
  self->filling = FALSE;

  /* The list is read again by itself (the link going down or up, names
   * learnt): what the agent is typing about the same ticket stays. */
  if (chosen != NULL && self->selected != NULL && gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
    {
      AcTicket *ticket = g_object_get_data (G_OBJECT (chosen), "ticket");

      if (g_str_equal (ac_ticket_get_id (ticket), ac_ticket_get_id (self->selected)) &&
          (!self->from_server || g_hash_table_contains (self->local_only, ticket)))
        {
          g_set_object (&self->selected, ticket);
          return;
        }
    }
  show_ticket (self, chosen != NULL ? g_object_get_data (G_OBJECT (chosen), "ticket") : NULL);
}

/* Shows the last listing (the store's, merged with the server's when it
 * answered), keeping the chosen ticket chosen. */
static void
present (AcTicketsWindow *self)
{
  g_autoptr(GListModel) merged = NULL;
  g_autofree char *keep_id = NULL;
  gboolean keep_is_server = FALSE;

  /* What to keep chosen, said before the old list goes. */
  if (self->select_after != NULL)
    keep_id = g_steal_pointer (&self->select_after);
  else if (self->selected != NULL)
    {
      keep_id = g_strdup (ac_ticket_get_id (self->selected));
      keep_is_server = self->from_server && !g_hash_table_contains (self->local_only, self->selected);
    }

  g_hash_table_remove_all (self->local_only);
  self->from_server = self->listed_remote != NULL;
  merged = self->listed_remote != NULL
           ? ac_ticket_desk_merge (self->desk, self->listed_local, self->listed_remote, self->names,
                                   self->local_only)
           : g_object_ref (self->listed_local);
  show_list (self, merged, keep_id, keep_is_server);
}

/* At most this many customers are asked for by name per listing: the
 * rest keep their id until the list is read again. */
#define NAMES_PER_LISTING 20

static void
on_customer (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AcTicketsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcCustomer) customer = ac_backend_client_get_customer_finish (AC_BACKEND_CLIENT (object), result,
                                                                         &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (customer != NULL && ac_customer_get_name (customer) != NULL)
    {
      g_hash_table_insert (self->names, g_strdup (ac_customer_get_id (customer)),
                           g_strdup (ac_customer_get_name (customer)));
      self->named++;
      /* Kept here too, for the screen pop and the list while offline. */
      ac_store_keep_customer_async (self->store, customer, NULL, NULL, NULL);
      if (self->sync != NULL)
        ac_backend_sync_note_customer (self->sync, ac_customer_get_id (customer));
    }
  else if (error != NULL)
    g_debug ("A ticket's customer could not be named: %s", error->message);

  if (--self->naming == 0 && self->named > 0 && self->listed_remote != NULL)
    {
      self->named = 0;
      present (self);
    }
}

/* The server's tickets carry a customer id; the names not known here are
 * asked for (`GET /customers/:id`), once each while the window is open. */
static void
name_customers (AcTicketsWindow *self)
{
  guint asked = 0;
  guint n;

  if (self->sync == NULL || self->tickets == NULL)
    return;

  n = g_list_model_get_n_items (self->tickets);
  for (guint i = 0; i < n && asked < NAMES_PER_LISTING; i++)
    {
      g_autoptr(AcTicket) ticket = g_list_model_get_item (self->tickets, i);
      const char *customer = ac_ticket_get_field (ticket, "customer_id");

      if (customer == NULL || ac_ticket_get_field (ticket, "customer_name") != NULL ||
          g_hash_table_contains (self->names, customer))
        continue;
      /* Asked once: NULL until it answers, and if it cannot. */
      g_hash_table_insert (self->names, g_strdup (customer), NULL);
      self->naming++;
      asked++;
      ac_backend_client_get_customer_async (ac_backend_sync_get_client (self->sync), customer, self->naming_cancellable,
                                            on_customer, g_object_ref (self));
    }
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AcTicketsWindow) self = user_data;
  g_autoptr(GListModel) local = NULL;
  g_autoptr(GListModel) remote = NULL;
  g_autoptr(GError) remote_error = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean asked_server;

  local = ac_ticket_desk_list_finish (AC_TICKET_DESK (object), result, &remote, &remote_error, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->listing);
  asked_server = remote != NULL || remote_error != NULL;

  if (local == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (local_error->message));
      return;
    }

  g_set_object (&self->listed_local, local);
  g_set_object (&self->listed_remote, remote);
  if (remote != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->source_label), FALSE);
  else
    {
      if (g_error_matches (remote_error, G_IO_ERROR, G_IO_ERROR_PENDING))
        gtk_label_set_label (self->source_label,
                             _("Connecting to the server: these are the tickets on this computer for now."));
      else if (g_error_matches (remote_error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
        gtk_label_set_label (self->source_label,
                             _("The server cannot be reached just now: these are the tickets on this computer."));
      else if (asked_server)
        {
          g_autofree char *text = NULL;

          /* Translators: %s says why, from the server or the network */
          text = g_strdup_printf (_("The server could not list its tickets (%s). These are the tickets on this "
                                    "computer."), remote_error->message);
          gtk_label_set_label (self->source_label, text);
        }
      else
        gtk_label_set_label (self->source_label,
                             _("Not signed in to the server: these are the tickets on this computer."));
      gtk_widget_set_visible (GTK_WIDGET (self->source_label), self->sync != NULL);
    }

  present (self);
  if (remote != NULL)
    name_customers (self);
}

/**
 * ac_tickets_window_reload:
 * @self: an #AcTicketsWindow
 *
 * Reads the list again with the filters as they are, for instance after
 * a ticket was filed elsewhere.
 */
void
ac_tickets_window_reload (AcTicketsWindow *self)
{
  const char *text;
  const char *status;
  const char *priority;
  const char *customer;

  g_return_if_fail (AC_IS_TICKETS_WINDOW (self));

  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  self->listing = g_cancellable_new ();

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (text[0] == '\0')
    text = NULL;
  status = filter_code (self->status_filter, self->statuses);
  priority = filter_code (self->priority_filter, self->priorities);
  customer = gtk_check_button_get_active (self->customer_filter) ? self->customer_id : NULL;

  ac_ticket_desk_list_async (self->desk, status, priority, customer, text, self->listing, on_listed,
                             g_object_ref (self));
}

static void
on_filter_changed (AcTicketsWindow *self)
{
  /* The filters are set up before the store is given. */
  if (self->store != NULL)
    ac_tickets_window_reload (self);
}

static void
on_back_clicked (AcTicketsWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_edit_changed (AcTicketsWindow *self)
{
  if (!self->filling && self->selected != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AcTicketsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ac_store_update_ticket_finish (AC_STORE (object), result, &error))
    {
      /* What the agent typed stays in the form. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  ac_tickets_window_reload (self);
}

static void
on_save_clicked (AcTicketsWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->resolution_view);
  g_autofree char *notes = NULL;
  GtkTextIter start, end;
  guint selected;

  if (self->selected == NULL)
    return;

  selected = adw_combo_row_get_selected (self->status_row);
  if (selected >= g_strv_length (self->statuses))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  self->select_after = g_strdup (ac_ticket_get_id (self->selected));
  ac_store_update_ticket_async (self->store, ac_ticket_get_id (self->selected), self->statuses[selected],
                                notes, NULL, on_saved, g_object_ref (self));
}

static GListModel *
make_filter_model (GStrv         codes,
                   const char   *any,
                   const char *(*to_label) (const char *))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (list, to_label (codes[i]));
  return G_LIST_MODEL (list);
}

static void
ac_tickets_window_dispose (GObject *object)
{
  AcTicketsWindow *self = AC_TICKETS_WINDOW (object);

  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  g_cancellable_cancel (self->naming_cancellable);
  g_clear_object (&self->naming_cancellable);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->desk);
  /* The list's rows go after the detail: no detail to show them in. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, on_row_selected, self);

  G_OBJECT_CLASS (ac_tickets_window_parent_class)->dispose (object);
}

static void
ac_tickets_window_finalize (GObject *object)
{
  AcTicketsWindow *self = AC_TICKETS_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->tickets);
  g_clear_object (&self->selected);
  g_hash_table_unref (self->local_only);
  g_hash_table_unref (self->names);
  g_clear_object (&self->listed_local);
  g_clear_object (&self->listed_remote);
  g_free (self->select_after);
  g_free (self->customer_id);
  g_strfreev (self->statuses);
  g_strfreev (self->priorities);
  g_ptr_array_unref (self->fact_rows);

  G_OBJECT_CLASS (ac_tickets_window_parent_class)->finalize (object);
}

static void
focus_search (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (AC_TICKETS_WINDOW (widget)->search_entry));
}

static void
ac_tickets_window_class_init (AcTicketsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_tickets_window_dispose;
  object_class->finalize = ac_tickets_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-tickets-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, source_label);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, priority_filter);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, customer_filter);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, facts_group);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, description_label);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, progress_group);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, resolution_box);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, resolution_view);
  gtk_widget_class_bind_template_child (widget_class, AcTicketsWindow, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_install_action (widget_class, "tickets.search", NULL, focus_search);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "tickets.search", NULL);
}

static void
ac_tickets_window_init (AcTicketsWindow *self)
{
  g_autoptr(GListModel) statuses = NULL;
  g_autoptr(GListModel) priorities = NULL;
  g_autoptr(GListModel) status_choices = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  ac_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  self->fact_rows = g_ptr_array_new ();
  self->local_only = g_hash_table_new (NULL, NULL);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->naming_cancellable = g_cancellable_new ();
  self->statuses = ac_ticket_list_statuses ();
  self->priorities = ac_ticket_list_priorities ();

  self->filling = TRUE;
  statuses = make_filter_model (self->statuses, _("Any Status"), ac_ticket_status_to_label);
  priorities = make_filter_model (self->priorities, _("Any Priority"), ac_ticket_priority_to_label);
  gtk_drop_down_set_model (self->status_filter, statuses);
  gtk_drop_down_set_model (self->priority_filter, priorities);

  status_choices = G_LIST_MODEL (gtk_string_list_new (NULL));
  for (guint i = 0; self->statuses[i] != NULL; i++)
    gtk_string_list_append (GTK_STRING_LIST (status_choices), ac_ticket_status_to_label (self->statuses[i]));
  adw_combo_row_set_model (self->status_row, status_choices);
  self->filling = FALSE;

  g_signal_connect_object (gtk_text_view_get_buffer (self->resolution_view), "changed",
                           G_CALLBACK (on_edit_changed), self, G_CONNECT_SWAPPED);
}

/**
 * ac_tickets_window_new:
 * @store: an open #AcStore
 *
 * Returns: (transfer full): a new #AcTicketsWindow listing @store's
 *   tickets (the list is read at once)
 */
AcTicketsWindow *
ac_tickets_window_new (AcStore *store)
{
  AcTicketsWindow *self;

  g_return_val_if_fail (AC_IS_STORE (store), NULL);

  self = g_object_new (AC_TYPE_TICKETS_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->desk = ac_ticket_desk_new ();
  ac_ticket_desk_set_store (self->desk, store);
  ac_tickets_window_reload (self);

  return self;
}

/* Whether the server can be asked, and what to say when not. */
static int
link_class (AcBackendSync *sync)
{
  if (sync == NULL)
    return -1;
  /* Trying and waiting alternate while the server is away: one class, so
   * that the list is not read again at each attempt; it is when the link
   * comes up. */
  if (ac_backend_sync_get_state (sync) == AC_BACKEND_SYNC_CONNECTING)
    return AC_BACKEND_SYNC_WAITING;
  return ac_backend_sync_get_state (sync);
}

static void
on_sync_state (AcTicketsWindow *self)
{
  int now = link_class (self->sync);

  /* Read again when the server became reachable or went away; not for
   * each change the outbox sends. */
  if (now != self->sync_class)
    {
      self->sync_class = now;
      ac_tickets_window_reload (self);
    }
}

/* A ticket reached the server, or was refused there. */
static void
on_ticket_filed (AcTicketsWindow *self)
{
  ac_tickets_window_reload (self);
}

/**
 * ac_tickets_window_set_backend_sync:
 * @self: an #AcTicketsWindow
 * @sync: (nullable): the link to the backend signed in to, or %NULL to
 *   list the store's tickets only
 *
 * With @sync, the list is the server's tickets (`GET /tickets`, at most
 * 500, with the window's filters) and the tickets filed here that are not
 * on the server yet, marked so; the server's tickets cannot be changed
 * from here (the contract has no endpoint for it).  While the server
 * cannot be reached or nobody is signed in, the store's tickets are shown
 * with a line saying why.  The list is read again when the server comes
 * back, goes away, or takes a ticket filed here.
 */
void
ac_tickets_window_set_backend_sync (AcTicketsWindow *self,
                                    AcBackendSync   *sync)
{
  g_return_if_fail (AC_IS_TICKETS_WINDOW (self));
  g_return_if_fail (sync == NULL || AC_IS_BACKEND_SYNC (sync));

  if (self->sync == sync)
    return;
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_set_object (&self->sync, sync);
  self->sync_class = link_class (sync);
  if (self->desk != NULL)
    ac_ticket_desk_set_backend_sync (self->desk, sync);

  if (sync != NULL)
    {
      g_signal_connect_object (sync, "notify::state", G_CALLBACK (on_sync_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "ticket-filed", G_CALLBACK (on_ticket_filed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "item-refused", G_CALLBACK (on_ticket_filed), self, G_CONNECT_SWAPPED);
    }
  if (self->store != NULL)
    ac_tickets_window_reload (self);
}

/**
 * ac_tickets_window_set_customer:
 * @self: an #AcTicketsWindow
 * @customer_id: (nullable): the customer on the line, or %NULL
 * @customer_name: (nullable): their name
 *
 * Offers (and turns on) a filter for the tickets of the customer on the
 * line; %NULL takes it away.
 */
void
ac_tickets_window_set_customer (AcTicketsWindow *self,
                                const char      *customer_id,
                                const char      *customer_name)
{
  g_autofree char *label = NULL;

  g_return_if_fail (AC_IS_TICKETS_WINDOW (self));

  if (g_strcmp0 (self->customer_id, customer_id) == 0)
    return;

  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);

  if (customer_id != NULL)
    {
      /* Translators: a filter in the ticket list */
      label = g_strdup_printf (_("Only %s’s tickets"), customer_name != NULL ? customer_name : customer_id);
      gtk_check_button_set_label (self->customer_filter, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->customer_filter), customer_id != NULL);

  if (gtk_check_button_get_active (self->customer_filter) != (customer_id != NULL))
    gtk_check_button_set_active (self->customer_filter, customer_id != NULL);
  else
    ac_tickets_window_reload (self);
}

/**
 * ac_tickets_window_select:
 * @self: an #AcTicketsWindow
 * @ticket_id: the store's id of a ticket, such as `TKT-000123`
 *
 * Reads the list again and chooses @ticket_id in it, if it is listed.
 * Signed in to a server, a ticket the server took is chosen as the server
 * lists it (under the server's number).
 */
void
ac_tickets_window_select (AcTicketsWindow *self,
                          const char      *ticket_id)
{
  g_return_if_fail (AC_IS_TICKETS_WINDOW (self));

  g_free (self->select_after);
  self->select_after = g_strdup (ticket_id);
  ac_tickets_window_reload (self);
}

/**
 * ac_tickets_window_get_tickets:
 * @self: an #AcTicketsWindow
 *
 * Returns: (transfer none) (nullable): the tickets listed, or %NULL before
 *   the first list arrives
 */
GListModel *
ac_tickets_window_get_tickets (AcTicketsWindow *self)
{
  g_return_val_if_fail (AC_IS_TICKETS_WINDOW (self), NULL);

  return self->tickets;
}

/**
 * ac_tickets_window_get_selected:
 * @self: an #AcTicketsWindow
 *
 * Returns: (transfer none) (nullable): the ticket shown in detail
 */
AcTicket *
ac_tickets_window_get_selected (AcTicketsWindow *self)
{
  g_return_val_if_fail (AC_IS_TICKETS_WINDOW (self), NULL);

  return self->selected;
}
