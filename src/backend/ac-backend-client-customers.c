/* ac-backend-client-customers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-backend-client-private.h"
#include "ac-backend-wire.h"

/* The contract's customers: one by id, and the search (`/customers`). */

/**
 * ac_backend_client_get_customer_async:
 * @self: an #AcBackendClient
 * @customer_id: the customer's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the customer
 * @user_data: data for @callback
 *
 * `GET /customers/<id>`.
 */
void
ac_backend_client_get_customer_async (AcBackendClient     *self,
                                      const char          *customer_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));
  g_return_if_fail (customer_id != NULL);

  path = ac_backend_escaped_path ("/customers/", customer_id);
  ac_backend_client_endpoint (self, ac_backend_client_get_customer_async, "GET", path, NULL, NULL,
                              cancellable, callback, user_data);
}

/**
 * ac_backend_client_get_customer_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Returns: (transfer full): the customer, as the store would give it
 */
AcCustomer *
ac_backend_client_get_customer_finish (AcBackendClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GHashTable) fields = NULL;
  JsonObject *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if ((data = ac_backend_data_object (self, result, ac_backend_client_get_customer_async, &keep, error)) == NULL)
    return NULL;

  fields = ac_backend_fields_from_json (data);
  if (g_hash_table_lookup (fields, "id") == NULL || g_hash_table_lookup (fields, "name") == NULL)
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                   _("The server sent a customer without an id or a name"));
      return NULL;
    }
  return ac_customer_new (fields);
}

/**
 * ac_backend_client_search_customers_async:
 * @self: an #AcBackendClient
 * @query: (nullable): words of a name or email (`q`)
 * @phone: (nullable): a phone number, as stored on the server
 * @email: (nullable): an email address
 * @account_number: (nullable): an account number (`accountNumber`)
 * @limit: at most this many (the contract's default is 20)
 * @offset: from this one on, for the next page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the customers
 * @user_data: data for @callback
 *
 * `GET /customers/search`.
 */
void
ac_backend_client_search_customers_async (AcBackendClient     *self,
                                          const char          *query,
                                          const char          *phone,
                                          const char          *email,
                                          const char          *account_number,
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

  path = ac_backend_path_with_query ("/customers/search", "q", query, "phone", phone, "email", email,
                                     "accountNumber", account_number, "limit", limit_text,
                                     "offset", offset_text, NULL);
  ac_backend_client_endpoint (self, ac_backend_client_search_customers_async, "GET", path, NULL,
                              NULL, cancellable, callback, user_data);
}

/**
 * ac_backend_client_search_customers_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @total_count: (out) (optional): how many the server says match
 * @error: return location for an #AcBackendError
 *
 * Rows without an id or a name are left out.
 *
 * Returns: (transfer full): a list of #AcCustomer, or %NULL
 */
GListModel *
ac_backend_client_search_customers_finish (AcBackendClient  *self,
                                           GAsyncResult     *result,
                                           guint            *total_count,
                                           GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GListStore) customers = g_list_store_new (AC_TYPE_CUSTOMER);
  JsonObject *data;
  JsonArray *rows;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if ((data = ac_backend_data_object (self, result, ac_backend_client_search_customers_async, &keep, error)) == NULL)
    return NULL;

  rows = ac_backend_member_array (data, "customers");
  if (rows == NULL)
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                   _("The server answered the search without a list of customers"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      g_autoptr(GHashTable) fields = NULL;
      g_autoptr(AcCustomer) customer = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;
      fields = ac_backend_fields_from_json (json_node_get_object (row));
      if (g_hash_table_lookup (fields, "id") == NULL || g_hash_table_lookup (fields, "name") == NULL)
        continue;
      customer = ac_customer_new (fields);
      g_list_store_append (customers, customer);
    }

  if (total_count != NULL)
    {
      JsonNode *count = json_object_get_member (data, "totalCount");
      gint64 n = -1;

      /* A count may come as a number or as a string. */
      if (count != NULL && JSON_NODE_HOLDS_VALUE (count))
        {
          if (json_node_get_value_type (count) == G_TYPE_INT64)
            n = json_node_get_int (count);
          else if (json_node_get_value_type (count) == G_TYPE_STRING)
            g_ascii_string_to_signed (json_node_get_string (count), 10, 0, G_MAXUINT, &n, NULL);
        }
      *total_count = n >= 0 ? (guint) n : g_list_model_get_n_items (G_LIST_MODEL (customers));
    }

  return G_LIST_MODEL (g_steal_pointer (&customers));
}

