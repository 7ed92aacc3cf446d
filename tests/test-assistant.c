/* test-assistant.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The AI provider's jobs against an OpenAI-compatible test server: a
 * call's summary read against its schema (the team's codes offered, a
 * code that is not one of them dropped, answers that do not fit refused
 * with a clear error), a reply and a ticket's description, only masked
 * text in what the server received, and the job told in the progress.
 */

#include "config.h"

#include <string.h>

#include "ac-assistant.h"
#include "ac-backend-client.h"
#include "ac-test-chat.h"
#include "ac-test-utils.h"
#include "ac-types.h"

static AcTranscript *
call (void)
{
  static const char *lines[] = {
    "A:thank you for calling how can i help",
    "C:hi i was charged twice for my order the card is 4111 1111 1111 1111",
    "A:i can see both payments i've refunded the duplicate one now",
    "C:great thank you that's all",
    NULL,
  };
  AcTranscript *transcript = ac_transcript_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint channel = lines[i][0] == 'C' ? AC_AUDIO_CHANNEL_CUSTOMER : AC_AUDIO_CHANNEL_AGENT;
      g_autoptr(AcUtterance) utterance = ac_utterance_new (channel, i * 5000, i * 5000 + 4000, lines[i] + 2, 0.9,
                                                           TRUE);

      ac_transcript_add (transcript, utterance);
    }
  /* a partial hypothesis is not sent */
  {
    g_autoptr(AcUtterance) partial = ac_utterance_new (AC_AUDIO_CHANNEL_CUSTOMER, 30000, 31000, "oh and one more",
                                                       0.5, FALSE);

    ac_transcript_add (transcript, partial);
  }
  return transcript;
}

static GPtrArray *
codes (void)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (codes, g_strsplit ("RESOLVED|Resolved", "|", -1));
  g_ptr_array_add (codes, g_strsplit ("REFUND_ISSUED|Refund issued", "|", -1));
  g_ptr_array_add (codes, g_strsplit ("FOLLOW_UP|Follow-up needed", "|", -1));
  return codes;
}

static void
on_progress (AcAssistant *assistant,
             guint        job,
             const char  *text,
             guint       *jobs)
{
  *jobs |= 1u << job;
}

static void
test_summary (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AcAssistant) assistant = ac_assistant_new (ac_test_chat_get_url (server), "test-model", AC_TEST_CHAT_KEY,
                                                       &error);
  g_autoptr(AcTranscript) transcript = call ();
  g_autoptr(GPtrArray) dispositions = codes ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AcAssistantSummary) summary = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *text = NULL;
  guint jobs = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (ac_assistant_get_model (assistant), ==, "test-model");
  g_signal_connect (assistant, "progress", G_CALLBACK (on_progress), &jobs);
  ac_test_chat_set_answer (server, "{\"reason\": \"Charged twice for one order.\", \"actions\": \"Refunded the "
                                   "duplicate payment.\", \"resolution\": \"Refund issued;\\ncustomer satisfied.\", "
                                   "\"next_steps\": [\"Refund reaches the card in 3-5 days\", \"\"], "
                                   "\"disposition\": \"refund_issued\", \"why\": \"The duplicate was refunded.\", "
                                   "\"confidence\": 0.9}");
  ac_assistant_summarize_async (assistant, transcript, dispositions, NULL, ac_test_keep_result, &result);
  summary = ac_assistant_summarize_finish (assistant, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->reason, ==, "Charged twice for one order.");
  g_assert_cmpstr (summary->actions, ==, "Refunded the duplicate payment.");
  g_assert_cmpstr (summary->resolution, ==, "Refund issued; customer satisfied.");
  g_assert_cmpuint (g_strv_length (summary->next_steps), ==, 1);
  g_assert_cmpstr (summary->disposition, ==, "REFUND_ISSUED");
  g_assert_cmpstr (summary->why, ==, "The duplicate was refunded.");
  g_assert_cmpuint (jobs, ==, 1u << 0);

  text = ac_assistant_summary_to_text (summary);
  g_assert_nonnull (strstr (text, "Reason: Charged twice for one order.\n"));
  g_assert_nonnull (strstr (text, "- Refund reaches the card in 3-5 days\n"));

  /* what left: the team's codes, the final utterances, masked */
  sent = ac_test_chat_dup_last_request (server);
  g_assert_nonnull (strstr (sent, "REFUND_ISSUED (Refund issued)"));
  g_assert_nonnull (strstr (sent, "Customer: hi i was charged twice"));
  g_assert_nonnull (strstr (sent, "Agent: i can see both payments"));
  g_assert_null (strstr (sent, "4111"));
  g_assert_null (strstr (sent, "one more"));
  g_assert_nonnull (strstr (sent, "json_object"));
}

/* Answers that do not fit the schema are errors the agent can read; a
 * code the team does not have is never offered. */
static void
test_schema (void)
{
  static const struct { const char *answer; gboolean fits; const char *disposition; } cases[] = {
    { "```json\n{\"reason\": \"r\", \"actions\": \"a\", \"resolution\": \"\", \"next_steps\": \"call back\", "
      "\"disposition\": \"Follow-up needed\"}\n```", TRUE, "FOLLOW_UP" },
    { "{\"reason\": \"r\", \"actions\": \"a\", \"resolution\": \"x\", \"disposition\": \"CLOSED_WON\"}", TRUE, NULL },
    { "{\"reason\": \"r\", \"actions\": \"a\", \"resolution\": \"x\", \"next_steps\": null}", TRUE, NULL },
    { "The customer was charged twice.", FALSE, NULL },
    { "{\"reason\": \"\", \"actions\": \"a\", \"resolution\": \"x\"}", FALSE, NULL },
    { "{\"reason\": 5, \"actions\": \"a\", \"resolution\": \"x\"}", FALSE, NULL },
    { "{\"reason\": \"r\", \"resolution\": \"x\"}", FALSE, NULL },
    { "{\"reason\": \"r\", \"actions\": \"a\", \"resolution\": \"x\", \"next_steps\": 3}", FALSE, NULL },
    { "[{\"reason\": \"r\"}]", FALSE, NULL },
    { "{\"reason\": \"r\", \"actions\": \"a\", \"resolution\": {}}", FALSE, NULL },
  };
  g_autoptr(GPtrArray) dispositions = codes ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AcAssistantSummary) summary = ac_assistant_summary_from_json (cases[i].answer, dispositions, &error);

      g_test_message ("%s", cases[i].answer);
      g_assert_true ((summary != NULL) == cases[i].fits);
      if (summary == NULL)
        {
          g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE);
          continue;
        }
      g_assert_cmpstr (summary->disposition, ==, cases[i].disposition);
      if (summary->disposition == NULL)
        g_assert_null (summary->why);
    }
}

static void
test_reply_and_ticket (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AcAssistant) assistant = ac_assistant_new (ac_test_chat_get_url (server), "test-model", AC_TEST_CHAT_KEY,
                                                       &error);
  g_autoptr(AcTranscript) transcript = call ();
  g_autoptr(AcTranscript) empty = ac_transcript_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *description = NULL;
  g_autofree char *nothing = NULL;
  guint jobs = 0;

  g_signal_connect (assistant, "progress", G_CALLBACK (on_progress), &jobs);
  ac_test_chat_set_answer (server, "  I've refunded the duplicate payment; anything else?\n");
  ac_assistant_suggest_reply_async (assistant, transcript, NULL, ac_test_keep_result, &result);
  reply = ac_assistant_suggest_reply_finish (assistant, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply, ==, "I've refunded the duplicate payment; anything else?");
  g_assert_cmpuint (jobs, ==, 1u << 1);

  g_clear_object (&result);
  ac_test_chat_set_answer (server, "Customer was charged twice; the duplicate was refunded.");
  ac_assistant_describe_ticket_async (assistant, transcript, NULL, ac_test_keep_result, &result);
  description = ac_assistant_describe_ticket_finish (assistant, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (description, ==, "Customer was charged twice; the duplicate was refunded.");
  g_assert_cmpuint (jobs, ==, (1u << 1) | (1u << 2));

  /* nothing said yet: nothing asked */
  g_clear_object (&result);
  ac_assistant_suggest_reply_async (assistant, empty, NULL, ac_test_keep_result, &result);
  nothing = ac_assistant_suggest_reply_finish (assistant, ac_test_wait_result (&result), &error);
  g_assert_null (nothing);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION);
  g_assert_cmpuint (ac_test_chat_get_n_requests (server), ==, 2);
}

/* The provider's faults reach the caller as errors it can show. */
static void
test_faults (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AcAssistant) assistant = ac_assistant_new (ac_test_chat_get_url (server), "test-model", AC_TEST_CHAT_KEY,
                                                       &error);
  g_autoptr(AcTranscript) transcript = call ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AcAssistantSummary) summary = NULL;
  g_autoptr(AcAssistantSummary) cut = NULL;

  g_assert_null (ac_assistant_new ("ftp://example.com", "m", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  ac_test_chat_set_fault (server, AC_TEST_CHAT_UNAUTHORIZED);
  ac_assistant_summarize_async (assistant, transcript, NULL, NULL, ac_test_keep_result, &result);
  summary = ac_assistant_summarize_finish (assistant, ac_test_wait_result (&result), &error);
  g_assert_null (summary);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH);
  g_clear_error (&error);

  g_clear_object (&result);
  ac_test_chat_set_fault (server, AC_TEST_CHAT_CUT);
  ac_test_chat_set_answer (server, "{\"reason\": \"a long answer that is cut\", \"actions\": \"x\", \"resolution\": \"y\"}");
  ac_assistant_summarize_async (assistant, transcript, NULL, NULL, ac_test_keep_result, &result);
  cut = ac_assistant_summarize_finish (assistant, ac_test_wait_result (&result), &error);
  g_assert_null (cut);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE);
}

/* Each customer utterance's sentiment and intent, in one request; what
 * the provider said of a text is remembered; entries that do not fit are
 * left out. */
static void
test_classify (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AcAssistant) assistant = ac_assistant_new (ac_test_chat_get_url (server), "test-model", AC_TEST_CHAT_KEY,
                                                       &error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *sent = NULL;
  AcAssistantLabel *label;

  g_ptr_array_add (texts, (gpointer) "thanks so much for your help today");
  g_ptr_array_add (texts, (gpointer) "the card 4111 1111 1111 1111 was charged twice");
  g_ptr_array_add (texts, (gpointer) "what time do you open");
  ac_test_chat_set_answer (server, "{\"utterances\": [{\"index\": 0, \"sentiment\": \"Positive\", \"score\": 0.8, "
                                   "\"intent\": \"general\"}, {\"index\": 1, \"sentiment\": \"negative\", "
                                   "\"intent\": \"BILLING\"}, {\"index\": 2, \"sentiment\": \"curious\"}, "
                                   "{\"index\": 9, \"sentiment\": \"negative\"}, {\"index\": 1, \"sentiment\": "
                                   "\"positive\"}, 7]}");
  ac_assistant_classify_async (assistant, texts, NULL, ac_test_keep_result, &result);
  labels = ac_assistant_classify_finish (assistant, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, 3);
  label = labels->pdata[0];
  g_assert_cmpstr (label->sentiment, ==, "positive");
  g_assert_cmpfloat (label->score, ==, 0.8);
  label = labels->pdata[1];
  g_assert_cmpstr (label->sentiment, ==, "negative");
  g_assert_cmpfloat (label->score, ==, -0.5);
  g_assert_cmpstr (label->intent, ==, "billing");
  g_assert_null (labels->pdata[2]);
  sent = ac_test_chat_dup_last_request (server);
  g_assert_null (strstr (sent, "4111"));
  g_assert_nonnull (strstr (sent, "2: what time do you open"));
  g_assert_cmpuint (ac_test_chat_get_n_requests (server), ==, 1);

  /* asked again: the two it answered are remembered, the third asked */
  g_clear_object (&result);
  ac_test_chat_set_answer (server, "{\"utterances\": [{\"index\": 0, \"sentiment\": \"neutral\", \"score\": 0, "
                                   "\"intent\": \"question\"}]}");
  ac_assistant_classify_async (assistant, texts, NULL, ac_test_keep_result, &result);
  again = ac_assistant_classify_finish (assistant, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ac_test_chat_get_n_requests (server), ==, 2);
  g_free (sent);
  sent = ac_test_chat_dup_last_request (server);
  g_assert_nonnull (strstr (sent, "0: what time do you open"));
  g_assert_null (strstr (sent, "thanks so much"));
  g_assert_cmpstr (((AcAssistantLabel *) again->pdata[0])->sentiment, ==, "positive");
  g_assert_cmpstr (((AcAssistantLabel *) again->pdata[2])->intent, ==, "question");

  /* not the shape asked for */
  g_assert_null (ac_assistant_labels_from_json ("{\"labels\": []}", 1, &error));
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/assistant/summary", test_summary);
  g_test_add_func ("/assistant/schema", test_schema);
  g_test_add_func ("/assistant/reply-and-ticket", test_reply_and_ticket);
  g_test_add_func ("/assistant/faults", test_faults);
  g_test_add_func ("/assistant/classify", test_classify);

  return g_test_run ();
}
