/* bench-transcript-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Is the transcript as smooth with 10,000 utterances as with 10, and the
 * sentiment timeline with a two-hour call (3,600 utterances) as with 10?
 * The real widgets in a window (run it under build-aux/headless): for each
 * size, 100 more utterances are added one at a time, as a call would, and
 * the time from adding one to the frame that shows it is measured.
 * Prints one line of JSON with the median and 95th percentile of each.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "ac-sentiment-timeline.h"
#include "ac-transcript-view.h"

#define N_TIMED 100

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
add (AcTranscript *transcript,
     guint         i)
{
  static const char *lines[] = {
    "hi i've been on hold for forty minutes and nobody has helped me",
    "i'm sorry about the wait let me look at your account",
    "my card was charged twice for the same order",
    "i can see both charges and i will refund one of them today",
  };
  g_autoptr(AcUtterance) u = ac_utterance_new (i % 2, i * 2000, i * 2000 + 1500,
                                               lines[i % G_N_ELEMENTS (lines)], 0.8, TRUE);

  ac_utterance_analyze (u, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, u);
}

/* Adds N_TIMED utterances after @base ones; returns the frame times in ms. */
static GArray *
measure (guint    base,
         gboolean timeline)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = timeline ? ac_sentiment_timeline_new () : ac_transcript_view_new ();
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  GdkFrameClock *clock;

  for (guint i = 0; i < base; i++)
    add (transcript, i);

  if (timeline)
    ac_sentiment_timeline_set_transcript (AC_SENTIMENT_TIMELINE (view), transcript);
  else
    ac_transcript_view_set_transcript (AC_TRANSCRIPT_VIEW (view), transcript);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  while (!gtk_widget_get_mapped (view))
    g_main_context_iteration (NULL, TRUE);
  /* Let the first layouts settle. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  clock = gtk_widget_get_frame_clock (view);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  for (guint i = 0; i < N_TIMED; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      painted = FALSE;
      add (transcript, base + i);
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_array_sort (times, compare_doubles);

  return times;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) small = NULL;
  g_autoptr(GArray) large = NULL;
  g_autoptr(GArray) short_call = NULL;
  g_autoptr(GArray) long_call = NULL;

  gtk_init ();
  adw_init ();

  small = measure (10, FALSE);
  large = measure (10000, FALSE);
  /* A two-hour call: an utterance every two seconds. */
  short_call = measure (10, TRUE);
  long_call = measure (3600, TRUE);

  printf ("{\"small_median_ms\": %.2f, \"small_p95_ms\": %.2f, "
          "\"large_median_ms\": %.2f, \"large_p95_ms\": %.2f, "
          "\"timeline_short_median_ms\": %.2f, \"timeline_short_p95_ms\": %.2f, "
          "\"timeline_long_median_ms\": %.2f, \"timeline_long_p95_ms\": %.2f}\n",
          g_array_index (small, double, N_TIMED / 2),
          g_array_index (small, double, N_TIMED * 95 / 100),
          g_array_index (large, double, N_TIMED / 2),
          g_array_index (large, double, N_TIMED * 95 / 100),
          g_array_index (short_call, double, N_TIMED / 2),
          g_array_index (short_call, double, N_TIMED * 95 / 100),
          g_array_index (long_call, double, N_TIMED / 2),
          g_array_index (long_call, double, N_TIMED * 95 / 100));

  return 0;
}
