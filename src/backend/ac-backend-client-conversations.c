/* ac-backend-client-conversations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ac-backend-client-private.h"
#include "ac-backend-sentiment.h"
#include "ac-backend-wire.h"
#include "ac-utterance.h"

/* The contract's conversations: created, read, ended and wrapped up, their
 * messages and the backend's sentiment timeline (`/conversations`,
 * `/sentiment`). */

/**
 * ac_backend_client_create_conversation_async:
 * @self: an #AcBackendClient
 * @client_id: the app's own id for the call, sent as `Idempotency-Key`
 *   so that a retry never makes a second conversation
 * @customer_id: (nullable): the customer's id on the server; %NULL for
 *   an unknown caller (the contract's column may be null)
 * @agent_id: (nullable): the agent's user id
 * @channel: `VOICE` (the contract's default) or another channel code
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the conversation
 * @user_data: data for @callback
 *
 * `POST /conversations` with `{customerId, agentId, channel}`.
 */
void
ac_backend_client_create_conversation_async (AcBackendClient     *self,
                                             const char          *client_id,
                                             const char          *customer_id,
                                             const char          *agent_id,
                                             const char          *channel,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (client_id != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "customerId");
  if (customer_id != NULL)
    json_builder_add_string_value (builder, customer_id);
  else
    json_builder_add_null_value (builder);
  if (agent_id != NULL)
    {
      json_builder_set_member_name (builder, "agentId");
      json_builder_add_string_value (builder, agent_id);
    }
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, channel != NULL ? channel : "VOICE");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  ac_backend_client_endpoint (self, ac_backend_client_create_conversation_async, "POST",
                              "/conversations", body, client_id, cancellable, callback, user_data);
}

/**
 * ac_backend_client_conversation_finish:
 * @self: an #AcBackendClient
 * @result: the result of creating, getting or ending a conversation
 * @error: return location for an #AcBackendError
 *
 * Returns: (transfer full): the conversation, as the store would give it
 */
AcConversation *
ac_backend_client_conversation_finish (AcBackendClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_autoptr(GHashTable) fields = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  fields = ac_backend_record_fields (self, result, NULL, _("The server sent a conversation without an id"), error);
  return fields != NULL ? ac_conversation_new (fields) : NULL;
}

/**
 * ac_backend_client_get_conversation_async:
 * @self: an #AcBackendClient
 * @conversation_id: the server's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the conversation; finish with
 *   ac_backend_client_conversation_finish()
 * @user_data: data for @callback
 *
 * `GET /conversations/<id>`.
 */
void
ac_backend_client_get_conversation_async (AcBackendClient     *self,
                                          const char          *conversation_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (conversation_id != NULL);

  path = ac_backend_escaped_path ("/conversations/", conversation_id);
  ac_backend_client_endpoint (self, ac_backend_client_get_conversation_async, "GET", path, NULL,
                              NULL, cancellable, callback, user_data);
}

typedef struct
{
  char    *id;
  gint64   duration_s;
  char    *overall_sentiment;
  char    *disposition;
  char    *notes;
  gboolean resolved;
} EndData;

static void
end_data_free (gpointer data)
{
  EndData *end = data;

  g_free (end->id);
  g_free (end->overall_sentiment);
  g_free (end->disposition);
  g_free (end->notes);
  g_free (end);
}

/* The end's answer, whichever request gave it: the conversation row. */
static void
on_end_answered (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *node = ac_backend_client_propagate (AC_BACKEND_CLIENT (object), result, NULL, &error);

  if (node == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

/* A backend of document 000 alone: its conversations table's way. */
static void
end_by_patch (AcBackendClient *self,
              GTask           *task)
{
  EndData *end = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *end_time = g_date_time_format_iso8601 (now);
  g_autofree char *path = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "COMPLETED");
  json_builder_set_member_name (builder, "endTime");
  json_builder_add_string_value (builder, end_time);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, MAX (end->duration_s, 0));
  if (end->overall_sentiment != NULL)
    {
      json_builder_set_member_name (builder, "overallSentiment");
      json_builder_add_string_value (builder, end->overall_sentiment);
    }
  json_builder_set_member_name (builder, "resolutionStatus");
  json_builder_add_string_value (builder, end->resolved ? "RESOLVED" : "PENDING");
  if (end->disposition != NULL)
    {
      json_builder_set_member_name (builder, "disposition");
      json_builder_add_string_value (builder, end->disposition);
    }
  if (end->notes != NULL && end->notes[0] != '\0')
    {
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, end->notes);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = ac_backend_escaped_path ("/conversations/", end->id);
  ac_backend_client_endpoint (self, NULL, "PATCH", path, body, NULL, g_task_get_cancellable (task),
                              on_end_answered, g_object_ref (task));
}

static void
on_end_posted (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AcBackendClient *self = AC_BACKEND_CLIENT (object);
  EndData *end = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonNode *node = ac_backend_client_propagate (self, result, NULL, &error);

  if (node != NULL)
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
  else if (g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_CONFLICT))
    {
      g_autofree char *path = ac_backend_escaped_path ("/conversations/", end->id);
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* Ended already (sent twice, or ended by the server): as it is. */
      ac_backend_client_endpoint (self, NULL, "GET", path, NULL, NULL, cancellable, on_end_answered,
                                  g_steal_pointer (&task));
    }
  else if (g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_FOUND) ||
           g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_IMPLEMENTED))
    {
      g_debug ("No POST /conversations/:id/end here (%s): ending the call with PATCH", error->message);
      end_by_patch (self, task);
    }
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ac_backend_client_end_conversation_async:
 * @self: an #AcBackendClient
 * @conversation_id: the server's id
 * @duration_s: the call's length, in seconds
 * @overall_sentiment: (nullable): the customer's overall label
 * @disposition: (nullable): the wrap-up's disposition code
 * @notes: (nullable): the wrap-up's notes, sent as the `summary`
 * @resolved: whether the call resolved the customer's matter
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the conversation; finish with
 *   ac_backend_client_conversation_finish()
 * @user_data: data for @callback
 *
 * Ends the call on the server, the voice-platform contract's way:
 * `POST /conversations/<id>/end` with `{disposition?, summary?,
 * resolutionStatus}` (the server sets `status: ENDED`, the end time and
 * the duration).  A call the server already ended (409) is read back as
 * it is.  A backend of document 000 alone, which has no such route (404,
 * 405 or 501), gets `PATCH /conversations/<id>` with its conversations
 * table's columns (`status: COMPLETED`, `endTime`, `duration`,
 * `overallSentiment`, `resolutionStatus`, `summary`) and the app's
 * `disposition`.  Any other refusal is the error: the server keeps the
 * call open.
 */
void
ac_backend_client_end_conversation_async (AcBackendClient     *self,
                                          const char          *conversation_id,
                                          gint64               duration_s,
                                          const char          *overall_sentiment,
                                          const char          *disposition,
                                          const char          *notes,
                                          gboolean             resolved,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *conversation = NULL;
  g_autofree char *path = NULL;
  EndData *end;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (conversation_id != NULL);

  end = g_new0 (EndData, 1);
  end->id = g_strdup (conversation_id);
  end->duration_s = duration_s;
  end->overall_sentiment = g_strdup (overall_sentiment);
  end->disposition = g_strdup (disposition);
  end->notes = g_strdup (notes);
  end->resolved = resolved;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_backend_client_end_conversation_async);
  g_task_set_task_data (task, end, end_data_free);

  json_builder_begin_object (builder);
  if (disposition != NULL)
    {
      json_builder_set_member_name (builder, "disposition");
      json_builder_add_string_value (builder, disposition);
    }
  if (notes != NULL && notes[0] != '\0')
    {
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, notes);
    }
  json_builder_set_member_name (builder, "resolutionStatus");
  json_builder_add_string_value (builder, resolved ? "RESOLVED" : "PENDING");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  conversation = ac_backend_escaped_path ("/conversations/", conversation_id);
  path = g_strconcat (conversation, "/end", NULL);
  ac_backend_client_endpoint (self, NULL, "POST", path, body, NULL, cancellable, on_end_posted,
                              g_steal_pointer (&task));
}

/**
 * ac_backend_client_wrap_up_conversation_async:
 * @self: an #AcBackendClient
 * @conversation_id: the server's id
 * @disposition: (nullable): the disposition code; %NULL sends none (the
 *   team lets a call go without one)
 * @notes: (nullable): the wrap-up's notes, sent as the `summary`
 * @resolved: whether the call resolved the customer's matter
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the conversation; finish with
 *   ac_backend_client_conversation_finish()
 * @user_data: data for @callback
 *
 * `PATCH /conversations/<id>` with what after-call work adds to an
 * ended call: `disposition`, `summary` and `resolutionStatus` (`RESOLVED`
 * or `PENDING`), nothing else, so the end time stays the call's.
 */
void
ac_backend_client_wrap_up_conversation_async (AcBackendClient     *self,
                                              const char          *conversation_id,
                                              const char          *disposition,
                                              const char          *notes,
                                              gboolean             resolved,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (conversation_id != NULL);

  json_builder_begin_object (builder);
  if (disposition != NULL)
    {
      json_builder_set_member_name (builder, "disposition");
      json_builder_add_string_value (builder, disposition);
    }
  json_builder_set_member_name (builder, "resolutionStatus");
  json_builder_add_string_value (builder, resolved ? "RESOLVED" : "PENDING");
  if (notes != NULL && notes[0] != '\0')
    {
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, notes);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = ac_backend_escaped_path ("/conversations/", conversation_id);
  ac_backend_client_endpoint (self, ac_backend_client_wrap_up_conversation_async, "PATCH", path,
                              body, NULL, cancellable, callback, user_data);
}

/**
 * ac_backend_client_list_messages_async:
 * @self: an #AcBackendClient
 * @conversation_id: the server's id
 * @limit: at most this many (the contract's frontend asks for 50)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the messages
 * @user_data: data for @callback
 *
 * `GET /conversations/<id>/messages?limit=N`.
 */
void
ac_backend_client_list_messages_async (AcBackendClient     *self,
                                       const char          *conversation_id,
                                       guint                limit,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (conversation_id != NULL);

  escaped = g_uri_escape_string (conversation_id, NULL, FALSE);
  path = g_strdup_printf ("/conversations/%s/messages?limit=%u", escaped, limit);
  ac_backend_client_endpoint (self, ac_backend_client_list_messages_async, "GET", path, NULL, NULL,
                              cancellable, callback, user_data);
}

/**
 * ac_backend_client_list_messages_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @message_ids: (out) (optional) (transfer full) (array zero-terminated=1):
 *   the server's id of each message returned, in the same order (as the
 *   backend's sentiment timeline names them), "" for a row without one
 * @error: return location for an #AcBackendError
 *
 * The server keeps a time for each message, not where in the call it
 * was: each utterance starts at its time after the first message's, and
 * ends there too.  `speaker` `agent` is the agent's channel (1), anything
 * else the customer's (0).  Rows without content are left out.
 *
 * Returns: (transfer full) (element-type AcUtterance): the final
 *   utterances, as the store gives them, or %NULL
 */
GPtrArray *
ac_backend_client_list_messages_finish (AcBackendClient  *self,
                                        GAsyncResult     *result,
                                        GStrv            *message_ids,
                                        GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GPtrArray) utterances = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GDateTime) first = NULL;
  JsonArray *rows;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  keep = ac_backend_client_propagate (self, result, ac_backend_client_list_messages_async, error);
  if (keep == NULL)
    return NULL;
  if ((rows = ac_backend_rows_of (keep, "messages")) == NULL)
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                   _("The server answered without a list of messages"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      g_autoptr(GHashTable) fields = NULL;
      g_autoptr(GDateTime) when = NULL;
      const char *content, *timestamp, *confidence, *speaker, *id;
      char *end = NULL;
      double score;
      gint64 start_ms = 0;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;
      fields = ac_backend_fields_from_json (json_node_get_object (row));
      content = g_hash_table_lookup (fields, "content");
      timestamp = g_hash_table_lookup (fields, "timestamp");
      confidence = g_hash_table_lookup (fields, "confidence");
      if (content == NULL || content[0] == '\0')
        continue;
      if (timestamp != NULL && (when = g_date_time_new_from_iso8601 (timestamp, NULL)) != NULL)
        {
          if (first == NULL)
            first = g_date_time_ref (when);
          start_ms = MAX (0, g_date_time_difference (when, first) / 1000);
        }
      speaker = g_hash_table_lookup (fields, "speaker");
      id = g_hash_table_lookup (fields, "id");
      g_strv_builder_add (ids, id != NULL ? id : "");
      /* A confidence that is not a number (“NaN”, “high”) counts as sure. */
      score = confidence != NULL ? g_ascii_strtod (confidence, &end) : 1.0;
      if (confidence != NULL && (end == confidence || !isfinite (score)))
        score = 1.0;
      g_ptr_array_add (utterances,
                       ac_utterance_new (ac_audio_channel_from_speaker (speaker),
                                         start_ms, start_ms, content, CLAMP (score, 0, 1), TRUE));
    }
  if (message_ids != NULL)
    *message_ids = g_strv_builder_end (ids);
  return g_steal_pointer (&utterances);
}

/**
 * ac_backend_client_get_sentiment_timeline_async:
 * @self: an #AcBackendClient
 * @conversation_id: the server's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the timeline
 * @user_data: data for @callback
 *
 * `GET /sentiment/conversation/<id>`: the backend's analysis of each
 * message of the call.
 */
void
ac_backend_client_get_sentiment_timeline_async (AcBackendClient     *self,
                                                const char          *conversation_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (conversation_id != NULL);

  path = ac_backend_escaped_path ("/sentiment/conversation/", conversation_id);
  ac_backend_client_endpoint (self, ac_backend_client_get_sentiment_timeline_async, "GET", path,
                              NULL, NULL, cancellable, callback, user_data);
}

/**
 * ac_backend_client_get_sentiment_timeline_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Rows the app cannot read (no message id, an unknown label) are left out.
 *
 * Returns: (transfer full) (element-type AcBackendSentiment): the
 *   timeline, in the server's order, or %NULL
 */
GPtrArray *
ac_backend_client_get_sentiment_timeline_finish (AcBackendClient  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GPtrArray) timeline = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_backend_sentiment_free);
  JsonArray *rows;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  keep = ac_backend_client_propagate (self, result, ac_backend_client_get_sentiment_timeline_async, error);
  if (keep == NULL)
    return NULL;
  if ((rows = ac_backend_rows_of (keep, "timeline")) == NULL && (rows = ac_backend_rows_of (keep, "sentiments")) == NULL)
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                   _("The server answered without a sentiment timeline"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      AcBackendSentiment *sentiment;

      if (JSON_NODE_HOLDS_OBJECT (row) &&
          (sentiment = ac_backend_sentiment_new_from_json (json_node_get_object (row), NULL)) != NULL)
        g_ptr_array_add (timeline, sentiment);
    }
  return g_steal_pointer (&timeline);
}
