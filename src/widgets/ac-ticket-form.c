/* ac-ticket-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-ticket-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ac-a11y.h"
#include "ac-ticket-form.h"

#define RESOURCE_BASE "/io/github/agentconsole/AgentConsole"

/**
 * AcTicketForm:
 *
 * The sidebar's ticket page: a form for a new ticket (title, category,
 * priority with the due time it implies, status, assignee, tags,
 * description), checked as the agent types, and what became of it.
 *
 * Like [class@CustomerPanel], the form does not file anything itself: it
 * emits [signal@TicketForm::file] with the fields once they check out,
 * and whoever owns the store answers with ac_ticket_form_show_filed() or
 * ac_ticket_form_show_error().  [signal@TicketForm::new-ticket] asks the
 * owner for a fresh form (ac_ticket_form_start()), so it can say which
 * customer and call the ticket is for.
 */
struct _AcTicketForm
{
  GtkWidget        parent_instance;

  AcSettings      *settings;
  char            *customer_id;
  char            *conversation_id;
  GStrv            categories;
  GStrv            priorities;
  GStrv            statuses;
  gboolean         show_problems;  /* after a first attempt to file */
  gboolean         busy;

  GtkStack        *stack;
  AdwPreferencesGroup *main_group;
  AdwEntryRow     *title_row;
  AdwComboRow     *category_row;
  AdwComboRow     *priority_row;
  AdwActionRow    *due_row;
  AdwComboRow     *status_row;
  AdwEntryRow     *assignee_row;
  AdwEntryRow     *tags_row;
  GtkTextView     *description_view;
  GtkLabel        *description_note;
  char            *drafted;        /* the description as drafted, to see edits */
  GtkLabel        *problems_label;
  GtkButton       *file_button;
  GtkWidget       *new_button;
  GtkWidget       *open_tickets_button;
  AdwStatusPage   *filed_page;
};

G_DEFINE_FINAL_TYPE (AcTicketForm, ac_ticket_form, GTK_TYPE_WIDGET)

enum {
  FILE_TICKET,
  NEW_TICKET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
selected_code (AdwComboRow *row,
               GStrv        codes)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (codes))
    return NULL;
  return codes[selected];
}

static void
select_code (AdwComboRow *row,
             GStrv        codes,
             const char  *code)
{
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
}

static guint
sla_hours (AcTicketForm *self,
           const char   *priority)
{
  if (self->settings != NULL)
    return ac_settings_get_sla_hours (self->settings, priority);
  return ac_ticket_sla_hours (priority);
}

static void
update_due (AcTicketForm *self)
{
  const char *priority = selected_code (self->priority_row, self->priorities);
  guint hours = sla_hours (self, priority);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) due = g_date_time_add_hours (now, hours);
  /* Translators: when a ticket is due, see g_date_time_format() */
  g_autofree char *when = g_date_time_format (due, _("%a %e %b, %H:%M"));
  g_autofree char *within = NULL;
  g_autofree char *subtitle = NULL;

  if (hours % 24 == 0)
    within = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %u day", "within %u days", hours / 24),
                              hours / 24);
  else
    within = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %u hour", "within %u hours", hours), hours);

  /* Translators: “Sat 21 Nov, 15:02 (within 4 hours)” */
  subtitle = g_strdup_printf (_("%s (%s)"), when, within);
  adw_action_row_set_subtitle (self->due_row, subtitle);
}

static char *
dup_description (AcTicketForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_row_error (GtkWidget *row,
               gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Checks the fields as the store will, and says what is wrong next to
 * the form once the agent has tried to file (or has typed a title and
 * emptied it again). */
static gboolean
validate (AcTicketForm *self)
{
  g_autoptr(GHashTable) fields = ac_ticket_form_get_fields (self);
  const char *column = NULL;
  g_autofree char *problem = ac_ticket_check_fields (fields, &column);
  gboolean show = self->show_problems && problem != NULL;

  set_row_error (GTK_WIDGET (self->title_row), show && g_strcmp0 (column, "title") == 0);
  set_row_error (GTK_WIDGET (self->category_row), show && g_strcmp0 (column, "category") == 0);
  set_row_error (GTK_WIDGET (self->priority_row), show && g_strcmp0 (column, "priority") == 0);
  set_row_error (GTK_WIDGET (self->tags_row), show && g_strcmp0 (column, "tags") == 0);

  gtk_label_set_label (self->problems_label, show ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), show);
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_button), !self->busy && (problem == NULL || !self->show_problems));

  return problem == NULL;
}

static void
on_field_changed (AcTicketForm *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  /* A title typed and then emptied is a mistake worth pointing out at
   * once. */
  if (title[0] != '\0')
    g_object_set_data (G_OBJECT (self->title_row), "touched", GINT_TO_POINTER (TRUE));
  else if (g_object_get_data (G_OBJECT (self->title_row), "touched"))
    self->show_problems = TRUE;

  validate (self);
}

static void
on_priority_changed (AcTicketForm *self)
{
  update_due (self);
  validate (self);
}

static void
on_new_clicked (AcTicketForm *self)
{
  g_signal_emit (self, signals[NEW_TICKET], 0);
}

static void
on_discard_clicked (AcTicketForm *self)
{
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->conversation_id, g_free);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_file_clicked (AcTicketForm *self)
{
  g_autoptr(GHashTable) fields = NULL;

  self->show_problems = TRUE;
  if (!validate (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return;
    }

  self->busy = TRUE;
  validate (self);
  fields = ac_ticket_form_get_fields (self);
  g_signal_emit (self, signals[FILE_TICKET], 0, fields);
}

static GtkStringList *
make_labels (GStrv        codes,
             const char *(*to_label) (const char *))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (list, to_label (codes[i]));
  return list;
}

/* The keyboard goes where the page starts: the title of a new ticket,
 * Open Tickets once one is filed, New Ticket before. */
static gboolean
ac_ticket_form_grab_focus (GtkWidget *widget)
{
  AcTicketForm *self = AC_TICKET_FORM (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "form") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  if (g_strcmp0 (page, "filed") == 0)
    return gtk_widget_grab_focus (self->open_tickets_button);
  return gtk_widget_grab_focus (self->new_button);
}

static void
ac_ticket_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AC_TYPE_TICKET_FORM);

  G_OBJECT_CLASS (ac_ticket_form_parent_class)->dispose (object);
}

static void
ac_ticket_form_finalize (GObject *object)
{
  AcTicketForm *self = AC_TICKET_FORM (object);

  g_clear_object (&self->settings);
  g_free (self->customer_id);
  g_free (self->conversation_id);
  g_free (self->drafted);
  g_strfreev (self->categories);
  g_strfreev (self->priorities);
  g_strfreev (self->statuses);

  G_OBJECT_CLASS (ac_ticket_form_parent_class)->finalize (object);
}

static void
ac_ticket_form_class_init (AcTicketFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_ticket_form_dispose;
  object_class->finalize = ac_ticket_form_finalize;
  widget_class->grab_focus = ac_ticket_form_grab_focus;

  /**
   * AcTicketForm::file:
   * @self: the form
   * @fields: (element-type utf8 utf8): column → value, checked with
   *   ac_ticket_check_fields(), for ac_store_create_ticket_async()
   *
   * The agent asked to file the ticket.  Answer with
   * ac_ticket_form_show_filed() or ac_ticket_form_show_error().
   */
  signals[FILE_TICKET] = g_signal_new ("file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_HASH_TABLE);

  /**
   * AcTicketForm::new-ticket:
   * @self: the form
   *
   * The agent asked for a new ticket: answer with ac_ticket_form_start().
   */
  signals[NEW_TICKET] = g_signal_new ("new-ticket", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-ticket-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, stack);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, main_group);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, title_row);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, category_row);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, priority_row);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, due_row);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, status_row);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, tags_row);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, description_view);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, description_note);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, problems_label);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, file_button);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, filed_page);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, new_button);
  gtk_widget_class_bind_template_child (widget_class, AcTicketForm, open_tickets_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_priority_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_file_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ac_ticket_form_init (AcTicketForm *self)
{
  g_autoptr(GtkStringList) categories = NULL;
  g_autoptr(GtkStringList) priorities = NULL;
  g_autoptr(GtkStringList) statuses = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  ac_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  self->categories = ac_ticket_list_categories ();
  self->priorities = ac_ticket_list_priorities ();
  self->statuses = ac_ticket_list_statuses ();

  categories = make_labels (self->categories, ac_ticket_category_to_label);
  priorities = make_labels (self->priorities, ac_ticket_priority_to_label);
  statuses = make_labels (self->statuses, ac_ticket_status_to_label);
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  adw_combo_row_set_model (self->priority_row, G_LIST_MODEL (priorities));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  update_due (self);
}

/**
 * ac_ticket_form_new:
 *
 * Returns: (transfer floating): a new #AcTicketForm, showing no ticket
 */
GtkWidget *
ac_ticket_form_new (void)
{
  return g_object_new (AC_TYPE_TICKET_FORM, NULL);
}

/**
 * ac_ticket_form_set_settings:
 * @self: an #AcTicketForm
 * @settings: (nullable): where the team's SLA hours are; %NULL for the
 *   defaults ([const@TICKET_SLA_HOURS_URGENT] and its siblings)
 */
void
ac_ticket_form_set_settings (AcTicketForm *self,
                             AcSettings   *settings)
{
  g_return_if_fail (AC_IS_TICKET_FORM (self));

  g_set_object (&self->settings, settings);
  update_due (self);
}

/**
 * ac_ticket_form_start:
 * @self: an #AcTicketForm
 * @draft: (nullable) (element-type utf8 utf8): fields to start from, such
 *   as ac_ticket_draft_from_call() gives
 * @customer_id: (nullable): the customer the ticket is for
 * @customer_name: (nullable): their name, to show
 * @conversation_id: (nullable): the call the ticket is about
 *
 * Shows a new form.  Whatever an unfiled form held is replaced.
 */
void
ac_ticket_form_start (AcTicketForm *self,
                      GHashTable   *draft,
                      const char   *customer_id,
                      const char   *customer_name,
                      const char   *conversation_id)
{
  const char *category = draft != NULL ? g_hash_table_lookup (draft, "category") : NULL;
  const char *description = draft != NULL ? g_hash_table_lookup (draft, "description") : NULL;
  g_autofree char *about = NULL;

  g_return_if_fail (AC_IS_TICKET_FORM (self));

  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);
  g_free (self->conversation_id);
  self->conversation_id = g_strdup (conversation_id);
  self->show_problems = FALSE;
  self->busy = FALSE;
  g_object_set_data (G_OBJECT (self->title_row), "touched", NULL);

  /* A backend's own category is offered beside the app's. */
  if (category != NULL && !g_strv_contains ((const char * const *) self->categories, category))
    {
      GtkStringList *labels = GTK_STRING_LIST (adw_combo_row_get_model (self->category_row));
      guint n = g_strv_length (self->categories);

      self->categories = g_renew (char *, self->categories, n + 2);
      self->categories[n] = g_strdup (category);
      self->categories[n + 1] = NULL;
      gtk_string_list_append (labels, category);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         draft != NULL && g_hash_table_lookup (draft, "title") ? g_hash_table_lookup (draft, "title") : "");
  select_code (self->category_row, self->categories, category != NULL ? category : "general");
  select_code (self->priority_row, self->priorities,
               draft != NULL && g_hash_table_lookup (draft, "priority") ? g_hash_table_lookup (draft, "priority") : "MEDIUM");
  select_code (self->status_row, self->statuses, "OPEN");
  gtk_editable_set_text (GTK_EDITABLE (self->assignee_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            description != NULL ? description : "", -1);
  g_free (self->drafted);
  self->drafted = dup_description (self);
  gtk_widget_set_visible (GTK_WIDGET (self->description_note), FALSE);

  if (customer_name != NULL && conversation_id != NULL)
    /* Translators: under “New Ticket”: who and what it is about */
    about = g_strdup_printf (_("For %s, about this call"), customer_name);
  else if (customer_name != NULL)
    about = g_strdup_printf (_("For %s"), customer_name);
  else if (conversation_id != NULL)
    about = g_strdup (_("About this call; no customer chosen"));
  adw_preferences_group_set_description (self->main_group, about);

  update_due (self);
  validate (self);
  gtk_stack_set_visible_child_name (self->stack, "form");
}

/**
 * ac_ticket_form_reset:
 * @self: an #AcTicketForm
 *
 * Shows no ticket again, as a new form does: for a new call, the page of
 * the last call's filed ticket goes.
 */
void
ac_ticket_form_reset (AcTicketForm *self)
{
  g_return_if_fail (AC_IS_TICKET_FORM (self));

  self->busy = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * ac_ticket_form_get_editing:
 * @self: an #AcTicketForm
 *
 * Returns: whether a form not yet filed is shown
 */
gboolean
ac_ticket_form_get_editing (AcTicketForm *self)
{
  g_return_val_if_fail (AC_IS_TICKET_FORM (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0;
}

/**
 * ac_ticket_form_get_fields:
 * @self: an #AcTicketForm
 *
 * The ticket as the form holds it: `title`, `description`, `category`,
 * `priority`, `status`, `assigned_to`, `tags` (a JSON array, see
 * ac_ticket_tags_to_json()), `sla_deadline` (ISO 8601, UTC, from now and
 * the team's SLA hours for the priority), and `customer_id` and
 * `conversation_id` when the form was started for them.  Empty optional
 * fields are left out.
 *
 * Returns: (transfer full) (element-type utf8 utf8): column → value
 */
GHashTable *
ac_ticket_form_get_fields (AcTicketForm *self)
{
  GHashTable *fields;
  const char *priority;
  const char *assignee;
  g_autofree char *assignee_trimmed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (AC_IS_TICKET_FORM (self), NULL);

  fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  priority = selected_code (self->priority_row, self->priorities);

  g_hash_table_insert (fields, (gpointer) "title",
                       g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)))));
  g_hash_table_insert (fields, (gpointer) "description", dup_description (self));
  if (selected_code (self->category_row, self->categories) != NULL)
    g_hash_table_insert (fields, (gpointer) "category",
                         g_strdup (selected_code (self->category_row, self->categories)));
  if (priority != NULL)
    {
      g_autoptr(GDateTime) due = g_date_time_add_hours (now, sla_hours (self, priority));

      g_hash_table_insert (fields, (gpointer) "priority", g_strdup (priority));
      g_hash_table_insert (fields, (gpointer) "sla_deadline", g_date_time_format_iso8601 (due));
    }
  if (selected_code (self->status_row, self->statuses) != NULL)
    g_hash_table_insert (fields, (gpointer) "status",
                         g_strdup (selected_code (self->status_row, self->statuses)));
  assignee = gtk_editable_get_text (GTK_EDITABLE (self->assignee_row));
  assignee_trimmed = g_strstrip (g_strdup (assignee));
  if (assignee_trimmed[0] != '\0')
    g_hash_table_insert (fields, (gpointer) "assigned_to", g_steal_pointer (&assignee_trimmed));
  g_hash_table_insert (fields, (gpointer) "tags",
                       ac_ticket_tags_to_json (gtk_editable_get_text (GTK_EDITABLE (self->tags_row))));
  if (self->customer_id != NULL)
    g_hash_table_insert (fields, (gpointer) "customer_id", g_strdup (self->customer_id));
  if (self->conversation_id != NULL)
    g_hash_table_insert (fields, (gpointer) "conversation_id", g_strdup (self->conversation_id));

  return fields;
}

/**
 * ac_ticket_form_show_filed:
 * @self: an #AcTicketForm
 * @ticket: the ticket as it was filed
 *
 * Says the ticket was filed, under which number and when it is due.
 */
void
ac_ticket_form_show_filed (AcTicketForm *self,
                           AcTicket     *ticket)
{
  const char *deadline;
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *description = NULL;
  GtkRoot *root;
  GtkWidget *focus;
  gboolean refocus;

  g_return_if_fail (AC_IS_TICKET_FORM (self));
  g_return_if_fail (AC_IS_TICKET (ticket));

  self->busy = FALSE;
  deadline = ac_ticket_get_field (ticket, "sla_deadline");
  if (deadline != NULL && (due = g_date_time_new_from_iso8601 (deadline, NULL)) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (due);
      g_autofree char *when = g_date_time_format (local, _("%a %e %b, %H:%M"));

      /* Translators: “TKT-000123 · Urgent · due Sat 21 Nov, 15:02” */
      description = g_strdup_printf (_("%s · %s · due %s"), ac_ticket_get_id (ticket),
                                     ac_ticket_priority_to_label (ac_ticket_get_field (ticket, "priority")), when);
    }
  else
    description = g_strdup (ac_ticket_get_id (ticket));

  adw_status_page_set_description (self->filed_page, description);
  /* The File button the keyboard was on is gone (or was made insensitive
   * while filing, which drops the focus): the keyboard goes to the page. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  refocus = focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "filed");
  if (refocus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/**
 * ac_ticket_form_show_error:
 * @self: an #AcTicketForm
 * @error: why the ticket could not be filed
 *
 * Keeps the form as the agent left it and says why it was not filed.
 */
void
ac_ticket_form_show_error (AcTicketForm *self,
                           const GError *error)
{
  g_return_if_fail (AC_IS_TICKET_FORM (self));
  g_return_if_fail (error != NULL);

  self->busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_button), TRUE);
  gtk_label_set_label (self->problems_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), TRUE);
}

/**
 * ac_ticket_form_get_page:
 * @self: an #AcTicketForm
 *
 * Returns: (transfer none): what the form shows: `empty`, `form` or
 *   `filed`
 */
const char *
ac_ticket_form_get_page (AcTicketForm *self)
{
  g_return_val_if_fail (AC_IS_TICKET_FORM (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * ac_ticket_form_offer_description:
 * @self: an #AcTicketForm
 * @description: a better description, such as an AI provider's
 * @note: (nullable): what to say under it, such as who wrote it
 *
 * Puts @description in place of the drafted one unless the agent has
 * edited it since the form started (then their words stay).
 *
 * Returns: whether @description is in the form now
 */
gboolean
ac_ticket_form_offer_description (AcTicketForm *self,
                                  const char   *description,
                                  const char   *note)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (AC_IS_TICKET_FORM (self), FALSE);
  g_return_val_if_fail (description != NULL, FALSE);

  now = dup_description (self);
  if (g_strcmp0 (now, self->drafted) != 0 || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") != 0)
    return FALSE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), description, -1);
  g_free (self->drafted);
  self->drafted = dup_description (self);
  gtk_label_set_text (self->description_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_note), note != NULL);
  validate (self);
  return TRUE;
}
