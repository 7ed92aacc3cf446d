/* bench-assist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Does agent assist keep up with a big knowledge base and a long call?
 *   - suggestions: from a final customer utterance to the three articles
 *     (the query made of the last three utterances, the store's search on
 *     its worker thread, the answer back on the main loop), with 10,000
 *     articles against 100, the same 200 utterances each time;
 *   - the call's summary on this computer for a 30-minute call (900
 *     utterances) against a 1-minute one.
 * The articles are made up: six passages of 40 words each, a quarter from
 * a contact-center vocabulary and the rest from 3,000 other words drawn as
 * natural text draws them (Zipf: the n-th word about 1/n as often), so a
 * query's words match as many passages as in a real knowledge base of
 * that size rather than nearly all.  Prints one line of JSON.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>

#include "ac-call-summary.h"
#include "ac-knowledge.h"
#include "ac-store.h"
#include "ac-types.h"

#define N_SAID 200

static const char *words[] = {
  "card", "payment", "refund", "account", "password", "login", "delivery", "parcel", "order", "charge", "fee",
  "balance", "transfer", "loan", "mortgage", "address", "phone", "email", "statement", "subscription", "cancel",
  "block", "replace", "fraud", "dispute", "limit", "overdraft", "interest", "branch", "app", "code", "verify",
  "identity", "document", "upgrade", "plan", "contract", "invoice", "discount", "voucher", "courier", "tracking",
  "return", "exchange", "warranty", "repair", "engineer", "appointment", "outage", "network", "router", "signal",
  "the", "customer", "agent", "within", "days", "working", "team", "profile", "select", "choose", "open", "send",
};

static const char *said[] = {
  "i lost my card yesterday and i need a new one",
  "there is a payment on my statement i do not recognise",
  "you charged me a fee twice this month",
  "my parcel never arrived and the tracking says delivered",
  "i forgot my password and the code does not come",
  "i want to cancel my subscription today",
  "the engineer did not come to the appointment",
  "can i get a discount if i upgrade my plan",
};

static void
keep (GObject      *object,
      GAsyncResult *result,
      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait (GAsyncResult **slot)
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
make_articles (const char *folder,
               guint       n,
               GRand      *rand)
{
  g_mkdir_with_parents (folder, 0700);
  for (guint a = 0; a < n; a++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("%s/article-%05u.md", folder, a);

      g_string_append_printf (text, "# %s and %s\n\n", words[g_rand_int_range (rand, 0, 52)],
                              words[g_rand_int_range (rand, 0, 52)]);
      for (guint p = 0; p < 6; p++)
        {
          g_string_append_printf (text, "## %s\n", words[g_rand_int_range (rand, 0, 52)]);
          for (guint w = 0; w < 40; w++)
            if (g_rand_int_range (rand, 0, 4) == 0)
              g_string_append_printf (text, "%s ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
            else
              {
                /* Zipf over 3,000 words: inverse of the cumulative 1/n */
                double u = g_rand_double (rand);
                guint rank = (guint) exp (u * log (3000.0));

                g_string_append_printf (text, "w%u ", rank);
              }
          g_string_append (text, ".\n\n");
        }
      g_file_set_contents (name, text->str, text->len, NULL);
    }
}

/* Median and 95th percentile of the suggestions' time, in ms. */
static void
measure_suggestions (guint   n_articles,
                     double *median,
                     double *p95)
{
  g_autofree char *dir = g_dir_make_tmp ("ac-bench-assist-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "kb", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) kb = g_file_new_for_path (folder);
  g_autoptr(AcStore) store = ac_store_new (file);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(AcKnowledgeImport) counts = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  make_articles (folder, n_articles, rand);
  ac_store_open_async (store, NULL, keep, &opened);
  g_assert (ac_store_open_finish (store, wait (&opened), &error));
  ac_store_import_knowledge_async (store, kb, NULL, keep, &imported);
  counts = ac_store_import_knowledge_finish (store, wait (&imported), &error);
  g_assert (counts != NULL && counts->added == n_articles);

  for (guint i = 0; i < N_SAID; i++)
    {
      const char *window[] = { said[i % G_N_ELEMENTS (said)], said[(i + 1) % G_N_ELEMENTS (said)],
                               said[(i + 2) % G_N_ELEMENTS (said)], NULL };
      g_autoptr(GAsyncResult) found = NULL;
      g_autoptr(GPtrArray) suggestions = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autofree char *query = ac_knowledge_query (window);
      double ms;

      ac_store_suggest_async (store, query, 3, NULL, keep, &found);
      suggestions = ac_store_suggest_finish (store, wait (&found), &error);
      g_assert (suggestions != NULL);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  *median = g_array_index (times, double, N_SAID / 2);
  *p95 = g_array_index (times, double, N_SAID * 95 / 100);
  ac_store_close (store);
}

/* The summary of a call of @n utterances, in ms (median of 5). */
static double
measure_summary (guint n)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  double runs[5];

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcUtterance) utterance = ac_utterance_new (i % 2 == 0 ? AC_AUDIO_CHANNEL_CUSTOMER : AC_AUDIO_CHANNEL_AGENT,
                                                           i * 2000, i * 2000 + 1800,
                                                           i % 2 == 0 ? said[i % G_N_ELEMENTS (said)]
                                                                      : "i'll send you a new card and you'll get it in three days",
                                                           0.9, TRUE);

      ac_utterance_analyze (utterance, AC_SENTIMENT_MODEL_CONTACT_CENTER);
      ac_transcript_add (transcript, utterance);
    }
  for (guint r = 0; r < 5; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(AcCallSummary) summary = ac_call_summary_new (transcript, 0);

      runs[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert (summary != NULL);
    }
  qsort (runs, 5, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  return runs[2];
}

int
main (int   argc,
      char *argv[])
{
  double small_median, small_p95, large_median, large_p95;
  double short_call, long_call;

  measure_suggestions (100, &small_median, &small_p95);
  measure_suggestions (10000, &large_median, &large_p95);
  short_call = measure_summary (30);
  long_call = measure_summary (900);
  printf ("{\"suggest_100_median_ms\": %.2f, \"suggest_100_p95_ms\": %.2f, "
          "\"suggest_10000_median_ms\": %.2f, \"suggest_10000_p95_ms\": %.2f, "
          "\"summary_1min_ms\": %.2f, \"summary_30min_ms\": %.2f}\n",
          small_median, small_p95, large_median, large_p95, short_call, long_call);
  return 0;
}
