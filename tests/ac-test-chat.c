/* ac-test-chat.c
 *
 * An OpenAI-compatible Chat Completions server for tests: a libsoup server
 * on 127.0.0.1 in a thread of its own, `POST /v1/chat/completions` with
 * `"stream": true` answered as server-sent events (`data: {"choices":
 * [{"delta": {"content": …}}]}` … `data: [DONE]`), a few characters a
 * piece, and the faults real servers have: a slow first token, a stream
 * cut mid-way, a piece that is not JSON, 401, 429.  It keeps what it was
 * sent, so a test can check that only redacted text left the app.
 *
 * It is also seed 004's support service: `POST /api/v1/support/route`
 * (the document's example answer), `/categorize`, `/suggestions` and
 * `/sentiment` (shapes the document does not give, in two styles a real
 * service might use, or broken: a 500 and a page that is not JSON).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ac-test-chat.h"

#define PIECE 6

struct _AcTestChat
{
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  SoupServer      *server;
  char            *url;
  GMutex           lock;
  GCond            ready;
  gboolean         started;
  char            *answer;
  AcTestChatFault  fault;
  char            *last_request;
  guint            n_requests;
  AcTestChatAnswerFunc answer_func;
  gpointer         answer_data;
  AcTestSupportStyle support_style;
  char            *last_support_request;
  guint            n_support_requests;
};

typedef struct
{
  AcTestChat        *chat;
  SoupServerMessage *msg;
  char              *answer;
  AcTestChatFault    fault;
  gsize              offset;
  guint              pieces;
  gboolean           gone;     /* the client went away */
} Stream;

static void
on_finished (SoupServerMessage *msg,
             Stream            *stream)
{
  stream->gone = TRUE;
}

static void
stream_free (Stream *stream)
{
  g_signal_handlers_disconnect_by_data (stream->msg, stream);
  g_object_unref (stream->msg);
  g_free (stream->answer);
  g_free (stream);
}

static void
send_text (SoupServerMessage *msg,
           const char        *text)
{
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_COPY, text, strlen (text));
  soup_server_message_unpause (msg);
}

static gboolean
next_piece (gpointer user_data)
{
  Stream *stream = user_data;
  gsize left = strlen (stream->answer) - stream->offset;

  if (stream->gone)
    return G_SOURCE_REMOVE;
  if (stream->fault == AC_TEST_CHAT_CUT && stream->pieces == 2)
    {
      GIOStream *connection = soup_server_message_steal_connection (stream->msg);

      g_io_stream_close (connection, NULL, NULL);
      g_object_unref (connection);
      return G_SOURCE_REMOVE;
    }
  if (stream->fault == AC_TEST_CHAT_MALFORMED && stream->pieces == 1)
    {
      send_text (stream->msg, "data: {\"choices\": [{\"delta\": \n\n");
      stream->pieces++;
      return G_SOURCE_CONTINUE;
    }
  if (left == 0)
    {
      send_text (stream->msg, "data: [DONE]\n\n");
      soup_message_body_complete (soup_server_message_get_response_body (stream->msg));
      soup_server_message_unpause (stream->msg);
      return G_SOURCE_REMOVE;
    }
  {
    g_autofree char *piece = g_strndup (stream->answer + stream->offset, MIN (left, PIECE));
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *json = NULL;
    g_autofree char *event = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "object");
    json_builder_add_string_value (builder, "chat.completion.chunk");
    json_builder_set_member_name (builder, "choices");
    json_builder_begin_array (builder);
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "index");
    json_builder_add_int_value (builder, 0);
    json_builder_set_member_name (builder, "delta");
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "content");
    json_builder_add_string_value (builder, piece);
    json_builder_end_object (builder);
    json_builder_end_object (builder);
    json_builder_end_array (builder);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    json = json_to_string (root, FALSE);
    event = g_strdup_printf ("data: %s\n\n", json);
    send_text (stream->msg, event);
    stream->offset += strlen (piece);
    stream->pieces++;
  }
  return G_SOURCE_CONTINUE;
}

static gboolean
start_stream (gpointer user_data)
{
  Stream *stream = user_data;
  GSource *source;

  if (stream->gone)
    {
      stream_free (stream);
      return G_SOURCE_REMOVE;
    }
  source = g_timeout_source_new (10);

  g_source_set_callback (source, next_piece, stream, (GDestroyNotify) stream_free);
  g_source_attach (source, stream->chat->context);
  g_source_unref (source);
  return G_SOURCE_REMOVE;
}

/* What the seed-004 support service answers @endpoint, in @style. */
static char *
support_answer (const char         *endpoint,
                const char         *issue,
                AcTestSupportStyle  style)
{
  g_autofree char *quoted = NULL;
  g_autofree char *short_issue = g_utf8_substring (issue, 0, MIN (g_utf8_strlen (issue, -1), 40));
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), short_issue);

  quoted = json_to_string (node, FALSE);
  if (g_str_equal (endpoint, "route"))
    return g_strdup_printf ("%s{\"recommendedRoute\": \"co-browse\", \"confidence\": 0.87, \"reasoning\": \"Visual "
                            "assistance recommended for %s\", \"alternativeRoutes\": [{\"route\": \"video-call\", "
                            "\"score\": 0.82, \"reason\": \"High urgency\"}, {\"route\": \"live-chat\", \"score\": "
                            "0.65}]}%s", style == AC_TEST_SUPPORT_WRAPPED ? "{\"success\": true, \"data\": " : "",
                            "the issue", style == AC_TEST_SUPPORT_WRAPPED ? "}" : "");
  if (style == AC_TEST_SUPPORT_WRAPPED)
    {
      if (g_str_equal (endpoint, "categorize"))
        return g_strdup ("{\"success\": true, \"data\": \"technical\"}");
      if (g_str_equal (endpoint, "suggestions"))
        return g_strdup_printf ("{\"success\": true, \"data\": [\"Support reply to: \" , %s, 7, null]}", quoted);
      return g_strdup ("{\"success\": true, \"data\": {\"sentiment\": {\"label\": \"negative\", \"score\": -0.6}}}");
    }
  if (g_str_equal (endpoint, "categorize"))
    return style == AC_TEST_SUPPORT_BROKEN ? g_strdup ("<html>oops</html>")
                                           : g_strdup ("{\"category\": \"technical\", \"confidence\": 0.82}");
  if (g_str_equal (endpoint, "suggestions"))
    {
      g_autofree char *text = g_strdup_printf ("Support reply to: %s", short_issue);
      g_autoptr(JsonNode) reply = json_node_init_string (json_node_alloc (), text);
      g_autofree char *reply_json = json_to_string (reply, FALSE);

      return g_strdup_printf ("{\"suggestions\": [{\"text\": %s, \"confidence\": 0.9}, {\"title\": \"Offer a "
                              "call back\"}, {\"nothing\": 1}]}", reply_json);
    }
  return g_strdup ("{\"sentiment\": \"negative\", \"score\": 0.7}");
}

static void
handle_support (AcTestChat        *chat,
                SoupServerMessage *msg,
                const char        *endpoint)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonNode) request = json_from_string (body->data != NULL ? body->data : "", NULL);
  JsonObject *object = request != NULL && JSON_NODE_HOLDS_OBJECT (request) ? json_node_get_object (request) : NULL;
  const char *issue = object != NULL && json_object_has_member (object, "issue")
                        ? json_object_get_string_member (object, "issue") : NULL;
  AcTestSupportStyle style;
  char *answer;

  g_mutex_lock (&chat->lock);
  g_free (chat->last_support_request);
  chat->last_support_request = g_strndup (body->data, body->length);
  chat->n_support_requests++;
  style = chat->support_style;
  g_mutex_unlock (&chat->lock);

  if (g_strcmp0 (authorization, "Bearer " AC_TEST_CHAT_KEY) != 0)
    {
      soup_server_message_set_status (msg, 401, NULL);
      return;
    }
  if (issue == NULL)
    {
      soup_server_message_set_status (msg, 400, NULL);
      return;
    }
  if (style == AC_TEST_SUPPORT_BROKEN && g_str_equal (endpoint, "sentiment"))
    {
      soup_server_message_set_status (msg, 500, NULL);
      return;
    }
  answer = support_answer (endpoint, issue, style);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, answer, strlen (answer));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  AcTestChat *chat = user_data;
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  AcTestChatFault fault;
  Stream *stream;

  if (g_str_has_prefix (path, "/api/v1/support/") && g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      const char *endpoint = path + strlen ("/api/v1/support/");

      if (g_str_equal (endpoint, "route") || g_str_equal (endpoint, "categorize") ||
          g_str_equal (endpoint, "suggestions") || g_str_equal (endpoint, "sentiment"))
        {
          handle_support (chat, msg, endpoint);
          return;
        }
    }
  if (!g_str_equal (path, "/v1/chat/completions") || !g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  g_mutex_lock (&chat->lock);
  g_free (chat->last_request);
  chat->last_request = g_strndup (body->data, body->length);
  chat->n_requests++;
  fault = chat->fault;
  stream = g_new0 (Stream, 1);
  stream->answer = chat->answer_func != NULL ? chat->answer_func (chat->last_request, chat->answer_data)
                                             : g_strdup (chat->answer);
  g_mutex_unlock (&chat->lock);

  if (g_strcmp0 (authorization, "Bearer " AC_TEST_CHAT_KEY) != 0 || fault == AC_TEST_CHAT_UNAUTHORIZED)
    {
      g_free (stream->answer);
      g_free (stream);
      soup_server_message_set_status (msg, 401, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}",
                                        strlen ("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}"));
      return;
    }
  if (fault == AC_TEST_CHAT_RATE_LIMITED)
    {
      g_free (stream->answer);
      g_free (stream);
      soup_server_message_set_status (msg, 429, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"error\":{\"message\":\"Rate limit\"}}",
                                        strlen ("{\"error\":{\"message\":\"Rate limit\"}}"));
      return;
    }

  stream->chat = chat;
  stream->msg = g_object_ref (msg);
  stream->fault = fault;
  g_signal_connect (msg, "finished", G_CALLBACK (on_finished), stream);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "text/event-stream", NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_server_message_pause (msg);
  {
    GSource *source = g_timeout_source_new (fault == AC_TEST_CHAT_SLOW_FIRST ? 3000 : 1);

    g_source_set_callback (source, start_stream, stream, NULL);
    g_source_attach (source, chat->context);
    g_source_unref (source);
  }
}

static gpointer
run (gpointer data)
{
  AcTestChat *chat = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (chat->context);
  chat->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (chat->server, NULL, handle, chat, NULL);
  if (!soup_server_listen_local (chat->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The test chat server cannot listen: %s", error->message);
  uris = soup_server_get_uris (chat->server);
  g_mutex_lock (&chat->lock);
  chat->url = g_strdup_printf ("http://127.0.0.1:%d/v1", g_uri_get_port (uris->data));
  chat->started = TRUE;
  g_cond_signal (&chat->ready);
  g_mutex_unlock (&chat->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (chat->loop);
  g_clear_object (&chat->server);
  g_main_context_pop_thread_default (chat->context);
  return NULL;
}

/**
 * ac_test_chat_new:
 *
 * Returns: (transfer full): a running server, answering "{}" until told
 */
AcTestChat *
ac_test_chat_new (void)
{
  AcTestChat *chat = g_new0 (AcTestChat, 1);

  g_mutex_init (&chat->lock);
  g_cond_init (&chat->ready);
  chat->answer = g_strdup ("{}");
  chat->context = g_main_context_new ();
  chat->loop = g_main_loop_new (chat->context, FALSE);
  chat->thread = g_thread_new ("test-chat", run, chat);
  g_mutex_lock (&chat->lock);
  while (!chat->started)
    g_cond_wait (&chat->ready, &chat->lock);
  g_mutex_unlock (&chat->lock);
  return chat;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
ac_test_chat_free (AcTestChat *chat)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit, chat->loop, NULL);
  g_source_attach (source, chat->context);
  g_source_unref (source);
  g_thread_join (chat->thread);
  g_main_loop_unref (chat->loop);
  g_main_context_unref (chat->context);
  g_free (chat->url);
  g_free (chat->answer);
  g_free (chat->last_request);
  g_free (chat->last_support_request);
  g_mutex_clear (&chat->lock);
  g_cond_clear (&chat->ready);
  g_free (chat);
}

const char *
ac_test_chat_get_url (AcTestChat *chat)
{
  return chat->url;
}

void
ac_test_chat_set_answer (AcTestChat *chat,
                         const char *answer)
{
  g_mutex_lock (&chat->lock);
  g_free (chat->answer);
  chat->answer = g_strdup (answer);
  g_mutex_unlock (&chat->lock);
}

/* @func makes each answer from the request's body (in the server's
 * thread, the server's lock held). */
void
ac_test_chat_set_answer_func (AcTestChat           *chat,
                              AcTestChatAnswerFunc  func,
                              gpointer              data)
{
  g_mutex_lock (&chat->lock);
  chat->answer_func = func;
  chat->answer_data = data;
  g_mutex_unlock (&chat->lock);
}

void
ac_test_chat_set_fault (AcTestChat      *chat,
                        AcTestChatFault  fault)
{
  g_mutex_lock (&chat->lock);
  chat->fault = fault;
  g_mutex_unlock (&chat->lock);
}

char *
ac_test_chat_dup_last_request (AcTestChat *chat)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&chat->lock);

  return g_strdup (chat->last_request);
}

guint
ac_test_chat_get_n_requests (AcTestChat *chat)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&chat->lock);

  return chat->n_requests;
}

/* The seed-004 endpoints answer in @style. */
void
ac_test_chat_set_support_style (AcTestChat         *chat,
                                AcTestSupportStyle  style)
{
  g_mutex_lock (&chat->lock);
  chat->support_style = style;
  g_mutex_unlock (&chat->lock);
}

char *
ac_test_chat_dup_last_support_request (AcTestChat *chat)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&chat->lock);

  return g_strdup (chat->last_support_request);
}

guint
ac_test_chat_get_n_support_requests (AcTestChat *chat)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&chat->lock);

  return chat->n_support_requests;
}

/* The support service's base address (its endpoints under /api/v1/support/). */
char *
ac_test_chat_dup_support_url (AcTestChat *chat)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&chat->lock);

  return g_strndup (chat->url, strlen (chat->url) - strlen ("/v1"));
}
