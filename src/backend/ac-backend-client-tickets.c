/* ac-backend-client-tickets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-backend-client-private.h"
#include "ac-backend-wire.h"

/* The contract's tickets: filed and listed (`/tickets`). */

/**
 * ac_backend_client_create_ticket_async:
 * @self: an #AcBackendClient
 * @client_id: the app's own id for the ticket, sent as `Idempotency-Key`
 *   so that a retry never files it twice
 * @fields: (element-type utf8 utf8): the ticket's columns as the store and
 *   the ticket form have them (`title`, `description`, `category`,
 *   `priority`, `status`, `customer_id`, `conversation_id`,
 *   `assigned_to`, `sla_deadline`, `tags` as a JSON array)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the ticket
 * @user_data: data for @callback
 *
 * `POST /tickets`, the columns in the contract's camelCase; `id`,
 * `created_at` and `updated_at` are the server's to set.
 */
void
ac_backend_client_create_ticket_async (AcBackendClient     *self,
                                       const char          *client_id,
                                       GHashTable          *fields,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (client_id != NULL && fields != NULL);

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *name = NULL;

      if (value == NULL || g_str_equal (key, "id") || g_str_equal (key, "created_at") ||
          g_str_equal (key, "updated_at"))
        continue;
      name = ac_backend_camel_case (key);
      if (g_str_equal (key, "tags"))
        {
          JsonNode *tags = json_from_string (value, NULL);

          if (tags != NULL && JSON_NODE_HOLDS_ARRAY (tags))
            json_object_set_member (object, name, tags);
          else if (tags != NULL)
            json_node_unref (tags);
        }
      else
        json_object_set_string_member (object, name, value);
    }
  json_node_set_object (body, object);

  ac_backend_client_endpoint (self, ac_backend_client_create_ticket_async, "POST", "/tickets", body,
                              client_id, cancellable, callback, user_data);
}

/**
 * ac_backend_client_create_ticket_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Returns: (transfer full): the ticket as the server filed it (its id,
 *   its SLA deadline), as the store would give it
 */
AcTicket *
ac_backend_client_create_ticket_finish (AcBackendClient  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_autoptr(GHashTable) fields = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  fields = ac_backend_record_fields (self, result, ac_backend_client_create_ticket_async, _("The server sent a ticket without an id"), error);
  return fields != NULL ? ac_ticket_new (fields) : NULL;
}

/**
 * ac_backend_client_list_tickets_async:
 * @self: an #AcBackendClient
 * @status: (nullable): only this status (`OPEN`, `IN_PROGRESS`…)
 * @priority: (nullable): only this priority
 * @customer_id: (nullable): only this customer's
 * @text: (nullable): words of the title (`q`)
 * @limit: at most this many
 * @offset: from this one on
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the tickets
 * @user_data: data for @callback
 *
 * `GET /tickets?status=&priority=&customerId=&q=&limit=&offset=`.
 */
void
ac_backend_client_list_tickets_async (AcBackendClient     *self,
                                      const char          *status,
                                      const char          *priority,
                                      const char          *customer_id,
                                      const char          *text,
                                      guint                limit,
                                      guint                offset,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  g_autofree char *offset_text = g_strdup_printf ("%u", offset);
  g_autofree char *path = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));

  path = ac_backend_path_with_query ("/tickets", "status", status, "priority", priority,
                                     "customerId", customer_id, "q", text, "limit", limit_text,
                                     "offset", offset_text, NULL);
  ac_backend_client_endpoint (self, ac_backend_client_list_tickets_async, "GET", path, NULL, NULL,
                              cancellable, callback, user_data);
}

/**
 * ac_backend_client_list_tickets_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Rows without an id are left out; codes are put in capitals.
 *
 * Returns: (transfer full): a list of #AcTicket, or %NULL
 */
GListModel *
ac_backend_client_list_tickets_finish (AcBackendClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GListStore) tickets = g_list_store_new (AC_TYPE_TICKET);
  JsonArray *rows;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  keep = ac_backend_client_propagate (self, result, ac_backend_client_list_tickets_async, error);
  if (keep == NULL)
    return NULL;
  if ((rows = ac_backend_rows_of (keep, "tickets")) == NULL)
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                   _("The server answered without a list of tickets"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      g_autoptr(GHashTable) fields = NULL;
      g_autoptr(AcTicket) ticket = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;
      fields = ac_backend_fields_from_json (json_node_get_object (row));
      if (g_hash_table_lookup (fields, "id") == NULL)
        continue;
      ticket = ac_ticket_new (fields);
      g_list_store_append (tickets, ticket);
    }
  return G_LIST_MODEL (g_steal_pointer (&tickets));
}
