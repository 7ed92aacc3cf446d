/* ac-sparkline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AC_TYPE_SPARKLINE (ac_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (AcSparkline, ac_sparkline, AC, SPARKLINE, GtkWidget)

GtkWidget *ac_sparkline_new        (void);
void       ac_sparkline_set_values (AcSparkline  *self,
                                    const double *values,
                                    guint         n_values);

G_END_DECLS
