/* ac-customer-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-customer-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ac-a11y.h"
#include "ac-customer-form.h"
#include "ac-customer-panel.h"
#include "ac-values.h"
#include "ac-types.h"
#include "ac-property-row.h"

/**
 * AcCustomerPanel:
 *
 * The sidebar's customer page: a search as you type (by name, phone,
 * email or account number), the matches, and the profile card of the
 * customer on the line.
 *
 * The panel does not search by itself: it emits
 * [signal@CustomerPanel::search] with what the agent typed, and whoever
 * owns the store answers with ac_customer_panel_set_results().  A screen
 * pop is the same answer for a caller's number: one match opens its
 * profile at once, several ask the agent to choose, none says the caller
 * is unknown.
 *
 * The panel is a template (`ui/ac-customer-panel.ui`); its one property,
 * [property@CustomerPanel:customer], is what the window follows.
 */
struct _AcCustomerPanel
{
  GtkWidget       parent_instance;

  AcCustomer     *customer;
  char           *caller_number;

  GtkWidget      *box;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  AdwStatusPage  *none_page;
  GtkWidget      *new_button;
  AcCustomerForm *customer_form;
  GtkListBox     *results;
  GtkLabel       *name_label;
  GtkLabel       *summary_label;
  AdwPreferencesGroup *details;
  GPtrArray      *detail_rows;  /* AdwActionRow, removed on each profile */
  AdwPreferencesGroup *calls_group;
  AdwPreferencesGroup *tickets_group;
  GPtrArray      *activity_rows; /* rows of the two groups above */
  GtkTextView    *notes_view;
  GtkWidget      *save_notes_button;
  gboolean        filling_notes;
};

G_DEFINE_FINAL_TYPE (AcCustomerPanel, ac_customer_panel, GTK_TYPE_WIDGET)

enum {
  SEARCH,
  CREATE,
  SAVE_NOTES,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_CUSTOMER,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

static void
set_customer (AcCustomerPanel *self,
              AcCustomer      *customer)
{
  if (g_set_object (&self->customer, customer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

static void
ac_customer_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AcCustomerPanel *self = AC_CUSTOMER_PANEL (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_changed (AcCustomerPanel *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_assert (AC_IS_CUSTOMER_PANEL (self));

  g_clear_pointer (&self->caller_number, g_free);

  if (text[0] == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, self->customer != NULL ? "profile" : "empty");
      return;
    }

  g_signal_emit (self, signals[SEARCH], 0, text);
}

static void
on_row_activated (AcCustomerPanel *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *box)
{
  AcCustomer *customer = g_object_get_data (G_OBJECT (row), "customer");

  g_assert (AC_IS_CUSTOMER_PANEL (self));

  if (customer != NULL)
    ac_customer_panel_show_customer (self, customer);
}

static GtkWidget *
make_row (gpointer item,
          gpointer user_data)
{
  AcCustomer *customer = item;
  GtkWidget *row = adw_action_row_new ();
  const char *phone = ac_customer_get_field (customer, "phone");
  g_autofree char *subtitle = NULL;

  /* Translators: a search result: “ACC-1 · +1 555 123 4567” */
  subtitle = phone != NULL ? g_strdup_printf (_("%s · %s"), ac_customer_get_account_number (customer), phone)
                           : g_strdup (ac_customer_get_account_number (customer));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ac_customer_get_name (customer));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "customer", g_object_ref (customer), g_object_unref);

  return row;
}

static void
add_detail (AcCustomerPanel *self,
            const char      *title,
            const char      *value)
{
  GtkWidget *row = ac_property_row_new (title, value);

  if (row == NULL)
    return;

  adw_preferences_group_add (self->details, row);
  g_ptr_array_add (self->detail_rows, row);
}

/* 2024-01-31T10:00:00Z → the date in the user's format. */
static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *with_time = NULL;

  if (iso == NULL || iso[0] == '\0')
    return NULL;

  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    {
      with_time = g_strconcat (iso, "T00:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (with_time, NULL);
    }

  return dt != NULL ? g_date_time_format (dt, "%x") : g_strdup (iso);
}

static void
ac_customer_panel_dispose (GObject *object)
{
  AcCustomerPanel *self = AC_CUSTOMER_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AC_TYPE_CUSTOMER_PANEL);
  g_clear_object (&self->customer);
  g_clear_pointer (&self->caller_number, g_free);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);
  g_clear_pointer (&self->activity_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ac_customer_panel_parent_class)->dispose (object);
}

static void
on_new_clicked (AcCustomerPanel *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean number = typed[0] != '\0' && strspn (typed, "+-(). 0123456789") == strlen (typed);

  /* What the agent searched for in vain is where the form starts. */
  if (self->caller_number != NULL)
    ac_customer_form_start (self->customer_form, self->caller_number, NULL);
  else
    ac_customer_form_start (self->customer_form, number ? typed : NULL, number ? NULL : typed);
  gtk_stack_set_visible_child_name (self->stack, "new");
}

static void
on_form_save (AcCustomerPanel *self,
              GHashTable      *fields)
{
  g_signal_emit (self, signals[CREATE], 0, fields);
}

static void
on_form_cancel (AcCustomerPanel *self)
{
  gtk_stack_set_visible_child_name (self->stack, "none");
}

static void
on_notes_changed (AcCustomerPanel *self)
{
  if (!self->filling_notes)
    gtk_widget_set_sensitive (self->save_notes_button, self->customer != NULL);
}

static void
on_save_notes_clicked (AcCustomerPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = NULL;
  GtkTextIter start, end;

  if (self->customer == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gtk_widget_set_sensitive (self->save_notes_button, FALSE);
  g_signal_emit (self, signals[SAVE_NOTES], 0, ac_customer_get_id (self->customer), notes);
}

static void
ac_customer_panel_class_init (AcCustomerPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_customer_panel_dispose;
  object_class->get_property = ac_customer_panel_get_property;

  /**
   * AcCustomerPanel:customer:
   *
   * The customer whose profile is open, or %NULL.
   */
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL, AC_TYPE_CUSTOMER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcCustomerPanel::search:
   * @self: the panel
   * @text: what the agent typed
   *
   * The agent searched for customers; answer with
   * ac_customer_panel_set_results().
   */
  signals[SEARCH] =
    g_signal_new ("search",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AcCustomerPanel::create:
   * @self: the panel
   * @fields: (element-type utf8 utf8): the new customer's columns,
   *   checked, for ac_store_create_customer_async()
   *
   * The agent took an unknown caller's details.  Answer with
   * ac_customer_panel_show_customer() once stored, or with
   * ac_customer_panel_show_create_error().
   */
  /**
   * AcCustomerPanel::save-notes:
   * @self: the panel
   * @customer_id: the customer shown
   * @notes: what the agent wrote about them
   *
   * The agent saved the customer's notes.  Answer with the customer as
   * stored (ac_customer_panel_show_customer()), or with
   * ac_customer_panel_show_notes_error().
   */
  signals[SAVE_NOTES] =
    g_signal_new ("save-notes",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  signals[CREATE] =
    g_signal_new ("create",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_HASH_TABLE);

  g_type_ensure (AC_TYPE_CUSTOMER_FORM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentconsole/AgentConsole/ac-customer-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, box);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, none_page);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, new_button);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, customer_form);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, results);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, name_label);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, details);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, calls_group);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, tickets_group);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, notes_view);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerPanel, save_notes_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_form_save);
  gtk_widget_class_bind_template_callback (widget_class, on_form_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_save_notes_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customerpanel");
}

static void
ac_customer_panel_init (AcCustomerPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->detail_rows = g_ptr_array_new ();
  self->activity_rows = g_ptr_array_new ();

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (on_notes_changed), self);
  ac_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
}

/**
 * ac_customer_panel_new:
 *
 * Returns: (transfer floating): an empty panel
 */
GtkWidget *
ac_customer_panel_new (void)
{
  return g_object_new (AC_TYPE_CUSTOMER_PANEL, NULL);
}

/**
 * ac_customer_panel_set_results:
 * @self: an #AcCustomerPanel
 * @customers: (transfer none): #AcCustomer found
 * @caller_number: (nullable): for a screen pop, the number that was
 *   looked up; %NULL for the agent's own search
 *
 * Shows what a search found.  For a screen pop, a single match opens its
 * profile at once.
 */
void
ac_customer_panel_set_results (AcCustomerPanel *self,
                               GListModel      *customers,
                               const char      *caller_number)
{
  guint n;

  g_return_if_fail (AC_IS_CUSTOMER_PANEL (self));
  g_return_if_fail (G_IS_LIST_MODEL (customers));

  n = g_list_model_get_n_items (customers);

  /* A new caller: whoever was shown before is not on the line. */
  if (caller_number != NULL)
    set_customer (self, NULL);

  g_free (self->caller_number);
  self->caller_number = g_strdup (caller_number);
  gtk_list_box_bind_model (self->results, customers, make_row, NULL, NULL);

  if (n == 0 && caller_number != NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("No customer has the number %s. Search by name or account, or take the caller’s details."),
                         caller_number);

      adw_status_page_set_title (self->none_page, _("Unknown Caller"));
      adw_status_page_set_description (self->none_page, description);
      gtk_widget_set_visible (self->new_button, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
  else if (n == 0)
    {
      adw_status_page_set_title (self->none_page, _("No Match"));
      gtk_widget_set_visible (self->new_button, TRUE);
      adw_status_page_set_description (self->none_page,
                                       _("No customer’s name, phone, email or account matches"));
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
  else if (n == 1 && caller_number != NULL)
    {
      g_autoptr(AcCustomer) customer = g_list_model_get_item (customers, 0);

      ac_customer_panel_show_customer (self, customer);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
clear_activity (AcCustomerPanel *self)
{
  for (guint i = 0; i < self->activity_rows->len; i++)
    {
      GtkWidget *row = self->activity_rows->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->activity_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->calls_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->tickets_group), FALSE);
}

/* A row that opens what it shows through a window action. */
static void
add_activity (AcCustomerPanel     *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              const char          *suffix,
              const char          *suffix_class,
              const char          *action,
              const char          *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, suffix_class);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (target));

  adw_preferences_group_add (group, row);
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
  g_ptr_array_add (self->activity_rows, row);
}

static const char *
mood_of (const char  *sentiment,
         const char **css)
{
  *css = "dim-label";
  if (g_strcmp0 (sentiment, "positive") == 0)
    {
      *css = "success";
      return _("Positive");
    }
  if (g_strcmp0 (sentiment, "negative") == 0)
    {
      *css = "warning";
      return _("Negative");
    }
  if (g_strcmp0 (sentiment, "neutral") == 0)
    return _("Neutral");
  return NULL;
}

/**
 * ac_customer_panel_show_create_error:
 * @self: an #AcCustomerPanel
 * @error: why the new customer was not stored
 *
 * Keeps the new customer's form as the agent left it and says why.
 */
void
ac_customer_panel_show_create_error (AcCustomerPanel *self,
                                     const GError    *error)
{
  g_return_if_fail (AC_IS_CUSTOMER_PANEL (self));

  ac_customer_form_show_error (self->customer_form, error);
}

/**
 * ac_customer_panel_show_notes_error:
 * @self: an #AcCustomerPanel
 * @error: why the notes were not stored
 *
 * Keeps the notes as the agent wrote them, ready to save again.
 */
void
ac_customer_panel_show_notes_error (AcCustomerPanel *self,
                                    const GError    *error)
{
  g_return_if_fail (AC_IS_CUSTOMER_PANEL (self));

  gtk_widget_set_sensitive (self->save_notes_button, TRUE);
  gtk_widget_set_tooltip_text (self->save_notes_button, error->message);
}

/**
 * ac_customer_panel_set_activity:
 * @self: an #AcCustomerPanel
 * @customer_id: the customer the lists are about; ignored unless it is
 *   still the customer shown
 * @calls: (nullable): #AcConversation, the customer's latest calls,
 *   newest first
 * @tickets: (nullable): #AcTicket, the customer's open tickets
 *
 * Adds the customer's recent calls, with their overall sentiment, and
 * open tickets to the profile.  Choosing one activates `win.show-call` or
 * `win.show-ticket` with its id.
 */
void
ac_customer_panel_set_activity (AcCustomerPanel *self,
                                const char      *customer_id,
                                GListModel      *calls,
                                GListModel      *tickets)
{
  guint n;

  g_return_if_fail (AC_IS_CUSTOMER_PANEL (self));

  if (self->customer == NULL || g_strcmp0 (ac_customer_get_id (self->customer), customer_id) != 0)
    return;

  clear_activity (self);

  n = tickets != NULL ? g_list_model_get_n_items (tickets) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcTicket) ticket = g_list_model_get_item (tickets, i);
      g_autofree char *subtitle = NULL;

      if (!ac_ticket_is_open (ticket))
        continue;
      /* Translators: a ticket on the profile: “TKT-000123 · Urgent · Open” */
      subtitle = g_strdup_printf (_("%s · %s · %s"), ac_ticket_get_id (ticket),
                                  ac_ticket_priority_to_label (ac_ticket_get_field (ticket, "priority")),
                                  ac_ticket_status_to_label (ac_ticket_get_field (ticket, "status")));
      add_activity (self, self->tickets_group, ac_ticket_get_field (ticket, "title"), subtitle, NULL, NULL,
                    "win.show-ticket", ac_ticket_get_id (ticket));
    }

  n = calls != NULL ? g_list_model_get_n_items (calls) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcConversation) call = g_list_model_get_item (calls, i);
      g_autoptr(GDateTime) start = ac_conversation_dup_start (call);
      g_autofree char *when = start != NULL ? g_date_time_format (start, _("%a %e %b %Y, %H:%M")) : g_strdup ("?");
      g_autofree char *length = NULL;
      const char *css = NULL;
      const char *mood = mood_of (ac_conversation_get_field (call, "overall_sentiment"), &css);
      const char *disposition = ac_conversation_get_field (call, "disposition");

      if (ac_conversation_get_duration_ms (call) >= 0)
        length = ac_format_duration (ac_conversation_get_duration_ms (call));
      else
        length = g_strdup (_("cut short"));
      add_activity (self, self->calls_group, when,
                    disposition != NULL ? ac_disposition_display (disposition, NULL) : length, mood, css,
                    "win.show-call", ac_conversation_get_id (call));
    }
}

/**
 * ac_customer_panel_show_customer:
 * @self: an #AcCustomerPanel
 * @customer: the customer to show
 *
 * Opens the profile card: the fields of the contract's customers table.
 */
void
ac_customer_panel_show_customer (AcCustomerPanel *self,
                                 AcCustomer      *customer)
{
  g_autofree char *balance = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *last = NULL;
  g_autofree char *summary = NULL;
  const char *type, *status;

  g_return_if_fail (AC_IS_CUSTOMER_PANEL (self));
  g_return_if_fail (AC_IS_CUSTOMER (customer));

  set_customer (self, customer);

  for (guint i = 0; i < self->detail_rows->len; i++)
    adw_preferences_group_remove (self->details, self->detail_rows->pdata[i]);
  g_ptr_array_set_size (self->detail_rows, 0);
  clear_activity (self);

  type = ac_customer_get_field (customer, "account_type");
  status = ac_customer_get_field (customer, "status");
  /* Translators: under the customer's name: “Checking account · Active”
   * (the account type, then the customer's status) */
  summary = g_strdup_printf (_("%s · %s"),
                             type != NULL ? ac_customer_value_display ("account_type", type) : "?",
                             status != NULL ? ac_customer_value_display ("status", status) : "?");
  gtk_label_set_label (self->name_label, ac_customer_get_name (customer));
  gtk_label_set_label (self->summary_label, summary);

  balance = ac_customer_format_balance (customer);
  joined = format_date (ac_customer_get_field (customer, "join_date"));
  last = format_date (ac_customer_get_field (customer, "last_transaction_date"));

  add_detail (self, _("Account Number"), ac_customer_get_account_number (customer));
  add_detail (self, _("Balance"), balance);
  add_detail (self, _("Phone"), ac_customer_get_field (customer, "phone"));
  add_detail (self, _("Email"), ac_customer_get_field (customer, "email"));
  add_detail (self, _("Risk Level"),
              ac_customer_value_display ("risk_level", ac_customer_get_field (customer, "risk_level")));
  add_detail (self, _("Identity Check (KYC)"),
              ac_customer_value_display ("kyc_status", ac_customer_get_field (customer, "kyc_status")));
  add_detail (self, _("Preferred Language"), ac_customer_get_field (customer, "preferred_language"));
  add_detail (self, _("Customer Since"), joined);
  add_detail (self, _("Last Transaction"), last);
  {
    const char *notes = ac_customer_get_field (customer, "notes");

    self->filling_notes = TRUE;
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes != NULL ? notes : "", -1);
    self->filling_notes = FALSE;
    gtk_widget_set_sensitive (self->save_notes_button, FALSE);
  }

  gtk_stack_set_visible_child_name (self->stack, "profile");
}

/**
 * ac_customer_panel_clear:
 * @self: an #AcCustomerPanel
 *
 * Closes the profile and the search, for a call that has no customer
 * (yet): the panel says it waits for one.
 */
void
ac_customer_panel_clear (AcCustomerPanel *self)
{
  g_return_if_fail (AC_IS_CUSTOMER_PANEL (self));

  set_customer (self, NULL);
  g_clear_pointer (&self->caller_number, g_free);
  clear_activity (self);
  self->filling_notes = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), "", -1);
  self->filling_notes = FALSE;
  gtk_widget_set_sensitive (self->save_notes_button, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * ac_customer_panel_get_customer:
 * @self: an #AcCustomerPanel
 *
 * Returns: (transfer none) (nullable): the customer whose profile is open
 */
AcCustomer *
ac_customer_panel_get_customer (AcCustomerPanel *self)
{
  g_return_val_if_fail (AC_IS_CUSTOMER_PANEL (self), NULL);

  return self->customer;
}

/**
 * ac_customer_panel_get_page:
 * @self: an #AcCustomerPanel
 *
 * Returns: (transfer none): what the panel shows: `empty`, `results`,
 *   `none` or `profile`
 */
const char *
ac_customer_panel_get_page (AcCustomerPanel *self)
{
  g_return_val_if_fail (AC_IS_CUSTOMER_PANEL (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
