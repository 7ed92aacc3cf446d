/* ac-ticket-desk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-ticket-desk"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-ticket-desk.h"

/**
 * AcTicketDesk:
 *
 * Where a ticket the agent files goes: into the local store first (it
 * gets its number there, and is kept whatever the network does), then,
 * with a contact-center server signed in, through the backend's outbox
 * under the local ticket's id as its `Idempotency-Key` — the same ticket
 * however often it is retried (see ac_backend_sync_file_ticket()).
 *
 * No window writes tickets: the ticket form's window asks the desk and
 * shows what it answers.
 */
struct _AcTicketDesk
{
  GObject        parent_instance;

  AcStore       *store;        /* nullable */
  AcBackendSync *sync;         /* nullable */
};

G_DEFINE_FINAL_TYPE (AcTicketDesk, ac_ticket_desk, G_TYPE_OBJECT)

/* What the server is sent of a ticket filed here: the form's fields but
 * the local number (the server numbers its own) and a customer the server
 * does not have (the title names them). */
static void
send_to_server (AcTicketDesk *self,
                AcTicket     *ticket,
                GHashTable   *fields)
{
  g_autoptr(GHashTable) sent = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->sync == NULL)
    return;

  sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      g_hash_table_insert (sent, g_strdup (key), g_strdup (value));
  g_hash_table_remove (sent, "ticket_number");
  if (!ac_backend_sync_is_server_customer (self->sync, g_hash_table_lookup (sent, "customer_id")))
    g_hash_table_remove (sent, "customer_id");
  ac_backend_sync_file_ticket (self->sync, ac_ticket_get_id (ticket), sent);
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AcTicketDesk *self = g_task_get_source_object (task);
  GError *error = NULL;
  AcTicket *ticket = ac_store_create_ticket_finish (AC_STORE (object), result, &error);

  if (ticket == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  send_to_server (self, ticket, g_task_get_task_data (task));
  g_task_return_pointer (task, ticket, g_object_unref);
}

static void
ac_ticket_desk_dispose (GObject *object)
{
  AcTicketDesk *self = AC_TICKET_DESK (object);

  g_clear_object (&self->store);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (ac_ticket_desk_parent_class)->dispose (object);
}

static void
ac_ticket_desk_class_init (AcTicketDeskClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ac_ticket_desk_dispose;
}

static void
ac_ticket_desk_init (AcTicketDesk *self)
{
}

/**
 * ac_ticket_desk_new:
 *
 * Returns: (transfer full): a desk with neither a store nor a server yet
 */
AcTicketDesk *
ac_ticket_desk_new (void)
{
  return g_object_new (AC_TYPE_TICKET_DESK, NULL);
}

/**
 * ac_ticket_desk_set_store:
 * @self: an #AcTicketDesk
 * @store: (nullable): the open local store
 */
void
ac_ticket_desk_set_store (AcTicketDesk *self,
                          AcStore      *store)
{
  g_return_if_fail (AC_IS_TICKET_DESK (self));
  g_return_if_fail (store == NULL || AC_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * ac_ticket_desk_set_backend_sync:
 * @self: an #AcTicketDesk
 * @sync: (nullable): the contact-center server's link
 */
void
ac_ticket_desk_set_backend_sync (AcTicketDesk  *self,
                                 AcBackendSync *sync)
{
  g_return_if_fail (AC_IS_TICKET_DESK (self));
  g_return_if_fail (sync == NULL || AC_IS_BACKEND_SYNC (sync));

  g_set_object (&self->sync, sync);
}

/**
 * ac_ticket_desk_file_async:
 * @self: an #AcTicketDesk
 * @fields: (element-type utf8 utf8): the ticket's columns, as
 *   ac_store_create_ticket_async() takes them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the ticket as filed here
 * @user_data: data for @callback
 *
 * Files a ticket here, then sends it to the server when one is signed
 * in (later, from the outbox, if it cannot be reached now).
 */
void
ac_ticket_desk_file_async (AcTicketDesk        *self,
                           GHashTable          *fields,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AC_IS_TICKET_DESK (self));
  g_return_if_fail (fields != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_ticket_desk_file_async);
  g_task_set_task_data (task, g_hash_table_ref (fields), (GDestroyNotify) g_hash_table_unref);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_CLOSED,
                               _("Tickets cannot be filed: the local store is not open"));
      return;
    }

  ac_store_create_ticket_async (self->store, fields, cancellable, on_created, g_steal_pointer (&task));
}

/**
 * ac_ticket_desk_file_finish:
 * @self: an #AcTicketDesk
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the ticket as filed here, with its number and
 *   SLA deadline, or %NULL with an %AC_STORE_ERROR (%AC_STORE_ERROR_INVALID
 *   says what to fix; %AC_STORE_ERROR_CLOSED when there is no store)
 */
AcTicket *
ac_ticket_desk_file_finish (AcTicketDesk  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ac_ticket_desk_file_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
