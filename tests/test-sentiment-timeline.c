/* test-sentiment-timeline.c
 *
 * The sentiment timeline in a real window under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-sentiment-timeline.h"
#include "ac-test-utils.h"

#define WIDTH 616   /* 600 px of plot between 8 px of padding each side */
#define HEIGHT 126  /* 100 px of plot between 6 px of padding, 14 px of time axis */

typedef struct
{
  GtkWindow           *window;
  AcSentimentTimeline *timeline;
  AcTranscript        *transcript;
} Fixture;

static gboolean
widget_is_mapped (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
widget_is_allocated (GtkWidget *widget)
{
  return gtk_widget_get_width (widget) > 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->transcript = ac_transcript_new ();
  fixture->timeline = AC_SENTIMENT_TIMELINE (ac_sentiment_timeline_new ());
  ac_sentiment_timeline_set_transcript (fixture->timeline, fixture->transcript);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->timeline), WIDTH, HEIGHT);
  gtk_widget_set_halign (GTK_WIDGET (fixture->timeline), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (fixture->timeline), GTK_ALIGN_START);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->timeline));
  gtk_window_present (fixture->window);
  ac_test_wait_for (widget_is_mapped, fixture->timeline, 5000);
  ac_test_wait_for (widget_is_allocated, fixture->timeline, 5000);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->timeline)), ==, WIDTH);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->timeline)), ==, HEIGHT);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->transcript);
}

static AcUtterance *
add (AcTranscript *transcript,
     guint         channel,
     gint64        start_ms,
     const char   *text,
     gboolean      is_final)
{
  g_autoptr(AcUtterance) u = ac_utterance_new (channel, start_ms, start_ms + 2000, text, 0.9, is_final);

  ac_utterance_analyze (u, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, u);
  return u;
}

static void
test_timeline_points (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *empty = ac_sentiment_timeline_describe (fixture->timeline);
  g_autofree char *text = NULL;

  g_assert_nonnull (strstr (empty, "Customer: nothing said yet"));

  add (fixture->transcript, 1, 0, "thank you for calling how can i help", TRUE);
  add (fixture->transcript, 0, 3000, "my card was", FALSE);
  g_assert_cmpuint (ac_sentiment_timeline_get_n_points (fixture->timeline, 0), ==, 0);
  add (fixture->transcript, 0, 3000, "my card was stolen and someone is using it", TRUE);
  add (fixture->transcript, 0, 8000, "i am furious this is the third time i have called", TRUE);

  /* Finals only, per speaker. */
  g_assert_cmpuint (ac_sentiment_timeline_get_n_points (fixture->timeline, 0), ==, 2);
  g_assert_cmpuint (ac_sentiment_timeline_get_n_points (fixture->timeline, 1), ==, 1);

  text = ac_sentiment_timeline_describe (fixture->timeline);
  g_assert_nonnull (strstr (text, "Customer: 2 utterances"));
  g_assert_nonnull (strstr (text, "Agent: 1 utterance"));
  g_assert_nonnull (strstr (text, "escalation"));

  /* The contact center's own score, when it comes, is described too. */
  g_assert_null (strstr (text, "contact center"));
  {
    g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (fixture->transcript), 2);

    g_assert_true (ac_utterance_get_is_final (u) && ac_utterance_get_channel (u) == 0);
    ac_utterance_set_remote_sentiment (u, "negative", -0.8);
    g_assert_cmpstr (ac_utterance_get_remote_label (u), ==, "negative");
  }
  {
    g_autofree char *scored = ac_sentiment_timeline_describe (fixture->timeline);

    g_assert_nonnull (strstr (scored, "The contact center scored 1 of them, average -0.80"));
  }

  ac_transcript_clear (fixture->transcript);
  g_assert_cmpuint (ac_sentiment_timeline_get_n_points (fixture->timeline, 0), ==, 0);
}

/* Live, only the transcript's end changes, and only it is read again: the
 * points must be those of a timeline that reads the whole transcript,
 * through partials replaced in place, finals of the other speaker between
 * them, and a final that lands before another speaker's partial. */
static void
test_timeline_follows_live (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(AcSentimentTimeline) fresh = NULL;
  static const struct { guint channel; gint64 start_ms; const char *text; gboolean is_final; } said[] = {
    { 1, 0, "thank you for calling", FALSE },
    { 0, 500, "hello", FALSE },
    { 1, 0, "thank you for calling how can i help", TRUE },
    { 0, 500, "hello my card", FALSE },
    { 1, 4000, "i see", FALSE },
    { 0, 500, "hello my card was stolen", TRUE },
    { 0, 6000, "and i am", FALSE },
    { 1, 4000, "i see that is awful i will block it now", TRUE },
    { 0, 6000, "and i am furious about it", TRUE },
    { 0, 9000, "thank you", TRUE },
    { 1, 9500, "you are welcome", TRUE },
  };

  for (guint k = 0; k < G_N_ELEMENTS (said); k++)
    {
      add (fixture->transcript, said[k].channel, said[k].start_ms, said[k].text, said[k].is_final);

      g_clear_object (&fresh);
      fresh = g_object_ref_sink (AC_SENTIMENT_TIMELINE (ac_sentiment_timeline_new ()));
      ac_sentiment_timeline_set_transcript (fresh, fixture->transcript);
      for (guint c = 0; c < 2; c++)
        {
          g_assert_cmpuint (ac_sentiment_timeline_get_n_points (fixture->timeline, c), ==,
                            ac_sentiment_timeline_get_n_points (fresh, c));
          for (guint i = 0; i < ac_sentiment_timeline_get_n_points (fresh, c); i++)
            {
              double live_line, fresh_line;

              g_assert_true (ac_sentiment_timeline_get_point (fixture->timeline, c, i, &live_line) ==
                             ac_sentiment_timeline_get_point (fresh, c, i, &fresh_line));
              g_assert_cmpfloat_with_epsilon (live_line, fresh_line, 1e-9);
            }
        }
    }
  g_assert_cmpuint (ac_sentiment_timeline_get_n_points (fixture->timeline, 0), ==, 3);
  g_assert_cmpuint (ac_sentiment_timeline_get_n_points (fixture->timeline, 1), ==, 3);
}

/* Where a point is drawn: x by time over a minute, y by compound. */
static void
point_position (AcUtterance *u,
                double      *x,
                double      *y)
{
  double t = (ac_utterance_get_start_ms (u) + ac_utterance_get_end_ms (u)) / 2.0;
  double compound = ac_utterance_get_sentiment (u)->scores.compound;

  *x = 8 + 600 * t / 60000.0;
  *y = 6 + 100 * (1 - (compound + 1) / 2);
}

static void
on_activated (AcSentimentTimeline  *timeline,
              AcUtterance          *u,
              AcUtterance         **activated)
{
  *activated = u;
}

static void
test_timeline_pick_and_activate (Fixture       *fixture,
                                 gconstpointer  data)
{
  AcUtterance *angry = add (fixture->transcript, 0, 20000, "this is ridiculous i have been on hold for an hour", TRUE);
  AcUtterance *happy = add (fixture->transcript, 1, 40000, "great news your refund has gone through", TRUE);
  AcUtterance *activated = NULL;
  GtkWidget *widget = GTK_WIDGET (fixture->timeline);
  double x, y;

  point_position (angry, &x, &y);
  g_assert_true (ac_sentiment_timeline_pick (fixture->timeline, x + 3, y - 3) == angry);
  point_position (happy, &x, &y);
  g_assert_true (ac_sentiment_timeline_pick (fixture->timeline, x, y) == happy);
  /* Nothing near: no utterance. */
  g_assert_null (ac_sentiment_timeline_pick (fixture->timeline, 8 + 600 * 0.1, 6));

  /* A click on a dot activates its utterance. */
  g_signal_connect (fixture->timeline, "utterance-activated", G_CALLBACK (on_activated), &activated);
  point_position (angry, &x, &y);
  {
    GtkEventController *click = NULL;
    GListModel *controllers = gtk_widget_observe_controllers (widget);

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (c))
          click = c;
      }
    g_object_unref (controllers);
    g_assert_nonnull (click);
    g_signal_emit_by_name (click, "released", 1, x, y);
  }
  g_assert_true (activated == angry);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init_gtk (&argc, &argv);

  g_test_add ("/sentiment-timeline/points", Fixture, NULL, fixture_set_up, test_timeline_points,
              fixture_tear_down);
  g_test_add ("/sentiment-timeline/follows-live", Fixture, NULL, fixture_set_up, test_timeline_follows_live,
              fixture_tear_down);
  g_test_add ("/sentiment-timeline/pick-and-activate", Fixture, NULL, fixture_set_up,
              test_timeline_pick_and_activate, fixture_tear_down);

  return g_test_run ();
}
