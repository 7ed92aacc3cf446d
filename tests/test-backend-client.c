/* test-backend-client.c
 *
 * The REST client against a real libsoup server on 127.0.0.1 that speaks
 * the backend contract and misbehaves on demand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ac-backend-client-private.h"
#include "ac-backend-channel.h"
#include "ac-backend-room.h"
#include "ac-utterance.h"
#include "ac-test-backend.h"
#include "ac-test-utils.h"

typedef struct
{
  AcTestBackend   *backend;
  AcBackendClient *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->backend = ac_test_backend_new ();
  fixture->client = ac_backend_client_new (ac_test_backend_get_api_url (fixture->backend), "tenant-42", &error);
  g_assert_no_error (error);
  /* A 429 is waited out for at most 3 s in these tests. */
  ac_backend_client_set_max_retry_wait (fixture->client, 3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  ac_test_backend_free (fixture->backend);
}

static AcBackendTokens *
login (Fixture     *fixture,
       const char  *password,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ac_backend_client_login_async (fixture->client, AC_TEST_BACKEND_EMAIL, password, NULL, ac_test_keep_result, &result);
  return ac_backend_client_login_finish (fixture->client, ac_test_wait_result (&result), error);
}

static GListModel *
search (Fixture     *fixture,
        const char  *query,
        guint       *total,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ac_backend_client_search_customers_async (fixture->client, query, NULL, NULL, NULL, 20, 0, NULL,
                                            ac_test_keep_result, &result);
  return ac_backend_client_search_customers_finish (fixture->client, ac_test_wait_result (&result), total, error);
}

static AcCustomer *
get_customer (Fixture     *fixture,
              const char  *id,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ac_backend_client_get_customer_async (fixture->client, id, NULL, ac_test_keep_result, &result);
  return ac_backend_client_get_customer_finish (fixture->client, ac_test_wait_result (&result), error);
}

static void
count_changes (AcBackendClient *client,
               guint           *count)
{
  (*count)++;
}

/* Signing in: the tokens, their expiry read from the JWT, the tenant sent;
 * a wrong password refused with the server's reason. */
static void
test_login (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(AcBackendTokens) refused = NULL;
  g_autofree char *tenant = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint changes = 0;

  g_signal_connect (fixture->client, "tokens-changed", G_CALLBACK (count_changes), &changes);

  refused = login (fixture, "hunter2", &error);
  g_assert_null (refused);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "Invalid credentials"));
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 0);

  tokens = login (fixture, AC_TEST_BACKEND_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens->access_token);
  g_assert_nonnull (tokens->refresh_token);
  g_assert_cmpint (tokens->expires_at, >=, now + 3599);
  g_assert_cmpint (tokens->expires_at, <=, now + 3601);
  g_assert_cmpint (ac_jwt_get_expiry (tokens->access_token), ==, tokens->expires_at);
  g_assert_cmpuint (changes, ==, 1);

  tenant = ac_test_backend_dup_last_header (fixture->backend, "X-Tenant-ID");
  g_assert_cmpstr (tenant, ==, "tenant-42");
}

/* Rows as PostgreSQL gives them: DECIMAL as strings, codes in another
 * case, camelCase names, nulls, a count as a string. */
static void
test_customers (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) tokens = login (fixture, AC_TEST_BACKEND_PASSWORD, &error);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(AcCustomer) adam = NULL;
  g_autoptr(AcCustomer) grace = NULL;
  g_autoptr(AcCustomer) nobody = NULL;
  g_autofree char *authorization = NULL;
  guint total = 0;

  found = search (fixture, "ad", &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2);
  g_assert_cmpuint (total, ==, 2);
  authorization = ac_test_backend_dup_last_header (fixture->backend, "Authorization");
  g_assert_true (g_str_has_prefix (authorization, "Bearer "));

  {
    g_autoptr(AcCustomer) ada = g_list_model_get_item (found, 0);

    g_assert_cmpstr (ac_customer_get_name (ada), ==, "Ada Lovelace");
    g_assert_cmpstr (ac_customer_get_field (ada, "balance"), ==, "1234.50");
    g_assert_null (ac_customer_get_field (ada, "last_transaction_date"));
  }

  adam = get_customer (fixture, "c-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ac_customer_get_field (adam, "balance"), ==, "-20");
  g_assert_cmpstr (ac_customer_get_field (adam, "status"), ==, "SUSPENDED");
  g_assert_cmpstr (ac_customer_get_field (adam, "account_type"), ==, "SAVINGS");
  g_assert_cmpstr (ac_customer_get_field (adam, "risk_level"), ==, "HIGH");

  grace = get_customer (fixture, "c-3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ac_customer_get_field (grace, "balance"), ==, "0.1");
  g_assert_null (ac_customer_get_field (grace, "email"));

  nobody = get_customer (fixture, "c-404", &error);
  g_assert_null (nobody);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An id is one path segment, whatever it holds. */
  {
    g_autoptr(AcCustomer) odd = get_customer (fixture, "../auth/login?x=1 #", &error);

    g_assert_null (odd);
    g_assert_true (error != NULL && error->domain == AC_BACKEND_ERROR);
    g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, "/api/auth/login"), ==, 1);
  }
}

/* Each way a server fails becomes its own error, with words for the
 * agent, and the client keeps working afterwards. */
static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) tokens = login (fixture, AC_TEST_BACKEND_PASSWORD, &error);
  struct {
    AcTestFault  fault;
    guint        times;
    int          code;
  } cases[] = {
    { AC_TEST_FAULT_SERVER_ERROR, 1, AC_BACKEND_ERROR_SERVER },
    { AC_TEST_FAULT_HTML, 1, AC_BACKEND_ERROR_SERVER },
    { AC_TEST_FAULT_CLOSE, 1, AC_BACKEND_ERROR_NETWORK },
    { AC_TEST_FAULT_RATE_LIMIT, 10, AC_BACKEND_ERROR_RATE_LIMITED },
    { AC_TEST_FAULT_SLOW, 1, AC_BACKEND_ERROR_TIMEOUT },
    /* Waited out: the answer comes. */
    { AC_TEST_FAULT_RETRY_AFTER, 1, -1 },
    { AC_TEST_FAULT_RATE_LIMIT, 1, -1 },
  };

  g_assert_no_error (error);
  ac_backend_client_set_timeout (fixture->client, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GListModel) found = NULL;
      g_autoptr(GListModel) after = NULL;

      g_test_message ("fault %d", cases[i].fault);
      ac_test_backend_fail_next (fixture->backend, cases[i].fault, cases[i].times);
      found = search (fixture, "grace", NULL, &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
        }
      else
        {
          g_assert_null (found);
          g_assert_error (error, AC_BACKEND_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, !=, "");
          g_clear_error (&error);
        }

      ac_test_backend_fail_next (fixture->backend, AC_TEST_FAULT_NONE, 0);
      /* The slow answer may still be on its way: give it time to land. */
      if (cases[i].fault == AC_TEST_FAULT_SLOW)
        ac_backend_client_set_timeout (fixture->client, 10);
      after = search (fixture, "grace", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
      ac_backend_client_set_timeout (fixture->client, 1);
    }
}

/* An expired access token: refreshed once (the refresh token rotates) and
 * the request sent again; when the refresh is refused too, sign in again. */
static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) first = login (fixture, AC_TEST_BACKEND_PASSWORD, &error);
  g_autoptr(AcBackendTokens) second = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) refused = NULL;
  guint changes = 0;

  g_assert_no_error (error);
  g_signal_connect (fixture->client, "tokens-changed", G_CALLBACK (count_changes), &changes);

  ac_test_backend_fail_next (fixture->backend, AC_TEST_FAULT_EXPIRED, 1);
  found = search (fixture, "grace", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, "/api/auth/refresh"), ==, 1);
  second = ac_backend_client_dup_tokens (fixture->client);
  g_assert_cmpstr (second->refresh_token, !=, first->refresh_token);

  /* The old refresh token is spent. */
  {
    AcBackendTokens stale = { second->access_token, first->refresh_token, second->expires_at };

    ac_backend_client_set_tokens (fixture->client, &stale);
  }
  ac_test_backend_fail_next (fixture->backend, AC_TEST_FAULT_EXPIRED, 1);
  refused = search (fixture, "grace", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH);
}

/* Plain http only to this computer; nonsense refused. */
static void
test_addresses (void)
{
  const char *refused[] = { "http://cc.example.com/api", "http://192.168.1.10/api", "ftp://127.0.0.1/",
                            "not a url", "https://", NULL };
  const char *accepted[] = { "https://cc.example.com/api/", "http://127.0.0.1:3000/api", "http://localhost/api",
                             "http://[::1]:8080/api", NULL };

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AcBackendClient) client = ac_backend_client_new (refused[i], NULL, &error);

      g_assert_null (client);
      g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION);
    }
  for (guint i = 0; accepted[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AcBackendClient) client = ac_backend_client_new (accepted[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_false (g_str_has_suffix (ac_backend_client_get_base_url (client), "/"));
    }

  /* Explicitly allowed: plain http anywhere, but still only http(s). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AcBackendClient) client = ac_backend_client_new_full ("http://192.168.1.10/api", NULL, TRUE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (client);
    g_assert_false (ac_backend_check_address ("ftp://192.168.1.10/", FALSE, TRUE, NULL));
  }

  /* The rooms' addresses, the same way. */
  g_assert_true (ac_backend_check_address ("wss://cc.example.com", TRUE, FALSE, NULL));
  g_assert_true (ac_backend_check_address ("ws://127.0.0.1:3001", TRUE, FALSE, NULL));
  g_assert_false (ac_backend_check_address ("ws://cc.example.com", TRUE, FALSE, NULL));
  g_assert_true (ac_backend_check_address ("ws://cc.example.com", TRUE, TRUE, NULL));
  g_assert_false (ac_backend_check_address ("https://cc.example.com", TRUE, TRUE, NULL));
  g_assert_false (ac_backend_check_address ("wss://cc.example.com", FALSE, FALSE, NULL));

  /* Numbers as servers keep them; anything else is not one. */
  {
    g_autofree char *written = ac_backend_phone_number ("+1 (555) 123-4567");
    g_autofree char *plain = ac_backend_phone_number ("5551234567");
    g_autofree char *name = ac_backend_phone_number ("Ada 555");
    g_autofree char *short_one = ac_backend_phone_number ("12");
    g_autofree char *international = ac_backend_phone_number ("0044 20 7946 0000");

    g_assert_cmpstr (written, ==, "+15551234567");
    g_assert_cmpstr (plain, ==, "+5551234567");
    g_assert_null (name);
    g_assert_null (short_one);
    /* The same normaliser as the store's: 00 is the international +. */
    g_assert_cmpstr (international, ==, "+442079460000");
  }

  g_assert_cmpint (ac_jwt_get_expiry ("not.a.jwt"), ==, 0);
  g_assert_cmpint (ac_jwt_get_expiry (NULL), ==, 0);
  g_assert_cmpint (ac_jwt_get_expiry ("e30.eyJleHAiOjE3MDAwMDAwMDB9.x"), ==, 1700000000);
}

static gboolean
room_is_open (AcBackendRoom *room)
{
  return ac_backend_room_get_state (room) == AC_BACKEND_ROOM_OPEN;
}

static gboolean
room_all_confirmed (AcBackendRoom *room)
{
  return ac_backend_room_get_n_unconfirmed (room) == 0;
}

static AcConversation *
create_conversation (Fixture     *fixture,
                     const char  *client_id,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ac_backend_client_create_conversation_async (fixture->client, client_id, "c-1", "u-1", "VOICE", NULL,
                                               ac_test_keep_result, &result);
  return ac_backend_client_conversation_finish (fixture->client, ac_test_wait_result (&result), error);
}

static AcTicket *
create_ticket (Fixture     *fixture,
               const char  *client_id,
               GHashTable  *fields,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ac_backend_client_create_ticket_async (fixture->client, client_id, fields, NULL, ac_test_keep_result, &result);
  return ac_backend_client_create_ticket_finish (fixture->client, ac_test_wait_result (&result), error);
}

static guint
count_tickets (Fixture    *fixture,
               const char *status,
               const char *priority)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tickets = NULL;

  ac_backend_client_list_tickets_async (fixture->client, status, priority, NULL, NULL, 50, 0, NULL,
                                        ac_test_keep_result, &result);
  tickets = ac_backend_client_list_tickets_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (tickets);
}

/* Every other endpoint of the contract's frontend, each as the app's own
 * models; creations sent twice make one thing. */
static void
test_endpoints (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) tokens = login (fixture, AC_TEST_BACKEND_PASSWORD, &error);
  g_autoptr(AcConversation) conversation = NULL;
  g_autoptr(AcConversation) again = NULL;
  g_autoptr(AcConversation) ended = NULL;
  g_autoptr(AcTicket) ticket = NULL;
  g_autoptr(AcTicket) ticket_again = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GHashTable) dashboard = NULL;
  g_autofree char *ws_url = ac_backend_derive_websocket_url (ac_test_backend_get_api_url (fixture->backend));
  g_autoptr(AcBackendRoom) room = NULL;
  const char *id;
  g_autofree char *end_path = NULL;

  g_assert_no_error (error);

  /* Conversations: created once for one client id. */
  conversation = create_conversation (fixture, "local-call-1", &error);
  g_assert_no_error (error);
  again = create_conversation (fixture, "local-call-1", &error);
  g_assert_no_error (error);
  id = ac_conversation_get_id (conversation);
  g_assert_cmpstr (ac_conversation_get_id (again), ==, id);
  g_assert_cmpstr (ac_conversation_get_field (conversation, "status"), ==, "ACTIVE");
  g_assert_cmpstr (ac_conversation_get_field (conversation, "customer_id"), ==, "c-1");

  /* Two utterances through the room, then read back over REST. */
  room = ac_backend_room_new (fixture->client, ws_url, id, "u-1");
  ac_backend_room_open (room);
  ac_test_wait_for (room_is_open, room, 5000);
  ac_backend_room_send_message (room, "m-1", "customer", "The charge is wrong and I am angry");
  ac_backend_room_send_message (room, "m-2", "agent", "Thanks, I will fix it");
  ac_test_wait_for (room_all_confirmed, room, 5000);
  ac_backend_room_close (room);

  ac_backend_client_list_messages_async (fixture->client, id, 50, NULL, ac_test_keep_result, &result);
  messages = ac_backend_client_list_messages_finish (fixture->client, ac_test_wait_result (&result), &ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], !=, "");
  g_assert_cmpuint (ac_utterance_get_channel (g_ptr_array_index (messages, 0)), ==, 0);
  g_assert_cmpstr (ac_utterance_get_text (g_ptr_array_index (messages, 0)), ==, "The charge is wrong and I am angry");
  g_assert_cmpuint (ac_utterance_get_channel (g_ptr_array_index (messages, 1)), ==, 1);
  g_assert_true (ac_utterance_get_is_final (g_ptr_array_index (messages, 1)));
  g_clear_object (&result);

  /* The queues, an id sent as a number among them; a transfer of the
   * call to one, and the server's refusal of one with no target. */
  {
    g_autoptr(GPtrArray) queues = NULL;
    g_autoptr(GHashTable) transfer = NULL;
    g_autofree char *taken = NULL;

    ac_backend_client_list_queues_async (fixture->client, NULL, ac_test_keep_result, &result);
    queues = ac_backend_client_list_queues_finish (fixture->client, ac_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_cmpuint (queues->len, ==, 2);
    g_assert_cmpstr (g_hash_table_lookup (queues->pdata[0], "name"), ==, "Billing");
    g_assert_cmpstr (g_hash_table_lookup (queues->pdata[1], "id"), ==, "7");

    ac_backend_client_transfer_call_async (fixture->client, id, "Fraud", NULL, TRUE, "card stolen", NULL,
                                           ac_test_keep_result, &result);
    transfer = ac_backend_client_transfer_call_finish (fixture->client, ac_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_cmpstr (g_hash_table_lookup (transfer, "status"), ==, "INITIATED");
    taken = ac_test_backend_dup_last_transfer (fixture->backend);
    g_assert_true (g_str_has_prefix (taken, id));
    g_assert_cmpstr (taken + strlen (id), ==, "|Fraud||WARM|card stolen");

    ac_backend_client_transfer_call_async (fixture->client, "no-such-call", NULL, "ana@example.com", FALSE,
                                           NULL, NULL, ac_test_keep_result, &result);
    g_assert_null (ac_backend_client_transfer_call_finish (fixture->client, ac_test_wait_result (&result), &error));
    g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "No such call"));
    g_clear_error (&error);
    g_clear_object (&result);
  }

  /* The timeline's numbers come as DECIMAL text. */
  ac_backend_client_get_sentiment_timeline_async (fixture->client, id, NULL, ac_test_keep_result, &result);
  timeline = ac_backend_client_get_sentiment_timeline_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 2);
  g_assert_cmpstr (((AcBackendSentiment *) g_ptr_array_index (timeline, 0))->label, ==, "negative");
  /* Named by the ids the messages came with. */
  g_assert_cmpstr (((AcBackendSentiment *) g_ptr_array_index (timeline, 0))->message_id, ==, ids[0]);
  g_assert_cmpfloat_with_epsilon (((AcBackendSentiment *) g_ptr_array_index (timeline, 0))->risk_score, 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (((AcBackendSentiment *) g_ptr_array_index (timeline, 0))->confidence, 0.9, 1e-9);
  g_assert_true (((AcBackendSentiment *) g_ptr_array_index (timeline, 0))->escalation_required);
  g_assert_cmpstr (((AcBackendSentiment *) g_ptr_array_index (timeline, 1))->label, ==, "positive");
  g_clear_object (&result);

  /* The end of the call. */
  end_path = g_strdup_printf ("/api/conversations/%s/end", id);
  ac_backend_client_end_conversation_async (fixture->client, id, 184, "NEGATIVE", "CALLBACK", "Refund promised",
                                            FALSE, NULL, ac_test_keep_result, &result);
  ended = ac_backend_client_conversation_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  /* The contract's way: POST /conversations/:id/end, ENDED, the server's
   * own end time and duration. */
  g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, end_path), ==, 1);
  g_assert_cmpstr (ac_conversation_get_field (ended, "status"), ==, "ENDED");
  g_assert_nonnull (ac_conversation_get_field (ended, "end_time"));
  g_assert_cmpstr (ac_conversation_get_field (ended, "summary"), ==, "Refund promised");
  g_assert_cmpstr (ac_conversation_get_field (ended, "resolution_status"), ==, "PENDING");
  g_clear_object (&result);
  g_clear_object (&ended);

  /* Sent again (the answer was lost): 409, read back as it is. */
  ac_backend_client_end_conversation_async (fixture->client, id, 184, "NEGATIVE", "CALLBACK", "Refund promised",
                                            FALSE, NULL, ac_test_keep_result, &result);
  ended = ac_backend_client_conversation_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ac_conversation_get_field (ended, "status"), ==, "ENDED");
  g_clear_object (&result);

  /* A backend of document 000 alone has no /end: the call ends with its
   * PATCH, COMPLETED and the call's duration. */
  {
    g_autoptr(AcConversation) other = NULL;
    g_autoptr(AcConversation) done = NULL;

    ac_test_backend_set_document_000 (fixture->backend, TRUE);
    ac_backend_client_create_conversation_async (fixture->client, "end-doc-000", NULL, "u-1", "VOICE", NULL,
                                                 ac_test_keep_result, &result);
    other = ac_backend_client_conversation_finish (fixture->client, ac_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    ac_backend_client_end_conversation_async (fixture->client, ac_conversation_get_id (other), 184, "NEGATIVE",
                                              NULL, NULL, TRUE, NULL, ac_test_keep_result, &result);
    done = ac_backend_client_conversation_finish (fixture->client, ac_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ac_conversation_get_field (done, "status"), ==, "COMPLETED");
    g_assert_cmpstr (ac_conversation_get_field (done, "duration"), ==, "184");
    g_clear_object (&result);
    ac_test_backend_set_document_000 (fixture->backend, FALSE);
  }

  /* Tickets: filed once for one client id, codes back in capitals. */
  g_hash_table_insert (fields, "title", "Double charge on card");
  g_hash_table_insert (fields, "description", "Customer was charged twice on 3 March");
  g_hash_table_insert (fields, "category", "BILLING");
  g_hash_table_insert (fields, "priority", "HIGH");
  g_hash_table_insert (fields, "customer_id", "c-1");
  g_hash_table_insert (fields, "conversation_id", (gpointer) id);
  g_hash_table_insert (fields, "tags", "[\"billing\",\"refund\"]");
  ticket = create_ticket (fixture, "local-ticket-1", fields, &error);
  g_assert_no_error (error);
  ticket_again = create_ticket (fixture, "local-ticket-1", fields, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ac_ticket_get_id (ticket), ==, "TKT-000001");
  g_assert_cmpstr (ac_ticket_get_id (ticket_again), ==, "TKT-000001");
  g_assert_cmpuint (ac_test_backend_get_n_tickets (fixture->backend), ==, 1);
  g_assert_cmpstr (ac_ticket_get_field (ticket, "priority"), ==, "HIGH");
  g_assert_cmpstr (ac_ticket_get_field (ticket, "tags"), ==, "[\"billing\",\"refund\"]");
  g_assert_nonnull (ac_ticket_get_field (ticket, "sla_deadline"));
  g_assert_true (ac_ticket_is_open (ticket));

  g_hash_table_insert (fields, "priority", "SOMEDAY");
  g_clear_object (&ticket_again);
  ticket_again = create_ticket (fixture, "local-ticket-2", fields, &error);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION);
  g_assert_null (ticket_again);
  g_clear_error (&error);

  g_assert_cmpuint (count_tickets (fixture, "OPEN", NULL), ==, 1);
  g_assert_cmpuint (count_tickets (fixture, NULL, "HIGH"), ==, 1);
  g_assert_cmpuint (count_tickets (fixture, NULL, "LOW"), ==, 0);

  /* The floor's figures are for supervisors: an agent gets 403, which is
   * not a reason to sign out. */
  ac_backend_client_get_dashboard_async (fixture->client, NULL, ac_test_keep_result, &result);
  dashboard = ac_backend_client_get_dashboard_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_FORBIDDEN);
  g_assert_null (dashboard);
  g_clear_error (&error);
  g_clear_object (&result);

  ac_backend_client_check_health_async (fixture->client, NULL, ac_test_keep_result, &result);
  g_assert_true (ac_backend_client_check_health_finish (fixture->client, ac_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Unknown conversation. */
  ac_backend_client_get_conversation_async (fixture->client, "no-such-call", NULL, ac_test_keep_result, &result);
  g_assert_null (ac_backend_client_conversation_finish (fixture->client, ac_test_wait_result (&result), &error));
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A proxy's page instead of the list. */
  ac_test_backend_fail_next (fixture->backend, AC_TEST_FAULT_HTML, 1);
  g_assert_cmpuint (ac_test_backend_get_n_tickets (fixture->backend), ==, 1);
  ac_backend_client_list_tickets_async (fixture->client, NULL, NULL, NULL, NULL, 50, 0, NULL, ac_test_keep_result, &result);
  g_assert_null (ac_backend_client_list_tickets_finish (fixture->client, ac_test_wait_result (&result), &error));
  g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_SERVER);

  g_assert_finalize_object (g_steal_pointer (&room));
}

static gboolean
changed_twice (gpointer data)
{
  return *(guint *) data >= 2;
}

/* A minute before the access token expires it is refreshed by itself,
 * with no request to prompt it. */
static void
test_auto_refresh (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) first = NULL;
  g_autoptr(AcBackendTokens) now = NULL;
  guint changes = 0;

  /* Expiring in 62 s: due for a refresh in 2. */
  ac_test_backend_set_token_lifetime (fixture->backend, 62);
  ac_backend_client_set_auto_refresh (fixture->client, TRUE);
  g_signal_connect (fixture->client, "tokens-changed", G_CALLBACK (count_changes), &changes);
  first = login (fixture, AC_TEST_BACKEND_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, "/api/auth/refresh"), ==, 0);

  ac_test_wait_for (changed_twice, &changes, 8000);
  ac_backend_client_set_auto_refresh (fixture->client, FALSE);
  g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, "/api/auth/refresh"), ==, 1);
  now = ac_backend_client_dup_tokens (fixture->client);
  g_assert_cmpstr (now->access_token, !=, first->access_token);
  g_assert_cmpstr (now->refresh_token, !=, first->refresh_token);
  g_assert_cmpint (now->expires_at, >=, first->expires_at);
}

/* What a careless server may send for the lists the views read. */
static const struct
{
  const char *path;
  const char *body;
} hostile[] = {
  { "/api/tickets",
    "{\"success\":true,\"data\":{\"tickets\":[1,\"x\",null,[],{\"title\":\"no id\"},"
    "{\"id\":5,\"title\":{\"nested\":true},\"priority\":[],\"status\":null,\"sla_deadline\":\"soon\"},"
    "{\"id\":\"T-1\",\"title\":\"Fine\",\"priority\":\"high\",\"status\":\"open\"}]}}" },
  { "/api/conversations/c/messages",
    "{\"success\":true,\"data\":{\"messages\":[{\"id\":null,\"content\":\"first\",\"speaker\":null,"
    "\"timestamp\":\"not a date\",\"confidence\":\"NaN\"},{\"content\":123},{\"content\":\"\"},7,"
    "{\"id\":\"m-2\",\"content\":\"second\",\"speaker\":\"AGENT\",\"timestamp\":\"2026-01-01T00:00:00Z\","
    "\"confidence\":\"high\"}]}}" },
  { "/api/sentiment/conversation/c",
    "{\"success\":true,\"data\":[null,{\"sentiment\":\"negative\"},{\"message_id\":\"m-1\",\"sentiment\":\"ecstatic\"},"
    "{\"messageId\":\"m-2\",\"sentiment\":\"NEGATIVE\",\"confidence\":\"NaN\",\"riskScore\":\"Infinity\"}]}" },
};

static void
on_hostile_request (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           data)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    if (g_str_equal (path, hostile[i].path))
      {
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, hostile[i].body,
                                          strlen (hostile[i].body));
        return;
      }
  soup_server_message_set_status (msg, 404, NULL);
}

/* The lists the Tickets window and Call History read, from a server that
 * sends garbage among them: the rows the app can read, nothing else, and
 * no number that is not one. */
/* Whatever a server answers is an answer or an error for the agent,
 * never both, never a json-glib critical (these three were found by
 * tests/fuzz/fuzz-backend-envelope.c). */
static void
test_hostile_envelopes (void)
{
  static const struct { guint status; const char *body; gboolean answers; } cases[] = {
    { 200, "{\"success\":true,\"data\":{\"id\":\"c1\"}}", TRUE },
    { 200, "{\"success\":\"true\",\"data\":[]}", TRUE },
    { 200, "{\"status\":\"ok\"}", TRUE },
    { 200, "{\"success\":{}}", FALSE },
    { 400, "{\"success\":false,\"error\":{\"code\":[1],\"message\":{\"x\":1}}}", FALSE },
    { 404, "{\"success\":false,\"error\":\"gone\"}", FALSE },
    { 502, "<html>Bad Gateway</html>", FALSE },
    { 200, "", FALSE },
    { 200, "\xff\xfe{", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) answer = ac_backend_read_envelope (cases[i].status, body, &error);

      g_test_message ("%u %s", cases[i].status, cases[i].body);
      g_assert_true ((answer != NULL) == cases[i].answers);
      g_assert_true ((answer == NULL) == (error != NULL));
      if (error != NULL)
        g_assert_true (error->domain == AC_BACKEND_ERROR);
    }
}

/* json-glib decodes a lone low surrogate ("\udc00") into bytes that are
 * not UTF-8; the client mends it into U+FFFD before any reader sees it
 * (found by tests/fuzz/fuzz-backend-fields.c). */
static void
test_lone_surrogate (void)
{
  static const char text[] = "{\"success\":true,\"data\":{\"id\":\"c1\",\"note\":\"a \\udc00 b\","
                             "\"tags\":[\"x\\udfffy\"]}}";
  g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = ac_backend_read_envelope (200, body, &error);
  g_autoptr(GHashTable) fields = NULL;
  JsonObject *data;

  g_assert_no_error (error);
  g_assert_nonnull (answer);
  data = json_node_get_object (answer);
  /* json-glib 1.6 also swallows the byte after the surrogate; what is
   * left is text, with U+FFFD where the bytes were not. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (data, "note"), "a \xef\xbf\xbd"));
  g_assert_true (g_utf8_validate (json_object_get_string_member (data, "note"), -1, NULL));
  fields = ac_backend_fields_from_json (data);
  g_assert_true (g_utf8_validate (g_hash_table_lookup (fields, "note"), -1, NULL));
  g_assert_true (g_utf8_validate (g_hash_table_lookup (fields, "tags"), -1, NULL));

  /* in a member's name, deeper down (the fuzzer again) */
  {
    static const char nested[] = "{\"success\":true,\"data\":{\"id\":\"c2\",\"x\":[{\"ken \\udc00 haic\":1}]}}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (nested, strlen (nested));
    g_autoptr(JsonNode) again = ac_backend_read_envelope (200, bytes, &error);
    g_autoptr(GHashTable) more = NULL;

    g_assert_no_error (error);
    more = ac_backend_fields_from_json (json_node_get_object (again));
    g_assert_true (g_utf8_validate (g_hash_table_lookup (more, "x"), -1, NULL));
  }
}

static void
test_hostile_lists (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) tickets = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, NULL, on_hostile_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  client = ac_backend_client_new (url, NULL, &error);
  g_assert_no_error (error);

  ac_backend_client_list_tickets_async (client, NULL, NULL, NULL, NULL, 50, 0, NULL, ac_test_keep_result, &result);
  tickets = ac_backend_client_list_tickets_finish (client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (tickets), ==, 2);
  {
    g_autoptr(AcTicket) numbered = g_list_model_get_item (tickets, 0);
    g_autoptr(AcTicket) fine = g_list_model_get_item (tickets, 1);

    g_assert_cmpstr (ac_ticket_get_id (numbered), ==, "5");
    g_assert_cmpstr (ac_ticket_get_field (fine, "priority"), ==, "HIGH");
    g_assert_cmpstr (ac_ticket_get_field (fine, "status"), ==, "OPEN");
  }

  ac_backend_client_list_messages_async (client, "c", 50, NULL, ac_test_keep_result, &result);
  messages = ac_backend_client_list_messages_finish (client, ac_test_wait_result (&result), &ids, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  /* A number for content is taken as its text, as numbers are elsewhere. */
  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "");
  g_assert_cmpstr (ac_utterance_get_text (g_ptr_array_index (messages, 1)), ==, "123");
  g_assert_cmpstr (ids[2], ==, "m-2");
  for (guint i = 0; i < messages->len; i++)
    {
      double confidence = ac_utterance_get_confidence (g_ptr_array_index (messages, i));

      g_assert_true (confidence >= 0 && confidence <= 1);
    }
  g_assert_cmpuint (ac_utterance_get_channel (g_ptr_array_index (messages, 2)), ==, 1);

  ac_backend_client_get_sentiment_timeline_async (client, "c", NULL, ac_test_keep_result, &result);
  timeline = ac_backend_client_get_sentiment_timeline_finish (client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 1);
  {
    const AcBackendSentiment *one = g_ptr_array_index (timeline, 0);
    double score = ac_backend_sentiment_get_score (one);

    g_assert_cmpstr (one->message_id, ==, "m-2");
    g_assert_true (score >= -1 && score <= 0);
    g_assert_true (one->risk_score == -1 || (one->risk_score >= 0 && one->risk_score <= 1));
  }
}

typedef struct
{
  GPtrArray *types;    /* char* */
  GPtrArray *states;   /* char*: agent_state_changed's state */
  gint64     last_seq;
  gboolean   ordered;
} Frames;

static void
on_frame (AcBackendChannel *channel,
          const char       *type,
          JsonNode         *data,
          gint64            seq,
          Frames           *frames)
{
  g_ptr_array_add (frames->types, g_strdup (type));
  if (g_str_equal (type, "agent_state_changed") && JSON_NODE_HOLDS_OBJECT (data))
    g_ptr_array_add (frames->states,
                     g_strdup (json_object_get_string_member_with_default (json_node_get_object (data), "state", "")));
  if (seq >= 0)
    {
      frames->ordered &= seq > frames->last_seq;
      frames->last_seq = seq;
    }
}

static gboolean
has_n_states (gpointer data)
{
  gpointer *args = data;

  return ((Frames *) args[0])->states->len >= GPOINTER_TO_UINT (args[1]);
}

static gboolean
channel_connected (AcBackendChannel *channel)
{
  return ac_backend_channel_get_connected (channel);
}

/* /ws/notifications: its snapshot first, then the agent's state changes —
 * the agent's own (PUT /agents/me/state) and the server's (a call
 * assigned) — in seq order. */
static void
test_channel (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) tokens = login (fixture, AC_TEST_BACKEND_PASSWORD, &error);
  g_autofree char *ws_url = ac_backend_derive_websocket_url (ac_test_backend_get_api_url (fixture->backend));
  g_autoptr(AcBackendChannel) channel = ac_backend_channel_new (fixture->client, ws_url, "notifications");
  Frames frames = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free), -1, TRUE };
  gpointer args[2] = { &frames, GUINT_TO_POINTER (2) };

  g_assert_no_error (error);
  g_signal_connect (channel, "frame", G_CALLBACK (on_frame), &frames);
  ac_backend_channel_start (channel);
  ac_test_wait_for (channel_connected, channel, 5000);

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GHashTable) agent = NULL;

    ac_backend_client_set_agent_state_async (fixture->client, "BREAK", "Lunch with a very long reason given here",
                                             NULL, ac_test_keep_result, &result);
    agent = ac_backend_client_set_agent_state_finish (fixture->client, ac_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_hash_table_lookup (agent, "state"), ==, "BREAK");
    g_assert_cmpstr (g_hash_table_lookup (agent, "previous_state"), ==, "OFFLINE");
  }
  ac_test_backend_assign_call (fixture->backend);
  ac_test_wait_for (has_n_states, args, 5000);

  g_assert_cmpstr (frames.types->pdata[0], ==, "notifications_snapshot");
  g_assert_cmpstr (frames.states->pdata[0], ==, "BREAK");
  g_assert_cmpstr (frames.states->pdata[1], ==, "ON_CALL");
  g_assert_true (frames.ordered);
  g_assert_cmpint (ac_backend_channel_get_last_seq (channel), ==, 2);
  {
    /* the reason, cut to the contract's 30 characters */
    g_autofree char *states = ac_test_backend_dup_agent_states (fixture->backend);

    g_assert_cmpstr (states, ==, "BREAK:Lunch with a very long reason\n");
  }

  /* An unknown state is refused by the server, in its words. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GHashTable) agent = NULL;

    ac_backend_client_set_agent_state_async (fixture->client, "NAPPING", NULL, NULL, ac_test_keep_result, &result);
    agent = ac_backend_client_set_agent_state_finish (fixture->client, ac_test_wait_result (&result), &error);
    g_assert_null (agent);
    g_assert_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION);
    g_clear_error (&error);
  }

  ac_backend_channel_stop (channel);
  g_assert_false (ac_backend_channel_get_connected (channel));
  g_ptr_array_unref (frames.types);
  g_ptr_array_unref (frames.states);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/backend-client/addresses", test_addresses);
  g_test_add ("/backend-client/channel", Fixture, NULL, fixture_set_up, test_channel, fixture_tear_down);
  g_test_add_func ("/backend-client/hostile-lists", test_hostile_lists);
  g_test_add_func ("/backend-client/hostile-envelopes", test_hostile_envelopes);
  g_test_add_func ("/backend-client/lone-surrogate", test_lone_surrogate);
  g_test_add ("/backend-client/login", Fixture, NULL, fixture_set_up, test_login, fixture_tear_down);
  g_test_add ("/backend-client/customers", Fixture, NULL, fixture_set_up, test_customers, fixture_tear_down);
  g_test_add ("/backend-client/faults", Fixture, NULL, fixture_set_up, test_faults, fixture_tear_down);
  g_test_add ("/backend-client/refresh", Fixture, NULL, fixture_set_up, test_refresh, fixture_tear_down);
  g_test_add ("/backend-client/auto-refresh", Fixture, NULL, fixture_set_up, test_auto_refresh, fixture_tear_down);
  g_test_add ("/backend-client/endpoints", Fixture, NULL, fixture_set_up, test_endpoints, fixture_tear_down);

  return g_test_run ();
}
