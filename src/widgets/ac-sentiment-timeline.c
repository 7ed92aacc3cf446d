/* ac-sentiment-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-sentiment-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ac-agent-status.h"
#include "ac-escalations.h"
#include "ac-sentiment-timeline.h"

/**
 * AcSentimentTimeline:
 *
 * The call's mood over time: each final utterance's compound sentiment
 * (−1..1) as a dot at its time, per speaker (customer blue, agent purple,
 * the transcript's colours), a smoothed line through each speaker's dots,
 * the neutral band (−0.05..0.05), and a red mark at each escalation of the
 * call ([class@Escalations], when given one; otherwise at each utterance
 * whose risk needed escalation).  When the contact center sends its own
 * analysis of an utterance (ac_utterance_set_remote_sentiment()), it is
 * drawn as a hollow diamond in the speaker's colour at the same time, so
 * the two opinions can be compared.
 *
 * Hovering a dot shows its utterance; clicking it emits
 * [signal@SentimentTimeline::utterance-activated], which the window uses
 * to jump to it in the transcript.  For screen readers the widget
 * describes the same in words (ac_sentiment_timeline_describe()).
 *
 * The time axis spans the call so far (at least a minute), labelled
 * under the plot at round intervals.  A new utterance reads only the end of
 * the transcript; drawing is bounded by the widget's width once the dots
 * crowd (one bar per pixel column), so a two-hour call redraws as fast as
 * a short one.
 */

#define N_SPEAKERS       2
#define MIN_SPAN_MS      60000
#define NEUTRAL_BAND     0.05   /* VADER's: |compound| < 0.05 is neutral */
#define SMOOTHING        0.35   /* weight of the newest utterance in the line */
#define DOT_RADIUS       3.0
#define PICK_RADIUS      12.0
#define PAD_X            8.0
#define PAD_Y            6.0
#define AXIS_H           14.0   /* the time axis's labels, under the plot */
#define LABEL_SPACING    64.0   /* at least this far apart, in pixels */

typedef struct
{
  AcUtterance *utterance;  /* owned */
  guint        index;      /* its position in the transcript */
  double       t_ms;       /* middle of the utterance */
  double       compound;
  double       smoothed;
  gboolean     escalation;
  gboolean     has_remote;  /* the contact center scored it */
  double       remote;      /* −1..1 */
} Point;

struct _AcSentimentTimeline
{
  GtkWidget     parent_instance;

  AcTranscript  *transcript;
  AcEscalations *escalations;
  GSignalGroup  *transcript_signals;   /* follow whichever are drawn */
  GSignalGroup  *escalation_signals;
  GArray        *points[N_SPEAKERS];  /* Point, in time order */
  double        span_ms;
  guint         n_items;       /* the transcript's items read so far */
  guint         n_settled;     /* those before the first one not final: a
                                * change after it only adds points */
};

G_DEFINE_FINAL_TYPE (AcSentimentTimeline, ac_sentiment_timeline, GTK_TYPE_WIDGET)

enum {
  UTTERANCE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_remote_changed (AcSentimentTimeline *self);

static void
clear_point (gpointer data)
{
  Point *p = data;

  if (p->utterance != NULL)
    g_signal_handlers_disconnect_matched (p->utterance, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                          on_remote_changed, NULL);
  g_clear_object (&p->utterance);
}

/* Reads the transcript's items from @from on into points; items before
 * @from are already read, and final (a final utterance stays as it is). */
static void
read_from (AcSentimentTimeline *self,
           guint                from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  gboolean settled = TRUE;

  self->n_settled = from;
  for (guint i = from; i < n; i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (self->transcript), i);
      AcSentiment *s = ac_utterance_get_sentiment (u);
      guint c = ac_utterance_get_channel (u);
      GArray *points;
      Point p;

      /* A partial hypothesis: the next change may replace it. */
      if (!ac_utterance_get_is_final (u))
        settled = FALSE;
      if (settled)
        self->n_settled = i + 1;
      if (!ac_utterance_get_is_final (u) || s == NULL || c >= N_SPEAKERS)
        continue;

      points = self->points[c];
      p.utterance = g_object_ref (u);
      p.index = i;
      p.t_ms = (ac_utterance_get_start_ms (u) + ac_utterance_get_end_ms (u)) / 2.0;
      p.compound = s->scores.compound;
      p.escalation = s->escalation;
      p.has_remote = ac_utterance_get_remote_label (u) != NULL;
      p.remote = ac_utterance_get_remote_score (u);
      /* The contact center's score may come after the utterance. */
      g_signal_connect_object (u, "notify::remote-label", G_CALLBACK (on_remote_changed), self,
                               G_CONNECT_SWAPPED);
      p.smoothed = points->len == 0
        ? p.compound
        : SMOOTHING * p.compound +
          (1 - SMOOTHING) * g_array_index (points, Point, points->len - 1).smoothed;
      g_array_append_val (points, p);

      self->span_ms = MAX (self->span_ms, ac_utterance_get_end_ms (u));
    }
  self->n_items = n;
}

static void
rebuild (AcSentimentTimeline *self)
{
  for (guint c = 0; c < N_SPEAKERS; c++)
    g_array_set_size (self->points[c], 0);
  self->span_ms = MIN_SPAN_MS;
  self->n_items = self->n_settled = 0;

  if (self->transcript != NULL)
    read_from (self, 0);
}

/* Points of the items from @from on (all after the settled ones) are
 * dropped, to be read again. */
static void
drop_from (AcSentimentTimeline *self,
           guint                from)
{
  for (guint c = 0; c < N_SPEAKERS; c++)
    {
      GArray *points = self->points[c];
      guint keep = points->len;

      /* Points are in transcript order. */
      while (keep > 0 && g_array_index (points, Point, keep - 1).index >= from)
        keep--;
      g_array_set_size (points, keep);
    }
}

static void
update_description (AcSentimentTimeline *self)
{
  g_autofree char *text = ac_sentiment_timeline_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
refresh (AcSentimentTimeline *self)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The transcript changed: live, only its end does (a partial hypothesis
 * replaced, a final added), and only the points after the settled finals
 * are read again, so that an utterance costs the same two hours into a
 * call as at its start.  Anything else is read anew. */
static void
on_transcript_changed (AcSentimentTimeline *self,
                       guint                position,
                       guint                removed,
                       guint                added,
                       GListModel          *model)
{
  g_assert (AC_IS_SENTIMENT_TIMELINE (self));

  if (position >= self->n_settled && position <= self->n_items && self->transcript != NULL)
    {
      drop_from (self, self->n_settled);
      read_from (self, self->n_settled);
    }
  else
    rebuild (self);
  refresh (self);
}

static void
on_items_changed (AcSentimentTimeline *self)
{
  g_assert (AC_IS_SENTIMENT_TIMELINE (self));

  rebuild (self);
  refresh (self);
}

static void
on_remote_changed (AcSentimentTimeline *self)
{
  on_items_changed (self);
}

static double
x_for (AcSentimentTimeline *self,
       double               t_ms,
       double               width)
{
  return PAD_X + (width - 2 * PAD_X) * CLAMP (t_ms / self->span_ms, 0.0, 1.0);
}

static double
y_for (double compound,
       double height)
{
  return PAD_Y + (height - 2 * PAD_Y - AXIS_H) * (1.0 - (CLAMP (compound, -1.0, 1.0) + 1.0) / 2.0);
}

/* The time axis: ticks every round interval that leaves room for the
 * labels (“0:00”, “5:00”, “1:00:00”), under the plot. */
static void
draw_time_axis (AcSentimentTimeline *self,
                cairo_t             *cr,
                double               width,
                double               height,
                const GdkRGBA       *fg)
{
  static const double steps_ms[] = { 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3 };
  double plot_w = width - 2 * PAD_X;
  double axis_y = height - AXIS_H - PAD_Y / 2;
  double step = steps_ms[G_N_ELEMENTS (steps_ms) - 1];
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (steps_ms); i++)
    if (plot_w * steps_ms[i] / self->span_ms >= LABEL_SPACING)
      {
        step = steps_ms[i];
        break;
      }

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.75));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.55);
  cairo_set_line_width (cr, 1.0);
  for (double t = 0; t <= self->span_ms; t += step)
    {
      double x = round (x_for (self, t, width)) + 0.5;
      g_autofree char *label = ac_format_duration ((gint64) t);
      int label_w, label_h;

      cairo_move_to (cr, x, axis_y - 3);
      cairo_line_to (cr, x, axis_y);
      cairo_stroke (cr);

      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &label_w, &label_h);
      cairo_move_to (cr, CLAMP (x - label_w / 2.0, 0, width - label_w), axis_y + 1);
      pango_cairo_show_layout (cr, layout);
    }

  pango_attr_list_unref (attrs);
  g_object_unref (layout);
}

static GdkRGBA
speaker_color (AcSentimentTimeline *self,
               guint                channel)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       channel == 0 ? "ac_customer_color" : "ac_agent_color",
                                       &color))
    gdk_rgba_parse (&color, channel == 0 ? "#3584e4" : "#9141ac");
  G_GNUC_END_IGNORE_DEPRECATIONS

  return color;
}

static void
ac_sentiment_timeline_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  AcSentimentTimeline *self = AC_SENTIMENT_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA fg;

  if (width <= 2 * PAD_X || height <= 2 * PAD_Y)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The neutral band and the zero line. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.07);
  cairo_rectangle (cr, PAD_X, y_for (NEUTRAL_BAND, height), width - 2 * PAD_X,
                   y_for (-NEUTRAL_BAND, height) - y_for (NEUTRAL_BAND, height));
  cairo_fill (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.4);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, PAD_X, round (y_for (0, height)) + 0.5);
  cairo_line_to (cr, width - PAD_X, round (y_for (0, height)) + 0.5);
  cairo_stroke (cr);
  draw_time_axis (self, cr, width, height, &fg);

  /* Escalations: a red line from top to bottom. */
  cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.8);
  cairo_set_line_width (cr, 2.0);
  if (self->escalations != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->escalations));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AcEscalation) e = g_list_model_get_item (G_LIST_MODEL (self->escalations), i);
          double x = x_for (self, ac_escalation_get_time_ms (e), width);

          cairo_move_to (cr, x, PAD_Y / 2);
          cairo_line_to (cr, x, height - AXIS_H - PAD_Y / 2);
          cairo_stroke (cr);
        }
    }
  else
    for (guint c = 0; c < N_SPEAKERS; c++)
      for (guint i = 0; i < self->points[c]->len; i++)
        {
          Point *p = &g_array_index (self->points[c], Point, i);

          if (!p->escalation)
            continue;
          cairo_move_to (cr, x_for (self, p->t_ms, width), PAD_Y / 2);
          cairo_line_to (cr, x_for (self, p->t_ms, width), height - AXIS_H - PAD_Y / 2);
          cairo_stroke (cr);
        }

  for (guint c = 0; c < N_SPEAKERS; c++)
    {
      GArray *points = self->points[c];
      GdkRGBA color = speaker_color (self, c);
      gboolean dense = points->len > (width - 2 * PAD_X) / (4 * DOT_RADIUS);
      double last_x = -G_MAXDOUBLE;

      if (points->len == 0)
        continue;

      /* The smoothed line: at most a vertex a pixel, so a long call costs
       * no more than the width of the widget. */
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.9);
      cairo_set_line_width (cr, 2.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < points->len; i++)
        {
          Point *p = &g_array_index (points, Point, i);
          double x = x_for (self, p->t_ms, width);

          if (i == 0)
            cairo_move_to (cr, x, y_for (p->smoothed, height));
          else if (x - last_x >= 1.0 || i == points->len - 1)
            cairo_line_to (cr, x, y_for (p->smoothed, height));
          else
            continue;
          last_x = x;
        }
      cairo_stroke (cr);

      /* Each utterance: a dot; when they crowd, each pixel column is one
       * bar from its lowest to its highest score (what a column can show),
       * so a long call draws no more than the widget is wide. */
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.55);
      if (!dense)
        for (guint i = 0; i < points->len; i++)
          {
            Point *p = &g_array_index (points, Point, i);

            cairo_new_sub_path (cr);
            cairo_arc (cr, x_for (self, p->t_ms, width), y_for (p->compound, height), DOT_RADIUS, 0, 2 * G_PI);
          }
      else
        {
          double column = -1, top = 0, bottom = 0;

          for (guint i = 0; i <= points->len; i++)
            {
              Point *p = i < points->len ? &g_array_index (points, Point, i) : NULL;
              double x = p != NULL ? floor (x_for (self, p->t_ms, width)) : -2;
              double y = p != NULL ? y_for (p->compound, height) : 0;

              if (x != column)
                {
                  if (column >= 0)
                    cairo_rectangle (cr, column - 0.5, top - 1, 2, bottom - top + 2);
                  column = x;
                  top = bottom = y;
                }
              else
                {
                  top = MIN (top, y);
                  bottom = MAX (bottom, y);
                }
            }
        }
      cairo_fill (cr);

      /* The contact center's score: a hollow diamond. */
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.9);
      cairo_set_line_width (cr, 1.5);
      for (guint i = 0; i < points->len; i++)
        {
          Point *p = &g_array_index (points, Point, i);
          double x = x_for (self, p->t_ms, width);
          double y = y_for (p->remote, height);
          double r = DOT_RADIUS + 1;

          if (!p->has_remote)
            continue;
          cairo_move_to (cr, x, y - r);
          cairo_line_to (cr, x + r, y);
          cairo_line_to (cr, x, y + r);
          cairo_line_to (cr, x - r, y);
          cairo_close_path (cr);
        }
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
ac_sentiment_timeline_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    {
      *minimum = 48 + AXIS_H;
      *natural = 72 + AXIS_H;
    }
}

static const char *
label_word (AcSentimentLabel label)
{
  switch (label)
    {
    case AC_SENTIMENT_POSITIVE:
      return C_("sentiment", "positive");
    case AC_SENTIMENT_NEGATIVE:
      return C_("sentiment", "negative");
    case AC_SENTIMENT_URGENT:
      return C_("sentiment", "urgent");
    case AC_SENTIMENT_NEUTRAL:
    default:
      return C_("sentiment", "neutral");
    }
}

static char *
describe_point (Point *p,
                guint  channel)
{
  AcSentiment *s = ac_utterance_get_sentiment (p->utterance);
  g_autofree char *when = ac_format_duration ((gint64) p->t_ms);

  if (p->has_remote && ac_utterance_get_remote_source (p->utterance) != NULL)
    /* Translators: a tooltip on the sentiment timeline, with an AI
     * provider's score and intent: “Customer, 1:02 · negative (−0.62) · AI
     * provider: negative (−0.70), billing\nmy card was charged twice” */
    return g_strdup_printf (_("%s, %s · %s (%+.2f) · AI provider: %s (%+.2f), %s\n%s"),
                            channel == 0 ? _("Customer") : _("Agent"), when,
                            label_word (s->label), p->compound,
                            ac_utterance_get_remote_label (p->utterance), p->remote,
                            ac_utterance_get_remote_intent (p->utterance) != NULL
                              ? ac_utterance_get_remote_intent (p->utterance) : "general",
                            ac_utterance_get_text (p->utterance));

  if (p->has_remote)
    /* Translators: a tooltip on the sentiment timeline, with the contact
     * center's own score: “Customer, 1:02 · negative (−0.62) · contact
     * center: negative (−0.91)\nmy card was stolen” */
    return g_strdup_printf (_("%s, %s · %s (%+.2f) · contact center: %s (%+.2f)\n%s"),
                            channel == 0 ? _("Customer") : _("Agent"), when,
                            label_word (s->label), p->compound,
                            ac_utterance_get_remote_label (p->utterance), p->remote,
                            ac_utterance_get_text (p->utterance));

  /* Translators: a tooltip on the sentiment timeline:
   * “Customer, 1:02 · negative (−0.62)\nmy card was stolen” */
  return g_strdup_printf (_("%s, %s · %s (%+.2f)\n%s"),
                          channel == 0 ? _("Customer") : _("Agent"), when,
                          label_word (s->label), p->compound,
                          ac_utterance_get_text (p->utterance));
}

static Point *
nearest (AcSentimentTimeline *self,
         double               x,
         double               y,
         guint               *channel)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double best = PICK_RADIUS * PICK_RADIUS;
  Point *found = NULL;

  for (guint c = 0; c < N_SPEAKERS; c++)
    for (guint i = 0; i < self->points[c]->len; i++)
      {
        Point *p = &g_array_index (self->points[c], Point, i);
        double dx = x_for (self, p->t_ms, width) - x;
        double dy = y_for (p->compound, height) - y;

        if (dx * dx + dy * dy <= best)
          {
            best = dx * dx + dy * dy;
            found = p;
            if (channel != NULL)
              *channel = c;
          }
      }

  return found;
}

static gboolean
ac_sentiment_timeline_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard,
                                     GtkTooltip *tooltip)
{
  AcSentimentTimeline *self = AC_SENTIMENT_TIMELINE (widget);
  guint channel = 0;
  Point *p = nearest (self, x, y, &channel);
  g_autofree char *text = NULL;

  if (p == NULL)
    return FALSE;

  text = describe_point (p, channel);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_click (GtkGestureClick     *gesture,
          int                  n_press,
          double               x,
          double               y,
          AcSentimentTimeline *self)
{
  AcUtterance *u = ac_sentiment_timeline_pick (self, x, y);

  if (u != NULL)
    g_signal_emit (self, signals[UTTERANCE_ACTIVATED], 0, u);
}

static void
ac_sentiment_timeline_dispose (GObject *object)
{
  AcSentimentTimeline *self = AC_SENTIMENT_TIMELINE (object);

  g_clear_object (&self->transcript_signals);
  g_clear_object (&self->escalation_signals);
  g_clear_object (&self->transcript);
  g_clear_object (&self->escalations);

  G_OBJECT_CLASS (ac_sentiment_timeline_parent_class)->dispose (object);
}

static void
ac_sentiment_timeline_finalize (GObject *object)
{
  AcSentimentTimeline *self = AC_SENTIMENT_TIMELINE (object);

  for (guint c = 0; c < N_SPEAKERS; c++)
    g_array_unref (self->points[c]);

  G_OBJECT_CLASS (ac_sentiment_timeline_parent_class)->finalize (object);
}

static void
ac_sentiment_timeline_class_init (AcSentimentTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_sentiment_timeline_dispose;
  object_class->finalize = ac_sentiment_timeline_finalize;

  widget_class->snapshot = ac_sentiment_timeline_snapshot;
  widget_class->measure = ac_sentiment_timeline_measure;
  widget_class->query_tooltip = ac_sentiment_timeline_query_tooltip;

  /**
   * AcSentimentTimeline::utterance-activated:
   * @self: the timeline
   * @utterance: the utterance whose dot was clicked
   */
  signals[UTTERANCE_ACTIVATED] =
    g_signal_new ("utterance-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AC_TYPE_UTTERANCE);

  gtk_widget_class_set_css_name (widget_class, "sentimenttimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ac_sentiment_timeline_init (AcSentimentTimeline *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  for (guint c = 0; c < N_SPEAKERS; c++)
    {
      self->points[c] = g_array_new (FALSE, FALSE, sizeof (Point));
      g_array_set_clear_func (self->points[c], clear_point);
    }
  self->span_ms = MIN_SPAN_MS;

  self->transcript_signals = g_signal_group_new (AC_TYPE_TRANSCRIPT);
  g_signal_group_connect_data (self->transcript_signals, "items-changed", G_CALLBACK (on_transcript_changed),
                               self, NULL, G_CONNECT_SWAPPED);
  self->escalation_signals = g_signal_group_new (AC_TYPE_ESCALATIONS);
  g_signal_group_connect_data (self->escalation_signals, "items-changed", G_CALLBACK (on_items_changed), self,
                               NULL, G_CONNECT_SWAPPED);

  g_signal_connect (click, "released", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sentiment over the call"),
                                  -1);
  update_description (self);
}

/**
 * ac_sentiment_timeline_new:
 *
 * Returns: (transfer floating): an empty timeline
 */
GtkWidget *
ac_sentiment_timeline_new (void)
{
  return g_object_new (AC_TYPE_SENTIMENT_TIMELINE, NULL);
}

/**
 * ac_sentiment_timeline_set_transcript:
 * @self: a #AcSentimentTimeline
 * @transcript: (nullable): the transcript whose final utterances are drawn
 */
void
ac_sentiment_timeline_set_transcript (AcSentimentTimeline *self,
                                      AcTranscript        *transcript)
{
  g_return_if_fail (AC_IS_SENTIMENT_TIMELINE (self));
  g_return_if_fail (transcript == NULL || AC_IS_TRANSCRIPT (transcript));

  if (self->transcript == transcript)
    return;

  g_set_object (&self->transcript, transcript);
  g_signal_group_set_target (self->transcript_signals, transcript);

  on_items_changed (self);
}

/**
 * ac_sentiment_timeline_get_transcript:
 * @self: a #AcSentimentTimeline
 *
 * Returns: (transfer none) (nullable): the transcript drawn
 */
AcTranscript *
ac_sentiment_timeline_get_transcript (AcSentimentTimeline *self)
{
  g_return_val_if_fail (AC_IS_SENTIMENT_TIMELINE (self), NULL);

  return self->transcript;
}

/**
 * ac_sentiment_timeline_get_n_points:
 * @self: a #AcSentimentTimeline
 * @channel: 0 customer, 1 agent
 *
 * Returns: how many utterances of @channel are drawn
 */
guint
ac_sentiment_timeline_get_n_points (AcSentimentTimeline *self,
                                    guint                channel)
{
  g_return_val_if_fail (AC_IS_SENTIMENT_TIMELINE (self), 0);
  g_return_val_if_fail (channel < N_SPEAKERS, 0);

  return self->points[channel]->len;
}

/**
 * ac_sentiment_timeline_get_point:
 * @self: a #AcSentimentTimeline
 * @channel: 0 customer, 1 agent
 * @i: a point of @channel, below ac_sentiment_timeline_get_n_points()
 * @smoothed: (out) (optional): the line's value there, −1..1
 *
 * Returns: (transfer none): the utterance drawn as the @i-th point of
 *   @channel, in time order
 */
AcUtterance *
ac_sentiment_timeline_get_point (AcSentimentTimeline *self,
                                 guint                channel,
                                 guint                i,
                                 double              *smoothed)
{
  Point *p;

  g_return_val_if_fail (AC_IS_SENTIMENT_TIMELINE (self), NULL);
  g_return_val_if_fail (channel < N_SPEAKERS, NULL);
  g_return_val_if_fail (i < self->points[channel]->len, NULL);

  p = &g_array_index (self->points[channel], Point, i);
  if (smoothed != NULL)
    *smoothed = p->smoothed;
  return p->utterance;
}

/**
 * ac_sentiment_timeline_pick:
 * @self: a #AcSentimentTimeline
 * @x: a position in the widget, in pixels
 * @y: a position in the widget, in pixels
 *
 * Returns: (transfer none) (nullable): the utterance whose dot is nearest
 *   to (@x, @y), within 12 pixels
 */
AcUtterance *
ac_sentiment_timeline_pick (AcSentimentTimeline *self,
                            double               x,
                            double               y)
{
  Point *p;

  g_return_val_if_fail (AC_IS_SENTIMENT_TIMELINE (self), NULL);

  p = nearest (self, x, y, NULL);
  return p != NULL ? p->utterance : NULL;
}

/**
 * ac_sentiment_timeline_describe:
 * @self: a #AcSentimentTimeline
 *
 * The timeline in words, for screen readers: per speaker the number of
 * utterances, the average and the latest sentiment, and the escalations.
 *
 * Returns: (transfer full): the description
 */
char *
ac_sentiment_timeline_describe (AcSentimentTimeline *self)
{
  GString *text = g_string_new (NULL);
  guint escalations = 0;

  g_return_val_if_fail (AC_IS_SENTIMENT_TIMELINE (self), g_string_free (text, FALSE));

  for (guint c = 0; c < N_SPEAKERS; c++)
    {
      GArray *points = self->points[c];
      const char *who = c == 0 ? _("Customer") : _("Agent");
      double sum = 0;
      double remote_sum = 0;
      guint n_remote = 0;

      if (points->len == 0)
        {
          /* Translators: “Customer: nothing said yet.” */
          g_string_append_printf (text, _("%s: nothing said yet. "), who);
          continue;
        }

      for (guint i = 0; i < points->len; i++)
        {
          Point *p = &g_array_index (points, Point, i);

          sum += p->compound;
          escalations += p->escalation ? 1 : 0;
          if (p->has_remote)
            {
              remote_sum += p->remote;
              n_remote++;
            }
        }

      /* Translators: “Customer: 12 utterances, average −0.31, latest −0.62.” */
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %u utterance, average %+.2f, latest %+.2f. ",
                                           "%s: %u utterances, average %+.2f, latest %+.2f. ",
                                           points->len),
                              who, points->len, sum / points->len,
                              g_array_index (points, Point, points->len - 1).compound);
      if (n_remote > 0)
        /* Translators: after “Customer: 12 utterances, …”: “The contact
         * center scored 10 of them, average −0.44.” */
        g_string_append_printf (text,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "The contact center scored %u of them, average %+.2f. ",
                                             "The contact center scored %u of them, average %+.2f. ",
                                             n_remote),
                                n_remote, remote_sum / n_remote);
    }

  if (self->escalations != NULL)
    escalations = g_list_model_get_n_items (G_LIST_MODEL (self->escalations));

  if (escalations > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE, "%u escalation.",
                                         "%u escalations.", escalations),
                            escalations);

  return g_strstrip (g_string_free (text, FALSE));
}

/**
 * ac_sentiment_timeline_set_escalations:
 * @self: a #AcSentimentTimeline
 * @escalations: (nullable): the call's escalations, marked on the timeline
 */
void
ac_sentiment_timeline_set_escalations (AcSentimentTimeline *self,
                                       AcEscalations       *escalations)
{
  g_return_if_fail (AC_IS_SENTIMENT_TIMELINE (self));
  g_return_if_fail (escalations == NULL || AC_IS_ESCALATIONS (escalations));

  if (self->escalations == escalations)
    return;

  g_set_object (&self->escalations, escalations);
  g_signal_group_set_target (self->escalation_signals, escalations);

  on_items_changed (self);
}
