/* test-backend-room.c
 *
 * A conversation's live room against a real libsoup WebSocket server on
 * 127.0.0.1 that speaks the contract's room and fails on demand: dropped
 * connections, a restarted server, a peer that stops answering, malformed
 * and oversized frames, refused tokens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ac-backend-room.h"
#include "ac-test-backend.h"
#include "ac-test-utils.h"

typedef struct
{
  AcTestBackend   *backend;
  AcBackendClient *client;
  char            *ws_url;
  char            *conversation_id;
  AcBackendRoom   *room;

  guint            confirmed;
  GPtrArray       *received;      /* "speaker: content" of others' messages */
  GPtrArray       *sentiments;    /* AcBackendSentiment */
  GPtrArray       *joined;        /* agent ids */
  guint            errors;
} Fixture;

static guint room_warnings;
static guint other_warnings;

/* The room warns about what it drops: those warnings are expected here,
 * and counted; any other warning fails the test at its end. */
static void
log_handler (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        data)
{
  if (g_strcmp0 (domain, "ac-backend") == 0 && (level & G_LOG_LEVEL_WARNING))
    room_warnings++;
  else if (level & G_LOG_LEVEL_WARNING)
    other_warnings++;
  g_log_default_handler (domain, level, message, data);
}

static AcBackendClient *
signed_in_client (AcTestBackend *backend)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AcBackendClient) client = ac_backend_client_new (ac_test_backend_get_api_url (backend), NULL, &error);
  g_autoptr(AcBackendTokens) tokens = NULL;

  g_assert_no_error (error);
  ac_backend_client_login_async (client, AC_TEST_BACKEND_EMAIL, AC_TEST_BACKEND_PASSWORD, NULL,
                                 ac_test_keep_result, &result);
  tokens = ac_backend_client_login_finish (client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

static char *
create_conversation (AcBackendClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"customerId\":\"c-1\",\"agentId\":\"u-1\",\"channel\":\"VOICE\"}", NULL);
  g_autoptr(JsonNode) data = NULL;

  ac_backend_client_request_async (client, "POST", "/conversations", body, NULL, ac_test_keep_result, &result);
  data = ac_backend_client_request_finish (client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (data), "id"));
}

static void
on_confirmed (AcBackendRoom *room,
              const char    *client_id,
              const char    *server_id,
              Fixture       *fixture)
{
  g_assert_nonnull (client_id);
  g_assert_nonnull (server_id);
  fixture->confirmed++;
}

static void
on_received (AcBackendRoom *room,
             const char    *id,
             const char    *speaker,
             const char    *content,
             const char    *timestamp,
             Fixture       *fixture)
{
  g_ptr_array_add (fixture->received, g_strconcat (speaker, ": ", content, NULL));
}

static void
on_sentiment (AcBackendRoom            *room,
              const AcBackendSentiment *sentiment,
              Fixture                  *fixture)
{
  g_ptr_array_add (fixture->sentiments, ac_backend_sentiment_copy (sentiment));
}

static void
on_joined (AcBackendRoom *room,
           const char    *agent_id,
           Fixture       *fixture)
{
  g_ptr_array_add (fixture->joined, g_strdup (agent_id));
}

static void
on_error (AcBackendRoom *room,
          const char    *message,
          Fixture       *fixture)
{
  fixture->errors++;
}

static AcBackendRoom *
new_room (Fixture         *fixture,
          AcBackendClient *client,
          const char      *agent_id)
{
  AcBackendRoom *room = ac_backend_room_new (client, fixture->ws_url, fixture->conversation_id, agent_id);

  /* Quick retries and a quick heartbeat, so that tests take seconds. */
  ac_backend_room_set_backoff (room, 50, 400);
  ac_backend_room_set_heartbeat (room, 1000, 2500);
  return room;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  room_warnings = other_warnings = 0;
  fixture->backend = ac_test_backend_new ();
  fixture->client = signed_in_client (fixture->backend);
  fixture->ws_url = ac_backend_derive_websocket_url (ac_test_backend_get_api_url (fixture->backend));
  fixture->conversation_id = create_conversation (fixture->client);
  fixture->received = g_ptr_array_new_with_free_func (g_free);
  fixture->sentiments = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_backend_sentiment_free);
  fixture->joined = g_ptr_array_new_with_free_func (g_free);

  fixture->room = new_room (fixture, fixture->client, "u-1");
  g_signal_connect (fixture->room, "message-confirmed", G_CALLBACK (on_confirmed), fixture);
  g_signal_connect (fixture->room, "message-received", G_CALLBACK (on_received), fixture);
  g_signal_connect (fixture->room, "sentiment-update", G_CALLBACK (on_sentiment), fixture);
  g_signal_connect (fixture->room, "agent-joined", G_CALLBACK (on_joined), fixture);
  g_signal_connect (fixture->room, "server-error", G_CALLBACK (on_error), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ac_backend_room_close (fixture->room);
  g_assert_finalize_object (fixture->room);
  g_assert_finalize_object (fixture->client);
  ac_test_backend_free (fixture->backend);
  g_ptr_array_unref (fixture->received);
  g_ptr_array_unref (fixture->sentiments);
  g_ptr_array_unref (fixture->joined);
  g_free (fixture->ws_url);
  g_free (fixture->conversation_id);
  g_assert_cmpuint (other_warnings, ==, 0);
}

static gboolean
room_open (AcBackendRoom *room)
{
  return ac_backend_room_get_state (room) == AC_BACKEND_ROOM_OPEN;
}

static gboolean
room_not_open (AcBackendRoom *room)
{
  return ac_backend_room_get_state (room) != AC_BACKEND_ROOM_OPEN;
}

static gboolean
room_signed_out (AcBackendRoom *room)
{
  return ac_backend_room_get_state (room) == AC_BACKEND_ROOM_SIGNED_OUT;
}

static gboolean
all_confirmed (AcBackendRoom *room)
{
  return ac_backend_room_get_n_unconfirmed (room) == 0;
}

static gboolean
three_sentiments (Fixture *fixture)
{
  return fixture->sentiments->len >= 3;
}

static void
send (AcBackendRoom *room,
      guint          n,
      const char    *speaker,
      const char    *content)
{
  g_autofree char *id = g_strdup_printf ("client-%04u", n);

  ac_backend_room_send_message (room, id, speaker, content);
}

static void
assert_messages (Fixture *fixture,
                 guint    n)
{
  g_auto(GStrv) stored = ac_test_backend_dup_messages (fixture->backend, fixture->conversation_id);

  g_assert_cmpuint (g_strv_length (stored), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s: utterance %u", i % 2 ? "agent" : "customer", i);

      g_assert_cmpstr (stored[i], ==, expected);
    }
}

/* Sent, echoed, confirmed; the backend's scores come back tied to the
 * app's own ids. */
static void
test_room_messages (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(GStrv) stored = NULL;

  ac_backend_room_open (fixture->room);
  ac_test_wait_for (room_open, fixture->room, 5000);

  send (fixture->room, 1, "customer", "My card was charged twice and nobody called back, this is wrong and I am angry");
  send (fixture->room, 2, "agent", "Thanks for waiting, I can see the second charge");
  send (fixture->room, 3, "customer", "Thank you, that is great");
  ac_test_wait_for (all_confirmed, fixture->room, 5000);
  ac_test_wait_for (three_sentiments, fixture, 5000);

  g_assert_cmpuint (fixture->confirmed, ==, 3);
  /* The app's own echoes are not someone else's messages. */
  g_assert_cmpuint (fixture->received->len, ==, 0);

  stored = ac_test_backend_dup_messages (fixture->backend, fixture->conversation_id);
  g_assert_cmpuint (g_strv_length (stored), ==, 3);
  g_assert_true (g_str_has_prefix (stored[0], "customer: My card"));
  g_assert_true (g_str_has_prefix (stored[1], "agent: Thanks"));

  {
    AcBackendSentiment *first = g_ptr_array_index (fixture->sentiments, 0);
    AcBackendSentiment *last = g_ptr_array_index (fixture->sentiments, 2);

    g_assert_cmpstr (first->client_message_id, ==, "client-0001");
    g_assert_cmpstr (first->label, ==, "negative");
    g_assert_cmpfloat (first->risk_score, >, 0.7);
    g_assert_true (first->escalation_required);
    g_assert_cmpstr (last->client_message_id, ==, "client-0003");
    g_assert_cmpstr (last->label, ==, "positive");
    g_assert_false (last->escalation_required);
  }
  g_assert_cmpuint (room_warnings, ==, 0);
}

static gboolean
one_received_and_joined (Fixture *fixture)
{
  return fixture->received->len >= 1 && fixture->joined->len >= 1;
}

/* A supervisor in the same room: their joining and their messages reach
 * the agent once each. */
static void
test_room_others (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AcBackendClient) other_client = signed_in_client (fixture->backend);
  g_autoptr(AcBackendRoom) supervisor = new_room (fixture, other_client, "supervisor-7");
  const char *repeat;

  ac_backend_room_open (fixture->room);
  ac_test_wait_for (room_open, fixture->room, 5000);
  ac_backend_room_open (supervisor);
  ac_test_wait_for (room_open, supervisor, 5000);

  ac_backend_room_send_message (supervisor, "sup-1", "supervisor", "Offer the goodwill credit");
  ac_test_wait_for (one_received_and_joined, fixture, 5000);
  g_assert_cmpstr (g_ptr_array_index (fixture->received, 0), ==, "supervisor: Offer the goodwill credit");
  g_assert_cmpstr (g_ptr_array_index (fixture->joined, 0), ==, "supervisor-7");

  /* The same message again (a server replaying after a restart): once. */
  repeat = "{\"type\":\"message_received\",\"data\":{\"id\":\"m-dup\",\"content\":\"Once\",\"speaker\":\"SUPERVISOR\"}}";
  ac_test_backend_room_inject (fixture->backend, fixture->conversation_id, repeat);
  ac_test_backend_room_inject (fixture->backend, fixture->conversation_id, repeat);
  ac_test_backend_room_inject (fixture->backend, fixture->conversation_id,
                               "{\"type\":\"message_received\",\"data\":{\"id\":\"m-end\",\"content\":\"End\",\"speaker\":\"supervisor\"}}");
  while (fixture->received->len < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (fixture->received, 1), ==, "supervisor: Once");
  g_assert_cmpstr (g_ptr_array_index (fixture->received, 2), ==, "supervisor: End");

  ac_backend_room_close (supervisor);
}

static gboolean
one_sentiment (Fixture *fixture)
{
  return fixture->sentiments->len >= 1;
}

/* What a server may send that the app cannot use is dropped; the room
 * stays open and the next good frame is read. */
static void
test_room_bad_frames (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *huge = NULL;
  const char *bad[] = {
    "{",
    "not json at all",
    "[1,2,3]",
    "\"a string\"",
    "{\"type\":\"message_received\"}",
    "{\"type\":\"message_received\",\"data\":[]}",
    "{\"type\":\"message_received\",\"data\":{\"content\":\"no id\"}}",
    "{\"type\":\"sentiment_update\",\"data\":{\"messageId\":\"m\",\"sentiment\":\"furious\"}}",
    "{\"type\":\"sentiment_update\",\"data\":{\"sentiment\":\"negative\"}}",
    "{\"type\":\"agent_joined\",\"data\":{\"agentId\":42}}",
    "{\"type\":\"something_new\",\"data\":{}}",
    "{\"type\":\"error\",\"data\":{\"message\":\"Failed to send message\"}}",
    /* Found by tests/fuzz/fuzz-backend-room.c: an empty frame. */
    "",
  };
  AcBackendSentiment *sentiment;

  ac_backend_room_open (fixture->room);
  ac_test_wait_for (room_open, fixture->room, 5000);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    ac_test_backend_room_inject (fixture->backend, fixture->conversation_id, bad[i]);
  /* 1 MiB: over the room's limit, under the transport's. */
  huge = g_strnfill (1024 * 1024, 'x');
  {
    const char *start = "{\"type\":\"message_received\",\"data\":{\"id\":\"big\",\"content\":\"";

    memcpy (huge, start, strlen (start));
    memcpy (huge + 1024 * 1024 - 3, "\"}}", 3);
  }
  ac_test_backend_room_inject (fixture->backend, fixture->conversation_id, huge);

  /* Numbers as strings, the label in capitals, as PostgreSQL and AWS
   * Comprehend would have them. */
  ac_test_backend_room_inject (fixture->backend, fixture->conversation_id,
                               "{\"type\":\"sentiment_update\",\"data\":{\"messageId\":\"m-9\",\"sentiment\":\"NEGATIVE\","
                               "\"confidence\":\"0.93\",\"riskScore\":\"0.81\",\"escalationRequired\":true,"
                               "\"emotions\":{\"anger\":0.7}}}");
  ac_test_wait_for (one_sentiment, fixture, 5000);

  sentiment = g_ptr_array_index (fixture->sentiments, 0);
  g_assert_cmpstr (sentiment->label, ==, "negative");
  g_assert_cmpfloat_with_epsilon (sentiment->confidence, 0.93, 1e-9);
  g_assert_cmpfloat_with_epsilon (sentiment->risk_score, 0.81, 1e-9);
  g_assert_true (sentiment->escalation_required);
  g_assert_cmpstr (sentiment->emotions_json, ==, "{\"anger\":0.7}");
  g_assert_null (sentiment->client_message_id);

  g_assert_cmpuint (fixture->received->len, ==, 0);
  g_assert_cmpuint (fixture->joined->len, ==, 0);
  g_assert_cmpuint (fixture->errors, ==, 1);
  /* A warning for each frame dropped (the error event included, the
   * unknown type only logged for debugging), and the huge one. */
  g_assert_cmpuint (room_warnings, ==, G_N_ELEMENTS (bad) - 1 + 1);
  g_assert_true (room_open (fixture->room));
  g_assert_cmpuint (ac_test_backend_get_n_rooms_opened (fixture->backend), ==, 1);
}

/* Connections cut while messages are under way: every message reaches
 * the server exactly once, in order. */
static void
test_room_drops (Fixture       *fixture,
                 gconstpointer  data)
{
  guint n = 0;

  ac_backend_room_open (fixture->room);
  ac_test_wait_for (room_open, fixture->room, 5000);

  for (guint round = 0; round < 5; round++)
    {
      for (guint i = 0; i < 4; i++, n++)
        {
          g_autofree char *text = g_strdup_printf ("utterance %u", n);

          send (fixture->room, n, n % 2 ? "agent" : "customer", text);
        }
      /* Some may have been stored, their echo lost with the connection. */
      ac_test_backend_drop_rooms (fixture->backend);
      ac_test_wait_for (room_not_open, fixture->room, 5000);
      {
        g_autofree char *text = g_strdup_printf ("utterance %u", n);

        /* Sent while the room is away: kept for later. */
        send (fixture->room, n, n % 2 ? "agent" : "customer", text);
        n++;
      }
      ac_test_wait_for (room_open, fixture->room, 5000);
    }
  ac_test_wait_for (all_confirmed, fixture->room, 10000);
  assert_messages (fixture, n);
  g_assert_cmpuint (ac_test_backend_get_n_rooms_opened (fixture->backend), ==, 6);
}

/* The server killed and restarted 20 times while the call goes on. */
static void
test_room_storm (Fixture       *fixture,
                 gconstpointer  data)
{
  guint n = 0;

  ac_backend_room_open (fixture->room);
  ac_test_wait_for (room_open, fixture->room, 5000);

  for (guint restart = 0; restart < 20; restart++)
    {
      gint64 until = g_get_monotonic_time () + 300 * 1000;

      ac_test_backend_restart (fixture->backend, 150);
      /* The call goes on: an utterance every 20 ms, until the room is
       * back and has been for a moment. */
      while (g_get_monotonic_time () < until || !room_open (fixture->room))
        {
          g_autofree char *text = g_strdup_printf ("utterance %u", n);

          send (fixture->room, n, n % 2 ? "agent" : "customer", text);
          n++;
          for (guint i = 0; i < 5; i++)
            g_main_context_iteration (NULL, FALSE);
          g_usleep (20 * 1000);
        }
    }
  ac_test_wait_for (room_open, fixture->room, 10000);
  ac_test_wait_for (all_confirmed, fixture->room, 10000);
  assert_messages (fixture, n);
  g_assert_cmpuint (ac_test_backend_get_n_rooms_opened (fixture->backend), ==, 21);
  g_test_message ("%u messages through 20 restarts", n);
}

/* A server that stops answering without closing anything. */
static void
test_room_dead_peer (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 start;

  ac_backend_room_open (fixture->room);
  ac_test_wait_for (room_open, fixture->room, 5000);

  start = g_get_monotonic_time ();
  ac_test_backend_freeze (fixture->backend, 6000);
  ac_test_wait_for (room_not_open, fixture->room, 5000);
  /* Noticed by the heartbeat (2.5 s), before the server woke up. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 6000 * 1000);
  g_assert_cmpuint (room_warnings, >=, 1);

  send (fixture->room, 0, "customer", "utterance 0");
  ac_test_wait_for (room_open, fixture->room, 15000);
  ac_test_wait_for (all_confirmed, fixture->room, 5000);
  assert_messages (fixture, 1);
}

/* A short-lived token is refreshed before each join; when the refresh
 * token is revoked the room stops and says the agent must sign in. */
static void
test_room_tokens (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;

  /* Tokens that live 20 s: less than the room's one-minute margin. */
  ac_test_backend_set_token_lifetime (fixture->backend, 20);
  ac_backend_client_login_async (fixture->client, AC_TEST_BACKEND_EMAIL, AC_TEST_BACKEND_PASSWORD, NULL,
                                 ac_test_keep_result, &result);
  tokens = ac_backend_client_login_finish (fixture->client, ac_test_wait_result (&result), &error);
  g_assert_no_error (error);

  ac_backend_room_open (fixture->room);
  ac_test_wait_for (room_open, fixture->room, 5000);
  g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, "/api/auth/refresh"), ==, 1);

  /* Each join again takes a fresh token (the refresh token rotating). */
  for (guint i = 2; i <= 3; i++)
    {
      ac_test_backend_drop_rooms (fixture->backend);
      ac_test_wait_for (room_not_open, fixture->room, 5000);
      ac_test_wait_for (room_open, fixture->room, 5000);
      g_assert_cmpuint (ac_test_backend_get_n_requests (fixture->backend, "/api/auth/refresh"), ==, i);
    }

  ac_test_backend_revoke_refresh_tokens (fixture->backend);
  ac_test_backend_drop_rooms (fixture->backend);
  ac_test_wait_for (room_signed_out, fixture->room, 5000);
}

/* Voice activity: changes at once, levels at most every 250 ms. */
static void
test_room_voice_activity (Fixture       *fixture,
                          gconstpointer  data)
{
  guint sent = 0;

  g_assert_false (ac_backend_room_send_voice_activity (fixture->room, "agent", TRUE, -20));
  ac_backend_room_open (fixture->room);
  ac_test_wait_for (room_open, fixture->room, 5000);

  for (guint i = 0; i < 100; i++)
    sent += ac_backend_room_send_voice_activity (fixture->room, "agent", TRUE, -20.0 - i % 7);
  g_assert_cmpuint (sent, ==, 1);
  sent += ac_backend_room_send_voice_activity (fixture->room, "agent", FALSE, -60);
  sent += ac_backend_room_send_voice_activity (fixture->room, "customer", TRUE, -18);
  g_assert_cmpuint (sent, ==, 3);

  send (fixture->room, 0, "customer", "utterance 0");
  ac_test_wait_for (all_confirmed, fixture->room, 5000);
  g_assert_cmpuint (ac_test_backend_get_n_voice_activity (fixture->backend), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);
  /* Warnings are counted rather than fatal here (see log_handler()). */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  g_log_set_default_handler (log_handler, NULL);

#define ROOM_TEST(path, func) \
  g_test_add ("/backend-room/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ROOM_TEST ("messages", test_room_messages);
  ROOM_TEST ("others", test_room_others);
  ROOM_TEST ("bad-frames", test_room_bad_frames);
  ROOM_TEST ("drops", test_room_drops);
  ROOM_TEST ("storm", test_room_storm);
  ROOM_TEST ("dead-peer", test_room_dead_peer);
  ROOM_TEST ("tokens", test_room_tokens);
  ROOM_TEST ("voice-activity", test_room_voice_activity);

  return g_test_run ();
}
