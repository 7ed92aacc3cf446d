/* ac-property-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-property-row"

#include "config.h"

#include <adwaita.h>

#include "ac-property-row.h"

/**
 * ac_property_row_new:
 * @title: what the value is, such as “Balance”
 * @value: (nullable): the value, shown as plain text (never as markup:
 *   it may come from a customer, a file or a server)
 *
 * A read-only row of a profile or a detail view: the title small, the
 * value under it (libadwaita's `property` style).
 *
 * Returns: (transfer floating) (nullable): an #AdwActionRow, or %NULL
 *   when there is no value to show
 */
GtkWidget *
ac_property_row_new (const char *title,
                     const char *value)
{
  GtkWidget *row;

  g_return_val_if_fail (title != NULL, NULL);

  if (value == NULL || value[0] == '\0')
    return NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  return row;
}
