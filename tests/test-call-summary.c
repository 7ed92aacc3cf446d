/* test-call-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A call's summary on this computer: the reason, what was done and
 * promised, how it ended, and the disposition that follows, on calls
 * written for the test; an empty call; the enhanced transcript carries
 * them.
 */

#include "config.h"

#include "ac-call-summary.h"
#include "ac-test-utils.h"
#include "ac-types.h"

static AcTranscript *
call (const char * const *lines)
{
  AcTranscript *transcript = ac_transcript_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint channel = lines[i][0] == 'C' ? AC_AUDIO_CHANNEL_CUSTOMER : AC_AUDIO_CHANNEL_AGENT;
      g_autoptr(AcUtterance) utterance = ac_utterance_new (channel, i * 5000, i * 5000 + 4000, lines[i] + 2, 0.9,
                                                           TRUE);

      ac_utterance_analyze (utterance, AC_SENTIMENT_MODEL_CONTACT_CENTER);
      ac_transcript_add (transcript, utterance);
    }
  return transcript;
}

static const char *
role_of (AcCallSummary *summary,
         AcSummaryRole  role)
{
  for (guint i = 0; i < summary->lines->len; i++)
    if (((AcSummaryLine *) summary->lines->pdata[i])->role == role)
      return ((AcSummaryLine *) summary->lines->pdata[i])->text;
  return NULL;
}

static void
test_resolved (void)
{
  const char *lines[] = {
    "A:thank you for calling how can i help",
    "C:hi yes i was charged twice for my order last week",
    "A:let me look at that for you",
    "A:i can see both payments i've refunded the duplicate one now",
    "A:you'll see the money back on your card in three to five days",
    "C:great thank you that's all i needed",
    NULL,
  };
  g_autoptr(AcTranscript) transcript = call (lines);
  g_autoptr(AcCallSummary) summary = ac_call_summary_new (transcript, 0);
  g_autofree char *text = ac_call_summary_to_text (summary);

  g_assert_cmpstr (role_of (summary, AC_SUMMARY_REASON), ==, "hi yes i was charged twice for my order last week");
  g_assert_cmpstr (role_of (summary, AC_SUMMARY_ACTION), ==, "i can see both payments i've refunded the duplicate one now");
  g_assert_cmpstr (role_of (summary, AC_SUMMARY_COMMITMENT), ==,
                   "you'll see the money back on your card in three to five days");
  g_assert_cmpstr (role_of (summary, AC_SUMMARY_OUTCOME), ==, "great thank you that's all i needed");
  g_assert_cmpstr (summary->disposition, ==, "RESOLVED");
  g_assert_true (g_str_has_prefix (text, "Reason (customer): hi yes i was charged twice"));
}

static void
test_follow_up_and_transfer (void)
{
  const char *open[] = {
    "C:my internet has not worked since monday",
    "A:i'll book an engineer to check the line and call you back tomorrow",
    "C:okay but it's still not working so please do",
    NULL,
  };
  const char *transfer[] = {
    "C:i want to close my account",
    "A:i'm transferring you to our retention team now",
    "C:fine thanks",
    NULL,
  };
  const char *question[] = {
    "C:what time do you open on saturday",
    "A:we open at nine on saturdays",
    "C:perfect thanks",
    NULL,
  };
  g_autoptr(AcTranscript) a = call (open);
  g_autoptr(AcTranscript) b = call (transfer);
  g_autoptr(AcTranscript) c = call (question);
  g_autoptr(AcCallSummary) first = ac_call_summary_new (a, 0);
  g_autoptr(AcCallSummary) second = ac_call_summary_new (b, 0);
  g_autoptr(AcCallSummary) third = ac_call_summary_new (c, 0);
  g_autoptr(AcCallSummary) escalated = ac_call_summary_new (c, 1);

  g_assert_cmpstr (first->disposition, ==, "FOLLOW_UP");
  g_assert_nonnull (role_of (first, AC_SUMMARY_COMMITMENT));
  g_assert_cmpstr (second->disposition, ==, "TRANSFERRED");
  g_assert_cmpstr (third->disposition, ==, "NO_ACTION");
  g_assert_cmpstr (escalated->disposition, ==, "ESCALATED");
}

static void
test_empty (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  g_autoptr(AcCallSummary) summary = ac_call_summary_new (transcript, 0);
  g_autofree char *text = ac_call_summary_to_text (summary);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *data;

  g_assert_cmpuint (summary->lines->len, ==, 0);
  g_assert_cmpstr (summary->disposition, ==, "NOT_CLASSIFIED");
  g_assert_cmpstr (text, ==, "");

  json = ac_transcript_to_enhanced_json (transcript, "sid", NULL, 0);
  data = json_object_get_object_member (json_node_get_object (json), "summary_data");
  g_assert_true (json_object_has_member (data, "call_summary"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (data, "suggested_disposition"),
                                                  "code"), ==, "NOT_CLASSIFIED");
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/call-summary/resolved", test_resolved);
  g_test_add_func ("/call-summary/follow-up-and-transfer", test_follow_up_and_transfer);
  g_test_add_func ("/call-summary/empty", test_empty);

  return g_test_run ();
}
