/* ac-sparkline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-sparkline"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ac-sparkline.h"

/**
 * AcSparkline:
 *
 * A word-sized line of a call's recent risk scores (0..1, oldest left),
 * for a row of the supervisor's floor: higher is worse.  It draws in the
 * foreground colour, so it follows the dark style; the last point is a
 * dot.  Screen readers hear the trend and the latest value.
 */

#define SPARKLINE_MAX 32

struct _AcSparkline
{
  GtkWidget parent_instance;

  double    values[SPARKLINE_MAX];
  guint     n_values;
};

G_DEFINE_FINAL_TYPE (AcSparkline, ac_sparkline, GTK_TYPE_WIDGET)

static void
ac_sparkline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  AcSparkline *self = AC_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;
  cairo_t *cr;
  double step, x = 0, y = 0;

  if (self->n_values == 0 || width <= 2 || height <= 2)
    return;

  /* (gtk_widget_get_color() is GTK 4.10) */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  step = self->n_values > 1 ? (width - 4.0) / (self->n_values - 1) : 0;
  for (guint i = 0; i < self->n_values; i++)
    {
      x = 2 + step * i;
      y = 2 + (height - 4.0) * (1.0 - self->values[i]);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  cairo_arc (cr, x, y, 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
ac_sparkline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 48 : 18;
}

static void
ac_sparkline_class_init (AcSparklineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = ac_sparkline_snapshot;
  widget_class->measure = ac_sparkline_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "sparkline");
}

static void
ac_sparkline_init (AcSparkline *self)
{
}

/**
 * ac_sparkline_new:
 *
 * Returns: (transfer floating): an empty sparkline
 */
GtkWidget *
ac_sparkline_new (void)
{
  return g_object_new (AC_TYPE_SPARKLINE, NULL);
}

/**
 * ac_sparkline_set_values:
 * @self: a #AcSparkline
 * @values: (array length=n_values): risk scores, 0..1, oldest first (the
 *   last 32 are drawn)
 * @n_values: how many
 */
void
ac_sparkline_set_values (AcSparkline  *self,
                         const double *values,
                         guint         n_values)
{
  g_autofree char *description = NULL;
  guint skip;

  g_return_if_fail (AC_IS_SPARKLINE (self));
  g_return_if_fail (values != NULL || n_values == 0);

  skip = n_values > SPARKLINE_MAX ? n_values - SPARKLINE_MAX : 0;
  if (self->n_values == n_values - skip &&
      (self->n_values == 0 || memcmp (self->values, values + skip, self->n_values * sizeof (double)) == 0))
    return;
  self->n_values = n_values - skip;
  for (guint i = 0; i < self->n_values; i++)
    self->values[i] = CLAMP (values[skip + i], 0.0, 1.0);

  if (self->n_values == 0)
    description = g_strdup (_("No risk scores yet"));
  else if (self->n_values == 1)
    /* Translators: a call's risk on the floor; %.2f is 0..1 */
    description = g_strdup_printf (_("Risk %.2f"), self->values[0]);
  else
    {
      double delta = self->values[self->n_values - 1] - self->values[0];

      /* Translators: a call's recent risk on the floor: “rising, now 0.75” */
      description = g_strdup_printf (delta > 0.1 ? _("Risk rising, now %.2f")
                                     : delta < -0.1 ? _("Risk falling, now %.2f")
                                     : _("Risk steady, now %.2f"),
                                     self->values[self->n_values - 1]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
