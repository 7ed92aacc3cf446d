/* test-transcript.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ac-test-utils.h"
#include "ac-transcript.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static AcUtterance *
utterance (guint       channel,
           gint64      start_ms,
           gint64      end_ms,
           const char *text,
           gboolean    is_final)
{
  return ac_utterance_new (channel, start_ms, end_ms, text, is_final ? 0.8 : 0.0, is_final);
}

static void
add (AcTranscript *transcript,
     AcUtterance  *u)
{
  ac_utterance_analyze (u, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, u);
  g_object_unref (u);
}

static const char *
text_at (AcTranscript *transcript,
         guint         position)
{
  g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (transcript), position);

  g_assert_nonnull (u);
  return ac_utterance_get_text (u);
}

static void
test_transcript_new (void)
{
  AcTranscript *transcript = ac_transcript_new ();

  g_assert_true (G_IS_LIST_MODEL (transcript));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (transcript)) == AC_TYPE_UTTERANCE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (transcript), 0));
  g_assert_cmpuint (ac_transcript_get_n_final (transcript), ==, 0);

  g_assert_finalize_object (transcript);
}

/* Partials grow in place, and the final takes their place. */
static void
test_transcript_partial_replaced_in_place (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint n_final_notified = 0;
  Change *c;

  g_signal_connect (transcript, "items-changed", G_CALLBACK (on_items_changed), changes);
  ac_test_count_notify (transcript, "n-final", &n_final_notified);

  add (transcript, utterance (0, 100, 400, "my card", FALSE));
  add (transcript, utterance (0, 100, 900, "my card was", FALSE));
  add (transcript, utterance (0, 100, 1500, "my card was stolen", TRUE));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 1);
  g_assert_cmpstr (text_at (transcript, 0), ==, "my card was stolen");
  g_assert_cmpuint (ac_transcript_get_n_final (transcript), ==, 1);

  /* The final is analysed as it joins; partials are not. */
  {
    g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (transcript), 0);
    AcSentiment *s = ac_utterance_get_sentiment (u);

    g_assert_nonnull (s);
    g_assert_cmpint (s->label, ==, AC_SENTIMENT_URGENT);
    g_assert_cmpint (s->intent, ==, AC_INTENT_FRAUD);
  }
  g_assert_cmpuint (n_final_notified, ==, 1);
  g_assert_cmpint (ac_transcript_get_duration_ms (transcript), ==, 1500);

  g_assert_cmpuint (changes->len, ==, 3);
  c = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (c->position, ==, 0);
  g_assert_cmpuint (c->removed, ==, 0);
  g_assert_cmpuint (c->added, ==, 1);
  for (guint i = 1; i < 3; i++)
    {
      c = &g_array_index (changes, Change, i);
      g_assert_cmpuint (c->position, ==, 0);
      g_assert_cmpuint (c->removed, ==, 1);
      g_assert_cmpuint (c->added, ==, 1);
    }

  /* The next partial of the channel is a new utterance. */
  add (transcript, utterance (0, 2000, 2300, "and", FALSE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 2);
  {
    g_autoptr(AcUtterance) partial = g_list_model_get_item (G_LIST_MODEL (transcript), 1);

    g_assert_null (ac_utterance_get_sentiment (partial));
  }
  g_assert_cmpstr (text_at (transcript, 0), ==, "my card was stolen");
}

/* Both speakers at once: each channel's partial is its own, and the
 * transcript stays ordered by start time even when a final starts earlier
 * than its partial did. */
static void
test_transcript_two_speakers_ordered (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();

  add (transcript, utterance (1, 0, 800, "hello", TRUE));
  add (transcript, utterance (0, 1200, 1500, "hi i", FALSE));
  add (transcript, utterance (1, 1300, 1600, "how", FALSE));
  add (transcript, utterance (0, 1200, 2500, "hi i need help", FALSE));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 3);
  g_assert_cmpstr (text_at (transcript, 1), ==, "hi i need help");
  g_assert_cmpstr (text_at (transcript, 2), ==, "how");

  /* The agent's final turns out to start before the customer's. */
  add (transcript, utterance (1, 1100, 2000, "how can i help", TRUE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 3);
  g_assert_cmpstr (text_at (transcript, 0), ==, "hello");
  g_assert_cmpstr (text_at (transcript, 1), ==, "how can i help");
  g_assert_cmpstr (text_at (transcript, 2), ==, "hi i need help");

  add (transcript, utterance (0, 1200, 2600, "hi i need help with my bill", TRUE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 3);
  g_assert_cmpstr (text_at (transcript, 2), ==, "hi i need help with my bill");
  g_assert_cmpuint (ac_transcript_get_n_final (transcript), ==, 3);

  /* Same start: the customer first. */
  add (transcript, utterance (1, 3000, 3500, "sure", TRUE));
  add (transcript, utterance (0, 3000, 3400, "thanks", TRUE));
  g_assert_cmpstr (text_at (transcript, 3), ==, "thanks");
  g_assert_cmpstr (text_at (transcript, 4), ==, "sure");

  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (transcript)); i++)
    {
      g_autoptr(AcUtterance) a = g_list_model_get_item (G_LIST_MODEL (transcript), i - 1);
      g_autoptr(AcUtterance) b = g_list_model_get_item (G_LIST_MODEL (transcript), i);

      g_assert_cmpint (ac_utterance_get_start_ms (a), <=, ac_utterance_get_start_ms (b));
    }
}

static void
test_transcript_ignores_bad_hypotheses (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();

  add (transcript, utterance (0, 0, 100, "", TRUE));
  add (transcript, utterance (7, 0, 100, "who", TRUE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 0);
}

static void
test_transcript_clear (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));

  add (transcript, utterance (0, 0, 500, "one", TRUE));
  add (transcript, utterance (1, 600, 900, "two", FALSE));
  g_signal_connect (transcript, "items-changed", G_CALLBACK (on_items_changed), changes);

  ac_transcript_clear (transcript);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 0);
  g_assert_cmpuint (ac_transcript_get_n_final (transcript), ==, 0);
  g_assert_cmpint (ac_transcript_get_duration_ms (transcript), ==, 0);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 2);

  /* The cleared partial is gone: a new partial does not replace it. */
  add (transcript, utterance (1, 0, 300, "new", FALSE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 1);
}

static void
test_transcript_to_text (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  g_autofree char *text = NULL;

  add (transcript, utterance (1, 500, 1000, "hello", TRUE));
  add (transcript, utterance (0, 61500, 63000, "my card was stolen", TRUE));
  add (transcript, utterance (1, 64000, 65000, "i am", FALSE));

  text = ac_transcript_to_text (transcript);
  g_assert_cmpstr (text, ==,
                   "[0:00] Agent: hello\n"
                   "[1:01] Customer: my card was stolen\n");
}

static void
test_transcript_to_enhanced_json (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 21, 10, 30, 0);
  JsonObject *o, *p, *s, *first, *second;
  JsonArray *flow;
  g_autoptr(AcUtterance) heard_there = utterance (1, 500, 3200, "hello this is mike", TRUE);
  g_autoptr(AcUtterance) heard_here = utterance (0, 4000, 5000, "hi", TRUE);

  /* The service heard the first; this computer the second. */
  ac_utterance_set_engine (heard_there, "deepgram", "nova-3");
  ac_utterance_set_engine (heard_here, "pocketsphinx", "en-us");
  add (transcript, g_object_ref (heard_there));
  add (transcript, g_object_ref (heard_here));
  add (transcript, utterance (0, 6000, 7000, "still talking", FALSE));

  root = ac_transcript_to_enhanced_json (transcript, "GT1", date, 180000);
  o = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (o, "transcript_sid"), ==, "GT1");
  g_assert_cmpstr (json_object_get_string_member (o, "call_date"), ==, "2026-11-21T10:30:00Z");
  g_assert_cmpfloat (json_object_get_double_member (o, "duration"), ==, 180.0);
  g_assert_cmpstr (json_object_get_string_member (o, "full_text"), ==, "hello this is mike hi");

  flow = json_object_get_array_member (o, "conversation_flow");
  g_assert_cmpuint (json_array_get_length (flow), ==, 2);
  first = json_array_get_object_element (flow, 0);
  g_assert_cmpint (json_object_get_int_member (first, "sequence"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (first, "speaker"),
                                               "channel"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "speaker"),
                                                  "role"), ==, "agent");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "start_time"), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "end_time"), 3.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "duration"), 2.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "confidence"), 0.8, 1e-9);
  g_assert_cmpint (json_object_get_int_member (first, "word_count"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (first, "engine"), ==, "deepgram");
  g_assert_cmpstr (json_object_get_string_member (first, "model"), ==, "nova-3");
  second = json_array_get_object_element (flow, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "engine"), ==, "pocketsphinx");
  g_assert_cmpstr (json_object_get_string_member (second, "model"), ==, "en-us");

  p = json_object_get_object_member (o, "participant_info");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (p, "0"), "role"),
                   ==, "customer");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (p, "1"), "word_count"),
                   ==, 4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (p, "0"),
                                                                 "total_speaking_time"), 1.0, 1e-9);

  s = json_object_get_object_member (o, "summary_data");
  g_assert_cmpint (json_object_get_int_member (s, "total_sentences"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (s, "total_words"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (s, "participant_count"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (s, "average_confidence"), 0.8, 1e-9);
}

/* Call-level figures: mean, quarters, trend. */
static void
test_transcript_sentiment_summary (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  AcSentimentSummary s;

  ac_transcript_get_sentiment_summary (transcript, 0, &s);
  g_assert_cmpuint (s.n, ==, 0);
  g_assert_cmpfloat (s.mean, ==, 0);

  /* A call of 100 s: the customer happy early, unhappy late. */
  for (guint i = 0; i < 5; i++)
    add (transcript, utterance (0, i * 4000, i * 4000 + 2000, "thank you that is great", TRUE));
  for (guint i = 0; i < 5; i++)
    add (transcript, utterance (0, 80000 + i * 4000, 80000 + i * 4000 + 2000, "this is terrible and useless", TRUE));
  add (transcript, utterance (1, 50000, 52000, "let me check", TRUE));

  ac_transcript_get_sentiment_summary (transcript, 0, &s);
  g_assert_cmpuint (s.n, ==, 10);
  g_assert_cmpuint (s.quarter_counts[0], ==, 5);
  g_assert_cmpuint (s.quarter_counts[1] + s.quarter_counts[2], ==, 0);
  g_assert_cmpuint (s.quarter_counts[3], ==, 5);
  g_assert_cmpfloat (s.quarters[0], >, 0.5);
  g_assert_cmpfloat (s.quarters[3], <, -0.5);
  g_assert_cmpfloat_with_epsilon (s.mean, (s.quarters[0] + s.quarters[3]) / 2, 1e-9);
  /* The last five against the five before: sharply cooling. */
  g_assert_cmpfloat_with_epsilon (s.trend, s.quarters[3] - s.quarters[0], 1e-9);

  ac_transcript_get_sentiment_summary (transcript, 1, &s);
  g_assert_cmpuint (s.n, ==, 1);
  g_assert_cmpfloat (s.trend, ==, 0);
}

/* The window keeps a whole shift's call: adding stays cheap at the end. */
static void
test_transcript_many (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();

  for (guint i = 0; i < 10000; i++)
    {
      add (transcript, utterance (i % 2, i * 1000, i * 1000 + 400, "partial", FALSE));
      add (transcript, utterance (i % 2, i * 1000, i * 1000 + 900, "final words", TRUE));
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 10000);
  g_assert_cmpuint (ac_transcript_get_n_final (transcript), ==, 10000);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/transcript/new", test_transcript_new);
  g_test_add_func ("/transcript/partial-replaced-in-place", test_transcript_partial_replaced_in_place);
  g_test_add_func ("/transcript/two-speakers-ordered", test_transcript_two_speakers_ordered);
  g_test_add_func ("/transcript/ignores-bad-hypotheses", test_transcript_ignores_bad_hypotheses);
  g_test_add_func ("/transcript/clear", test_transcript_clear);
  g_test_add_func ("/transcript/to-text", test_transcript_to_text);
  g_test_add_func ("/transcript/to-enhanced-json", test_transcript_to_enhanced_json);
  g_test_add_func ("/transcript/sentiment-summary", test_transcript_sentiment_summary);
  g_test_add_func ("/transcript/many", test_transcript_many);

  return g_test_run ();
}
