/* ac-a11y.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-a11y"

#include "config.h"

#include "ac-a11y.h"

/* “_File Ticket” → “File Ticket”; “__” stands for one underscore. */
static char *
strip_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * ac_a11y_name_mnemonic_buttons:
 * @root: a widget
 *
 * Gives every button under @root whose label has a mnemonic (“_File
 * Ticket”) its label without the underscore as its accessible name.
 * GTK 4.8 names such a button after both the raw label and its text
 * (“_File Ticket File Ticket”), which a screen reader reads out as it is.
 * Call it once the widgets are built (after gtk_widget_init_template()).
 */
void
ac_a11y_name_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      g_autofree char *name = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (root)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ac_a11y_name_mnemonic_buttons (child);
}
