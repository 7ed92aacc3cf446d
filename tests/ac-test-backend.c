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
#include "ac-test-backend-private.h"

#define SECRET "test-backend-secret"


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
  gboolean supervisor = g_str_equal (email, AC_TEST_BACKEND_SUPERVISOR_EMAIL);
  /* the agent's role in lower case, as some servers write it */
  g_autofree char *payload = g_strdup_printf ("{\"userId\":\"%s\",\"email\":\"%s\",\"role\":\"%s\","
                                              "\"exp\":%" G_GINT64_FORMAT "}", supervisor ? "s-1" : "u-1", email,
                                              supervisor ? "SUPERVISOR" : "agent", exp);
  g_autofree char *h = base64url ((const guchar *) header, strlen (header));
  g_autofree char *p = base64url ((const guchar *) payload, strlen (payload));
  g_autofree char *input = g_strconcat (h, ".", p, NULL);
  g_autofree char *signature = sign (input);

  return g_strconcat (input, ".", signature, NULL);
}

/* Whether a bearer token is ours and not expired. */
gboolean
tb_token_valid (const char *authorization)
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

void
tb_reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

void
tb_reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  g_autofree char *body = g_strdup_printf ("{\"success\":false,\"error\":{\"code\":\"%s\",\"message\":\"%s\"}}",
                                           code, message);

  tb_reply (msg, status, "application/json", body);
}

void
tb_reply_data (SoupServerMessage *msg,
            const char        *data_json)
{
  g_autofree char *body = g_strdup_printf ("{\"success\":true,\"data\":%s}", data_json);

  tb_reply (msg, 200, "application/json", body);
}

void
tb_reply_data_status (SoupServerMessage *msg,
                   guint              status,
                   const char        *data_json)
{
  g_autofree char *body = g_strdup_printf ("{\"success\":true,\"data\":%s}", data_json);

  tb_reply (msg, status, "application/json", body);
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

JsonObject *
tb_request_object (SoupServerMessage *msg,
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
  JsonObject *in = tb_request_object (msg, &keep);
  const char *email = in ? json_object_get_string_member_with_default (in, "email", NULL) : NULL;
  const char *password = in ? json_object_get_string_member_with_default (in, "password", NULL) : NULL;
  g_autofree char *token = NULL;
  g_autofree char *refresh = g_uuid_string_random ();
  g_autofree char *data = NULL;
  int lifetime;

  if (email == NULL || password == NULL)
    {
      tb_reply_error (msg, 400, "VALIDATION_ERROR", "Email and password required");
      return;
    }
  if ((!g_str_equal (email, AC_TEST_BACKEND_EMAIL) && !g_str_equal (email, AC_TEST_BACKEND_SUPERVISOR_EMAIL)) ||
      !g_str_equal (password, AC_TEST_BACKEND_PASSWORD))
    {
      tb_reply_error (msg, 401, "AUTH_INVALID", "Invalid credentials");
      return;
    }

  g_mutex_lock (&backend->lock);
  lifetime = backend->token_lifetime;
  g_hash_table_insert (backend->refresh_tokens, g_strdup (refresh), g_strdup (email));
  g_mutex_unlock (&backend->lock);

  token = make_jwt (email, g_get_real_time () / G_USEC_PER_SEC + lifetime);
  data = g_strdup_printf ("{\"token\":\"%s\",\"refreshToken\":\"%s\",\"expiresIn\":%d,"
                          "\"user\":{\"id\":\"%s\",\"email\":\"%s\",\"role\":\"%s\",\"permissions\":[]}}",
                          token, refresh, lifetime, g_str_equal (email, AC_TEST_BACKEND_EMAIL) ? "u-1" : "s-1", email,
                          g_str_equal (email, AC_TEST_BACKEND_EMAIL) ? "AGENT" : "SUPERVISOR");
  tb_reply_data (msg, data);
}

static void
handle_refresh (AcTestBackend     *backend,
                SoupServerMessage *msg)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *in = tb_request_object (msg, &keep);
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
      tb_reply_error (msg, 401, "AUTH_INVALID", "Invalid refresh token");
      return;
    }

  token = make_jwt (email, g_get_real_time () / G_USEC_PER_SEC + lifetime);
  data = g_strdup_printf ("{\"token\":\"%s\",\"refreshToken\":\"%s\",\"expiresIn\":%d}", token, rotated, lifetime);
  tb_reply_data (msg, data);
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
      tb_reply_data (msg, data);
      return;
    }

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *own = g_strconcat ("/api/customers/", json_object_get_string_member (row, "id"), NULL);

      if (g_str_equal (path, own))
        {
          g_autofree char *data = json_to_string (json_array_get_element (rows, i), FALSE);

          tb_reply_data (msg, data);
          return;
        }
    }
  tb_reply_error (msg, 404, "NOT_FOUND", "Customer not found");
}

char *
tb_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000Z");
}

char *
tb_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

char *
tb_array_to_string (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

static const char *
member_string (JsonObject *object,
               const char *camel,
               const char *snake)
{
  const char *value = json_object_get_string_member_with_default (object, camel, NULL);

  return value != NULL ? value : json_object_get_string_member_with_default (object, snake, NULL);
}

void
tb_reply_object (SoupServerMessage *msg,
              guint              status,
              JsonObject        *object)
{
  g_autofree char *data = tb_object_to_string (object);
  g_autofree char *body = g_strdup_printf ("{\"success\":true,\"data\":%s}", data);

  tb_reply (msg, status, "application/json", body);
}

/* POST /api/conversations, GET /api/conversations/<id>,
 * PATCH /api/conversations/<id>, GET /api/conversations/<id>/messages */
static void
handle_conversations (AcTestBackend     *backend,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);   /* "", "api", "conversations", id, "messages" */
  guint n = g_strv_length (parts);

  if (n == 3 && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonNode) keep = NULL;
      JsonObject *in = tb_request_object (msg, &keep);
      JsonObject *row;
      g_autofree char *id = NULL;
      g_autofree char *now = NULL;

      if (key != NULL && (row = g_hash_table_lookup (backend->idempotency, key)) != NULL)
        {
          tb_reply_object (msg, 201, row);
          return;
        }
      if (in == NULL)
        {
          tb_reply_error (msg, 400, "VALIDATION_ERROR", "A JSON object is required");
          return;
        }
      id = g_uuid_string_random ();
      now = tb_now_iso ();
      row = json_object_new ();
      json_object_set_string_member (row, "id", id);
      /* customer_id is nullable in the contract's table: an unknown caller. */
      json_object_set_string_member (row, "customer_id", member_string (in, "customerId", "customer_id"));
      json_object_set_string_member (row, "agent_id", "u-1");
      json_object_set_string_member (row, "status", "ACTIVE");
      json_object_set_string_member (row, "start_time", now);
      json_object_set_null_member (row, "end_time");
      json_object_set_null_member (row, "duration");
      json_object_set_string_member (row, "channel",
                                     json_object_get_string_member_with_default (in, "channel", "VOICE"));
      json_object_set_null_member (row, "overall_sentiment");
      json_object_set_string_member (row, "resolution_status", "PENDING");
      g_hash_table_insert (backend->conversations, g_strdup (id), row);
      g_hash_table_insert (backend->messages, g_strdup (id), json_array_new ());
      g_hash_table_insert (backend->sentiments, g_strdup (id), json_array_new ());
      if (key != NULL)
        g_hash_table_insert (backend->idempotency, g_strdup (key), json_object_ref (row));
      /* the contract's call: in the queue asked for, of the tenant */
      tb_floor_call_started (backend, row, json_object_get_string_member_with_default (in, "queue", NULL),
                             soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                           "X-Tenant-ID"));
      tb_reply_object (msg, 201, row);
      return;
    }

  if (n >= 4)
    {
      JsonObject *row = g_hash_table_lookup (backend->conversations, parts[3]);

      if (row == NULL)
        {
          tb_reply_error (msg, 404, "NOT_FOUND", "Conversation not found");
          return;
        }
      if (n == 4 && g_str_equal (method, "GET"))
        {
          tb_reply_object (msg, 200, row);
          return;
        }
      if (n == 4 && g_str_equal (method, "PATCH"))
        {
          g_autoptr(JsonNode) keep = NULL;
          JsonObject *in = tb_request_object (msg, &keep);
          static const char *columns[][2] = {
            { "status", "status" }, { "endTime", "end_time" }, { "duration", "duration" },
            { "overallSentiment", "overall_sentiment" }, { "resolutionStatus", "resolution_status" },
            { "summary", "summary" }, { "disposition", "disposition" },
          };

          if (in == NULL)
            {
              tb_reply_error (msg, 400, "VALIDATION_ERROR", "A JSON object is required");
              return;
            }
          /* The contract's calls end ENDED; document 000's COMPLETED. */
          if (json_object_has_member (in, "status") &&
              g_strcmp0 (json_object_get_string_member_with_default (in, "status", NULL),
                         backend->document_000 ? "COMPLETED" : "ENDED") != 0)
            {
              tb_reply_error (msg, 400, "VALIDATION_ERROR",
                           backend->document_000 ? "status must be COMPLETED" : "status must be ENDED");
              return;
            }
          for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
            if (json_object_has_member (in, columns[i][0]))
              json_object_set_member (row, columns[i][1],
                                      json_node_copy (json_object_get_member (in, columns[i][0])));
          if (json_object_has_member (in, "status"))
            tb_floor_call_ended (backend, parts[3], "completed");
          tb_reply_object (msg, 200, row);
          return;
        }
      /* POST /api/conversations/<id>/end {disposition?, summary?,
       * resolutionStatus?}: ENDED, its end time and duration set here;
       * 409 once ended.  Not on a backend of document 000 alone. */
      if (n == 5 && g_str_equal (parts[4], "end") && g_str_equal (method, "POST") && !backend->document_000)
        {
          g_autoptr(JsonNode) keep = NULL;
          JsonObject *in = tb_request_object (msg, &keep);
          g_autofree char *now = tb_now_iso ();
          g_autoptr(GDateTime) started = g_date_time_new_from_iso8601 (
            json_object_get_string_member_with_default (row, "start_time", ""), NULL);
          g_autoptr(GDateTime) ended = g_date_time_new_now_utc ();

          if (g_strcmp0 (json_object_get_string_member_with_default (row, "status", NULL), "ENDED") == 0)
            {
              tb_reply_error (msg, 409, "CONFLICT", "The conversation has already ended");
              return;
            }
          json_object_set_string_member (row, "status", "ENDED");
          tb_floor_call_ended (backend, parts[3], "completed");
          json_object_set_string_member (row, "end_time", now);
          json_object_set_int_member (row, "duration",
                                      started != NULL ? g_date_time_difference (ended, started) / G_USEC_PER_SEC : 0);
          if (in != NULL && json_object_has_member (in, "disposition"))
            json_object_set_member (row, "disposition", json_node_copy (json_object_get_member (in, "disposition")));
          if (in != NULL && json_object_has_member (in, "summary"))
            json_object_set_member (row, "summary", json_node_copy (json_object_get_member (in, "summary")));
          if (in != NULL && json_object_has_member (in, "resolutionStatus"))
            json_object_set_member (row, "resolution_status",
                                    json_node_copy (json_object_get_member (in, "resolutionStatus")));
          tb_reply_object (msg, 200, row);
          return;
        }
      if (n == 5 && g_str_equal (parts[4], "messages") && g_str_equal (method, "GET"))
        {
          JsonArray *all = g_hash_table_lookup (backend->messages, parts[3]);
          const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
          guint limit = limit_text != NULL ? (guint) g_ascii_strtoull (limit_text, NULL, 10) : 50;
          g_autoptr(JsonArray) page = json_array_new ();
          g_autofree char *list = NULL;
          g_autofree char *body = NULL;

          for (guint i = 0; i < json_array_get_length (all) && i < limit; i++)
            json_array_add_element (page, json_node_copy (json_array_get_element (all, i)));
          list = tb_array_to_string (page);
          body = g_strdup_printf ("{\"success\":true,\"data\":{\"messages\":%s}}", list);
          tb_reply (msg, 200, "application/json", body);
          return;
        }
    }
  tb_reply_error (msg, 404, "NOT_FOUND", "No such endpoint");
}

/* GET /api/sentiment/conversation/<id>: the rows of sentiment_analysis,
 * the way a PostgreSQL driver gives them (DECIMAL as text). */
static void
handle_sentiment (AcTestBackend     *backend,
                  SoupServerMessage *msg,
                  const char        *path)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  const char *id = path + strlen ("/api/sentiment/conversation/");
  JsonArray *rows = g_hash_table_lookup (backend->sentiments, id);
  g_autofree char *list = NULL;

  if (rows == NULL)
    {
      tb_reply_error (msg, 404, "NOT_FOUND", "Conversation not found");
      return;
    }
  list = tb_array_to_string (rows);
  tb_reply_data (msg, list);
}

static int
sla_hours (const char *priority)
{
  if (g_strcmp0 (priority, "URGENT") == 0)
    return 4;
  if (g_strcmp0 (priority, "HIGH") == 0)
    return 24;
  if (g_strcmp0 (priority, "LOW") == 0)
    return 168;
  return 72;
}

/* POST /api/tickets, GET /api/tickets?status=&priority=&customerId=&q= */
static void
handle_tickets (AcTestBackend     *backend,
                SoupServerMessage *msg,
                GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  if (g_str_equal (method, "POST"))
    {
      g_autoptr(JsonNode) keep = NULL;
      JsonObject *in = tb_request_object (msg, &keep);
      JsonObject *row;
      g_autofree char *id = NULL;
      g_autofree char *now = NULL;
      g_autofree char *deadline = NULL;
      g_autoptr(GDateTime) created = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) due = NULL;
      const char *priority;

      if (key != NULL && (row = g_hash_table_lookup (backend->idempotency, key)) != NULL)
        {
          tb_reply_object (msg, 201, row);
          return;
        }
      if (in == NULL || member_string (in, "title", "title") == NULL || member_string (in, "category", "category") == NULL)
        {
          tb_reply_error (msg, 400, "VALIDATION_ERROR", "title and category are required");
          return;
        }
      /* Some servers want the codes in capitals; this one takes any case. */
      priority = member_string (in, "priority", "priority");
      {
        g_autofree char *upper = g_ascii_strup (priority != NULL ? priority : "MEDIUM", -1);

        if (!g_str_equal (upper, "LOW") && !g_str_equal (upper, "MEDIUM") && !g_str_equal (upper, "HIGH") &&
            !g_str_equal (upper, "URGENT"))
          {
            tb_reply_error (msg, 422, "VALIDATION_ERROR", "priority must be LOW, MEDIUM, HIGH or URGENT");
            return;
          }
        due = g_date_time_add_hours (created, sla_hours (upper));
        id = g_strdup_printf ("TKT-%06u", ++backend->next_ticket);
        now = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S.000Z");
        deadline = g_date_time_format (due, "%Y-%m-%dT%H:%M:%S.000Z");
        row = json_object_new ();
        json_object_set_string_member (row, "id", id);
        json_object_set_string_member (row, "conversation_id", member_string (in, "conversationId", "conversation_id"));
        json_object_set_string_member (row, "customer_id", member_string (in, "customerId", "customer_id"));
        json_object_set_string_member (row, "title", member_string (in, "title", "title"));
        json_object_set_string_member (row, "description", member_string (in, "description", "description"));
        json_object_set_string_member (row, "category", member_string (in, "category", "category"));
        /* Lower case on the way out, as some servers do. */
        {
          g_autofree char *lower = g_ascii_strdown (upper, -1);

          json_object_set_string_member (row, "priority", lower);
        }
        json_object_set_string_member (row, "status", "OPEN");
        json_object_set_string_member (row, "sla_deadline",
                                       member_string (in, "slaDeadline", "sla_deadline") != NULL ?
                                       member_string (in, "slaDeadline", "sla_deadline") : deadline);
        if (json_object_has_member (in, "tags"))
          json_object_set_member (row, "tags", json_node_copy (json_object_get_member (in, "tags")));
        json_object_set_string_member (row, "created_at", now);
        json_array_add_object_element (backend->tickets, row);
        if (key != NULL)
          g_hash_table_insert (backend->idempotency, g_strdup (key), json_object_ref (row));
        tb_reply_object (msg, 201, row);
      }
      return;
    }

  {
    const char *status = query != NULL ? g_hash_table_lookup (query, "status") : NULL;
    const char *priority = query != NULL ? g_hash_table_lookup (query, "priority") : NULL;
    const char *customer = query != NULL ? g_hash_table_lookup (query, "customerId") : NULL;
    const char *q = query != NULL ? g_hash_table_lookup (query, "q") : NULL;
    g_autoptr(JsonArray) found = json_array_new ();
    g_autofree char *list = NULL;
    g_autofree char *data = NULL;

    for (guint i = 0; i < json_array_get_length (backend->tickets); i++)
      {
        JsonObject *row = json_array_get_object_element (backend->tickets, i);

        if (status != NULL && g_ascii_strcasecmp (status, json_object_get_string_member (row, "status")) != 0)
          continue;
        if (priority != NULL && g_ascii_strcasecmp (priority, json_object_get_string_member (row, "priority")) != 0)
          continue;
        if (customer != NULL && g_strcmp0 (customer, json_object_get_string_member (row, "customer_id")) != 0)
          continue;
        if (q != NULL && strstr (json_object_get_string_member (row, "title"), q) == NULL)
          continue;
        json_array_add_element (found, json_node_copy (json_array_get_element (backend->tickets, i)));
      }
    list = tb_array_to_string (found);
    data = g_strdup_printf ("{\"tickets\":%s,\"totalCount\":%u}", list, json_array_get_length (found));
    tb_reply_data (msg, data);
  }
}

/* GET /api/queues: the voice platform's queues (one id a number, as a
 * real server may send it). */
static void
handle_queues (SoupServerMessage *msg)
{
  tb_reply_data (msg, "{\"queues\":[{\"id\":\"q-billing\",\"name\":\"Billing\",\"slaSeconds\":30},"
                   "{\"id\":7,\"name\":\"Fraud\",\"description\":\"Cards and accounts\"}],"
                   "\"totalCount\":2}");
}

/* POST /api/transfer/initiate {callId, targetQueue?, targetAgent?,
 * options?: {type, reason?}}, as the contract answers it. */
static void
handle_transfer (AcTestBackend     *backend,
                 SoupServerMessage *msg)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *body = tb_request_object (msg, &keep);
  JsonObject *options;
  const char *call_id, *queue, *agent, *type;
  const char *target_id = NULL;
  JsonObject *call;

  if (body == NULL || (call_id = json_object_get_string_member_with_default (body, "callId", NULL)) == NULL)
    {
      tb_reply_error (msg, 400, "VALIDATION_ERROR", "callId is required");
      return;
    }
  queue = json_object_get_string_member_with_default (body, "targetQueue", NULL);
  agent = json_object_get_string_member_with_default (body, "targetAgent", NULL);
  options = json_object_get_member (body, "options") != NULL &&
            JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "options"))
            ? json_object_get_object_member (body, "options") : NULL;
  type = options != NULL ? json_object_get_string_member_with_default (options, "type", "COLD") : "COLD";
  if (queue == NULL && agent == NULL)
    {
      tb_reply_error (msg, 400, "VALIDATION_ERROR", "A transfer needs a target queue or agent");
      return;
    }
  if (!g_str_equal (type, "COLD") && !g_str_equal (type, "WARM"))
    {
      tb_reply_error (msg, 400, "VALIDATION_ERROR", "The transfer type must be COLD or WARM");
      return;
    }
  call = g_hash_table_lookup (backend->floor_calls, call_id);
  if (call == NULL)
    {
      JsonObject *conversation = g_hash_table_lookup (backend->conversations, call_id);

      if (conversation != NULL)
        tb_reply_error (msg, 409, "CONFLICT", "The call has ended");
      else
        tb_reply_error (msg, 404, "NOT_FOUND", "No such call");
      return;
    }
  if (agent != NULL)
    {
      /* an agent by id or email; not one who is offline, not the same */
      JsonObject *target = g_hash_table_lookup (backend->floor_agents, agent);
      JsonNode *current = json_object_get_member (call, "agent");

      for (guint i = 0; target == NULL && i < backend->agent_order->len; i++)
        if (g_strcmp0 (json_object_get_string_member (backend->agent_order->pdata[i], "email"), agent) == 0)
          target = backend->agent_order->pdata[i];
      if (target == NULL)
        {
          tb_reply_error (msg, 404, "NOT_FOUND", "No such agent");
          return;
        }
      if (g_str_equal (json_object_get_string_member (target, "state"), "OFFLINE"))
        {
          tb_reply_error (msg, 409, "CONFLICT", "The agent is offline");
          return;
        }
      if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) &&
          g_str_equal (json_object_get_string_member (json_node_get_object (current), "id"),
                       json_object_get_string_member (target, "id")))
        {
          tb_reply_error (msg, 400, "VALIDATION_ERROR", "The call is already with this agent");
          return;
        }
      target_id = json_object_get_string_member (target, "id");
    }
  backend->transfers++;
  g_free (backend->last_transfer);
  backend->last_transfer = g_strdup_printf ("%s|%s|%s|%s|%s", call_id, queue != NULL ? queue : "",
                                            agent != NULL ? agent : "", type,
                                            options != NULL ? json_object_get_string_member_with_default (options, "reason", "") : "");
  {
    g_autofree char *by = tb_token_claim (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                        "Authorization"), "userId");
    g_autoptr(JsonObject) transfer = tb_floor_call_transferred (backend, call_id, queue, target_id, type,
                                                                options != NULL ? json_object_get_string_member_with_default (options, "reason", NULL) : NULL,
                                                                by);

    tb_reply_object (msg, 200, transfer);
  }
}

/* Under the lock, server thread: the agent's state changes, and the
 * notifications channel says so. */
static void
change_agent_state (AcTestBackend *backend,
                    const char    *state,
                    const char    *reason)
{
  tb_floor_agent_state (backend, "u-1", state, reason);
}

/* PUT /api/agents/me/state {state, reason? (≤ 30)}: the agent, with
 * previousState and changed. */
static void
handle_agent_state (AcTestBackend     *backend,
                    SoupServerMessage *msg)
{
  static const char *states[] = { "AVAILABLE", "ON_CALL", "AFTER_CALL_WORK", "BREAK", "OFFLINE" };
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *body = tb_request_object (msg, &keep);
  const char *state = body != NULL ? json_object_get_string_member_with_default (body, "state", NULL) : NULL;
  const char *reason = body != NULL ? json_object_get_string_member_with_default (body, "reason", NULL) : NULL;
  g_autofree char *previous = NULL;
  g_autofree char *data = NULL;

  if (state == NULL || !g_strv_contains (states, state))
    {
      tb_reply_error (msg, 400, "VALIDATION_ERROR", "state must be AVAILABLE, ON_CALL, AFTER_CALL_WORK, BREAK or OFFLINE");
      return;
    }
  if (reason != NULL && g_utf8_strlen (reason, -1) > 30)
    {
      tb_reply_error (msg, 400, "VALIDATION_ERROR", "reason is at most 30 characters");
      return;
    }
  if (backend->agent_states->len > 0)
    {
      g_auto(GStrv) lines = g_strsplit (backend->agent_states->str, "\n", -1);
      guint n = g_strv_length (lines);
      g_auto(GStrv) fields = g_strsplit (n >= 2 ? lines[n - 2] : "OFFLINE", ":", 2);

      previous = g_strdup (fields[0]);
    }
  g_string_append_printf (backend->agent_states, "%s%s%s\n", state, reason != NULL ? ":" : "", reason != NULL ? reason : "");
  change_agent_state (backend, state, reason);
  data = g_strdup_printf ("{\"id\":\"u-1\",\"email\":\"agent@example.com\",\"role\":\"AGENT\",\"state\":\"%s\","
                          "\"previousState\":\"%s\",\"changed\":%s}",
                          state, previous != NULL ? previous : "OFFLINE",
                          g_strcmp0 (previous, state) != 0 ? "true" : "false");
  tb_reply_data (msg, data);
}

/* POST /api/recording/start {callId, options?}: 201 a RECORDING row; 409
 * while one records or once the call ended. */
static void
handle_recording_start (AcTestBackend     *backend,
                        SoupServerMessage *msg)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *body = tb_request_object (msg, &keep);
  const char *call_id;
  JsonObject *call, *row;
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *data = NULL;

  if (body == NULL || (call_id = json_object_get_string_member_with_default (body, "callId", NULL)) == NULL)
    {
      tb_reply_error (msg, 400, "VALIDATION_ERROR", "callId is required");
      return;
    }
  if ((call = g_hash_table_lookup (backend->conversations, call_id)) == NULL &&
      !g_hash_table_contains (backend->floor_calls, call_id))
    {
      tb_reply_error (msg, 404, "NOT_FOUND", "No such call");
      return;
    }
  if (call != NULL && g_strcmp0 (json_object_get_string_member_with_default (call, "status", NULL), "ACTIVE") != 0)
    {
      tb_reply_error (msg, 409, "CONFLICT", "The call has ended");
      return;
    }
  for (guint i = 0; i < json_array_get_length (backend->recordings); i++)
    {
      JsonObject *r = json_array_get_object_element (backend->recordings, i);

      if (g_str_equal (json_object_get_string_member (r, "callId"), call_id) &&
          g_str_equal (json_object_get_string_member (r, "status"), "RECORDING"))
        {
          tb_reply_error (msg, 409, "CONFLICT", "The call is already being recorded");
          return;
        }
    }
  id = g_strdup_printf ("rec-%u", json_array_get_length (backend->recordings) + 1);
  row = json_object_new ();
  json_object_set_string_member (row, "id", id);
  json_object_set_string_member (row, "callId", call_id);
  json_object_set_string_member (row, "status", "RECORDING");
  json_object_set_string_member (row, "format", "wav");
  json_array_add_object_element (backend->recordings, json_object_ref (row));
  g_string_append_printf (backend->recording_log, "start %s\n", call_id);
  {
    g_autofree char *now = tb_now_iso ();

    json_object_set_string_member (row, "startedAt", now);
  }
  tb_floor_call_recording (backend, call_id, row);
  node = json_node_init_object (json_node_alloc (), row);
  json_object_unref (row);
  data = json_to_string (node, FALSE);
  tb_reply_data_status (msg, 201, data);
}

/* POST /api/recording/:id/stop: the row COMPLETED; 409 if it was. */
static void
handle_recording_stop (AcTestBackend     *backend,
                       SoupServerMessage *msg,
                       const char        *id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  for (guint i = 0; i < json_array_get_length (backend->recordings); i++)
    {
      JsonObject *r = json_array_get_object_element (backend->recordings, i);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *data = NULL;

      if (!g_str_equal (json_object_get_string_member (r, "id"), id))
        continue;
      if (!g_str_equal (json_object_get_string_member (r, "status"), "RECORDING"))
        {
          tb_reply_error (msg, 409, "CONFLICT", "The recording has already stopped");
          return;
        }
      json_object_set_string_member (r, "status", "COMPLETED");
      g_string_append_printf (backend->recording_log, "stop %s\n", id);
      tb_floor_call_recording (backend, json_object_get_string_member (r, "callId"), r);
      node = json_node_init_object (json_node_alloc (), r);
      data = json_to_string (node, FALSE);
      tb_reply_data (msg, data);
      return;
    }
  tb_reply_error (msg, 404, "NOT_FOUND", "No such recording");
}

/* GET /api/recordings?callId=&status=: newest first. */
static void
handle_recordings (AcTestBackend     *backend,
                   SoupServerMessage *msg,
                   GHashTable        *query)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  const char *call_id = query != NULL ? g_hash_table_lookup (query, "callId") : NULL;
  const char *status = query != NULL ? g_hash_table_lookup (query, "status") : NULL;
  g_autoptr(GString) data = g_string_new ("{\"recordings\":[");
  guint n = 0;

  for (guint i = json_array_get_length (backend->recordings); i-- > 0;)
    {
      JsonObject *r = json_array_get_object_element (backend->recordings, i);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *row = NULL;

      if ((call_id != NULL && !g_str_equal (json_object_get_string_member (r, "callId"), call_id)) ||
          (status != NULL && !g_str_equal (json_object_get_string_member (r, "status"), status)))
        continue;
      node = json_node_init_object (json_node_alloc (), r);
      row = json_to_string (node, FALSE);
      g_string_append_printf (data, "%s%s", n++ > 0 ? "," : "", row);
    }
  g_string_append_printf (data, "],\"totalCount\":%u}", n);
  tb_reply_data (msg, data->str);
}

/* -------------------------------------------------------------- rooms */

/* The test backend's own sentiment: a few words, so that tests can tell
 * its scores from the app's. */
static void
score (const char *content,
       const char **sentiment,
       double      *risk)
{
  static const char *negative[] = { "not", "never", "wrong", "angry", "terrible", "cancel", "waiting", "problem" };
  static const char *positive[] = { "thank", "thanks", "great", "good", "happy", "perfect" };
  g_autofree char *lower = g_utf8_strdown (content, -1);
  g_auto(GStrv) words = g_regex_split_simple ("[^a-z']+", lower, 0, 0);
  guint neg = 0, pos = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (negative); j++)
        neg += g_str_equal (words[i], negative[j]);
      for (guint j = 0; j < G_N_ELEMENTS (positive); j++)
        pos += g_str_equal (words[i], positive[j]);
    }
  *sentiment = neg > pos ? "negative" : pos > neg ? "positive" : "neutral";
  *risk = MIN (1.0, neg > pos ? 0.3 + 0.25 * (neg - pos) : 0.1);
}

static void
member_free (Member *member)
{
  g_signal_handlers_disconnect_by_data (member->ws, member);
  g_object_unref (member->ws);
  g_free (member->conversation_id);
  g_free (member);
}

static void
broadcast (AcTestBackend *backend,
           const char    *conversation_id,
           const char    *frame,
           Member        *except)
{
  for (guint i = 0; i < backend->members->len; i++)
    {
      Member *member = g_ptr_array_index (backend->members, i);

      if (member != except && g_str_equal (member->conversation_id, conversation_id) &&
          soup_websocket_connection_get_state (member->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_send_text (member->ws, frame);
    }
}

static void
room_send_message (Member     *member,
                   JsonObject *data)
{
  AcTestBackend *backend = member->backend;
  const char *content = json_object_get_string_member_with_default (data, "content", NULL);
  const char *speaker = json_object_get_string_member_with_default (data, "speaker", NULL);
  const char *client_id = json_object_get_string_member_with_default (data, "clientMessageId", NULL);
  JsonObject *row = NULL;
  JsonArray *rows;
  gboolean duplicate = FALSE;
  g_autofree char *frame = NULL;
  g_autofree char *sentiment_frame = NULL;

  if (content == NULL || speaker == NULL)
    {
      soup_websocket_connection_send_text (member->ws,
                                           "{\"type\":\"error\",\"data\":{\"message\":\"Failed to send message\"}}");
      return;
    }

  g_mutex_lock (&backend->lock);
  rows = g_hash_table_lookup (backend->messages, member->conversation_id);
  if (rows == NULL)
    {
      rows = json_array_new ();
      g_hash_table_insert (backend->messages, g_strdup (member->conversation_id), rows);
      g_hash_table_insert (backend->sentiments, g_strdup (member->conversation_id), json_array_new ());
    }
  for (guint i = 0; client_id != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *old = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (old, "clientMessageId", NULL), client_id) == 0)
        {
          row = old;
          duplicate = TRUE;
        }
    }
  if (row == NULL)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *now = tb_now_iso ();

      row = json_object_new ();
      json_object_set_string_member (row, "id", id);
      json_object_set_string_member (row, "conversation_id", member->conversation_id);
      json_object_set_string_member (row, "speaker", speaker);
      json_object_set_string_member (row, "content", content);
      json_object_set_string_member (row, "timestamp", now);
      if (client_id != NULL)
        json_object_set_string_member (row, "clientMessageId", client_id);
      json_array_add_object_element (rows, row);
    }
  {
    g_autoptr(JsonObject) echo = json_object_new ();
    g_autoptr(JsonObject) outer = json_object_new ();

    json_object_set_string_member (echo, "id", json_object_get_string_member (row, "id"));
    json_object_set_string_member (echo, "content", json_object_get_string_member (row, "content"));
    json_object_set_string_member (echo, "speaker", json_object_get_string_member (row, "speaker"));
    json_object_set_string_member (echo, "timestamp", json_object_get_string_member (row, "timestamp"));
    if (client_id != NULL)
      json_object_set_string_member (echo, "clientMessageId", client_id);
    json_object_set_string_member (outer, "type", "message_received");
    json_object_set_object_member (outer, "data", json_object_ref (echo));
    frame = tb_object_to_string (outer);
  }
  if (!duplicate)
    {
      const char *label;
      double risk;
      g_autoptr(JsonObject) update = json_object_new ();
      g_autoptr(JsonObject) outer = json_object_new ();
      g_autoptr(JsonObject) stored = json_object_new ();
      g_autofree char *risk_text = NULL;

      score (content, &label, &risk);
      json_object_set_string_member (update, "messageId", json_object_get_string_member (row, "id"));
      json_object_set_string_member (update, "sentiment", label);
      json_object_set_double_member (update, "confidence", 0.9);
      json_object_set_object_member (update, "emotions", json_object_new ());
      json_object_set_double_member (update, "riskScore", risk);
      json_object_set_boolean_member (update, "escalationRequired", risk > 0.7);
      json_object_set_string_member (outer, "type", "sentiment_update");
      json_object_set_object_member (outer, "data", json_object_ref (update));
      sentiment_frame = tb_object_to_string (outer);

      risk_text = g_strdup_printf ("%.2f", risk);
      json_object_set_string_member (stored, "id", json_object_get_string_member (row, "id"));
      json_object_set_string_member (stored, "message_id", json_object_get_string_member (row, "id"));
      json_object_set_string_member (stored, "conversation_id", member->conversation_id);
      json_object_set_string_member (stored, "sentiment", label);
      json_object_set_string_member (stored, "confidence", "0.90");
      json_object_set_string_member (stored, "risk_score", risk_text);
      json_object_set_boolean_member (stored, "escalation_required", risk > 0.7);
      json_object_set_string_member (stored, "created_at", json_object_get_string_member (row, "timestamp"));
      json_array_add_object_element (g_hash_table_lookup (backend->sentiments, member->conversation_id),
                                     json_object_ref (stored));
      tb_floor_call_message (backend, member->conversation_id, row, label, risk);
    }
  g_mutex_unlock (&backend->lock);

  if (duplicate)
    soup_websocket_connection_send_text (member->ws, frame);
  else
    {
      broadcast (backend, member->conversation_id, frame, NULL);
      broadcast (backend, member->conversation_id, sentiment_frame, NULL);
    }
}

static void
on_member_message (SoupWebsocketConnection *ws,
                   int                      type,
                   GBytes                  *message,
                   gpointer                 user_data)
{
  Member *member = user_data;
  AcTestBackend *backend = member->backend;
  gsize len;
  const char *text = g_bytes_get_data (message, &len);
  g_autofree char *copy = g_strndup (text, len);
  g_autoptr(JsonNode) node = json_from_string (copy, NULL);
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *kind = object != NULL ? json_object_get_string_member_with_default (object, "type", NULL) : NULL;
  JsonObject *data = object != NULL && json_object_has_member (object, "data") &&
                     JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "data")) ?
                     json_object_get_object_member (object, "data") : NULL;

  if (kind == NULL || data == NULL)
    {
      soup_websocket_connection_send_text (ws, "{\"type\":\"error\",\"data\":{\"message\":\"Invalid message\"}}");
      return;
    }
  if (g_str_equal (kind, "send_message"))
    room_send_message (member, data);
  else if (g_str_equal (kind, "voice_activity"))
    {
      g_autoptr(JsonObject) outer = json_object_new ();
      g_autoptr(JsonObject) out = json_object_new ();
      g_autofree char *frame = NULL;

      g_mutex_lock (&backend->lock);
      backend->n_voice_activity++;
      g_mutex_unlock (&backend->lock);
      json_object_set_string_member (out, "conversationId", member->conversation_id);
      json_object_set_boolean_member (out, "isActive", json_object_get_boolean_member_with_default (data, "isActive", FALSE));
      json_object_set_string_member (out, "speaker", json_object_get_string_member_with_default (data, "speaker", ""));
      json_object_set_double_member (out, "audioLevel", json_object_get_double_member_with_default (data, "audioLevel", 0));
      json_object_set_string_member (outer, "type", "voice_activity");
      json_object_set_object_member (outer, "data", json_object_ref (out));
      frame = tb_object_to_string (outer);
      broadcast (backend, member->conversation_id, frame, member);
    }
  else if (g_str_equal (kind, "join_conversation"))
    {
      g_autofree char *now = tb_now_iso ();
      g_autofree char *frame = g_strdup_printf ("{\"type\":\"agent_joined\",\"data\":{\"agentId\":\"%s\",\"timestamp\":\"%s\"}}",
                                                json_object_get_string_member_with_default (data, "agentId", "u-1"),
                                                now);

      broadcast (backend, member->conversation_id, frame, member);
    }
}

static void
on_member_closed (SoupWebsocketConnection *ws,
                  gpointer                 user_data)
{
  Member *member = user_data;

  g_ptr_array_remove (member->backend->members, member);
}

static char *
query_token (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GHashTable) params = NULL;

  if (g_uri_get_query (uri) == NULL)
    return NULL;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  return params != NULL ? g_strdup (g_hash_table_lookup (params, "token")) : NULL;
}

/* verifyClient: no valid token, no room (HTTP 401). */
static void
room_early (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  g_autofree char *token = query_token (msg);
  g_autofree char *bearer = token != NULL ? g_strconcat ("Bearer ", token, NULL) : NULL;

  if (!tb_token_valid (bearer))
    soup_server_message_set_status (msg, 401, NULL);
}

static void
on_room (SoupServer              *server,
         SoupServerMessage       *msg,
         const char              *path,
         SoupWebsocketConnection *ws,
         gpointer                 user_data)
{
  AcTestBackend *backend = user_data;
  Member *member = g_new0 (Member, 1);

  member->backend = backend;
  member->ws = g_object_ref (ws);
  member->conversation_id = g_path_get_basename (path);
  soup_websocket_connection_set_max_incoming_payload_size (ws, 1024 * 1024);
  g_signal_connect (ws, "message", G_CALLBACK (on_member_message), member);
  g_signal_connect (ws, "closed", G_CALLBACK (on_member_closed), member);
  g_ptr_array_add (backend->members, member);

  g_mutex_lock (&backend->lock);
  backend->n_rooms_opened++;
  g_mutex_unlock (&backend->lock);
}

static void
on_channel_closed (SoupWebsocketConnection *ws,
                   AcTestBackend           *backend)
{
  g_ptr_array_remove (backend->channels, ws);
}

static void
on_channel_message (SoupWebsocketConnection *ws,
                    int                      kind,
                    GBytes                  *message,
                    AcTestBackend           *backend)
{
  gsize size;
  const char *text = g_bytes_get_data (message, &size);

  /* Channels only send: a ping gets a pong, anything else an error. */
  if (size > 0 && g_strstr_len (text, size, "\"ping\"") != NULL)
    soup_websocket_connection_send_text (ws, "{\"type\":\"pong\"}");
  else
    soup_websocket_connection_send_text (ws, "{\"type\":\"error\",\"data\":{\"message\":\"Channels only send\"}}");
}

/* The channel's tenant: `tenantId` in the query, else the header. */
static char *
channel_tenant (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GHashTable) params = NULL;
  const char *tenant = NULL;

  if (g_uri_get_query (uri) != NULL)
    params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params != NULL)
    tenant = g_hash_table_lookup (params, "tenantId");
  if (tenant == NULL)
    tenant = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Tenant-ID");
  return g_strdup (tenant);
}

/* /ws/dashboard, /ws/calls, /ws/notifications: a snapshot first, then
 * the events this user may see. */
static void
on_channel (SoupServer              *server,
            SoupServerMessage       *msg,
            const char              *path,
            SoupWebsocketConnection *ws,
            gpointer                 user_data)
{
  AcTestBackend *backend = user_data;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *token = query_token (msg);
  g_autofree char *snapshot = NULL;
  char *role = tb_token_claim (token, "role");
  char *user = tb_token_claim (token, "userId");
  char *tenant = channel_tenant (msg);

  g_object_set_data_full (G_OBJECT (ws), "channel", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (ws), "role", role, g_free);
  g_object_set_data_full (G_OBJECT (ws), "user", user, g_free);
  g_object_set_data_full (G_OBJECT (ws), "tenant", tenant, g_free);
  g_signal_connect (ws, "closed", G_CALLBACK (on_channel_closed), backend);
  g_signal_connect (ws, "message", G_CALLBACK (on_channel_message), backend);
  g_mutex_lock (&backend->lock);
  snapshot = tb_floor_snapshot (backend, name, role, user, tenant);
  g_ptr_array_add (backend->channels, g_object_ref (ws));
  g_mutex_unlock (&backend->lock);
  soup_websocket_connection_send_text (ws, snapshot);
}

static void
channel_early (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  g_autofree char *token = query_token (msg);
  g_autofree char *bearer = token != NULL ? g_strconcat ("Bearer ", token, NULL) : NULL;
  g_autofree char *role = tb_token_claim (token, "role");
  g_autofree char *tenant = channel_tenant (msg);

  if (!tb_token_valid (bearer))
    soup_server_message_set_status (msg, 401, NULL);
  else if (!g_str_equal (path, "/ws/dashboard") && !g_str_equal (path, "/ws/calls") &&
           !g_str_equal (path, "/ws/notifications"))
    soup_server_message_set_status (msg, 404, NULL);
  else if (g_str_equal (path, "/ws/dashboard") && g_ascii_strcasecmp (role != NULL ? role : "", "SUPERVISOR") != 0 &&
           g_ascii_strcasecmp (role != NULL ? role : "", "ADMIN") != 0)
    soup_server_message_set_status (msg, 403, NULL);
  else if (tenant != NULL && (tenant[0] == '\0' || strlen (tenant) > 64 || !g_ascii_isalnum (tenant[0]) ||
                              strspn (tenant, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-")
                              != strlen (tenant)))
    soup_server_message_set_status (msg, 400, NULL);
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
      tb_reply_error (msg, 500, "SERVER_ERROR", "Internal server error");
      return;
    case AC_TEST_FAULT_HTML:
      tb_reply (msg, 502, "text/html", "<html><head><title>502 Bad Gateway</title></head>"
                                    "<body><h1>Bad Gateway</h1><hr>nginx</body></html>");
      return;
    case AC_TEST_FAULT_RATE_LIMIT:
      tb_reply_error (msg, 429, "RATE_LIMITED", "Too many requests");
      return;
    case AC_TEST_FAULT_RETRY_AFTER:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
      tb_reply_error (msg, 429, "RATE_LIMITED", "Too many requests");
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
      tb_reply (msg, 200, "application/json", "{\"status\":\"healthy\"}");
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

  if (fault == AC_TEST_FAULT_EXPIRED || !tb_token_valid (authorization))
    {
      tb_reply_error (msg, 401, "AUTH_INVALID", "Token expired or invalid");
      return;
    }

  if (tb_floor_handle (backend, msg, path, query))
    return;
  if (g_str_has_prefix (path, "/api/customers/"))
    {
      handle_customers (msg, path, query);
      return;
    }
  if (g_str_equal (path, "/api/conversations") || g_str_has_prefix (path, "/api/conversations/"))
    {
      handle_conversations (backend, msg, path, query);
      return;
    }
  if (g_str_has_prefix (path, "/api/sentiment/conversation/"))
    {
      handle_sentiment (backend, msg, path);
      return;
    }
  if (g_str_equal (path, "/api/tickets"))
    {
      handle_tickets (backend, msg, query);
      return;
    }
  if (g_str_equal (path, "/api/queues"))
    {
      handle_queues (msg);
      return;
    }
  if (g_str_equal (path, "/api/transfer/initiate") &&
      g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      handle_transfer (backend, msg);
      return;
    }
  if (g_str_equal (path, "/api/agents/me/state") && g_str_equal (soup_server_message_get_method (msg), "PUT"))
    {
      handle_agent_state (backend, msg);
      return;
    }
  if (g_str_equal (path, "/api/recording/start") && g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      handle_recording_start (backend, msg);
      return;
    }
  if (g_str_has_prefix (path, "/api/recording/") && g_str_has_suffix (path, "/stop") &&
      strlen (path) > strlen ("/api/recording//stop") && g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      g_autofree char *id = g_strndup (path + strlen ("/api/recording/"),
                                       strlen (path) - strlen ("/api/recording/") - strlen ("/stop"));

      handle_recording_stop (backend, msg, id);
      return;
    }
  if (g_str_equal (path, "/api/recordings"))
    {
      handle_recordings (backend, msg, query);
      return;
    }

  tb_reply_error (msg, 404, "NOT_FOUND", "No such endpoint");
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
  soup_server_add_early_handler (backend->server, "/conversations", room_early, backend, NULL);
  soup_server_add_early_handler (backend->server, "/ws", channel_early, backend, NULL);
  soup_server_add_websocket_handler (backend->server, "/ws", NULL, NULL, on_channel, backend, NULL);
  soup_server_add_websocket_handler (backend->server, "/conversations", NULL, NULL, on_room, backend, NULL);
  if (!soup_server_listen_local (backend->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The test backend cannot listen: %s", error->message);

  uris = soup_server_get_uris (backend->server);
  backend->port = g_uri_get_port (uris->data);
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

  g_ptr_array_set_size (backend->members, 0);
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
  backend->conversations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  backend->idempotency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  backend->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_array_unref);
  backend->sentiments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_array_unref);
  backend->tickets = json_array_new ();
  backend->recordings = json_array_new ();
  backend->recording_log = g_string_new (NULL);
  backend->agent_states = g_string_new (NULL);
  backend->agent_state = g_strdup ("OFFLINE");
  backend->channels = g_ptr_array_new_with_free_func (g_object_unref);
  backend->members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  tb_floor_init (backend);

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
  g_hash_table_unref (backend->conversations);
  g_hash_table_unref (backend->idempotency);
  g_hash_table_unref (backend->messages);
  g_hash_table_unref (backend->sentiments);
  json_array_unref (backend->tickets);
  g_ptr_array_unref (backend->members);
  g_free (backend->api_url);
  g_free (backend->last_transfer);
  json_array_unref (backend->recordings);
  g_string_free (backend->recording_log, TRUE);
  g_string_free (backend->agent_states, TRUE);
  g_free (backend->agent_state);
  g_ptr_array_unref (backend->channels);
  tb_floor_free (backend);
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

/* ------------------------------------------------------------ controls */

typedef struct
{
  AcTestBackend *backend;
  GSourceFunc    func;
  gpointer       data;
  gboolean       done;
} Call;

static gboolean
call_in_server (gpointer user_data)
{
  Call *call = user_data;

  call->func (call->data);
  g_mutex_lock (&call->backend->lock);
  call->done = TRUE;
  g_cond_broadcast (&call->backend->ready);
  g_mutex_unlock (&call->backend->lock);
  return G_SOURCE_REMOVE;
}

/* Runs @func in the server's thread and waits for it. */
static void
run_in_server (AcTestBackend *backend,
               GSourceFunc    func,
               gpointer       data)
{
  Call call = { backend, func, data, FALSE };

  g_main_context_invoke (backend->context, call_in_server, &call);
  g_mutex_lock (&backend->lock);
  while (!call.done)
    g_cond_wait (&backend->ready, &backend->lock);
  g_mutex_unlock (&backend->lock);
}

typedef struct
{
  AcTestBackend *backend;
  const char    *conversation_id;
  const char    *frame;
  guint          ms;
} Control;

static gboolean
do_inject (gpointer data)
{
  Control *control = data;

  broadcast (control->backend, control->conversation_id, control->frame, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * ac_test_backend_room_inject:
 * @frame: any text, sent as one text frame to every client in the room
 */
void
ac_test_backend_room_inject (AcTestBackend *backend,
                             const char    *conversation_id,
                             const char    *frame)
{
  Control control = { backend, conversation_id, frame, 0 };

  run_in_server (backend, do_inject, &control);
}

static gboolean
do_drop (gpointer data)
{
  AcTestBackend *backend = data;

  /* As a killed process does: no close frame, the socket just goes. */
  for (guint i = 0; i < backend->members->len; i++)
    {
      Member *member = g_ptr_array_index (backend->members, i);

      g_io_stream_close (soup_websocket_connection_get_io_stream (member->ws), NULL, NULL);
    }
  g_ptr_array_set_size (backend->members, 0);
  return G_SOURCE_REMOVE;
}

/* Cuts every room connection without a close frame. */
void
ac_test_backend_drop_rooms (AcTestBackend *backend)
{
  run_in_server (backend, do_drop, backend);
}

static gboolean
do_listen (gpointer data)
{
  AcTestBackend *backend = data;
  g_autoptr(GError) error = NULL;

  if (!soup_server_listen_local (backend->server, backend->port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_warning ("The test backend cannot listen again on %u: %s", backend->port, error->message);
  return G_SOURCE_REMOVE;
}

static gboolean
do_stop (gpointer data)
{
  Control *control = data;
  AcTestBackend *backend = control->backend;
  GSource *source;

  do_drop (backend);
  /* the channels go the same way */
  while (backend->channels->len > 0)
    {
      g_autoptr(SoupWebsocketConnection) ws = g_object_ref (backend->channels->pdata[0]);

      g_signal_handlers_disconnect_by_data (ws, backend);
      g_ptr_array_remove_index (backend->channels, 0);
      g_io_stream_close (soup_websocket_connection_get_io_stream (ws), NULL, NULL);
    }
  soup_server_disconnect (backend->server);
  source = g_timeout_source_new (control->ms);
  g_source_set_callback (source, do_listen, backend, NULL);
  g_source_attach (source, backend->context);
  g_source_unref (source);
  return G_SOURCE_REMOVE;
}

/* As if the server were killed: every connection cut, nothing listening
 * for @down_ms, then the same server back on the same port (what it
 * stored survives, as a database would). Returns at once. */
void
ac_test_backend_restart (AcTestBackend *backend,
                         guint          down_ms)
{
  Control control = { backend, NULL, NULL, down_ms };

  run_in_server (backend, do_stop, &control);
}

static gboolean
do_freeze (gpointer data)
{
  g_usleep (GPOINTER_TO_UINT (data) * (G_USEC_PER_SEC / 1000));
  return G_SOURCE_REMOVE;
}

/* The server stops answering anything, pings included, for @ms, with
 * every connection left open: a dead peer, as far as a client can tell.
 * Returns at once. */
void
ac_test_backend_freeze (AcTestBackend *backend,
                        guint          ms)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, do_freeze, GUINT_TO_POINTER (ms), NULL);
  g_source_attach (source, backend->context);
  g_source_unref (source);
}

/* "speaker: content" of each message the room stored, in order. */
GStrv
ac_test_backend_dup_messages (AcTestBackend *backend,
                              const char    *conversation_id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *rows = g_hash_table_lookup (backend->messages, conversation_id);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *line = g_strconcat (json_object_get_string_member (row, "speaker"), ": ",
                                           json_object_get_string_member (row, "content"), NULL);

      g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

/* The ids of the conversations created, in no order. */
GStrv
ac_test_backend_dup_conversation_ids (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (backend->conversations, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; keys[i] != NULL; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

/* A copy of a conversation's row, as JSON text, or NULL. */
char *
ac_test_backend_dup_conversation (AcTestBackend *backend,
                                  const char    *conversation_id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  JsonObject *row = g_hash_table_lookup (backend->conversations, conversation_id);

  return row != NULL ? tb_object_to_string (row) : NULL;
}

guint
ac_test_backend_get_n_tickets (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  return json_array_get_length (backend->tickets);
}

guint
ac_test_backend_get_n_rooms_opened (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  return backend->n_rooms_opened;
}

guint
ac_test_backend_get_n_voice_activity (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  return backend->n_voice_activity;
}

/* Every refresh token stops working, as when an administrator ends the
 * agent's sessions. */
void
ac_test_backend_revoke_refresh_tokens (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  g_hash_table_remove_all (backend->refresh_tokens);
}

/* Everything the backend holds, as one JSON object: `conversations` (id →
 * row), `messages` (conversation id → rows in arrival order), `tickets`
 * (rows), `last_transfer` (“call|queue|agent|type|reason”, once there is
 * one). For a test in another process (test-backend-server). */
char *
ac_test_backend_dup_json (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  g_autoptr(JsonObject) all = json_object_new ();
  JsonObject *conversations = json_object_new ();
  JsonObject *messages = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, backend->conversations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_object_member (conversations, key, json_object_ref (value));
  g_hash_table_iter_init (&iter, backend->messages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_array_member (messages, key, json_array_ref (value));
  json_object_set_object_member (all, "conversations", conversations);
  json_object_set_object_member (all, "messages", messages);
  json_object_set_array_member (all, "tickets", json_array_ref (backend->tickets));
  json_object_set_string_member (all, "agent_states", backend->agent_states->str);
  if (backend->last_transfer != NULL)
    json_object_set_string_member (all, "last_transfer", backend->last_transfer);

  return tb_object_to_string (all);
}

/* The last transfer the backend took, as “call|queue|agent|type|reason”,
 * or NULL. */
char *
ac_test_backend_dup_last_transfer (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  return g_strdup (backend->last_transfer);
}

/* Starts a server recording of a call, as a supervisor would. */
void
ac_test_backend_start_recording (AcTestBackend *backend,
                                 const char    *call_id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);
  JsonObject *row = json_object_new ();
  g_autofree char *id = g_strdup_printf ("rec-%u", json_array_get_length (backend->recordings) + 1);

  json_object_set_string_member (row, "id", id);
  json_object_set_string_member (row, "callId", call_id);
  json_object_set_string_member (row, "status", "RECORDING");
  json_array_add_object_element (backend->recordings, row);
}

/* What the app did to server recordings: “start CALL” and “stop ID”
 * lines, in order. */
char *
ac_test_backend_dup_recording_log (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  return g_strdup (backend->recording_log->str);
}

/* A backend of document 000 alone: calls end with PATCH status COMPLETED,
 * and there is no POST /conversations/:id/end. */
void
ac_test_backend_set_document_000 (AcTestBackend *backend,
                                  gboolean       only)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  backend->document_000 = only;
}

/* The states the app put, “STATE[:reason]” a line, in order. */
char *
ac_test_backend_dup_agent_states (AcTestBackend *backend)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  return g_strdup (backend->agent_states->str);
}

static gboolean
do_assign (gpointer data)
{
  AcTestBackend *backend = data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&backend->lock);

  change_agent_state (backend, "ON_CALL", NULL);
  return G_SOURCE_REMOVE;
}

/* The server assigns the agent a call: its state becomes ON_CALL, and
 * /ws/notifications says so. */
void
ac_test_backend_assign_call (AcTestBackend *backend)
{
  run_in_server (backend, do_assign, backend);
}
