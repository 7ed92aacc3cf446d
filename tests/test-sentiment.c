/* test-sentiment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contact-center analyzer: its cues, the risk and escalation rule at
 * their edges, hostile input, and its accuracy on utterances it was never
 * tuned on (tests/data/contact-center-heldout.tsv, written before it, and
 * tests/data/vader-reference/vader-reference-contact-center.tsv) against
 * plain VADER on the same utterances.
 */

#include "config.h"

#include <math.h>

#include "ac-sentiment.h"
#include "ac-test-utils.h"

static AcSentiment *
cc (const char *text)
{
  return ac_sentiment_analyze (AC_SENTIMENT_MODEL_CONTACT_CENTER, text);
}

static gboolean
has_cue (AcSentiment *s,
         const char  *cue)
{
  return g_strv_contains ((const char * const *) s->cues, cue);
}

typedef struct
{
  const char       *text;
  AcSentimentLabel  label;
  AcIntent          intent;
  const char       *cue;
} Case;

/* One utterance per cue, in words that are in neither evaluation set. */
static const Case cases[] = {
  { "we have been on hold for twenty minutes now", AC_SENTIMENT_NEGATIVE, AC_INTENT_COMPLAINT, "waiting" },
  { "this is the fifth time i have phoned you", AC_SENTIMENT_NEGATIVE, AC_INTENT_COMPLAINT, "calling again" },
  { "still nothing has happened with my claim", AC_SENTIMENT_NEGATIVE, AC_INTENT_COMPLAINT, "not resolved" },
  { "the landline went dead on friday", AC_SENTIMENT_NEGATIVE, AC_INTENT_SUPPORT, "not working" },
  { "you have billed me twice for june", AC_SENTIMENT_NEGATIVE, AC_INTENT_BILLING, "charged wrongly" },
  { "i would like to cancel my gym membership", AC_SENTIMENT_NEGATIVE, AC_INTENT_CANCELLATION, "cancellation" },
  { "cancel the whole thing right now i am leaving", AC_SENTIMENT_URGENT, AC_INTENT_CANCELLATION, "leaving now" },
  { "a stranger has used my debit card in another country", AC_SENTIMENT_URGENT, AC_INTENT_FRAUD, "fraud" },
  { "there is smoke coming from the meter box", AC_SENTIMENT_URGENT, AC_INTENT_SUPPORT, "safety" },
  { "my solicitor will be in touch", AC_SENTIMENT_URGENT, AC_INTENT_COMPLAINT, "legal threat" },
  { "cheers that has sorted it", AC_SENTIMENT_POSITIVE, AC_INTENT_GENERAL, "resolved" },
  { "when will the engineer arrive", AC_SENTIMENT_NEUTRAL, AC_INTENT_SUPPORT, "question" },
  { "i'd like to order another sim card", AC_SENTIMENT_NEUTRAL, AC_INTENT_PURCHASE, "purchase" },
  { "what is my balance", AC_SENTIMENT_NEUTRAL, AC_INTENT_BILLING, "billing" },
  { "i keep getting passed from one department to another", AC_SENTIMENT_NEGATIVE, AC_INTENT_COMPLAINT, "passed around" },
  { "the parcel has been missing for two weeks now", AC_SENTIMENT_NEGATIVE, AC_INTENT_COMPLAINT, "long time" },
  { "honestly i have had enough of this", AC_SENTIMENT_NEGATIVE, AC_INTENT_COMPLAINT, "fed up" },
  { "my shop is losing customers every hour", AC_SENTIMENT_URGENT, AC_INTENT_BILLING, "losing out" },
  { "please block it immediately it is not mine", AC_SENTIMENT_URGENT, AC_INTENT_FRAUD, "immediacy" },
  { "thanks a million for sorting that", AC_SENTIMENT_POSITIVE, AC_INTENT_GENERAL, "thanks" },
  { "i am worried about my pension", AC_SENTIMENT_NEGATIVE, AC_INTENT_GENERAL, "fear" },
  { "i am really upset about the letter", AC_SENTIMENT_NEGATIVE, AC_INTENT_GENERAL, "sadness" },
  { "i am delighted with the upgrade", AC_SENTIMENT_POSITIVE, AC_INTENT_PURCHASE, "joy" },
  { "this is unacceptable", AC_SENTIMENT_NEGATIVE, AC_INTENT_COMPLAINT, "complaint" },
  { "i am furious", AC_SENTIMENT_NEGATIVE, AC_INTENT_GENERAL, "anger" },
};

static void
test_sentiment_cues (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AcSentiment) s = cc (cases[i].text);

      if (s->label != cases[i].label || s->intent != cases[i].intent || !has_cue (s, cases[i].cue))
        g_error ("“%s”: %s/%s (compound %.3f), expected %s/%s with cue “%s”", cases[i].text,
                 ac_sentiment_label_to_string (s->label), ac_intent_to_string (s->intent),
                 s->scores.compound, ac_sentiment_label_to_string (cases[i].label),
                 ac_intent_to_string (cases[i].intent), cases[i].cue);
    }
}

static void
test_sentiment_emotions_and_risk (void)
{
  g_autoptr(AcSentiment) fraud = cc ("somebody hacked my account and i am scared");
  g_autoptr(AcSentiment) angry = cc ("i am furious this is the third time i have called and it is still broken");
  g_autoptr(AcSentiment) happy = cc ("thank you so much you have been brilliant");

  g_assert_cmpfloat (fraud->emotions.fear, >, 0.8);
  g_assert_cmpfloat (angry->emotions.anger, >, 0.8);
  g_assert_cmpfloat (happy->emotions.joy, >, 0.5);
  g_assert_cmpfloat (happy->risk, ==, 0.0);
  g_assert_false (happy->escalation);

  /* Risk is the contract's formula of what was found. */
  g_assert_cmpfloat_with_epsilon (angry->risk, ac_sentiment_risk (angry->negative, &angry->emotions), 1e-12);
  g_assert_true (angry->escalation);
  g_assert_cmpfloat (angry->risk, >, 0.7);

  for (guint i = 0; i < 2; i++)
    {
      AcSentiment *s = i == 0 ? fraud : angry;

      g_assert_cmpfloat (s->risk, >=, 0);
      g_assert_cmpfloat (s->risk, <=, 1);
      g_assert_cmpfloat (s->emotions.anger, <=, 1);
      g_assert_cmpfloat (s->emotions.fear, <=, 1);
    }
}

static void
test_sentiment_risk_edges (void)
{
  AcEmotions none = { 0, 0, 0, 0 };
  AcEmotions all = { 1, 1, 1, 1 };
  AcEmotions anger = { 1, 0, 0, 0 };

  g_assert_cmpfloat_with_epsilon (ac_sentiment_risk (0.5, &none), 0.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (ac_sentiment_risk (1.0, &anger), 0.9, 1e-12);
  /* 0.6 + 0.3 + 0.2 + 0.1 = 1.2, capped */
  g_assert_cmpfloat (ac_sentiment_risk (1.0, &all), ==, 1.0);
  /* out-of-range inputs are clamped, not trusted */
  g_assert_cmpfloat (ac_sentiment_risk (7.0, &none), ==, 0.6);
  g_assert_cmpfloat (ac_sentiment_risk (-3.0, &none), ==, 0.0);

  /* escalation is strictly above 0.7 */
  g_assert_false (ac_sentiment_risk_escalates (0.7));
  g_assert_true (ac_sentiment_risk_escalates (nextafter (0.7, 1.0)));
  g_assert_false (ac_sentiment_risk_escalates (0.0));
  g_assert_true (ac_sentiment_risk_escalates (1.0));
}

static void
test_sentiment_vader_model (void)
{
  const char *text = "I've been on hold for forty minutes and nobody has helped me.";
  g_autoptr(AcSentiment) plain = ac_sentiment_analyze (AC_SENTIMENT_MODEL_VADER, text);
  g_autoptr(AcSentiment) domain = cc (text);
  AcVaderScores v;

  ac_vader_score (ac_vader_get_default (), text, &v);
  g_assert_cmpfloat (plain->scores.compound, ==, v.compound);
  g_assert_cmpfloat (plain->scores.neg, ==, v.neg);
  g_assert_cmpuint (g_strv_length (plain->cues), ==, 0);
  g_assert_cmpint (plain->label, ==, AC_SENTIMENT_NEUTRAL);
  g_assert_cmpint (domain->label, ==, AC_SENTIMENT_NEGATIVE);

  {
    AcSentimentModel model;

    g_assert_true (ac_sentiment_model_from_string ("vader", &model));
    g_assert_cmpint (model, ==, AC_SENTIMENT_MODEL_VADER);
    g_assert_false (ac_sentiment_model_from_string ("bert", &model));
  }
}

static void
test_sentiment_hostile_input (void)
{
  const char *inputs[] = { "", "   \t  ", "\xff\xfe\xfd", "\xf0\x9f\x98\xa1\xf0\x9f\x98\xa1", NULL };
  GString *big = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(AcSentiment) s = cc (inputs[i]);

      g_assert_cmpint (s->label, ==, AC_SENTIMENT_NEUTRAL);
      g_assert_cmpint (s->intent, ==, AC_INTENT_GENERAL);
      g_assert_cmpfloat (s->risk, ==, 0);
      g_assert_true (g_utf8_validate (s->text, -1, NULL));
    }

  while (big->len < 1024 * 1024)
    g_string_append (big, "i have been on hold for an hour and my card was stolen ");
  {
    g_autoptr(AcSentiment) s = cc (big->str);

    g_assert_cmpint (s->label, ==, AC_SENTIMENT_URGENT);
    g_assert_cmpfloat (s->risk, <=, 1);
  }
  g_string_free (big, TRUE);
}

/* Accuracy on utterances the analyzer was not tuned on.  Labels: urgent
 * counts as negative for plain VADER, which has no such category. */
static void
accuracy (const char *path,
          double     *cc_accuracy,
          double     *vader_accuracy)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0, cc_right = 0, vader_right = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autoptr(AcSentiment) a = NULL;
      g_autoptr(AcSentiment) b = NULL;
      const char *want;

      if (lines[i][0] == '\0' || lines[i][0] == '#' || g_str_has_prefix (lines[i], "text\t"))
        continue;

      f = g_strsplit (lines[i], "\t", -1);
      want = f[1];
      a = cc (f[0]);
      b = ac_sentiment_analyze (AC_SENTIMENT_MODEL_VADER, f[0]);
      n++;

      if (g_str_equal (ac_sentiment_label_to_string (a->label), want))
        cc_right++;
      if (g_str_equal (ac_sentiment_label_to_string (b->label),
                       g_str_equal (want, "urgent") ? "negative" : want))
        vader_right++;
    }

  g_assert_cmpuint (n, >=, 60);
  *cc_accuracy = (double) cc_right / n;
  *vader_accuracy = (double) vader_right / n;
  g_test_message ("%s: contact-center %.1f%%, plain VADER %.1f%% of %u", path,
                  100 * *cc_accuracy, 100 * *vader_accuracy, n);
}

static void
test_sentiment_heldout (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "contact-center-heldout.tsv", NULL);
  double a, b;

  accuracy (path, &a, &b);
  /* Measured: 97.1% against 61.8% (README; 94.1% before issue 18). */
  g_assert_cmpfloat (a, >=, 0.94);
  g_assert_cmpfloat (a, >, b + 0.2);
}

static void
test_sentiment_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "vader-reference",
                                                "vader-reference-contact-center.tsv", NULL);
  double a, b;

  accuracy (path, &a, &b);
  /* Measured: 85.0% against 60.0% (README; 76.7% before issue 18). */
  g_assert_cmpfloat (a, >=, 0.82);
  g_assert_cmpfloat (a, >, b + 0.1);
}

/* The second held-out set, written and committed before the analyzer was
 * changed to generalise, from many kinds of business. */
static void
test_sentiment_heldout_b (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "contact-center-heldout-b.tsv", NULL);
  double a, b;

  accuracy (path, &a, &b);
  /* Measured: 81.9% against 50.6% (README; 59.0% before issue 18's changes). */
  g_assert_cmpfloat (a, >=, 0.78);
  g_assert_cmpfloat (a, >, b + 0.15);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/sentiment/cues", test_sentiment_cues);
  g_test_add_func ("/sentiment/emotions-and-risk", test_sentiment_emotions_and_risk);
  g_test_add_func ("/sentiment/risk-edges", test_sentiment_risk_edges);
  g_test_add_func ("/sentiment/vader-model", test_sentiment_vader_model);
  g_test_add_func ("/sentiment/hostile-input", test_sentiment_hostile_input);
  g_test_add_func ("/sentiment/heldout", test_sentiment_heldout);
  g_test_add_func ("/sentiment/heldout-b", test_sentiment_heldout_b);
  g_test_add_func ("/sentiment/fixture", test_sentiment_fixture);

  return g_test_run ();
}
