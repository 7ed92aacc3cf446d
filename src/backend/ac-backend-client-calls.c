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
  GPtrArray *queues;
  JsonArray *rows;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if ((data = ac_backend_client_propagate (self, result, ac_backend_client_list_queues_async, error)) == NULL)
    return NULL;

  queues = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  rows = ac_backend_rows_of (data, "queues");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      GHashTable *fields;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;
      fields = ac_backend_fields_from_json (json_node_get_object (row));
      if (g_hash_table_lookup (fields, "id") == NULL || g_hash_table_lookup (fields, "name") == NULL)
        {
          g_hash_table_unref (fields);
          continue;
        }
      g_ptr_array_add (queues, fields);
    }
  return queues;
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
