/* ac-support-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-support"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "ac-backend-client.h"
#include "ac-json.h"
#include "ac-redactor.h"
#include "ac-support-client.h"

/**
 * AcSupportClient:
 *
 * A client of a support service as seed 004 describes it: `POST
 * /api/v1/support/route` (its request and answer as the document gives
 * them: `{"issue", "urgency"}` → `{"recommendedRoute", "confidence",
 * "reasoning", "alternativeRoutes": [{"route", "score", "reason"}]}`),
 * and `/sentiment`, `/categorize` and `/suggestions`, whose shapes the
 * document does not give: they are sent `{"issue", "message"}` (and the
 * call's recent lines as `history`), and their answers read tolerantly —
 * a bare value or an object, wrapped in `{"success", "data"}` or not, the
 * usual names for each field.
 *
 * Only redacted text leaves the computer (ac_redact_typed_text()).  The
 * token goes as `Authorization: Bearer`; answers larger than 256 KiB,
 * slower than 10 s, or not JSON are errors (#AcBackendError), never a
 * crash.
 */

#define TIMEOUT_S 10
#define MAX_BODY (256 * 1024)
#define MAX_SUGGESTIONS 5
#define MAX_TEXT 2000

struct _AcSupportClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base;     /* ends with "/api/v1/support/" */
  char        *token;
};

G_DEFINE_FINAL_TYPE (AcSupportClient, ac_support_client, G_TYPE_OBJECT)

static void
ac_support_client_finalize (GObject *object)
{
  AcSupportClient *self = AC_SUPPORT_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->base);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (ac_support_client_parent_class)->finalize (object);
}

static void
ac_support_client_class_init (AcSupportClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_support_client_finalize;
}

static void
ac_support_client_init (AcSupportClient *self)
{
}

/**
 * ac_support_client_new:
 * @base_url: the service's address, such as `https://support.example.com`
 *   (its endpoints are under `/api/v1/support/`; an address that already
 *   ends so is taken as it is)
 * @token: (nullable): the bearer token from the keyring
 * @error: return location for an %AC_BACKEND_ERROR_VALIDATION
 *
 * Returns: (transfer full) (nullable): a client, or %NULL when @base_url
 *   is not an http(s) address
 */
AcSupportClient *
ac_support_client_new (const char  *base_url,
                       const char  *token,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  AcSupportClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                   _("The support service’s address must start with https:// or http://"));
      return NULL;
    }
  trimmed = g_strdup (base_url);
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  self = g_object_new (AC_TYPE_SUPPORT_CLIENT, NULL);
  self->session = soup_session_new_with_options ("timeout", TIMEOUT_S, NULL);
  self->base = g_str_has_suffix (trimmed, "/api/v1/support") ? g_strconcat (trimmed, "/", NULL)
                                                             : g_strconcat (trimmed, "/api/v1/support/", NULL);
  self->token = token != NULL && token[0] != '\0' ? g_strdup (token) : NULL;
  return self;
}

/* ------------------------------------------------------------ reading */

void
ac_support_route_free (AcSupportRoute *route)
{
  if (route == NULL)
    return;
  g_free (route->route);
  g_free (route->reasoning);
  g_clear_pointer (&route->alternatives, g_ptr_array_unref);
  g_free (route);
}

void
ac_support_answer_free (AcSupportAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->category);
  g_clear_pointer (&answer->suggestions, g_ptr_array_unref);
  g_free (answer->sentiment);
  g_free (answer);
}

static AcSupportAnswer *
answer_new (void)
{
  AcSupportAnswer *answer = g_new0 (AcSupportAnswer, 1);

  answer->category_confidence = -1;
  answer->suggestions = g_ptr_array_new_null_terminated (MAX_SUGGESTIONS, g_free, TRUE);
  answer->sentiment_score = NAN;
  return answer;
}

/* A string a node holds, trimmed and cut: a string, or a number written
 * as one; %NULL for anything else or nothing. */
static char *
text_of (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else
    return NULL;
  g_strstrip (text);
  if (text[0] == '\0')
    return NULL;
  if (g_utf8_strlen (text, -1) > MAX_TEXT)
    {
      char *cut = g_utf8_substring (text, 0, MAX_TEXT);

      g_free (text);
      text = cut;
    }
  return g_steal_pointer (&text);
}

/* The first of @names @object has as text. */
static char *
first_text (JsonObject         *object,
            const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *text = json_object_has_member (object, names[i]) ? text_of (json_object_get_member (object, names[i]))
                                                             : NULL;

      if (text != NULL)
        return text;
    }
  return NULL;
}

/* The first of @names @object has as a number (or a number in a string);
 * @fallback otherwise. */
static double
first_number (JsonObject         *object,
              const char * const *names,
              double              fallback)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      double value = ac_json_member_number (object, names[i], NAN);

      if (isfinite (value))
        return value;
    }
  return fallback;
}

static double
unit (double value)
{
  if (!isfinite (value) || value < 0)
    return -1;
  /* a percentage */
  if (value > 1 && value <= 100)
    value /= 100;
  return MIN (value, 1);
}

/**
 * ac_support_read_route:
 * @data: the answer of `POST /api/v1/support/route` (its `data` when the
 *   service wraps it)
 * @error: return location for an %AC_BACKEND_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the route, or %NULL when @data
 *   names none
 */
AcSupportRoute *
ac_support_read_route (JsonNode  *data,
                       GError   **error)
{
  static const char * const route_names[] = { "recommendedRoute", "recommended_route", "route", "channel", NULL };
  static const char * const alt_names[] = { "route", "channel", "name", NULL };
  static const char * const reason_names[] = { "reasoning", "reason", "explanation", NULL };
  static const char * const score_names[] = { "confidence", "score", NULL };
  g_autoptr(AcSupportRoute) route = g_new0 (AcSupportRoute, 1);
  JsonObject *object = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
  JsonArray *alternatives;

  route->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_support_route_free);
  if (object != NULL)
    route->route = first_text (object, route_names);
  if (route->route == NULL)
    {
      g_set_error_literal (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                           _("The support service recommended no route"));
      return NULL;
    }
  route->confidence = unit (first_number (object, score_names, -1));
  route->reasoning = first_text (object, reason_names);
  alternatives = ac_json_member_array (object, "alternativeRoutes");
  if (alternatives == NULL)
    alternatives = ac_json_member_array (object, "alternatives");
  for (guint i = 0; alternatives != NULL && i < json_array_get_length (alternatives) && i < 5; i++)
    {
      JsonNode *node = json_array_get_element (alternatives, i);
      JsonObject *alt = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      AcSupportRoute *other;
      char *name = alt != NULL ? first_text (alt, alt_names) : text_of (node);

      if (name == NULL)
        continue;
      other = g_new0 (AcSupportRoute, 1);
      other->route = name;
      other->confidence = alt != NULL ? unit (first_number (alt, score_names, -1)) : -1;
      other->reasoning = alt != NULL ? first_text (alt, reason_names) : NULL;
      other->alternatives = g_ptr_array_new ();
      g_ptr_array_add (route->alternatives, other);
    }
  return g_steal_pointer (&route);
}

/**
 * ac_support_read_category:
 * @data: the answer of `POST /api/v1/support/categorize`
 * @answer: where the category goes
 *
 * Reads `"technical"`, `{"category": "technical", "confidence": 0.8}`,
 * `{"category": {"name": …}}` or `{"categories": [...]}` (the first).
 */
void
ac_support_read_category (JsonNode        *data,
                          AcSupportAnswer *answer)
{
  static const char * const names[] = { "category", "label", "name", "type", NULL };
  static const char * const score_names[] = { "confidence", "score", NULL };
  JsonObject *object;

  g_return_if_fail (answer != NULL);

  if (data == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (data))
    {
      g_free (answer->category);
      answer->category = text_of (data);
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (data))
    {
      if (json_array_get_length (json_node_get_array (data)) > 0)
        ac_support_read_category (json_array_get_element (json_node_get_array (data), 0), answer);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (data))
    return;
  object = json_node_get_object (data);
  if (json_object_has_member (object, "category") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "category")))
    {
      ac_support_read_category (json_object_get_member (object, "category"), answer);
      return;
    }
  if (ac_json_member_array (object, "categories") != NULL)
    {
      ac_support_read_category (json_object_get_member (object, "categories"), answer);
      return;
    }
  g_free (answer->category);
  answer->category = first_text (object, names);
  answer->category_confidence = unit (first_number (object, score_names, -1));
}

static void
add_suggestion (AcSupportAnswer *answer,
                JsonNode        *node)
{
  static const char * const names[] = { "text", "content", "suggestion", "response", "message", "reply", "title",
                                        NULL };
  char *text;

  if (answer->suggestions->len >= MAX_SUGGESTIONS)
    return;
  text = JSON_NODE_HOLDS_OBJECT (node) ? first_text (json_node_get_object (node), names) : text_of (node);
  if (text != NULL)
    g_ptr_array_add (answer->suggestions, text);
}

/**
 * ac_support_read_suggestions:
 * @data: the answer of `POST /api/v1/support/suggestions`
 * @answer: where the suggestions go
 *
 * Reads a list of strings or of objects (`text`, `content`, `suggestion`,
 * `response`, `message`, `reply` or `title`), bare or as the object's
 * `suggestions`, `responses` or `replies`; at most five.
 */
void
ac_support_read_suggestions (JsonNode        *data,
                             AcSupportAnswer *answer)
{
  static const char * const lists[] = { "suggestions", "responses", "replies", "items", NULL };
  JsonArray *array = NULL;

  g_return_if_fail (answer != NULL);

  if (data == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (data))
    array = json_node_get_array (data);
  else if (JSON_NODE_HOLDS_OBJECT (data))
    for (guint i = 0; lists[i] != NULL && array == NULL; i++)
      array = ac_json_member_array (json_node_get_object (data), lists[i]);
  else
    add_suggestion (answer, data);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    add_suggestion (answer, json_array_get_element (array, i));
}

/**
 * ac_support_read_sentiment:
 * @data: the answer of `POST /api/v1/support/sentiment`
 * @answer: where the sentiment goes
 *
 * Reads `"negative"`, a score, or an object with `sentiment` (a label, a
 * score or `{label, score}`), `label` and `score`/`confidence`; a 0..1
 * score with a label becomes −1..1 by the label's sign.
 */
void
ac_support_read_sentiment (JsonNode        *data,
                           AcSupportAnswer *answer)
{
  static const char * const names[] = { "sentiment", "label", "emotion", NULL };
  static const char * const score_names[] = { "score", "sentimentScore", "sentiment_score", "confidence", NULL };
  JsonObject *object;
  double score;

  g_return_if_fail (answer != NULL);

  if (data == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (data))
    {
      if (json_node_get_value_type (data) == G_TYPE_STRING)
        {
          g_free (answer->sentiment);
          answer->sentiment = text_of (data);
        }
      else if (json_node_get_value_type (data) == G_TYPE_DOUBLE || json_node_get_value_type (data) == G_TYPE_INT64)
        {
          score = json_node_get_double (data);
          if (isfinite (score) && score >= -1 && score <= 1)
            answer->sentiment_score = score;
        }
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (data))
    return;
  object = json_node_get_object (data);
  if (json_object_has_member (object, "sentiment") && !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "sentiment")))
    {
      ac_support_read_sentiment (json_object_get_member (object, "sentiment"), answer);
      return;
    }
  g_free (answer->sentiment);
  answer->sentiment = first_text (object, names);
  score = first_number (object, score_names, NAN);
  if (!isfinite (score) && json_object_has_member (object, "sentiment"))
    score = ac_json_member_number (object, "sentiment", NAN);
  if (!isfinite (score) || score < -1 || score > 1)
    return;
  if (score >= 0 && answer->sentiment != NULL)
    {
      g_autofree char *label = g_utf8_strdown (answer->sentiment, -1);

      if (strstr (label, "neg") != NULL || strstr (label, "angry") != NULL || strstr (label, "frustrat") != NULL)
        score = -score;
      else if (strstr (label, "neutral") != NULL)
        score = 0;
    }
  answer->sentiment_score = score;
}

/* ------------------------------------------------------------ requests */

typedef struct
{
  guint            pending;
  AcSupportAnswer *answer;
  GError          *error;     /* the first failure */
  guint            failures;
} Analysis;

static void
analysis_free (Analysis *analysis)
{
  ac_support_answer_free (analysis->answer);
  g_clear_error (&analysis->error);
  g_free (analysis);
}

/* @body as JSON (the service's envelope taken off), or %NULL with @error. */
static JsonNode *
read_answer (SoupMessage  *message,
             GBytes       *body,
             GError      **error)
{
  guint status = soup_message_get_status (message);
  g_autoptr(JsonNode) root = NULL;
  gsize size = body != NULL ? g_bytes_get_size (body) : 0;
  JsonObject *object;

  if (status == 401 || status == 403)
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH,
                   _("The support service refused the token (HTTP %u): check it in Preferences → Assistant"), status);
      return NULL;
    }
  if (status == 429)
    {
      g_set_error_literal (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_RATE_LIMITED,
                           _("The support service asks for fewer requests; try again later"));
      return NULL;
    }
  if (status >= 500)
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_SERVER, _("The support service failed (HTTP %u)"), status);
      return NULL;
    }
  if (status == 404)
    {
      g_set_error_literal (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_IMPLEMENTED,
                           _("The support service does not offer this (HTTP 404)"));
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                   _("The support service refused the request (HTTP %u)"), status);
      return NULL;
    }
  if (size > MAX_BODY ||
      (root = ac_json_parse (size > 0 ? g_bytes_get_data (body, NULL) : "", (gssize) size, NULL)) == NULL)
    {
      g_set_error_literal (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                           _("The support service’s answer is not JSON"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return g_steal_pointer (&root);
  object = json_node_get_object (root);
  if (json_object_has_member (object, "success") && !ac_json_member_boolean (object, "success", TRUE))
    {
      JsonObject *problem = ac_json_member_object (object, "error");
      g_autofree char *owned = NULL;
      const char *why = problem != NULL ? ac_json_member_text (problem, "message", &owned)
                                        : ac_json_member_text (object, "error", &owned);

      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION, _("The support service refused: %s"),
                   why != NULL ? why : _("no reason given"));
      return NULL;
    }
  if (json_object_has_member (object, "data") && json_object_has_member (object, "success"))
    return json_node_copy (json_object_get_member (object, "data"));
  return g_steal_pointer (&root);
}

typedef void (*ReadFunc) (GTask *task, JsonNode *data, GError *error);

typedef struct
{
  GTask       *task;
  SoupMessage *message;
  ReadFunc     read;
} Call;

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(JsonNode) data = NULL;

  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) network = g_error_new (AC_BACKEND_ERROR,
                                                   g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
                                                     ? AC_BACKEND_ERROR_TIMEOUT : AC_BACKEND_ERROR_NETWORK,
                                                   _("The support service cannot be reached: %s"), error->message);

          g_clear_error (&error);
          error = g_steal_pointer (&network);
        }
    }
  else
    data = read_answer (call->message, body, &error);
  call->read (call->task, data, error);
  g_object_unref (call->task);
  g_object_unref (call->message);
  g_free (call);
}

/* POSTs @body (built, redacted) to the endpoint @name; @read gets the
 * answer's data or an error. */
static void
post (AcSupportClient *self,
      const char      *name,
      JsonBuilder     *builder,
      GTask           *task,
      ReadFunc         read)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *url = g_strconcat (self->base, name, NULL);
  char *text = json_to_string (root, FALSE);
  gsize length = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, length);
  Call *call = g_new0 (Call, 1);

  call->task = g_object_ref (task);
  call->read = read;
  call->message = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (call->message), "Accept", "application/json");
  if (self->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (call->message), "Authorization", bearer);
      memset (bearer, 0, strlen (bearer));
    }
  soup_message_set_request_body_from_bytes (call->message, "application/json", bytes);
  soup_session_send_and_read_async (self->session, call->message, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    on_sent, call);
}

static void
read_route (GTask    *task,
            JsonNode *data,
            GError   *error)
{
  g_autoptr(GError) problem = error != NULL ? g_error_copy (error) : NULL;
  AcSupportRoute *route = problem == NULL ? ac_support_read_route (data, &problem) : NULL;

  if (route == NULL)
    g_task_return_error (task, g_steal_pointer (&problem));
  else
    g_task_return_pointer (task, route, (GDestroyNotify) ac_support_route_free);
}

/**
 * ac_support_client_route_async:
 * @self: an #AcSupportClient
 * @issue: what the customer needs, in their words (redacted before it
 *   is sent)
 * @urgency: `low`, `medium` or `high`
 * @cancellable: (nullable): cancels it
 * @callback: called with the route
 * @user_data: data for @callback
 *
 * `POST /api/v1/support/route` with `{"issue", "urgency"}`, as seed 004's
 * example.
 */
void
ac_support_client_route_async (AcSupportClient     *self,
                               const char          *issue,
                               const char          *urgency,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *masked = NULL;

  g_return_if_fail (AC_IS_SUPPORT_CLIENT (self));
  g_return_if_fail (issue != NULL && urgency != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_support_client_route_async);
  masked = ac_redact_typed_text (issue);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "issue");
  json_builder_add_string_value (builder, masked);
  json_builder_set_member_name (builder, "urgency");
  json_builder_add_string_value (builder, urgency);
  json_builder_end_object (builder);
  post (self, "route", builder, task, read_route);
}

/**
 * ac_support_client_route_finish:
 * @self: an #AcSupportClient
 * @result: the result
 * @error: return location for an #AcBackendError (or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): the recommended route
 */
AcSupportRoute *
ac_support_client_route_finish (AcSupportClient  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
analysis_done (GTask    *task,
               JsonNode *data,
               GError   *error,
               void    (*read) (JsonNode *, AcSupportAnswer *))
{
  Analysis *analysis = g_task_get_task_data (task);

  if (error != NULL)
    {
      analysis->failures++;
      if (analysis->error == NULL)
        analysis->error = g_error_copy (error);
    }
  else
    read (data, analysis->answer);
  if (--analysis->pending > 0)
    return;
  /* what answered is the answer; nothing answered is the first error */
  if (analysis->failures == 3)
    g_task_return_error (task, g_steal_pointer (&analysis->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&analysis->answer), (GDestroyNotify) ac_support_answer_free);
}

static void
read_category (GTask *task, JsonNode *data, GError *error)
{
  analysis_done (task, data, error, ac_support_read_category);
}

static void
read_suggestions (GTask *task, JsonNode *data, GError *error)
{
  analysis_done (task, data, error, ac_support_read_suggestions);
}

static void
read_sentiment (GTask *task, JsonNode *data, GError *error)
{
  analysis_done (task, data, error, ac_support_read_sentiment);
}

static JsonBuilder *
analysis_request (const char         *masked,
                  const char * const *history)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "issue");
  json_builder_add_string_value (builder, masked);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, masked);
  if (history != NULL)
    {
      json_builder_set_member_name (builder, "history");
      json_builder_begin_array (builder);
      for (guint i = 0; history[i] != NULL; i++)
        {
          g_autofree char *line = ac_redact_typed_text (history[i]);

          json_builder_add_string_value (builder, line);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return builder;
}

/**
 * ac_support_client_analyze_async:
 * @self: an #AcSupportClient
 * @text: what the customer just said (redacted before it is sent)
 * @history: (array zero-terminated=1) (nullable): the call's recent lines,
 *   oldest first, such as `Customer: …` (redacted too)
 * @cancellable: (nullable): cancels it
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks `/categorize`, `/suggestions` and `/sentiment` at once; the answer
 * holds what those that answered said, and is an error only when none
 * did.
 */
void
ac_support_client_analyze_async (AcSupportClient     *self,
                                 const char          *text,
                                 const char * const  *history,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *masked = NULL;
  Analysis *analysis;
  static const struct { const char *name; ReadFunc read; } endpoints[] = {
    { "categorize", read_category },
    { "suggestions", read_suggestions },
    { "sentiment", read_sentiment },
  };

  g_return_if_fail (AC_IS_SUPPORT_CLIENT (self));
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_support_client_analyze_async);
  analysis = g_new0 (Analysis, 1);
  analysis->answer = answer_new ();
  analysis->pending = G_N_ELEMENTS (endpoints);
  g_task_set_task_data (task, analysis, (GDestroyNotify) analysis_free);
  masked = ac_redact_typed_text (text);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr(JsonBuilder) builder = analysis_request (masked, history);

      post (self, endpoints[i].name, builder, task, endpoints[i].read);
    }
}

/**
 * ac_support_client_analyze_finish:
 * @self: an #AcSupportClient
 * @result: the result
 * @error: return location for an #AcBackendError (or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): what the service answered
 */
AcSupportAnswer *
ac_support_client_analyze_finish (AcSupportClient  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
