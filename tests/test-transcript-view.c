/* test-transcript-view.c
 *
 * The transcript view in a real window under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-test-utils.h"
#include "ac-transcript-row.h"
#include "ac-transcript-view.h"

typedef struct
{
  GtkWindow        *window;
  AcTranscriptView *view;
  AcTranscript     *transcript;
} Fixture;

static gboolean
widget_is_mapped (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->transcript = ac_transcript_new ();
  fixture->view = AC_TRANSCRIPT_VIEW (ac_transcript_view_new ());
  ac_transcript_view_set_transcript (fixture->view, fixture->transcript);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 600, 400);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  ac_test_wait_for (widget_is_mapped, fixture->view, 5000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->transcript);
}

static void
add (AcTranscript *transcript,
     guint         channel,
     gint64        start_ms,
     const char   *text,
     gboolean      is_final)
{
  g_autoptr(AcUtterance) u = ac_utterance_new (channel, start_ms, start_ms + 900, text,
                                               is_final ? 0.9 : 0.0, is_final);

  ac_utterance_analyze (u, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, u);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (AC_IS_TRANSCRIPT_ROW (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static GPtrArray *
shown_rows (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (fixture->view), rows);
  return rows;
}

static GtkWidget *
row_for (Fixture    *fixture,
         const char *text)
{
  g_autoptr(GPtrArray) rows = shown_rows (fixture);

  for (guint i = 0; i < rows->len; i++)
    {
      AcUtterance *u = ac_transcript_row_get_utterance (rows->pdata[i]);

      if (u != NULL && g_str_equal (ac_utterance_get_text (u), text))
        return rows->pdata[i];
    }

  return NULL;
}

static gboolean
row_shown (gpointer *args)
{
  return row_for (args[0], args[1]) != NULL;
}

static void
wait_for_row (Fixture    *fixture,
              const char *text)
{
  gpointer args[] = { fixture, (gpointer) text };

  ac_test_wait_for (row_shown, args, 5000);
}

static const char *
label_text (GtkWidget  *row,
            const char *css_class)
{
  for (GtkWidget *w = gtk_widget_get_first_child (row); w != NULL; )
    {
      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, css_class))
        return gtk_label_get_label (GTK_LABEL (w));

      /* Depth first through the row's few widgets. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != row && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == row ? NULL : gtk_widget_get_next_sibling (w);
        }
    }

  return NULL;
}

/* Each speaker's row says who and when; a partial looks provisional until
 * its final replaces it. */
static void
test_view_rows (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *row;

  add (fixture->transcript, 1, 500, "thank you for calling", TRUE);
  add (fixture->transcript, 0, 62000, "my card was", FALSE);
  wait_for_row (fixture, "my card was");

  row = row_for (fixture, "thank you for calling");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "agent"));
  g_assert_false (gtk_widget_has_css_class (row, "partial"));
  g_assert_cmpstr (label_text (row, "speaker"), ==, "Agent");
  g_assert_cmpstr (label_text (row, "time"), ==, "0:00");

  row = row_for (fixture, "my card was");
  g_assert_true (gtk_widget_has_css_class (row, "customer"));
  g_assert_true (gtk_widget_has_css_class (row, "partial"));
  g_assert_cmpstr (label_text (row, "speaker"), ==, "Customer");
  g_assert_cmpstr (label_text (row, "time"), ==, "1:02");
  g_assert_cmpstr (label_text (row, "words"), ==, "my card was…");

  add (fixture->transcript, 0, 62000, "my card was stolen", TRUE);
  wait_for_row (fixture, "my card was stolen");
  row = row_for (fixture, "my card was stolen");
  g_assert_false (gtk_widget_has_css_class (row, "partial"));
  g_assert_cmpstr (label_text (row, "words"), ==, "my card was stolen");
  g_assert_null (row_for (fixture, "my card was"));

  /* Its sentiment, in a word beside an icon and a colour. */
  g_assert_true (gtk_widget_has_css_class (row, "mood-urgent"));
  g_assert_cmpstr (label_text (row, "caption"), ==, "Urgent");

  /* Neutral words are left unmarked. */
  row = row_for (fixture, "thank you for calling");
  g_assert_false (gtk_widget_has_css_class (row, "mood-urgent"));
}

static gboolean
at_bottom (Fixture *fixture)
{
  GtkScrolledWindow *scroller =
    GTK_SCROLLED_WINDOW (ac_test_find_widget_of_type (GTK_WIDGET (fixture->view),
                                                      GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

  return gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj) &&
         gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 1.0;
}

static gboolean
jump_button_shown (Fixture *fixture)
{
  GtkRevealer *revealer =
    GTK_REVEALER (ac_test_find_widget_of_type (GTK_WIDGET (fixture->view), GTK_TYPE_REVEALER));

  return gtk_revealer_get_reveal_child (revealer);
}

static gboolean
last_row_shown (Fixture *fixture)
{
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->transcript));

  text = g_strdup_printf ("utterance %u", n - 1);
  return row_for (fixture, text) != NULL && at_bottom (fixture);
}

/* The view follows the conversation, stops when the agent scrolls up to
 * read, and Jump to Live brings it back — with 10,000 utterances. */
static void
test_view_follows_live (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkScrolledWindow *scroller =
    GTK_SCROLLED_WINDOW (ac_test_find_widget_of_type (GTK_WIDGET (fixture->view),
                                                      GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
  guint n = 0;

  g_assert_true (ac_transcript_view_get_following (fixture->view));
  g_assert_false (jump_button_shown (fixture));

  for (; n < 10000; n++)
    {
      g_autofree char *text = g_strdup_printf ("utterance %u", n);

      add (fixture->transcript, n % 2, n * 1000, text, TRUE);
    }

  ac_test_wait_for (last_row_shown, fixture, 10000);
  g_assert_true (ac_transcript_view_get_following (fixture->view));

  /* The agent scrolls up to read back. */
  gtk_adjustment_set_value (adj, 0.0);
  g_assert_false (ac_transcript_view_get_following (fixture->view));
  g_assert_true (jump_button_shown (fixture));
  wait_for_row (fixture, "utterance 0");

  /* New words do not pull the view away from what the agent reads. */
  add (fixture->transcript, 0, 10000 * 1000, "utterance 10000", TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0.0);
  g_assert_false (ac_transcript_view_get_following (fixture->view));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "transcript.jump-to-live", NULL));
  g_assert_true (ac_transcript_view_get_following (fixture->view));
  ac_test_wait_for (last_row_shown, fixture, 10000);
  g_assert_false (jump_button_shown (fixture));

  /* Following again: the next utterance is brought into view. */
  add (fixture->transcript, 1, 10001 * 1000, "utterance 10001", TRUE);
  ac_test_wait_for (last_row_shown, fixture, 10000);
}

/* A click on the sentiment timeline brings its utterance into view. */
static void
test_view_scroll_to (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AcUtterance) target = NULL;

  for (guint n = 0; n < 2000; n++)
    {
      g_autofree char *text = g_strdup_printf ("utterance %u", n);

      add (fixture->transcript, n % 2, n * 1000, text, TRUE);
    }
  ac_test_wait_for (last_row_shown, fixture, 10000);

  target = g_list_model_get_item (G_LIST_MODEL (fixture->transcript), 25);
  ac_transcript_view_scroll_to (fixture->view, target);
  g_assert_false (ac_transcript_view_get_following (fixture->view));
  wait_for_row (fixture, "utterance 25");
  g_assert_true (jump_button_shown (fixture));
}

static void
test_view_clear (Fixture       *fixture,
                 gconstpointer  data)
{
  add (fixture->transcript, 0, 0, "hello", TRUE);
  wait_for_row (fixture, "hello");
  ac_transcript_clear (fixture->transcript);
  g_assert_true (ac_transcript_view_get_following (fixture->view));
  g_assert_false (jump_button_shown (fixture));
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init_gtk (&argc, &argv);

  g_test_add ("/transcript-view/rows", Fixture, NULL, fixture_set_up, test_view_rows, fixture_tear_down);
  g_test_add ("/transcript-view/follows-live", Fixture, NULL,
              fixture_set_up, test_view_follows_live, fixture_tear_down);
  g_test_add ("/transcript-view/scroll-to", Fixture, NULL, fixture_set_up, test_view_scroll_to,
              fixture_tear_down);
  g_test_add ("/transcript-view/clear", Fixture, NULL, fixture_set_up, test_view_clear, fixture_tear_down);

  return g_test_run ();
}
