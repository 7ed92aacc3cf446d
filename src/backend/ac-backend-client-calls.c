/* ac-backend-client-calls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-backend-client-private.h"
#include "ac-backend-wire.h"

/* The voice platform's calls: its queues, and moving a call to another
 * queue or agent (`/queues`, `/transfer/initiate`, the contract
 * `contracts/voice-platform.md` makes of `003_3b2400769eb56be8`). */

/* The rows of @data's @member as name → text fields; a row that is not an
 * object, has no id or (when given) no @also, is left out. */
static GPtrArray *
fields_of_rows (JsonNode   *data,
                const char *member,
                const char *also)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  JsonArray *rows = ac_backend_rows_of (data, member);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      GHashTable *fields;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;
      fields = ac_backend_fields_from_json (json_node_get_object (row));
      if (g_hash_table_lookup (fields, "id") == NULL || (also != NULL && g_hash_table_lookup (fields, also) == NULL))
        {
          g_hash_table_unref (fields);
          continue;
        }
      g_ptr_array_add (list, fields);
    }
  return list;
}

/**
 * ac_backend_client_list_queues_async:
 * @self: an #AcBackendClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the queues
 * @user_data: data for @callback
 *
 * `GET /queues`: the contact center's queues, which any signed-in user may
 * read.
 */
void
ac_backend_client_list_queues_async (AcBackendClient     *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));

  ac_backend_client_endpoint (self, ac_backend_client_list_queues_async, "GET", "/queues", NULL, NULL,
                              cancellable, callback, user_data);
}

/**
 * ac_backend_client_list_queues_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * The queues as name → text fields (ac_backend_fields_from_json()):
 * `id`, `name`, `description`, `sla_seconds`.  A queue without an id or a
 * name is left out; ids sent as numbers come as text.
 *
 * Returns: (transfer full) (element-type GHashTable): the queues, in the
 *   server's order, or %NULL
 */
GPtrArray *
ac_backend_client_list_queues_finish (AcBackendClient  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_autoptr(JsonNode) data = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if ((data = ac_backend_client_propagate (self, result, ac_backend_client_list_queues_async, error)) == NULL)
    return NULL;

  return fields_of_rows (data, "queues", "name");
}

/**
 * ac_backend_client_transfer_call_async:
 * @self: an #AcBackendClient
 * @call_id: the server's id of the call (the conversation's)
 * @queue: (nullable): the queue to move it to, by id or name
 * @agent: (nullable): the agent to move it to, by id or email
 * @warm: a warm transfer (the agent stays on until the other side takes
 *   it) rather than a cold one
 * @reason: (nullable): why, for the one who takes it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answers
 * @user_data: data for @callback
 *
 * `POST /transfer/initiate` with `{callId, targetQueue?, targetAgent?,
 * options: {type: COLD|WARM, reason?}}`; at least one of @queue and
 * @agent.  The server answers 400 with no target or the same agent, 403
 * for someone else's call, 404 for an unknown call and 409 for a call
 * that ended or an agent who is offline, each with its message.
 */
void
ac_backend_client_transfer_call_async (AcBackendClient     *self,
                                       const char          *call_id,
                                       const char          *queue,
                                       const char          *agent,
                                       gboolean             warm,
                                       const char          *reason,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (call_id != NULL);
  g_return_if_fail ((queue != NULL && queue[0] != '\0') || (agent != NULL && agent[0] != '\0'));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "callId");
  json_builder_add_string_value (builder, call_id);
  if (queue != NULL && queue[0] != '\0')
    {
      json_builder_set_member_name (builder, "targetQueue");
      json_builder_add_string_value (builder, queue);
    }
  if (agent != NULL && agent[0] != '\0')
    {
      json_builder_set_member_name (builder, "targetAgent");
      json_builder_add_string_value (builder, agent);
    }
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, warm ? "WARM" : "COLD");
  if (reason != NULL && reason[0] != '\0')
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  ac_backend_client_endpoint (self, ac_backend_client_transfer_call_async, "POST", "/transfer/initiate", body,
                              NULL, cancellable, callback, user_data);
}

/**
 * ac_backend_client_transfer_call_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Returns: (transfer full) (element-type utf8 utf8): the transfer as
 *   fields (`id`, `status`, `type`, …), or %NULL
 */
GHashTable *
ac_backend_client_transfer_call_finish (AcBackendClient  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if ((data = ac_backend_data_object (self, result, ac_backend_client_transfer_call_async, &keep, error)) == NULL)
    return NULL;
  return ac_backend_fields_from_json (data);
}

/**
 * ac_backend_client_list_recordings_async:
 * @self: an #AcBackendClient
 * @call_id: the server's id of the call
 * @status: (nullable): `RECORDING` or `COMPLETED`, or %NULL for both
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the recordings
 * @user_data: data for @callback
 *
 * `GET /recordings?callId=…&status=…`: the server's recordings of a call,
 * newest first.
 */
void
ac_backend_client_list_recordings_async (AcBackendClient     *self,
                                         const char          *call_id,
                                         const char          *status,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *call = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (call_id != NULL);

  call = g_uri_escape_string (call_id, NULL, FALSE);
  path = status != NULL ? g_strdup_printf ("/recordings?callId=%s&status=%s", call, status)
                        : g_strdup_printf ("/recordings?callId=%s", call);
  ac_backend_client_endpoint (self, ac_backend_client_list_recordings_async, "GET", path, NULL, NULL,
                              cancellable, callback, user_data);
}

/**
 * ac_backend_client_list_recordings_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * The recordings as name → text fields (`id`, `status`, `call_id`,
 * `started_at`, …); one without an id is left out.
 *
 * Returns: (transfer full) (element-type GHashTable): the recordings, or
 *   %NULL
 */
GPtrArray *
ac_backend_client_list_recordings_finish (AcBackendClient  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_autoptr(JsonNode) data = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if ((data = ac_backend_client_propagate (self, result, ac_backend_client_list_recordings_async, error)) == NULL)
    return NULL;

  return fields_of_rows (data, "recordings", NULL);
}

/**
 * ac_backend_client_start_recording_async:
 * @self: an #AcBackendClient
 * @call_id: the server's id of the call
 * @reason: (nullable): why, kept in the recording's `options`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answers
 * @user_data: data for @callback
 *
 * `POST /recording/start` with `{callId, options?: {reason}}`: the server
 * records the call again.  409 if it is already recording or the call
 * ended.
 */
void
ac_backend_client_start_recording_async (AcBackendClient     *self,
                                         const char          *call_id,
                                         const char          *reason,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (call_id != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "callId");
  json_builder_add_string_value (builder, call_id);
  if (reason != NULL)
    {
      json_builder_set_member_name (builder, "options");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  ac_backend_client_endpoint (self, ac_backend_client_start_recording_async, "POST", "/recording/start", body,
                              NULL, cancellable, callback, user_data);
}

/**
 * ac_backend_client_start_recording_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Returns: (transfer full) (element-type utf8 utf8): the new recording as
 *   fields, or %NULL
 */
GHashTable *
ac_backend_client_start_recording_finish (AcBackendClient  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if ((data = ac_backend_data_object (self, result, ac_backend_client_start_recording_async, &keep, error)) == NULL)
    return NULL;
  return ac_backend_fields_from_json (data);
}

/**
 * ac_backend_client_stop_recording_async:
 * @self: an #AcBackendClient
 * @recording_id: the server's recording
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answers
 * @user_data: data for @callback
 *
 * `POST /recording/:recordingId/stop`.  409 if it already stopped.
 */
void
ac_backend_client_stop_recording_async (AcBackendClient     *self,
                                        const char          *recording_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (recording_id != NULL);

  id = g_uri_escape_string (recording_id, NULL, FALSE);
  path = g_strdup_printf ("/recording/%s/stop", id);
  ac_backend_client_endpoint (self, ac_backend_client_stop_recording_async, "POST", path, NULL, NULL,
                              cancellable, callback, user_data);
}

/**
 * ac_backend_client_stop_recording_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Returns: %TRUE if the server stopped it
 */
gboolean
ac_backend_client_stop_recording_finish (AcBackendClient  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_autoptr(JsonNode) data = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = ac_backend_client_propagate (self, result, ac_backend_client_stop_recording_async, error);
  return data != NULL;
}

/**
 * ac_backend_client_set_agent_state_async:
 * @self: an #AcBackendClient
 * @state: the contract's state: `AVAILABLE`, `ON_CALL`, `AFTER_CALL_WORK`,
 *   `BREAK` or `OFFLINE`
 * @reason: (nullable): why (a break's reason), at most 30 characters (cut
 *   to that)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answers
 * @user_data: data for @callback
 *
 * `PUT /agents/me/state` with `{state, reason?}`: the agent's state for
 * routing and the supervisors' floor.
 */
void
ac_backend_client_set_agent_state_async (AcBackendClient     *self,
                                         const char          *state,
                                         const char          *reason,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (state != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state);
  if (reason != NULL && reason[0] != '\0')
    {
      g_autofree char *cut = g_utf8_substring (reason, 0, MIN (g_utf8_strlen (reason, -1), 30));

      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, g_strchomp (cut));
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  ac_backend_client_endpoint (self, ac_backend_client_set_agent_state_async, "PUT", "/agents/me/state", body,
                              NULL, cancellable, callback, user_data);
}

/**
 * ac_backend_client_set_agent_state_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Returns: (transfer full) (element-type utf8 utf8): the agent as the
 *   server has it now (`state`, `previous_state`, `changed`, …), or %NULL
 */
GHashTable *
ac_backend_client_set_agent_state_finish (AcBackendClient  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if ((data = ac_backend_data_object (self, result, ac_backend_client_set_agent_state_async, &keep, error)) == NULL)
    return NULL;
  return ac_backend_fields_from_json (data);
}
