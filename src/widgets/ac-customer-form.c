/* ac-customer-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-customer-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ac-a11y.h"
#include "ac-customer-form.h"
#include "ac-customer-fields.h"

#define RESOURCE_BASE "/io/github/agentconsole/AgentConsole"

/**
 * AcCustomerForm:
 *
 * A quick form for a caller who is not a customer yet: name, phone
 * (the caller's number to start with), email, account number and type.
 * It is checked as `--import-customers` checks a row, as the agent types
 * once they have tried to save; [signal@CustomerForm::save] carries the
 * fields to whoever owns the store, [signal@CustomerForm::cancel] gives up.
 */
struct _AcCustomerForm
{
  GtkWidget    parent_instance;

  gboolean     show_problems;

  AdwEntryRow *name_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *email_row;
  AdwEntryRow *account_row;
  AdwComboRow *type_row;
  GtkLabel    *problem_label;
  GtkButton   *save_button;
};

G_DEFINE_FINAL_TYPE (AcCustomerForm, ac_customer_form, GTK_TYPE_WIDGET)

enum {
  SAVE,
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The contract's account types, in the order of the form's list. */
static const char * const account_types[] = { "CHECKING", "SAVINGS", "CREDIT", "BUSINESS" };

static void
show_problem (AcCustomerForm *self,
              const char     *problem,
              const char     *column)
{
  struct { AdwEntryRow *row; const char *column; } rows[] = {
    { self->name_row, "name" },
    { self->phone_row, "phone" },
    { self->email_row, "email" },
    { self->account_row, "account_number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (problem != NULL && g_strcmp0 (rows[i].column, column) == 0)
        gtk_widget_add_css_class (GTK_WIDGET (rows[i].row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (rows[i].row), "error");
    }

  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/* Why the customer cannot be saved, in the agent's words: the checks
 * name the contract's columns. */
static char *
check (AcCustomerForm  *self,
       const char     **column)
{
  g_autoptr(GHashTable) fields = ac_customer_form_get_fields (self);
  g_autofree char *problem = ac_customer_check_fields (fields, column);

  if (problem == NULL)
    return NULL;
  if (g_strcmp0 (*column, "name") == 0 && g_hash_table_lookup (fields, "name") == NULL)
    return g_strdup (_("A customer needs a name"));
  if (g_strcmp0 (*column, "account_number") == 0 && g_hash_table_lookup (fields, "account_number") == NULL)
    return g_strdup (_("A customer needs an account number"));
  return g_steal_pointer (&problem);
}

static gboolean
validate (AcCustomerForm *self)
{
  const char *column = NULL;
  g_autofree char *problem = check (self, &column);

  show_problem (self, self->show_problems ? problem : NULL, column);
  return problem == NULL;
}

static void
on_changed (AcCustomerForm *self)
{
  validate (self);
}

static void
on_cancel_clicked (AcCustomerForm *self)
{
  g_signal_emit (self, signals[CANCEL], 0);
}

static void
on_save_clicked (AcCustomerForm *self)
{
  g_autoptr(GHashTable) fields = NULL;

  self->show_problems = TRUE;
  if (!validate (self))
    return;

  fields = ac_customer_form_get_fields (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  g_signal_emit (self, signals[SAVE], 0, fields);
}

static void
ac_customer_form_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), AC_TYPE_CUSTOMER_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ac_customer_form_parent_class)->dispose (object);
}

static void
ac_customer_form_class_init (AcCustomerFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_customer_form_dispose;

  /**
   * AcCustomerForm::save:
   * @self: the form
   * @fields: (element-type utf8 utf8): column → value of the contract's
   *   `customers` table, checked, for ac_store_create_customer_async()
   *
   * The agent asked to save the customer.  Answer with the customer shown
   * elsewhere, or with ac_customer_form_show_error().
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_HASH_TABLE);

  /**
   * AcCustomerForm::cancel:
   * @self: the form
   *
   * The agent gave up on the new customer.
   */
  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-customer-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AcCustomerForm, name_row);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerForm, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerForm, email_row);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerForm, account_row);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerForm, type_row);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerForm, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AcCustomerForm, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ac_customer_form_init (AcCustomerForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ac_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
}

/**
 * ac_customer_form_new:
 *
 * Returns: (transfer floating): a new, empty #AcCustomerForm
 */
GtkWidget *
ac_customer_form_new (void)
{
  return g_object_new (AC_TYPE_CUSTOMER_FORM, NULL);
}

/**
 * ac_customer_form_start:
 * @self: an #AcCustomerForm
 * @phone: (nullable): the caller's number, to start with
 * @name: (nullable): the name the agent searched for, to start with
 *
 * Empties the form for a new customer, fills in what is known, and puts
 * the focus on the name.
 */
void
ac_customer_form_start (AcCustomerForm *self,
                        const char     *phone,
                        const char     *name)
{
  g_return_if_fail (AC_IS_CUSTOMER_FORM (self));

  self->show_problems = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), phone != NULL ? phone : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->account_row), "");
  adw_combo_row_set_selected (self->type_row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  show_problem (self, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/**
 * ac_customer_form_get_fields:
 * @self: an #AcCustomerForm
 *
 * Returns: (transfer full) (element-type utf8 utf8): `name`, `phone`,
 *   `email`, `account_number` and `account_type` (CHECKING, SAVINGS,
 *   CREDIT or BUSINESS), trimmed; empty ones left out
 */
GHashTable *
ac_customer_form_get_fields (AcCustomerForm *self)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  struct { AdwEntryRow *row; const char *column; } rows[] = {
    { self->name_row, "name" },
    { self->phone_row, "phone" },
    { self->email_row, "email" },
    { self->account_row, "account_number" },
  };
  guint type = adw_combo_row_get_selected (self->type_row);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows[i].row))));

      if (value[0] != '\0')
        g_hash_table_insert (fields, (gpointer) rows[i].column, value);
      else
        g_free (value);
    }
  g_hash_table_insert (fields, (gpointer) "account_type",
                       g_strdup (account_types[type < G_N_ELEMENTS (account_types) ? type : 0]));

  return fields;
}

/**
 * ac_customer_form_show_error:
 * @self: an #AcCustomerForm
 * @error: why the customer was not saved
 *
 * Keeps what the agent typed and says why it was not saved.
 */
void
ac_customer_form_show_error (AcCustomerForm *self,
                             const GError   *error)
{
  g_return_if_fail (AC_IS_CUSTOMER_FORM (self));
  g_return_if_fail (error != NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  show_problem (self, error->message, NULL);
}
