/* test-escalations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-escalations.h"
#include "ac-test-utils.h"

static AcUtterance *
say (AcTranscript *transcript,
     guint         channel,
     gint64        start_ms,
     const char   *text)
{
  g_autoptr(AcUtterance) u = ac_utterance_new (channel, start_ms, start_ms + 1000, text, 0.9, TRUE);

  ac_utterance_analyze (u, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, u);
  return u;
}

static AcEscalation *
nth (AcEscalations *escalations,
     guint          n)
{
  g_autoptr(AcEscalation) e = g_list_model_get_item (G_LIST_MODEL (escalations), n);

  g_assert_nonnull (e);
  return e;
}

static guint
count (AcEscalations *escalations)
{
  return g_list_model_get_n_items (G_LIST_MODEL (escalations));
}

/* Three clearly negative customer utterances in a row raise one; two do
 * not; the agent's words never count. */
static void
test_escalations_sustained (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  AcEscalations *escalations = ac_escalations_new (transcript);
  guint notified = 0;

  ac_test_count_notify (escalations, "pending", &notified);

  /* Each clearly negative (compound below −0.5) but not risky alone. */
  say (transcript, 0, 0, "the website is really bad and confusing");
  say (transcript, 1, 1500, "that is really bad and confusing i am sorry");
  say (transcript, 0, 3000, "the website is so bad and confusing");
  g_assert_cmpuint (count (escalations), ==, 0);

  say (transcript, 0, 6000, "the packaging was bad and the box was broken");
  g_assert_cmpuint (count (escalations), ==, 1);
  g_assert_cmpint (ac_escalation_get_kind (nth (escalations, 0)), ==, AC_ESCALATION_SUSTAINED);
  g_assert_cmpint (ac_escalation_get_time_ms (nth (escalations, 0)), ==, 7000);
  g_assert_cmpuint (notified, ==, 1);

  /* A fourth in the same run raises nothing more; a calm one ends it. */
  say (transcript, 0, 9000, "the website is really bad and confusing");
  g_assert_cmpuint (count (escalations), ==, 1);
  say (transcript, 0, 12000, "okay thank you");
  g_assert_cmpuint (count (escalations), ==, 1);

  g_assert_finalize_object (escalations);
}

static void
test_escalations_fraud_once (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  AcEscalations *escalations = ac_escalations_new (transcript);

  say (transcript, 1, 0, "is this fraud on your card sir");
  g_assert_cmpuint (count (escalations), ==, 0);

  say (transcript, 0, 2000, "yes someone hacked my account");
  g_assert_cmpuint (count (escalations), ==, 1);
  g_assert_cmpint (ac_escalation_get_kind (nth (escalations, 0)), ==, AC_ESCALATION_FRAUD);
  g_assert_nonnull (strstr (ac_escalation_get_reason (nth (escalations, 0)), "hacked my account"));

  /* Fraud is raised once a call. */
  say (transcript, 0, 4000, "and the money was stolen from my account");
  for (guint i = 1; i < count (escalations); i++)
    g_assert_cmpint (ac_escalation_get_kind (nth (escalations, i)), !=, AC_ESCALATION_FRAUD);
  g_assert_true (ac_escalations_get_pending (escalations) == nth (escalations, count (escalations) - 1));

  ac_escalations_acknowledge_all (escalations);
  g_assert_null (ac_escalations_get_pending (escalations));

  ac_transcript_clear (transcript);
  g_assert_cmpuint (count (escalations), ==, 0);
  say (transcript, 0, 0, "my card was stolen");
  g_assert_cmpuint (count (escalations), ==, 1);

  g_assert_finalize_object (escalations);
}

static void
test_escalations_partials_ignored (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  AcEscalations *escalations = ac_escalations_new (transcript);
  g_autoptr(AcUtterance) partial = ac_utterance_new (0, 0, 500, "my card was stolen", 0, FALSE);

  ac_utterance_analyze (partial, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, partial);
  g_assert_cmpuint (count (escalations), ==, 0);

  g_assert_finalize_object (escalations);
}

/* The contact center's escalation: raised on its utterance, not twice
 * while one waits, not on an utterance that already raised one here. */
static void
test_escalations_backend (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  AcEscalations *escalations = ac_escalations_new (transcript);
  AcUtterance *calm = say (transcript, 0, 0, "i would like to check my balance please");
  AcUtterance *again = say (transcript, 0, 2000, "and the date of the last payment");
  AcUtterance *stolen = say (transcript, 0, 4000, "my card was stolen");

  g_assert_cmpuint (count (escalations), ==, 1);  /* fraud, the app's own */

  g_assert_true (ac_escalations_raise_backend (escalations, calm, 0.82));
  g_assert_cmpuint (count (escalations), ==, 2);
  g_assert_cmpint (ac_escalation_get_kind (nth (escalations, 1)), ==, AC_ESCALATION_BACKEND);
  g_assert_true (ac_escalation_get_utterance (nth (escalations, 1)) == calm);
  g_assert_nonnull (strstr (ac_escalation_get_reason (nth (escalations, 1)), "82"));
  g_assert_true (ac_escalations_get_pending (escalations) == nth (escalations, 1));

  /* One waits: the next is not stacked on it. */
  g_assert_false (ac_escalations_raise_backend (escalations, again, 0.9));
  ac_escalations_acknowledge_all (escalations);
  /* The utterance that raised the fraud escalation does not raise another. */
  g_assert_false (ac_escalations_raise_backend (escalations, stolen, 0.9));
  g_assert_true (ac_escalations_raise_backend (escalations, again, -1));
  g_assert_cmpuint (count (escalations), ==, 3);

  g_assert_finalize_object (escalations);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/escalations/sustained", test_escalations_sustained);
  g_test_add_func ("/escalations/fraud-once", test_escalations_fraud_once);
  g_test_add_func ("/escalations/partials-ignored", test_escalations_partials_ignored);
  g_test_add_func ("/escalations/backend", test_escalations_backend);

  return g_test_run ();
}
