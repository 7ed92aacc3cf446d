/* ac-test-backend.c
 *
 * A contact-center backend for tests: a libsoup server on 127.0.0.1, in a
 * thread of its own, speaking the Voice Bot Dashboard contract (the
 * `{success, data}` envelope, JWT access tokens with an expiry, refresh
 * tokens that rotate) over a handful of customers, with switches that make
 * it misbehave the way real servers do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ac-test-backend.h"

#define SECRET "test-backend-secret"

struct _AcTestBackend
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *api_url;

  GMutex        lock;          /* guards everything below */
  GCond         ready;
  gboolean      started;
  AcTestFault   fault;
  guint         fault_times;
  int           token_lifetime;
  GHashTable   *refresh_tokens;  /* valid refresh token → email */
  GHashTable   *last_headers;    /* name → value, of the last request */
  GHashTable   *counts;          /* path → GUINT requests */
};

/* The customers, as PostgreSQL rows come out of node-postgres: DECIMAL
 * balances as strings, one status in another case. */
static const char *customers_json =
  "["
  "{\"id\":\"c-1\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"phone\":\"+15551234567\","
  "\"account_number\":\"ACC-1\",\"account_type\":\"CHECKING\",\"balance\":\"1234.50\",\"status\":\"ACTIVE\","
  "\"join_date\":\"2019-03-14T00:00:00.000Z\",\"risk_level\":\"LOW\",\"preferred_language\":\"en\","
  "\"last_transaction_date\":null,\"kyc_status\":\"VERIFIED\"},"
  "{\"id\":\"c-2\",\"name\":\"Adam Smith\",\"email\":\"adam@example.org\",\"phone\":\"+442079460001\","
  "\"account_number\":\"ACC-2\",\"account_type\":\"savings\",\"balance\":-20,\"status\":\"suspended\","
  "\"riskLevel\":\"high\",\"kyc_status\":\"PENDING\"},"
  "{\"id\":\"c-3\",\"name\":\"Grace Hopper\",\"email\":null,\"phone\":\"+15559876543\","
  "\"account_number\":\"ACC-3\",\"account_type\":\"BUSINESS\",\"balance\":0.1,\"status\":\"ACTIVE\"}"
  "]";

static char *
base64url (const guchar *data,
           gsize         len)
{
  char *b64 = g_base64_encode (data, len);
  gsize n = strlen (b64);

  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  while (n > 0 && b64[n - 1] == '=')
    b64[--n] = '\0';
  return b64;
}

static char *
sign (const char *signing_input)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) SECRET, strlen (SECRET));
  guint8 digest[32];
  gsize len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &len);
  return base64url (digest, len);
}

/* HS256, as jsonwebtoken signs the contract's tokens. */
static char *
make_jwt (const char *email,
          gint64      exp)
{
  const char *header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  g_autofree char *payload = g_strdup_printf ("{\"userId\":\"u-1\",\"email\":\"%s\",\"role\":\"agent\","
                                              "\"exp\":%" G_GINT64_FORMAT "}", email, exp);
  g_autofree char *h = base64url ((const guchar *) header, strlen (header));
  g_autofree char *p = base64url ((const guchar *) payload, strlen (payload));
  g_autofree char *input = g_strconcat (h, ".", p, NULL);
  g_autofree char *signature = sign (input);

  return g_strconcat (input, ".", signature, NULL);
}

/* Whether a bearer token is ours and not expired. */
static gboolean
token_valid (const char *authorization)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *input = NULL;
  g_autofree char *signature = NULL;
  g_autofree guchar *payload = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) b64 = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize len;

  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer "))
    return FALSE;
  parts = g_strsplit (authorization + 7, ".", -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  input = g_strconcat (parts[0], ".", parts[1], NULL);
  signature = sign (input);
  if (!g_str_equal (signature, parts[2]))
    return FALSE;

  b64 = g_string_new (parts[1]);
  g_strdelimit (b64->str, "-", '+');
  g_strdelimit (b64->str, "_", '/');
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  payload = g_base64_decode (b64->str, &len);
  text = g_strndup ((const char *) payload, len);
  root = json_from_string (text, NULL);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
         json_object_get_int_member_with_default (json_node_get_object (root), "exp", 0) >
         g_get_real_time () / G_USEC_PER_SEC;
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  g_autofree char *body = g_strdup_printf ("{\"success\":false,\"error\":{\"code\":\"%s\",\"message\":\"%s\"}}",
                                           code, message);

  reply (msg, status, "application/json", body);
}

static void
reply_data (SoupServerMessage *msg,
            const char        *data_json)
{
  g_autofree char *body = g_strdup_printf ("{\"success\":true,\"data\":%s}", data_json);

  reply (msg, 200, "application/json", body);
}

static AcTestFault
take_fault (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  AcTestFault fault = backend->fault;

  if (backend->fault_times > 0 && --backend->fault_times == 0)
    backend->fault = AC_TEST_FAULT_NONE;
  return fault;
}

static gboolean
unpause (gpointer data)
{
  soup_server_message_unpause (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static JsonObject *
request_object (SoupServerMessage *msg,
                JsonNode         **keep)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  *keep = body->data != NULL ? json_from_string (body->data, NULL) : NULL;
  return *keep != NULL && JSON_NODE_HOLDS_OBJECT (*keep) ? json_node_get_object (*keep) : NULL;
}

static void
handle_login (AcTestBackend     *backend,
              SoupServerMessage *msg)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *in = request_object (msg, &keep);
  const char *email = in ? json_object_get_string_member_with_default (in, "email", NULL) : NULL;
  const char *password = in ? json_object_get_string_member_with_default (in, "password", NULL) : NULL;
  g_autofree char *token = NULL;
  g_autofree char *refresh = g_uuid_string_random ();
  g_autofree char *data = NULL;
  int lifetime;

  if (email == NULL || password == NULL)
    {
      reply_error (msg, 400, "VALIDATION_ERROR", "Email and password required");
      return;
    }
  if (!g_str_equal (email, AC_TEST_BACKEND_EMAIL) || !g_str_equal (password, AC_TEST_BACKEND_PASSWORD))
    {
      reply_error (msg, 401, "AUTH_INVALID", "Invalid credentials");
      return;
    }

  g_mutex_lock (&backend->lock);
  lifetime = backend->token_lifetime;
  g_hash_table_insert (backend->refresh_tokens, g_strdup (refresh), g_strdup (email));
  g_mutex_unlock (&backend->lock);

  token = make_jwt (email, g_get_real_time () / G_USEC_PER_SEC + lifetime);
  data = g_strdup_printf ("{\"token\":\"%s\",\"refreshToken\":\"%s\",\"expiresIn\":%d,"
                          "\"user\":{\"id\":\"u-1\",\"email\":\"%s\",\"role\":\"agent\",\"permissions\":[]}}",
                          token, refresh, lifetime, email);
  reply_data (msg, data);
}

static void
handle_refresh (AcTestBackend     *backend,
                SoupServerMessage *msg)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *in = request_object (msg, &keep);
  const char *refresh = in ? json_object_get_string_member_with_default (in, "refreshToken", NULL) : NULL;
  g_autofree char *email = NULL;
  g_autofree char *rotated = g_uuid_string_random ();
  g_autofree char *token = NULL;
  g_autofree char *data = NULL;
  int lifetime;

  g_mutex_lock (&backend->lock);
  /* Rotation: a refresh token is good once. */
  if (refresh != NULL && g_hash_table_steal_extended (backend->refresh_tokens, refresh, NULL, (gpointer *) &email))
    g_hash_table_insert (backend->refresh_tokens, g_strdup (rotated), g_strdup (email));
  lifetime = backend->token_lifetime;
  g_mutex_unlock (&backend->lock);

  if (email == NULL)
    {
      reply_error (msg, 401, "AUTH_INVALID", "Invalid refresh token");
      return;
    }

  token = make_jwt (email, g_get_real_time () / G_USEC_PER_SEC + lifetime);
  data = g_strdup_printf ("{\"token\":\"%s\",\"refreshToken\":\"%s\",\"expiresIn\":%d}", token, rotated, lifetime);
  reply_data (msg, data);
}

static void
handle_customers (SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query)
{
  g_autoptr(JsonNode) all = json_from_string (customers_json, NULL);
  JsonArray *rows = json_node_get_array (all);

  if (g_str_equal (path, "/api/customers/search"))
    {
      const char *q = query != NULL ? g_hash_table_lookup (query, "q") : NULL;
      const char *phone = query != NULL ? g_hash_table_lookup (query, "phone") : NULL;
      g_autoptr(JsonArray) found = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *list = NULL;
      g_autofree char *data = NULL;

      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          g_autofree char *name = g_utf8_strdown (json_object_get_string_member (row, "name"), -1);
          g_autofree char *needle = q != NULL ? g_utf8_strdown (q, -1) : NULL;

          if ((needle == NULL || strstr (name, needle) != NULL) &&
              (phone == NULL || g_strcmp0 (json_object_get_string_member (row, "phone"), phone) == 0))
            json_array_add_element (found, json_node_copy (json_array_get_element (rows, i)));
        }

      json_node_set_array (node, found);
      list = json_to_string (node, FALSE);
      /* node-postgres's rowCount: a number; some servers send a string. */
      data = g_strdup_printf ("{\"customers\":%s,\"totalCount\":\"%u\"}", list, json_array_get_length (found));
      reply_data (msg, data);
      return;
    }

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *own = g_strconcat ("/api/customers/", json_object_get_string_member (row, "id"), NULL);

      if (g_str_equal (path, own))
        {
          g_autofree char *data = json_to_string (json_array_get_element (rows, i), FALSE);

          reply_data (msg, data);
          return;
        }
    }
  reply_error (msg, 404, "NOT_FOUND", "Customer not found");
}

static void
close_mid_answer (SoupServerMessage *msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);
  const char *partial = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                        "{\"success\":true,\"da";

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial, strlen (partial), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  AcTestBackend *backend = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  AcTestFault fault;

  g_mutex_lock (&backend->lock);
  g_hash_table_remove_all (backend->last_headers);
  {
    SoupMessageHeadersIter iter;
    const char *name, *value;

    soup_message_headers_iter_init (&iter, headers);
    while (soup_message_headers_iter_next (&iter, &name, &value))
      g_hash_table_insert (backend->last_headers, g_ascii_strdown (name, -1), g_strdup (value));
  }
  g_hash_table_insert (backend->counts, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (backend->counts, path)) + 1));
  g_mutex_unlock (&backend->lock);

  fault = take_fault (backend);
  switch (fault)
    {
    case AC_TEST_FAULT_SERVER_ERROR:
      reply_error (msg, 500, "SERVER_ERROR", "Internal server error");
      return;
    case AC_TEST_FAULT_HTML:
      reply (msg, 502, "text/html", "<html><head><title>502 Bad Gateway</title></head>"
                                    "<body><h1>Bad Gateway</h1><hr>nginx</body></html>");
      return;
    case AC_TEST_FAULT_RATE_LIMIT:
      reply_error (msg, 429, "RATE_LIMITED", "Too many requests");
      return;
    case AC_TEST_FAULT_RETRY_AFTER:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
      reply_error (msg, 429, "RATE_LIMITED", "Too many requests");
      return;
    case AC_TEST_FAULT_CLOSE:
      close_mid_answer (msg);
      return;
    case AC_TEST_FAULT_SLOW:
      soup_server_message_pause (msg);
      {
        GSource *source = g_timeout_source_new (3000);

        g_source_set_callback (source, unpause, g_object_ref (msg), NULL);
        g_source_attach (source, backend->context);
        g_source_unref (source);
      }
      break;
    case AC_TEST_FAULT_EXPIRED:
    case AC_TEST_FAULT_NONE:
    default:
      break;
    }

  if (g_str_equal (path, "/health"))
    {
      reply (msg, 200, "application/json", "{\"status\":\"healthy\"}");
      return;
    }
  if (g_str_equal (path, "/api/auth/login"))
    {
      handle_login (backend, msg);
      return;
    }
  if (g_str_equal (path, "/api/auth/refresh"))
    {
      handle_refresh (backend, msg);
      return;
    }

  if (fault == AC_TEST_FAULT_EXPIRED || !token_valid (authorization))
    {
      reply_error (msg, 401, "AUTH_INVALID", "Token expired or invalid");
      return;
    }

  if (g_str_has_prefix (path, "/api/customers/"))
    {
      handle_customers (msg, path, query);
      return;
    }

  reply_error (msg, 404, "NOT_FOUND", "No such endpoint");
}

static gpointer
run (gpointer data)
{
  AcTestBackend *backend = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (backend->context);

  backend->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (backend->server, NULL, handle, backend, NULL);
  if (!soup_server_listen_local (backend->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The test backend cannot listen: %s", error->message);

  uris = soup_server_get_uris (backend->server);
  {
    g_autofree char *root = g_uri_to_string (uris->data);

    backend->api_url = g_strconcat (root, g_str_has_suffix (root, "/") ? "api" : "/api", NULL);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&backend->lock);
  backend->started = TRUE;
  g_cond_signal (&backend->ready);
  g_mutex_unlock (&backend->lock);

  g_main_loop_run (backend->loop);

  soup_server_disconnect (backend->server);
  g_clear_object (&backend->server);
  g_main_context_pop_thread_default (backend->context);
  return NULL;
}

/* Starts the server on 127.0.0.1, on a port of its own, and returns once
 * it listens. */
AcTestBackend *
ac_test_backend_new (void)
{
  AcTestBackend *backend = g_new0 (AcTestBackend, 1);

  g_mutex_init (&backend->lock);
  g_cond_init (&backend->ready);
  backend->context = g_main_context_new ();
  backend->loop = g_main_loop_new (backend->context, FALSE);
  backend->token_lifetime = 3600;
  backend->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  backend->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  backend->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  backend->thread = g_thread_new ("test-backend", run, backend);
  g_mutex_lock (&backend->lock);
  while (!backend->started)
    g_cond_wait (&backend->ready, &backend->lock);
  g_mutex_unlock (&backend->lock);

  return backend;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
ac_test_backend_free (AcTestBackend *backend)
{
  g_main_context_invoke (backend->context, quit, backend->loop);
  g_thread_join (backend->thread);
  g_main_loop_unref (backend->loop);
  g_main_context_unref (backend->context);
  g_hash_table_unref (backend->refresh_tokens);
  g_hash_table_unref (backend->last_headers);
  g_hash_table_unref (backend->counts);
  g_free (backend->api_url);
  g_mutex_clear (&backend->lock);
  g_cond_clear (&backend->ready);
  g_free (backend);
}

/* http://127.0.0.1:PORT/api */
const char *
ac_test_backend_get_api_url (AcTestBackend *backend)
{
  return backend->api_url;
}

/* The next @times requests (any endpoint) misbehave so. */
void
ac_test_backend_fail_next (AcTestBackend *backend,
                           AcTestFault    fault,
                           guint          times)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  backend->fault = fault;
  backend->fault_times = times;
}

void
ac_test_backend_set_token_lifetime (AcTestBackend *backend,
                                    int            seconds)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  backend->token_lifetime = seconds;
}

char *
ac_test_backend_dup_last_header (AcTestBackend *backend,
                                 const char    *name)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_strdup (g_hash_table_lookup (backend->last_headers, lower));
}

guint
ac_test_backend_get_n_requests (AcTestBackend *backend,
                                const char    *path)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  return GPOINTER_TO_UINT (g_hash_table_lookup (backend->counts, path));
}
