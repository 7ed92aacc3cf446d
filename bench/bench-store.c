/* bench-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local store as the app uses it, timed from the main thread: each
 * operation goes through AcStore's worker thread and back, as a search in
 * the window or an utterance during a call does.  Prints one line of JSON
 * with the mean, median and 95th percentile in ms.
 *
 * Usage: bench-store DB search < QUERIES     one search per line
 *        bench-store DB commit N              N utterances of one call
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ac-store.h"

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *times_ms,
        guint       found)
{
  double median, p95, sum = 0;

  for (guint i = 0; i < times_ms->len; i++)
    sum += g_array_index (times_ms, double, i);
  g_array_sort (times_ms, compare_doubles);
  median = g_array_index (times_ms, double, times_ms->len / 2);
  p95 = g_array_index (times_ms, double, MIN (times_ms->len - 1, times_ms->len * 95 / 100));
  printf ("{\"what\": \"%s\", \"n\": %u, \"found\": %u, \"mean_ms\": %.4f, \"median_ms\": %.4f, "
          "\"p95_ms\": %.4f}\n", what, times_ms->len, found, sum / times_ms->len, median, p95);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AcStore) store = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint found = 0;

  if (argc < 3)
    {
      g_printerr ("usage: bench-store DB search < QUERIES | bench-store DB commit N\n");
      return 1;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  store = ac_store_new (file);
  ac_store_open_async (store, NULL, on_done, &opened);
  if (!ac_store_open_finish (store, wait_result (&opened), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_str_equal (argv[2], "search"))
    {
      char line[512];

      while (fgets (line, sizeof line, stdin) != NULL)
        {
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(GListModel) customers = NULL;
          gint64 start;
          double ms;

          g_strchomp (line);
          if (line[0] == '\0')
            continue;

          start = g_get_monotonic_time ();
          ac_store_search_customers_async (store, line, 10, NULL, on_done, &result);
          customers = ac_store_search_customers_finish (store, wait_result (&result), &error);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          if (customers == NULL)
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          found += g_list_model_get_n_items (customers) > 0;
          g_array_append_val (times, ms);
        }
      report ("search", times, found);
    }
  else if (g_str_equal (argv[2], "commit") && argc > 3)
    {
      guint n = (guint) atoi (argv[3]);
      g_autofree char *id = ac_store_new_id ();
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GAsyncResult) begun = NULL;

      ac_store_begin_conversation_async (store, id, NULL, NULL, now, NULL, on_done, &begun);
      if (!ac_store_begin_conversation_finish (store, wait_result (&begun), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* Each final utterance with its analysis, as the window stores it. */
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *text = g_strdup_printf ("utterance %u i have been waiting for my refund for two weeks", i);
          g_autoptr(AcUtterance) u = ac_utterance_new (i % 2, i * 3000, i * 3000 + 2500, text, 0.8, TRUE);
          g_autoptr(AcSentiment) s = ac_sentiment_analyze (AC_SENTIMENT_MODEL_CONTACT_CENTER, text);
          g_autoptr(GAsyncResult) result = NULL;
          gint64 start;
          double ms;

          ac_utterance_set_sentiment (u, s);
          start = g_get_monotonic_time ();
          ac_store_add_message_async (store, id, u, NULL, on_done, &result);
          if (!ac_store_add_message_finish (store, wait_result (&result), &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (times, ms);
          found++;
        }
      report ("commit", times, found);
    }
  else
    {
      g_printerr ("unknown mode %s\n", argv[2]);
      return 1;
    }

  ac_store_close (store);
  return 0;
}
