/* ac-store-outbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-store-private.h"

/* What the contact center's server must get (`outbox`), kept until it
 * confirms it, and which server record each local one became
 * (`remote_ids`). */

G_DEFINE_BOXED_TYPE (AcOutboxItem, ac_outbox_item, ac_outbox_item_copy, ac_outbox_item_free)

/**
 * ac_outbox_item_copy:
 * @item: an outbox item
 *
 * Returns: (transfer full): a copy
 */
AcOutboxItem *
ac_outbox_item_copy (const AcOutboxItem *item)
{
  AcOutboxItem *copy = g_new0 (AcOutboxItem, 1);

  *copy = *item;
  copy->client_id = g_strdup (item->client_id);
  copy->kind = g_strdup (item->kind);
  copy->payload = g_strdup (item->payload);
  copy->last_error = g_strdup (item->last_error);
  return copy;
}

/**
 * ac_outbox_item_free:
 * @item: (transfer full) (nullable): an outbox item
 */
void
ac_outbox_item_free (AcOutboxItem *item)
{
  if (item == NULL)
    return;
  g_free (item->client_id);
  g_free (item->kind);
  g_free (item->payload);
  g_free (item->last_error);
  g_free (item);
}

struct _OutboxAdd
{
  char *server;
  char *client_id;
  char *kind;
  char *payload;
};

AC_STORE_DEFINE_DATA (OutboxAdd, outbox_add)

static void
outbox_add_clear (OutboxAdd *data)
{
  g_free (data->server);
  g_free (data->client_id);
  g_free (data->kind);
  g_free (data->payload);
}

static void
bind_outbox_add (sqlite3_stmt  *stmt,
                 gconstpointer  task_data,
                 const char    *now)
{
  const OutboxAdd *args = task_data;

  sqlite3_bind_text (stmt, 1, args->client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, args->payload, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, args->server, -1, SQLITE_TRANSIENT);
}

static void
outbox_add_job (AcStore *self,
                GTask   *task)
{
  /* The same client id twice is one item: the first stays. */
  if (ac_store_run_statement (self, task,
                              "INSERT OR IGNORE INTO outbox (client_id, kind, payload, created_at, server) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)",
                              bind_outbox_add, _("A change for the server could not be kept")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_outbox_add_async:
 * @self: an open #AcStore
 * @server: the backend's API address the item is for
 * @client_id: the item's own id (a UUID the app made up), which also goes
 *   to the server so that a retry never creates a duplicate
 * @kind: what it is: `conversation`, `message`, `end` or `ticket`
 * @payload: what to send, as JSON text
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Keeps something the server must get, before it is sent: it stays until
 * ac_store_outbox_remove_async() once the server confirmed it.  An item
 * with a @client_id already waiting is left as it was.
 */
void
ac_store_outbox_add_async (AcStore             *self,
                           const char          *server,
                           const char          *client_id,
                           const char          *kind,
                           const char          *payload,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  OutboxAdd *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (server != NULL && client_id != NULL && kind != NULL && payload != NULL);

  data = outbox_add_new ();
  data->server = g_strdup (server);
  data->client_id = g_strdup (client_id);
  data->kind = g_strdup (kind);
  data->payload = g_strdup (payload);
  ac_store_start_job (self, data, outbox_add_free, ac_store_outbox_add_async, outbox_add_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_outbox_add_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_outbox_add_finish (AcStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_outbox_add_async, error);
}

/* The task data of removing an item: its client id. */
static void
bind_client_id (sqlite3_stmt  *stmt,
                gconstpointer  task_data,
                const char    *now)
{
  sqlite3_bind_text (stmt, 1, task_data, -1, SQLITE_TRANSIENT);
}

static void
outbox_remove_job (AcStore *self,
                   GTask   *task)
{
  if (ac_store_run_statement (self, task, "DELETE FROM outbox WHERE client_id = ?1", bind_client_id,
                              _("A change sent to the server could not be marked as sent")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_outbox_remove_async:
 * @self: an open #AcStore
 * @client_id: the item the server confirmed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Forgets an item the server has.  Removing an item not there is no
 * error.
 */
void
ac_store_outbox_remove_async (AcStore             *self,
                              const char          *client_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (client_id != NULL);

  ac_store_start_job (self, g_strdup (client_id), g_free, ac_store_outbox_remove_async,
                      outbox_remove_job, cancellable, callback, user_data);
}

/**
 * ac_store_outbox_remove_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_outbox_remove_finish (AcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_outbox_remove_async, error);
}

struct _OutboxFailure
{
  char *client_id;
  char *message;
};

AC_STORE_DEFINE_DATA (OutboxFailure, outbox_failure)

static void
outbox_failure_clear (OutboxFailure *data)
{
  g_free (data->client_id);
  g_free (data->message);
}

static void
bind_failure (sqlite3_stmt  *stmt,
              gconstpointer  task_data,
              const char    *now)
{
  const OutboxFailure *args = task_data;

  sqlite3_bind_text (stmt, 1, args->client_id, -1, SQLITE_TRANSIENT);
  ac_store_bind_text_or_null (stmt, 2, args->message);
}

static void
outbox_fail_job (AcStore *self,
                 GTask   *task)
{
  if (ac_store_run_statement (self, task,
                              "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE client_id = ?1",
                              bind_failure, _("A change for the server could not be updated")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_outbox_set_error_async:
 * @self: an open #AcStore
 * @client_id: the item
 * @error_message: why the server refused it, for the agent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Notes that the server refused an item (it stays in the outbox, and is
 * tried again at the next start).
 */
void
ac_store_outbox_set_error_async (AcStore             *self,
                                 const char          *client_id,
                                 const char          *error_message,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  OutboxFailure *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (client_id != NULL);

  data = outbox_failure_new ();
  data->client_id = g_strdup (client_id);
  data->message = g_strdup (error_message);
  ac_store_start_job (self, data, outbox_failure_free, ac_store_outbox_set_error_async, outbox_fail_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_outbox_set_error_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_outbox_set_error_finish (AcStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_outbox_set_error_async, error);
}

static void
outbox_list_job (AcStore *self,
                 GTask   *task)
{
  const char *server = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_outbox_item_free);
  sqlite3_stmt *stmt = NULL;

  if (!ac_store_require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, client_id, kind, payload, attempts, last_error FROM outbox "
                          "WHERE server = ?1 ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                               _("The changes waiting for the server could not be read: %s"),
                               sqlite3_errmsg (self->db));
      return;
    }
  sqlite3_bind_text (stmt, 1, server, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AcOutboxItem *item = g_new0 (AcOutboxItem, 1);

      item->position = sqlite3_column_int64 (stmt, 0);
      item->client_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      item->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      item->attempts = (guint) sqlite3_column_int (stmt, 4);
      item->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (items, item);
    }
  sqlite3_finalize (stmt);

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ac_store_outbox_list_async:
 * @self: an open #AcStore
 * @server: the backend's API address
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the items
 * @user_data: data for @callback
 *
 * Reads what waits for @server, oldest first.
 */
void
ac_store_outbox_list_async (AcStore             *self,
                            const char          *server,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (server != NULL);

  /* The task data: the server. */
  ac_store_start_job (self, g_strdup (server), g_free, ac_store_outbox_list_async, outbox_list_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_outbox_list_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type AcOutboxItem): the items, oldest
 *   first, or %NULL
 */
GPtrArray *
ac_store_outbox_list_finish (AcStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_outbox_list_async, error);
}

/* ----------------------------------------------------------- remote ids */

struct _RemoteId
{
  char *server;
  char *kind;
  char *local_id;             /* NULL when listing */
  char *remote_id;            /* NULL when listing */
};

AC_STORE_DEFINE_DATA (RemoteId, remote_id)

static void
remote_id_clear (RemoteId *data)
{
  g_free (data->server);
  g_free (data->kind);
  g_free (data->local_id);
  g_free (data->remote_id);
}

static void
bind_remote_id (sqlite3_stmt  *stmt,
                gconstpointer  task_data,
                const char    *now)
{
  const RemoteId *args = task_data;

  sqlite3_bind_text (stmt, 1, args->server, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, args->local_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, args->remote_id, -1, SQLITE_TRANSIENT);
}

static void
set_remote_id_job (AcStore *self,
                   GTask   *task)
{
  if (ac_store_run_statement (self, task,
                              "INSERT OR REPLACE INTO remote_ids (server, kind, local_id, remote_id) VALUES (?1, ?2, ?3, ?4)",
                              bind_remote_id, _("The server’s id for a record could not be kept")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_set_remote_id_async:
 * @self: an open #AcStore
 * @server: the backend's API address
 * @kind: `conversation` or `ticket`
 * @local_id: the app's id
 * @remote_id: the server's id for the same record
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Remembers which server record a local one became.
 */
void
ac_store_set_remote_id_async (AcStore             *self,
                              const char          *server,
                              const char          *kind,
                              const char          *local_id,
                              const char          *remote_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  RemoteId *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (server != NULL && kind != NULL && local_id != NULL && remote_id != NULL);

  data = remote_id_new ();
  data->server = g_strdup (server);
  data->kind = g_strdup (kind);
  data->local_id = g_strdup (local_id);
  data->remote_id = g_strdup (remote_id);
  ac_store_start_job (self, data, remote_id_free, ac_store_set_remote_id_async, set_remote_id_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_set_remote_id_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_set_remote_id_finish (AcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_set_remote_id_async, error);
}

static void
list_remote_ids_job (AcStore *self,
                     GTask   *task)
{
  RemoteId *args = g_task_get_task_data (task);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (!ac_store_require_open (self, task))
    return;
  if (sqlite3_prepare_v2 (self->db, "SELECT local_id, remote_id FROM remote_ids WHERE server = ?1 AND kind = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                               _("The server’s ids could not be read: %s"), sqlite3_errmsg (self->db));
      return;
    }
  sqlite3_bind_text (stmt, 1, args->server, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->kind, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_hash_table_unref);
}

/**
 * ac_store_list_remote_ids_async:
 * @self: an open #AcStore
 * @server: the backend's API address
 * @kind: `conversation` or `ticket`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the ids
 * @user_data: data for @callback
 *
 * Reads which server records local ones became.
 */
void
ac_store_list_remote_ids_async (AcStore             *self,
                                const char          *server,
                                const char          *kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  RemoteId *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (server != NULL && kind != NULL);

  data = remote_id_new ();
  data->server = g_strdup (server);
  data->kind = g_strdup (kind);
  ac_store_start_job (self, data, remote_id_free, ac_store_list_remote_ids_async, list_remote_ids_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_list_remote_ids_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type utf8 utf8): local id → server
 *   id, or %NULL
 */
GHashTable *
ac_store_list_remote_ids_finish (AcStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_list_remote_ids_async, error);
}
