/* ac-backend-client-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ac-backend-client-private.h"
#include "ac-backend-wire.h"

/* The monitoring service: the queue's figures and the server's health
 * (`/dashboard/stats`, `/system/health`). */

/**
 * ac_backend_client_get_dashboard_async:
 * @self: an #AcBackendClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the figures
 * @user_data: data for @callback
 *
 * `GET /dashboard/stats` (the monitoring service of
 * `003_3b2400769eb56be8`): the queue's live figures.
 */
void
ac_backend_client_get_dashboard_async (AcBackendClient     *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));

  ac_backend_client_endpoint (self, ac_backend_client_get_dashboard_async, "GET",
                              "/dashboard/stats", NULL, NULL, cancellable, callback, user_data);
}

/**
 * ac_backend_client_get_dashboard_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * The contract does not fix the figures' names: whatever the server
 * sends, as snake_case name → text (`active_calls` → `3`,
 * `average_handle_time` → `312.5`).
 *
 * Returns: (transfer full) (element-type utf8 utf8): the figures, or
 *   %NULL
 */
GHashTable *
ac_backend_client_get_dashboard_finish (AcBackendClient  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if ((data = ac_backend_data_object (self, result, ac_backend_client_get_dashboard_async, &keep, error)) == NULL)
    return NULL;
  return ac_backend_fields_from_json (data);
}

/**
 * ac_backend_client_check_health_async:
 * @self: an #AcBackendClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * `GET /health` at the server's root (the API's address without its
 * `/api`), which answers `{"status": "healthy"}` without the envelope.
 */
void
ac_backend_client_check_health_async (AcBackendClient     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *root = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (AC_IS_BACKEND_CLIENT (self));

  root = g_strdup (ac_backend_client_get_base_url (self));
  if (g_str_has_suffix (root, "/api"))
    root[strlen (root) - 4] = '\0';
  url = g_strconcat (root, "/health", NULL);
  ac_backend_client_endpoint (self, ac_backend_client_check_health_async, "GET", url, NULL, NULL,
                              cancellable, callback, user_data);
}

/**
 * ac_backend_client_check_health_finish:
 * @self: an #AcBackendClient
 * @result: the result
 * @error: return location for an #AcBackendError
 *
 * Returns: %TRUE if the server says it is healthy; %FALSE with
 *   %AC_BACKEND_ERROR_SERVER if it answered otherwise, or the error that
 *   kept it from answering
 */
gboolean
ac_backend_client_check_health_finish (AcBackendClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *data;
  const char *status;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if ((data = ac_backend_data_object (self, result, ac_backend_client_check_health_async, &keep, error)) == NULL)
    return FALSE;
  status = ac_backend_string_member (data, "status", NULL);
  if (g_strcmp0 (status, "healthy") != 0 && g_strcmp0 (status, "ok") != 0)
    {
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_SERVER,
                   _("The server says it is not well (“%s”)"), status != NULL ? status : "");
      return FALSE;
    }
  return TRUE;
}
