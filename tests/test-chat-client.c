/* test-chat-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assistant's client against an OpenAI-compatible test server: an
 * answer streamed in pieces (progress told as they come), a card number
 * and an email masked before anything is sent, and the faults real servers
 * have — a wrong key (401), too many requests (429), a slow first token
 * (a time-out, told as such), a stream cut mid-way, a piece that is not
 * JSON — and the agent cancelling mid-answer.
 */

#include "config.h"

#include <string.h>

#include "ac-backend-client.h"
#include "ac-chat-client.h"
#include "ac-test-chat.h"
#include "ac-test-utils.h"

static void
count_progress (AcChatClient *client,
                const char   *text,
                guint        *count)
{
  (*count)++;
}

static char *
complete (AcChatClient  *client,
          const char    *text,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ac_chat_client_complete_async (client, "Summarise the call as JSON.", text, TRUE, cancellable, ac_test_keep_result,
                                 &result);
  return ac_chat_client_complete_finish (client, ac_test_wait_result (&result), error);
}

static void
test_stream (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AcChatClient) client = ac_chat_client_new (ac_test_chat_get_url (server), "test-model", AC_TEST_CHAT_KEY,
                                                       &error);
  const char *answer = "{\"reason\": \"a double charge\", \"resolution\": \"refunded\", \"next_steps\": []}";
  g_autofree char *got = NULL;
  g_autofree char *sent = NULL;
  guint progress = 0;

  g_assert_no_error (error);
  ac_test_chat_set_answer (server, answer);
  g_signal_connect (client, "progress", G_CALLBACK (count_progress), &progress);
  got = complete (client, "customer: my card 4111 1111 1111 1111 was charged twice, mail me at ada@example.com",
                  NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, answer);
  g_assert_cmpuint (progress, >, 5);

  /* only masked text left the computer */
  sent = ac_test_chat_dup_last_request (server);
  g_assert_null (strstr (sent, "4111"));
  g_assert_null (strstr (sent, "ada@example.com"));
  g_assert_nonnull (strstr (sent, "\"stream\":true"));
  g_assert_nonnull (strstr (sent, "\"model\":\"test-model\""));
}

static void
test_faults (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AcChatClient) client = ac_chat_client_new (ac_test_chat_get_url (server), "m", AC_TEST_CHAT_KEY, &error);
  g_autoptr(AcChatClient) wrong_key = ac_chat_client_new (ac_test_chat_get_url (server), "m", "wrong", &error);
  char *got;

  ac_test_chat_set_answer (server, "a long enough answer to come in several pieces");
  ac_chat_client_set_timeouts (client, 1, 10);

  got = complete (wrong_key, "hello", NULL, &error);
  g_assert_null (got);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH);
  g_clear_error (&error);

  ac_test_chat_set_fault (server, AC_TEST_CHAT_RATE_LIMITED);
  got = complete (client, "hello", NULL, &error);
  g_assert_null (got);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  ac_test_chat_set_fault (server, AC_TEST_CHAT_SLOW_FIRST);
  got = complete (client, "hello", NULL, &error);
  g_assert_null (got);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_TIMEOUT);
  g_clear_error (&error);

  ac_test_chat_set_fault (server, AC_TEST_CHAT_CUT);
  got = complete (client, "hello", NULL, &error);
  g_assert_null (got);
  g_assert_true (g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NETWORK) ||
                 g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE));
  g_clear_error (&error);

  ac_test_chat_set_fault (server, AC_TEST_CHAT_MALFORMED);
  got = complete (client, "hello", NULL, &error);
  g_assert_null (got);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* and it still works after all that */
  ac_test_chat_set_fault (server, AC_TEST_CHAT_OK);
  got = complete (client, "hello", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "a long enough answer to come in several pieces");
  g_free (got);

  g_assert_null (ac_chat_client_new ("ftp://example.com", "m", NULL, &error));
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION);
}

static void
cancel_on_progress (AcChatClient *client,
                    const char   *text,
                    GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_cancel (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AcChatClient) client = ac_chat_client_new (ac_test_chat_get_url (server), "m", AC_TEST_CHAT_KEY, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  char *got;

  ac_test_chat_set_answer (server, "an answer the agent does not wait for");
  g_signal_connect (client, "progress", G_CALLBACK (cancel_on_progress), cancellable);
  got = complete (client, "hello", cancellable, &error);
  g_assert_null (got);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_finalize (void)
{
  AcChatClient *client = ac_chat_client_new ("http://127.0.0.1:9/v1", "m", "key", NULL);

  g_assert_finalize_object (client);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/chat-client/stream", test_stream);
  g_test_add_func ("/chat-client/faults", test_faults);
  g_test_add_func ("/chat-client/cancel", test_cancel);
  g_test_add_func ("/chat-client/finalize", test_finalize);

  return g_test_run ();
}
