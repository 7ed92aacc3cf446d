/* ac-property-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *ac_property_row_new (const char *title,
                                const char *value);

G_END_DECLS
