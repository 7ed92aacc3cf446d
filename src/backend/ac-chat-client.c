/* ac-chat-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-assistant"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ac-backend-client.h"
#include "ac-chat-client.h"
#include "ac-redactor.h"
#include "ac-json.h"

/**
 * AcChatClient:
 *
 * A client of an OpenAI-compatible Chat Completions endpoint
 * (`POST {base}/chat/completions`, as OpenAI, llama.cpp's server, vLLM and
 * Ollama serve it), streaming: the answer arrives as server-sent events,
 * `data: {"choices": [{"delta": {"content": …}}]}` lines ending with
 * `data: [DONE]`, each piece told by [signal@ChatClient::progress] as it
 * comes.
 *
 * Only redacted text leaves the computer: whatever the caller passes goes
 * through the redactor first (ac_redact_typed_text()).  The key is sent as
 * `Authorization: Bearer`, never logged.  Errors end the request with an
 * #AcBackendError: 401/403 %AC_BACKEND_ERROR_AUTH, 429
 * %AC_BACKEND_ERROR_RATE_LIMITED, 5xx %AC_BACKEND_ERROR_SERVER, a stream
 * that is not one (or stops before `[DONE]`)
 * %AC_BACKEND_ERROR_INVALID_RESPONSE, no first piece within the first
 * token time or no end within the total time %AC_BACKEND_ERROR_TIMEOUT.
 */

#define DEFAULT_FIRST_TOKEN_S 30
#define DEFAULT_TOTAL_S 120
#define MAX_ANSWER (256 * 1024)

struct _AcChatClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;
  char        *model;
  char        *api_key;
  guint        first_token_s;
  guint        total_s;
};

G_DEFINE_FINAL_TYPE (AcChatClient, ac_chat_client, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  SoupMessage      *message;
  GDataInputStream *lines;
  GString          *answer;
  GCancellable     *cancellable;   /* the caller's, chained to ours */
  GCancellable     *own;
  gulong            chained;
  guint             timeout;
  gboolean          timed_out;
  gboolean          got_token;
} Request;

static void
request_free (Request *request)
{
  g_clear_handle_id (&request->timeout, g_source_remove);
  if (request->cancellable != NULL && request->chained != 0)
    g_cancellable_disconnect (request->cancellable, request->chained);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->own);
  g_clear_object (&request->message);
  g_clear_object (&request->lines);
  g_string_free (request->answer, TRUE);
  g_free (request);
}

static void
ac_chat_client_finalize (GObject *object)
{
  AcChatClient *self = AC_CHAT_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->url);
  g_free (self->model);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_free (self->api_key);

  G_OBJECT_CLASS (ac_chat_client_parent_class)->finalize (object);
}

static void
ac_chat_client_class_init (AcChatClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_chat_client_finalize;

  /**
   * AcChatClient::progress:
   * @self: the client
   * @text: the answer so far
   *
   * A piece of the answer arrived.
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ac_chat_client_init (AcChatClient *self)
{
  self->first_token_s = DEFAULT_FIRST_TOKEN_S;
  self->total_s = DEFAULT_TOTAL_S;
}

/**
 * ac_chat_client_new:
 * @base_url: the API's address, such as `https://api.openai.com/v1` or
 *   `http://127.0.0.1:8080/v1` (llama.cpp's server)
 * @model: the model's name
 * @api_key: (nullable): the key (a server a company runs may need none)
 * @error: return location for an %AC_BACKEND_ERROR_VALIDATION
 *
 * Returns: (transfer full) (nullable): a client, or %NULL when the address
 *   is not an http(s) one
 */
AcChatClient *
ac_chat_client_new (const char  *base_url,
                    const char  *model,
                    const char  *api_key,
                    GError     **error)
{
  AcChatClient *self;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (base_url != NULL && model != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                   _("The assistant’s address must start with https:// or http://"));
      return NULL;
    }
  self = g_object_new (AC_TYPE_CHAT_CLIENT, NULL);
  self->session = soup_session_new ();
  self->url = g_strconcat (base_url, g_str_has_suffix (base_url, "/") ? "" : "/", "chat/completions", NULL);
  self->model = g_strdup (model);
  self->api_key = api_key != NULL && api_key[0] != '\0' ? g_strdup (api_key) : NULL;
  return self;
}

/**
 * ac_chat_client_set_timeouts:
 * @self: a #AcChatClient
 * @first_token_s: how long to wait for the first piece of an answer (30 s)
 * @total_s: how long an answer may take in all (120 s)
 */
void
ac_chat_client_set_timeouts (AcChatClient *self,
                             guint         first_token_s,
                             guint         total_s)
{
  g_return_if_fail (AC_IS_CHAT_CLIENT (self));
  self->first_token_s = MAX (first_token_s, 1);
  self->total_s = MAX (total_s, self->first_token_s);
}

static gboolean
on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->timeout = 0;
  request->timed_out = TRUE;
  g_cancellable_cancel (request->own);
  return G_SOURCE_REMOVE;
}

static void
arm_timeout (GTask *task,
             guint  seconds)
{
  Request *request = g_task_get_task_data (task);

  g_clear_handle_id (&request->timeout, g_source_remove);
  request->timeout = g_timeout_add_seconds (seconds, on_timeout, task);
}

static void
fail (GTask  *task,
      GError *error)
{
  Request *request = g_task_get_task_data (task);

  g_clear_handle_id (&request->timeout, g_source_remove);
  if (request->timed_out)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_TIMEOUT,
                               request->got_token ? _("The assistant stopped answering")
                                                  : _("The assistant did not answer in time"));
    }
  else if (request->cancellable != NULL && g_cancellable_is_cancelled (request->cancellable))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
    }
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* One server-sent event's data: a chunk, [DONE], or an error. */
static gboolean
read_event (GTask      *task,
            const char *data,
            gboolean   *done,
            GError    **error)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *choices;

  if (g_str_equal (data, "[DONE]"))
    {
      *done = TRUE;
      return TRUE;
    }
  root = ac_json_parse (data, -1, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                   _("The assistant sent something other than its answer"));
      return FALSE;
    }
  object = json_node_get_object (root);
  if (json_object_has_member (object, "error"))
    {
      JsonNode *err = json_object_get_member (object, "error");
      const char *message = JSON_NODE_HOLDS_OBJECT (err)
                            ? json_object_get_string_member_with_default (json_node_get_object (err), "message", NULL)
                            : NULL;

      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_SERVER, _("The assistant failed: %s"),
                   message != NULL ? message : _("no reason given"));
      return FALSE;
    }
  choices = json_object_get_member (object, "choices");
  if (choices != NULL && JSON_NODE_HOLDS_ARRAY (choices) && json_array_get_length (json_node_get_array (choices)) > 0)
    {
      JsonNode *choice = json_array_get_element (json_node_get_array (choices), 0);
      JsonNode *delta = JSON_NODE_HOLDS_OBJECT (choice)
                        ? json_object_get_member (json_node_get_object (choice), "delta") : NULL;
      JsonNode *content = delta != NULL && JSON_NODE_HOLDS_OBJECT (delta)
                          ? json_object_get_member (json_node_get_object (delta), "content") : NULL;

      if (content != NULL && JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
        {
          if (request->answer->len + strlen (json_node_get_string (content)) > MAX_ANSWER)
            {
              g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                           _("The assistant’s answer is too long"));
              return FALSE;
            }
          g_string_append (request->answer, json_node_get_string (content));
          if (!request->got_token)
            {
              AcChatClient *self = g_task_get_source_object (task);

              request->got_token = TRUE;
              arm_timeout (task, self->total_s);
            }
          g_signal_emit (g_task_get_source_object (task), signals[PROGRESS], 0, request->answer->str);
        }
    }
  return TRUE;
}

static void read_next (GTask *task);

static void
on_line (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                                     &length, &error);
  gboolean done = FALSE;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          g_set_error (&error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NETWORK, _("The assistant’s answer was cut off"));
        }
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (line == NULL)
    {
      /* the stream ended before [DONE] */
      fail (task, g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                               _("The assistant’s answer was cut off")));
      return;
    }
  g_strchomp (line);
  if (g_str_has_prefix (line, "data:"))
    {
      const char *data = line + 5;

      while (*data == ' ')
        data++;
      if (!read_event (task, data, &done, &error))
        {
          fail (task, g_steal_pointer (&error));
          return;
        }
    }
  /* (comments, event: lines and blank lines between events are skipped) */
  if (done)
    {
      g_clear_handle_id (&request->timeout, g_source_remove);
      g_task_return_pointer (task, g_strdup (request->answer->str), g_free);
      g_object_unref (task);
      return;
    }
  read_next (task);
}

static void
read_next (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_data_input_stream_read_line_async (request->lines, G_PRIORITY_DEFAULT, request->own, on_line, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  guint status;

  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup (error->message);

          g_clear_error (&error);
          g_set_error (&error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NETWORK, _("The assistant cannot be reached: %s"),
                       message);
        }
      fail (task, g_steal_pointer (&error));
      return;
    }
  status = soup_message_get_status (request->message);
  if (status == 401 || status == 403)
    fail (task, g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH,
                             _("The assistant refused the key (HTTP %u): check it in Preferences → Assistant"),
                             status));
  else if (status == 429)
    fail (task, g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_RATE_LIMITED,
                             _("The assistant is busy (too many requests): try again in a moment")));
  else if (status >= 500)
    fail (task, g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_SERVER, _("The assistant failed (HTTP %u)"), status));
  else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    fail (task, g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                             _("The assistant refused the request (HTTP %u)"), status));
  else
    {
      request->lines = g_data_input_stream_new (body);
      g_data_input_stream_set_newline_type (request->lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
      read_next (task);
    }
}

static void
on_cancelled (GCancellable *cancellable,
              GCancellable *own)
{
  g_cancellable_cancel (own);
}

/**
 * ac_chat_client_complete_async:
 * @self: a #AcChatClient
 * @instructions: what the assistant is to do (the system message)
 * @text: what it works on (the user message); redacted before it is sent
 * @json: whether to ask for a JSON object as the answer
 *   (`response_format: {"type": "json_object"}`)
 * @cancellable: (nullable): cancels the request, as the agent may
 * @callback: called with the whole answer
 * @user_data: data for @callback
 *
 * Asks for one answer, streamed: [signal@ChatClient::progress] tells each
 * piece.
 */
void
ac_chat_client_complete_async (AcChatClient        *self,
                               const char          *instructions,
                               const char          *text,
                               gboolean             json,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autofree char *masked_instructions = NULL;
  g_autofree char *masked_text = NULL;
  GTask *task;
  Request *request;

  g_return_if_fail (AC_IS_CHAT_CLIENT (self));
  g_return_if_fail (instructions != NULL && text != NULL);

  /* only redacted text leaves the computer */
  masked_instructions = ac_redact_typed_text (instructions);
  masked_text = ac_redact_typed_text (text);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, TRUE);
  if (json)
    {
      json_builder_set_member_name (builder, "response_format");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "json_object");
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "system");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, masked_instructions);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, masked_text);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ac_chat_client_complete_async);
  request = g_new0 (Request, 1);
  request->answer = g_string_new (NULL);
  request->own = g_cancellable_new ();
  if (cancellable != NULL)
    {
      request->cancellable = g_object_ref (cancellable);
      request->chained = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), g_object_ref (request->own),
                                                g_object_unref);
    }
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request->message = soup_message_new ("POST", self->url);
  soup_message_headers_replace (soup_message_get_request_headers (request->message), "Accept", "text/event-stream");
  if (self->api_key != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->api_key, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (request->message), "Authorization", bearer);
      memset (bearer, 0, strlen (bearer));
    }
  {
    gsize length = strlen (body);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), length);

    soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
  }
  arm_timeout (task, self->first_token_s);
  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT, request->own, on_sent, task);
}

/**
 * ac_chat_client_complete_finish:
 * @self: a #AcChatClient
 * @result: the result
 * @error: return location for an #AcBackendError (or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): the whole answer
 */
char *
ac_chat_client_complete_finish (AcChatClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
