/* test-support-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seed-004 support service's client against the test server: the
 * route recommendation as the document gives it, categorisation,
 * suggestions and sentiment in two shapes a real service might use and
 * broken (a 500, a page that is not JSON: what answered is kept), a
 * wrong token, only masked text sent, and the readers on what else a
 * server might send.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ac-backend-client.h"
#include "ac-support-client.h"
#include "ac-test-chat.h"
#include "ac-test-utils.h"

static const char said[] = "my card 4111 1111 1111 1111 was charged twice and the app will not log in";

static AcSupportClient *
client_for (AcTestChat *server,
            const char *token)
{
  g_autofree char *url = ac_test_chat_dup_support_url (server);
  g_autoptr(GError) error = NULL;
  AcSupportClient *client = ac_support_client_new (url, token, &error);

  g_assert_no_error (error);
  return client;
}

static void
test_route (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(AcSupportClient) client = client_for (server, AC_TEST_CHAT_KEY);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcSupportRoute) route = NULL;
  g_autofree char *sent = NULL;

  ac_support_client_route_async (client, said, "high", NULL, ac_test_keep_result, &result);
  route = ac_support_client_route_finish (client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (route->route, ==, "co-browse");
  g_assert_cmpfloat_with_epsilon (route->confidence, 0.87, 1e-9);
  g_assert_nonnull (strstr (route->reasoning, "Visual assistance"));
  g_assert_cmpuint (route->alternatives->len, ==, 2);
  g_assert_cmpstr (((AcSupportRoute *) route->alternatives->pdata[0])->route, ==, "video-call");
  g_assert_cmpstr (((AcSupportRoute *) route->alternatives->pdata[1])->reasoning, ==, NULL);

  sent = ac_test_chat_dup_last_support_request (server);
  g_assert_nonnull (strstr (sent, "\"urgency\":\"high\""));
  g_assert_nonnull (strstr (sent, "charged twice"));
  g_assert_null (strstr (sent, "4111"));
}

static AcSupportAnswer *
analyze (AcSupportClient  *client,
         GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  const char *history[] = { "Agent: how can I help", "Customer: my email is ada@example.com", NULL };

  ac_support_client_analyze_async (client, said, history, NULL, ac_test_keep_result, &result);
  return ac_support_client_analyze_finish (client, ac_test_wait_result (&result), error);
}

static void
test_analyze (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(AcSupportClient) client = client_for (server, AC_TEST_CHAT_KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcSupportAnswer) plain = NULL;
  g_autoptr(AcSupportAnswer) wrapped = NULL;
  g_autoptr(AcSupportAnswer) broken = NULL;
  g_autofree char *sent = NULL;

  plain = analyze (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain->category, ==, "technical");
  g_assert_cmpfloat_with_epsilon (plain->category_confidence, 0.82, 1e-9);
  g_assert_cmpuint (plain->suggestions->len, ==, 2);
  g_assert_true (g_str_has_prefix (plain->suggestions->pdata[0], "Support reply to: my card "));
  g_assert_cmpstr (plain->suggestions->pdata[1], ==, "Offer a call back");
  g_assert_cmpstr (plain->sentiment, ==, "negative");
  g_assert_cmpfloat_with_epsilon (plain->sentiment_score, -0.7, 1e-9);
  g_assert_cmpuint (ac_test_chat_get_n_support_requests (server), ==, 3);
  sent = ac_test_chat_dup_last_support_request (server);
  g_assert_null (strstr (sent, "4111"));
  g_assert_null (strstr (sent, "ada@example.com"));
  g_assert_nonnull (strstr (sent, "\"history\""));

  ac_test_chat_set_support_style (server, AC_TEST_SUPPORT_WRAPPED);
  wrapped = analyze (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wrapped->category, ==, "technical");
  g_assert_cmpfloat (wrapped->category_confidence, ==, -1);
  g_assert_cmpuint (wrapped->suggestions->len, ==, 2);
  g_assert_cmpstr (wrapped->sentiment, ==, "negative");
  g_assert_cmpfloat_with_epsilon (wrapped->sentiment_score, -0.6, 1e-9);

  /* a 500 and a page that is not JSON: what answered is the answer */
  ac_test_chat_set_support_style (server, AC_TEST_SUPPORT_BROKEN);
  broken = analyze (client, &error);
  g_assert_no_error (error);
  g_assert_null (broken->category);
  g_assert_null (broken->sentiment);
  g_assert_true (isnan (broken->sentiment_score));
  g_assert_cmpuint (broken->suggestions->len, ==, 2);
}

static void
test_refused (void)
{
  g_autoptr(AcTestChat) server = ac_test_chat_new ();
  g_autoptr(AcSupportClient) client = client_for (server, "not-the-token");
  g_autoptr(AcSupportClient) nobody = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcSupportAnswer) answer = NULL;
  g_autoptr(AcSupportAnswer) unreachable = NULL;

  answer = analyze (client, &error);
  g_assert_null (answer);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH);
  g_clear_error (&error);

  g_assert_null (ac_support_client_new ("file:///etc", NULL, &error));
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION);
  g_clear_error (&error);

  /* nothing listens there */
  nobody = ac_support_client_new ("http://127.0.0.1:9/api/v1/support/", NULL, &error);
  g_assert_no_error (error);
  unreachable = analyze (nobody, &error);
  g_assert_null (unreachable);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NETWORK);
}

/* What else a service might send, read or refused without a crash. */
static void
test_readers (void)
{
  static const char *routes[] = {
    "{\"route\": \"phone\", \"score\": \"87\"}",
    "{\"recommended_route\": \"email\", \"alternatives\": [\"chat\", 3, {\"channel\": \"sms\"}]}",
  };
  static const char *not_routes[] = { "[]", "\"co-browse\"", "{\"recommendedRoute\": 5}", "null" };
  static const struct { const char *json; const char *category; } categories[] = {
    { "{\"categories\": [{\"name\": \"urgent\", \"score\": 0.5}]}", "urgent" },
    { "{\"category\": {\"label\": \"question\"}}", "question" },
    { "[\"approval\"]", "approval" },
    { "{\"category\": 3}", NULL },
    { "{}", NULL },
  };
  static const struct { const char *json; double score; } sentiments[] = {
    { "-0.4", -0.4 },
    { "{\"label\": \"neutral\", \"confidence\": 0.9}", 0 },
    { "{\"sentiment\": 0.3}", 0.3 },
    { "{\"sentiment\": \"positive\", \"score\": \"0.8\"}", 0.8 },
    { "{\"sentiment\": \"frustrated\", \"score\": 0.5}", -0.5 },
    { "{\"score\": 7}", NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (routes[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(AcSupportRoute) route = ac_support_read_route (node, &error);

      g_assert_no_error (error);
      g_assert_nonnull (route->route);
      if (i == 0)
        g_assert_cmpfloat_with_epsilon (route->confidence, 0.87, 1e-9);
      else
        g_assert_cmpuint (route->alternatives->len, ==, 2);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_routes); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (not_routes[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_null (ac_support_read_route (node, &error));
      g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (categories[i].json, NULL);
      AcSupportAnswer answer = { NULL, -1, NULL, NULL, NAN };

      ac_support_read_category (node, &answer);
      g_assert_cmpstr (answer.category, ==, categories[i].category);
      g_free (answer.category);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sentiments); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (sentiments[i].json, NULL);
      AcSupportAnswer answer = { NULL, -1, NULL, NULL, NAN };

      g_test_message ("%s", sentiments[i].json);
      ac_support_read_sentiment (node, &answer);
      if (isnan (sentiments[i].score))
        g_assert_true (isnan (answer.sentiment_score));
      else
        g_assert_cmpfloat_with_epsilon (answer.sentiment_score, sentiments[i].score, 1e-9);
      g_free (answer.sentiment);
    }
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/support-client/route", test_route);
  g_test_add_func ("/support-client/analyze", test_analyze);
  g_test_add_func ("/support-client/refused", test_refused);
  g_test_add_func ("/support-client/readers", test_readers);

  return g_test_run ();
}
