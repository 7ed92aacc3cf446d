/* ac-backend-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ac-backend-client-private.h"
#include "ac-backend-wire.h"
#include "ac-json.h"

/**
 * AcBackendClient:
 *
 * The REST side of the contact-center backend (the Voice Bot Dashboard
 * contract, its frontend's section 7.1): every request goes to
 * `base-url + path` with `Authorization: Bearer <access token>` and, when
 * the team has one, `X-Tenant-ID`; every answer is the envelope
 * `{success, data}` or `{success: false, error: {code, message}}`.
 *
 * Real servers are messy, and the client copes: an HTML error page
 * instead of JSON, numbers sent as strings (PostgreSQL DECIMAL) or codes
 * in another case, `429 Too Many Requests` with or without
 * `Retry-After` (waited out, up to a limit), a `401` on an expired token
 * (refreshed once with the refresh token, then the request is sent
 * again), timeouts and connections closed mid-answer.  Each failure is an
 * #AcBackendError whose message is written for the agent.
 */

/* How long a request may take, and how long in all the client waits out
 * a 429 before giving up (both settable). */
#define DEFAULT_TIMEOUT_S    15
#define DEFAULT_MAX_WAIT_S   30
/* 429 without Retry-After: wait 1, 2, 4… s. */
#define MAX_RATE_RETRIES     4

struct _AcBackendClient
{
  GObject          parent_instance;

  SoupSession     *session;
  char            *base_url;       /* without a trailing / */
  char            *tenant_id;
  AcBackendTokens *tokens;
  guint            max_wait_s;
  gboolean         auto_refresh;
  GSource         *refresh_source;  /* the next refresh before expiry */
};

G_DEFINE_FINAL_TYPE (AcBackendClient, ac_backend_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (ac-backend-error-quark, ac_backend_error)

enum {
  TOKENS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char         *method;
  char         *path;          /* under the base URL, or a whole URL */
  char         *idempotency_key;
  GBytes       *body;          /* nullable */
  gboolean      authorized;    /* sends the access token */
  gboolean      refreshed;     /* after a 401, once */
  guint         rate_retries;
  guint         waited_s;
  guint         wait_source;
} Request;

static void
request_free (Request *request)
{
  g_clear_handle_id (&request->wait_source, g_source_remove);
  g_free (request->method);
  g_free (request->path);
  g_free (request->idempotency_key);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

static void send_request (GTask *task);

static GError *
error_for_status (guint       status,
                  const char *server_code,
                  const char *server_message)
{
  const char *detail = server_message != NULL && server_message[0] != '\0' ? server_message : NULL;

  if (status == 403 && g_strcmp0 (server_code, "AUTH_INVALID") != 0 && g_strcmp0 (server_code, "AUTH_REQUIRED") != 0)
    return g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_FORBIDDEN, _("Your account may not do this: %s"),
                        detail != NULL ? detail : soup_status_get_phrase (status));
  if (g_strcmp0 (server_code, "AUTH_INVALID") == 0 || status == 401 || status == 403)
    return g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH, _("The server refused the sign-in: %s"),
                        detail != NULL ? detail : _("sign in again"));
  if (g_strcmp0 (server_code, "NOT_FOUND") == 0 || status == 404)
    return g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_FOUND, _("The server has no such record: %s"),
                        detail != NULL ? detail : soup_status_get_phrase (status));
  if (g_strcmp0 (server_code, "CONFLICT") == 0 || status == 409)
    return g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_CONFLICT, _("The server says it cannot be done now: %s"),
                        detail != NULL ? detail : soup_status_get_phrase (status));
  if (g_strcmp0 (server_code, "NOT_IMPLEMENTED") == 0 || status == 501 || status == 405)
    return g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_IMPLEMENTED, _("The server does not do this: %s"),
                        detail != NULL ? detail : soup_status_get_phrase (status));
  if (g_strcmp0 (server_code, "VALIDATION_ERROR") == 0 || status == 400 || status == 422)
    return g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION, _("The server refused what was sent: %s"),
                        detail != NULL ? detail : soup_status_get_phrase (status));
  return g_error_new (AC_BACKEND_ERROR, AC_BACKEND_ERROR_SERVER, _("The server failed (HTTP %u): %s"),
                      status, detail != NULL ? detail : soup_status_get_phrase (status));
}

/* Seconds from a Retry-After header (RFC 9110 §10.2.3: seconds or an
 * HTTP date), or -1. */
static gint64
retry_after_s (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return (gint64) seconds;

  {
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    if (when != NULL)
      return MAX (0, g_date_time_difference (when, now) / G_TIME_SPAN_SECOND);
  }
  return -1;
}

static gboolean
resend (gpointer data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);

  request->wait_source = 0;
  if (g_task_return_error_if_cancelled (task))
    g_object_unref (task);
  else
    send_request (task);
  return G_SOURCE_REMOVE;
}

/* Keeps the tokens of a refresh's answer; FALSE if it has none. */
/* A sign-in's or a refresh's `expiresIn`, in seconds: a number or a
 * number as a string; an hour when it is missing or makes no sense. */
static gint64
expires_in_s (JsonObject *answer)
{
  double seconds = ac_backend_number_member (answer, "expiresIn", 3600);

  return seconds >= 1 && seconds <= 366 * 24 * 3600 ? (gint64) seconds : 3600;
}

static gboolean
apply_refresh (AcBackendClient *self,
               JsonNode        *data)
{
  JsonObject *answer = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
  const char *token = answer != NULL ? ac_backend_string_member (answer, "token", NULL) : NULL;
  const char *rotated = answer != NULL ? ac_backend_string_member (answer, "refreshToken", NULL) : NULL;

  if (token == NULL)
    return FALSE;

  {
    AcBackendTokens tokens = {
      .access_token = (char *) token,
      /* Rotated if the server sends a new one, kept otherwise. */
      .refresh_token = (char *) (rotated != NULL ? rotated : self->tokens->refresh_token),
      .expires_at = ac_jwt_get_expiry (token),
      .role = self->tokens->role,
    };
    g_autofree char *claimed = ac_jwt_dup_role (token);

    if (claimed != NULL)
      tokens.role = claimed;

    if (tokens.expires_at == 0)
      tokens.expires_at = g_get_real_time () / G_USEC_PER_SEC + expires_in_s (answer);
    ac_backend_client_set_tokens (self, &tokens);
  }
  return TRUE;
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AcBackendClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = ac_backend_client_request_finish (self, result, &error);

  if (data == NULL && !g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH))
    {
      /* The server is down or busy: say so, not "sign in again". */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!apply_refresh (self, data))
    {
      /* The refresh token is no good either: sign in again. */
      g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH,
                               _("The session has expired: sign in again"));
      return;
    }

  send_request (g_steal_pointer (&task));
}

static void
refresh (GTask *task)
{
  AcBackendClient *self = g_task_get_source_object (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "refreshToken");
  json_builder_add_string_value (builder, self->tokens->refresh_token);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  ac_backend_client_request_async (self, "POST", "/auth/refresh", body, g_task_get_cancellable (task),
                                   on_refreshed, task);
}

/* Reads an answer: the envelope's data (transfer full; a JSON null when it
 * has none), JSON without the envelope from a successful answer (as
 * /health gives), or %NULL with the #AcBackendError an agent can read for
 * the envelope's error, an HTTP error, a web page or nothing at all.
 * Never fails on what a server sends: any bytes are an answer or an
 * error (tests/fuzz/fuzz-backend-envelope.c). */
JsonNode *
ac_backend_read_envelope (guint    status,
                          GBytes  *body,
                          GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonNode *root = NULL;
  JsonObject *envelope = NULL;

  text = g_bytes_get_size (body) > 0 ? g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body))
                                     : g_strdup ("");
  if (ac_json_parser_load (parser, text, -1, NULL))
    root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    envelope = json_node_get_object (root);

  if (envelope != NULL && json_object_has_member (envelope, "success"))
    {
      JsonObject *problem = ac_backend_member_object (envelope, "error");
      gboolean success = ac_backend_boolean_member (envelope, "success", NULL);

      if (success && SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          JsonNode *data = json_object_get_member (envelope, "data");

          return data != NULL ? json_node_copy (data) : json_node_new (JSON_NODE_NULL);
        }

      g_propagate_error (error, error_for_status (SOUP_STATUS_IS_SUCCESSFUL (status) ? 500 : status,
                                                  problem ? ac_backend_string_member (problem, "code", NULL) : NULL,
                                                  problem ? ac_backend_string_member (problem, "message", NULL) : NULL));
      return NULL;
    }

  /* JSON without the envelope, as /health answers. */
  if (root != NULL && SOUP_STATUS_IS_SUCCESSFUL (status))
    return json_node_copy (root);

  if (root != NULL)
    {
      g_propagate_error (error, error_for_status (status, NULL, NULL));
      return NULL;
    }

  /* A proxy's or a framework's web page, or nothing at all. */
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                 _("The server answered with something other than data (HTTP %u)"), status);
  else if (status == 401 || status == 403 || status == 404 || status == 400 || status == 422 ||
           status == 405 || status == 409 || status == 501)
    g_propagate_error (error, error_for_status (status, NULL, NULL));
  else
    g_set_error (error, AC_BACKEND_ERROR,
                 status >= 500 ? AC_BACKEND_ERROR_SERVER : AC_BACKEND_ERROR_INVALID_RESPONSE,
                 _("The server failed and answered with a web page (HTTP %u %s)"), status,
                 soup_status_get_phrase (status));
  return NULL;
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AcBackendClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  JsonNode *data;
  guint status;

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_TIMEOUT,
                                 _("The server did not answer in time"));
      else
        g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NETWORK,
                                 _("The server cannot be reached: %s"), error->message);
      return;
    }

  status = soup_message_get_status (message);

  if (status == 429 /* Too Many Requests */)
    {
      gint64 wait = retry_after_s (soup_message_get_response_headers (message));

      if (wait < 0)
        wait = 1 << MIN (request->rate_retries, 10);
      if (request->rate_retries < MAX_RATE_RETRIES && request->waited_s + wait <= self->max_wait_s)
        {
          request->rate_retries++;
          request->waited_s += (guint) wait;
          g_debug ("429 on %s: trying again in %" G_GINT64_FORMAT " s", request->path, wait);
          request->wait_source = g_timeout_add_seconds ((guint) wait, resend, g_steal_pointer (&task));
          return;
        }
      g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_RATE_LIMITED,
                               _("The server is too busy: try again in a moment"));
      return;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED && request->authorized && !request->refreshed &&
      self->tokens != NULL && self->tokens->refresh_token != NULL)
    {
      request->refreshed = TRUE;
      refresh (g_steal_pointer (&task));
      return;
    }

  /* The envelope, or whatever came instead. */
  if ((data = ac_backend_read_envelope (status, bytes, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, data, (GDestroyNotify) json_node_unref);
}

static void
send_request (GTask *task)
{
  AcBackendClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *url = request->path[0] == '/' ? g_strconcat (self->base_url, request->path, NULL)
                                                 : g_strdup (request->path);
  g_autoptr(SoupMessage) message = soup_message_new (request->method, url);
  SoupMessageHeaders *headers;

  if (message == NULL)
    {
      g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                               _("“%s” is not a valid address"), url);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->tenant_id != NULL)
    soup_message_headers_replace (headers, "X-Tenant-ID", self->tenant_id);
  if (request->authorized && self->tokens != NULL && self->tokens->access_token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->tokens->access_token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (request->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", request->idempotency_key);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", request->body);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    on_read, task);
}

/**
 * ac_backend_client_request_async:
 * @self: an #AcBackendClient
 * @method: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`
 * @path: the endpoint under the base URL, such as `/customers/search?q=ada`
 * @body: (nullable): JSON to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Sends one request of the contract and reads its envelope: a 429 is
 * waited out (its `Retry-After`, else 1, 2, 4… s, in all at most
 * ac_backend_client_set_max_retry_wait()), a 401 refreshes the access
 * token once and sends the request again.  The sign-in and refresh
 * endpoints go without the access token.
 */
void
ac_backend_client_request_async (AcBackendClient     *self,
                                 const char          *method,
                                 const char          *path,
                                 JsonNode            *body,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL && path[0] == '/');

  ac_backend_client_request_full_async (self, method, path, body, NULL, cancellable, callback, user_data);
}

/**
 * ac_backend_client_request_full_async:
 * @self: an #AcBackendClient
 * @method: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`
 * @path: the endpoint under the base URL (starting with `/`), or a whole
 *   `http(s)://` address on the same server
 * @body: (nullable): JSON to send
 * @idempotency_key: (nullable): sent as `Idempotency-Key`: the same key
 *   on every retry of one creation, so that a server that honours it
 *   creates the thing once however often the request is sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * As ac_backend_client_request_async(); finish with
 * ac_backend_client_request_finish().
 */
void
ac_backend_client_request_full_async (AcBackendClient     *self,
                                      const char          *method,
                                      const char          *path,
                                      JsonNode            *body,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  Request *request;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_backend_client_request_async);

  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->idempotency_key = g_strdup (idempotency_key);
  request->authorized = !g_str_has_prefix (path, "/auth/");
  if (body != NULL)
    {
      char *json = json_to_string (body, FALSE);
      gsize length = strlen (json);

      request->body = g_bytes_new_take (json, length);
    }
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  send_request (task);
}

/**
 * ac_backend_client_request_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Returns: (transfer full): the envelope's `data` (a null node when it had
 *   none), or the whole answer for an endpoint without the envelope
 */
JsonNode *
ac_backend_client_request_finish (AcBackendClient  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------- object */

static void
ac_backend_client_finalize (GObject *object)
{
  AcBackendClient *self = AC_BACKEND_CLIENT (object);

  if (self->refresh_source != NULL)
    g_source_destroy (self->refresh_source);
  g_clear_pointer (&self->refresh_source, g_source_unref);
  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->tenant_id);
  ac_backend_tokens_free (self->tokens);

  G_OBJECT_CLASS (ac_backend_client_parent_class)->finalize (object);
}

static void
ac_backend_client_class_init (AcBackendClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_backend_client_finalize;

  /**
   * AcBackendClient::tokens-changed:
   * @self: the client
   *
   * The tokens changed: signed in, or refreshed.  Keep them (in the
   * keyring, nowhere else) with ac_backend_client_dup_tokens().
   */
  signals[TOKENS_CHANGED] = g_signal_new ("tokens-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ac_backend_client_init (AcBackendClient *self)
{
  self->session = soup_session_new_with_options ("timeout", DEFAULT_TIMEOUT_S,
                                                 "user-agent", "agent-console/" PACKAGE_VERSION " ",
                                                 NULL);
  self->max_wait_s = DEFAULT_MAX_WAIT_S;
}

/**
 * ac_backend_check_address:
 * @url: an address given by the agent or the team
 * @websocket: %TRUE for the rooms' address (`wss://`, `ws://`), %FALSE
 *   for the API's (`https://`, `http://`)
 * @allow_insecure: %TRUE if the agent explicitly allowed unencrypted
 *   connections to other computers (Preferences → Backend)
 * @error: return location for an %AC_BACKEND_ERROR_VALIDATION error
 *
 * Whether @url may be used: the right scheme and a host, and encrypted
 * unless it is this computer (loopback) or @allow_insecure — tokens and
 * customers' data must not cross a network in clear by default.
 *
 * Returns: %TRUE if @url may be used
 */
gboolean
ac_backend_check_address (const char  *url,
                          gboolean     websocket,
                          gboolean     allow_insecure,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *secure = websocket ? "wss" : "https";
  const char *plain = websocket ? "ws" : "http";
  const char *scheme, *host;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (scheme == NULL || host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, secure) != 0 && g_ascii_strcasecmp (scheme, plain) != 0))
    {
      if (websocket)
        g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                     _("“%s” is not a live updates address such as wss://cc.example.com"), url);
      else
        g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                     _("“%s” is not a server address such as https://cc.example.com/api"), url);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, plain) == 0 && !allow_insecure)
    {
      address = g_inet_address_new_from_string (host[0] == '[' ? host + 1 : host);
      if (g_ascii_strcasecmp (host, "localhost") != 0 && (address == NULL || !g_inet_address_get_is_loopback (address)))
        {
          g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                       _("“%s” is not encrypted: use %s:// for a server on another computer, "
                         "or allow unencrypted connections in Preferences"), url, secure);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * ac_backend_client_new:
 * @base_url: the backend's API address, such as `https://cc.example.com/api`
 *   (the contract's `API_BASE_URL`)
 * @tenant_id: (nullable): the team's tenant, sent as `X-Tenant-ID`
 * @error: return location for an %AC_BACKEND_ERROR_VALIDATION error
 *
 * Plain `http://` is accepted only for this computer (loopback); see
 * ac_backend_client_new_full() to allow it elsewhere.
 *
 * Returns: (transfer full) (nullable): a client, or %NULL if @base_url is
 *   not an http(s) address or is plain http to another computer
 */
AcBackendClient *
ac_backend_client_new (const char  *base_url,
                       const char  *tenant_id,
                       GError     **error)
{
  return ac_backend_client_new_full (base_url, tenant_id, FALSE, error);
}

/**
 * ac_backend_client_new_full:
 * @base_url: the backend's API address, such as `https://cc.example.com/api`
 *   (the contract's `API_BASE_URL`)
 * @tenant_id: (nullable): the team's tenant, sent as `X-Tenant-ID`
 * @allow_insecure: %TRUE to accept plain `http://` to another computer
 *   (the agent allowed it explicitly)
 * @error: return location for an %AC_BACKEND_ERROR_VALIDATION error
 *
 * Returns: (transfer full) (nullable): a client, or %NULL if @base_url
 *   fails ac_backend_check_address()
 */
AcBackendClient *
ac_backend_client_new_full (const char  *base_url,
                            const char  *tenant_id,
                            gboolean     allow_insecure,
                            GError     **error)
{
  AcBackendClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  if (!ac_backend_check_address (base_url, FALSE, allow_insecure, error))
    return NULL;

  self = g_object_new (AC_TYPE_BACKEND_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->tenant_id = tenant_id != NULL && tenant_id[0] != '\0' ? g_strdup (tenant_id) : NULL;

  return self;
}

/**
 * ac_backend_client_get_session:
 * @self: an #AcBackendClient
 *
 * The HTTP session the client's requests go through, for the rooms'
 * WebSockets.
 *
 * Returns: (transfer none): the session
 */
SoupSession *
ac_backend_client_get_session (AcBackendClient *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_CLIENT (self), NULL);

  return self->session;
}

/**
 * ac_backend_client_get_tenant_id:
 * @self: an #AcBackendClient
 *
 * Returns: (transfer none) (nullable): the tenant sent as `X-Tenant-ID`
 */
const char *
ac_backend_client_get_tenant_id (AcBackendClient *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_CLIENT (self), NULL);

  return self->tenant_id;
}

static void
on_refresh_answer (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AcBackendClient *self = AC_BACKEND_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = ac_backend_client_request_finish (self, result, &error);

  if (data == NULL && !g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!apply_refresh (self, data))
    g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH,
                             _("The session has expired: sign in again"));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_backend_client_refresh_async:
 * @self: an #AcBackendClient with a refresh token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Buys a new access token now (`POST /auth/refresh`), as before the
 * current one expires or before a room reconnects.  The server may
 * rotate the refresh token; the client keeps whichever it sends and
 * emits [signal@BackendClient::tokens-changed].
 */
void
ac_backend_client_refresh_async (AcBackendClient     *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_backend_client_refresh_async);
  if (self->tokens == NULL || self->tokens->refresh_token == NULL)
    {
      g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH, _("You are not signed in"));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "refreshToken");
  json_builder_add_string_value (builder, self->tokens->refresh_token);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  ac_backend_client_request_async (self, "POST", "/auth/refresh", body, cancellable, on_refresh_answer,
                                   g_steal_pointer (&task));
}

/**
 * ac_backend_client_refresh_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError; %AC_BACKEND_ERROR_AUTH
 *   means the agent must sign in again
 *
 * Returns: whether the client now has a fresh access token
 */
gboolean
ac_backend_client_refresh_finish (AcBackendClient  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ac_backend_client_get_base_url:
 * @self: an #AcBackendClient
 *
 * Returns: (transfer none): the API address, without a trailing `/`
 */
const char *
ac_backend_client_get_base_url (AcBackendClient *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * ac_backend_client_set_tokens:
 * @self: an #AcBackendClient
 * @tokens: (nullable): tokens from the keyring or a sign-in; %NULL to sign
 *   out
 *
 * Emits [signal@BackendClient::tokens-changed].
 */
void
ac_backend_client_set_tokens (AcBackendClient       *self,
                              const AcBackendTokens *tokens)
{
  AcBackendTokens *old;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));

  old = self->tokens;
  /* Copied before the old ones go: @tokens may point into them. */
  self->tokens = tokens != NULL ? ac_backend_tokens_copy (tokens) : NULL;
  ac_backend_tokens_free (old);
  g_signal_emit (self, signals[TOKENS_CHANGED], 0);
}

/* How long before the access token expires it is refreshed (the room
 * uses the same margin before it joins), and how soon a refresh that
 * found no server is tried again. */
#define REFRESH_AHEAD_S 60
#define REFRESH_RETRY_S 30

static void schedule_refresh (AcBackendClient *self,
                              gint64           in_s);

static void
on_auto_refreshed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AcBackendClient) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A new token reschedules through tokens-changed; a refused one is left
   * for the next request to find (and the agent to sign in again). */
  if (!ac_backend_client_refresh_finish (self, result, &error) &&
      !g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH))
    {
      g_debug ("The token could not be refreshed ahead of time: %s", error->message);
      schedule_refresh (self, REFRESH_RETRY_S);
    }
}

static gboolean
on_refresh_due (gpointer data)
{
  AcBackendClient *self = data;

  g_clear_pointer (&self->refresh_source, g_source_unref);
  ac_backend_client_refresh_async (self, NULL, on_auto_refreshed, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* The next refresh: in @in_s seconds, or (with -1) ahead of the access
 * token's expiry. */
static void
schedule_refresh (AcBackendClient *self,
                  gint64           in_s)
{
  if (self->refresh_source != NULL)
    g_source_destroy (self->refresh_source);
  g_clear_pointer (&self->refresh_source, g_source_unref);

  if (!self->auto_refresh || self->tokens == NULL || self->tokens->refresh_token == NULL ||
      self->tokens->expires_at <= 0)
    return;

  if (in_s < 0)
    in_s = self->tokens->expires_at - REFRESH_AHEAD_S - g_get_real_time () / G_USEC_PER_SEC;
  self->refresh_source = g_timeout_source_new_seconds ((guint) CLAMP (in_s, 1, G_MAXINT));
  g_source_set_callback (self->refresh_source, on_refresh_due, self, NULL);
  g_source_set_static_name (self->refresh_source, "[agent-console] token refresh");
  g_source_attach (self->refresh_source, g_main_context_get_thread_default ());
}

static void
on_tokens_changed (AcBackendClient *self)
{
  schedule_refresh (self, -1);
}

/**
 * ac_backend_client_set_auto_refresh:
 * @self: an #AcBackendClient
 * @auto_refresh: %TRUE to refresh the access token on a timer
 *
 * Whether the client refreshes its access token by itself, a minute
 * before the expiry its JWT's `exp` claim gives (see ac_jwt_get_expiry()),
 * and again after each refresh — so a long shift never meets an expired
 * token.  A refresh the server refuses is left for the next request, which
 * fails with %AC_BACKEND_ERROR_AUTH; one that finds no server is tried
 * again 30 s later.  The timer runs in the thread-default main context
 * of the caller.  Off by default (the command line does not need it).
 */
void
ac_backend_client_set_auto_refresh (AcBackendClient *self,
                                    gboolean         auto_refresh)
{
  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));

  if (self->auto_refresh == !!auto_refresh)
    return;
  self->auto_refresh = !!auto_refresh;
  if (auto_refresh)
    g_signal_connect (self, "tokens-changed", G_CALLBACK (on_tokens_changed), NULL);
  else
    g_signal_handlers_disconnect_by_func (self, on_tokens_changed, NULL);
  schedule_refresh (self, -1);
}

/**
 * ac_backend_client_dup_tokens:
 * @self: an #AcBackendClient
 *
 * Returns: (transfer full) (nullable): the tokens, or %NULL when signed out
 */
AcBackendTokens *
ac_backend_client_dup_tokens (AcBackendClient *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_CLIENT (self), NULL);

  return self->tokens != NULL ? ac_backend_tokens_copy (self->tokens) : NULL;
}

/**
 * ac_backend_client_get_role:
 * @self: an #AcBackendClient
 *
 * The signed-in user's role, as the sign-in answer or the token says
 * (see #AcBackendTokens); the server decides what it allows, this only
 * decides what the window offers.
 *
 * Returns: (nullable): `AGENT`, `SUPERVISOR`, `ADMIN`…, or %NULL when
 *   signed out or not told
 */
const char *
ac_backend_client_get_role (AcBackendClient *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_CLIENT (self), NULL);

  return self->tokens != NULL ? self->tokens->role : NULL;
}

/**
 * ac_backend_client_set_timeout:
 * @self: an #AcBackendClient
 * @seconds: how long a request may take before it fails with
 *   %AC_BACKEND_ERROR_TIMEOUT (default 15 s; 0 for never)
 */
void
ac_backend_client_set_timeout (AcBackendClient *self,
                               guint            seconds)
{
  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));

  soup_session_set_timeout (self->session, seconds);
}

/**
 * ac_backend_client_set_max_retry_wait:
 * @self: an #AcBackendClient
 * @seconds: how long in all a request waits out `429 Too Many Requests`
 *   before failing with %AC_BACKEND_ERROR_RATE_LIMITED (default 30 s)
 */
void
ac_backend_client_set_max_retry_wait (AcBackendClient *self,
                                      guint            seconds)
{
  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));

  self->max_wait_s = seconds;
}

/* ----------------------------------------------------------- endpoints */

/* What ac-backend-client-private.h offers the endpoint families: each
 * endpoint is a request, then its data shaped into the app's models. */

static void
on_endpoint (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = ac_backend_client_request_finish (AC_BACKEND_CLIENT (object), result, &error);

  if (data == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify) json_node_unref);
}

/* Sends one request for the _async function @source_tag; its answer's
 * data goes to @callback (read it with ac_backend_client_propagate()). */
void
ac_backend_client_endpoint (AcBackendClient *self, gpointer source_tag, const char *method,
                            const char *path, JsonNode *body, const char *idempotency_key,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data) { g_autoptr(GTask) task = g_task_new (self,
                            cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  ac_backend_client_request_full_async (self, method, path, body, idempotency_key, cancellable, on_endpoint,
                                        g_object_ref (task));
}

/* The answer's data (transfer full), or %NULL with @error.  @source_tag,
 * unless %NULL (a _finish shared by several endpoints), must be the
 * _async function @result answers. */
JsonNode *
ac_backend_client_propagate (AcBackendClient  *self,
                             GAsyncResult     *result,
                             gpointer          source_tag,
                             GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (source_tag == NULL || g_async_result_is_tagged (result, source_tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The answer's data as an object, kept alive by @keep. */
JsonObject *
ac_backend_data_object (AcBackendClient  *self,
                        GAsyncResult     *result,
                        gpointer          source_tag,
                        JsonNode        **keep,
                        GError          **error)
{
  *keep = ac_backend_client_propagate (self, result, source_tag, error);
  if (*keep == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (*keep))
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                   _("The server answered, but not with the record expected"));
      return NULL;
    }
  return json_node_get_object (*keep);
}

/* A record's fields from an answer, with an id; %NULL and @error (with
 * the message @without_id when it has none) else. */
GHashTable *
ac_backend_record_fields (AcBackendClient  *self,
                          GAsyncResult     *result,
                          gpointer          source_tag,
                          const char       *without_id,
                          GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GHashTable) fields = NULL;
  JsonObject *data;

  if ((data = ac_backend_data_object (self, result, source_tag, &keep, error)) == NULL)
    return NULL;
  fields = ac_backend_fields_from_json (data);
  if (g_hash_table_lookup (fields, "id") == NULL)
    {
      g_set_error_literal (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE, without_id);
      return NULL;
    }
  return g_steal_pointer (&fields);
}

/* The list in @data: the data itself, or its @member (servers differ). */
JsonArray *
ac_backend_rows_of (JsonNode   *data,
                    const char *member)
{
  if (data == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (data))
    return json_node_get_array (data);
  if (JSON_NODE_HOLDS_OBJECT (data))
    return ac_backend_member_array (json_node_get_object (data), member);
  return NULL;
}

/* @prefix + the id, escaped as one path segment. */
char *
ac_backend_escaped_path (const char *prefix,
                         const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat (prefix, escaped, NULL);
}

/* @path with a query string of the name, value pairs that follow (up to
 * a %NULL name), encoded by libsoup; a %NULL or empty value is left out. */
char *
ac_backend_path_with_query (const char *path,
                            const char *first_name,
                            ...)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *query = NULL;
  va_list ap;

  va_start (ap, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (ap, const char *))
    {
      const char *value = va_arg (ap, const char *);

      if (value != NULL && value[0] != '\0')
        g_hash_table_insert (form, (gpointer) name, (gpointer) value);
    }
  va_end (ap);

  if (g_hash_table_size (form) == 0)
    return g_strdup (path);
  query = soup_form_encode_hash (form);
  return g_strconcat (path, "?", query, NULL);
}

/**
 * ac_backend_client_login_async:
 * @self: an #AcBackendClient
 * @email: the agent's email address
 * @password: their password; sent once, kept nowhere
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the tokens
 * @user_data: data for @callback
 *
 * Signs in (`POST /auth/login`).  On success the client keeps the tokens
 * and emits [signal@BackendClient::tokens-changed].
 */
void
ac_backend_client_login_async (AcBackendClient     *self,
                               const char          *email,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (email != NULL && password != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  ac_backend_client_endpoint (self, ac_backend_client_login_async, "POST", "/auth/login", body,
                              NULL, cancellable, callback, user_data);
}

/**
 * ac_backend_client_login_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Returns: (transfer full): the tokens, or %NULL
 */
AcBackendTokens *
ac_backend_client_login_finish (AcBackendClient  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *data;
  AcBackendTokens tokens = { NULL, };

  if ((data = ac_backend_data_object (self, result, ac_backend_client_login_async, &keep, error)) == NULL)
    return NULL;

  tokens.access_token = (char *) ac_backend_string_member (data, "token", NULL);
  tokens.refresh_token = (char *) ac_backend_string_member (data, "refreshToken", NULL);
  if (tokens.access_token == NULL)
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                   _("The server signed you in but sent no token"));
      return NULL;
    }
  tokens.expires_at = ac_jwt_get_expiry (tokens.access_token);
  if (tokens.expires_at == 0)
    tokens.expires_at = g_get_real_time () / G_USEC_PER_SEC + expires_in_s (data);

  /* The role: the answer's `user.role`, else the token's claim. */
  {
    JsonNode *user = json_object_get_member (data, "user");
    const char *role = user != NULL && JSON_NODE_HOLDS_OBJECT (user)
                       ? ac_backend_string_member (json_node_get_object (user), "role", NULL) : NULL;
    g_autofree char *role_up = role != NULL && role[0] != '\0' && strlen (role) <= 64
                               ? g_ascii_strup (role, -1) : ac_jwt_dup_role (tokens.access_token);

    tokens.role = role_up;
    ac_backend_client_set_tokens (self, &tokens);
    return ac_backend_tokens_copy (&tokens);
  }
}
